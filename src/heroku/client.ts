// The only code that talks to Heroku. It can send GET and nothing else: the method is fixed below and no caller
// can choose another, so the action cannot change anything on Heroku whatever the rest of the code does.
import { type Dispatcher, request } from 'undici';

import type { z } from 'zod';
import { HerokuError, StarvedError } from '../errors.js';
import { SharedStrings } from '../shared/strings.js';
import { Pacer } from './pacing.js';
import { backoff, bounded, header, isDeadline, parseJson, readBounded, toHerokuError } from './response.js';
import { rateLimit } from './schemas.js';

export interface HerokuClientOptions {
  token: string;
  baseUrl: string;
  userAgent: string;
  dispatcher?: Dispatcher;
  concurrency?: number;
  maxAttempts?: number;
  /** A first guess of the pool's refill, until one is observed (Heroku documents 4,500 an hour). */
  refillPerSecond?: number;
  /** undici's idle timeouts: for the headers, and between two chunks of the body. */
  timeoutMs?: number;
  /** The most one request may take, body included. */
  deadlineMs?: number;
  maxResponseBytes?: number;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
  random?: () => number;
}

const PAGE = 'id ..; max=1000';
const RETRYABLE_STATUS = new Set([500, 502, 503, 504]);
/** A real list has a few pages (1,000 records each); this many means paging that never ends. */
export const MAX_PAGES = 1000;
/** Far above any real response (a page of 1,000 apps is about 2 MB). */
export const MAX_RESPONSE_BYTES = 64 * 1024 * 1024;

export class HerokuClient {
  /** Requests sent to Heroku, retries included. */
  requests = 0;
  /** 429 responses received. */
  rateLimited = 0;

  private readonly origin: string;
  private readonly basePath: string;
  private readonly concurrency: number;
  private readonly maxAttempts: number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly random: () => number;
  private readonly pacer: Pacer;
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  /** The same email, id or state in a thousand records is one string, not a thousand (src/shared/strings.ts). */
  private readonly strings = new SharedStrings();

  constructor(private readonly options: HerokuClientOptions) {
    const base = new URL(options.baseUrl);
    this.origin = base.origin;
    this.basePath = base.pathname.replace(/\/$/, '');
    this.concurrency = options.concurrency ?? 8;
    this.maxAttempts = options.maxAttempts ?? 5;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.random = options.random ?? Math.random;
    this.pacer = new Pacer({
      now: options.now ?? Date.now,
      sleep: this.sleep,
      // A few requests stay in the pool for whoever else uses this account.
      reserve: Math.max(10, this.concurrency),
      probe: () => this.readRateLimit(),
      initialRefillPerSecond: options.refillPerSecond,
    });
  }

  /** Heroku's own count of the pool, from the last response. */
  get rateLimitRemaining(): number | undefined {
    return this.pacer.lastReported;
  }

  /** The refill rate the client has learned (or still assumes), per second. */
  get refillPerSecond(): number {
    return this.pacer.refillPerSecond;
  }

  /** Lets go of the strings shared so far: the records read keep them, the client needs them no more. */
  forgetStrings(): void {
    this.strings.clear();
  }

  /** Reads the pool left to this account; `/account/rate-limits` itself does not count against it. */
  checkRateLimit(): Promise<number> {
    return this.pacer.probe();
  }

  private async readRateLimit(): Promise<number> {
    const { body } = await this.send('/account/rate-limits', undefined, true);
    return this.parse('/account/rate-limits', rateLimit, parseJson('/account/rate-limits', body)).remaining;
  }

  async get<S extends z.ZodType>(path: string, schema: S): Promise<z.infer<S>> {
    const { body } = await this.send(path, undefined, false);
    return this.parse(path, schema, parseJson(path, body));
  }

  /**
   * Every page of a list, following Heroku's `Next-Range` until the last page. A range that comes back twice,
   * or more pages than any real account has, is refused rather than followed forever.
   */
  async list<S extends z.ZodType>(path: string, item: S): Promise<z.infer<S>[]> {
    const out: z.infer<S>[] = [];
    const seen = new Set<string>();
    let range: string | undefined = PAGE;
    for (let pages = 0; range; pages++) {
      if (pages >= MAX_PAGES)
        throw new HerokuError(
          path,
          206,
          'too_many_pages',
          `GET ${path}: more than ${MAX_PAGES} pages; stopped`,
        );
      seen.add(range);
      const { body, status, nextRange } = await this.send(path, range, false);
      const page = parseJson(path, body);
      if (!Array.isArray(page))
        throw new HerokuError(path, status, 'malformed', `GET ${path}: expected a list`);
      const offset = out.length;
      for (let i = 0; i < page.length; i++) out.push(this.parse(path, item, page[i], offset + i));
      range = status === 206 ? nextRange : undefined;
      if (range !== undefined && (seen.has(range) || !/^[\x20-\x7e]{1,1024}$/.test(range)))
        throw new HerokuError(
          path,
          206,
          'bad_next_range',
          `GET ${path}: Heroku's Next-Range repeats an earlier page or is malformed; paging stopped`,
        );
    }
    return out;
  }

  /** Names of an app's config vars. The values are dropped here, as the body is parsed, and never returned. */
  configVarNames(app: string): Promise<string[]> {
    return this.namesOnly(`/apps/${encodeURIComponent(app)}/config-vars`);
  }

