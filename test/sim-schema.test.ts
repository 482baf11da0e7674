// The simulator is only worth its tests if it answers like Heroku: every object it serves is checked against
// Heroku's own JSON schema (property names and types), endpoint by endpoint.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HerokuSim } from './sim/heroku.js';
import { addServiceAccount, allApps, generateWorld, makeFirApp, SIM_TOKEN } from './sim/world.js';

type Schema = Record<string, unknown>;
const root = JSON.parse(
  readFileSync(new URL('./fixtures/heroku/platform-api-schema.json', import.meta.url), 'utf8'),
) as Schema;

function resolve(schema: Schema): Schema {
  let s = schema;
  while (typeof s.$ref === 'string') {
    s = s.$ref
      .replace(/^#\//, '')
      .split('/')
      .reduce<Schema>((node, key) => node[key] as Schema, root);
  }
  return s;
}

/** Problems found: unknown property names and wrong types, with their paths. */
function check(
  value: unknown,
  schema: Schema,
  path: string,
  problems: string[],
  allowed: ReadonlySet<string>,
): void {
  const s = resolve(schema);
  if (Array.isArray(s.anyOf)) {
    const results = (s.anyOf as Schema[]).map((alt) => {
      const p: string[] = [];
      check(value, alt, path, p, allowed);
      return p;
    });
    if (!results.some((p) => p.length === 0)) problems.push(...results[0]!);
    return;
  }
  const types = ([] as string[]).concat((s.type as string | string[] | undefined) ?? []);
  const actual =
    value === null
      ? 'null'
      : Array.isArray(value)
        ? 'array'
        : Number.isInteger(value)
          ? 'integer'
          : typeof value;
  if (types.length && !types.includes(actual) && !(actual === 'integer' && types.includes('number'))) {
    problems.push(`${path}: ${actual}, schema says ${types.join('|')}`);
    return;
  }
  if (actual === 'array' && s.items) {
    for (const [i, item] of (value as unknown[]).entries()) {
      check(item, s.items as Schema, `${path}[${i}]`, problems, allowed);
    }
  }
  if (actual === 'object' && (s.properties || s.patternProperties)) {
    const props = (s.properties ?? {}) as Record<string, Schema>;
    // A map such as config vars: its keys match a pattern, its values one schema.
    const patterns = Object.entries((s.patternProperties ?? {}) as Record<string, Schema>);
    for (const [key, v] of Object.entries(value as object)) {
      const at = `${path}.${key}`;
      const pattern = patterns.find(([re]) => new RegExp(re).test(key));
      if (!props[key] && pattern) {
        check(v, pattern[1], at, problems, allowed);
        continue;
      }
      if (!props[key]) {
        if (!allowed.has(at.replace(/\[\d+\]/g, '[]'))) problems.push(`${at}: not in the schema`);
        continue;
      }
      check(v, props[key], at, problems, allowed);
    }
  }
}

// Where real Heroku responses differ from the schema, the recordings win (test/fixtures/heroku/README.md).
const DEVIATIONS = new Set(['[].acm']);

const definitionOf: [RegExp, string, boolean][] = [
  [/^\/account$/, 'account', false],
  [/^\/account\/rate-limits$/, 'rate-limit', false],
  [/^\/oauth\/authorizations$/, 'oauth-authorization', true],
  [/^\/enterprise-accounts\/[^/]+$/, 'enterprise-account', false],
  [/^\/enterprise-accounts\/[^/]+\/members$/, 'enterprise-account-member', true],
  [/^\/enterprise-accounts\/[^/]+\/teams$/, 'team', true],
  [/^\/enterprise-accounts\/[^/]+\/events/, 'audit-trail-event', true],
  [/^\/teams$/, 'team', true],
  [/^\/teams\/[^/]+\/members$/, 'team-member', true],
  [/^\/teams\/[^/]+\/preferences$/, 'team-preferences', false],
  [/^\/teams\/[^/]+\/apps$/, 'team-app', true],
  [/^\/teams\/[^/]+\/permissions$/, 'permission-entity', true],
  [/^\/teams\/[^/]+\/addons$/, 'add-on', true],
  [/^\/teams\/[^/]+\/pipeline-couplings$/, 'pipeline-coupling', true],
  [/^\/stacks$/, 'stack', true],
  [/^\/spaces$/, 'space', true],
  [/^\/pipelines$/, 'pipeline', true],
  [/^\/addon-attachments$/, 'add-on-attachment', true],
  [/^\/apps\/[^/]+\/domains$/, 'domain', true],
  [/^\/apps\/[^/]+\/formation$/, 'formation', true],
  [/^\/apps\/[^/]+\/sni-endpoints$/, 'sni-endpoint', true],
  [/^\/apps\/[^/]+\/log-drains$/, 'log-drain', true],
  [/^\/apps\/[^/]+\/telemetry-drains$/, 'telemetry-drain', true],
  [/^\/apps\/[^/]+\/features$/, 'app-feature', true],
  [/^\/teams\/[^/]+\/identity-providers$/, 'identity-provider', true],
  [/^\/pipelines\/[^/]+\/review-app-config$/, 'review-app-config', false],
  [/^\/pipelines\/[^/]+\/stage\/[^/]+\/config-vars$/, 'pipeline-config-var/definitions/config_vars', false],
  [/^\/spaces\/[^/]+\/inbound-ruleset$/, 'inbound-ruleset', false],
  [/^\/spaces\/[^/]+\/telemetry-drains$/, 'telemetry-drain', true],
];

let sim: HerokuSim;
beforeAll(async () => {
  const world = generateWorld({ apps: 12, auditDays: 2 });
  makeFirApp(world, 'team-2-svc2-prod', ['logs', 'traces']);
  sim = new HerokuSim(world);
  await sim.start();
});
afterAll(() => sim.close());

async function fetchAll(path: string, token = SIM_TOKEN): Promise<unknown> {
  const res = await fetch(`${sim.url}${path}`, {
    headers: {
      accept: 'application/vnd.heroku+json; version=3',
      authorization: `Bearer ${token}`,
      range: 'id ..; max=1000',
    },
  });
  expect([200, 206]).toContain(res.status);
  return res.json();
}

describe('the Heroku simulator answers as Heroku’s schema says', () => {
  const apps = () => allApps(sim.world);
  const paths = () => [
    '/account',
    '/account/rate-limits',
    '/oauth/authorizations',
    '/enterprise-accounts/acme',
    '/enterprise-accounts/acme/members',
    '/enterprise-accounts/acme/teams',
    `/enterprise-accounts/acme/events?day=${sim.world.now.slice(0, 10)}`,
    '/teams',
    '/stacks',
    '/spaces',
    '/pipelines',
    '/addon-attachments',
    ...['payments', 'web'].flatMap((t) =>
      ['members', 'preferences', 'apps', 'permissions', 'addons', 'pipeline-couplings'].map(
        (x) => `/teams/${t}/${x}`,
      ),
    ),
    ...apps().flatMap((a) =>
      ['domains', 'formation', 'sni-endpoints', 'log-drains', 'telemetry-drains', 'features'].map(
        (x) => `/apps/${a.name}/${x}`,
      ),
    ),
    // The reads of the controls from HEROKU-LOG-1 on.
    '/teams/payments/identity-providers',
    '/teams/web/identity-providers',
    ...sim.world.spaces.flatMap((s) => [
      `/spaces/${s.id}/inbound-ruleset`,
      `/spaces/${s.id}/telemetry-drains`,
    ]),
    ...sim.world.pipelines
      .filter((p) => sim.world.reviewAppConfigs.has(p.id as string))
      .flatMap((p) => [
        `/pipelines/${p.id}/review-app-config`,
        `/pipelines/${p.id}/stage/test/config-vars`,
        `/pipelines/${p.id}/stage/review/config-vars`,
      ]),
  ];

  it('for every endpoint the collector reads', async () => {
    let objects = 0;
    for (const path of paths()) {
      const [, name, isList] = definitionOf.find(([re]) => re.test(path))!;
      const body = await fetchAll(path);
      const definition = resolve({ $ref: `#/definitions/${name}` });
      const problems: string[] = [];
      check(body, isList ? { type: ['array'], items: definition } : definition, '', problems, DEVIATIONS);
      expect(problems, `${path} (${name})`).toEqual([]);
      objects += Array.isArray(body) ? body.length : 1;
    }
    expect(objects).toBeGreaterThan(100);
  });

  it('serves config vars as the schema’s map of names to strings', async () => {
    const body = (await fetchAll(`/apps/${apps()[0]!.name}/config-vars`)) as Record<string, unknown>;
    expect(Object.keys(body).length).toBeGreaterThan(1);
    for (const [name, value] of Object.entries(body)) {
      expect(name).toMatch(/^\w+$/);
      expect(typeof value).toBe('string');
    }
  });

  it('serves each service account’s token as an account of its own, with its own rate-limit pool', async () => {
    const token = 'HRKU-shard-2-000000000000000000000000000000';
    addServiceAccount(sim.world, token, 'evidence-shard-2@acme.example');
    const definitions = root.definitions as Record<string, Schema>;
    for (const [path, name, isList] of [
      ['/account', 'account', false],
      ['/oauth/authorizations', 'oauth-authorization', true],
      ['/teams/payments/members', 'team-member', true],
      ['/enterprise-accounts/acme/members', 'enterprise-account-member', true],
    ] as const) {
      const problems: string[] = [];
      const body = await fetchAll(path, token);
      check(
        body,
        isList ? { type: ['array'], items: definitions[name]! } : definitions[name]!,
        '',
        problems,
        DEVIATIONS,
      );
      expect(problems, path).toEqual([]);
    }
    const mine = (await fetchAll('/account', token)) as { id: string; email: string };
    const world = (await fetchAll('/account')) as { id: string; email: string };
    expect(mine.email).toBe('evidence-shard-2@acme.example');
    expect(mine.id).not.toBe(world.id);
    const auth = (await fetchAll('/oauth/authorizations', token)) as { access_token: { token: string } }[];
    expect(auth.map((a) => a.access_token.token)).toEqual([token]);
    // Its requests draw on its own pool, not the world's token's.
    sim.setPool(0);
    const rate = (t: string) => fetchAll('/account/rate-limits', t) as Promise<{ remaining: number }>;
    expect((await rate(SIM_TOKEN)).remaining).toBe(0);
    expect((await rate(token)).remaining).toBeGreaterThan(4000);
    sim.setPool(4500);
  });

  it('catches an object that strays from the schema (the check itself can fail)', () => {
    const problems: string[] = [];
    check(
      { id: 'x', name: 'heroku-24', state: 3, color: 'blue' },
      (root.definitions as Record<string, Schema>).stack!,
      '',
      problems,
      DEVIATIONS,
    );
    expect(problems).toEqual(['.state: integer, schema says string', '.color: not in the schema']);
  });
});
