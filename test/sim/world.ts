// A simulated Heroku Enterprise account: plain data the Heroku simulator serves, generated from a seed so that
// every run of a test, the demo or the benchmark sees the same account. Tests change it in place to plant or fix
// a failure between two runs of the action. Field names and types follow Heroku's schema (checked by a test).
import { IDP_CERT_EXPIRING, IDP_CERT_VALID } from './certificates.js';

interface SimMember {
  id: string;
  email: string;
  role: string;
  two_factor_authentication: boolean;
  federated: boolean;
  identity_provider: { id: string; name: string } | null;
  user: { id: string; email: string; name: string };
  created_at: string;
  updated_at: string;
}
export interface SimApp {
  id: string;
  name: string;
  acm: boolean;
  maintenance: boolean;
  internal_routing: boolean | null;
  locked: boolean;
  joined: boolean;
  archived_at: string | null;
  build_stack: { id: string; name: string };
  stack: { id: string; name: string };
  region: { id: string; name: string };
  space: { id: string; name: string } | null;
  team: { name: string };
  owner: { id: string; email: string };
  git_url: string;
  web_url: string;
  buildpack_provided_description: string | null;
  created_at: string;
  released_at: string;
  updated_at: string;
  repo_size: number | null;
  slug_size: number | null;
}
export type Json = Record<string, unknown>;

export interface World {
  now: string;
  /** Tokens Heroku accepts. */
  tokens: Set<string>;
  account: Json;
  authorizations: Json[];
  /** Other accounts' tokens (the service accounts of a sharded collection): each its own identity and pool. */
  serviceAccounts: Map<string, { account: Json; authorizations: Json[] }>;
  enterprise: Json;
  enterpriseMembers: Json[];
  teams: Json[];
  /** Teams the token is a member of (the rest of the enterprise's teams are invisible to it). */
  visibleTeams: Set<string>;
  members: Map<string, SimMember[]>;
  preferences: Map<string, Json>;
  apps: Map<string, SimApp[]>;
  /** App name → outside collaborators with their permissions. */
  collaborators: Map<string, { email: string; permissions: string[] }[]>;
  addons: Json[];
  attachments: Json[];
  pipelines: Json[];
  couplings: Json[];
  spaces: Json[];
  stacks: Json[];
  configVars: Map<string, Record<string, string>>;
  domains: Map<string, Json[]>;
  formation: Map<string, Json[]>;
  sniEndpoints: Map<string, Json[]>;
  events: Map<string, Json[]>;
  /** App id → its log drains (`/apps/{app}/log-drains`). */
  logDrains: Map<string, Json[]>;
  /** App or space id → its telemetry drains (Fir). */
  telemetryDrains: Map<string, Json[]>;
  /** App id → its features (`/apps/{app}/features`). */
  appFeatures: Map<string, Json[]>;
  /** Team name → the identity providers its list shows. */
  identityProviders: Map<string, Json[]>;
  /** `<pipeline id>/<stage>` → that stage's config vars, values included (the client must drop them). */
  stageConfigVars: Map<string, Record<string, string>>;
  /** Pipeline id → its review-app config; none is a 404, as Heroku answers when review apps are off. */
  reviewAppConfigs: Map<string, Json>;
  /** Space id → its current inbound ruleset. */
  inboundRulesets: Map<string, Json>;
}

export interface WorldOptions {
  seed?: number;
  teams?: number;
  apps?: number;
  membersPerTeam?: number;
  auditDays?: number;
  /** Audit events per day (default: 2 to 6); a busy enterprise records hundreds. */
  eventsPerDay?: number;
  /**
   * Distinct people the teams draw their members from (default: twice `membersPerTeam`, so teams overlap heavily).
   * A real enterprise has many more people than one team's size: the benchmark sets it.
   */
  people?: number;
  /** Config vars an app sets besides those of its add-ons (default 2); real apps set 20 to 60. */
  configVarsPerApp?: number;
  /** Add-ons an app has (default 1). */
  addonsPerApp?: number;
  now?: Date;
  token?: string;
}

