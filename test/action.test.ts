import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EvidenceRepository } from '../src/evidence/repository.js';
import { createGitHub } from '../src/github.js';
import { runAction } from './helpers/action.js';
import { GitHubSim } from './sim/github.js';
import { HerokuSim } from './sim/heroku.js';
import { generateWorld } from './sim/world.js';

let heroku: HerokuSim;
let github: GitHubSim;
beforeEach(async () => {
  heroku = new HerokuSim(generateWorld({ apps: 12, auditDays: 5 }));
  await heroku.start();
  github = new GitHubSim();
  await github.start();
});
afterEach(async () => {
  await heroku.close();
  await github.close();
});

const files = (ref = 'main') => github.git(['ls-tree', '-r', '--name-only', ref]).split('\n');
const show = (path: string, ref = 'main') => github.git(['show', `${ref}:${path}`]);
const DAY1 = new Date('2026-11-22T06:00:00Z');

describe('the evidence commit', () => {
  it('starts an empty repository and commits one run, made by the token’s identity (Verified)', async () => {
    const result = await runAction(heroku, github, { 'audit-backfill-days': '3' }, DAY1);
    expect(result.failed).toBe(false);
    const sha = result.outputs['evidence-commit']!;
    expect(github.branchHead()).toBe(sha);
    expect(result.outputs['run-path']).toBe('heroku-evidence/inventory/2026/11/22/060000Z');
    expect(result.outputs['evidence-url']).toBe(
      `https://github.com/acme/compliance/tree/${sha}/heroku-evidence/inventory/2026/11/22/060000Z`,
    );
    expect(result.outputs['findings-file']).toBe(
      join(result.outputDir, 'inventory/2026/11/22/060000Z/findings.json'),
    );
    expect(JSON.parse(readFileSync(result.outputs['findings-file']!, 'utf8')).length).toBeGreaterThan(20);
    expect(files()).toEqual(
      expect.arrayContaining([
        'heroku-evidence/state.json',
        'heroku-evidence/README.md',
        'heroku-evidence/audit/2026/11/20.json',
        'heroku-evidence/inventory/2026/11/22/060000Z/SHA256SUMS',
      ]),
    );
    expect(github.customAuthorCommits).toEqual([]);
    expect(github.git(['log', '--format=%an|%cn', '-1'])).toBe('github-actions[bot]|github-actions[bot]');
    expect(github.git(['log', '--format=%s', '-1'])).toMatch(
      /^Heroku evidence: inventory of acme at 2026-11-22 06:00Z: 3 teams, 12 apps, \d+ members; \d+ failing/,
    );
    expect(Number(result.outputs['failed-controls'])).toBeGreaterThan(0);
    expect(result.summary).toContain('## Controls');
  });

  it('adds to a repository’s default branch without touching what is there', async () => {
    await github.close();
    github = new GitHubSim({ initialCommit: true });
    await github.start();
    const before = github.branchHead()!;
    const result = await runAction(heroku, github, {}, DAY1);
    expect(result.failed).toBe(false);
    expect(github.git(['rev-parse', 'main~1'])).toBe(before);
    expect(show('README.md')).toBe('# compliance');
  });

  it('starts a separate evidence branch as an orphan', async () => {
    await github.close();
    github = new GitHubSim({ initialCommit: true });
    await github.start();
    const result = await runAction(heroku, github, { 'evidence-branch': 'evidence' }, DAY1);
    expect(result.failed).toBe(false);
    expect(github.branchHead('evidence')).toBe(result.outputs['evidence-commit']);
    expect(files('evidence')).not.toContain('README.md');
    expect(github.git(['rev-list', '--count', 'evidence'])).toBe('2');
  });

  it('re-applies the run on a branch someone moved meanwhile, keeping their commit', async () => {
    await runAction(heroku, github, {}, DAY1);
    github.moveBranchTimes = 1;
    const result = await runAction(heroku, github, { collect: 'all' }, new Date('2026-11-23T06:00:00Z'));
    expect(result.failed).toBe(false);
    const log = github.git(['log', '--format=%s', 'main']).split('\n');
    expect(log[0]).toMatch(/^Heroku evidence: inventory/);
    expect(log[1]).toBe('A commit by someone else');
    expect(files()).toContain('NOTES-0.md');
    // The chain still holds across the retry.
    const state = JSON.parse(show('heroku-evidence/state.json'));
    expect(state.runs).toHaveLength(2);
    const second = JSON.parse(show('heroku-evidence/inventory/2026/11/23/060000Z/manifest.json'));
    const firstBytes = show('heroku-evidence/inventory/2026/11/22/060000Z/manifest.json');
    expect(second.previousManifestSha256).toBe(sha256(`${firstBytes}\n`));
  });

  it('gives up with a clear sentence when the branch keeps moving, writing nothing', async () => {
    await runAction(heroku, github, {}, DAY1);
    github.moveBranchTimes = 99;
    const octokit = createGitHub({
      token: github.token,
      baseUrl: github.url,
      userAgent: 'test',
      log: () => {},
    });
    const repo = new EvidenceRepository(
      octokit,
      { owner: 'acme', repo: 'compliance' },
      { branch: '', serverUrl: 'https://github.com', sleep: async () => {} },
    );
    const builds: (string | null)[] = [];
    const error = await repo
      .commit(async (head) => {
        builds.push(head.commit);
        return { files: new Map([['x.json', '{}\n']]), message: 'test' };
      })
      .catch((e: unknown) => e);
    expect((error as Error).message).toBe(
      'The branch main of acme/compliance kept moving during 5 attempts to add the evidence commit; nothing was written. Run again, or give the action a branch of its own (evidence-branch).',
    );
    // Each attempt was built again on the head it found.
    expect(new Set(builds).size).toBe(5);
    expect(github.git(['log', '--format=%s', '-1'])).toBe('A commit by someone else');
  });

  it('says what permission is missing when the token cannot write', async () => {
    github.readOnly = true;
    const result = await runAction(heroku, github, {}, DAY1);
    expect(result.failed).toBe(true);
    expect(result.log).toMatch(
      /::error::The github-token cannot write to acme\/compliance \(403\)\. Give the workflow `permissions: contents: write`/,
    );
  });

  it('collects only the audit trail when the last inventory is recent, and merges the days', async () => {
    await runAction(heroku, github, { 'audit-backfill-days': '2' }, DAY1);
    const dayFile = 'heroku-evidence/audit/2026/11/22.json';
    const first = JSON.parse(show(dayFile));
    expect(first.complete).toBe(false);
    // Heroku records one more event later in the day.
    heroku.world.events.get('2026-11-22')!.push({
      id: 'ffffffff-late-event',
      created_at: '2026-11-22T11:00:00Z',
      type: 'app',
      action: 'update',
      actor: { id: 'x', email: 'dev0@acme.example' },
    });
    const later = await runAction(
      heroku,
      github,
      { 'audit-backfill-days': '2' },
      new Date('2026-11-22T12:00:00Z'),
    );
    expect(later.failed).toBe(false);
    expect(later.outputs['run-path']).toBe('');
    expect(github.git(['log', '--format=%s', '-1'])).toMatch(
      /^Heroku evidence: audit trail of acme at 2026-11-22 12:00Z: 1 audit days/,
    );
    const merged = JSON.parse(show(dayFile));
    expect(merged.events.length).toBe(first.events.length + 1);
    expect(merged.events.map((e: { id: string }) => e.id)).toContain('ffffffff-late-event');
    for (const event of first.events) expect(merged.events).toContainEqual(event);
    // 2026-11-21 was complete already: not fetched again.
    expect(heroku.requests.filter((q) => q.path.includes('day=2026-11-21'))).toHaveLength(1);
    expect(files().filter((f) => f.includes('/inventory/') && f.endsWith('manifest.json'))).toHaveLength(1);

    // Six hours later nothing happened: no empty commit.
    const head = github.branchHead();
    const quiet = await runAction(
      heroku,
      github,
      { 'audit-backfill-days': '2' },
      new Date('2026-11-22T18:00:00Z'),
    );
    expect(quiet.failed).toBe(false);
    expect(github.branchHead()).toBe(head);
    expect(quiet.outputs['evidence-commit']).toBe(head);
    expect(quiet.log).toContain('Nothing new to commit: acme/compliance@main already holds this evidence.');
  });

  it('writes locally and commits nothing in a dry run', async () => {
    const result = await runAction(heroku, github, { 'dry-run': 'true' }, DAY1);
    expect(result.failed).toBe(false);
    expect(github.branchHead()).toBeNull();
    expect(github.issues).toEqual([]);
    expect(result.outputs['evidence-commit']).toBe('');
    expect(readFileSync(join(result.outputDir, 'inventory/2026/11/22/060000Z/SHA256SUMS'), 'utf8')).toMatch(
      / {2}apps\.json\n/,
    );
    expect(result.summary).toMatch(/## Issues \(not applied: dry run\)\n\nPlan: \d+ create/);
  });

  it('builds a dry run on nothing it does not need: a broken file of the last run leaves its state as read', async () => {
    const first = await runAction(heroku, github, { collect: 'inventory' }, DAY1);
    github.commitFile(`${first.outputs['run-path']}/findings.json`, '{ broken');
    const dry = await runAction(heroku, github, { 'dry-run': 'true' }, new Date('2026-11-22T08:00:00Z'));
    expect(dry.failed).toBe(false);
    // The state was read, not replaced by an empty one: the inventory of two hours ago is not due again.
    expect(dry.log).toContain('Inventory not due');
    expect(dry.log).not.toContain('starting from an empty state');
  });

  it('stops before collecting, in one sentence naming the file, on a broken file of the last run', async () => {
    const first = await runAction(heroku, github, { collect: 'inventory' }, DAY1);
    const broken = `${first.outputs['run-path']}/findings.json`;
    const head = github.commitFile(broken, '{ broken');
    const mark = heroku.requests.length;
    const next = await runAction(heroku, github, { collect: 'inventory' }, new Date('2026-11-22T12:00:00Z'));
    expect(next.failed).toBe(true);
    expect(next.log).toContain(
      `${broken} in the evidence repository is not valid JSON; fix it before the next run.`,
    );
    expect(github.branchHead()).toBe(head);
    // Read before the walk: no app of the account was read for a run that could not be committed.
    expect(heroku.requests.slice(mark).filter((q) => q.path.startsWith('/apps/'))).toEqual([]);
  });

  it('masks the token before anything else is printed, and never prints it', async () => {
    const result = await runAction(heroku, github, {}, DAY1);
    expect(result.log.split('\n')[0]).toBe(`::add-mask::${heroku.world.tokens.values().next().value}`);
    expect(result.log.split('\n').slice(1).join('\n')).not.toContain([...heroku.world.tokens][0]);
  });

  it('ends with one sentence on a rejected Heroku token, committing nothing', async () => {
    heroku.world.tokens.clear();
    const result = await runAction(heroku, github, {}, DAY1);
    expect(result.failed).toBe(true);
    expect(result.log).toMatch(
      /::error::Heroku rejected the API token \(401 unauthorized: Invalid credentials provided\.\)/,
    );
    expect(github.branchHead()).toBeNull();
  });

  it('refuses a malformed policy before collecting anything', async () => {
    const result = await runAction(heroku, github, { policy: '/nonexistent.yml' }, DAY1);
    expect(result.failed).toBe(true);
    expect(result.log).toContain('::error::The policy file /nonexistent.yml cannot be read: ENOENT.');
    expect(heroku.requests).toEqual([]);
  });

  it('refuses a bad input with the input’s name and what it expects', async () => {
    const result = await runAction(heroku, github, { collect: 'everything' }, DAY1);
    expect(result.log).toContain(
      '::error::`collect` is "everything"; expected one of auto, inventory, audit, all, check-connection, report, plan, shard, merge.',
    );
  });
});

describe('partial access and bad responses', () => {
  it('records a malformed list, a vanished app and a refused audit trail as gaps, and still commits', async () => {
    heroku.fail({ path: '/teams/web/members', raw: '[{"id": "m-1", "email": ' });
    const app = heroku.world.apps.get('payments')![0]!;
    heroku.fail({
      path: `/apps/${app.id}/domains`,
      status: 404,
      id: 'not_found',
      message: 'Couldn’t find that app.',
    });
    heroku.fail({
      path: /\/events\?day=2026-11-21$/,
      status: 403,
      id: 'forbidden',
      message: 'You do not have access to the audit trail.',
    });
    const result = await runAction(heroku, github, { 'audit-backfill-days': '2' }, DAY1);
    expect(result.failed).toBe(false);
    const manifest = JSON.parse(show('heroku-evidence/inventory/2026/11/22/060000Z/manifest.json'));
    expect(manifest.complete).toBe(false);
    expect(manifest.gaps.map((g: { resource: string; scope: string }) => `${g.resource} ${g.scope}`)).toEqual(
      ['audit-trail audit-day/2026-11-21', `domains app/${app.name}`, 'team-members team/web'],
    );
    expect(manifest.gaps[2].reason).toBe(
      'GET /teams/web/members: the response is not valid JSON (truncated?)',
    );
    expect(manifest.gaps[1].reason).toBe(
      `GET /apps/${app.id}/domains: 404 not_found: Couldn’t find that app.`,
    );
    const findings = JSON.parse(show('heroku-evidence/inventory/2026/11/22/060000Z/findings.json')) as {
      control: string;
      resource: string;
      status: string;
    }[];
    expect(findings.find((f) => f.control === 'HEROKU-ACCESS-1' && f.resource === 'team/web')?.status).toBe(
      'error',
    );
    expect(
      findings.find((f) => f.control === 'HEROKU-AUDIT-1' && f.resource === 'audit-day/2026-11-21')?.status,
    ).toBe('fail');
    expect(github.issues.map((i) => i.title)).toContain(
      'HEROKU-AUDIT-1: audit trail of 2026-11-21 could not be read',
    );
    expect(show('heroku-evidence/inventory/2026/11/22/060000Z/SUMMARY.md')).toContain(
      'This evidence is **incomplete**',
    );
    // The day that could not be read is fetched again next time.
    expect(JSON.parse(show('heroku-evidence/state.json')).auditDays['2026-11-21']).toBeUndefined();
  });
});

describe('collect: check-connection', () => {
  it('reports what the token can and cannot read, with the fix, and changes nothing', async () => {
    heroku.fail({
      path: /^\/apps\/[^/]+\/config-vars$/,
      status: 403,
      id: 'forbidden',
      message: 'This token needs read-protected.',
    });
    const result = await runAction(heroku, github, { collect: 'check-connection' }, DAY1);
    expect(result.failed).toBe(false);
    expect(result.summary).toContain('| Account | yes | `token of evidence-bot@acme.example` |');
    expect(result.summary).toMatch(/\| Audit trail \| yes \| \d+ events today/);
    expect(result.summary).toMatch(
      /\| Config var names \(sample app [^)]+\) \| no \| GET \/apps\/[^/]+\/config-vars: 403 forbidden.*read-protected/,
    );
    expect(github.requests).toEqual([]);
  });

  it('lists every enterprise team the token cannot see, with the fix, as an inventory would report them', async () => {
    heroku.world.visibleTeams.delete('payments');
    const result = await runAction(heroku, github, { collect: 'check-connection' }, DAY1);
    expect(result.failed).toBe(false);
    expect(result.summary).toMatch(/\| Enterprise teams \| yes \| 3 teams in the enterprise/);
    expect(result.summary).toContain(
      '| Team payments | no | not visible to the token | Add the service account to the team as a member: `heroku members:add <email> --team <team> --role member`. |',
    );
    const inventory = await runAction(heroku, undefined, { collect: 'inventory', 'dry-run': 'true' }, DAY1);
    expect(inventory.summary).toContain('payments');
  });

  it('says that the audit trail needs the enterprise manage permission', async () => {
    heroku.fail({ path: /\/events\?day=/, status: 403, id: 'forbidden', message: 'Not allowed.' });
    const result = await runAction(heroku, github, { collect: 'check-connection' }, DAY1);
    expect(result.summary).toMatch(
      /\| Audit trail \| no \| .*\| Give the service account the `manage` permission/,
    );
  });

  it('fails only when the token itself is rejected', async () => {
    heroku.world.tokens.clear();
    const result = await runAction(heroku, github, { collect: 'check-connection' }, DAY1);
    expect(result.failed).toBe(true);
  });
});

