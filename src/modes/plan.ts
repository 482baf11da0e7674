// `collect: plan`: the first job of a sharded collection. Lists the teams, gives each to one shard by a stable hash
// of its id, and writes plan.json for the matrix jobs (`shard`) and the final job (`merge`). Commits nothing.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as core from '@actions/core';
import { ShardError } from '../errors.js';
import { toJson } from '../evidence/json.js';
import type { HerokuClient } from '../heroku/client.js';
import type { Inputs } from '../inputs.js';
import type { Policy } from '../policy.js';
import { sha256 } from '../shared/hash.js';
import * as r from '../snapshot/records.js';
import { lastInventory } from './collect.js';
import { info } from './context.js';

const PLAN_SCHEMA = 'heroku-evidence/plan@1';
const PLAN_FILE = 'plan.json';

interface PlanTeam {
  /** '' for a team named in `teams` that the plan's token could not list: its shard tries it by name. */
  id: string;
  name: string;
}

export interface Plan {
  schema: typeof PLAN_SCHEMA;
  createdAt: string;
  enterprise: { id: string; name: string } | null;
  shards: { shard: number; teams: PlanTeam[] }[];
  /** Apps with SNI endpoints in the last inventory: their shard reads them again, as one run would. */
  knownEndpointApps: string[];
  /**
   * The policy's `productionApps` globs: each shard reads its production apps' log drains by them, so that every
   * shard decides as the merge will (which checks them against its own policy).
   */
  productionApps: string[];
  digest: string;
}

export async function planMode(
  heroku: HerokuClient,
  inputs: Inputs,
  policy: Policy,
  now: Date,
): Promise<void> {
  const plan = await core.group('Plan the shards', async () => {
    const [{ enterprise, teams }, last] = await Promise.all([
      listTeams(heroku, inputs),
      lastInventory(inputs),
    ]);
    return makePlan(teams, inputs.shards, enterprise, last.endpointApps, policy.productionApps, now);
  });
  await mkdir(inputs.shardDir, { recursive: true });
  await writeFile(join(inputs.shardDir, PLAN_FILE), toJson(plan));
  const matrix = plan.shards.map((s) => s.shard);
  core.setOutput('matrix', JSON.stringify(matrix));
  for (const s of plan.shards) info(`Shard ${s.shard}: ${s.teams.length} team(s).`);
  info(
    `Plan ${plan.digest} written to ${join(inputs.shardDir, PLAN_FILE)}; matrix ${JSON.stringify(matrix)}.`,
  );
}

/** The enterprise's teams with `enterprise-account`, else the token's, narrowed by `teams`. */
async function listTeams(
  heroku: HerokuClient,
  inputs: Inputs,
): Promise<{ enterprise: Plan['enterprise']; teams: PlanTeam[] }> {
  let enterprise: Plan['enterprise'] = null;
  let listed: r.Team[];
  if (inputs.enterpriseAccount) {
    const id = encodeURIComponent(inputs.enterpriseAccount);
    const account = await heroku.get(`/enterprise-accounts/${id}`, r.enterpriseAccount);
    enterprise = { id: account.id, name: account.name };
    listed = await heroku.list(`/enterprise-accounts/${encodeURIComponent(account.id)}/teams`, r.team);
  } else {
    listed = await heroku.list('/teams', r.team);
  }
  const wanted = new Set(inputs.teams);
  const teams: PlanTeam[] = listed
    .filter((t) => wanted.size === 0 || wanted.has(t.name))
    .map((t) => ({ id: t.id, name: t.name }));
  // A team asked for by name that the plan's token cannot list still gets a shard: its token may see it, and if
  // not, the merge reports it as a gap.
  for (const name of wanted) if (!teams.some((t) => t.name === name)) teams.push({ id: '', name });
  return { enterprise, teams };
}

/** Each team goes to the shard its id hashes to, so that a team stays with the same shard from one plan to the next. */
function makePlan(
  teams: PlanTeam[],
  count: number,
  enterprise: Plan['enterprise'],
  knownEndpointApps: string[],
  productionApps: readonly string[],
  now: Date,
): Plan {
  const shards = Array.from({ length: count }, (_, i) => ({ shard: i + 1, teams: [] as PlanTeam[] }));
  for (const team of teams) shards[shardOf(team, count) - 1]!.teams.push(team);
  for (const s of shards) s.teams.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const body = {
    schema: PLAN_SCHEMA,
    createdAt: now.toISOString(),
    enterprise,
    shards,
    knownEndpointApps: [...knownEndpointApps].sort(),
    productionApps: [...productionApps].sort(),
  } as const;
  return { ...body, digest: planDigest(body) };
}

function shardOf(team: PlanTeam, count: number): number {
  return (Number.parseInt(sha256(team.id || `name:${team.name}`).slice(0, 12), 16) % count) + 1;
}

function planDigest(plan: Omit<Plan, 'digest'>): string {
  return sha256(toJson(plan));
}

/** The plan in `dir`, checked against its own digest. */
export async function readPlan(dir: string): Promise<Plan> {
  const path = join(dir, PLAN_FILE);
  let plan: Plan;
  try {
    plan = JSON.parse(await readFile(path, 'utf8')) as Plan;
  } catch (error) {
    throw new ShardError(
      `${path} could not be read (${(error as Error).message}): download the plan job's artifact into \`shard-dir\` before this step.`,
    );
  }
  const { digest, ...body } = plan;
  if (plan.schema !== PLAN_SCHEMA || !Array.isArray(plan.shards) || digest !== planDigest(body))
    throw new ShardError(`${path} is not a plan written by \`collect: plan\`, or was changed after it.`);
  return plan;
}
