// The issue lifecycle against the simulators: opened once, kept current, closed when fixed, reopened on
// regression, waived, capped by max-new-issues, assigned; and one issue for a planted failure of each control.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Finding } from '../src/controls/types.js';
import { runAction } from './helpers/action.js';
import { GitHubSim } from './sim/github.js';
import { HerokuSim } from './sim/heroku.js';
import {
  addCollaborator,
  allApps,
  attachProductionDatabaseToStaging,
  healthyWorld,
  type World,
} from './sim/world.js';

let heroku: HerokuSim;
let github: GitHubSim;
beforeEach(async () => {
  heroku = new HerokuSim(healthyWorld());
  await heroku.start();
  github = new GitHubSim({ assignable: ['alice'] });
  await github.start();
});
afterEach(async () => {
  await heroku.close();
  await github.close();
});

let day = 0;
const nextRun = (inputs: Record<string, string> = {}) =>
  runAction(
    heroku,
    github,
    { collect: 'inventory', ...inputs },
    new Date(Date.parse('2026-11-22T06:00:00Z') + day++ * 86_400_000),
  );
const prodApp = () => allApps(heroku.world).find((a) => a.name.endsWith('-prod'))!;
const withoutSearch = () => expect(github.requests.filter((r) => r.path.includes('/search/'))).toEqual([]);