/** A deterministic pseudo-random source (mulberry32). */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const hex = (n: number) => Array.from({ length: n }, () => Math.floor(next() * 16).toString(16)).join('');
  return {
    next,
    chance: (p: number) => next() < p,
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
    uuid: () => `${hex(8)}-${hex(4)}-4${hex(3)}-a${hex(3)}-${hex(12)}`,
  };
}

export const SIM_TOKEN = 'HRKU-sim-0000000000000000000000000000000000';
const ADDON_SERVICES = [
  { name: 'heroku-postgresql', vars: ['DATABASE_URL'] },
  { name: 'heroku-redis', vars: ['REDIS_URL', 'REDIS_TLS_URL'] },
  { name: 'papertrail', vars: ['PAPERTRAIL_API_TOKEN'] },
  { name: 'sendgrid', vars: ['SENDGRID_API_KEY'] },
];
const ACTIONS = ['create', 'update', 'destroy', 'add', 'remove'];

export function generateWorld(options: WorldOptions = {}): World {
  const rnd = prng(options.seed ?? 1);
  const now = options.now ?? new Date('2026-11-22T06:00:00Z');
  const teamCount = options.teams ?? 3;
  const appCount = options.apps ?? 12;
  const membersPerTeam = options.membersPerTeam ?? 5;
  const auditDays = options.auditDays ?? 30;
  const token = options.token ?? SIM_TOKEN;
  const iso = (daysAgo: number) =>
    new Date(now.getTime() - daysAgo * 86_400_000).toISOString().replace(/\.\d+Z$/, 'Z');

  const enterpriseId = rnd.uuid();
  const enterprise = {
    id: enterpriseId,
    name: 'acme',
    created_at: iso(900),
    updated_at: iso(30),
    permissions: ['view'],
    trial: false,
    identity_provider: null,
  };
  const accountId = rnd.uuid();
  const account = {
    id: accountId,
    email: 'evidence-bot@acme.example',
    name: 'Heroku Evidence',
    federated: false,
    two_factor_authentication: true,
    identity_provider: null,
    allow_tracking: false,
    beta: false,
    verified: true,
    last_login: iso(1),
    sms_number: null,
    suspended_at: null,
    delinquent_at: null,
    default_organization: null,
    default_team: null,
    created_at: iso(60),
    updated_at: iso(2),
  };
  const authorizations = [
    {
      id: rnd.uuid(),
      description: 'Heroku Evidence',
      scope: ['global'],
      created_at: iso(20),
      updated_at: iso(20),
      access_token: { id: rnd.uuid(), token, expires_in: null },
      client: null,
      grant: null,
      refresh_token: null,
      session: null,
      user: { id: accountId, email: account.email, full_name: account.name },
    },
    {
      id: rnd.uuid(),
      description: 'laptop',
      scope: ['global'],
      created_at: iso(200),
      updated_at: iso(200),
      access_token: { id: rnd.uuid(), token: 'HRKU-other-token', expires_in: 3600 },
      client: null,
      grant: null,
      refresh_token: null,
      session: null,
      user: { id: accountId, email: account.email, full_name: account.name },
    },
  ];
  const stacks = [
    {
      id: rnd.uuid(),
      name: 'heroku-20',
      state: 'deprecated',
      default: false,
      created_at: iso(2000),
      updated_at: iso(100),
    },
    {
      id: rnd.uuid(),
      name: 'heroku-22',
      state: 'public',
      default: false,
      created_at: iso(1400),
      updated_at: iso(100),
    },
    {
      id: rnd.uuid(),
      name: 'heroku-24',
      state: 'public',
      default: true,
      created_at: iso(700),
      updated_at: iso(100),
    },
  ];
  const region = { id: rnd.uuid(), name: 'us' };

  const world: World = {
    now: now.toISOString(),
    tokens: new Set([token]),
    account,
    authorizations,
    serviceAccounts: new Map(),
    enterprise,
    enterpriseMembers: [],
    teams: [],
    visibleTeams: new Set(),
    members: new Map(),
    preferences: new Map(),
    apps: new Map(),
    collaborators: new Map(),
    addons: [],
    attachments: [],
    pipelines: [],
    couplings: [],
    spaces: [],
    stacks,
    configVars: new Map(),
    domains: new Map(),
    formation: new Map(),
    sniEndpoints: new Map(),
    events: new Map(),
    logDrains: new Map(),
    telemetryDrains: new Map(),
    appFeatures: new Map(),
    identityProviders: new Map(),
    stageConfigVars: new Map(),
    reviewAppConfigs: new Map(),
    inboundRulesets: new Map(),
  };

  const people = new Map<string, { id: string; email: string; twoFactor: boolean }>();
  const person = (email: string) => {
    let p = people.get(email);
    if (!p) {
      p = { id: rnd.uuid(), email, twoFactor: !rnd.chance(0.08) };
      people.set(email, p);
    }
    return p;
  };

  for (let t = 0; t < teamCount; t++) {
    const name = t === 0 ? 'payments' : t === 1 ? 'web' : `team-${t}`;
    const teamId = rnd.uuid();
    world.teams.push({
      id: teamId,
      name,
      role: 'member',
      type: 'enterprise',
      default: false,
      credit_card_collections: false,
      membership_limit: 500,
      provisioned_licenses: true,
      enterprise_account: { id: enterpriseId, name: enterprise.name },
      identity_provider: null,
      created_at: iso(800 - t),
      updated_at: iso(10),
    });
    world.visibleTeams.add(name);
    world.preferences.set(name, { 'default-permission': 'member', 'addons-controls': t !== 1 });
    const members: SimMember[] = [];
    const bot = person(account.email);
    members.push(member(bot.id, account.email, 'member', true));
    for (let m = 0; m < membersPerTeam; m++) {
      const email =
        options.people === undefined
          ? `dev${(t * 3 + m) % Math.max(membersPerTeam * 2, 1)}@acme.example`
          : `dev${Math.floor(rnd.next() * options.people)}@acme.example`;
      if (members.some((x) => x.email === email)) continue;
      const p = person(email);
      members.push(member(p.id, email, m < 2 ? 'admin' : 'member', p.twoFactor));
    }
    world.members.set(name, members);
    world.apps.set(name, []);
  }
  function member(userId: string, email: string, role: string, twoFactor: boolean): SimMember {
    return {
      id: rnd.uuid(),
      email,
      role,
      two_factor_authentication: twoFactor,
      federated: false,
      identity_provider: null,
      user: { id: userId, email, name: email.split('@')[0]! },
      created_at: iso(300),
      updated_at: iso(30),
    };
  }
  for (const p of people.values()) {
    world.enterpriseMembers.push({
      id: rnd.uuid(),
      user: { id: p.id, email: p.email },
      enterprise_account: { id: enterpriseId, name: enterprise.name },
      permissions:
        p.email === account.email || p.email === 'dev0@acme.example'
          ? [{ name: 'view', description: 'View enterprise account members and teams.' }]
          : [{ name: 'view', description: 'View enterprise account members and teams.' }],
      two_factor_authentication: p.twoFactor,
      identity_provider: null,
    });
  }

  // Apps come in pipelines of three stages; every third app has a custom domain.
  const pipelineIds: { id: string; team: string }[] = [];
  for (let i = 0; i < appCount; i++) {
    const teamJson = world.teams[i % teamCount]!;
    const team = teamJson.name as string;
    const stage = ['production', 'staging', 'development'][Math.floor(i / teamCount) % 3]!;
    const pipelineIndex = Math.floor(i / (teamCount * 3)) * teamCount + (i % teamCount);
    if (!pipelineIds[pipelineIndex]) {
      const pid = rnd.uuid();
      pipelineIds[pipelineIndex] = { id: pid, team };
      world.pipelines.push({
        id: pid,
        name: `${team}-service-${pipelineIndex}`,
        owner: { id: teamJson.id, type: 'team' },
        generation: { id: rnd.uuid(), name: 'cedar' },
        created_at: iso(400),
        updated_at: iso(40),
      });
    }
    const name = `${team}-svc${pipelineIndex}-${stage.slice(0, 4)}`;
    const appId = rnd.uuid();
    const stack = i % 17 === 5 ? stacks[0]! : rnd.chance(0.3) ? stacks[1]! : stacks[2]!;
    const app: SimApp = {
      id: appId,
      name,
      acm: stage === 'production',
      maintenance: false,
      internal_routing: null,
      locked: false,
      joined: false,
      archived_at: null,
      build_stack: { id: stack.id, name: stack.name },
      stack: { id: stack.id, name: stack.name },
      region,
      space: null,
      team: { name: team },
      owner: { id: teamJson.id as string, email: `${team}@herokumanager.com` },
      git_url: `https://git.heroku.com/${name}.git`,
      web_url: `https://${name}.herokuapp.com/`,
      buildpack_provided_description: 'Node.js',
      created_at: iso(300),
      released_at: iso(3),
      updated_at: iso(3),
      repo_size: null,
      slug_size: 50_000_000,
    };
    world.apps.get(team)!.push(app);
    world.couplings.push({
      id: rnd.uuid(),
      app: { id: appId },
      pipeline: { id: pipelineIds[pipelineIndex]!.id },
      stage,
      created_at: iso(300),
      updated_at: iso(300),
    });

    const vars: Record<string, string> = { NODE_ENV: 'production', SESSION_SECRET: `s3cr3t-${rnd.uuid()}` };
    for (let k = 0; k < (options.addonsPerApp ?? 1); k++) {
      const service = ADDON_SERVICES[(i + k) % ADDON_SERVICES.length]!;
      const addonId = rnd.uuid();
      const addonName = `${service.name}-${addonId.slice(0, 8)}`;
      // The first add-on of a service takes its plain names (DATABASE_URL); another of the same service a suffix.
      const suffix = k < ADDON_SERVICES.length ? '' : `_${k}`;
      const addonVars = service.vars.map((v) =>
        suffix ? v.replace(/(_URL|_API_TOKEN|_API_KEY)$/, `${suffix}$1`) : v,
      );
      world.addons.push({
        id: addonId,
        name: addonName,
        app: { id: appId, name },
        addon_service: { id: rnd.uuid(), name: service.name },
        plan: { id: rnd.uuid(), name: `${service.name}:standard-0` },
        config_vars: addonVars,
        state: 'provisioned',
        billing_entity: { id: appId, name, type: 'app' },
        created_at: iso(250),
        updated_at: iso(250),
        web_url: null,
        provider_id: k === 0 ? `resource${i}` : `resource${i}-${k}`,
        actions: [],
      });
      world.attachments.push({
        id: rnd.uuid(),
        name: addonVars[0]!.replace(/_URL$|_API_TOKEN$|_API_KEY$/, ''),
        addon: { id: addonId, name: addonName, app: { id: appId, name } },
        app: { id: appId, name },
        namespace: null,
        created_at: iso(250),
        updated_at: iso(250),
        web_url: null,
        log_input_url: null,
      });
      for (const v of addonVars) vars[v] = `postgres://user:pw-${rnd.uuid()}@db.internal/x`;
    }
    for (let k = 2; k < (options.configVarsPerApp ?? 2); k++) vars[`SETTING_${k}`] = `value-${rnd.uuid()}`;
    world.configVars.set(appId, vars);

    const domains: Json[] = [domain(`${name}.herokuapp.com`, 'heroku', appId, name, null)];
    world.sniEndpoints.set(appId, []);
    if (i % 3 === 0) {
      const hostname = `${name.replace(/-/g, '')}.acme.example`;
      if (app.acm) {
        domains.push(domain(hostname, 'custom', appId, name, 'cert issued'));
      } else {
        const endpointName = `sni-${appId.slice(0, 6)}`;
        const d = domain(hostname, 'custom', appId, name, null);
        d.sni_endpoint = { id: rnd.uuid(), name: endpointName };
        domains.push(d);
        world.sniEndpoints.get(appId)!.push({
          id: rnd.uuid(),
          name: endpointName,
          display_name: null,
          domains: [d.id],
          app: { id: appId, name },
          certificate_chain: '-----BEGIN CERTIFICATE-----\nMIIB...\n-----END CERTIFICATE-----\n',
          ssl_cert: {
            'ca_signed?': true,
            'self_signed?': false,
            cert_domains: [hostname],
            expires_at: new Date(now.getTime() + (60 + (i % 200)) * 86_400_000).toISOString(),
            starts_at: iso(100),
            issuer: '/C=US/O=Example CA/CN=Example CA R3',
            subject: `/CN=${hostname}`,
            id: rnd.uuid(),
          },
          created_at: iso(100),
          updated_at: iso(100),
        });
      }
    }
    world.domains.set(appId, domains);
    world.formation.set(appId, [
      {
        id: rnd.uuid(),
        type: 'web',
        quantity: stage === 'production' ? 2 : 1,
        size: stage === 'production' ? 'Standard-2X' : 'Basic',
        command: 'npm start',
        app: { id: appId, name },
        dyno_size: { id: rnd.uuid(), name: stage === 'production' ? 'Standard-2X' : 'Basic' },
        created_at: iso(300),
        updated_at: iso(30),
      },
    ]);
  }
  function domain(
    hostname: string,
    kind: string,
    appId: string,
    appName: string,
    acmStatus: string | null,
  ): Json {
    return {
      id: rnd.uuid(),
      hostname,
      kind,
      acm_status: acmStatus,
      acm_status_reason: null,
      cname: kind === 'custom' ? `${hostname}.herokudns.com` : null,
      status: 'succeeded',
      sni_endpoint: null,
      app: { id: appId, name: appName },
      created_at: iso(200),
      updated_at: iso(200),
    };
  }

  plantHardening(world, rnd.uuid, iso);

  const apps = [...world.apps.values()].flat();
  for (let d = 0; d < auditDays; d++) {
    const day = new Date(now.getTime() - d * 86_400_000).toISOString().slice(0, 10);
    const events: Json[] = [];
    const count = options.eventsPerDay ?? 2 + Math.floor(rnd.next() * 5);
    for (let e = 0; e < count; e++) {
      const app = apps.length ? rnd.pick(apps) : null;
      events.push({
        id: rnd.uuid(),
        created_at: `${day}T${String(Math.floor(rnd.next() * 24)).padStart(2, '0')}:${String(e % 60).padStart(2, '0')}:${String(Math.floor(e / 60) % 60).padStart(2, '0')}Z`,
        type: 'app',
        action: rnd.pick(ACTIONS),
        actor:
          options.people === undefined
            ? { id: accountId, email: 'dev0@acme.example' }
            : { id: rnd.uuid(), email: `dev${Math.floor(rnd.next() * options.people)}@acme.example` },
        app: app ? { id: app.id, name: app.name } : { id: rnd.uuid(), name: 'gone' },
        owner: { id: rnd.uuid(), email: 'owner@acme.example' },
        enterprise_account: { id: enterpriseId, name: enterprise.name },
        team: { id: world.teams[0]!.id, name: world.teams[0]!.name },
        request: { ip_address: '203.0.113.7' },
        data: {},
      });
    }
    world.events.set(day, events);
  }
  return world;
}