import { createHash } from 'node:crypto';

function sha256(text: string) {
  return createHash('sha256').update(text).digest('hex');
}

describe('hostile text and unsafe settings', () => {
  it('lets no text from Heroku start a line of the log, so none can become a workflow command', async () => {
    heroku.world.account.email = 'bot@acme.example\n::warning::PWNED account';
    const member = heroku.world.members.get('web')![1]!;
    member.email = 'dev@acme.example\r\n::add-mask::PWNED email';
    member.user.name = 'Dev\n::stop-commands::PWNED';
    heroku.fail({
      path: '/teams/web/preferences',
      status: 403,
      id: 'forbidden',
      message: 'no\n::error::PWNED message\n::set-output name=x::y',
    });
    const result = await runAction(heroku, github, { collect: 'all' }, DAY1);
    expect(result.failed).toBe(false);
    expect(result.log).toContain('PWNED');
    for (const line of result.log.split(/\r?\n|\r/)) {
      if (line.includes('PWNED')) expect(line).not.toMatch(/^\s*::[a-z-]+(::| )[^%]*PWNED/);
      expect(line.startsWith('::stop-commands')).toBe(false);
    }
  });

  it('refuses an http Heroku URL that would send the token in clear text, unless it is loopback', async () => {
    const result = await runAction(heroku, github, { 'heroku-api-url': 'http://api.heroku.example' }, DAY1);
    expect(result.failed).toBe(true);
    expect(result.log).toContain('plain http would send the Heroku token in clear text');
    expect(heroku.requests).toEqual([]);
    // The simulator itself is on http://127.0.0.1, accepted.
    expect((await runAction(heroku, github, { collect: 'check-connection' }, DAY1)).failed).toBe(false);
  });
});

