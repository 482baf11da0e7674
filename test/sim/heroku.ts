// A Heroku Platform API simulator on loopback: the other side of every Heroku wire in the tests, the demo and the
// benchmark. It serves a World with Heroku's semantics: Bearer auth, Range pagination (206, Next-Range,
// Content-Range), a per-account rate-limit pool that refills continuously, Heroku's error bodies, latency, and
// faults injected on request.
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { listen, stop } from './loopback.js';
import { allApps, type Json, type World } from './world.js';

export interface Fault {
  /** Matched against the request path (query included); absent with `at` or `every`. */
  path?: string | RegExp;
  status?: number;
  id?: string;
  message?: string;
  /** A body sent as is, instead of Heroku's JSON. */
  raw?: string;
  /** Close the connection halfway through a 200 body. */
  truncate?: boolean;
  latencyMs?: number;
  /** How many requests it applies to; forever when absent. */
  times?: number;
  /** Only the n-th request the simulator receives (1-based), whatever its path. */
  at?: number;
  /** Every n-th request the simulator receives, whatever its path. */
  every?: number;
  /** Headers sent with the fault's response (a 3xx Location, a Next-Range, a RateLimit-Remaining). */
  headers?: Record<string, string>;
  /** Send this many bytes of a 200 body, in 64 KiB chunks, as fast as the client reads them. */
  streamBytes?: number;
  /** Send a 200 body one byte every `dripMs`, for at most `dripBytes` bytes. */
  dripMs?: number;
  dripBytes?: number;
}

export interface SimRequest {
  method: string;
  path: string;
  range: string | undefined;
  userAgent: string | undefined;
  accept: string | undefined;
  status: number;
}

export interface HerokuSimOptions {
  latencyMs?: number;
  poolSize?: number;
  /** Heroku refills 4,500 an hour. */
  refillPerSecond?: number;
  /** The clock the pool refills by: a test or benchmark shares it with the client to run time faster. */
  now?: () => number;
}

const DEFAULT_PAGE = 200;
const MAX_PAGE = 1000;

export class HerokuSim {
  readonly requests: SimRequest[] = [];
  faults: Fault[] = [];
  private server: Server | undefined;
  /** One rate-limit pool per Heroku account, as Heroku keeps them: a service account's token draws on its own. */
  private readonly pools = new Map<string, { level: number; refilledAt: number }>();
  private readonly now: () => number;
  private readonly poolSize: number;
  private readonly refillPerMs: number;
  url = '';

  constructor(
    public world: World,
    private readonly options: HerokuSimOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.poolSize = options.poolSize ?? 4500;
    this.refillPerMs = (options.refillPerSecond ?? 4500 / 3600) / 1000;
  }

  async start(): Promise<string> {
    ({ server: this.server, url: this.url } = await listen((req, res) => void this.handle(req, res)));
    return this.url;
  }

  close(): Promise<void> {
    return stop(this.server);
  }

  fail(fault: Fault): void {
    this.faults.push(fault);
  }

  /** Sets the pool of the token's account (the world's own token by default) as Heroku would report it now. */
  setPool(remaining: number, token?: string): void {
    this.pools.set(this.accountOf(token), { level: remaining, refilledAt: this.now() });
  }

  /** The account a token belongs to: the world's own, or a service account's (World.serviceAccounts). */
  private accountOf(token: string | undefined): string {
    return token !== undefined && this.world.serviceAccounts.has(token) ? token : '';
  }

  private pool(token: string | undefined): { level: number; refilledAt: number } {
    const key = this.accountOf(token);
    let pool = this.pools.get(key);
    if (!pool) {
      pool = { level: this.poolSize, refilledAt: this.now() };
      this.pools.set(key, pool);
    }
    return pool;
  }

  private remaining(token?: string): number {
    const pool = this.pool(token);
    const now = this.now();
    pool.level = Math.min(this.poolSize, pool.level + (now - pool.refilledAt) * this.refillPerMs);
    pool.refilledAt = now;
    return Math.floor(pool.level);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = req.url ?? '/';
    const token = req.headers.authorization?.replace(/^Bearer /, '') ?? '';
    const record: SimRequest = {
      method: req.method ?? '',
      path,
      range: req.headers.range,
      userAgent: req.headers['user-agent'],
      accept: req.headers.accept,
      status: 0,
    };
    this.requests.push(record);
    const n = this.requests.length;
    const fault = this.faults.find((f) =>
      f.at !== undefined
        ? f.at === n
        : f.every !== undefined
          ? n % f.every === 0
          : typeof f.path === 'string'
            ? f.path === path
            : (f.path?.test(path) ?? false),
    );
    if (fault && fault.times !== undefined && --fault.times <= 0)
      this.faults.splice(this.faults.indexOf(fault), 1);
    const latency = fault?.latencyMs ?? this.options.latencyMs ?? 0;
    if (latency > 0) await new Promise((resolve) => setTimeout(resolve, latency));

    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      record.status = status;
      const text = typeof body === 'string' ? body : JSON.stringify(body);
      res.writeHead(status, {
        'content-type': 'application/json; charset=utf-8',
        'ratelimit-remaining': String(this.remaining(token)),
        ...headers,
      });
      res.end(text);
    };
    const error = (status: number, id: string, message: string) => send(status, { id, message });

