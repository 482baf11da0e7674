import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CONTROLS, evaluate } from '../src/controls/catalog.js';
import { observer } from '../src/controls/scope.js';
import { assembleRun } from '../src/evidence/assemble.js';
import { drift } from '../src/evidence/drift.js';
import { DATA_FILES } from '../src/evidence/files.js';
import { RUN_FILES } from '../src/evidence/layout.js';
import { policySha256 } from '../src/evidence/policy-file.js';
import { keptOfPrevious, PREVIOUS_FILES } from '../src/evidence/previous.js';
import { mergeAuditDay, type RenderInput, render } from '../src/evidence/render.js';
import { emptyState, inventoryDue, type State } from '../src/evidence/state.js';
import { auditDaysToFetch } from '../src/heroku/audit.js';
import { HerokuClient } from '../src/heroku/client.js';
import { collect } from '../src/heroku/collect.js';
import { defaultPolicy } from '../src/policy.js';
import { safeName } from '../src/shared/escape.js';
import { writeLocal } from '../src/shared/files.js';
import { sha256 } from '../src/shared/hash.js';
import type { AuditEvent } from '../src/snapshot/records.js';
import type { Snapshot } from '../src/snapshot/snapshot.js';
import { NOW, passingSnapshot } from './helpers/snapshot.js';
import { HerokuSim } from './sim/heroku.js';
import { generateWorld, SIM_TOKEN } from './sim/world.js';

const sims: HerokuSim[] = [];
afterEach(async () => {
  for (const sim of sims.splice(0)) await sim.close();
});

async function collectWorld(seed = 7): Promise<Snapshot> {
  const sim = new HerokuSim(generateWorld({ seed, apps: 15, auditDays: 2 }));
  sims.push(sim);
  await sim.start();
  const client = new HerokuClient({ token: SIM_TOKEN, baseUrl: sim.url, userAgent: 'test' });
  return collect(client, {
    token: SIM_TOKEN,
    enterprise: 'acme',
    teams: [],
    inventory: true,
    auditDays: ['2026-11-21'],
    now: NOW,
    clock: () => 0,
    log: () => {},
  });
}

function input(
  snapshot: Snapshot,
  state: State = emptyState(),
  previousRunFiles = new Map<string, unknown>(),
): RenderInput {
  return {
    snapshot,
    findings: evaluate(snapshot, defaultPolicy, NOW),
    observe: observer(snapshot),
    policy: defaultPolicy,
    state,
    previousRunFiles,
    existingAuditDays: new Map(),
    tool: { name: 'heroku-evidence', version: '0.1.0' },
    runUrl: null,
  };
}

const runPath = 'inventory/2026/11/22/060000Z';

