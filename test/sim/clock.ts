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
