import { StarvedError } from '../errors.js';
// How fast to ask Heroku. Heroku's own count of the account's pool is the truth, in both directions: every
// response carries it (`RateLimit-Remaining`), and `GET /account/rate-limits` tells it for free. Between two
// counts the pool refills at a rate this module learns from how the count moves; Heroku's documented 4,500 an
// hour is only a first guess until the first observation, and never decides how long a run takes: a long wait is
// cut short by asking Heroku again.

export interface PacerOptions {
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  /** Requests left in the pool for whoever else uses this account. */
  reserve: number;
  /** Asks Heroku's free endpoint for the pool's count. */
  probe: () => Promise<number>;
  /** The refill assumed until one is observed. */
  initialRefillPerSecond?: number;
}

// A sample of the pool: Heroku's count at a time, and how many of our counted requests had been answered then.
interface Sample {
  at: number;
  remaining: number;
  answered: number;
}

// The longest a blocked request waits on the estimate before asking Heroku for the real count.
const PROBE_AFTER_MS = 1000;
// A pool that gives no request for this long is starved (another job drains it): the run stops waiting and
// records what it could not read as gaps, rather than hang until the job's own timeout.
const STARVED_AFTER_MS = 15 * 60_000;

// Refill is measured over at least this long, so that requests answered out of order hardly matter.
const LEARN_WINDOW_MS = 3000;

export class Pacer {
  /** Heroku's count, from the last response or probe. */
  lastReported: number | undefined;
  /** The refill rate in use, per second. */
  get refillPerSecond(): number {
    return this.rate * 1000;
  }

  private rate: number;
  private available: number;
  private availableAt: number;
  /** The largest count Heroku reported: the pool's size as far as observed. */
  private peak = 0;
  private inFlight = 0;
  private answered = 0;
  private anchor: Sample | undefined;
  private queue: Promise<void> = Promise.resolve();
  private probing: Promise<number> | undefined;
  private probeFailed = false;
  /** Whether a refill rate has been measured yet (until then `rate` is the first guess). */
  private measured = false;
  private starved = false;

  constructor(private readonly options: PacerOptions) {
    this.rate = (options.initialRefillPerSecond ?? 4500 / 3600) / 1000;
    this.available = options.reserve + 1;
    this.availableAt = options.now();
  }

  /** Waits until the pool holds a request beyond the reserve, then counts it as sent. One waiter at a time. */
  acquire(): Promise<void> {
    const turn = this.queue.then(() => this.waitForToken());
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  /** A counted request was answered; `remaining` is Heroku's count on the response, when it sent one. */
  answer(remaining: number | undefined, rateLimited: boolean): void {
    this.inFlight = Math.max(0, this.inFlight - 1);
    if (!rateLimited) this.answered++;
    if (remaining !== undefined) this.observe(remaining);
    else if (rateLimited) this.observe(0);
  }

  /** A counted request failed without an answer (a reset, a timeout): Heroku may or may not have counted it. */
  abandon(): void {
    this.inFlight = Math.max(0, this.inFlight - 1);
  }

  /** Heroku's count, observed now (from a response or the free endpoint). */
  observe(remaining: number): void {
    const now = this.options.now();
    this.lastReported = remaining;
    this.peak = Math.max(this.peak, remaining);
    // Requests still in flight may not be in Heroku's count yet: assume they are not.
    this.available = remaining - this.inFlight;
    this.availableAt = now;
    this.learn({ at: now, remaining, answered: this.answered });
  }

  private estimate(now: number): number {
    // Unbounded: the pool's size is Heroku's to say, and the next response corrects an estimate too high.
    return this.available + (now - this.availableAt) * this.rate;
  }

  private async waitForToken(): Promise<void> {
    const { sleep, now } = this.options;
    const since = now();
    for (;;) {
      if (this.starved || now() - since > STARVED_AFTER_MS) {
        this.starved = true;
        throw new StarvedError(
          `Heroku's rate-limit pool for this account stayed empty for ${STARVED_AFTER_MS / 60_000} minutes (last reported: ${this.lastReported ?? 'nothing'}); another client may be using it up.`,
        );
      }
      const { reserve } = this.options;
      const estimate = this.estimate(now());
      if (estimate >= reserve + 1) break;
      // Nothing reported yet: ask rather than wait on a guess.
      if (this.lastReported === undefined && !this.probeFailed) {
        await this.probe().catch(() => undefined);
        continue;
      }
      const wait = Math.ceil((reserve + 1 - estimate) / this.rate);
      if (wait <= PROBE_AFTER_MS) {
        await sleep(wait);
        continue;
      }
      // The estimate rests on a refill rate that may be wrong (or not yet observed): ask Heroku instead.
      await sleep(PROBE_AFTER_MS);
      // Unreadable: the estimate goes on alone.
      await this.probe().catch(() => undefined);
    }
    const t = now();
    this.available = this.estimate(t) - 1;
    this.availableAt = t;
    this.inFlight++;
  }

  /** Asks Heroku for the pool's count (one question at a time, shared by whoever asks meanwhile). */
  probe(): Promise<number> {
    this.probing ??= this.options
      .probe()
      .then(
        (remaining) => {
          this.observe(remaining);
          return remaining;
        },
        (error: unknown) => {
          this.probeFailed = true;
          throw error;
        },
      )
      .finally(() => {
        this.probing = undefined;
      });
    return this.probing;
  }

  /**
   * The refill between two counts is how much the count rose plus the requests Heroku counted in between. Only
   * measured while the pool is well below its size: a full pool does not refill, and would read as a slow one.
   */
  private learn(sample: Sample): void {
    // Near the highest count ever reported, of a pool seen well above the reserve: it may be full.
    const { reserve } = this.options;
    if (this.peak > 4 * reserve && sample.remaining >= this.peak - reserve) {
      this.anchor = undefined;
      return;
    }
    if (!this.anchor) {
      this.anchor = sample;
      return;
    }
    const elapsed = sample.at - this.anchor.at;
    const refilled = sample.remaining - this.anchor.remaining + (sample.answered - this.anchor.answered);
    // Long enough that a few requests answered out of order are noise, not the measure.
    if (elapsed < LEARN_WINDOW_MS || (refilled < 4 * reserve && elapsed < 10 * LEARN_WINDOW_MS)) return;
    const measured = Math.max(0, refilled) / elapsed;
    this.anchor = sample;
    // A measurement replaces the first guess; later ones are blended, so one noisy window cannot swing it.
    this.rate = this.measured ? (this.rate + measured) / 2 : measured;
    this.measured = true;
    // Never zero: a stalled pool is asked again (probe) rather than waited on forever.
    this.rate = Math.max(this.rate, 1 / 3_600_000);
  }
}