describe('nothing private is published by accident', () => {
  it('refuses a public evidence repository before collecting anything, saying why and how to opt in', async () => {
    github.isPublic = true;
    const result = await runAction(heroku, github, { collect: 'all' }, DAY1);
    expect(result.failed).toBe(true);
    expect(result.log).toContain('the evidence repository acme/compliance is public');
    expect(result.log).toContain('allow-public-repository: true');
    expect(heroku.requests).toEqual([]);
    expect(github.requests.filter((r) => r.method !== 'GET')).toEqual([]);
    const allowed = await runAction(
      heroku,
      github,
      { collect: 'all', 'allow-public-repository': 'true' },
      DAY1,
    );
    expect(allowed.failed).toBe(false);
    expect(allowed.outputs['evidence-commit']).toMatch(/^[0-9a-f]{40}$/);
  });

  it('commits a hash of each formation command, never the command', async () => {
    const app = heroku.world.apps.get('web')![0]!;
    heroku.world.formation.get(app.id)![0]!.command = 'DATABASE_URL=postgres://u:hunter2@db/x bin/web';
    await runAction(heroku, github, { collect: 'inventory' }, DAY1);
    const everything = github.git(['log', '-p', '--all']);
    expect(everything).not.toContain('hunter2');
    expect(everything).toMatch(/"commandSha256": "[0-9a-f]{64}"/);
  });

  it('scrubs token-shaped text from Heroku out of every file, log line, issue and summary', async () => {
    const secret = 'HRKU-AAAAbbbbCCCCdddd1234';
    heroku.fail({
      path: '/teams/web/preferences',
      status: 403,
      id: 'forbidden',
      message: `denied for Bearer ${secret} and ${secret}`,
    });
    heroku.world.authorizations[0]!.description = `bot ${secret}`;
    const result = await runAction(heroku, github, { collect: 'all' }, DAY1);
    expect(result.failed).toBe(false);
    expect(result.summary).toContain('redacted');
    for (const text of [
      result.log,
      result.summary,
      github.git(['log', '-p', '--all']),
      JSON.stringify(github.issues),
    ])
      expect(text).not.toContain(secret);
  });
});

