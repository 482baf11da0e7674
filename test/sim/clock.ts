// Clocks shared by the Heroku simulator and the client, so that the rate-limit pool can be exercised without
// waiting for Heroku's real refill (75 requests a minute).
interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

/** Time that passes only when someone sleeps: tests of pacing run instantly and deterministically. */
export class VirtualClock implements Clock {
  constructor(private time = Date.parse('2026-11-22T06:00:00Z')) {}
  readonly sleeps: number[] = [];
  now(): number {
    return this.time;
  }
  async sleep(ms: number): Promise<void> {
    this.sleeps.push(ms);
    this.time += ms;
  }
}

/** Real time run `scale` times faster: for the benchmark, where latency is real and refill is Heroku's, scaled. */
class ScaledClock implements Clock {
  private readonly start = Date.now();
  constructor(readonly scale: number) {}
  now(): number {
    return this.start + (Date.now() - this.start) * this.scale;
  }
  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => setTimeout(resolve, ms / this.scale));
  }
}
