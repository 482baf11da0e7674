// Runs the action as GitHub would: inputs as INPUT_* variables, outputs and summary in files, against the simulators.
// In process (fast, with a chosen clock) or as the committed bundle under the Node that runs the tests.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { run } from '../../src/main.js';
import type { GitHubSim } from '../sim/github.js';
import type { HerokuSim } from '../sim/heroku.js';
import { SIM_TOKEN } from '../sim/world.js';

export interface ActionResult {
  failed: boolean;
  outputs: Record<string, string>;
  summary: string;
  log: string;
  outputDir: string;
}

export function actionEnv(heroku: HerokuSim, github: GitHubSim | undefined, inputs: Record<string, string>) {
  const dir = mkdtempSync(join(tmpdir(), 'action-'));
  const outputFile = join(dir, 'output');
  const summaryFile = join(dir, 'summary');
  writeFileSync(outputFile, '');
  writeFileSync(summaryFile, '');
  const all: Record<string, string> = {
    'heroku-api-token': SIM_TOKEN,
    'heroku-api-url': heroku.url,
    'enterprise-account': 'acme',
    'github-token': github?.token ?? '',
    'upload-artifact': 'false',
    'output-directory': join(dir, 'evidence'),
    ...inputs,
  };
  const env: Record<string, string> = {
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    RUNNER_TEMP: dir,
    GITHUB_REPOSITORY: github ? `${github.owner}/${github.repo}` : 'acme/compliance',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_API_URL: github?.url ?? 'http://127.0.0.1:9',
  };
  for (const [k, v] of Object.entries(all)) env[`INPUT_${k.toUpperCase()}`] = v;
  return { env, dir, outputFile, summaryFile, outputDir: all['output-directory']! };
}

function parseOutputs(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const re = /^(.+?)<<(ghadelimiter_[\w-]+)\n([\s\S]*?)\n\2$/gm;
  for (const m of text.matchAll(re)) outputs[m[1]!] = m[3]!;
  return outputs;
}

/** Runs src/main.ts in this process, with `now` as the clock. */
export async function runAction(
  heroku: HerokuSim,
  github: GitHubSim | undefined,
  inputs: Record<string, string> = {},
  now = new Date('2026-11-22T06:00:00Z'),
): Promise<ActionResult> {
  const { env, summaryFile, outputFile, outputDir } = actionEnv(heroku, github, inputs);
  // GitHub dates the commits it creates: by the action's clock here, as time passes (and as late as a test asks).
  if (github) {
    const started = Date.now();
    github.clock = () => now.getTime() + (Date.now() - started) + github.commitLatencyMs;
  }
  const saved = { ...process.env };
  const lines: string[] = [];
  const write = process.stdout.write.bind(process.stdout);
  Object.assign(process.env, env);
  process.stdout.write = ((chunk: string | Uint8Array) => {
    lines.push(String(chunk));
    return true;
  }) as typeof process.stdout.write;
  try {
    process.exitCode = 0;
    await run(now);
  } finally {
    process.stdout.write = write;
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
    Object.assign(process.env, saved);
  }
  const failed = process.exitCode === 1;
  process.exitCode = 0;
  return {
    failed,
    outputs: parseOutputs(readFileSync(outputFile, 'utf8')),
    summary: readFileSync(summaryFile, 'utf8'),
    log: lines.join(''),
    outputDir,
  };
}

/** Runs the committed bundle, dist/index.js, as a child process: what users run. */
export async function runBundle(
  heroku: HerokuSim,
  github: GitHubSim | undefined,
  inputs: Record<string, string> = {},
): Promise<ActionResult> {
  const { env, summaryFile, outputFile, outputDir } = actionEnv(heroku, github, inputs);
  const bundle = resolve(import.meta.dirname, '../../dist/index.js');
  let failed = false;
  let log = '';
  try {
    const { stdout } = await promisify(execFile)(process.execPath, [bundle], {
      env: { PATH: process.env.PATH ?? '', ...env },
      maxBuffer: 1 << 28,
    });
    log = stdout;
  } catch (error) {
    failed = true;
    log = String((error as { stdout?: string }).stdout ?? '');
  }
  return {
    failed,
    outputs: parseOutputs(readFileSync(outputFile, 'utf8')),
    summary: readFileSync(summaryFile, 'utf8'),
    log,
    outputDir,
  };
}
