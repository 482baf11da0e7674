// `npx tsx scripts/bench-verify.ts [days] [apps]`: the time `verify` takes on a year of daily runs of a 5,000-app
// account. One real collection of a generated account (the Heroku simulator, no rate limit), then one run a day
// rendered by the action's own render step (so every file, hash, ledger line and state.json is what the action
// writes), a few apps changing each day and one audit day of 200 events per run, each run committed as GitHub
// would: one commit, signed with a test key and dated an hour after its collection ended. Then the command line
// verifies it: the bundle of the commit given as BEFORE (default: this branch's base) and this one.
import './bench-temp.js';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import * as openpgp from 'openpgp';
import { evaluate } from '../src/controls/catalog.js';
import { observer } from '../src/controls/scope.js';
import { ledgerFile } from '../src/evidence/layout.js';
import { render } from '../src/evidence/render.js';
import { emptyState } from '../src/evidence/state.js';
import { HerokuClient } from '../src/heroku/client.js';
import { collect } from '../src/heroku/collect.js';
import { defaultPolicy } from '../src/policy.js';
import type { AuditEvent } from '../src/snapshot/records.js';
import { HerokuSim } from '../test/sim/heroku.js';
import { generateWorld, SIM_TOKEN } from '../test/sim/world.js';

const DAYS = Number(process.argv[2] ?? 365);
const APPS = Number(process.argv[3] ?? 5000);
const BEFORE = process.env.BEFORE ?? '853d88e';
const work = mkdtempSync(join(tmpdir(), 'bench-verify-'));
const repo = join(work, 'evidence');
const git = (args: string[], input?: string) =>
  execFileSync('git', args, { cwd: repo, input, encoding: 'utf8', maxBuffer: 1 << 30 }).trim();

const heroku = new HerokuSim(generateWorld({ apps: APPS, auditDays: 1 }), { poolSize: 1e9 });
await heroku.start();
const base = await collect(new HerokuClient({ token: SIM_TOKEN, baseUrl: heroku.url, userAgent: 'bench' }), {
  token: SIM_TOKEN,
  enterprise: 'acme',
  teams: [],
  inventory: true,
  auditDays: [],
  now: new Date('2025-01-01T06:00:00Z'),
  log: () => {},
});
await heroku.close();

const { privateKey, publicKey } = await openpgp.generateKey({
  userIDs: [{ name: 'bench web-flow', email: 'noreply@github.com' }],
  date: new Date('2020-01-01T00:00:00Z'),
  format: 'object',
});
const keys = join(work, 'trusted.asc');
writeFileSync(keys, publicKey.armor());
mkdirSync(repo);
git(['init', '-q', '--initial-branch=main']);

let state = emptyState();
let previousRunFiles = new Map<string, unknown>();
let ledgerText = '';
const began = performance.now();
for (let day = 0; day < DAYS; day++) {
  const start = Date.parse('2025-01-01T06:00:00Z') + day * 86_400_000;
  const collectedAt = new Date(start).toISOString();
  // A 5,000-app collection takes about two hours; GitHub commits it a few minutes later.
  const completedAt = new Date(start + 2 * 3_600_000).toISOString();
  const apps = base.apps.map((a, i) =>
    i % 50 === day % 50 ? { ...a, updated_at: collectedAt, released_at: collectedAt } : a,
  );
  const yesterday = new Date(start - 86_400_000).toISOString().slice(0, 10);
  const events = Array.from({ length: 200 }, (_, i) => ({
    id: `${yesterday}-${i}`,
    created_at: `${yesterday}T${String(i % 24).padStart(2, '0')}:00:00Z`,
    type: 'app',
    action: 'update',
    actor: { email: `dev${i % 40}@acme.example` },
    app: { name: `app-${i}` },
    data: {},
  })) as unknown as AuditEvent[];
  const snapshot = {
    ...base,
    apps,
    collectedAt,
    completedAt,
    collected: { inventory: true, audit: true },
    auditDays: [{ day: yesterday, complete: true, events }],
  };
  const findings = evaluate(snapshot, defaultPolicy, new Date(start));
  const rendered = render({
    snapshot,
    findings,
    observe: observer(snapshot),
    policy: defaultPolicy,
    state,
    previousRunFiles,
    existingAuditDays: new Map(),
    ledgerText,
    tool: { name: 'heroku-evidence', version: 'bench' },
    runUrl: null,
  });
  for (const [path, text] of rendered.files) {
    const file = join(repo, 'heroku-evidence', path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
  }
  git(['add', '-A']);
  const tree = git(['write-tree']);
  const parent = day === 0 ? [] : [`parent ${git(['rev-parse', 'HEAD'])}`];
  const when = `${Math.floor((Date.parse(completedAt) + 5 * 60_000) / 1000)} +0000`;
  const headers = [`tree ${tree}`, ...parent, `author bench <b@x> ${when}`, `committer bench <b@x> ${when}`];
  const payload = `${headers.join('\n')}\n\n${rendered.message}`;
  const signature = await openpgp.sign({
    message: await openpgp.createMessage({ binary: Buffer.from(payload) }),
    signingKeys: privateKey,
    detached: true,
    date: new Date(Date.parse(completedAt) + 5 * 60_000),
    format: 'armored',
  });
  const gpgsig = `gpgsig ${signature.trimEnd().split('\n').join('\n ')}`;
  const commit = git(
    ['hash-object', '-t', 'commit', '-w', '--stdin'],
    `${[...headers, gpgsig].join('\n')}\n\n${rendered.message}`,
  );
  git(['update-ref', 'HEAD', commit]);
  state = rendered.state;
  ledgerText = rendered.files.get(ledgerFile(new Date(start + 86_400_000).toISOString())) ?? '';
  previousRunFiles = new Map(
    [...rendered.files]
      .filter(([p]) => p.startsWith(`${rendered.runPath}/`) && p.endsWith('.json'))
      .map(([p, text]) => [p.slice(rendered.runPath!.length + 1), JSON.parse(text)]),
  );
}
git(['gc', '-q']);
const built = (performance.now() - began) / 1000;
const size = execFileSync('du', ['-sh', join(repo, '.git')], { encoding: 'utf8' }).split('\t')[0];

// The command line before and after, each in a process of its own, timed with its peak memory.
const before = join(work, 'before');
mkdirSync(before);
writeFileSync(join(before, 'index.js'), execFileSync('git', ['show', `${BEFORE}:dist/cli/index.js`]));
writeFileSync(join(before, 'package.json'), '{"type":"module"}\n');
const time = (label: string, args: string[]) => {
  const t = performance.now();
  const run = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, ...args], {
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  const seconds = (performance.now() - t) / 1000;
  const rss = Number(run.stderr.trim().split('\n').at(-1)) / 1024;
  const last = run.stdout.trimEnd().split('\n').at(-1);
  console.log(`${label} | ${seconds.toFixed(1)} | ${rss.toFixed(0)} | ${run.status} | ${last}`);
};
console.log(`${DAYS} daily runs of a ${APPS}-app account: built in ${built.toFixed(0)} s, .git ${size}`);
console.log('verify | seconds | peak RSS MB | exit | last line');
console.log('--- | --- | --- | --- | ---');
time(`before (${BEFORE})`, [join(before, 'index.js'), 'verify', join(repo, 'heroku-evidence')]);
time('after', [resolve('dist/cli/index.js'), 'verify', '--trusted-keys', keys, repo]);
console.log(`(repository kept in ${repo})`);