describe('the issue lifecycle against the simulators', () => {
  it('starts with no issue on a healthy account', async () => {
    const result = await nextRun();
    expect(result.failed).toBe(false);
    expect(result.outputs['failed-controls']).toBe('0');
    expect(github.issues).toEqual([]);
  });

  it('opens one precise issue, keeps it current, closes it when fixed and reopens it on regression', async () => {
    const app = prodApp();
    heroku.world.configVars.get(app.id)!.AWS_SECRET_ACCESS_KEY = 'AKIA-secret-value';

    const first = await nextRun();
    expect(github.issues).toHaveLength(1);
    const issue = github.issues[0]!;
    expect(issue.title).toBe(`HEROKU-CONFIG-1: ${app.name} has config var AWS_SECRET_ACCESS_KEY`);
    expect(issue.labels).toEqual(['heroku-evidence', 'control:HEROKU-CONFIG-1', 'severity:high']);
    expect(issue.body).toContain(
      `<!-- heroku-evidence:fingerprint HEROKU-CONFIG-1/config-var/${app.name}/AWS_SECRET_ACCESS_KEY -->`,
    );
    expect(issue.body).toContain('heroku config:unset');
    expect(issue.body).toContain(
      `https://github.com/acme/compliance/blob/${first.outputs['evidence-commit']}/${first.outputs['run-path']}/findings.json`,
    );
    expect(issue.body).not.toContain('AKIA-secret-value');
    expect(github.labels.has('control:HEROKU-CONFIG-1')).toBe(true);

    // Still failing, nothing new: the issue is sent nothing at all (no body rewrite, no comment, no new issue);
    // its permalink stays the evidence that first showed it.
    const bodyBefore = issue.body;
    const patchesBefore = github.requests.filter(
      (r) => r.method === 'PATCH' && r.path.includes('/issues/'),
    ).length;
    const second = await nextRun();
    expect(github.issues).toHaveLength(1);
    expect(issue.comments).toEqual([]);
    expect(issue.body).toBe(bodyBefore);
    expect(issue.body).not.toContain(second.outputs['evidence-commit']);
    expect(github.requests.filter((r) => r.method === 'PATCH' && r.path.includes('/issues/')).length).toBe(
      patchesBefore,
    );

    // Fixed: a comment with the evidence, then closed.
    delete heroku.world.configVars.get(app.id)!.AWS_SECRET_ACCESS_KEY;
    const third = await nextRun();
    expect(issue.state).toBe('closed');
    expect(issue.state_reason).toBe('completed');
    expect(issue.comments).toHaveLength(1);
    expect(issue.comments[0]).toContain(third.outputs['evidence-commit']);

    // Failing again: the same issue reopens.
    heroku.world.configVars.get(app.id)!.AWS_SECRET_ACCESS_KEY = 'AKIA-secret-value';
    await nextRun();
    expect(github.issues).toHaveLength(1);
    expect(issue.state).toBe('open');
    expect(issue.comments.at(-1)).toMatch(/^Failing again/);
    withoutSearch();
  });

  it('never closes an issue because its data could not be read: says once it is not verified, closes only when fixed', async () => {
    const app = prodApp();
    const team = app.team.name;
    heroku.world.configVars.get(app.id)!.AWS_SECRET_ACCESS_KEY = 'AKIA-secret-value';
    await nextRun();
    const issue = github.issues[0]!;

    // The team's apps cannot be listed: the finding is "not verified", the issue stays open with one comment.
    heroku.fail({ path: `/teams/${team}/apps`, status: 403, id: 'forbidden', message: 'no access' });
    const unread = await nextRun();
    expect(issue.state).toBe('open');
    expect(issue.comments).toHaveLength(1);
    expect(issue.comments[0]).toMatch(
      /^Not verified in this run, so this issue stays open: .*team-apps of team\/.* could not be read/,
    );
    const findings = JSON.parse(
      github.git(['show', `main:${unread.outputs['run-path']}/findings.json`]),
    ) as Finding[];
    expect(findings.find((f) => f.resource === `config-var/${app.name}/AWS_SECRET_ACCESS_KEY`)).toMatchObject(
      {
        control: 'HEROKU-CONFIG-1',
        status: 'error',
        title: expect.stringMatching(/^not verified/),
      },
    );

    // Still unreadable: no second comment, still open, and the evidence still says "not verified".
    await nextRun();
    expect(issue.state).toBe('open');
    expect(issue.comments).toHaveLength(1);

    // Readable again and fixed: closed, because the config var names were read and the variable is not there.
    heroku.faults = [];
    delete heroku.world.configVars.get(app.id)!.AWS_SECRET_ACCESS_KEY;
    await nextRun();
    expect(issue.state).toBe('closed');
    expect(issue.comments.at(-1)).toMatch(
      /^The resource is gone from the account: it is absent from the config var names of [\w-]+, which this run read completely/,
    );
  });

  it('closes an issue as gone only when the scope that held it was read completely, saying what was read', async () => {
    const app = prodApp();
    heroku.world.configVars.get(app.id)!.AWS_SECRET_ACCESS_KEY = 'AKIA-secret-value';
    await nextRun();
    const issue = github.issues[0]!;
    const list = heroku.world.apps.get(app.team.name)!;
    list.splice(list.indexOf(app), 1);
    await nextRun();
    expect(issue.state).toBe('closed');
    expect(issue.comments.at(-1)).toMatch(
      /^The resource is gone from the account: it is absent from team [\w-]+’s app list, which this run read completely/,
    );
  });

  it('reports a team the token stops seeing, without enterprise-account, as a gap and a coverage failure', async () => {
    const app = prodApp();
    const team = app.team.name;
    heroku.world.configVars.get(app.id)!.AWS_SECRET_ACCESS_KEY = 'AKIA-secret-value';
    await nextRun({ 'enterprise-account': '' });
    heroku.world.visibleTeams.delete(team);
    const second = await nextRun({ 'enterprise-account': '' });
    const manifest = JSON.parse(github.git(['show', `main:${second.outputs['run-path']}/manifest.json`]));
    expect(manifest.complete).toBe(false);
    expect(manifest.gaps).toContainEqual(
      expect.objectContaining({ resource: 'team', scope: `team/${team}` }),
    );
    const coverage = github.issues.find((i) => i.title.startsWith('HEROKU-COVERAGE-1'));
    expect(coverage?.title).toBe(`HEROKU-COVERAGE-1: team ${team} is not visible to the collector`);
    const config = github.issues.find((i) => i.title.startsWith('HEROKU-CONFIG-1'))!;
    expect(config.state).toBe('open');
    // Still not seen a run later: still a gap (the invisible team is carried in teams.json).
    const third = await nextRun({ 'enterprise-account': '' });
    const later = JSON.parse(github.git(['show', `main:${third.outputs['run-path']}/manifest.json`]));
    expect(later.gaps).toContainEqual(expect.objectContaining({ scope: `team/${team}` }));
    expect(config.state).toBe('open');
  });

  it('comments when the details change, not on every run', async () => {
    const app = prodApp();
    const team = app.team.name;
    addCollaborator(heroku.world, team, app.name, 'agency@partner.example', ['deploy', 'view']);
    await nextRun();
    const issue = github.issues.find((i) => i.title.startsWith('HEROKU-ACCESS-5'))!;
    expect(issue.title).toBe(
      `HEROKU-ACCESS-5: production app ${app.name} has 1 outside collaborator with write access`,
    );
    await nextRun();
    expect(issue.comments).toEqual([]);
    addCollaborator(heroku.world, team, app.name, 'other@partner.example', ['operate']);
    await nextRun();
    expect(github.issues.filter((i) => i.title.startsWith('HEROKU-ACCESS-5'))).toHaveLength(1);
    expect(issue.title).toContain('2 outside collaborators');
    expect(issue.comments).toHaveLength(1);
    expect(issue.comments[0]).toMatch(/^The details changed/);
  });

  it('closes an issue as waived, with the label, when the policy waives it', async () => {
    heroku.world.preferences.get('web')!['addons-controls'] = false;
    await nextRun();
    const issue = github.issues[0]!;
    expect(issue.title).toBe(
      'HEROKU-ADDON-2: team web owns production apps but does not enforce add-on controls',
    );
    const dir = mkdtempSync(join(tmpdir(), 'policy-'));
    writeFileSync(
      join(dir, 'policy.yml'),
      'waivers:\n  - {control: HEROKU-ADDON-2, resource: team/web, reason: rollout in January, owner: alice, expires: 2027-02-01}\n',
    );
    const result = await nextRun({ policy: join(dir, 'policy.yml') });
    expect(result.outputs['failed-controls']).toBe('0');
    expect(issue.state).toBe('closed');
    expect(issue.labels).toContain('waived');
    expect(issue.comments[0]).toMatch(/^Waived until 2027-02-01 by alice: rollout in January/);
    // Still waived next run: left alone.
    await nextRun({ policy: join(dir, 'policy.yml') });
    expect(issue.comments).toHaveLength(1);
    // The waiver expires while the failure remains: the issue reopens and loses its `waived` label.
    writeFileSync(
      join(dir, 'expired.yml'),
      'waivers:\n  - {control: HEROKU-ADDON-2, resource: team/web, reason: rollout in January, owner: alice, expires: 2026-11-01}\n',
    );
    await nextRun({ policy: join(dir, 'expired.yml') });
    expect(issue.state).toBe('open');
    expect(issue.labels).not.toContain('waived');
    expect(issue.comments.at(-1)).toMatch(/^Failing again/);
    expect(issue.body).toContain('The waiver for this finding expired on 2026-11-01');
  });

  it('opens at most max-new-issues, lists the rest in one digest, and files them in later runs', async () => {
    for (const members of heroku.world.members.values())
      for (const m of members) m.two_factor_authentication = false;
    for (const m of heroku.world.enterpriseMembers) m.two_factor_authentication = false;
    const people = heroku.world.enterpriseMembers.length;
    expect(people).toBeGreaterThan(6);
    await nextRun({ 'max-new-issues': '3' });
    const digest = () => github.issues.find((i) => i.body.includes('<!-- heroku-evidence:digest -->'));
    expect(github.issues.filter((i) => i.title.startsWith('HEROKU-ACCESS-3'))).toHaveLength(3);
    expect(digest()?.body).toContain(`This run found ${people - 3} more failing control(s)`);
    await nextRun({ 'max-new-issues': '3' });
    expect(github.issues.filter((i) => i.title.startsWith('HEROKU-ACCESS-3'))).toHaveLength(6);
    expect(github.issues.filter((i) => i.body.includes('heroku-evidence:digest'))).toHaveLength(1);
    for (let i = 0; i < 5 && digest()?.state === 'open'; i++) await nextRun({ 'max-new-issues': '3' });
    expect(github.issues.filter((i) => i.title.startsWith('HEROKU-ACCESS-3'))).toHaveLength(people);
    expect(digest()?.state).toBe('closed');
    withoutSearch();
  });

  it('assigns issues to the owners the policy names, and still files one when an owner cannot be assigned', async () => {
    const app = prodApp();
    heroku.world.configVars.get(app.id)!.AWS_SECRET_ACCESS_KEY = 'x';
    heroku.world.preferences.get('web')!['addons-controls'] = false;
    const dir = mkdtempSync(join(tmpdir(), 'policy-'));
    writeFileSync(join(dir, 'policy.yml'), `owners:\n  "${app.team.name}": [alice]\n  web: [mallory]\n`);
    await nextRun({ policy: join(dir, 'policy.yml') });
    expect(github.issues.find((i) => i.title.startsWith('HEROKU-CONFIG-1'))?.assignees).toEqual(['alice']);
    expect(github.issues.find((i) => i.title.startsWith('HEROKU-ADDON-2'))?.assignees).toEqual([]);
  });

  it('opens nothing with create-issues: false, and reports the plan', async () => {
    heroku.world.preferences.get('web')!['addons-controls'] = false;
    const result = await nextRun({ 'create-issues': 'false' });
    expect(github.issues).toEqual([]);
    expect(result.summary).toContain('## Issues (not applied)\n\nPlan: 1 create.');
  });
});

