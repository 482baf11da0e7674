// `npx tsx scripts/bench-shards.ts`: a large account collected across a matrix, as the README's workflow runs it:
// the committed bundle (dist/index.js) in one process per job (plan, one per shard in parallel, merge), each shard
// with the token of its own service account, so on its own rate-limit pool in the simulator. Heroku's refill runs
// on a clock BENCH_SCALE times faster (default 60) and nobody tells the clients. Prints, per job, its wall time,
// requests, 429s and peak RSS (GNU time's maximum resident set), and the whole run against the slowest shard's own
// refill bound plus the merge, and against one token's bound for the whole account.
// BENCH_APPS (default 20000), BENCH_SHARDS (4), BENCH_LATENCY_MS (50), BENCH_MEMBERS (members per team, 8),
// BENCH_EVENTS (audit events a day over 30 days, default 2 to 6), BENCH_NODE (the Node that runs the jobs: the runner's is 24). BENCH_SHARDS=0 runs one `collect: all` job
// instead (the whole account with one token, the audit trail included), for its peak RSS.
import './bench-temp.js';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { HerokuSim } from '../test/sim/heroku.js';
import { addServiceAccount, generateWorld, SIM_TOKEN } from '../test/sim/world.js';

const APPS = Number(process.env.BENCH_APPS ?? 20_000);
const SHARDS = Number(process.env.BENCH_SHARDS ?? 4);
const SCALE = Number(process.env.BENCH_SCALE ?? 60);
const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 50);
const POOL = 4500;
const REFILL_PER_SECOND = (4500 / 3600) * SCALE;
const CONCURRENCY = 8;

const tokens = Array.from({ length: SHARDS }, (_, i) => `HRKU-bench-shard-${i + 1}-${'0'.repeat(24)}`);
const world = generateWorld({
  apps: APPS,
  teams: Math.round(APPS / 50),
  membersPerTeam: Number(process.env.BENCH_MEMBERS ?? 8),
  auditDays: 30,
  eventsPerDay: process.env.BENCH_EVENTS ? Number(process.env.BENCH_EVENTS) : undefined,
});
for (const [i, token] of tokens.entries())
  addServiceAccount(world, token, `evidence-shard-${i + 1}@acme.example`);
const start = Date.now();
const sim = new HerokuSim(world, { latencyMs: LATENCY_MS, now: () => start + (Date.now() - start) * SCALE });
await sim.start();
const dir = mkdtempSync(join(tmpdir(), 'bench-shards-'));
const shardDir = join(dir, 'shards');
const bundle = resolve(import.meta.dirname, '../dist/index.js');

interface Job {
  name: string;
  seconds: number;
  maxRssMb: number;
  failed: boolean;
  log: string;
}

/** One job: the bundle under GNU time, with its inputs as the runner passes them. */
async function job(name: string, inputs: Record<string, string>): Promise<Job> {
  const timeFile = join(dir, `${name}.time`);
  const outputFile = join(dir, `${name}.output`);
  writeFileSync(outputFile, '');
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    RUNNER_TEMP: dir,
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: join(dir, `${name}.summary`),
    GITHUB_REPOSITORY: 'acme/compliance',
    // BENCH_NODE_OPTIONS: flags for the jobs' Node (a memory trace, a CPU profile).
    NODE_OPTIONS: process.env.BENCH_NODE_OPTIONS ?? '',
  };
  const all = {
    'heroku-api-url': sim.url,
    'heroku-api-token': SIM_TOKEN,
    'shard-dir': shardDir,
    'upload-artifact': 'false',
    'dry-run': 'true',
    'github-token': '',
    concurrency: String(CONCURRENCY),
    'output-directory': join(dir, `${name}-evidence`),
    ...inputs,
  };
  for (const [k, v] of Object.entries(all)) env[`INPUT_${k.toUpperCase()}`] = v;
  const began = performance.now();
  let failed = false;
  let log = '';
  try {
    ({ stdout: log } = await promisify(execFile)(
      '/usr/bin/time',
      ['-f', '%M', '-o', timeFile, process.env.BENCH_NODE ?? process.execPath, bundle],
      { env, maxBuffer: 1 << 28 },
    ));
  } catch (error) {
    failed = true;
    log = String((error as { stdout?: string }).stdout ?? error);
  }
  const seconds = (performance.now() - began) / 1000;
  writeFileSync(join(dir, `${name}.log`), log);
  const maxRssMb = Number(readFileSync(timeFile, 'utf8').trim().split('\n').at(-1)) / 1024;
  return { name, seconds, maxRssMb, failed, log };
}

