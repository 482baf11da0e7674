// Issues decided without GitHub: the text of issues and comments (escaped, markers that round-trip) and the plan
// (what to open, update, comment, close or leave alone), on hand-built findings.
import { describe, expect, it } from 'vitest';
import type { Absence } from '../src/controls/scope.js';
import type { Finding } from '../src/controls/types.js';
import { type Action, type ExistingIssue, plan } from '../src/issues/plan.js';
import { isDigest, issueBody, issueTitle, readFingerprint } from '../src/issues/render.js';
import { md } from '../src/shared/escape.js';

/** What GitHub renders as text, links and mentions: the Markdown without its code spans. */
const rendered = (markdown: string) => markdown.replace(/(`+)[\s\S]*?\1/g, '');

describe('issue text', () => {
  const finding = (resource: string, title: string): Finding => ({
    control: 'HEROKU-ACCESS-3',
    resource,
    status: 'fail',
    severity: 'high',
    title,
    detail: `${title} <!-- heroku-evidence:fingerprint HEROKU-TLS-1/forged --> [click](https://evil.example) **bold** @octocat @acme/admins`,
    frameworks: ['SOC 2 CC6.1'],
  });

  it('escapes names from Heroku: no mention, no link, no formatting, no forged marker', () => {
    const body = issueBody(
      finding('member/@octocat', '@octocat has neither two-factor authentication nor SSO'),
      { repoUrl: 'https://github.com/acme/c', commit: 'a'.repeat(40), findingsPath: 'x/findings.json' },
      '2026-11-22',
    );
    // What GitHub renders as Markdown: past the two markers, outside the waiver snippet's code block (where
    // nothing is a mention or a link).
    const visible = rendered(
      body
        .split('\n')
        .slice(2)
        .join('\n')
        .replace(/```yaml[\s\S]*?```/, ''),
    );
    expect(visible).not.toMatch(/(^|[^\w])@(octocat|acme)/);
    expect(visible).not.toContain('<!--');
    expect(visible).not.toContain('[click](');
    expect(visible).not.toContain('**bold**');
    // The forged marker is shown as text, inside a code span: the only marker GitHub hides is the action's own.
    expect(rendered(body).match(/<!-- heroku-evidence:fingerprint/g)).toHaveLength(1);
    expect(readFingerprint(body)).toBe('HEROKU-ACCESS-3/member/@octocat');
    expect(md('# heading | cell')).toBe('\\# heading \\| cell');
  });

  it('carries any resource key exactly in its marker, and no text can forge one or pass for the digest', () => {
    const link = { repoUrl: 'https://github.com/acme/c', commit: null, findingsPath: null };
    for (const resource of [
      'enterprise/Acme Corp',
      'member/x-->@y',
      'app/<!-- heroku-evidence:digest -->',
      'team/ünïcødé %41',
    ]) {
      const body = issueBody(finding(resource, 'title'), link, '2026-11-22');
      expect(readFingerprint(body)).toBe(`HEROKU-ACCESS-3/${resource}`);
      expect(body.split('\n')[0]).toMatch(
        /^<!-- heroku-evidence:fingerprint HEROKU-ACCESS-3\/[A-Za-z0-9._~@/:+%-]+ -->$/,
      );
      expect(isDigest(body)).toBe(false);
    }
    // Markers written before stay readable as they are.
    expect(
      readFingerprint('<!-- heroku-evidence:fingerprint HEROKU-TLS-1/domain/www.acme.example -->\n'),
    ).toBe('HEROKU-TLS-1/domain/www.acme.example');
    // Only where the action writes it: a marker further down the body (pasted by a person) is not read.
    expect(readFingerprint('hello\n<!-- heroku-evidence:fingerprint HEROKU-TLS-1/domain/x -->')).toBeNull();
    expect(isDigest('see <!-- heroku-evidence:digest -->')).toBe(false);
  });

  it('keeps an issue title on one line whatever Heroku sends', () => {
    const title = issueTitle(finding('member/a', 'dev@x.example\n::warning::PWNED\r\u2028end'));
    expect(title).toBe('HEROKU-ACCESS-3: dev@x.example ::warning::PWNED end');
  });

  it('escapes Heroku and policy text in comments: titles, waiver owners and reasons', () => {
    const link = { repoUrl: 'https://github.com/acme/c', commit: 'd'.repeat(40), findingsPath: null };
    const existing: ExistingIssue = {
      number: 1,
      state: 'closed',
      title: 't',
      body: issueBody(finding('member/a', '@octocat **x**'), link, '2026-11-22'),
      labels: ['heroku-evidence'],
    };
    const reopened = plan({
      findings: [finding('member/a', '@octocat **x**')],
      evaluated: new Set(['HEROKU-ACCESS-3']),
      existing: [existing],
      maxNewIssues: 5,
      link,
      today: '2026-11-22',
      owners: () => [],
      absence: (): Absence => ({ kind: 'unseen', why: '' }),
      policySha256: 'p'.repeat(64),
    });
    const comment = rendered((reopened[0] as { comment: string }).comment);
    expect(comment).not.toMatch(/(^|[^\w])@octocat/);
    expect(comment).not.toContain('**x**');
    const waived = plan({
      findings: [
        {
          ...finding('member/a', 'x'),
          status: 'waived',
          waiver: {
            control: 'HEROKU-ACCESS-3',
            resource: 'member/a',
            owner: '@boss',
            reason: 'fixes #12 [link](https://x)',
            expires: '2027-01-01',
            expired: false,
          },
        },
      ],
      evaluated: new Set(['HEROKU-ACCESS-3']),
      existing: [{ ...existing, state: 'open' }],
      maxNewIssues: 5,
      link,
      today: '2026-11-22',
      owners: () => [],
      absence: (): Absence => ({ kind: 'unseen', why: '' }),
      policySha256: 'p'.repeat(64),
    });
    const text = rendered((waived[0] as { comment: string }).comment);
    expect(text).not.toMatch(/(^|[^\w])@boss/);
    expect(text).not.toContain('[link](');
  });

  it('links the evidence by the commit’s full sha', () => {
    const sha = 'b'.repeat(40);
    const body = issueBody(
      finding('member/x@acme.example', 'x'),
      {
        repoUrl: 'https://github.com/acme/c',
        commit: sha,
        findingsPath: 'heroku-evidence/inventory/2026/11/22/060000Z/findings.json',
      },
      '2026-11-22',
    );
    expect(body).toContain('    expires: "2027-02-20"');
    expect(body).toContain(
      `[findings.json](https://github.com/acme/c/blob/${sha}/heroku-evidence/inventory/2026/11/22/060000Z/findings.json)`,
    );
    expect(body).toContain(`(https://github.com/acme/c/commit/${sha})`);
  });
});