    if (req.method !== 'GET') return error(405, 'method_not_allowed', 'The simulator only serves GET.');
    if (!req.headers.accept?.includes('application/vnd.heroku+json; version=3')) {
      return error(400, 'bad_request', 'Please specify a version along with Heroku’s API MIME type.');
    }
    if (!this.world.tokens.has(token)) return error(401, 'unauthorized', 'Invalid credentials provided.');

    const url = new URL(path, 'http://sim');
    if (url.pathname !== '/account/rate-limits') {
      if (this.remaining(token) < 1)
        return error(429, 'rate_limit', 'Your account reached the API rate limit.');
      this.pool(token).level -= 1;
    }
    if (fault?.streamBytes !== undefined || fault?.dripMs !== undefined)
      return this.stream(fault, record, res, token);
    if (fault && (fault.status || fault.raw !== undefined)) {
      record.status = fault.status ?? 200;
      res.writeHead(fault.status ?? 200, {
        'content-type': 'application/json',
        'ratelimit-remaining': String(this.remaining(token)),
        ...fault.headers,
      });
      return void res.end(
        fault.raw ?? JSON.stringify({ id: fault.id ?? 'error', message: fault.message ?? '' }),
      );
    }

    const data = this.route(url, token);
    if (data === undefined) return error(404, 'not_found', 'Couldn’t find that resource.');
    if (fault?.truncate) {
      const text = JSON.stringify(data);
      record.status = 200;
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(text.length) });
      res.write(text.slice(0, Math.floor(text.length / 2)));
      return void res.socket?.destroy();
    }
    if (!Array.isArray(data)) return send(200, data);
    this.sendPage(data, req.headers.range, send);
  }

  /** A 200 whose body is too large, or arrives a byte at a time; bounded, so the simulator always stops. */
  private async stream(fault: Fault, record: SimRequest, res: ServerResponse, token: string): Promise<void> {
    record.status = 200;
    res.writeHead(200, {
      'content-type': 'application/json',
      'ratelimit-remaining': String(this.remaining(token)),
    });
    res.write('[');
    if (fault.dripMs !== undefined) {
      for (let i = 0; i < (fault.dripBytes ?? 10_000) && !res.destroyed; i++) {
        await new Promise((resolve) => setTimeout(resolve, fault.dripMs));
        res.write(' ');
      }
    } else {
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      for (let sent = 0; sent < (fault.streamBytes ?? 0) && !res.destroyed; sent += chunk.length) {
        if (!res.write(chunk))
          await new Promise((resolve) => {
            res.once('drain', resolve);
            res.once('close', resolve);
          });
      }
    }
    if (!res.destroyed) res.end(']');
  }

  private sendPage(
    items: Json[],
    range: string | undefined,
    send: (status: number, body: unknown, headers?: Record<string, string>) => void,
  ): unknown {
    const sorted = [...items].sort((a, b) => String(a.id).localeCompare(String(b.id)));
    // Range: `id [start]..[end]; max=N` where a start of `]x` excludes x (what Heroku puts in Next-Range).
    const match = /^id\s+(\]?)([^.;\s]*)\.\.([^;\s]*)\s*(?:;\s*max=(\d+))?/.exec(range ?? '');
    if (range !== undefined && !match) {
      return send(400, { id: 'bad_request', message: `Invalid Range header: ${range}` });
    }
    const max = Math.min(MAX_PAGE, Number(match?.[4] ?? DEFAULT_PAGE) || DEFAULT_PAGE);
    const start = match?.[2] ?? '';
    const exclusive = match?.[1] === ']';
    const from = start
      ? sorted.findIndex((item) => (exclusive ? String(item.id) > start : String(item.id) >= start))
      : 0;
    const page = from < 0 ? [] : sorted.slice(from, from + max);
    const headers: Record<string, string> = { 'accept-ranges': 'id, name' };
    if (page.length > 0) headers['content-range'] = `id ${page[0]!.id}..${page.at(-1)!.id}`;
    const more = from >= 0 && from + max < sorted.length;
    if (more) headers['next-range'] = `id ]${page.at(-1)!.id}..; max=${max}`;
    send(more ? 206 : 200, page, headers);
  }

  /** The data Heroku would return for a GET of this path, or undefined for a 404. */
  private route(url: URL, token: string): Json | Json[] | undefined {
    const w = this.world;
    const p = url.pathname.split('/').slice(1).map(decodeURIComponent);
    const is = (...shape: string[]) =>
      p.length === shape.length && shape.every((s, i) => s === '*' || s === p[i]);
    const team = (key: string) =>
      w.teams.find((t) => (t.name === key || t.id === key) && w.visibleTeams.has(t.name as string));
    const app = (key: string) => allApps(w).find((a) => a.id === key || a.name === key);
    const enterprise = (key: string) =>
      w.enterprise.id === key || w.enterprise.name === key ? w.enterprise : undefined;

    const own = w.serviceAccounts.get(token);
    if (is('account', 'rate-limits')) return { remaining: this.remaining(token) };
    if (is('account')) return own?.account ?? w.account;
    if (is('oauth', 'authorizations')) return own?.authorizations ?? w.authorizations;
    if (is('enterprise-accounts', '*')) return enterprise(p[1]!);
    if (is('enterprise-accounts', '*', 'members')) return enterprise(p[1]!) && w.enterpriseMembers;
    if (is('enterprise-accounts', '*', 'teams')) return enterprise(p[1]!) && w.teams;
    if (is('enterprise-accounts', '*', 'events')) {
      if (!enterprise(p[1]!)) return undefined;
      return w.events.get(url.searchParams.get('day') ?? w.now.slice(0, 10)) ?? [];
    }
    if (is('teams')) return w.teams.filter((t) => w.visibleTeams.has(t.name as string));
    if (is('stacks')) return w.stacks;
    if (is('spaces')) return w.spaces;
    if (is('pipelines')) return w.pipelines;
    if (is('addon-attachments')) return w.attachments;
    if (is('spaces', '*', 'inbound-ruleset')) {
      const space = w.spaces.find((x) => x.id === p[1] || x.name === p[1]);
      return space && w.inboundRulesets.get(space.id as string);
    }
    if (is('spaces', '*', 'telemetry-drains')) {
      const space = w.spaces.find((x) => x.id === p[1] || x.name === p[1]);
      return space && (w.telemetryDrains.get(space.id as string) ?? []);
    }
    if (p[0] === 'pipelines' && p.length >= 3) {
      const pipeline = w.pipelines.find((x) => x.id === p[1]);
      if (!pipeline) return undefined;
      if (is('pipelines', '*', 'review-app-config')) return w.reviewAppConfigs.get(p[1]!);
      // Heroku answers every stage of an existing pipeline, with {} where nothing is set.
      if (is('pipelines', '*', 'stage', '*', 'config-vars'))
        return ['test', 'review', 'development', 'staging', 'production'].includes(p[3]!)
          ? (w.stageConfigVars.get(`${p[1]}/${p[3]}`) ?? {})
          : undefined;
      return undefined;
    }
    if (p[0] === 'teams' && p.length === 3) {
      const t = team(p[1]!);
      if (!t) return undefined;
      const name = t.name as string;
      const apps = w.apps.get(name) ?? [];
      const ids = new Set(apps.map((a) => a.id));
      switch (p[2]) {
        case 'members':
          return (w.members.get(name) ?? []) as unknown as Json[];
        case 'preferences':
          return w.preferences.get(name);
        case 'apps':
          return apps as unknown as Json[];
        case 'addons':
          return w.addons.filter((a) => ids.has((a.app as Json).id as string));
        case 'pipeline-couplings':
          return w.couplings.filter((c) => ids.has((c.app as Json).id as string));
        case 'identity-providers':
          return w.identityProviders.get(name) ?? [];
        case 'permissions':
          return apps.map((a) => ({
            id: a.id,
            name: a.name,
            team_id: t.id,
            type: 'app',
            users: this.users(name, a.name),
          }));
      }
      return undefined;
    }
    if (p[0] === 'apps' && p.length === 3) {
      const a = app(p[1]!);
      if (!a) return undefined;
      switch (p[2]) {
        case 'config-vars':
          return w.configVars.get(a.id) ?? {};
        case 'domains':
          return w.domains.get(a.id) ?? [];
        case 'formation':
          return w.formation.get(a.id) ?? [];
        case 'sni-endpoints':
          return w.sniEndpoints.get(a.id) ?? [];
        case 'log-drains':
          return w.logDrains.get(a.id) ?? [];
        case 'telemetry-drains':
          return w.telemetryDrains.get(a.id) ?? [];
        case 'features':
          return w.appFeatures.get(a.id) ?? [];
      }
    }
    return undefined;
  }

  /** The users of one team app with their permissions, as `/teams/{team}/permissions` lists them. */
  private users(team: string, app: string): Json[] {
    const byRole: Record<string, string[]> = {
      admin: ['deploy', 'manage', 'operate', 'view'],
      member: ['deploy', 'operate', 'view'],
      viewer: ['view'],
    };
    const users: Json[] = (this.world.members.get(team) ?? [])
      .filter((m) => m.role !== 'collaborator')
      .map((m) => ({ id: m.user.id, email: m.email, permissions: byRole[m.role] ?? ['view'] }));
    for (const c of this.world.collaborators.get(app) ?? []) {
      users.push({ id: `collab-${c.email}`, email: c.email, permissions: c.permissions });
    }
    return users;
  }
}
