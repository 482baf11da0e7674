// Period reports and verification, on an evidence repository built by real runs of the action against the
// simulators across several simulated days: a failure planted, fixed, broken again, a day without a run, a waiver.
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportSchema } from '../src/history/report.js';
import { parsePeriod } from '../src/shared/period.js';
import { runAction } from './helpers/action.js';
import { GitHubSim } from './sim/github.js';
import { HerokuSim } from './sim/heroku.js';
import { allApps, healthyWorld } from './sim/world.js';

let heroku: HerokuSim;
let github: GitHubSim;
let app: { id: string; name: string };
const at = (day: number) => new Date(`2026-11-0${day}T06:00:00Z`);
const show = (path: string) => github.git(['show', `main:${path}`]);

beforeAll(async () => {
  heroku = new HerokuSim(healthyWorld({ auditDays: 10, now: new Date('2026-11-07T00:00:00Z') }));
  await heroku.start();
  github = new GitHubSim();
  await github.start();
  app = allApps(heroku.world).find((a) => a.name.endsWith('-prod')) as { id: string; name: string };
  const vars = heroku.world.configVars.get(app.id)!;
  const policy = join(mkdtempSync(join(tmpdir(), 'policy-')), 'policy.yml');
  writeFileSync(
    policy,
    `waivers:\n  - {control: HEROKU-CONFIG-1, resource: "config-var/${app.name}/*", reason: "rotation booked, fixes #3", owner: "@alice", expires: 2026-12-31}\n`,
  );
  const run = async (day: number, inputs: Record<string, string> = {}) => {
    const result = await runAction(
      heroku,
      github,
      { collect: 'all', 'audit-backfill-days': '7', ...inputs },
      at(day),
    );
    if (result.failed) throw new Error(result.log);
  };
  vars.AWS_SECRET_ACCESS_KEY = 'x'; // day 1: failing
  await run(1);
  delete vars.AWS_SECRET_ACCESS_KEY; // day 2: fixed
  await run(2);
  vars.AWS_SECRET_ACCESS_KEY = 'x'; // day 3: failing again
  await run(3);
  // day 4: no run
  await run(5, { policy }); // day 5: waived
  heroku.world.members.get('web')!.find((m) => m.role === 'member')!.role = 'admin'; // day 6: a role change
  await run(6, { policy });
});
afterAll(async () => {
  await heroku.close();
  await github.close();
});

