// Reads the inputs and hands the run to its mode. Expected failures end in one sentence (src/errors.ts); anything
// else keeps its stack for a bug report.
import * as core from '@actions/core';
import { isExpected } from './errors.js';
import { HerokuClient } from './heroku/client.js';
import { maskToken, readInputs } from './inputs.js';
import { collectMode } from './modes/collect.js';
import { connectionMode } from './modes/connection.js';
import { info, USER_AGENT } from './modes/context.js';
import { mergeMode } from './modes/merge.js';
import { planMode } from './modes/plan.js';
import { reportMode } from './modes/report.js';
import { shardMode } from './modes/shard.js';
import { workspacePolicy } from './policy.js';
import { logLine } from './shared/escape.js';

export async function run(now: Date = new Date()): Promise<void> {
  try {
    maskToken();
    const inputs = readInputs();
    const { policy, source } = await workspacePolicy(
      inputs.policy,
      process.env.GITHUB_WORKSPACE || process.cwd(),
    );
    info(`Policy: ${source}.`);
    const heroku = new HerokuClient({
      token: inputs.herokuApiToken,
      baseUrl: inputs.herokuApiUrl,
      userAgent: USER_AGENT,
      concurrency: inputs.concurrency,
    });
    switch (inputs.collect) {
      case 'check-connection':
        return await connectionMode(heroku, inputs, policy, now);
      case 'report':
        return await reportMode(inputs, now);
      case 'plan':
        return await planMode(heroku, inputs, policy, now);
      case 'shard':
        return await shardMode(heroku, inputs, now);
      case 'merge':
        return await mergeMode(heroku, inputs, policy, now);
      default:
        return await collectMode(heroku, inputs, policy, now);
    }
  } catch (error) {
    if (!isExpected(error) && error instanceof Error && error.stack) core.debug(error.stack);
    core.setFailed(
      isExpected(error)
        ? logLine(error.message)
        : `Unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
  }
}
