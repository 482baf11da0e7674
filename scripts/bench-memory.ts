// `npm run bench` (memory): one `collect: all` run of the committed bundle (dist/index.js) on an account as heavy
// as a real one of BENCH_APPS apps (default 5,000), twice, committed to the GitHub simulator: a first run into an
// empty evidence repository, and the next run on top of it (what runs every 6 hours, reading the previous inventory
// back). Prints the peak RSS that GNU time reports (wait4's maximum over the entry process and the child it
// re-starts), the wall time with the process starts, and the Heroku requests against their latency bound.
//
// The weight, each overridable: 100 teams per 5,000 apps of 25 members each (BENCH_MEMBERS), drawn from a third as
// many people as apps (BENCH_PEOPLE); 30 config vars (BENCH_VARS) and 3 add-ons (BENCH_ADDONS) an app; a month of
// audit trail at one event a day for every 5 apps (BENCH_EVENTS a day). The tests' default account (8 members from
// 16 people, 3 config vars, 1 add-on, 2 to 6 events a day) is far lighter than a real one: a bench on it once
// reported 179 MB where an independent measurement of a real 5,000-app account took 367 MB.
// BENCH_NODE runs the bundle under another Node (the runner's is 24); BENCH_LATENCY_MS (default 5) is Heroku's
// latency; the rate limit plays no part here.
import './bench-temp.js';
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { actionEnv } from '../test/helpers/action.js';
import { GitHubSim } from '../test/sim/github.js';
import { HerokuSim } from '../test/sim/heroku.js';
import { generateWorld } from '../test/sim/world.js';

const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const APPS = env('BENCH_APPS', 5000);
const options = {
  apps: APPS,
  teams: Math.max(3, Math.round(APPS / 50)),
  membersPerTeam: env('BENCH_MEMBERS', 25),
  people: env('BENCH_PEOPLE', Math.round(APPS / 3)),
  configVarsPerApp: env('BENCH_VARS', 30),
  addonsPerApp: env('BENCH_ADDONS', 3),
  eventsPerDay: env('BENCH_EVENTS', Math.round(APPS / 5)),
  auditDays: 30,
  now: new Date(),
};
const node = process.env.BENCH_NODE ?? process.execPath;
const bundle = resolve(process.env.BENCH_BUNDLE ?? 'dist/index.js');

const world = generateWorld(options);
const LATENCY_MS = env('BENCH_LATENCY_MS', 5);
const CONCURRENCY = 8;
const heroku = new HerokuSim(world, { poolSize: 1e9, latencyMs: LATENCY_MS });
const github = new GitHubSim();
await heroku.start();
await github.start();
const rows: string[] = [];
// The first run into an empty repository fetches 30 audit days and writes every file; the next one (what runs every
// 6 hours for years) reads the previous inventory back for the drift and the ledger.
for (const run of ['first run', 'next run']) {
  const { env: actionVars, dir } = actionEnv(heroku, github, {
    collect: 'all',
    concurrency: String(CONCURRENCY),
  });
  const timeFile = join(dir, 'time');
  const began = performance.now();
  const mark = heroku.requests.length;
  try {
    const { stdout, stderr } = await promisify(execFile)(
      '/usr/bin/time',
      ['-f', '%M', '-o', timeFile, node, bundle],
      {
        // BENCH_NODE_OPTIONS: flags for the job's Node (a memory trace, a heap profile), handed to the re-started child.
        env: {
          PATH: process.env.PATH ?? '',
          NODE_OPTIONS: process.env.BENCH_NODE_OPTIONS ?? '',
          ...actionVars,
        },
        maxBuffer: 1 << 28,
      },
    );
    writeFileSync(join(dir, 'log'), `${stdout}\n${stderr}`);
    if (process.env.BENCH_KEEP) console.error(`${run}: the job's log is ${join(dir, 'log')}`);
  } catch (error) {
    console.error(String((error as { stdout?: string }).stdout ?? error).slice(-3000));
    process.exit(1);
  }
  const seconds = (performance.now() - began) / 1000;
  const peakMb = Number(readFileSync(timeFile, 'utf8').trim().split('\n').at(-1)) / 1024;
  // What the Heroku requests alone would take at this latency with every connection busy, process starts excluded.
  const requests = heroku.requests.length - mark;
  const latencyBound = (requests * LATENCY_MS) / 1000 / CONCURRENCY;
  rows.push(
    `${run}: peak RSS ${peakMb.toFixed(0)} MB, wall ${seconds.toFixed(1)} s (process starts included), ${requests} Heroku requests, latency bound ${latencyBound.toFixed(1)} s (wall / bound ${(seconds / latencyBound).toFixed(2)})`,
  );
}
await heroku.close();
await github.close();
const version = (await promisify(execFile)(node, ['--version'])).stdout.trim();
const events = [...world.events.values()].reduce((n, e) => n + e.length, 0);
const members = [...world.members.values()].reduce((n, m) => n + m.length, 0);
console.log(
  `memory, one job, Node ${version}: ${APPS} apps, ${world.teams.length} teams, ${members} team members (${world.enterpriseMembers.length} people), ${world.addons.length} add-ons, ${options.configVarsPerApp} config vars an app, ${events} audit events over ${options.auditDays} days`,
);
for (const row of rows) console.log(row);
