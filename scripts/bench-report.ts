// `npm run bench` (report part): a period report over a year of 6-hourly runs of a 5,000-app account. The
// evidence repository is made up directly (1,460 ledger lines with their exceptions, state.json, the last run's
// members), in one commit, and the committed bundle runs `collect: report` for that year against the GitHub
// simulator: its time and its GitHub requests are what this measures.
import './bench-temp.js';
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { CONTROLS } from '../src/controls/catalog.js';
import { toJson } from '../src/evidence/json.js';
import { emptyState } from '../src/evidence/state.js';
import { sha256 } from '../src/shared/hash.js';
import { actionEnv } from '../test/helpers/action.js';
import { GitHubSim } from '../test/sim/github.js';
import { HerokuSim } from '../test/sim/heroku.js';
import { generateWorld } from '../test/sim/world.js';

const APPS = 5000;
const root = 'heroku-evidence';
const github = new GitHubSim({ initialCommit: true });
await github.start();
const heroku = new HerokuSim(generateWorld({ apps: 3 }));
await heroku.start();

const state = emptyState();
const months = new Map<string, string>();
let previousManifest: string | null = null;
let previousLine: string | null = null;
let lastPath = '';
for (let t = Date.parse('2025-01-01T00:17:00Z'); t < Date.parse('2026-01-01T00:00:00Z'); t += 6 * 3_600_000) {
  const at = new Date(t).toISOString();
  const path = `inventory/${at.slice(0, 4)}/${at.slice(5, 7)}/${at.slice(8, 10)}/${at.slice(11, 19).replace(/:/g, '')}Z`;
  const manifest = sha256(`manifest ${at}`);
  const run = Math.floor((t - Date.parse('2025-01-01T00:00:00Z')) / (6 * 3_600_000));
  // About 60 findings fail at any time, each for a few weeks: exceptions come and go all year.
  const exceptions = Array.from({ length: 60 }, (_, i) => {
    const app = (i * 83 + Math.floor(run / 120) * 7) % APPS;
    return {
      control: CONTROLS[i % CONTROLS.length]!.id,
      resource: `app/app-${app}`,
      status: 'fail',
      severity: 'medium',
    };
  });
  const line: string = `${JSON.stringify({
    schema: 'heroku-evidence/ledger@1',
    path,
    collectedAt: at,
    complete: run % 50 !== 0,
    manifestSha256: manifest,
    previousManifestSha256: previousManifest,
    previousLineSha256: previousLine,
    controls: Object.fromEntries(CONTROLS.map((c) => [c.id, { pass: APPS, fail: 4, waived: 0, error: 0 }])),
    exceptions,
    resolved: [],
    members: { joined: [], left: [], roleChanges: [] },
  })}\n`;
  const month = at.slice(0, 7);
  months.set(month, (months.get(month) ?? '') + line);
  previousManifest = manifest;
  previousLine = sha256(line);
  state.runs.unshift({
    path,
    collectedAt: at,
    complete: true,
    findings: { pass: 0, fail: 0, waived: 0, error: 0 },
  });
  lastPath = path;
}
state.lastRunPath = lastPath;
state.lastInventoryAt = state.runs[0]!.collectedAt;
const members = Array.from({ length: 800 }, (_, i) => ({
  email: `dev${i}@acme.example`,
  team: `team-${i % 100}`,
  role: i % 8 === 0 ? 'admin' : 'member',
  two_factor_authentication: true,
  federated: false,
}));
for (const [month, text] of months) github.commitFile(`${root}/ledger/${month}.jsonl`, text);
github.commitFile(`${root}/state.json`, toJson(state));
github.commitFile(`${root}/${lastPath}/team-members.json`, toJson(members));
github.commitFile(`${root}/${lastPath}/manifest.json`, toJson({ enterprise: { id: 'e', name: 'acme' } }));

const { env } = actionEnv(heroku, github, { collect: 'report', 'report-period': '2025' });
const mark = github.requests.length;
const began = performance.now();
await promisify(execFile)(process.execPath, [resolve('dist/index.js')], {
  env: { PATH: process.env.PATH ?? '', ...env },
  maxBuffer: 1 << 28,
});
const seconds = (performance.now() - began) / 1000;
const sent = github.requests.slice(mark);
console.log(`Period report 2025: ${state.runs.length} runs of a ${APPS}-app account`);
console.log('process s | GitHub requests | of which writes | Heroku requests');
console.log('--- | --- | --- | ---');
console.log(
  [
    seconds.toFixed(1),
    sent.length,
    sent.filter((r) => r.method !== 'GET').length,
    heroku.requests.length,
  ].join(' | '),
);
await github.close();
await heroku.close();