/**
 * What the controls from HEROKU-LOG-1 on read, each with a planted failure and a passing twin:
 * LOG-1: every production app has a log drain but team-2's; TLS-3: payments' production app runs in a Private Space
 * with strict TLS, web's in one without; SSO-1: payments' identity provider certificate expires in ten days, web's in
 * 2036, team-2 has none; CONFIG-2: pipeline 0's test stage sets AWS_SECRET_ACCESS_KEY, pipeline 1's does not;
 * REVIEW-1: pipeline 0 creates review apps without waiting for CI, pipeline 1 waits; DB-1: web's production Redis is
 * on `heroku-redis:mini`, payments' Postgres on `standard-0`; NET-1: web's space admits 0.0.0.0/0, payments' only
 * 203.0.113.0/24.
 */
function plantHardening(world: World, uuid: () => string, iso: (daysAgo: number) => string): void {
  const teams = new Map(world.teams.map((t) => [t.name as string, t]));
  const prodApps = allApps(world).filter((a) => a.name.endsWith('-prod'));
  for (const app of prodApps) {
    world.logDrains.set(
      app.id,
      app.team.name === 'team-2'
        ? []
        : [
            {
              id: uuid(),
              // Credentials, path and query of a drain URL carry secrets: the collector must keep scheme and host.
              url: `syslog+tls://drain-user:drain-pass-${app.id.slice(0, 8)}@logs.acme.example:6514/ingest?token=drain-query-${app.id.slice(0, 8)}`,
              token: `d.${app.id}`,
              addon: null,
              app: { id: app.id, name: app.name },
              created_at: iso(100),
              updated_at: iso(100),
            },
          ],
    );
  }
  for (const [teamName, strict, rules] of [
    ['payments', true, ['203.0.113.0/24']],
    ['web', false, ['0.0.0.0/0']],
  ] as const) {
    const team = teams.get(teamName);
    const app = prodApps.find((a) => a.team.name === teamName);
    if (!team || !app) continue;
    const space = {
      id: uuid(),
      name: `${teamName}-space`,
      shield: false,
      state: 'allocated',
      organization: { name: teamName },
      team: { id: team.id, name: teamName },
      region: { id: app.region.id, name: app.region.name },
      cidr: '10.0.0.0/16',
      data_cidr: '10.1.0.0/16',
      generation: { id: uuid(), name: 'cedar' },
      created_at: iso(500),
      updated_at: iso(50),
    };
    world.spaces.push(space);
    app.space = { id: space.id, name: space.name };
    world.appFeatures.set(app.id, [
      feature(uuid, iso, 'spaces-strict-tls', strict),
      feature(uuid, iso, 'runtime-dyno-metadata', false),
    ]);
    world.inboundRulesets.set(space.id, {
      id: uuid(),
      space: { id: space.id, name: space.name },
      created_at: iso(50),
      rules: rules.map((source) => ({ action: 'allow', source })),
      created_by: 'dev0@acme.example',
    });
  }
  for (const [teamName, certificate] of [
    ['payments', IDP_CERT_EXPIRING],
    ['web', IDP_CERT_VALID],
  ] as const) {
    const team = teams.get(teamName);
    if (!team) continue;
    const id = uuid();
    const owner = { id: team.id as string, name: teamName, type: 'team' };
    team.identity_provider = { id, name: `${teamName}-sso`, owner };
    world.identityProviders.set(teamName, [
      {
        id,
        certificate,
        entity_id: `https://idp.acme.example/${teamName}`,
        sso_target_url: `https://idp.acme.example/${teamName}/login`,
        slo_target_url: `https://idp.acme.example/${teamName}/logout`,
        organization: { name: teamName },
        owner,
        created_at: iso(400),
        updated_at: iso(40),
      },
    ]);
  }
  for (const [index, pipeline] of world.pipelines.entries()) {
    const id = pipeline.id as string;
    world.stageConfigVars.set(
      `${id}/test`,
      index === 0
        ? { NODE_ENV: 'test', AWS_SECRET_ACCESS_KEY: 'stage-secret-value-AKIA0000' }
        : { NODE_ENV: 'test' },
    );
    if (index > 1) continue;
    world.stageConfigVars.set(`${id}/review`, { REVIEW_FLAG: 'review-stage-value' });
    world.reviewAppConfigs.set(id, {
      pipeline_id: id,
      repo: { id: 123456 + index },
      automatic_review_apps: true,
      wait_for_ci: index === 1,
      destroy_stale_apps: true,
      stale_days: 5,
      deploy_target: null,
      base_name: null,
    });
  }
  const webRedis = world.addons.find(
    (a) =>
      (a.app as { name: string }).name === prodApps.find((p) => p.team.name === 'web')?.name &&
      (a.addon_service as { name: string }).name === 'heroku-redis',
  );
  if (webRedis) (webRedis.plan as { name: string }).name = 'heroku-redis:mini';
}

