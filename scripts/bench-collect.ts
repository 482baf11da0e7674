// One collection, in a process of its own so that its peak memory is the collector's alone. Used by bench.ts.
import { HerokuClient } from '../src/heroku/client.js';
import { collect } from '../src/heroku/collect.js';
import { SIM_TOKEN } from '../test/sim/world.js';

const [url, concurrencyText, days] = process.argv.slice(2) as [string, string, string];
// The client is told nothing of the simulator's clock or refill: it learns them as it would from Heroku.
const client = new HerokuClient({
  token: SIM_TOKEN,
  baseUrl: url,
  userAgent: 'heroku-evidence/bench',
  concurrency: Number(concurrencyText),
});
const began = performance.now();
const snapshot = await collect(client, {
  token: SIM_TOKEN,
  enterprise: 'acme',
  teams: [],
  inventory: true,
  auditDays: days.split(','),
  now: new Date(),
  log: () => {},
});
const wallSeconds = (performance.now() - began) / 1000;
// What the snapshot itself holds, once the garbage of the walk is collected (bench.ts runs with --expose-gc).
(globalThis as { gc?: () => void }).gc?.();
const liveHeapMb = process.memoryUsage().heapUsed / 1024 / 1024;
console.log(
  JSON.stringify({
    requests: client.requests,
    rateLimited: client.rateLimited,
    refillPerSecond: client.refillPerSecond,
    gaps: snapshot.gaps.length,
    apps: snapshot.apps.length,
    wallSeconds,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
    liveHeapMb,
  }),
);
