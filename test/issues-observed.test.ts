// Issues close only on what a run observed, resource by resource (contract, "Issues"): each kind of partial access
// leaves the issue open (with one "not verified" comment when its finding is `error`), keeps the finding in
// findings.json and records no resolution in the ledger. Runs against the simulators.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Finding } from '../src/controls/types.js';
import type { LedgerLine } from '../src/evidence/ledger.js';
import { type ActionResult, runAction } from './helpers/action.js';
import { GitHubSim } from './sim/github.js';
import { HerokuSim } from './sim/heroku.js';
import { addCollaborator, allApps, healthyWorld } from './sim/world.js';

let heroku: HerokuSim;
let github: GitHubSim;
let day = 0;
beforeEach(async () => {
  day = 0;
  heroku = new HerokuSim(healthyWorld());
  await heroku.start();
  github = new GitHubSim();
  await github.start();
});
afterEach(async () => {
  await heroku.close();
  await github.close();
});

const nextRun = async (inputs: Record<string, string> = {}) => {
  const result = await runAction(
    heroku,
    github,
    { collect: 'inventory', ...inputs },
    new Date(Date.parse('2026-11-22T06:00:00Z') + day++ * 86_400_000),
  );
  expect(result.failed, result.log).toBe(false);
  return result;
};
const findingsOf = (run: ActionResult) =>
  JSON.parse(github.git(['show', `main:${run.outputs['run-path']}/findings.json`])) as Finding[];
const lastLedgerLine = (run: ActionResult): LedgerLine => {
  const month = run.outputs['run-path']!.split('/').slice(2, 4).join('-');
  const lines = github
    .git(['show', `main:heroku-evidence/ledger/${month}.jsonl`])
    .trim()
    .split('\n');
  return JSON.parse(lines.at(-1)!) as LedgerLine;
};
const prodApp = () => allApps(heroku.world).find((a) => a.name.endsWith('-prod'))!;
const policyFile = (yaml: string) => {
  const file = join(mkdtempSync(join(tmpdir(), 'policy-')), 'policy.yml');
  writeFileSync(file, yaml);
  return file;
};

/** The run leaves the issue open, says "not verified" once, keeps an `error` finding and resolves nothing. */
function expectNotVerified(run: ActionResult, fingerprint: string) {
  const issue = github.issues[0]!;
  expect(issue.state).toBe('open');
  expect(issue.comments).toHaveLength(1);
  expect(issue.comments[0]).toMatch(/^Not verified in this run, so this issue stays open/);
  const [control, ...rest] = fingerprint.split('/');
  expect(findingsOf(run).find((f) => f.control === control && f.resource === rest.join('/'))?.status).toBe(
    'error',
  );
  expect(lastLedgerLine(run).resolved).toEqual([]);
}