describe('the plan', () => {
  const fail = (resource: string): Finding => ({
    control: 'HEROKU-APP-1',
    resource,
    status: 'fail',
    severity: 'medium',
    title: `${resource} is stale`,
    detail: '',
    frameworks: [],
  });
  const link = {
    repoUrl: 'https://github.com/acme/c',
    commit: 'c'.repeat(40),
    findingsPath: 'f/findings.json',
  };
  const existing = (n: number, resource: string, state: 'open' | 'closed'): ExistingIssue => ({
    number: n,
    state,
    title: '',
    body: `<!-- heroku-evidence:fingerprint HEROKU-APP-1/${resource} -->`,
    labels: ['heroku-evidence'],
  });
  const base = {
    evaluated: new Set(['HEROKU-APP-1']),
    maxNewIssues: 20,
    link,
    today: '2026-11-22',
    owners: () => [],
    absence: (): Absence => ({
      kind: 'gone',
      witness: 'it is absent from every team’s app list, which this run read completely',
    }),
    policySha256: 'p'.repeat(64),
  };
  const hidden = (): Absence => ({ kind: 'unseen', why: 'team-apps of team/web could not be read' });

  it('leaves issues of controls this run did not evaluate alone', () => {
    expect(
      plan({ ...base, evaluated: new Set(), findings: [], existing: [existing(1, 'app/a', 'open')] }),
    ).toEqual([]);
  });

  it('closes an open issue whose resource is gone only when its scope was read completely, saying what was read', () => {
    const gone = plan({ ...base, findings: [], existing: [existing(1, 'app/a', 'open')] });
    expect(gone).toMatchObject([
      {
        kind: 'close',
        comment: expect.stringMatching(
          /^The resource is gone from the account: it is absent from every team’s app list, which this run read completely/,
        ),
      },
    ]);
  });

  it('leaves an issue exactly as it is when its resource was not observed, and says "not verified" once on an error', () => {
    // Unseen, outside the run's teams, or kept from an earlier run: no comment, no label, no state change.
    for (const kind of ['unseen', 'outside', 'kept'] as const) {
      const untouched = plan({
        ...base,
        absence: () => ({ kind, why: 'team-apps of team/web could not be read' }),
        findings: [],
        existing: [existing(1, 'app/a', 'open')],
      });
      expect(untouched, kind).toEqual([]);
    }
    // An error finding (data unreadable): one "not verified" comment, never closed, never "fixed".
    const error: Finding = {
      ...fail('app/a'),
      status: 'error',
      detail: 'domains of app/a could not be read',
    };
    const first = plan({
      ...base,
      absence: hidden,
      findings: [error],
      existing: [existing(1, 'app/a', 'open')],
    });
    expect(first.map((a) => a.kind)).toEqual(['update']);
    const action = first[0]! as Extract<Action, { kind: 'update' }>;
    expect(action.reopen).toBeFalsy();
    expect(action.comment).toMatch(
      /^Not verified in this run, so this issue stays open: .*domains of app\/a could not be read/,
    );
    const again = plan({
      ...base,
      absence: hidden,
      findings: [error],
      existing: [{ ...existing(1, 'app/a', 'open'), body: action.body }],
    });
    expect(again).toEqual([]);
  });

  it('closes an issue whose resource is still there but no longer evaluated with words that say so, never as fixed', () => {
    const actions = plan({
      ...base,
      absence: () => ({ kind: 'present', why: 'app a is still in the account' }),
      findings: [],
      existing: [existing(1, 'app/a', 'open')],
    });
    expect(actions).toMatchObject([{ kind: 'close', reason: 'not_planned' }]);
    const comment = (actions[0] as { comment: string }).comment;
    expect(comment).toMatch(/^No longer evaluated under the policy in force \(policy sha256 `p{64}`\)/);
    expect(comment).not.toMatch(/Fixed:|gone from the account/);
  });

  it('keeps the oldest of duplicated issues current and opens nothing new', () => {
    const actions = plan({
      ...base,
      findings: [fail('app/a')],
      existing: [existing(7, 'app/a', 'open'), existing(3, 'app/a', 'open')],
    });
    expect(actions.map((a) => [a.kind, 'number' in a ? a.number : null])).toEqual([['update', 3]]);
  });
});
