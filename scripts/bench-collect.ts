// One collection, in a process of its own so that its peak memory is the collector's alone. Used by bench.ts.
import { HerokuClient } from '../src/heroku/client.js';
import { collect } from '../src/heroku/collect.js';
import { SIM_TOKEN } from '../test/sim/world.js';

const [url, scaleText, startText, concurrencyText, days] = process.argv.slice(2) as [
  string,
  string,
  string,
  string,
  string,
];
const scale = Number(scaleText);
const start = Number(startText);
// The simulator's clock: Heroku time runs `scale` times faster than real time, from the same start.
const now = () => start + (Date.now() - start) * scale;
const client = new HerokuClient({
  token: SIM_TOKEN,
  baseUrl: url,
  userAgent: 'heroku-evidence/bench',
  concurrency: Number(concurrencyText),
  now,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms / scale)),
  refillPerSecond: 4500 / 3600,
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
    gaps: snapshot.gaps.length,
    apps: snapshot.apps.length,
    wallSeconds,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
    liveHeapMb,
  }),
);