describe('problems are visible where people look', () => {
  it('refuses an empty github-token outside a dry run instead of committing nothing and passing', async () => {
    const result = await runAction(heroku, github, { 'github-token': '' }, DAY1);
    expect(result.failed).toBe(true);
    expect(result.log).toContain('::error::The `github-token` input is empty');
    expect(heroku.requests).toEqual([]);
  });

  it('refuses collect: audit without enterprise-account', async () => {
    const result = await runAction(heroku, github, { collect: 'audit', 'enterprise-account': '' }, DAY1);
    expect(result.failed).toBe(true);
    expect(result.log).toContain(
      '`collect: audit` reads the enterprise audit trail and needs `enterprise-account`',
    );
  });

  it('turns gaps and findings that could not be evaluated into warning annotations, one line a group', async () => {
    heroku.fail({ path: /^\/apps\/[^/]+\/domains$/, status: 403, id: 'forbidden', message: 'no' });
    const result = await runAction(heroku, github, { collect: 'inventory' }, DAY1);
    const warnings = result.log.split('\n').filter((l) => l.startsWith('::warning'));
    expect(
      warnings.some((l) =>
        /^::warning title=Heroku Evidence::Gap: domains could not be read \(12\): app\//.test(l),
      ),
    ).toBe(true);
    expect(warnings.some((l) => /HEROKU-TLS-1 could not be evaluated/.test(l))).toBe(true);
    expect(warnings.length).toBeLessThanOrEqual(10);
    expect(result.failed).toBe(false);
  });

  it('fails the job as fail-on asks, after committing the evidence', async () => {
    heroku.fail({ path: '/teams/web/preferences', status: 403, id: 'forbidden', message: 'no' });
    const never = await runAction(heroku, github, { collect: 'inventory' }, DAY1);
    expect(never.failed).toBe(false);
    const incomplete = await runAction(
      heroku,
      github,
      { collect: 'inventory', 'fail-on': 'incomplete' },
      new Date('2026-11-23T06:00:00Z'),
    );
    expect(incomplete.failed).toBe(true);
    expect(incomplete.log).toContain('::error::fail-on: incomplete: the evidence is incomplete');
    expect(incomplete.outputs['evidence-commit']).toMatch(/^[0-9a-f]{40}$/);
    heroku.faults = [];
    const failing = await runAction(
      heroku,
      github,
      { collect: 'inventory', 'fail-on': 'failing' },
      new Date('2026-11-24T06:00:00Z'),
    );
    expect(Number(failing.outputs['failed-controls'])).toBeGreaterThan(0);
    expect(failing.failed).toBe(true);
    const bad = await runAction(heroku, github, { 'fail-on': 'sometimes' }, DAY1);
    expect(bad.log).toContain(
      '::error::`fail-on` is "sometimes"; expected one of never, incomplete, failing.',
    );
  });

  it('stops on a state.json whose lastInventoryAt cannot be read, saying how to fix it', async () => {
    await runAction(heroku, github, { collect: 'all' }, DAY1);
    const state = JSON.parse(show('heroku-evidence/state.json'));
    state.lastInventoryAt = 'yesterday-ish';
    github.commitFile('heroku-evidence/state.json', `${JSON.stringify(state, null, 2)}\n`);
    const result = await runAction(heroku, github, {}, new Date('2026-11-23T06:00:00Z'));
    expect(result.failed).toBe(true);
    expect(result.log).toMatch(
      /::error::heroku-evidence\/state.json is not a valid Heroku Evidence state file \(lastInventoryAt: not a date and time\)\. Fix the value, or delete state.json/,
    );
  });

  it('merges the audit days already committed when state.json is missing, never overwriting them', async () => {
    await runAction(heroku, github, { collect: 'all' }, DAY1);
    const path = 'heroku-evidence/audit/2026/11/21.json';
    const before = JSON.parse(show(path)).events.length;
    expect(before).toBeGreaterThan(0);
    github.deleteFile('heroku-evidence/state.json');
    // Heroku now returns fewer events for that day than were recorded.
    for (const [day, events] of heroku.world.events) if (day === '2026-11-21') events.splice(0, 1);
    await runAction(heroku, github, { collect: 'audit' }, new Date('2026-11-22T12:00:00Z'));
    expect(JSON.parse(show(path)).events.length).toBe(before);
  });

  it('says a protected branch refused the commit, instead of "kept moving"', async () => {
    github.protectedBranch = true;
    const result = await runAction(heroku, github, { collect: 'all' }, DAY1);
    expect(result.failed).toBe(true);
    expect(result.log).toContain('A branch protection rule or ruleset probably requires pull requests');
    expect(result.log).not.toContain('kept moving');
  });

  it('never writes two runs that start in the same second into the same folder', async () => {
    const first = await runAction(heroku, github, { collect: 'inventory' }, DAY1);
    const second = await runAction(heroku, github, { collect: 'inventory' }, DAY1);
    expect(first.outputs['run-path']).toBe('heroku-evidence/inventory/2026/11/22/060000Z');
    expect(second.outputs['run-path']).not.toBe(first.outputs['run-path']);
    expect(show(`${first.outputs['run-path']}/manifest.json`)).not.toBe(
      show(`${second.outputs['run-path']}/manifest.json`),
    );
  });
});