function feature(uuid: () => string, iso: (daysAgo: number) => string, name: string, enabled: boolean): Json {
  return {
    id: uuid(),
    name,
    display_name: name,
    description: `The ${name} feature.`,
    doc_url: `https://devcenter.heroku.com/articles/${name}`,
    enabled,
    state: 'general',
    feedback_email: 'feedback@heroku.com',
    created_at: iso(300),
    updated_at: iso(30),
  };
}

/** Fixes what plantHardening planted, as an engineer would after reading the issues. */
function fixHardening(world: World): void {
  for (const app of allApps(world).filter((a) => a.name.endsWith('-prod'))) {
    if ((world.logDrains.get(app.id) ?? []).length === 0)
      world.logDrains.set(app.id, [
        {
          id: `00000000-0000-4000-a000-${app.id.slice(-12)}`,
          url: 'https://logs.acme.example/heroku',
          token: `d.${app.id}`,
          addon: null,
          app: { id: app.id, name: app.name },
          created_at: world.now,
          updated_at: world.now,
        },
      ]);
  }
  for (const features of world.appFeatures.values())
    for (const f of features) if (f.name === 'spaces-strict-tls') f.enabled = true;
  for (const list of world.identityProviders.values())
    for (const idp of list) idp.certificate = IDP_CERT_VALID;
  for (const [key, vars] of world.stageConfigVars) {
    const { AWS_SECRET_ACCESS_KEY: _, ...rest } = vars;
    world.stageConfigVars.set(key, rest);
  }
  for (const config of world.reviewAppConfigs.values()) config.wait_for_ci = true;
  for (const addon of world.addons) {
    const plan = addon.plan as { name: string };
    plan.name = plan.name.replace(/:mini$/, ':premium-0');
  }
  for (const ruleset of world.inboundRulesets.values())
    ruleset.rules = [{ action: 'allow', source: '203.0.113.0/24' }];
}

