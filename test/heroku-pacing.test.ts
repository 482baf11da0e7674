import { describe, expect, it } from 'vitest';
import { HerokuError } from '../src/errors.js';
import { closeSimulatorAfterEach, collectAll, setup } from './helpers/heroku-client.js';

closeSimulatorAfterEach();

describe('pacing on what Heroku reports', () => {
  it('learns a refill faster than its first guess and is not held to the guess', async () => {
    // Refill 40 times Heroku's documented rate; the client is not told.
    const { sim, client, clock } = await setup({ apps: 200 }, { poolSize: 100, refillPerSecond: 50 });
    const snapshot = await collectAll(client);
    expect(snapshot.gaps).toEqual([]);
    expect(sim.requests.filter((q) => q.status === 429)).toHaveLength(0);
    const waited = clock.sleeps.reduce((a, b) => a + b, 0) / 1000;
    const bound = (snapshot.requests - 100) / 50;
    expect(waited).toBeLessThan(bound * 1.2);
    expect(client.refillPerSecond).toBeGreaterThan(40);
    expect(client.refillPerSecond).toBeLessThan(60);
  });

  it('learns a refill slower than its first guess (another job shares the account) without 429s', async () => {
    const { sim, client } = await setup({ apps: 60 }, { poolSize: 50, refillPerSecond: 0.5 });
    const snapshot = await collectAll(client);
    expect(snapshot.gaps).toEqual([]);
    expect(sim.requests.filter((q) => q.status === 429)).toHaveLength(0);
    expect(client.refillPerSecond).toBeLessThan(0.8);
  });

  it('after a transient 429 while the pool is full, goes on at full speed once the free endpoint says so', async () => {
    const { sim, client, clock } = await setup({ apps: 60 });
    sim.fail({
      at: 40,
      status: 429,
      id: 'rate_limit',
      message: 'slow down',
      headers: { 'ratelimit-remaining': '0' },
    });
    const snapshot = await collectAll(client);
    expect(snapshot.gaps).toEqual([]);
    expect(client.rateLimited).toBe(1);
    // One short wait, one question to the free endpoint, and no more waiting.
    expect(clock.sleeps.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(1000);
    expect(sim.requests.filter((q) => q.path === '/account/rate-limits')).toHaveLength(2);
  });
});

describe('a pool someone else keeps empty', () => {
  it('stops waiting after fifteen minutes with one clear sentence, instead of hanging the job', async () => {
    const { sim, client, clock } = await setup({ apps: 3 }, { refillPerSecond: 0 });
    sim.setPool(0);
    const error = await collectAll(client).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HerokuError);
    expect((error as Error).message).toMatch(
      /^GET \/account: Heroku's rate-limit pool for this account stayed empty for 15 minutes \(last reported: 0\)/,
    );
    // One wait of fifteen minutes, not one per request.
    const waited = clock.sleeps.reduce((a, b) => a + b, 0);
    expect(waited).toBeGreaterThanOrEqual(15 * 60_000);
    expect(waited).toBeLessThan(16 * 60_000);
  });
});
