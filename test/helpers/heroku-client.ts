// The Heroku client against the loopback simulator, on a virtual clock: shared by the client, walk and pacing tests.
import { afterEach } from 'vitest';
import { HerokuClient } from '../../src/heroku/client.js';
import { collect } from '../../src/heroku/collect.js';
import { VirtualClock } from '../sim/clock.js';
import { HerokuSim, type HerokuSimOptions } from '../sim/heroku.js';
import { generateWorld, SIM_TOKEN, type WorldOptions } from '../sim/world.js';

let sim: HerokuSim | undefined;

/** Closes the simulator after each test of the file that calls it. */
export function closeSimulatorAfterEach(): void {
  afterEach(async () => {
    await sim?.close();
    sim = undefined;
  });
}

export async function setup(
  world: WorldOptions = {},
  options: HerokuSimOptions = {},
  clock = new VirtualClock(),
) {
  sim = new HerokuSim(generateWorld(world), { now: () => clock.now(), ...options });
  await sim.start();
  const client = new HerokuClient({
    token: SIM_TOKEN,
    baseUrl: sim.url,
    userAgent: 'heroku-evidence/test',
    now: () => clock.now(),
    sleep: (ms) => clock.sleep(ms),
    random: () => 0.5,
  });
  return { sim, client, clock };
}

export const collectAll = (client: HerokuClient, overrides: Partial<Parameters<typeof collect>[1]> = {}) =>
  collect(client, {
    token: SIM_TOKEN,
    enterprise: 'acme',
    teams: [],
    inventory: true,
    auditDays: ['2026-11-21', '2026-11-22'],
    now: new Date('2026-11-22T06:00:00Z'),
    log: () => {},
    ...overrides,
  });
