// The controls from HEROKU-LOG-1 on, against the Heroku simulator: each fails on the failure planted in the
// generated world and passes on its twin, reads only where it needs to, and turns a refused list into a gap and
// an `error` finding.
import { afterEach, describe, expect, it } from 'vitest';
import { evaluate } from '../src/controls/catalog.js';
import { cidrWithin } from '../src/controls/network.js';
import type { Finding } from '../src/controls/types.js';
import { HerokuClient } from '../src/heroku/client.js';
import { collect } from '../src/heroku/collect.js';
import { defaultPolicy, type Policy, parsePolicy } from '../src/policy.js';
import { certificateFacts, schemeAndHost } from '../src/snapshot/records.js';
import { IDP_CERT_EXPIRING } from './sim/certificates.js';
import { HerokuSim } from './sim/heroku.js';
import { allApps, generateWorld, healthyWorld, makeFirApp, SIM_TOKEN, type World } from './sim/world.js';

const NOW = new Date('2026-11-22T06:00:00Z');
const NEW_CONTROLS = [
  'HEROKU-LOG-1',
  'HEROKU-TLS-3',
  'HEROKU-SSO-1',
  'HEROKU-CONFIG-2',
  'HEROKU-REVIEW-1',
  'HEROKU-DB-1',
  'HEROKU-NET-1',
];

let sim: HerokuSim | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

async function collectFrom(world: World, policy: Policy, prepare: (s: HerokuSim) => void = () => {}) {
  sim = new HerokuSim(world);
  await sim.start();
  prepare(sim);
  const client = new HerokuClient({
    token: SIM_TOKEN,
    baseUrl: sim.url,
    userAgent: 'heroku-evidence/test',
    sleep: async () => {},
  });
  const snapshot = await collect(client, {
    token: SIM_TOKEN,
    enterprise: 'acme',
    teams: [],
    inventory: true,
    auditDays: [],
    now: NOW,
    log: () => {},
    productionApps: policy.productionApps,
    inboundRules: Boolean(policy.allowedInboundCidrs?.length),
  });
  return { snapshot, findings: evaluate(snapshot, policy, NOW), requests: sim.requests };
}

const strict = parsePolicy('requireSso: true\nallowedInboundCidrs: [203.0.113.0/24, "2001:db8::/32"]\n', 't');
const status = (findings: Finding[], control: string, resource: string) =>
  findings.find((f) => f.control === control && f.resource === resource)?.status;
const redisOf = (world: World, app: string) =>
  world.addons.find(
    (a) =>
      (a.app as { name: string }).name === app &&
      (a.addon_service as { name: string }).name === 'heroku-redis',
  )!.name as string;
const postgresOf = (world: World, app: string) =>
  world.addons.find(
    (a) =>
      (a.app as { name: string }).name === app &&
      (a.addon_service as { name: string }).name === 'heroku-postgresql',
  )!.name as string;

