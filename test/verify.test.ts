// `heroku-evidence verify` (the bundled command line) on clones of an evidence repository written by real runs of
// the action against the simulators, whose GitHub signs and dates the commits it creates: a clean clone passes from
// its root and from its evidence folder, and each way of tampering with the history is named, file and commit.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256 } from '../src/shared/hash.js';
import { runAction } from './helpers/action.js';
import { GitHubSim, simulatorPublicKeyFile } from './sim/github.js';
import { HerokuSim } from './sim/heroku.js';
import { allApps, healthyWorld } from './sim/world.js';

const cli = join(import.meta.dirname, '../dist/cli/index.js');
const at = (day: number) => new Date(`2026-11-0${day}T06:00:00Z`);
const firstRun = 'heroku-evidence/inventory/2026/11/01/060000Z';
const SHA = '[0-9a-f]{40}';
let heroku: HerokuSim;
let github: GitHubSim;
let keys: string;

beforeAll(async () => {
  heroku = new HerokuSim(healthyWorld({ auditDays: 5, now: new Date('2026-11-04T00:00:00Z') }));
  await heroku.start();
  github = new GitHubSim();
  await github.start();
  keys = await simulatorPublicKeyFile();
  const app = allApps(heroku.world).find((a) => a.name.endsWith('-prod'))!;
  const vars = heroku.world.configVars.get(app.id)!;
  const run = async (day: number) => {
    const result = await runAction(heroku, github, { collect: 'all', 'audit-backfill-days': '3' }, at(day));
    if (result.failed) throw new Error(result.log);
  };
  vars.AWS_SECRET_ACCESS_KEY = 'x'; // day 1: an exception in the ledger
  await run(1);
  delete vars.AWS_SECRET_ACCESS_KEY;
  await run(2);
  await run(3);
});
afterAll(async () => {
  await heroku.close();
  await github.close();
});

function clone(from = github): string {
  const dir = mkdtempSync(join(tmpdir(), 'clone-'));
  execFileSync('git', ['clone', '-q', from.gitDir, dir]);
  execFileSync('git', ['config', 'user.email', 'someone@acme.example'], { cwd: dir });
  execFileSync('git', ['config', 'user.name', 'Someone'], { cwd: dir });
  return dir;
}