describe('rendering the evidence', () => {
  it('writes every file of the contract’s layout', async () => {
    const { files, runPath: path } = render(input(await collectWorld()));
    expect(path).toBe(runPath);
    const names = [...files.keys()]
      .filter((p) => p.startsWith(`${runPath}/`))
      .map((p) => p.slice(runPath.length + 1))
      .sort();
    expect(names).toEqual(
      [
        'manifest.json',
        'SHA256SUMS',
        'SUMMARY.md',
        'findings.json',
        'account.json',
        'enterprise-account.json',
        'enterprise-members.json',
        'teams.json',
        'team-members.json',
        'team-preferences.json',
        'apps.json',
        'app-permissions.json',
        'config-var-names.json',
        'domains.json',
        'sni-endpoints.json',
        'addons.json',
        'addon-attachments.json',
        'pipelines.json',
        'pipeline-couplings.json',
        'formations.json',
        'spaces.json',
        'stacks.json',
        'authorization.json',
        'log-drains.json',
        'app-features.json',
        'identity-providers.json',
        'pipeline-config-var-names.json',
        'review-app-configs.json',
        'space-inbound-rules.json',
        'policy.json',
      ].sort(),
    );
    expect(files.has('README.md') && files.has('state.json') && files.has('audit/2026/11/21.json')).toBe(
      true,
    );
  });

  it('gives byte-identical files for two collections of the same account', async () => {
    const a = render(input(await collectWorld()));
    const b = render(input(await collectWorld()));
    expect([...b.files.entries()]).toEqual([...a.files.entries()]);
    for (const text of a.files.values()) expect(text.endsWith('\n')).toBe(true);
    expect(a.files.get(`${runPath}/apps.json`)).toMatch(/^\[\n {2}\{\n {4}"acm"/);
  });

  it('writes a manifest with every contract field and a SHA256SUMS that sha256sum -c verifies', async () => {
    const snapshot = await collectWorld();
    snapshot.gaps.push({ resource: 'domains', scope: 'app/x', reason: '403 forbidden' });
    const { files } = render(input(snapshot));
    const manifest = JSON.parse(files.get(`${runPath}/manifest.json`)!);
    expect(manifest).toMatchObject({
      schema: 'heroku-evidence/manifest@1',
      collectedAt: NOW.toISOString(),
      enterprise: { name: 'acme' },
      tool: { name: 'heroku-evidence', version: '0.1.0' },
      run: null,
      previousManifestSha256: null,
      complete: false,
      gaps: [{ resource: 'domains', scope: 'app/x', reason: '403 forbidden' }],
      requests: snapshot.requests,
      completedAt: NOW.toISOString(),
      policySha256: policySha256(defaultPolicy),
    });
    // The policy in force, every default filled in, listed and hashed like any other file of the run.
    expect(JSON.parse(files.get(`${runPath}/policy.json`)!)).toMatchObject({ maxTeamAdmins: 3, waivers: [] });
    expect(sha256(files.get(`${runPath}/policy.json`)!)).toBe(manifest.policySha256);
    expect(manifest.files.map((f: { path: string }) => f.path)).toContain('policy.json');
    expect(manifest.files.find((f: { path: string }) => f.path === 'apps.json')).toEqual({
      path: 'apps.json',
      sha256: sha256(files.get(`${runPath}/apps.json`)!),
      records: 15,
    });

    const dir = mkdtempSync(join(tmpdir(), 'evidence-'));
    await writeLocal(dir, files);
    const out = execFileSync('sha256sum', ['-c', 'SHA256SUMS'], {
      cwd: join(dir, runPath),
      encoding: 'utf8',
    });
    expect(out.trim().split('\n')).toHaveLength(29);
    expect(out).not.toMatch(/FAILED/);
    // …and it can fail: change one byte.
    await writeLocal(
      dir,
      new Map([[`${runPath}/apps.json`, files.get(`${runPath}/apps.json`)!.replace('"acm"', '"acM"')]]),
    );
    expect(() =>
      execFileSync('sha256sum', ['-c', '--quiet', 'SHA256SUMS'], { cwd: join(dir, runPath), stdio: 'pipe' }),
    ).toThrow();
  });

  it('chains each manifest to the previous one through state.json', async () => {
    const first = render(input(await collectWorld()));
    const snapshot = await collectWorld();
    snapshot.collectedAt = '2026-11-23T06:00:00.000Z';
    const second = render(input(snapshot, first.state));
    const manifest = JSON.parse(second.files.get('inventory/2026/11/23/060000Z/manifest.json')!);
    expect(manifest.previousManifestSha256).toBe(sha256(first.files.get(`${runPath}/manifest.json`)!));
    expect(second.state.lastManifestSha256).toBe(
      sha256(second.files.get('inventory/2026/11/23/060000Z/manifest.json')!),
    );
    expect(second.state.runs.map((r) => r.path)).toEqual(['inventory/2026/11/23/060000Z', runPath]);
    expect(second.files.get('README.md')).toContain(
      '[`inventory/2026/11/23/060000Z`](inventory/2026/11/23/060000Z/SUMMARY.md)',
    );
  });

  it('writes only audit days, state and README on an audit-only run', () => {
    const s = passingSnapshot();
    s.collected = { inventory: false, audit: true };
    const r = render(input(s));
    expect([...r.files.keys()].sort()).toEqual(['README.md', 'audit/2026/11/21.json', 'state.json']);
    expect(r.runPath).toBeNull();
    expect(r.message).toMatch(
      /^Heroku evidence: audit trail of acme at 2026-11-22 06:00Z: 1 audit days \(0 events\)/,
    );
  });
});

describe('audit days', () => {
  const event = (id: string, at: string): AuditEvent => ({
    id,
    created_at: at,
    type: 'app',
    action: 'update',
  });
  it('merge by event id, sorted by time then id, never dropping an event already recorded', () => {
    const existing = {
      day: '2026-11-21',
      complete: false,
      events: [event('b', '2026-11-21T10:00:00Z'), event('z', '2026-11-21T01:00:00Z')],
    };
    const merged = mergeAuditDay(existing, {
      day: '2026-11-21',
      complete: true,
      events: [event('a', '2026-11-21T10:00:00Z'), event('b', '2026-11-21T10:00:00Z')],
    });
    expect(merged.events.map((e) => e.id)).toEqual(['z', 'a', 'b']);
    expect(merged.complete).toBe(true);
  });
  it('fetches today and every incomplete day of the window, today counting as its first day', () => {
    expect(auditDaysToFetch(NOW, 3, new Set())).toEqual(['2026-11-20', '2026-11-21', '2026-11-22']);
    expect(auditDaysToFetch(NOW, 3, new Set(['2026-11-20']))).toEqual(['2026-11-21', '2026-11-22']);
  });
});

describe('inventory interval', () => {
  it('is due when the last inventory is older than the interval less an hour', () => {
    const state = { ...emptyState(), lastInventoryAt: '2026-11-21T06:40:00Z' };
    expect(inventoryDue(state, 24 * 3_600_000, NOW)).toBe(true); // 23h20m later: due, despite the runner's jitter
    expect(inventoryDue({ ...state, lastInventoryAt: '2026-11-22T00:10:00Z' }, 24 * 3_600_000, NOW)).toBe(
      false,
    );
    expect(inventoryDue(emptyState(), 24 * 3_600_000, NOW)).toBe(true);
  });
});

describe('drift between two runs', () => {
  const files = (s: Snapshot) =>
    new Map(DATA_FILES.map((f) => [f.name, JSON.parse(JSON.stringify(f.records(s) ?? null))]));

  it('says what changed in members, apps, domains, certificates, add-ons and config var names', () => {
    const before = passingSnapshot();
    before.sniEndpoints = [
      {
        id: 'e',
        name: 'tokyo-1',
        app: { id: 'a-prod', name: 'web-prod' },
        ssl_cert: { cert_domains: ['api.acme.example'], expires_at: '2026-12-01T00:00:00Z' },
      },
    ];
    const after = structuredClone(before);
    after.teamMembers[1]!.role = 'admin';
    after.teamMembers[0]!.two_factor_authentication = false;
    after.teamMembers.push({
      id: 'm-9',
      email: 'new@acme.example',
      role: 'member',
      two_factor_authentication: true,
      team: 'web',
    });
    after.apps.pop();
    after.domains[0]!.acm_status = 'failing';
    after.sniEndpoints[0]!.ssl_cert.expires_at = '2027-12-01T00:00:00Z';
    after.addonAttachments = [];
    after.configVarNames[0]!.names.push({ name: 'NEW_VAR', secretLike: false, addon: null });
    const changes = drift(files(before), files(after));
    expect(changes.map(({ section, text }) => ({ section, text }))).toEqual([
      { section: 'Members', text: 'alice@acme.example: two-factor authentication disabled' },
      { section: 'Members', text: 'bob@acme.example in team web: role member → admin' },
      { section: 'Members', text: 'new@acme.example joined team web as member' },
      { section: 'Apps', text: 'app web-stag removed' },
      { section: 'Domains', text: 'domain www.acme.example lost its TLS certificate' },
      { section: 'Certificates', text: 'certificate of web-prod/tokyo-1 renewed: now expires 2027-12-01' },
      { section: 'Add-ons', text: 'detached pg-1 → web-prod' },
      { section: 'Config vars', text: 'web-prod: NEW_VAR added' },
    ]);
    // What the commit message says of them: no email, hostname or config var name, only app and team names.
    expect(changes.map((c) => [c.brief.one, c.brief.where])).toEqual([
      ['member disabled two-factor authentication', { team: 'web' }],
      ['role changed', { team: 'web' }],
      ['member joined', { team: 'web' }],
      ['app removed', { app: 'web-stag' }],
      ['domain lost its TLS certificate', { app: 'web-prod' }],
      ['certificate renewed', { app: 'web-prod' }],
      ['add-on detached', { app: 'web-prod' }],
      ['config var name added', { app: 'web-prod' }],
    ]);
  });

  it('gives the same run from the fields of the previous files it keeps as from the whole files', () => {
    const before = passingSnapshot();
    const after = structuredClone(before);
    after.teamMembers[1]!.role = 'admin';
    after.teamMembers.pop();
    // web-stag is not in the team's app list this time, which could not be read whole: its findings are carried
    // over as not verified, through the team the previous apps.json gave it.
    after.apps.pop();
    after.gaps.push({ resource: 'team-apps', scope: 'team/web', reason: '503 Service Unavailable' });
    after.domains[0]!.acm_status = 'failing';
    after.addonAttachments = [];
    after.configVarNames[0]!.names.push({ name: 'NEW_VAR', secretLike: false, addon: null });
    after.authorization = null;
    const whole = new Map<string, unknown>(
      [
        ...files(before),
        [RUN_FILES.findings, JSON.parse(JSON.stringify(evaluate(before, defaultPolicy, NOW)))] as const,
      ].filter(([name]) => PREVIOUS_FILES.includes(name)),
    );
    const run = (previousRunFiles: Map<string, unknown>) =>
      assembleRun({
        snapshot: after,
        findings: evaluate(after, defaultPolicy, NOW),
        evaluated: new Set(CONTROLS.map((c) => c.id)),
        policy: defaultPolicy,
        previous: {
          state: { ...emptyState(), lastRunPath: 'inventory/2026/11/21/060000Z' },
          previousRunFiles,
          existingAuditDays: new Map(),
          ledgerText: '',
        },
        tool: { name: 'heroku-evidence', version: '0.1.0' },
        runUrl: null,
      });
    const a = run(whole);
    const kept = new Map(
      [...whole].map(([name, value]) => [name, keptOfPrevious(name, structuredClone(value))]),
    );
    // What is kept is smaller than what was read: an app keeps its name, stack and team, not its URLs.
    expect(Object.keys((kept.get(RUN_FILES.apps) as object[])[0]!).sort()).toEqual(['name', 'stack', 'team']);
    const b = run(kept);
    expect(a.changes.length).toBeGreaterThan(3);
    expect(a.findings.some((f) => f.title.startsWith('not verified'))).toBe(true);
    expect(b.changes).toEqual(a.changes);
    expect(b.findings).toEqual(a.findings);
    expect(b.since).toEqual(a.since);
    expect([...b.files.entries()]).toEqual([...a.files.entries()]);
  });

  it('ignores volatile fields', () => {
    const before = passingSnapshot();
    const after = structuredClone(before);
    after.apps[0]!.updated_at = '2026-11-22T05:00:00Z';
    after.apps[0]!.released_at = '2026-11-22T05:00:00Z';
    after.apps[0]!.slug_size = 123;
    expect(drift(files(before), files(after))).toEqual([]);
  });
});

describe('commit messages', () => {
  it('carry app and team names only, percent-encoding any that Heroku could not have sent', () => {
    expect(safeName('acme-api-staging')).toBe('acme-api-staging');
    expect(safeName('fixes #12 @octocat')).toBe('fixes%20%2312%20%40octocat');
    expect(safeName('x\u200by')).not.toMatch(/\u200b/);
  });
});
