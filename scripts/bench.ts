// `npm run bench`: collects generated enterprises from the Heroku simulator at 50 ms latency and prints what it
// cost against what it could have cost at best. The collector runs bundled, in a process of its own, and is told
// nothing of the simulator's refill: where the requests exceed the pool, Heroku's 75 a minute runs on a clock
// `scale` times faster, and the client has to learn that from what the simulator reports.
//
// Scenarios (BENCH_ONLY=name,name to pick some): 300 apps (wall includes the process start), 1,258 apps with and
// without faults (every 25th request a 503, one 429 reporting an empty pool at request 40), 5,000 apps on a 30x and
// a 60x clock.
import './bench-temp.js';
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { auditDaysToFetch } from '../src/heroku/audit.js';
import { TUNED_NODE_ENV, TUNED_NODE_FLAGS } from '../src/shared/tuned-node.js';
import { type Fault, HerokuSim } from '../test/sim/heroku.js';
import { allApps, generateWorld, type World } from '../test/sim/world.js';

const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 50);
const CONCURRENCY = 8;
const POOL = 4500;
const REFILL_PER_SECOND = 4500 / 3600;

interface Scenario {
  name: string;
  apps: number;
  scale: number;
  faults?: Fault[];
}
const FAULTS: Fault[] = [
  {
    at: 40,
    status: 429,
    id: 'rate_limit',
    message: 'Rate limit exceeded.',
    headers: { 'ratelimit-remaining': '0' },
  },
  { every: 25, status: 503, id: 'unavailable', message: 'Service Unavailable' },
];
const scenarios: Scenario[] = [
  { name: '300', apps: 300, scale: 1 },
  { name: '1258', apps: 1258, scale: 1 },
  { name: '1258-faults', apps: 1258, scale: 1, faults: FAULTS },
  { name: '5000-30x', apps: 5000, scale: 30 },
  { name: '5000-60x', apps: 5000, scale: 60 },
];
const only = process.env.BENCH_ONLY?.split(',');

/** The fewest requests that can read this world: every list once, page by page, nothing twice. */
function minimumRequests(world: World, auditDays: number): number {
  const pages = (n: number) => Math.max(1, Math.ceil(n / 1000));
  const apps = allApps(world);
  const teams = world.teams.length;
  let n = 1 /* rate-limits */ + 1 /* account */ + pages(world.authorizations.length) + 1 /* enterprise */;
  n += pages(world.enterpriseMembers.length) + pages(teams) + pages(world.visibleTeams.size);
  n +=
    pages(world.stacks.length) +
    pages(world.spaces.length) +
    pages(world.pipelines.length) +
    pages(world.attachments.length);
  for (const [team, list] of world.apps) {
    const ids = new Set(list.map((a) => a.id));
    n +=
      pages(world.members.get(team)!.length) +
      1 /* preferences */ +
      pages(list.length) +
      pages(list.length) /* permissions */;
    n += pages(world.addons.filter((a) => ids.has((a.app as { id: string }).id)).length);
    n += pages(world.couplings.filter((c) => ids.has((c.app as { id: string }).id)).length);
  }
  n += apps.length * 3; // config vars, domains, formation
  n += apps.filter((a) => world.domains.get(a.id)!.some((d) => d.kind === 'custom')).length; // SNI endpoints
  // The controls from HEROKU-LOG-1 on: per production app its drains (and features in a space), per team with
  // an identity provider its list, per pipeline its review-app config and CI stage (review stage where enabled).
  const production = new Set(
    world.couplings.filter((c) => c.stage === 'production').map((c) => (c.app as { id: string }).id),
  );
  n +=
    apps.filter((a) => production.has(a.id)).length +
    apps.filter((a) => production.has(a.id) && a.space).length;
  n += world.teams.filter((t) => t.identity_provider).length;
  n += world.pipelines.length * 2 + world.reviewAppConfigs.size;
  return n + auditDays;
}

// The collector runs bundled, under plain Node, as the action does (no TypeScript loader inflating its memory).
const bundle = join(mkdtempSync(join(tmpdir(), 'bench-')), 'collect.mjs');
await promisify(execFile)(join('node_modules', '.bin', 'esbuild'), [
  'scripts/bench-collect.ts',
  '--bundle',
  '--platform=node',
  '--format=esm',
  '--target=node24',
  `--outfile=${bundle}`,
  '--log-level=warning',
  "--banner:js=import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
]);

const rows: string[] = [];
for (const scenario of scenarios.filter((s) => !only || only.includes(s.name))) {
  const { apps: size, scale } = scenario;
  const world = generateWorld({
    apps: size,
    teams: Math.max(3, Math.round(size / 50)),
    membersPerTeam: 8,
    auditDays: 30,
  });
  const days = auditDaysToFetch(new Date(), 30, new Set());
  const minimum = minimumRequests(world, days.length);
  const start = Date.now();
  const sim = new HerokuSim(world, {
    latencyMs: LATENCY_MS,
    now: () => start + (Date.now() - start) * scale,
  });
  for (const fault of scenario.faults ?? []) sim.fail({ ...fault });
  await sim.start();
  // Asynchronously: the simulator answers from this process's event loop meanwhile. The wall time is the whole
  // process's, from its start to its exit.
  const began = performance.now();
  const { stdout: out } = await promisify(execFile)(
    process.execPath,
    // With the flags and glibc setting dist/index.js gives the action (src/index.ts).
    [...TUNED_NODE_FLAGS, '--expose-gc', bundle, sim.url, String(CONCURRENCY), days.join(',')],
    { maxBuffer: 1 << 26, env: { ...TUNED_NODE_ENV, ...process.env } },
  );
  const processSeconds = (performance.now() - began) / 1000;
  await sim.close();
  const r = JSON.parse(out.trim().split('\n').at(-1)!) as {
    requests: number;
    rateLimited: number;
    refillPerSecond: number;
    gaps: number;
    apps: number;
    wallSeconds: number;
    maxRssMb: number;
    liveHeapMb: number;
  };
  const counted = r.requests - sim.requests.filter((q) => q.path === '/account/rate-limits').length;
  const latencyBound = (r.requests * LATENCY_MS) / 1000 / CONCURRENCY;
  const refillBound = Math.max(0, counted - POOL) / (REFILL_PER_SECOND * scale);
  const bound = Math.max(latencyBound, refillBound);
  rows.push(
    [
      scenario.name,
      r.apps,
      r.requests,
      (r.requests / r.apps).toFixed(2),
      minimum,
      scale,
      `${(REFILL_PER_SECOND * scale).toFixed(1)} / ${r.refillPerSecond.toFixed(1)}`,
      r.wallSeconds.toFixed(1),
      processSeconds.toFixed(1),
      latencyBound.toFixed(1),
      refillBound.toFixed(1),
      (processSeconds / bound).toFixed(3),
      r.rateLimited,
      sim.requests.filter((q) => q.status === 429).length,
      r.gaps,
      r.maxRssMb.toFixed(0),
      r.liveHeapMb.toFixed(0),
    ].join(' | '),
  );
  console.error(`done: ${scenario.name}`);
}
console.log(`latency ${LATENCY_MS} ms, concurrency ${CONCURRENCY}, pool ${POOL}`);
console.log(
  'scenario | apps | requests | per app | minimum | clock scale | refill real / learned per s | walk s | process s | latency bound s | refill bound s | process/bound | 429s seen by client | 429s sent | gaps | peak RSS MB | live heap MB',
);
console.log(
  '--- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | ---',
);
for (const row of rows) console.log(row);