if (SHARDS === 0) {
  const one = await job('inventory', { collect: 'all', 'enterprise-account': 'acme' });
  await sim.close();
  if (one.failed) console.error(one.log.slice(-3000));
  const events = [...world.events.values()].reduce((n, e) => n + e.length, 0);
  const counted = sim.requests.filter((q) => q.path !== '/account/rate-limits').length;
  console.log(
    `one job, ${APPS} apps, ${world.teams.length} teams, ${events} audit events: wall ${one.seconds.toFixed(1)} s, ${counted} requests, 429s ${sim.requests.filter((q) => q.status === 429).length}, peak RSS ${one.maxRssMb.toFixed(0)} MB (GNU time: the largest of the entry process and the child it re-starts)`,
  );
  process.exit(0);
}

const began = performance.now();
const plan = await job('plan', { collect: 'plan', shards: String(SHARDS), 'enterprise-account': 'acme' });
// A matrix runs each shard on a runner of its own. On a machine with fewer cores than jobs, parallel shards contend
// for the CPU with each other and with the simulator, which no matrix does: BENCH_SEQUENTIAL=1 runs them one after
// another (each on its own pool, as in parallel) and counts the matrix's wall time as plan + slowest shard + merge.
const sequential = process.env.BENCH_SEQUENTIAL === '1';
const shardJob = (token: string, i: number) =>
  job(`shard-${i + 1}`, { collect: 'shard', shard: String(i + 1), 'heroku-api-token': token });
const shardJobs: Job[] = [];
if (sequential) for (const [i, token] of tokens.entries()) shardJobs.push(await shardJob(token, i));
else shardJobs.push(...(await Promise.all(tokens.map(shardJob))));
const merge = await job('merge', { collect: 'merge', 'enterprise-account': 'acme' });
console.error(`the jobs' logs: ${dir}/<job>.log`);
const total = sequential
  ? plan.seconds + Math.max(...shardJobs.map((j) => j.seconds)) + merge.seconds
  : (performance.now() - began) / 1000;
await sim.close();
for (const j of [plan, ...shardJobs, merge])
  if (j.failed) console.error(`${j.name} failed:\n${j.log.slice(-3000)}`);

const parts = shardJobs.map(
  (_, i) =>
    JSON.parse(readFileSync(join(shardDir, `shard-${i + 1}`, 'shard.json'), 'utf8')) as {
      requests: number;
      rateLimited: number;
      records: { apps: unknown[] };
      gaps: unknown[];
    },
);
const refillBound = (requests: number) => Math.max(0, requests - POOL) / REFILL_PER_SECOND;
const latencyBound = (requests: number) => (requests * LATENCY_MS) / 1000 / CONCURRENCY;
const bound = (requests: number) => Math.max(refillBound(requests), latencyBound(requests));
const slowest = Math.max(...parts.map((p) => bound(p.requests)));
const all = parts.reduce((n, p) => n + p.requests, 0);
console.log(
  `${APPS} apps, ${world.teams.length} teams, ${SHARDS} shards${sequential ? ' (run one after another; whole run = plan + slowest shard + merge)' : ''}; latency ${LATENCY_MS} ms, concurrency ${CONCURRENCY}, refill ${REFILL_PER_SECOND.toFixed(1)}/s (${SCALE}x)`,
);
console.log('job | apps | requests | 429s | gaps | wall s | refill bound s | latency bound s | peak RSS MB');
console.log('--- | --- | --- | --- | --- | --- | --- | --- | ---');
console.log(`plan | | | | | ${plan.seconds.toFixed(1)} | | | ${plan.maxRssMb.toFixed(0)}`);
for (const [i, j] of shardJobs.entries()) {
  const p = parts[i]!;
  console.log(
    `${j.name} | ${p.records.apps.length} | ${p.requests} | ${p.rateLimited} | ${p.gaps.length} | ${j.seconds.toFixed(1)} | ${refillBound(p.requests).toFixed(1)} | ${latencyBound(p.requests).toFixed(1)} | ${j.maxRssMb.toFixed(0)}`,
  );
}
console.log(`merge | ${APPS} | | | | ${merge.seconds.toFixed(1)} | | | ${merge.maxRssMb.toFixed(0)}`);
console.log(
  `\nwhole run ${total.toFixed(1)} s = ${(total / (slowest + merge.seconds)).toFixed(3)} × (slowest shard's bound ${slowest.toFixed(1)} s + merge ${merge.seconds.toFixed(1)} s); one token's bound for all ${all} requests ${bound(all).toFixed(1)} s (whole run / that = ${(total / bound(all)).toFixed(3)}); 429s sent by the simulator: ${sim.requests.filter((q) => q.status === 429).length}`,
);