describe('the controls from HEROKU-LOG-1 on, against the generated world', () => {
  it('fail on each planted failure and pass on its twin', async () => {
    const world = generateWorld({ apps: 9, auditDays: 1 });
    const { findings } = await collectFrom(world, strict);
    const expected: [string, string, string][] = [
      ['HEROKU-LOG-1', 'app/team-2-svc2-prod', 'fail'],
      ['HEROKU-LOG-1', 'app/payments-svc0-prod', 'pass'],
      ['HEROKU-TLS-3', 'app/web-svc1-prod', 'fail'],
      ['HEROKU-TLS-3', 'app/payments-svc0-prod', 'pass'],
      ['HEROKU-SSO-1', 'team/payments', 'fail'],
      ['HEROKU-SSO-1', 'team/team-2', 'fail'],
      ['HEROKU-SSO-1', 'team/web', 'pass'],
      ['HEROKU-CONFIG-2', 'pipeline-config-var/payments-service-0/test/AWS_SECRET_ACCESS_KEY', 'fail'],
      ['HEROKU-CONFIG-2', 'pipeline/web-service-1', 'pass'],
      ['HEROKU-REVIEW-1', 'pipeline/payments-service-0', 'fail'],
      ['HEROKU-REVIEW-1', 'pipeline/web-service-1', 'pass'],
      ['HEROKU-REVIEW-1', 'pipeline/team-2-service-2', 'pass'],
      ['HEROKU-DB-1', `addon/${redisOf(world, 'web-svc1-prod')}`, 'fail'],
      ['HEROKU-DB-1', `addon/${postgresOf(world, 'payments-svc0-prod')}`, 'pass'],
      ['HEROKU-NET-1', 'space/web-space', 'fail'],
      ['HEROKU-NET-1', 'space/payments-space', 'pass'],
    ];
    for (const [control, resource, want] of expected)
      expect(status(findings, control, resource), `${control} ${resource}`).toBe(want);
    // Nothing else fails among them: one failure per planted resource.
    expect(
      findings
        .filter((f) => NEW_CONTROLS.includes(f.control) && f.status !== 'pass')
        .map((f) => `${f.control} ${f.resource}`)
        .sort(),
    ).toEqual(
      expected
        .filter(([, , s]) => s === 'fail')
        .map(([c, r]) => `${c} ${r}`)
        .sort(),
    );
    const sso = findings.find((f) => f.control === 'HEROKU-SSO-1' && f.resource === 'team/payments')!;
    expect(sso.title).toBe('SSO certificate of team/payments expires on 2026-12-02');
    expect(sso.frameworks).toEqual(['SOC 2 CC6.1', 'ISO/IEC 27001:2022 A.5.16', 'ISO/IEC 27001:2022 A.8.5']);
  });

  it('all pass once the planted failures are fixed', async () => {
    const policy = parsePolicy('allowedInboundCidrs: [203.0.113.0/24]\n', 't');
    const { findings } = await collectFrom(healthyWorld(), policy);
    const ours = findings.filter((f) => NEW_CONTROLS.includes(f.control));
    expect(new Set(ours.map((f) => f.control))).toEqual(new Set(NEW_CONTROLS));
    expect(ours.filter((f) => f.status !== 'pass')).toEqual([]);
  });

  it('reads drains and features only where a control needs them, and inbound rules only with allowedInboundCidrs', async () => {
    const world = generateWorld({ apps: 12, auditDays: 1 });
    const { findings, requests, snapshot } = await collectFrom(world, defaultPolicy);
    const paths = requests.map((q) => q.path);
    const production = allApps(world).filter((a) => a.name.endsWith('-prod'));
    const drainReads = paths.filter((p) => p.endsWith('/log-drains'));
    expect(drainReads.sort()).toEqual(production.map((a) => `/apps/${a.id}/log-drains`).sort());
    // Features: production apps in a space only (two of them).
    expect(paths.filter((p) => p.endsWith('/features'))).toHaveLength(2);
    expect(paths.filter((p) => p.includes('inbound-ruleset'))).toEqual([]);
    expect(findings.filter((f) => f.control === 'HEROKU-NET-1')).toEqual([]);
    // Identity providers: only the two teams that have one.
    expect(paths.filter((p) => p.endsWith('/identity-providers')).sort()).toEqual([
      '/teams/payments/identity-providers',
      '/teams/web/identity-providers',
    ]);
    // Per pipeline: the review-app config and the CI stage's vars; the review stage's only where review apps are on.
    expect(paths.filter((p) => p.endsWith('/review-app-config'))).toHaveLength(world.pipelines.length);
    expect(paths.filter((p) => p.endsWith('/stage/test/config-vars'))).toHaveLength(world.pipelines.length);
    expect(paths.filter((p) => p.endsWith('/stage/review/config-vars'))).toHaveLength(2);
    // What the evidence keeps of a drain: its scheme and host, never its credentials, path, query or token.
    expect(snapshot.logDrains.find((d) => d.app === 'payments-svc0-prod')!.drains).toEqual([
      { id: expect.any(String), url: 'syslog+tls://logs.acme.example:6514', addon: null },
    ]);
    expect(snapshot.identityProviders.find((i) => i.owner.name === 'payments')!.certificate).toEqual({
      subject: 'CN=idp-soon.acme.example, O=Acme SSO',
      fingerprintSha256: expect.stringMatching(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/),
      notAfter: '2026-12-02T19:11:53.000Z',
    });
  });

  it('reads a Fir app’s telemetry drains instead of log drains, and needs the logs signal', async () => {
    const world = healthyWorld();
    makeFirApp(world, 'team-2-svc2-prod', ['traces']);
    const first = await collectFrom(world, defaultPolicy);
    expect(status(first.findings, 'HEROKU-LOG-1', 'app/team-2-svc2-prod')).toBe('fail');
    const fir = allApps(world).find((a) => a.name === 'team-2-svc2-prod')!;
    expect(first.requests.map((q) => q.path)).not.toContain(`/apps/${fir.id}/log-drains`);
    await sim?.close();
    makeFirApp(world, 'team-2-svc2-prod', ['logs', 'traces']);
    const second = await collectFrom(world, defaultPolicy);
    const log = second.findings.find(
      (f) => f.control === 'HEROKU-LOG-1' && f.resource === 'app/team-2-svc2-prod',
    )!;
    expect(log.status).toBe('pass');
    expect(log.title).toBe('team-2-svc2-prod sends its logs to https://otel.acme.example:4318');
  });
});

