// The GET-only Heroku client: auth, Accept, Range pages, retries, typed errors, and a failing or hostile API.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { HerokuAuthError, HerokuError } from '../src/errors.js';
import { HerokuClient, MAX_PAGES } from '../src/heroku/client.js';
import * as r from '../src/snapshot/records.js';
import { closeSimulatorAfterEach, collectAll, setup } from './helpers/heroku-client.js';
import { VirtualClock } from './sim/clock.js';
import { SIM_TOKEN } from './sim/world.js';

closeSimulatorAfterEach();

describe('Heroku client', () => {
  it('sends only GET, with Heroku’s version header, a Bearer token and its User-Agent', async () => {
    const { sim, client } = await setup();
    await collectAll(client);
    expect(sim.requests.length).toBeGreaterThan(40);
    for (const req of sim.requests) {
      expect(req.method).toBe('GET');
      expect(req.accept).toBe('application/vnd.heroku+json; version=3');
      expect(req.userAgent).toBe('heroku-evidence/test');
    }
    // The source offers no other method: the only request the client builds is a GET.
    const source = readFileSync(new URL('../src/heroku/client.ts', import.meta.url), 'utf8');
    expect(source.match(/method:/g)).toEqual(['method:']);
    expect(source).toContain("method: 'GET'");
  });

  it('never requests an endpoint twice in a run', async () => {
    const { sim, client } = await setup({ apps: 30 });
    await collectAll(client);
    const seen = sim.requests.map((q) => `${q.path} ${q.range ?? ''}`);
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('follows Range pages with Next-Range until the last page (206, then 200)', async () => {
    const { sim, client } = await setup({ teams: 1, apps: 2300, auditDays: 0 });
    const apps = await client.list('/teams/payments/apps', r.app);
    expect(apps).toHaveLength(2300);
    expect(new Set(apps.map((a) => a.id)).size).toBe(2300);
    const pages = sim.requests.filter((q) => q.path === '/teams/payments/apps');
    expect(pages.map((p) => p.status)).toEqual([206, 206, 200]);
    expect(pages[0]!.range).toBe('id ..; max=1000');
    expect(pages[1]!.range).toMatch(/^id \][0-9a-f-]+\.\.; max=1000$/);
  });

  it('paces requests by the rate-limit pool so that a run starting with a full pool receives no 429', async () => {
    // A small pool that refills at Heroku's rate: the client has to wait for it, on a virtual clock.
    const { sim, client, clock } = await setup({ apps: 60 }, { poolSize: 50 });
    const snapshot = await collectAll(client);
    expect(snapshot.gaps).toEqual([]);
    expect(sim.requests.filter((q) => q.status === 429)).toHaveLength(0);
    expect(client.rateLimited).toBe(0);
    expect(clock.sleeps.length).toBeGreaterThan(0);
    // About (requests - pool) / 1.25 per second of waiting; no more than 20% over.
    const waited = clock.sleeps.reduce((a, b) => a + b, 0) / 1000;
    const needed = (snapshot.requests - 50 + Math.max(10, 8)) / 1.25;
    expect(waited).toBeLessThan(needed * 1.2);
  });

  it('on a 429 when someone else drained the pool, asks the free endpoint until the pool refilled, then goes on', async () => {
    const { sim, client, clock } = await setup();
    sim.setPool(0);
    const account = await client.get('/account', r.account);
    expect(account.email).toBe('evidence-bot@acme.example');
    expect(client.rateLimited).toBe(1);
    const seen = sim.requests.map((q) => `${q.path} ${q.status}`);
    expect(seen[0]).toBe('/account 429');
    expect(seen.at(-1)).toBe('/account 200');
    expect(new Set(seen.slice(1, -1))).toEqual(new Set(['/account/rate-limits 200']));
    // The reserve (10) plus one request refill at 1.25 a second: about 9 s, asked about every second.
    const waited = clock.sleeps.reduce((a, b) => a + b, 0);
    expect(waited).toBeGreaterThanOrEqual(8000);
    expect(waited).toBeLessThan(11_000);
  });

  it('retries a 503 and a connection cut halfway through a body, with backoff', async () => {
    const { sim, client, clock } = await setup();
    sim.fail({ path: '/stacks', status: 503, id: 'unavailable', message: 'Service Unavailable', times: 2 });
    sim.fail({ path: '/spaces', truncate: true, times: 1 });
    const stacks = await client.list('/stacks', r.stack);
    const spaces = await client.list('/spaces', r.space);
    expect(stacks.map((s) => s.name).sort()).toEqual(['heroku-20', 'heroku-22', 'heroku-24']);
    expect(spaces.map((s) => s.name).sort()).toEqual(['payments-space', 'web-space']);
    expect(sim.requests.filter((q) => q.path === '/stacks').map((q) => q.status)).toEqual([503, 503, 200]);
    expect(clock.sleeps.length).toBe(3);
  });

  it('gives up on a response slower than its timeout and asks again', async () => {
    const { sim } = await setup();
    const clock = new VirtualClock();
    // undici checks its timeouts about every half second: one second is the shortest worth asking for.
    const client = new HerokuClient({
      token: SIM_TOKEN,
      baseUrl: sim.url,
      userAgent: 't',
      timeoutMs: 1000,
      sleep: (ms) => clock.sleep(ms),
      random: () => 0.5,
    });
    sim.fail({ path: '/stacks', latencyMs: 5000, times: 1 });
    const stacks = await client.list('/stacks', r.stack);
    expect(stacks).toHaveLength(3);
    expect(sim.requests.filter((q) => q.path === '/stacks')).toHaveLength(2);
    expect(clock.sleeps).toEqual([375]);
  });

  it('ends on a rejected token with one sentence naming the causes and the fix', async () => {
    const { sim, client } = await setup();
    sim.world.tokens.clear();
    const error = await collectAll(client).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HerokuAuthError);
    expect((error as Error).message).toMatch(/Heroku rejected the API token \(401 unauthorized/);
    expect((error as Error).message).toMatch(
      /revoked or regenerated.*password.*SSO-bound token expired.*heroku authorizations:create/,
    );
  });

  it('names the endpoint of a malformed response, and never quotes a config var body', async () => {
    const { sim, client } = await setup();
    sim.fail({ path: '/stacks', raw: '[{"id": "x", "name": ' });
    await expect(client.list('/stacks', r.stack)).rejects.toThrow(
      'GET /stacks: the response is not valid JSON (truncated?)',
    );
    sim.fail({ path: /\/config-vars$/, raw: '{"DATABASE_URL": "postgres://user:hunter2@db/x", ' });
    const error = (await client.configVarNames('any-app').catch((e: unknown) => e)) as HerokuError;
    expect(error).toBeInstanceOf(HerokuError);
    expect(error.message).toContain('/apps/any-app/config-vars');
    expect(error.message).not.toContain('hunter2');
  });

  it('names the endpoint and field of a response missing a required field', async () => {
    const { sim, client } = await setup();
    sim.fail({ path: '/stacks', raw: '[{"id": "x", "state": "public"}]' });
    await expect(client.list('/stacks', r.stack)).rejects.toThrow(
      /GET \/stacks \[0\]: unexpected response at name/,
    );
  });

  it('keeps config var values out of everything it returns', async () => {
    const { sim, client } = await setup({ apps: 9 });
    const snapshot = await collectAll(client);
    const text = JSON.stringify(snapshot);
    // Every secret value of the simulated account (NODE_ENV's "production" is a word found elsewhere too).
    const values = [...sim.world.configVars.values()]
      .flatMap((vars) => Object.values(vars))
      .filter((v) => v !== 'production');
    expect(values.length).toBeGreaterThanOrEqual(18);
    for (const value of values) expect(text).not.toContain(value);
    expect(
      snapshot.configVarNames.find((c) => c.names.some((n) => n.name === 'DATABASE_URL'))?.names,
    ).toContainEqual({
      name: 'DATABASE_URL',
      secretLike: true,
      addon: expect.stringMatching(/^heroku-postgresql-/),
    });
    // The token is compared to find its authorization, never kept.
    expect(text).not.toContain(SIM_TOKEN);
    expect(snapshot.authorization).toMatchObject({ description: 'Heroku Evidence', expiresAt: null });
  });
});

describe('real Heroku responses (recordings)', () => {
  const recordings = new URL('./fixtures/heroku/recordings/', import.meta.url);
  const schemaFor: [RegExp, unknown, boolean][] = [
    [/\/account$/, r.account, false],
    [/\/enterprise-accounts$/, r.enterpriseAccount, true],
    [/\/enterprise-accounts\/[^/]+\/members$/, r.enterpriseMember, true],
    [/\/enterprise-accounts\/[^/]+\/teams$/, r.team, true],
    [/\/teams\/[^/]+\/members$/, r.teamMember, true],
    [/\/teams\/[^/]+\/apps$/, r.app, true],
    [/\/apps\/[^/]+\/addons$/, r.addon, true],
  ];
  const files = [
    'add-accounts',
    'add-members',
    'add-teams',
    'fetch-app-addons',
    'fetch-team-apps',
    'heroku-get-return',
    'map-team-to-member',
    'no-accounts',
    'validate-invocation-pass',
  ];

  it.each(files)('%s.har parses with the collector’s schemas', (name) => {
    const har = JSON.parse(readFileSync(new URL(`${name}.har`, recordings), 'utf8'));
    let checked = 0;
    for (const entry of har.log.entries) {
      if (entry.response.status !== 200) continue;
      const match = schemaFor.find(([re]) => re.test(new URL(entry.request.url).pathname));
      expect(match, entry.request.url).toBeDefined();
      const [, schema, isList] = match!;
      const body = JSON.parse(entry.response.content.text);
      const parsed = (isList ? (schema as typeof r.app).array() : (schema as typeof r.app)).safeParse(body);
      expect(parsed.error?.issues ?? [], entry.request.url).toEqual([]);
      checked++;
    }
    expect(checked).toBeGreaterThan(0);
  });

  it('reads the recorded 401 as a rejected token', async () => {
    const har = JSON.parse(readFileSync(new URL('heroku-get-throw.har', recordings), 'utf8'));
    const body = har.log.entries[0].response.content.text;
    const { sim, client } = await setup();
    sim.fail({ path: '/account', status: 401, raw: body });
    await expect(client.get('/account', r.account)).rejects.toThrow(
      /401 unauthorized: Invalid credentials provided/,
    );
  });
});

describe('a failing or hostile API', () => {
  it('stops paging at a Next-Range that repeats, and records a gap naming the endpoint', async () => {
    const { sim, client } = await setup({ apps: 3 });
    sim.fail({ path: '/stacks', status: 206, raw: '[]', headers: { 'next-range': 'id ]x..; max=1000' } });
    const s = await collectAll(client);
    expect(s.gaps.find((g) => g.resource === 'stacks')?.reason).toMatch(
      /GET \/stacks: Heroku's Next-Range repeats an earlier page/,
    );
    expect(sim.requests.filter((q) => q.path === '/stacks')).toHaveLength(2);
    expect(s.apps.length).toBeGreaterThan(0);
  });

  it('stops paging that never ends at a bound far above any real account', async () => {
    const { sim, client } = await setup({ apps: 0 });
    let page = 0;
    const original = sim.fail.bind(sim);
    original({
      path: '/spaces',
      status: 206,
      raw: '[]',
      times: 1,
      headers: { 'next-range': 'id ]a0..; max=1000' },
    });
    // Each page points at a new one: the client has to count.
    for (page = 1; page <= MAX_PAGES + 5; page++)
      original({
        path: '/spaces',
        status: 206,
        raw: '[]',
        times: 1,
        headers: { 'next-range': `id ]a${page}..; max=1000` },
      });
    const error = await client.list('/spaces', r.space).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HerokuError);
    expect((error as Error).message).toBe(`GET /spaces: more than ${MAX_PAGES} pages; stopped`);
    expect(sim.requests.filter((q) => q.path === '/spaces')).toHaveLength(MAX_PAGES);
  });

  it('refuses a response larger than its bound without reading it all', async () => {
    const { sim } = await setup();
    const client = new HerokuClient({
      token: SIM_TOKEN,
      baseUrl: sim.url,
      userAgent: 't',
      maxResponseBytes: 1024 * 1024,
    });
    sim.fail({ path: '/stacks', streamBytes: 64 * 1024 * 1024 });
    const error = await client.list('/stacks', r.stack).catch((e: unknown) => e);
    expect((error as Error).message).toBe('GET /stacks: the response is larger than 1048576 bytes; refused');
    expect(sim.requests.filter((q) => q.path === '/stacks')).toHaveLength(1);
  });

  it('abandons a server that drips bytes at its deadline, tries once more, then records a gap', async () => {
    const { sim } = await setup({ apps: 0 });
    const clock = new VirtualClock();
    const client = new HerokuClient({
      token: SIM_TOKEN,
      baseUrl: sim.url,
      userAgent: 't',
      deadlineMs: 300,
      sleep: (ms) => clock.sleep(ms),
      random: () => 0.5,
    });
    // A byte every 20 ms keeps undici's idle timeouts quiet for as long as the server likes.
    sim.fail({ path: '/stacks', dripMs: 20, dripBytes: 200 });
    const started = Date.now();
    const error = await client.list('/stacks', r.stack).catch((e: unknown) => e);
    expect((error as HerokuError).message).toMatch(/^GET \/stacks failed after 2 attempts: /);
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('never follows a redirect and never reads it as a success', async () => {
    const { sim, client } = await setup({ apps: 3 });
    sim.fail({
      path: '/stacks',
      status: 302,
      raw: '[]',
      headers: { location: 'https://evil.example/stacks' },
    });
    const s = await collectAll(client);
    expect(s.gaps.find((g) => g.resource === 'stacks')?.reason).toBe(
      'GET /stacks: answered 302 (a redirect), which the action never follows',
    );
    expect(s.stacks).toEqual([]);
    expect(sim.requests.filter((q) => q.path === '/stacks')).toHaveLength(1);
  });

  it('keeps only Heroku’s error id and a bounded, scrubbed message from an error body', async () => {
    const { sim, client } = await setup({ apps: 3 });
    sim.fail({
      path: '/spaces',
      status: 403,
      raw: '<html><body>Proxy says no: Bearer abcdefgh12345678</body></html>',
    });
    sim.fail({
      path: '/pipelines',
      status: 403,
      raw: JSON.stringify({ id: 'forbidden', message: `nope HRKU-AAbbCCdd-1234 ${'x'.repeat(2000)}` }),
    });
    const s = await collectAll(client);
    const spaces = s.gaps.find((g) => g.resource === 'spaces')!.reason;
    expect(spaces).toMatch(/^GET \/spaces: 403 http_403: HTTP 403/);
    expect(spaces).not.toContain('html');
    const pipelines = s.gaps.find((g) => g.resource === 'pipelines')!.reason;
    expect(pipelines).toContain('403 forbidden: nope [redacted]');
    expect(pipelines).not.toContain('HRKU');
    expect(pipelines.length).toBeLessThan(600);
  });

  it('encodes ids from Heroku wherever they enter a path', async () => {
    const { sim, client } = await setup({ apps: 3 });
    sim.world.enterprise.id = '../../account?x=1';
    await collectAll(client);
    const enterprisePaths = sim.requests.filter(
      (q) => q.path.startsWith('/enterprise-accounts/%2E%2E') || q.path.includes('..%2F'),
    );
    expect(enterprisePaths.length).toBeGreaterThan(0);
    expect(sim.requests.some((q) => q.path.startsWith('/account?x=1'))).toBe(false);
  });
});