/** Turns an app into a Fir app (stack `cnb`) whose telemetry drain sends these signals, as `heroku telemetry:add`. */
export function makeFirApp(world: World, appName: string, signals: string[]): void {
  const app = allApps(world).find((a) => a.name === appName)!;
  app.stack = { id: '00000000-0000-4000-a000-00000000c0b0', name: 'cnb' };
  app.build_stack = app.stack;
  world.logDrains.delete(app.id);
  world.telemetryDrains.set(app.id, [
    {
      id: `00000000-0000-4000-a000-${app.id.slice(-12)}`,
      owner: { id: app.id, type: 'app' },
      signals,
      exporter: {
        type: 'otlphttp',
        endpoint: 'https://otel-user:otel-pass@otel.acme.example:4318/v1/logs?api_key=otel-query-secret',
        headers: { 'x-api-key': 'otel-header-secret' },
      },
      created_at: world.now,
      updated_at: world.now,
    },
  ]);
}

/** Every app of the world, whatever its team. */
export function allApps(world: World): SimApp[] {
  return [...world.apps.values()].flat();
}

/** Gives someone outside a team access to one of its apps, as Heroku shows it: a `collaborator` member. */
export function addCollaborator(
  world: World,
  team: string,
  app: string,
  email: string,
  permissions: string[],
): void {
  const list = world.collaborators.get(app) ?? [];
  list.push({ email, permissions });
  world.collaborators.set(app, list);
  const members = world.members.get(team)!;
  if (!members.some((m) => m.email === email)) {
    members.push({
      id: `member-${email}`,
      email,
      role: 'collaborator',
      two_factor_authentication: true,
      federated: false,
      identity_provider: null,
      user: { id: `user-${email}`, email, name: email },
      created_at: world.now,
      updated_at: world.now,
    });
  }
}