  /**
   * Names of a pipeline stage's config vars (what Heroku gives that stage's review or CI apps). The values are
   * dropped here, exactly as for an app's, and never returned.
   */
  pipelineStageConfigVarNames(pipelineId: string, stage: string): Promise<string[]> {
    return this.namesOnly(
      `/pipelines/${encodeURIComponent(pipelineId)}/stage/${encodeURIComponent(stage)}/config-vars`,
    );
  }

  /** The keys of a JSON object whose values are secrets: only the names leave this function. */
  private async namesOnly(path: string): Promise<string[]> {
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

  /** `index`: the item's place in a list, named only if it fails (no string is built per item otherwise). */
  private parse<S extends z.ZodType>(path: string, schema: S, value: unknown, index?: number): z.infer<S> {
    const result = schema.safeParse(value);
    if (result.success) return this.strings.shareIn(result.data);
    const endpoint = index === undefined ? path : `${path} [${index}]`;
    const issue = result.error.issues[0];
    const where = issue?.path.length ? issue.path.join('.') : '(root)';
    throw new HerokuError(
      endpoint,
      200,
      'unexpected_response',
      `GET ${endpoint}: unexpected response at ${bounded(where)}: ${bounded(issue?.message ?? 'invalid')}`,
    );
  }

  private async send(path: string, range: string | undefined, free: boolean): Promise<Response> {
    const url = new URL(this.basePath + path, this.origin);
    // Paths are built from Heroku's own ids; one that would leave the API host must never carry the token.
    if (url.origin !== this.origin || !path.startsWith('/')) throw new Error(`refusing to request ${path}`);
    let rateLimitedTimes = 0;
    for (let attempt = 1; ; attempt++) {
      // The free endpoint is how a blocked pacer learns the truth: it must never wait for a slot itself.
      if (!free) {
        await this.slot();
        try {
          await this.pacer.acquire();
        } catch (error) {
          this.release();
          if (!(error instanceof StarvedError)) throw error;
          throw new HerokuError(path, 429, 'rate_limit', `GET ${path}: ${error.message}`);
        }
      }
      let outcome: Response | Error;
      try {
        outcome = await this.once(url, range);
        if (!free) this.pacer.answer(outcome.remaining, outcome.status === 429);
      } catch (error) {
        if (!free) this.pacer.abandon();
        outcome = error instanceof Error ? error : new Error(String(error));
      } finally {
        if (!free) this.release();
      }
      if (outcome instanceof HerokuError) throw outcome;
      if (!(outcome instanceof Error)) {
        if (outcome.status === 200 || outcome.status === 206) return outcome;
        const error = toHerokuError(path, outcome.status, outcome.body);
        if (outcome.status === 429) {
          // Someone else may have drained the pool, or Heroku had a hiccup: the pacer asks the free endpoint
          // after a short wait and goes on at what it says. Not counted as a failed attempt.
          this.rateLimited++;
          attempt--;
          if (++rateLimitedTimes <= 10) continue;
        }
        if (!RETRYABLE_STATUS.has(outcome.status) || attempt >= this.maxAttempts) throw error;
      } else if (attempt >= this.maxAttempts || (isDeadline(outcome) && attempt >= 2)) {
        throw new HerokuError(
          path,
          0,
          'network',
          `GET ${path} failed after ${attempt} attempts: ${bounded(outcome.message)}`,
        );
      }
      await this.sleep(backoff(attempt, this.random));
    }
  }

  private async once(url: URL, range: string | undefined): Promise<Response> {
    this.requests++;
    const headers: Record<string, string> = {
      accept: 'application/vnd.heroku+json; version=3',
      authorization: `Bearer ${this.options.token}`,
      'user-agent': this.options.userAgent,
    };
    if (range) headers.range = range;
    const timeout = this.options.timeoutMs ?? 30_000;
    // undici's timeouts only notice silence; a server that drips a byte at a time is cut by this deadline. Its timer
    // is cleared once the body is in (AbortSignal.timeout's would hold a timer per request for two minutes).
    const deadline = new AbortController();
    const timer = setTimeout(
      () => deadline.abort(new DOMException('The response took too long', 'TimeoutError')),
      this.options.deadlineMs ?? 120_000,
    );
    let response: Dispatcher.ResponseData;
    let body: string;
    try {
      response = await request(url, {
        method: 'GET',
        headers,
        dispatcher: this.options.dispatcher,
        headersTimeout: timeout,
        bodyTimeout: timeout,
        signal: deadline.signal,
      });
      const path = url.pathname.slice(this.basePath.length) + url.search;
      if (response.statusCode >= 300 && response.statusCode < 400) {
        await response.body.dump().catch(() => undefined);
        // Following it could send the token elsewhere, and a redirect is no answer from Heroku's API.
        throw new HerokuError(
          path,
          response.statusCode,
          'redirect',
          `GET ${path}: answered ${response.statusCode} (a redirect), which the action never follows`,
        );
      }
      body = await readBounded(response.body, path, this.options.maxResponseBytes ?? MAX_RESPONSE_BYTES);
    } finally {
      clearTimeout(timer);
    }
    const reported = header(response.headers, 'ratelimit-remaining');
    const remaining = reported !== undefined && /^\d+$/.test(reported.trim()) ? Number(reported) : undefined;
    return {
      status: response.statusCode,
      body,
      nextRange: header(response.headers, 'next-range'),
      remaining,
    };
  }

  /** Waits for one of the `concurrency` slots. */
  private async slot(): Promise<void> {
    if (this.active >= this.concurrency) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.active++;
  }

  private release(): void {
    this.active--;
    this.waiting.shift()?.();
  }
}

interface Response {
  status: number;
  body: string;
  nextRange: string | undefined;
  remaining: number | undefined;
}
