// `collect: merge`: the last job of a sharded collection. Checks the plan and every shard's part first (a part of
// another plan, or one present twice, stops it with nothing committed), then does exactly what an inventory run
// does, with the shards' walks joined in place of its own: its own token reads the account-wide lists, the
// enterprise's members and its audit trail. A shard that did not arrive is a gap for each of its teams, and the
// issues about those teams are left as they are.
import { readdir, readFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import * as core from '@actions/core';
import { ShardError } from '../errors.js';
import { completeAuditDays } from '../evidence/state.js';
import { fixFor } from '../heroku/access.js';
import { auditDaysToFetch, auditWindowStart } from '../heroku/audit.js';
import type { HerokuClient } from '../heroku/client.js';
import { collect, type Walked } from '../heroku/collect.js';
import { PRODUCTION_APP_READS } from '../heroku/hardening.js';
import type { Inputs } from '../inputs.js';
import type { Policy } from '../policy.js';
import type { ShardRecord, Snapshot } from '../snapshot/snapshot.js';
import { inventoryRun } from './collect.js';
import { info } from './context.js';
import { type Plan, readPlan } from './plan.js';
import { PART_RECORDS, SHARD_FILE, SHARD_SCHEMA, type ShardPart } from './shard.js';

export async function mergeMode(
  heroku: HerokuClient,
  inputs: Inputs,
  policy: Policy,
  now: Date,
): Promise<void> {
  // Everything that can stop the merge is checked before the evidence repository is touched.
  const plan = await readPlan(inputs.shardDir);
  const parts = await readParts(inputs.shardDir, plan);
  const missing = plan.shards.filter((s) => !parts.has(s.shard));
  for (const s of missing)
    core.warning(
      `Shard ${s.shard} did not arrive: its ${s.teams.length} team(s) are gaps in this run, and their issues are left as they are.`,
    );
  // The shards read their production apps' log drains by the plan's globs; by other globs, this job reads them all.
  const sameProduction =
    JSON.stringify([...(plan.productionApps ?? [])].sort()) ===
    JSON.stringify([...policy.productionApps].sort());
  if (!sameProduction)
    core.warning(
      "The plan's productionApps differ from this job's policy (give the plan job the same policy input): the production apps' log drains and features are read here, not taken from the shards.",
    );
  await inventoryRun(inputs, policy, now, (before) =>
    core.group(
      `Merge ${parts.size} of ${plan.shards.length} shard(s) and collect the account-wide lists`,
      async () => {
        const snapshot = await collect(heroku, {
          token: inputs.herokuApiToken,
          enterprise: inputs.enterpriseAccount,
          teams: inputs.teams,
          inventory: true,
          auditDays: inputs.enterpriseAccount
            ? auditDaysToFetch(now, inputs.auditBackfillDays, completeAuditDays(before.state))
            : [],
          now,
          log: info,
          knownTeams: before.inventory.teams,
          auditWindowStart: auditWindowStart(now, inputs.auditBackfillDays),
          productionApps: policy.productionApps,
          inboundRules: Boolean(policy.allowedInboundCidrs?.length),
          walked: walked(plan, parts, sameProduction),
        });
        return withShards(snapshot, plan, parts);
      },
    ),
  );
}

/** Every `shard-<n>/shard.json` under `dir`, at any depth (an artifact downloaded without `merge-multiple` keeps its own folder). */
async function readParts(dir: string, plan: Plan): Promise<Map<number, ShardPart>> {
  const files = (await readdir(dir, { recursive: true })).filter(
    (path) => basename(path) === SHARD_FILE && /^shard-\d+$/.test(basename(dirname(path))),
  );
  const parts = new Map<number, ShardPart>();
  const where = new Map<number, string>();
  for (const file of files.sort()) {
    let part: ShardPart;
    try {
      part = JSON.parse(await readFile(join(dir, file), 'utf8')) as ShardPart;
    } catch (error) {
      throw new ShardError(`${file} could not be read (${(error as Error).message}); nothing was committed.`);
    }
    if (part.schema !== SHARD_SCHEMA || !plan.shards.some((s) => s.shard === part.shard))
      throw new ShardError(
        `${file} is not a part of this plan's shards (1 to ${plan.shards.length}); nothing was committed.`,
      );
    if (part.planDigest !== plan.digest)
      throw new ShardError(
        `${file} belongs to another plan (${String(part.planDigest).slice(0, 12)}…, this plan is ${plan.digest.slice(0, 12)}…): re-run the whole workflow, not some of its jobs; nothing was committed.`,
      );
    const missing = malformed(part);
    if (missing)
      throw new ShardError(
        `${file} is not a whole shard part (${missing} missing or not a list): upload the shard's folder as the shard job wrote it; nothing was committed.`,
      );
    const other = where.get(part.shard);
    if (other)
      throw new ShardError(
        `Shard ${part.shard} is present twice (${other} and ${file}): give each shard's artifact its own name; nothing was committed.`,
      );
    where.set(part.shard, file);
    parts.set(part.shard, part);
  }
  return parts;
}

const PRODUCTION_RECORDS = new Set<string>(PRODUCTION_APP_READS.records);
const PRODUCTION_GAPS = new Set<string>(PRODUCTION_APP_READS.gaps);

/** The shards' walks, for the inventory to join in place of its own. */
function walked(plan: Plan, parts: ReadonlyMap<number, ShardPart>, sameProduction: boolean): Walked {
  const why = new Map<string, string>();
  for (const s of plan.shards) {
    const part = parts.get(s.shard);
    if (!part) {
      for (const t of s.teams)
        why.set(
          t.name,
          `Shard ${s.shard} did not arrive, so team ${t.name} was not read in this run; its issues are left as they are until a run reads it.`,
        );
      continue;
    }
    for (const name of part.unseen)
      why.set(
        name,
        `The token of shard ${s.shard} (${part.account.email}) cannot see team ${name}. ${fixFor('team')}`,
      );
  }
  const inPlan = new Set(plan.shards.flatMap((s) => s.teams.map((t) => t.name)));
  const arrived = [...parts.values()];
  return {
    teams: [...parts.values()].flatMap((p) => p.teams),
    unseen: [...why.keys()],
    join(snapshot) {
      for (const part of parts.values()) {
        // One by one: spreading a list of 100,000 records into push() overflows the stack.
        for (const key of PART_RECORDS) {
          if (!sameProduction && PRODUCTION_RECORDS.has(key)) continue;
          const into = snapshot[key] as unknown[];
          for (const record of part.records[key]) into.push(record);
        }
        for (const gap of part.gaps)
          if (sameProduction || !PRODUCTION_GAPS.has(gap.resource)) snapshot.gaps.push(gap);
      }
    },
    hardened: {
      apps: sameProduction ? arrived.flatMap((p) => p.hardened.apps) : [],
      pipelines: arrived.flatMap((p) => p.hardened.pipelines),
    },
    why: (team) =>
      why.get(team) ??
      (inPlan.has(team)
        ? undefined
        : `Team ${team} is not in the plan (created after it?): the next plan gives it a shard.`),
  };
}

/** The merged run's own record of its shards; requests and timing cover the whole collection. */
function withShards(snapshot: Snapshot, plan: Plan, parts: ReadonlyMap<number, ShardPart>): Snapshot {
  const records: ShardRecord[] = plan.shards.map(({ shard }) => {
    const part = parts.get(shard);
    return part
      ? {
          shard,
          account: part.account.email,
          startedAt: part.startedAt,
          endedAt: part.endedAt,
          requests: part.requests,
          complete: part.gaps.length === 0 && part.unseen.length === 0,
        }
      : { shard, account: null, startedAt: null, endedAt: null, requests: null, complete: false };
  });
  const arrived = [...parts.values()];
  // The run began when its first shard did: collectedAt names the run folder and dates the collection.
  const started = arrived.map((p) => p.startedAt).sort()[0];
  return {
    ...snapshot,
    collectedAt: started && started < snapshot.collectedAt ? started : snapshot.collectedAt,
    requests: snapshot.requests + arrived.reduce((n, p) => n + p.requests, 0),
    rateLimited: snapshot.rateLimited + arrived.reduce((n, p) => n + p.rateLimited, 0),
    shards: records,
    unobservedTeams: plan.shards
      .filter((s) => !parts.has(s.shard))
      .flatMap((s) => s.teams.map((t) => t.name))
      .sort(),
  };
}

/** The first field the merge needs that a part lacks, so that a cut or edited part stops with one sentence. */
function malformed(part: ShardPart): string | null {
  for (const field of ['teams', 'unseen', 'gaps'] as const) if (!Array.isArray(part[field])) return field;
  if (!part.records || typeof part.records !== 'object') return 'records';
  for (const key of PART_RECORDS) if (!Array.isArray(part.records[key])) return `records.${key}`;
  if (!part.account || typeof part.account.email !== 'string') return 'account';
  if (!part.hardened || !Array.isArray(part.hardened.apps) || !Array.isArray(part.hardened.pipelines))
    return 'hardened';
  return null;
}