/** Attaches the first production Postgres of the world to its first staging app, as `heroku addons:attach` would. */
export function attachProductionDatabaseToStaging(
  world: World,
  name: string,
): { addon: string; app: string } {
  const db = world.addons.find(
    (a) =>
      (a.addon_service as { name: string }).name === 'heroku-postgresql' &&
      (a.app as { name: string }).name.endsWith('-prod'),
  )!;
  const staging = allApps(world).find((a) => a.name.endsWith('-stag'))!;
  world.attachments.push({
    id: `c0ffee00-0000-4000-a000-${String(world.attachments.length).padStart(12, '0')}`,
    name,
    addon: { id: db.id, name: db.name, app: db.app },
    app: { id: staging.id, name: staging.name },
    namespace: null,
    created_at: world.now,
    updated_at: world.now,
    web_url: null,
    log_input_url: null,
  });
  return { addon: db.name as string, app: staging.name };
}

/** A world where every control passes: tests plant one failure at a time. */
export function healthyWorld(options: WorldOptions = {}): World {
  const world = generateWorld({ apps: 9, auditDays: 1, ...options });
  for (const members of world.members.values()) for (const m of members) m.two_factor_authentication = true;
  for (const m of world.enterpriseMembers) m.two_factor_authentication = true;
  for (const prefs of world.preferences.values()) prefs['addons-controls'] = true;
  const current = world.stacks.find((s) => s.name === 'heroku-24')!;
  for (const app of allApps(world)) app.stack = { id: current.id as string, name: 'heroku-24' };
  fixHardening(world);
  return world;
}

