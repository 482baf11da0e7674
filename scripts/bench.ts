// `npm run bench`: collects generated enterprises of 100, 1,000 and 5,000 apps from the Heroku simulator at 50 ms
// latency and prints what it cost against what it could have cost at best. Sizes whose requests exceed Heroku's
// pool of 4,500 are limited by its refill (4,500 an hour); those run on a scaled clock (Heroku time `scale`
// times faster than real time), or they would take hours.
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { auditDaysToFetch } from '../src/heroku/audit.js';
import { HerokuSim } from '../test/sim/heroku.js';
import { allApps, generateWorld, type World } from '../test/sim/world.js';

const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 50);
const CONCURRENCY = 8;
const POOL = 4500;
const REFILL_PER_SECOND = 4500 / 3600;
const sizes = (process.env.BENCH_SIZES ?? '100,1000,5000').split(',').map(Number);

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
for (const size of sizes) {
  const world = generateWorld({
    apps: size,
    teams: Math.max(3, Math.round(size / 50)),
    membersPerTeam: 8,
    auditDays: 30,
  });
  const days = auditDaysToFetch(new Date(), 30, new Set());
  const minimum = minimumRequests(world, days.length);
  // Scale only where the refill is the limit, so that its share of the run stays comparable to the latency's.
  const scale = minimum > POOL ? Math.max(1, Math.round((minimum - POOL) / REFILL_PER_SECOND / 150)) : 1;
  const start = Date.now();
  const sim = new HerokuSim(world, {
    latencyMs: LATENCY_MS,
    now: () => start + (Date.now() - start) * scale,
  });
  await sim.start();
  // Asynchronously: the simulator answers from this process's event loop meanwhile.
  const { stdout: out } = await promisify(execFile)(
    process.execPath,
    ['--expose-gc', bundle, sim.url, String(scale), String(start), String(CONCURRENCY), days.join(',')],
    { maxBuffer: 1 << 26 },
  );
  await sim.close();
  const r = JSON.parse(out.trim().split('\n').at(-1)!) as {
    requests: number;
    rateLimited: number;
    gaps: number;
    apps: number;
    wallSeconds: number;
    maxRssMb: number;
    liveHeapMb: number;
  };
  const latencyBound = (r.requests * LATENCY_MS) / 1000 / CONCURRENCY;
  const refillBound = Math.max(0, r.requests - POOL) / (REFILL_PER_SECOND * scale);
  const bound = Math.max(latencyBound, refillBound);
  rows.push(
    [
      size,
      r.apps,
      r.requests,
      (r.requests / r.apps).toFixed(2),
      minimum,
      (r.requests / minimum).toFixed(3),
      scale,
      r.wallSeconds.toFixed(1),
      latencyBound.toFixed(1),
      refillBound.toFixed(1),
      (r.wallSeconds / bound).toFixed(3),
      r.rateLimited,
      r.gaps,
      r.maxRssMb.toFixed(0),
      r.liveHeapMb.toFixed(0),
    ].join(' | '),
  );
  console.error(`collected ${size} apps`);
}
console.log(
  `latency ${LATENCY_MS} ms, concurrency ${CONCURRENCY}, pool ${POOL}, refill ${REFILL_PER_SECOND.toFixed(2)}/s of Heroku time`,
);
console.log(
  'apps | collected | requests | per app | minimum | ratio | clock scale | wall s | latency bound s | refill bound s | wall/bound | 429s | gaps | peak RSS MB | live heap after walk MB',
);
console.log('--- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | ---');
for (const row of rows) console.log(row);
