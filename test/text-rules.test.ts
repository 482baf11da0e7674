// Text that leaves the action (contract, "Text that leaves the action"): hostile text from Heroku reaches issues,
// comments, SUMMARY.md, REPORT.md and its CSVs, commit messages, the job summary and the log harmless, by visible
// means only: no invisible character is ever written, and a resource key copied from a report is found by grep.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { matches, matchesName } from '../src/policy.js';
import { cell, codeSpan, md } from '../src/shared/escape.js';
import { type ActionResult, runAction } from './helpers/action.js';
import { GitHubSim } from './sim/github.js';
import { HerokuSim } from './sim/heroku.js';
import { allApps, healthyWorld } from './sim/world.js';

const INVISIBLE = /[\u00ad\u200b-\u200f\u2060-\u2064\u202a-\u202e\u2066-\u2069]/;
// Planted where Heroku lets anyone with deploy access write: a config var name.
const HOSTILE =
  'EVIL_CMD\n@octocat fixes #1 acme/x#2 https://evil.example www.evil.example <!-- x --> `code` **b** \u200b\u202e';
const EMAIL = 'contractor@example.net';

/** The Markdown with its code spans removed: what GitHub renders as text, links and mentions. */
const outsideCodeSpans = (markdown: string) =>
  markdown.replace(/(`+)[\s\S]*?\1/g, '').replace(/<!-- heroku-evidence:[^>]*-->/g, '');

describe('hostile text from Heroku, end to end', () => {
  let heroku: HerokuSim;
  let github: GitHubSim;
  let runs: ActionResult[];
  beforeAll(async () => {
    heroku = new HerokuSim(healthyWorld());
    await heroku.start();
    github = new GitHubSim();
    await github.start();
    const app = allApps(heroku.world).find((a) => a.name.endsWith('-prod'))!;
    heroku.world.configVars.get(app.id)![HOSTILE] = 'value';
    const team = heroku.world.members.get(app.team.name)!;
    team.push({
      ...team[0]!,
      id: 'm-x',
      email: EMAIL,
      two_factor_authentication: false,
      user: { id: 'u-x', email: EMAIL, name: 'x' },
    });
    const policy = join(mkdtempSync(join(tmpdir(), 'policy-')), 'policy.yml');
    writeFileSync(policy, 'forbiddenConfigVars: ["EVIL*"]\n');
    runs = [];
    for (const [i, collect] of ['all', 'inventory'].entries())
      runs.push(
        await runAction(
          heroku,
          github,
          { collect, policy, 'max-new-issues': '50' },
          new Date(Date.parse('2026-11-02T06:00:00Z') + i * 86_400_000),
        ),
      );
    // A change between runs, so that the commit message lists one; then a period report with its CSVs.
    delete heroku.world.configVars.get(app.id)![HOSTILE];
    runs.push(
      await runAction(heroku, github, { collect: 'inventory', policy }, new Date('2026-11-04T06:00:00Z')),
      await runAction(
        heroku,
        github,
        { collect: 'report', 'report-period': '2026-11' },
        new Date('2026-11-05T06:00:00Z'),
      ),
    );
    for (const run of runs) expect(run.failed, run.log).toBe(false);
  });
  afterAll(async () => {
    await heroku.close();
    await github.close();
  });

  it('writes no invisible character anywhere: issues, Markdown, CSV, commit messages, job summary, log', () => {
    const tree = github.git(['ls-tree', '-r', '--name-only', 'main']).split('\n');
    const texts: [string, string][] = [
      ...github.issues.flatMap(
        (i) =>
          [
            [`issue #${i.number} title`, i.title],
            [`issue #${i.number} body`, i.body],
            ...i.comments.map((c, n): [string, string] => [`issue #${i.number} comment ${n}`, c]),
          ] as [string, string][],
      ),
      ...tree
        .filter((p) => /\.(md|csv)$/.test(p))
        .map((p): [string, string] => [p, github.git(['show', `main:${p}`])]),
      ['commit messages', github.git(['log', '--format=%B', 'main'])],
      ...runs.flatMap((r, n): [string, string][] => [
        [`job summary ${n}`, r.summary],
        [`log ${n}`, r.log],
      ]),
    ];
    expect(texts.length).toBeGreaterThan(10);
    expect(tree.some((p) => p.endsWith('.csv'))).toBe(true);
    for (const [where, text] of texts) expect(INVISIBLE.test(text), where).toBe(false);
  });

  it('shows a member’s resource key verbatim in SUMMARY.md and in the issue body', () => {
    const summary = github.git(['show', `main:${runs[0]!.outputs['run-path']}/SUMMARY.md`]);
    const issue = github.issues.find((i) => i.title.includes(EMAIL))!;
    expect(issue.body).toContain(`member/${EMAIL}`);
    expect(summary).toContain(EMAIL);
    // ... and never as a mention or a mail link: only inside a code span.
    expect(outsideCodeSpans(issue.body)).not.toContain('@');
    expect(outsideCodeSpans(summary)).not.toMatch(/@example/);
  });

  it('turns no Heroku text into a link, mention, reference, marker or closing keyword', () => {
    const issue = github.issues.find((i) => i.title.startsWith('HEROKU-CONFIG-1'))!;
    expect(issue.title).not.toMatch(/\n/);
    const rendered = outsideCodeSpans(issue.body);
    expect(rendered).not.toMatch(/@octocat|https:\/\/evil|www\.evil|acme\/x#2|#1\b/);
    // The fingerprint and details markers are the only HTML comments; Heroku's `<!--` stays inside code spans.
    expect(issue.body.replace(/(`+)[\s\S]*?\1/g, '').match(/<!--/g)).toHaveLength(2);
    const log = github.git(['log', '--format=%B', 'main']);
    expect(log).not.toMatch(/@octocat|evil|#\d|\bfixes\b/);
    expect(log).toMatch(/Config vars: 1 config var name removed on [a-z0-9-]+/);
  });
});

describe('escaping, unit by unit', () => {
  it('puts linkable text in a code span no backtick can close, and escapes the rest visibly', () => {
    expect(md('member/x@example.net')).toBe('`member/x@example.net`');
    expect(md('a `b` @c')).toBe('``a `b` @c``');
    expect(codeSpan('`x`')).toBe('`` `x` ``');
    expect(md('**bold** <!-- x')).toBe('\\*\\*bold\\*\\* &lt;!-- x');
    expect(md('x\u200by\u202e')).toBe('x{U+200B}y{U+202E}');
    expect(cell('a|b@c')).toBe('`a\\|b@c`');
  });

  it('matches a policy glob’s * within one segment, every character there, and ** across', () => {
    expect(matches('config-var/*/EVIL*', 'config-var/app/EVIL_CMD\nmore')).toBe(true);
    expect(matches('team/*', 'team/a/b')).toBe(false);
    expect(matches('team/**', 'team/a/b')).toBe(true);
    expect(matches('member/*@acme.example', 'member/alice@acme.example')).toBe(true);
    expect(matches('app/a.b', 'app/aXb')).toBe(false);
    // A name has no segments: its * matches anything, `/` included.
    expect(matchesName('EVIL*', 'EVIL_CMD https://evil.example/x\nmore')).toBe(true);
    expect(matchesName('payments-*', 'payments-api')).toBe(true);
  });
});