function verify(path: string, ...flags: string[]): { code: number; out: string; err: string } {
  try {
    const out = execFileSync(process.execPath, [cli, 'verify', '--trusted-keys', keys, ...flags, path], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return { code: 0, out, err: '' };
  } catch (error) {
    const e = error as { status: number; stdout: string; stderr: string };
    return { code: e.status, out: e.stdout, err: e.stderr };
  }
}

function commitAll(dir: string, message: string): string {
  execFileSync('git', ['add', '-A'], { cwd: dir });
  execFileSync('git', ['commit', '-qm', message], { cwd: dir });
  return execFileSync('git', ['rev-parse', 'HEAD'], { cwd: dir, encoding: 'utf8' }).trim();
}

const lastLine = (out: string) => out.trimEnd().split('\n').at(-1)!;

describe('verify on a clean clone', () => {
  it('passes from the clone’s root and from the evidence folder, saying what it verified and where it stops', () => {
    const dir = clone();
    const newest = execFileSync('git', ['log', '-1', '--format=%H', '--', 'heroku-evidence/inventory'], {
      cwd: dir,
      encoding: 'utf8',
    }).trim();
    for (const path of [dir, join(dir, 'heroku-evidence')]) {
      const result = verify(path);
      expect(result.code).toBe(0);
      expect(result.out).toBe(`${lastLine(result.out)}\n`);
      expect(lastLine(result.out)).toMatch(
        /^Verified 3 runs, \d+ files, 3 ledger lines and \d+ audit days: no problem found; newest run heroku-evidence\/inventory\/2026\/11\/03\/060000Z collected 2026-11-03T06:00:00.000Z, commit [0-9a-f]{40}\.$/,
      );
      expect(lastLine(result.out)).toContain(`commit ${newest}.`);
    }
  });

  it('refuses GitHub’s own keys for commits signed by another key (the simulator’s)', () => {
    const result = execFileSync(process.execPath, [cli, 'verify', '--allow-unsigned', clone()], {
      encoding: 'utf8',
    });
    expect(result).toMatch(
      new RegExp(
        `^heroku-evidence/inventory/2026/11/01/060000Z/ @ ${SHA}: the signature \\(key [0-9A-F]{16}\\) is not a valid signature by a trusted key`,
        'm',
      ),
    );
    expect(lastLine(result)).toMatch(/no problem found \(\d+ warning\(s\)\)/);
  });

  it('exits 2 on a repository without evidence, never “verified nothing”', () => {
    const empty = mkdtempSync(join(tmpdir(), 'empty-'));
    execFileSync('git', ['init', '-q', empty]);
    const result = verify(empty);
    expect(result.code).toBe(2);
    expect(result.out).toBe('');
    expect(result.err).toMatch(/^No evidence found in .*: no state\.json and no inventory\/ folder/);
  });
});

describe('verify names the file and commit of each tampering', () => {
  it('a changed byte in an old run', () => {
    const dir = clone();
    const file = join(dir, firstRun, 'apps.json');
    writeFileSync(file, readFileSync(file, 'utf8').replace('"name"', '"nAme"'));
    const commit = commitAll(dir, 'tamper');
    const result = verify(dir);
    expect(result.code).toBe(1);
    expect(result.out).toMatch(
      new RegExp(`^${firstRun}/apps.json @ ${SHA}: sha256 [0-9a-f]{64}, SHA256SUMS says`, 'm'),
    );
    expect(result.out).toMatch(
      new RegExp(`^${firstRun}/ @ ${commit}: changed after commit ${SHA} wrote it`, 'm'),
    );
    expect(result.out).toMatch(new RegExp(`^${firstRun}/ @ ${commit}: the commit is not signed$`, 'm'));
    expect(lastLine(result.out)).toMatch(/^Verified 3 runs, .*: \d+ problem\(s\) found; newest run/);
  });

  it('a rewrite of an old run’s data file and SHA256SUMS in the commit that wrote them', () => {
    const dir = clone();
    // Rewrites history: in every commit that holds the first run, apps.json changes and SHA256SUMS is recomputed.
    const script = `f=${firstRun}/apps.json; if [ -f "$f" ]; then sed -i 's/"name"/"nAme"/' "$f"; (cd ${firstRun} && sed -i "s/^[0-9a-f]*  apps.json$/$(sha256sum apps.json | cut -c1-64)  apps.json/" SHA256SUMS); fi`;
    execFileSync('git', ['filter-branch', '-f', '--tree-filter', script, 'HEAD'], {
      cwd: dir,
      stdio: 'ignore',
      env: { ...process.env, FILTER_BRANCH_SQUELCH_WARNING: '1' },
    });
    const writer = execFileSync('git', ['log', '--format=%H', '--reverse', '--', firstRun], {
      cwd: dir,
      encoding: 'utf8',
    }).split('\n')[0]!;
    const result = verify(dir);
    expect(result.code).toBe(1);
    expect(result.out).not.toMatch(/SHA256SUMS says/);
    expect(result.out).toMatch(
      new RegExp(`^${firstRun}/apps.json @ ${writer}: sha256 [0-9a-f]{64}, manifest.json says`, 'm'),
    );
    expect(result.out).toMatch(new RegExp(`^${firstRun}/ @ ${writer}: the commit is not signed$`, 'm'));
  });

  it('an unsigned commit in the evidence folder, and only a warning with --allow-unsigned', () => {
    const dir = clone();
    writeFileSync(join(dir, 'heroku-evidence/README.md'), '# Heroku evidence\n\nAll good.\n');
    const commit = commitAll(dir, 'a friendlier index');
    const strict = verify(dir);
    expect(strict.code).toBe(1);
    expect(strict.out).toContain(`heroku-evidence/README.md @ ${commit}: the commit is not signed\n`);
    const lenient = verify(dir, '--allow-unsigned');
    expect(lenient.code).toBe(0);
    expect(lenient.out).toContain(
      `heroku-evidence/README.md @ ${commit}: the commit is not signed (warning: --allow-unsigned)\n`,
    );
    expect(lastLine(lenient.out)).toMatch(/no problem found \(1 warning\(s\)\)/);
  });

  it('a run folder removed', () => {
    const dir = clone();
    execFileSync('git', ['rm', '-rq', 'heroku-evidence/inventory/2026/11/02'], { cwd: dir });
    const commit = commitAll(dir, 'delete');
    const result = verify(dir, '--allow-unsigned');
    expect(result.code).toBe(1);
    expect(result.out).toMatch(
      new RegExp(
        `^heroku-evidence/inventory/2026/11/02/060000Z/ @ ${commit}: removed after commit ${SHA} wrote it`,
        'm',
      ),
    );
    expect(result.out).toMatch(/names run inventory\/2026\/11\/02\/060000Z, which has no run folder/);
  });

  it('a ledger line emptied and re-chained', () => {
    const dir = clone();
    const path = join(dir, 'heroku-evidence/ledger/2026-11.jsonl');
    const lines = readFileSync(path, 'utf8')
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines[0].exceptions.length).toBeGreaterThan(0);
    lines[0].exceptions = [];
    let previous: string | null = null;
    const texts = lines.map((line) => {
      const text = `${JSON.stringify({ ...line, previousLineSha256: previous })}\n`;
      previous = sha256(text);
      return text;
    });
    writeFileSync(path, texts.join(''));
    const state = JSON.parse(readFileSync(join(dir, 'heroku-evidence/state.json'), 'utf8'));
    writeFileSync(
      join(dir, 'heroku-evidence/state.json'),
      `${JSON.stringify({ ...state, lastLedgerSha256: previous }, null, 2)}\n`,
    );
    const commit = commitAll(dir, 're-chain');
    const result = verify(dir, '--allow-unsigned');
    expect(result.code).toBe(1);
    expect(result.out).toContain(
      `heroku-evidence/ledger/2026-11.jsonl @ ${commit}: rewritten: a ledger file only gains lines at its end\n`,
    );
    expect(result.out).toContain(
      `heroku-evidence/ledger/2026-11.jsonl @ ${commit}: the line of inventory/2026/11/01/060000Z lists other exceptions than findings.json holds\n`,
    );
  });

  it('a deleted ledger file', () => {
    const dir = clone();
    execFileSync('git', ['rm', '-q', 'heroku-evidence/ledger/2026-11.jsonl'], { cwd: dir });
    const commit = commitAll(dir, 'no ledger');
    const result = verify(dir, '--allow-unsigned');
    expect(result.code).toBe(1);
    expect(result.out).toContain(
      `heroku-evidence/ledger/2026-11.jsonl @ ${commit}: removed: a ledger file, once committed, is never removed\n`,
    );
    expect(result.out).toMatch(new RegExp(`^${firstRun}/ @ ${SHA}: has no line in the ledger$`, 'm'));
  });

  it('a removed audit day', () => {
    const dir = clone();
    execFileSync('git', ['rm', '-q', 'heroku-evidence/audit/2026/11/02.json'], { cwd: dir });
    const commit = commitAll(dir, 'forget a day');
    const result = verify(dir, '--allow-unsigned');
    expect(result.code).toBe(1);
    expect(result.out).toContain(
      `heroku-evidence/audit/2026/11/02.json @ ${commit}: removed: an audit day file, once committed, is never removed\n`,
    );
    expect(result.out).toMatch(
      new RegExp(
        `^heroku-evidence/state.json @ ${SHA}: records audit day 2026-11-02 \\(complete\\), which has no audit file$`,
        'm',
      ),
    );
  });

  it('an audit event dropped', () => {
    const dir = clone();
    const path = execFileSync('git', ['ls-files', 'heroku-evidence/audit'], { cwd: dir, encoding: 'utf8' })
      .split('\n')
      .find((p) => p && JSON.parse(readFileSync(join(dir, p), 'utf8')).events.length > 0)!;
    const day = JSON.parse(readFileSync(join(dir, path), 'utf8'));
    const dropped = day.events.shift();
    writeFileSync(join(dir, path), `${JSON.stringify(day, null, 2)}\n`);
    const commit = commitAll(dir, 'drop');
    const result = verify(dir, '--allow-unsigned');
    expect(result.code).toBe(1);
    expect(result.out).toContain(`${path} @ ${commit}: event ${dropped.id} was dropped\n`);
  });

  it('state.json claiming audit days that were never collected', () => {
    const dir = clone();
    const file = join(dir, 'heroku-evidence/state.json');
    const state = JSON.parse(readFileSync(file, 'utf8'));
    state.auditDays['2026-10-15'] = { complete: true, events: 0 };
    writeFileSync(file, `${JSON.stringify(state, null, 2)}\n`);
    const commit = commitAll(dir, 'backfilled, honest');
    const result = verify(dir, '--allow-unsigned');
    expect(result.code).toBe(1);
    expect(result.out).toContain(
      `heroku-evidence/state.json @ ${commit}: records audit day 2026-10-15 (complete), which has no audit file\n`,
    );
  });

  it('a signed run committed 3 hours after its collection ended', async () => {
    const h = new HerokuSim(healthyWorld({ auditDays: 2, now: new Date('2026-11-02T00:00:00Z') }));
    const g = new GitHubSim();
    await h.start();
    await g.start();
    try {
      await runAction(h, g, { collect: 'inventory' }, at(1));
      g.commitLatencyMs = 3 * 3_600_000;
      await runAction(h, g, { collect: 'inventory' }, at(2));
      const result = verify(clone(g));
      expect(result.code).toBe(1);
      const late = g.git(['log', '-1', '--format=%H', '--', 'heroku-evidence/inventory/2026/11/02']);
      expect(result.out).toMatch(
        new RegExp(
          `^heroku-evidence/inventory/2026/11/02/060000Z/manifest.json @ ${late}: committed at 2026-11-02T09:00:\\d\\dZ, 180 minutes after its collection ended \\(2026-11-02T06:00:[\\d.]+Z\\); at most 60 are allowed$`,
          'm',
        ),
      );
      expect(result.out.split('\n').filter((l) => l.includes(' @ '))).toHaveLength(1);
    } finally {
      await h.close();
      await g.close();
    }
  });
});