describe('collect: report', () => {
  it('says exactly what happened in the period, in files that verify, with no Heroku request', async () => {
    const before = heroku.requests.length;
    const result = await runAction(
      heroku,
      github,
      { collect: 'report', 'report-period': '2026-11-01..2026-11-06' },
      new Date('2026-11-07T06:00:00Z'),
    );
    if (result.failed)
      throw new Error(
        result.log
          .split('\n')
          .filter((l) => l.startsWith('::error'))
          .join('\n'),
      );
    expect(heroku.requests.length).toBe(before);
    const dir = 'heroku-evidence/reports/2026-11-01..2026-11-06';
    expect(result.outputs['run-path']).toBe(dir);
    expect(result.outputs['evidence-commit']).toBe(github.branchHead());
    expect(result.outputs['failed-controls']).toBe('0');
    const report = reportSchema.parse(JSON.parse(show(`${dir}/report.json`)));
    expect(report.provisional).toBe(false);
    expect(report.runs.map((r) => r.collectedAt.slice(0, 10))).toEqual([
      '2026-11-01',
      '2026-11-02',
      '2026-11-03',
      '2026-11-05',
      '2026-11-06',
    ]);
    expect(report.runs.every((r) => /^[0-9a-f]{40}$/.test(r.commit ?? ''))).toBe(true);
    expect(report.schedule).toEqual({
      days: 6,
      daysWithInventory: 5,
      missedDays: ['2026-11-04'],
      daysBeforeFirstRun: [],
    });
    expect(report.chain).toEqual({ verified: true, breaks: [] });
    expect(report.auditTrail.days).toBe(6);
    const exception = report.exceptions.find((e) => e.control === 'HEROKU-CONFIG-1')!;
    expect(exception).toMatchObject({
      resource: `config-var/${app.name}/AWS_SECRET_ACCESS_KEY`,
      severity: 'high',
      firstFailedAt: '2026-11-01T06:00:00.000Z',
      lastFailedAt: '2026-11-03T06:00:00.000Z',
      daysOpen: 4,
      resolvedAt: '2026-11-05T06:00:00.000Z',
      resolution: 'waived',
      regressions: 1,
      remediationDays: 30,
      withinSla: true,
      waivers: [{ owner: '@alice', reason: 'rotation booked, fixes #3', expires: '2026-12-31' }],
    });
    expect(exception.issue).toMatch(/^https:\/\/github.com\/acme\/compliance\/issues\/\d+$/);
    expect(report.acceptedRisks).toEqual([
      {
        control: 'HEROKU-CONFIG-1',
        resource: `config-var/${app.name}/AWS_SECRET_ACCESS_KEY`,
        owner: '@alice',
        reason: 'rotation booked, fixes #3',
        expires: '2026-12-31',
        firstWaivedAt: '2026-11-05T06:00:00.000Z',
        lastWaivedAt: '2026-11-06T06:00:00.000Z',
      },
    ]);
    const config = report.controls.find((c) => c.control === 'HEROKU-CONFIG-1')!;
    // Failing on days 1 and 3, waived on days 5 and 6: only day 2 passed.
    expect(config).toMatchObject({ runs: 5, runsPassing: 1, exceptions: 1 });
    expect(config.population).toEqual({
      first: expect.any(Number),
      last: expect.any(Number),
      min: expect.any(Number),
      max: expect.any(Number),
    });
    expect(config.population.min).toBeGreaterThan(0);
    // Two policies were in force: the defaults on days 1 to 3, the file with the waiver on days 5 and 6.
    expect(report.policies.map((p) => [p.firstRun, p.lastRun])).toEqual([
      ['inventory/2026/11/01/060000Z', 'inventory/2026/11/03/060000Z'],
      ['inventory/2026/11/05/060000Z', 'inventory/2026/11/06/060000Z'],
    ]);
    expect(report.access.roleChanges).toHaveLength(1);
    expect(report.access.members.length).toBeGreaterThan(3);
    // The files verify with coreutils, and the CSVs are plain.
    const clone = mkdtempSync(join(tmpdir(), 'clone-'));
    execFileSync('git', ['clone', '-q', github.gitDir, clone]);
    expect(
      execFileSync('sha256sum', ['-c', 'SHA256SUMS'], { cwd: join(clone, dir), encoding: 'utf8' }),
    ).toContain('report.json: OK');
    const csv = show(`${dir}/exceptions.csv`).split('\r\n');
    expect(csv[0]).toBe(
      'control,resource,severity,first_failed_at,resolved_at,resolution,days_open,remediation_days,within_sla,regressions,issue',
    );
    const md = show(`${dir}/REPORT.md`);
    expect(md).toContain('```mermaid');
    expect(md).toContain('missed: 2026-11-04');
    // Policy text is shown, never rendered as a mention: only inside code spans.
    expect(md.replace(/(`+)[\s\S]*?\1/g, '')).not.toMatch(/(^|[^\w])@alice/);
    expect(md).toContain('@alice');
  });

  it('parses every period form, and refuses a bad one naming the input', () => {
    expect(parsePeriod('2026-02')).toEqual({ name: '2026-02', from: '2026-02-01', to: '2026-02-28' });
    expect(parsePeriod('2026-q3')).toEqual({ name: '2026-Q3', from: '2026-07-01', to: '2026-09-30' });
    expect(parsePeriod('2024')).toEqual({ name: '2024', from: '2024-01-01', to: '2024-12-31' });
    expect(() => parsePeriod('2026-13')).toThrow(/`report-period` is "2026-13"/);
    expect(() => parsePeriod('2026-11-05..2026-11-01')).toThrow(/first not after the last/);
  });
});

describe('heroku-evidence report (the bundled command line, on a local clone)', () => {
  const cli = join(import.meta.dirname, '../dist/cli/index.js');
  const period = '2026-11-01..2026-11-06';

  it('reproduces the committed report.json but for generatedAt and issue links, in a new folder', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'clone-'));
    execFileSync('git', ['clone', '-q', github.gitDir, dir]);
    const committedText = readFileSync(join(dir, `heroku-evidence/reports/${period}/report.json`), 'utf8');
    const out = join(mkdtempSync(join(tmpdir(), 'auditor-')), 'report');
    const said = execFileSync(process.execPath, [cli, 'report', '--period', period, '--out', out, dir], {
      encoding: 'utf8',
    });
    expect(said).toContain(`into ${out}: 5 runs`);
    const local = reportSchema.parse(JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')));
    const committed = reportSchema.parse(JSON.parse(committedText));
    const comparable = (r: typeof local) => ({
      ...r,
      generatedAt: '',
      exceptions: r.exceptions.map((e) => ({ ...e, issue: null })),
    });
    expect(committed.exceptions.some((e) => e.issue !== null)).toBe(true);
    expect(comparable(local)).toEqual(comparable(committed));
    // With a token, the issue links too: then only generatedAt differs.
    const linked = join(mkdtempSync(join(tmpdir(), 'auditor-')), 'report');
    // Asynchronously: the simulated GitHub answers from this process.
    await promisify(execFile)(
      process.execPath,
      [cli, 'report', '--period', period, '--out', linked, '--issues-repository', 'acme/compliance', dir],
      { encoding: 'utf8', env: { ...process.env, GITHUB_TOKEN: github.token, GITHUB_API_URL: github.url } },
    );
    const withLinks = reportSchema.parse(JSON.parse(readFileSync(join(linked, 'report.json'), 'utf8')));
    expect({ ...withLinks, generatedAt: '' }).toEqual({ ...committed, generatedAt: '' });
    // The committed report is untouched, and a second run refuses to write over the first.
    expect(readFileSync(join(dir, `heroku-evidence/reports/${period}/report.json`), 'utf8')).toBe(
      committedText,
    );
    expect(() =>
      execFileSync(process.execPath, [cli, 'report', '--period', period, '--out', out, dir], {
        stdio: 'pipe',
      }),
    ).toThrow(/already exists and is not empty/);
  });
});

describe('collect: auto and the monthly report', () => {
  it('writes the last full month’s report on the first run after the month ends, once', async () => {
    const h = new HerokuSim(healthyWorld({ auditDays: 5, now: new Date('2026-11-02T00:00:00Z') }));
    const g = new GitHubSim();
    await h.start();
    await g.start();
    try {
      await runAction(h, g, { collect: 'auto' }, new Date('2026-10-30T06:00:00Z'));
      await runAction(h, g, { collect: 'auto' }, new Date('2026-10-31T06:00:00Z'));
      expect(
        g
          .git(['ls-tree', '-r', '--name-only', 'main'])
          .split('\n')
          .some((f) => f.includes('/reports/')),
      ).toBe(false);
      await runAction(h, g, { collect: 'auto' }, new Date('2026-11-01T06:00:00Z'));
      const report = reportSchema.parse(
        JSON.parse(g.git(['show', 'main:heroku-evidence/reports/2026-10/report.json'])),
      );
      expect(report.runs).toHaveLength(2);
      expect(report.period).toEqual({ name: '2026-10', from: '2026-10-01', to: '2026-10-31' });
      // Collection began on the 30th: the days before are not "missed", there was nothing to miss yet.
      expect(report.schedule.missedDays).toEqual([]);
      expect(report.schedule.daysBeforeFirstRun).toHaveLength(29);
      const md = g.git(['show', 'main:heroku-evidence/reports/2026-10/REPORT.md']);
      expect(md).toContain('2026-10-01 to 2026-10-29 (29 days)');
      expect(md).toContain('"10-29 no run", "10-30", "10-31"');
      const commits = g.git(['rev-list', '--count', 'main']);
      await runAction(h, g, { collect: 'auto' }, new Date('2026-11-01T12:00:00Z'));
      const log = g.git([
        'log',
        '--format=%s',
        `-${Number(g.git(['rev-list', '--count', 'main'])) - Number(commits)}`,
        'main',
      ]);
      expect(log).not.toContain('period report');
    } finally {
      await h.close();
      await g.close();
    }
  });
});