describe('the enterprise’s identity provider', () => {
  const enterpriseSso = (world: World, usedByWeb: boolean) => {
    const owner = { id: world.enterprise.id as string, name: 'acme', type: 'enterprise-account' };
    const idp = { id: '00000000-0000-4000-a000-000000005550', name: 'acme-sso', owner };
    world.enterprise.identity_provider = idp;
    if (!usedByWeb) return;
    const web = world.teams.find((t) => t.name === 'web')!;
    web.identity_provider = idp;
    // A team that signs in through the enterprise's provider lists it with the enterprise as owner.
    world.identityProviders.set('web', [
      { ...world.identityProviders.get('web')![0]!, id: idp.id, owner, certificate: IDP_CERT_EXPIRING },
    ]);
  };

  it('is read through a team that uses it and judged as the enterprise’s', async () => {
    const world = generateWorld({ apps: 9, auditDays: 1 });
    enterpriseSso(world, true);
    const { findings, snapshot } = await collectFrom(world, defaultPolicy);
    expect(status(findings, 'HEROKU-SSO-1', 'enterprise/acme')).toBe('fail');
    expect(status(findings, 'HEROKU-SSO-1', 'team/web')).toBeUndefined();
    expect(snapshot.gaps).toEqual([]);
  });

  it('is a gap, and `error`, when no team collected uses it (Heroku lists providers per team only)', async () => {
    const world = generateWorld({ apps: 9, auditDays: 1 });
    enterpriseSso(world, false);
    const { findings, snapshot } = await collectFrom(world, defaultPolicy);
    expect(snapshot.gaps.map((g) => `${g.resource} ${g.scope}`)).toEqual([
      'identity-providers enterprise/acme',
    ]);
    expect(status(findings, 'HEROKU-SSO-1', 'enterprise/acme')).toBe('error');
  });
});