describe('a planted failure of each control', () => {
  type Plant = { policy?: string; plant: (w: World, sim: HerokuSim) => void };
  const email = (address: string, role = 'member') => ({
    id: `m-${address}`,
    email: address,
    role,
    two_factor_authentication: true,
    federated: false,
    identity_provider: null,
    user: { id: `u-${address}`, email: address, name: address },
    created_at: '2026-01-01T00:00:00Z',
    updated_at: '2026-01-01T00:00:00Z',
  });
  const customDomainOf = (w: World, stage: string) => {
    const app = allApps(w).find(
      (a) => a.name.endsWith(stage) && w.domains.get(a.id)!.some((d) => d.kind === 'custom'),
    )!;
    return w.domains.get(app.id)!.find((d) => d.kind === 'custom')!;
  };
  const plants: Record<string, Plant> = {
    'HEROKU-TLS-1': { plant: (w) => (customDomainOf(w, '-prod').acm_status = null) },
    'HEROKU-TLS-2': {
      plant: (w) => {
        const endpoint = [...w.sniEndpoints.values()].flat()[0]!;
        (endpoint.ssl_cert as Record<string, unknown>).expires_at = '2026-11-29T00:00:00Z';
      },
    },
    'HEROKU-ACCESS-1': {
      plant: (w) =>
        w.members.get('web')!.push(email('a1@acme.example', 'admin'), email('a2@acme.example', 'admin')),
    },
    'HEROKU-ACCESS-2': {
      plant: (w) => {
        for (const m of w.enterpriseMembers.slice(0, 4))
          m.permissions = [{ name: 'manage', description: 'Manage' }];
      },
    },
    'HEROKU-ACCESS-3': {
      plant: (w) =>
        w.members.get('web')!.push({ ...email('no2fa@acme.example'), two_factor_authentication: false }),
    },
    'HEROKU-ACCESS-4': {
      policy: 'allowedEmailDomains: [acme.example]',
      plant: (w) => w.members.get('web')!.push(email('freelancer@gmail.com')),
    },
    'HEROKU-ACCESS-5': {
      plant: (w) => {
        const app = allApps(w).find((a) => a.name.endsWith('-prod'))!;
        addCollaborator(w, app.team.name, app.name, 'agency@partner.example', ['deploy', 'view']);
      },
    },
    'HEROKU-CONFIG-1': { plant: (w) => (w.configVars.get(allApps(w)[0]!.id)!.AWS_SECRET_ACCESS_KEY = 'x') },
    'HEROKU-ADDON-1': { plant: (w) => attachProductionDatabaseToStaging(w, 'PROD_DB') },
    'HEROKU-ADDON-2': { plant: (w) => (w.preferences.get('web')!['addons-controls'] = false) },
    'HEROKU-APP-1': { plant: (w) => (allApps(w)[0]!.stack = { id: 'old', name: 'heroku-20' }) },
    'HEROKU-AUDIT-1': {
      plant: (_, sim) =>
        sim.fail({
          path: /\/events\?day=2026-11-22$/,
          status: 403,
          id: 'forbidden',
          message: 'No access to the audit trail.',
        }),
    },
    'HEROKU-COVERAGE-1': { plant: (w) => w.visibleTeams.delete('team-2') },
    'HEROKU-TOKEN-1': { plant: (w) => (w.authorizations[0]!.created_at = '2026-01-01T00:00:00Z') },
  };

  it.each(Object.entries(plants))('%s opens exactly one issue', async (control, { policy, plant }) => {
    plant(heroku.world, heroku);
    const inputs: Record<string, string> = { collect: 'all', 'audit-backfill-days': '1' };
    if (policy) {
      const dir = mkdtempSync(join(tmpdir(), 'policy-'));
      writeFileSync(join(dir, 'policy.yml'), policy);
      inputs.policy = join(dir, 'policy.yml');
    }
    const result = await runAction(heroku, github, inputs, new Date('2026-11-22T06:00:00Z'));
    expect(result.failed).toBe(false);
    expect(github.issues.map((i) => i.title.split(':')[0])).toEqual([control]);
    expect(result.outputs['failed-controls']).toBe('1');
  });
});
