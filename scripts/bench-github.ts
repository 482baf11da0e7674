// `npm run bench` (last part): what one run costs on GitHub for an unchanged account of 1,250 apps. The committed
// bundle (or BENCH_BUNDLE) runs twice against the simulators, a day apart, with nothing changed in between; the
// second run's requests to GitHub and their body bytes are what every later run of an unchanged account costs.
// BENCH_OPEN_ISSUES (default 0,25,300) plants that many failing findings, so that the second run finds as many open
// issues: an unchanged run must send them nothing (GITHUB_TOKEN has 1,000 requests an hour).
import './bench-temp.js';
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { actionEnv } from '../test/helpers/action.js';
import { GitHubSim } from '../test/sim/github.js';
import { HerokuSim } from '../test/sim/heroku.js';
import { allApps, healthyWorld } from '../test/sim/world.js';

const bundle = resolve(process.env.BENCH_BUNDLE ?? 'dist/index.js');
const counts = (process.env.BENCH_OPEN_ISSUES ?? '0,25,300').split(',').map(Number);
console.log(`GitHub, 1,250 apps, bundle ${bundle}`);
console.log('open issues | run | requests | of which to issues | of which writes | request body KiB');
console.log('--- | --- | --- | --- | --- | ---');
for (const open of counts) await measure(open);

async function measure(open: number): Promise<void> {
  // A healthy account: the only failures are the planted ones, so `open` is exactly the number of open issues.
  const world = healthyWorld({ apps: 1250, teams: 25, membersPerTeam: 8, auditDays: 30 });
  // Each planted key fails HEROKU-CONFIG-1 on one app: one open issue each.
  for (const app of allApps(world).slice(0, open)) world.configVars.get(app.id)!.AWS_SECRET_ACCESS_KEY = 'x';
  // A pool large enough that Heroku's rate limit plays no part here.
  const heroku = new HerokuSim(world, { poolSize: 100_000 });
  const github = new GitHubSim();
  await heroku.start();
  await github.start();
  try {
    const rows: string[] = [];
    for (const day of ['2026-11-22', '2026-11-23']) {
      const { env } = actionEnv(heroku, github, {
        collect: 'inventory',
        'max-new-issues': String(Math.max(open, 20)),
      });
      const mark = github.requests.length;
      // The bundle reads its clock from the system; the simulated day only changes which folder it writes.
      await promisify(execFile)(process.execPath, [bundle], {
        env: { PATH: process.env.PATH ?? '', ...env },
        maxBuffer: 1 << 28,
      });
      const sent = github.requests.slice(mark);
      const writes = sent.filter((r) => r.method !== 'GET');
      rows.push(
        [
          open,
          day === '2026-11-22' ? 'first run' : 'unchanged, next run',
          sent.length,
          sent.filter((r) => r.path.includes('/issues') || r.path.includes('/labels')).length,
          writes.length,
          (sent.reduce((n, r) => n + r.bytes, 0) / 1024).toFixed(1),
        ].join(' | '),
      );
    }
    for (const row of rows) console.log(row);
  } finally {
    await heroku.close();
    await github.close();
  }
}
