// `collect: shard`: one matrix job of a sharded collection. Reads its own teams of the plan with its own token (so
// paced on its own account's rate-limit pool) and writes its part to `<shard-dir>/shard-<n>/shard.json`. Commits
// nothing and opens nothing; the account-wide reads (enterprise members, audit trail) are the merge's.
// The part travels as a workflow artifact, which anyone who can read the repository can download: it holds config
// var names only (the client drops the values), as the evidence does.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as core from '@actions/core';
import { ShardError } from '../errors.js';
import type { HerokuClient } from '../heroku/client.js';
import { walkTeamsInto } from '../heroku/collect.js';
import { collectShardHardening, type Hardened } from '../heroku/hardening.js';
import { readInto } from '../heroku/read.js';
import type { Inputs } from '../inputs.js';
import { jobSummary } from '../run-output.js';
import { md } from '../shared/escape.js';
import * as r from '../snapshot/records.js';
import { emptySnapshot, type Gap, type Snapshot } from '../snapshot/snapshot.js';
import { info } from './context.js';
import { readPlan } from './plan.js';

export const SHARD_SCHEMA = 'heroku-evidence/shard@2';
export const SHARD_FILE = 'shard.json';

/** What one shard read of its teams: the per-team records of a snapshot. */
export const PART_RECORDS = [
  'teamMembers',
  'teamPreferences',
  'apps',
  'appPermissions',
  'configVarNames',
  'domains',
  'sniEndpoints',
  'addons',
  'pipelineCouplings',
  'formations',
  'sniEndpointsReadFor',
  'logDrains',
  'appFeatures',
  'pipelineConfigVarNames',
  'reviewAppConfigs',
] as const;

export interface ShardPart {
  schema: typeof SHARD_SCHEMA;
  shard: number;
  planDigest: string;
  /** The Heroku account of the shard's token. */
  account: { id: string; email: string };
  startedAt: string;
  endedAt: string;
  requests: number;
  rateLimited: number;
  /** The shard's teams its token can see, as it listed them. */
  teams: r.Team[];
  /** The shard's teams its token cannot see. */
  unseen: string[];
  gaps: Gap[];
  records: Pick<Snapshot, (typeof PART_RECORDS)[number]>;
  /** The production apps and pipelines whose lists the shard read (the merge reads the rest). */
  hardened: Hardened;
}

export async function shardMode(heroku: HerokuClient, inputs: Inputs, now: Date): Promise<void> {
  const plan = await readPlan(inputs.shardDir);
  const mine = plan.shards.find((s) => s.shard === inputs.shard);
  if (!mine)
    throw new ShardError(
      `\`shard\` is ${inputs.shard}, but the plan has ${plan.shards.length} shard(s): pass \`shard: \${{ matrix.shard }}\` with the plan's matrix.`,
    );
  const snapshot = emptySnapshot(now.toISOString());
  const read = readInto(snapshot);
  const part = await core.group(`Collect shard ${mine.shard} (${mine.teams.length} teams)`, async () => {
    const [budget, account, listed] = await Promise.all([
      heroku.checkRateLimit(),
      heroku.get('/account', r.account),
      mine.teams.length ? read('teams', 'account', () => heroku.list('/teams', r.team)) : [],
    ]);
    info(`Token belongs to ${account.email}; ${budget} requests left in its pool.`);
    // The plan's teams as this token lists them (by id; by name for a team the plan's token could not list).
    const teams: r.Team[] = [];
    const unseen: string[] = [];
    for (const t of mine.teams) {
      const found = listed?.find((l) => (t.id ? l.id === t.id : l.name === t.name));
      if (found) teams.push(found);
      else unseen.push(t.name);
    }
    await walkTeamsInto(heroku, teams, snapshot, read, info, plan.knownEndpointApps ?? []);
    // The per-app and per-pipeline reads of the controls from HEROKU-LOG-1 on, on this shard's own pool.
    const hardened = await collectShardHardening(heroku, snapshot, read, teams, plan.productionApps ?? []);
    const records = Object.fromEntries(PART_RECORDS.map((key) => [key, snapshot[key]]));
    return {
      schema: SHARD_SCHEMA,
      shard: mine.shard,
      planDigest: plan.digest,
      account: { id: account.id, email: account.email },
      startedAt: now.toISOString(),
      endedAt: new Date().toISOString(),
      requests: heroku.requests,
      rateLimited: heroku.rateLimited,
      teams,
      unseen,
      gaps: snapshot.gaps,
      records,
      hardened,
    } as ShardPart;
  });
  const dir = join(inputs.shardDir, `shard-${mine.shard}`);
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, SHARD_FILE), JSON.stringify(part));
  const counts = `${part.teams.length} team(s), ${part.records.apps.length} app(s), ${part.gaps.length} gap(s), ${part.requests} request(s)`;
  info(`Shard ${part.shard}: ${counts} as ${part.account.email}; written to ${dir}.`);
  await jobSummary(
    `## Heroku Evidence: shard ${part.shard}\n\n${counts} as ${md(part.account.email)}. The merge job commits the evidence.\n`,
  );
}