/**
 * Adds a Heroku service account with its own token, as a sharded collection uses one per job: its own `/account`
 * and authorizations, its own rate-limit pool in the simulator, a member of every team and of the enterprise.
 */
export function addServiceAccount(world: World, token: string, email: string): void {
  const n = String(world.serviceAccounts.size + 1).padStart(12, '0');
  const id = `5e7a1ce0-0000-4000-a000-${n}`;
  const account: Json = { ...world.account, id, email, name: email.split('@')[0] };
  const authorization: Json = {
    ...world.authorizations[0]!,
    id: `a0770000-0000-4000-a000-${n}`,
    access_token: { id: `a0771000-0000-4000-a000-${n}`, token, expires_in: null },
    user: { id, email, full_name: account.name },
  };
  world.serviceAccounts.set(token, { account, authorizations: [authorization] });
  world.tokens.add(token);
  for (const [t, members] of [...world.members.values()].entries()) {
    const template = members[0]!;
    members.push({
      ...template,
      id: `5e7a1ce1-${n.slice(-4)}-4000-a000-${String(t).padStart(12, '0')}`,
      email,
      role: 'member',
      user: { id, email, name: account.name as string },
    });
  }
  world.enterpriseMembers.push({
    ...world.enterpriseMembers[0]!,
    id: `5e7a1ce2-0000-4000-a000-${n}`,
    user: { id, email },
  });
}
