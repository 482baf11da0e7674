// What a fixer reads in an issue: the command with the real names in it, when the finding was first seen and when
// it is due. Against the simulators for the whole path, and on hand-made input for the escaping.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Finding } from '../src/controls/types.js';
import { fillRemediation, placeholderResolver } from '../src/issues/remediation.js';
import { issueBody } from '../src/issues/render.js';
import { codeSpan } from '../src/shared/escape.js';
import { runAction } from './helpers/action.js';
import { passingSnapshot } from './helpers/snapshot.js';
import { GitHubSim } from './sim/github.js';
import { HerokuSim } from './sim/heroku.js';
import { allApps, attachProductionDatabaseToStaging, healthyWorld } from './sim/world.js';

let heroku: HerokuSim;
let github: GitHubSim;
beforeEach(async () => {
  heroku = new HerokuSim(healthyWorld());
  await heroku.start();
  github = new GitHubSim();
  await github.start();
});
afterEach(async () => {
  await heroku.close();
  await github.close();
});

const DAY1 = new Date('2026-11-22T06:00:00Z');
const DAY2 = new Date('2026-11-23T06:00:00Z');

describe('an issue for an app-level control', () => {
  it('carries the fix with the app’s real name, the day and commit it was first seen, and its due date', async () => {
    const app = allApps(heroku.world).find((a) => a.name.endsWith('-stag'))!;
    const deprecated = heroku.world.stacks.find((s) => s.name === 'heroku-20')!;
    app.stack = { id: deprecated.id as string, name: 'heroku-20' };
    const first = await runAction(heroku, github, { collect: 'inventory' }, DAY1);
    expect(first.failed).toBe(false);
    const sha = first.outputs['evidence-commit']!;
    const issue = github.issues.find((i) => i.title.startsWith('HEROKU-APP-1'))!;
    expect(issue.body).toContain(`\`heroku stack:set heroku-24 --app ${app.name}\``);
    expect(issue.body).not.toContain('<app>');
    expect(issue.body).toContain(
      `| First seen | 2026-11-22, in evidence commit [${sha.slice(0, 7)}](https://github.com/acme/compliance/commit/${sha}) |`,
    );
    // HEROKU-APP-1 is medium: 90 days by default.
    expect(issue.body).toContain(
      '| Due | 2027-02-20 (first seen + 90 days for medium severity, `remediationDays` in the policy) |',
    );

    // A day later, still failing, and a shorter SLA in the policy: first seen stays, the due date follows.
    const policy = join(mkdtempSync(join(tmpdir(), 'policy-')), 'policy.yml');
    writeFileSync(policy, 'remediationDays: {medium: 14}\n');
    const second = await runAction(heroku, github, { collect: 'inventory', policy }, DAY2);
    expect(second.outputs['evidence-commit']).not.toBe(sha);
    expect(issue.body).toContain(`| First seen | 2026-11-22, in evidence commit [${sha.slice(0, 7)}]`);
    expect(issue.body).toContain('| Due | 2026-12-06 (first seen + 14 days for medium severity');
    expect(issue.body).toContain(`/blob/${second.outputs['evidence-commit']}/`);
  });

  it('names the attachment, the add-on and the app of a production database attached to staging, as critical', async () => {
    const { addon, app } = attachProductionDatabaseToStaging(heroku.world, 'PROD_DATABASE');
    await runAction(heroku, github, { collect: 'inventory' }, DAY1);
    const issue = github.issues.find((i) => i.title.startsWith('HEROKU-ADDON-1'))!;
    expect(issue.labels).toContain('severity:critical');
    expect(issue.body).toContain(`\`heroku addons:detach PROD_DATABASE --app ${app}\``);
    expect(issue.body).toContain(`Detach \`${addon}\` from the non-production app`);
    expect(issue.body).toContain('| Due | 2026-11-29 (first seen + 7 days for critical severity');
  });
});

describe('filling a remediation', () => {
  it('keeps any text inside its code span: the fence outgrows the backticks, odd words are quoted', () => {
    expect(codeSpan('a``b')).toBe('```a``b```');
    expect(codeSpan('`x`')).toBe('`` `x` ``');
    expect(codeSpan('line\nbreak')).toBe('`line break`');
    const text = 'Run `heroku members:remove <email> --team <team>` for <email>; choose <other>.';
    expect(fillRemediation(text, { email: 'a`b@x.example', team: 'web' })).toBe(
      "Run ``heroku members:remove 'a`b@x.example' --team web`` for ``a`b@x.example``; choose <other>.",
    );
    expect(fillRemediation(text, {})).toBe(text);
  });

  it('finds what a resource key does not say in the snapshot: a domain’s app, a member’s only team', () => {
    const s = passingSnapshot();
    const resolve = placeholderResolver(s);
    const domain = s.domains.find((d) => d.kind === 'custom')!;
    expect(resolve(`domain/${domain.hostname}`)).toMatchObject({
      domain: domain.hostname,
      app: domain.app.name,
      team: 'web',
    });
    expect(resolve('member/alice@acme.example')).toMatchObject({ email: 'alice@acme.example', team: 'web' });
    expect(resolve('config-var/web-prod/AWS_KEY')).toMatchObject({ app: 'web-prod', NAME: 'AWS_KEY' });
    expect(resolve('pipeline/shop')).toMatchObject({ pipeline: 'shop' });
    s.teamMembers.push({ ...s.teamMembers[0]!, team: 'api' });
    expect(placeholderResolver(s)('member/alice@acme.example').team).toBeUndefined();
  });

  it('says when a body from before first-seen dates was opened, and keeps a dry run’s day', () => {
    const finding: Finding = {
      control: 'HEROKU-APP-1',
      resource: 'app/web-stag',
      status: 'fail',
      severity: 'medium',
      title: 't',
      detail: '',
      frameworks: [],
    };
    const link = { repoUrl: 'https://github.com/acme/c', commit: null, findingsPath: null };
    const days = { critical: 7, high: 30, medium: 90, low: 180 };
    expect(issueBody(finding, link, '2026-11-22', { remediationDays: days })).toContain(
      '| First seen | 2026-11-22 (dry run: no evidence commit) |',
    );
    const old = issueBody(finding, link, '2026-11-22', {
      previousBody: 'an issue written by an older version',
      openedAt: '2026-10-01T10:00:00Z',
      remediationDays: days,
    });
    expect(old).toContain('| First seen | 2026-10-01 (the day this issue was opened) |');
    expect(old).toContain('| Due | 2026-12-30 ');
  });
});
