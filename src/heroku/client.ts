// The only code that talks to Heroku. It can send GET and nothing else: the method is fixed below and no caller
// can choose another, so the action cannot change anything on Heroku whatever the rest of the code does.
import { type Dispatcher, request } from 'undici';
import type { z } from 'zod';
import { rateLimit } from './resources.js';

export interface HerokuClientOptions {
  token: string;
  baseUrl: string;
  userAgent: string;
  dispatcher?: Dispatcher;
  concurrency?: number;
  maxAttempts?: number;
  /** Heroku refills each account's pool continuously at 4,500 requests an hour. */
  refillPerSecond?: number;
  poolSize?: number;
  timeoutMs?: number;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
  random?: () => number;
}

/** A response Heroku gave with an error status, or that could not be used. */
export class HerokuError extends Error {
  constructor(
    readonly endpoint: string,
    readonly status: number,
    readonly id: string,
    message: string,
  ) {
    super(message);
    this.name = 'HerokuError';
  }
  get isForbidden(): boolean {
    return this.status === 403;
  }
}

/** The token itself was rejected: nothing can be collected, so the run ends with this sentence. */
export class HerokuAuthError extends HerokuError {
  constructor(endpoint: string, id: string, herokuMessage: string) {
    super(
      endpoint,
      401,
      id,
      `Heroku rejected the API token (401 ${id}: ${herokuMessage}). Usual causes: the token was revoked or ` +
        'regenerated, the account password was changed, the account was deactivated or removed from the ' +
        'enterprise, or an SSO-bound token expired. Create a new one with `heroku authorizations:create ' +
        '--description "Heroku Evidence"` as the service account and update the repository secret.',
    );
    this.name = 'HerokuAuthError';
  }
}

/**
 * A Heroku refusal or failure that leaves a gap in the evidence. Anything else, a rejected token above all, ends
 * the run.
 */
export function isGap(error: unknown): error is HerokuError {
  return error instanceof HerokuError && !(error instanceof HerokuAuthError);
}

const PAGE = 'id ..; max=1000';
const RETRYABLE_STATUS = new Set([429, 500, 502, 503, 504]);

export class HerokuClient {
  /** Requests sent to Heroku, retries included. */
  requests = 0;
  /** 429 responses received. */
  rateLimited = 0;
  /** Heroku's own count of the pool, from the last response. */
  rateLimitRemaining: number | undefined;