describe('an unchanged account costs a few small requests', () => {
  it('references files whose bytes the repository already holds by their sha, sending only what changed', async () => {
    await runAction(heroku, github, { collect: 'inventory' }, DAY1);
    const firstBytes = github.requests.reduce((n, r) => n + r.bytes, 0);
    const mark = github.requests.length;
    const second = await runAction(
      heroku,
      github,
      { collect: 'inventory' },
      new Date('2026-11-23T06:00:00Z'),
    );
    const sent = github.requests.slice(mark);
    const trees = sent.filter((r) => r.method === 'POST' && r.path.endsWith('/git/trees'));
    const blobs = sent.filter((r) => r.method === 'POST' && r.path.endsWith('/git/blobs'));
    expect(blobs).toEqual([]);
    expect(trees).toHaveLength(1);
    const secondBytes = sent.reduce((n, r) => n + r.bytes, 0);
    expect(secondBytes * 3).toBeLessThan(firstBytes);
    // The run folder is complete all the same: every file is there and verifies.
    const run = second.outputs['run-path']!;
    const listed = files().filter((f) => f.startsWith(`${run}/`));
    expect(listed.length).toBeGreaterThan(20);
    expect(show(`${run}/apps.json`)).toBe(show(`heroku-evidence/inventory/2026/11/22/060000Z/apps.json`));
  });
});