describe('a list that cannot be read', () => {
  it('is a gap, and the control that needed it gives `error`, never a pass', async () => {
    const world = generateWorld({ apps: 9, auditDays: 1 });
    const web = allApps(world).find((a) => a.name === 'web-svc1-prod')!;
    const pipeline0 = world.pipelines[0]!.id as string;
    const pipeline1 = world.pipelines[1]!.id as string;
    const webSpace = world.spaces.find((s) => s.name === 'web-space')!.id as string;
    const refuse = (path: string | RegExp) => ({ path, status: 403, id: 'forbidden', message: 'Forbidden.' });
    const { snapshot, findings } = await collectFrom(world, strict, (s) => {
      s.fail(refuse(`/apps/${web.id}/log-drains`));
      s.fail(refuse(`/apps/${web.id}/features`));
      s.fail(refuse('/teams/payments/identity-providers'));
      s.fail(refuse(`/pipelines/${pipeline0}/stage/test/config-vars`));
      s.fail(refuse(`/pipelines/${pipeline1}/review-app-config`));
      s.fail(refuse(`/spaces/${webSpace}/inbound-ruleset`));
    });
    expect(snapshot.gaps.map((g) => `${g.resource} ${g.scope}`).sort()).toEqual(
      [
        'app-features app/web-svc1-prod',
        'identity-providers team/payments',
        'inbound-ruleset space/web-space',
        'log-drains app/web-svc1-prod',
        'pipeline-config-vars pipeline/payments-service-0',
        'review-app-config pipeline/web-service-1',
      ].sort(),
    );
    for (const [control, resource] of <[string, string][]>[
      ['HEROKU-LOG-1', 'app/web-svc1-prod'],
      ['HEROKU-TLS-3', 'app/web-svc1-prod'],
      ['HEROKU-SSO-1', 'team/payments'],
      ['HEROKU-CONFIG-2', 'pipeline/payments-service-0'],
      ['HEROKU-CONFIG-2', 'pipeline/web-service-1'],
      ['HEROKU-REVIEW-1', 'pipeline/web-service-1'],
      ['HEROKU-NET-1', 'space/web-space'],
    ])
      expect(status(findings, control, resource), `${control} ${resource}`).toBe('error');
    const gap = snapshot.gaps.find((g) => g.resource === 'identity-providers')!;
    expect(gap.reason).toMatch(/403 forbidden.*admin/);
  });
});

describe('the pieces', () => {
  it('tell whether a network lies inside an allowed one, IPv4 and IPv6', () => {
    expect(cidrWithin('203.0.113.0/25', '203.0.113.0/24')).toBe(true);
    expect(cidrWithin('203.0.113.7/32', '203.0.113.0/24')).toBe(true);
    expect(cidrWithin('203.0.112.0/23', '203.0.113.0/24')).toBe(false);
    expect(cidrWithin('0.0.0.0/0', '203.0.113.0/24')).toBe(false);
    expect(cidrWithin('10.1.2.0/24', '10.0.0.0/8')).toBe(true);
    expect(cidrWithin('2001:db8:1::/48', '2001:db8::/32')).toBe(true);
    expect(cidrWithin('2001:db9::/48', '2001:db8::/32')).toBe(false);
    expect(cidrWithin('10.0.0.0/8', '::/0')).toBe(false);
  });

  it('validate allowedInboundCidrs and name the bad key', () => {
    expect(() => parsePolicy('allowedInboundCidrs: [10.0.0.0/33]\n', 'p.yml')).toThrow(
      /p\.yml: allowedInboundCidrs\[0\] is "10\.0\.0\.0\/33": expected a CIDR/,
    );
    expect(() => parsePolicy('requireSso: "yes"\n', 'p.yml')).toThrow(/p\.yml: requireSso is "yes"/);
    expect(defaultPolicy.nonResilientPlans).toContain('heroku-postgresql:essential-*');
    expect(defaultPolicy.allowedInboundCidrs).toBeUndefined();
  });

  it('reduce a drain URL to its scheme and host', () => {
    expect(schemeAndHost('syslog+tls://user:pw@logs.example.com:6514/path?token=t')).toBe(
      'syslog+tls://logs.example.com:6514',
    );
    expect(schemeAndHost('https://u:p@logs.example.com/x?api_key=k#f')).toBe('https://logs.example.com');
    expect(schemeAndHost('not a url with secret')).toBeNull();
  });

  it('keep a certificate’s subject, fingerprint and expiry, and nothing of its body', () => {
    const facts = certificateFacts(IDP_CERT_EXPIRING);
    expect(facts.subject).toBe('CN=idp-soon.acme.example, O=Acme SSO');
    expect(facts.notAfter).toBe('2026-12-02T19:11:53.000Z');
    expect(facts.fingerprintSha256).toBe(
      '22:E6:6E:29:16:4A:80:7F:16:92:D3:21:B9:88:57:4C:CD:D9:DD:B6:E7:76:25:F6:D2:52:11:35:D0:AD:2C:10',
    );
    expect(certificateFacts('garbage')).toEqual({ subject: null, fingerprintSha256: null, notAfter: null });
  });
});