  private readonly origin: string;
  private readonly basePath: string;
  private readonly concurrency: number;
  private readonly maxAttempts: number;
  private readonly refillPerMs: number;
  private readonly poolSize: number;
  private readonly reserve: number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly now: () => number;
  private readonly random: () => number;
  private tokens: number;
  private refilledAt: number;
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly options: HerokuClientOptions) {
    const base = new URL(options.baseUrl);
    this.origin = base.origin;
    this.basePath = base.pathname.replace(/\/$/, '');
    this.concurrency = options.concurrency ?? 8;
    this.maxAttempts = options.maxAttempts ?? 5;
    this.refillPerMs = (options.refillPerSecond ?? 4500 / 3600) / 1000;
    this.poolSize = options.poolSize ?? 4500;
    // A few requests stay in the pool for whoever else uses this account (and for requests in flight).
    this.reserve = Math.max(10, this.concurrency);
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.now = options.now ?? Date.now;
    this.random = options.random ?? Math.random;
    this.tokens = this.poolSize;
    this.refilledAt = this.now();
  }

  /** Reads the pool left to this account; `/account/rate-limits` itself does not count against it. */
  async checkRateLimit(): Promise<number> {
    const { remaining } = await this.get('/account/rate-limits', rateLimit, { free: true });
    this.refill();
    this.tokens = Math.min(this.tokens, remaining);
    return remaining;
  }

  async get<S extends z.ZodType>(
    path: string,
    schema: S,
    opts: { free?: boolean } = {},
  ): Promise<z.infer<S>> {
    const { body } = await this.send(path, undefined, opts.free ?? false);
    return this.parse(path, schema, parseJson(path, body));
  }

  /** Every page of a list, following Heroku's `Next-Range` until the last page. */
  async list<S extends z.ZodType>(path: string, item: S): Promise<z.infer<S>[]> {
    const out: z.infer<S>[] = [];
    let range: string | undefined = PAGE;
    while (range) {
      const { body, status, nextRange } = await this.send(path, range, false);
      const page = parseJson(path, body);
      if (!Array.isArray(page))
        throw new HerokuError(path, status, 'malformed', `GET ${path}: expected a list`);
      for (const [i, entry] of page.entries())
        out.push(this.parse(`${path} [${out.length + i}]`, item, entry));
      range = status === 206 ? nextRange : undefined;
    }
    return out;
  }

  /** Names of an app's config vars. The values are dropped here, as the body is parsed, and never returned. */
  async configVarNames(app: string): Promise<string[]> {
    const path = `/apps/${encodeURIComponent(app)}/config-vars`;
    const { body } = await this.send(path, undefined, false);
    let names: string[];
    try {
      const parsed: unknown = JSON.parse(body);
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error();
      names = Object.keys(parsed);
    } catch {
      // Never the parser's message: it quotes the body, and the body holds secrets.
      throw new HerokuError(path, 200, 'malformed', `GET ${path}: the response is not a JSON object`);
    }
    return names.sort();
  }

  private parse<S extends z.ZodType>(endpoint: string, schema: S, value: unknown): z.infer<S> {
    const result = schema.safeParse(value);
    if (result.success) return result.data;
    const issue = result.error.issues[0];
    const where = issue?.path.length ? issue.path.join('.') : '(root)';
    throw new HerokuError(
      endpoint,
      200,
      'unexpected_response',
      `GET ${endpoint}: unexpected response at ${where}: ${issue?.message ?? 'invalid'}`,
    );
  }

  private async send(
    path: string,
    range: string | undefined,
    free: boolean,
  ): Promise<{ status: number; body: string; nextRange: string | undefined }> {
    const url = new URL(this.basePath + path, this.origin);
    // Paths are built from Heroku's own ids; one that would leave the API host must never carry the token.
    if (url.origin !== this.origin || !path.startsWith('/')) throw new Error(`refusing to request ${path}`);
    for (let attempt = 1; ; attempt++) {
      await this.acquire(free);
      let outcome: { status: number; body: string; nextRange: string | undefined } | Error;
      try {
        outcome = await this.once(url, range);
      } catch (error) {
        outcome = error instanceof Error ? error : new Error(String(error));
      } finally {
        this.release();
      }
      if (!(outcome instanceof Error)) {
        if (outcome.status < 400) return outcome;
        const error = toHerokuError(path, outcome.status, outcome.body);
        if (outcome.status === 429) {
          this.rateLimited++;
          this.tokens = 0;
          this.refilledAt = this.now();
          // Wait for the pool to refill past the reserve before trying again.
          if (attempt < this.maxAttempts + 5) continue;
        }
        if (!RETRYABLE_STATUS.has(outcome.status) || attempt >= this.maxAttempts) throw error;
      } else if (attempt >= this.maxAttempts) {
        throw new HerokuError(
          path,
          0,
          'network',
          `GET ${path} failed after ${attempt} attempts: ${outcome.message}`,
        );
      }
      await this.sleep(backoff(attempt, this.random));
    }
  }

  private async once(url: URL, range: string | undefined) {
    this.requests++;
    const headers: Record<string, string> = {
      accept: 'application/vnd.heroku+json; version=3',
      authorization: `Bearer ${this.options.token}`,
      'user-agent': this.options.userAgent,
    };
    if (range) headers.range = range;
    const timeout = this.options.timeoutMs ?? 30_000;
    const response = await request(url, {
      method: 'GET',
      headers,
      dispatcher: this.options.dispatcher,
      headersTimeout: timeout,
      bodyTimeout: timeout,
    });
    const body = await response.body.text();
    const remaining = Number(header(response.headers, 'ratelimit-remaining'));
    if (Number.isFinite(remaining) && header(response.headers, 'ratelimit-remaining') !== undefined) {
      this.rateLimitRemaining = remaining;
      // Heroku's count is the truth; ours can only be lower because of requests still in flight.
      this.refill();
      this.tokens = Math.min(this.tokens, remaining);
    }
    return { status: response.statusCode, body, nextRange: header(response.headers, 'next-range') };
  }

  private refill(): void {
    const now = this.now();
    this.tokens = Math.min(this.poolSize, this.tokens + (now - this.refilledAt) * this.refillPerMs);
    this.refilledAt = now;
  }

  /** Waits for a concurrency slot, then for the rate-limit pool to hold a request beyond the reserve. */
  private async acquire(free: boolean): Promise<void> {
    if (this.active >= this.concurrency) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.active++;
    if (free) return;
    for (;;) {
      this.refill();
      if (this.tokens >= this.reserve + 1) break;
      await this.sleep(Math.ceil((this.reserve + 1 - this.tokens) / this.refillPerMs));
    }
    this.tokens -= 1;
  }

  private release(): void {
    this.active--;
    this.waiting.shift()?.();
  }
}

function header(headers: Record<string, string | string[] | undefined>, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function parseJson(path: string, body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    throw new HerokuError(path, 200, 'malformed', `GET ${path}: the response is not valid JSON (truncated?)`);
  }
}

function toHerokuError(path: string, status: number, body: string): HerokuError {
  let id = `http_${status}`;
  let message = `HTTP ${status}`;
  try {
    const parsed = JSON.parse(body) as { id?: unknown; message?: unknown };
    if (typeof parsed.id === 'string') id = parsed.id;
    if (typeof parsed.message === 'string') message = parsed.message;
  } catch {
    // An error page that is not Heroku's JSON (a proxy's, say): the status says enough.
  }
  if (status === 401) return new HerokuAuthError(path, id, message);
  return new HerokuError(path, status, id, `GET ${path}: ${status} ${id}: ${message}`);
}

/** Exponential backoff with full jitter: 0.5 s, 1 s, 2 s, ... capped at 20 s. */
function backoff(attempt: number, random: () => number): number {
  const ceiling = Math.min(20_000, 500 * 2 ** (attempt - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
