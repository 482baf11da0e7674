// `collect: check-connection`: what the token can and cannot read, with the fix for each; changes nothing.
import { utcDay } from '../heroku/audit.js';
import type { HerokuClient } from '../heroku/client.js';
import { checkConnection } from '../heroku/connection.js';
import type { Inputs } from '../inputs.js';
import { jobSummary } from '../run-output.js';
import { table } from '../shared/escape.js';
import { info } from './context.js';

export async function connectionMode(heroku: HerokuClient, inputs: Inputs, now: Date): Promise<void> {
  const checks = await checkConnection(heroku, {
    token: inputs.herokuApiToken,
    enterprise: inputs.enterpriseAccount,
    teams: inputs.teams,
    today: utcDay(now),
  });
  const markdown = [
    '# Heroku Evidence: connection check',
    '',
    table(
      ['what', 'readable', 'detail', 'how to fix'],
      checks.map((c) => [c.what, c.ok ? 'yes' : 'no', c.detail, { raw: c.fix }]),
    ),
    '',
  ].join('\n');
  for (const c of checks) info(`${c.ok ? '✔' : '✘'} ${c.what}: ${c.detail}${c.fix ? ` → ${c.fix}` : ''}`);
  await jobSummary(markdown);
  const missing = checks.filter((c) => !c.ok).length;
  info(
    missing
      ? `${missing} of ${checks.length} checks cannot read their data; the evidence would have gaps there.`
      : 'The token can read everything.',
  );
}