describe('issues close only on what was observed', () => {
  it('keeps the issues of apps production only through a pipeline stage when the couplings cannot be read', async () => {
    const app = prodApp();
    addCollaborator(heroku.world, app.team.name, app.name, 'outsider@example.net', ['deploy']);
    await nextRun();
    expect(github.issues.map((i) => i.title)).toEqual([
      `HEROKU-ACCESS-5: production app ${app.name} has 1 outside collaborator with write access`,
    ]);
    heroku.fail({
      path: `/teams/${app.team.name}/pipeline-couplings`,
      status: 403,
      id: 'forbidden',
      message: 'no',
    });
    const run = await nextRun();
    expectNotVerified(run, `HEROKU-ACCESS-5/app/${app.name}`);
    expect(findingsOf(run).find((f) => f.resource === `app/${app.name}`)?.title).toMatch(
      /whether .* is a production app is unknown/,
    );
  });

  it('still reads the enterprise’s members when its account record cannot be read, and keeps their issues', async () => {
    const member = heroku.world.enterpriseMembers[0]!;
    const email = (member.user as { email: string }).email;
    // A member of the enterprise only, in no team, without 2FA.
    for (const list of heroku.world.members.values())
      list.splice(0, list.length, ...list.filter((m) => m.email !== email));
    member.two_factor_authentication = false;
    await nextRun();
    expect(github.issues.map((i) => i.title)).toEqual([
      `HEROKU-ACCESS-3: ${email} has neither two-factor authentication nor SSO`,
    ]);
    heroku.fail({
      path: '/enterprise-accounts/acme',
      status: 503,
      id: 'unavailable',
      message: 'down',
      times: 10,
    });
    const run = await nextRun();
    // The member list was still read (by the input's name), so the finding is still observed as failing.
    expect(findingsOf(run).find((f) => f.resource === `member/${email}`)?.status).toBe('fail');
    expect(github.issues[0]!.state).toBe('open');
    expect(github.issues[0]!.comments).toEqual([]);
    expect(heroku.requests.some((r) => r.path.startsWith('/enterprise-accounts/acme/members'))).toBe(true);
  });

  it('touches no issue outside the teams a run is limited to', async () => {
    const app = prodApp();
    heroku.world.configVars.get(app.id)!.AWS_SECRET_ACCESS_KEY = 'AKIA-secret-value';
    await nextRun();
    const issue = github.issues[0]!;
    const before = structuredClone(issue);
    const other = [...heroku.world.apps.keys()].find((t) => t !== app.team.name)!;
    const issueRequests = () => github.requests.filter((r) => r.path.includes('/issues/')).length;
    const requestsBefore = issueRequests();
    const run = await nextRun({ teams: other });
    expect(issue).toEqual(before);
    expect(issueRequests()).toBe(requestsBefore);
    // Not "not verified" either: the run was not meant to read that team.
    expect(findingsOf(run).some((f) => f.resource.startsWith(`config-var/${app.name}/`))).toBe(false);
    expect(lastLedgerLine(run).resolved).toEqual([]);
  });

  it('keeps reading an SNI endpoint whose custom domain was removed, so its TLS-2 issue stays open', async () => {
    const app = allApps(heroku.world).find((a) => (heroku.world.sniEndpoints.get(a.id) ?? []).length > 0)!;
    const endpoint = heroku.world.sniEndpoints.get(app.id)![0]!;
    (endpoint.ssl_cert as { expires_at: string }).expires_at = '2026-11-01T00:00:00Z';
    await nextRun();
    expect(github.issues.map((i) => i.title)).toEqual([expect.stringMatching(/^HEROKU-TLS-2: /)]);
    const domains = heroku.world.domains.get(app.id)!;
    domains.splice(0, domains.length, ...domains.filter((d) => d.kind !== 'custom'));
    const run = await nextRun();
    expect(github.issues[0]!.state).toBe('open');
    expect(
      findingsOf(run).find((f) => f.resource === `sni-endpoint/${app.name}/${endpoint.name}`)?.status,
    ).toBe('fail');
    expect(lastLedgerLine(run).resolved).toEqual([]);
  });

  it('closes an issue the policy no longer evaluates with words that say so, never as fixed or gone', async () => {
    const app = prodApp();
    heroku.world.configVars.get(app.id)!.LEGACY_SECRET = 'secret-value';
    await nextRun({ policy: policyFile('forbiddenConfigVars: [LEGACY_SECRET]\n') });
    const issue = github.issues[0]!;
    expect(issue.title).toBe(`HEROKU-CONFIG-1: ${app.name} has config var LEGACY_SECRET`);
    const run = await nextRun({ policy: policyFile('forbiddenConfigVars: [AWS_SECRET_ACCESS_KEY]\n') });
    expect(issue.state).toBe('closed');
    expect(issue.state_reason).toBe('not_planned');
    expect(issue.comments.at(-1)).toMatch(
      /^No longer evaluated under the policy in force \(policy sha256 `[0-9a-f]{64}`\)/,
    );
    expect(issue.comments.at(-1)).not.toMatch(/Fixed|gone from the account/);
    expect(lastLedgerLine(run).resolved).toEqual([
      { control: 'HEROKU-CONFIG-1', resource: `config-var/${app.name}/LEGACY_SECRET`, how: 'not-evaluated' },
    ]);
  });

  it('matches a gap to the app it hides: another app’s unreadable config vars do not keep a fixed one open', async () => {
    const [first, second] = allApps(heroku.world).filter((a) => a.name.endsWith('-prod'));
    heroku.world.configVars.get(first!.id)!.AWS_SECRET_ACCESS_KEY = 'AKIA-secret-value';
    await nextRun();
    const issue = github.issues[0]!;
    delete heroku.world.configVars.get(first!.id)!.AWS_SECRET_ACCESS_KEY;
    heroku.fail({ path: `/apps/${second!.id}/config-vars`, status: 403, id: 'forbidden', message: 'no' });
    const run = await nextRun();
    expect(issue.state).toBe('closed');
    expect(issue.comments.at(-1)).toMatch(
      /^The resource is gone from the account: it is absent from the config var names of /,
    );
    expect(findingsOf(run).some((f) => f.resource.startsWith(`config-var/${first!.name}/`))).toBe(false);
  });

  it('keeps as many errors over eight daily runs of an unchanged account as on the first', async () => {
    const errors: number[] = [];
    for (let i = 0; i < 8; i++) {
      const run = await nextRun({ collect: 'auto', 'audit-backfill-days': '3' });
      errors.push(findingsOf(run).filter((f) => f.status === 'error').length);
    }
    expect(errors).toEqual(Array(8).fill(errors[0]));
  });
});

describe('a token that cannot write issues', () => {
  it('commits the evidence, then ends with one sentence naming the missing permission', async () => {
    heroku.world.configVars.get(prodApp().id)!.AWS_SECRET_ACCESS_KEY = 'AKIA-secret-value';
    github.issuesForbidden = true;
    const run = await runAction(heroku, github, { collect: 'inventory' });
    expect(run.failed).toBe(true);
    expect(github.branchHead()).toBeTruthy();
    expect(run.log).toMatch(
      /GitHub refused the issues step \(403\) on acme\/compliance: the token needs `issues: write`/,
    );
    expect(run.log).toMatch(/The evidence is committed \([0-9a-f]{40}\)/);
    expect(run.log).not.toMatch(/Unexpected error|\n\s+at /);
  });
});
