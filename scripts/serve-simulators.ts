// Starts the Heroku simulator for a workflow job that runs the action as users do (`uses: ./`). Writes
// HEROKU_SIM_URL and HEROKU_SIM_TOKEN to the file named by its argument (for $GITHUB_ENV), then serves until
// killed or for at most 15 minutes, so a forgotten one stops by itself.
import { writeFileSync } from 'node:fs';
import { HerokuSim } from '../test/sim/heroku.js';
import { generateWorld, SIM_TOKEN } from '../test/sim/world.js';

const out = process.argv[2];
if (!out) throw new Error('usage: serve-simulators.ts <env file>');
const heroku = new HerokuSim(generateWorld({ apps: 12, auditDays: 3, now: new Date() }));
const url = await heroku.start();
writeFileSync(out, `HEROKU_SIM_URL=${url}\nHEROKU_SIM_TOKEN=${SIM_TOKEN}\n`);
console.log(`Heroku simulator on ${url}`);
setTimeout(() => void heroku.close().then(() => process.exit(0)), 15 * 60_000).unref();
await new Promise<void>((resolve) => {
  process.once('SIGTERM', resolve);
  process.once('SIGINT', resolve);
  setTimeout(resolve, 15 * 60_000);
});
await heroku.close();
