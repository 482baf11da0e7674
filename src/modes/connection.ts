// `collect: check-connection`: what the token can and cannot read, with the fix for each; changes nothing.
import type { HerokuClient } from '../heroku/client.js';
import { checkConnection } from '../heroku/connection.js';
import type { Inputs } from '../inputs.js';
import type { Policy } from '../policy.js';
import { jobSummary } from '../run-output.js';
import { table } from '../shared/escape.js';
import { info } from './context.js';

export async function connectionMode(
  heroku: HerokuClient,
  inputs: Inputs,
  policy: Policy,
  now: Date,
): Promise<void> {
  const checks = await checkConnection(heroku, {
    token: inputs.herokuApiToken,
    enterprise: inputs.enterpriseAccount,
    teams: inputs.teams,
    now,
    policy,
  });
  const markdown = [
    '# Heroku Evidence: connection check',
    '',
    table(
      ['what', 'status', 'detail', 'how to fix'],
      // `no`: the evidence would have a gap there; `advice`: readable, but the set-up can be tightened.
      checks.map((c) => [
        c.what,
        !c.ok && !c.advice ? 'no' : c.fix ? 'advice' : 'yes',
        c.detail,
        { raw: c.fix },
      ]),
    ),
    '',
  ].join('\n');
  for (const c of checks) info(`${c.ok ? '✔' : '✘'} ${c.what}: ${c.detail}${c.fix ? ` → ${c.fix}` : ''}`);
  await jobSummary(markdown);
  const missing = checks.filter((c) => !c.ok && !c.advice).length;
  const advice = checks.filter((c) => c.fix && (c.ok || c.advice)).length;
  info(
    `${
      missing
        ? `${missing} of ${checks.length} checks cannot read their data; the evidence would have gaps there.`
        : 'The token can read everything.'
    }${advice ? ` ${advice} piece(s) of advice on least privilege and rotation: see the job summary.` : ''}`,
  );
}
