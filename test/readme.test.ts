// The README is what a platform team follows in one sitting: its tables must be action.yml's, its controls table
// the catalog's, and its set-up must work exactly as written, in a workspace holding only what it says to create.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { actionTables } from '../scripts/action-tables.js';
import { CONTROLS } from '../src/controls/catalog.js';
import { run } from '../src/main.js';
import { DEFAULT_POLICY_PATH } from '../src/policy.js';
import { GitHubSim } from './sim/github.js';
import { HerokuSim } from './sim/heroku.js';
import { generateWorld, SIM_TOKEN } from './sim/world.js';

const read = (path: string) => readFileSync(new URL(`../${path}`, import.meta.url), 'utf8');
const readme = read('README.md');
const actionYml = read('action.yml');

/** The README's ```yaml blocks whose first line names the file a user is told to create. */
function fileBlock(path: string): string {
  const block = [...readme.matchAll(/```yaml\n([\s\S]*?)```/g)]
    .map((m) => m[1]!)
    .find((text) => text.startsWith(`# ${path}\n`));
  if (!block) throw new Error(`README.md shows no ${path}`);
  return block;
}

describe('README.md and action.yml', () => {
  it('shows action.yml’s inputs and outputs, descriptions and defaults included (npm run readme)', () => {
    expect(readme).toContain(actionTables(actionYml));
  });

  it('gives each control of the catalog its severity', () => {
    const rows = new Map(
      [...readme.matchAll(/^\| `(HEROKU-[A-Z]+-\d+)` \| .* \| (critical|high|medium|low) \| .* \|$/gm)].map(
        (m) => [m[1], m[2]],
      ),
    );
    for (const control of CONTROLS) expect(rows.get(control.id), control.id).toBe(control.severity);
    expect(CONTROLS.some((c) => c.severity === 'critical')).toBe(true);
  });

  it('pins the auditors’ npx commands to the version package.json names', () => {
    const { version } = JSON.parse(read('package.json')) as { version: string };
    const pins = [...readme.matchAll(/npx --yes github:heroku-evidence\/heroku-evidence#v([\d.]+) /g)];
    expect(pins.length).toBeGreaterThan(0);
    for (const pin of pins) expect(pin[1]).toBe(version);
  });
});

// ${{ secrets.X }}, ${{ inputs.X || 'default' }} and ${{ github.token }}: the expressions the README's workflow and
// action.yml use, evaluated as the runner would for one event. Anything else fails the test, so the README cannot
// show an expression this test does not run.
function evaluate(value: string, context: Record<string, Record<string, string>>): string {
  const match = /^\$\{\{\s*(.+?)\s*\}\}$/.exec(value);
  if (!match) return value;
  for (const operand of match[1]!.split('||').map((s) => s.trim())) {
    const literal = /^'([^']*)'$/.exec(operand);
    const ref = /^(secrets|inputs|github)\.([\w-]+)$/.exec(operand);
    if (!literal && !ref) throw new Error(`an expression this test cannot evaluate: ${value}`);
    const result = literal ? literal[1]! : (context[ref![1]!]?.[ref![2]!] ?? '');
    if (result) return result;
  }
  return '';
}

let heroku: HerokuSim;
let github: GitHubSim;
beforeEach(async () => {
  heroku = new HerokuSim(generateWorld({ apps: 9, auditDays: 3 }));
  await heroku.start();
  github = new GitHubSim();
  await github.start();
});
afterEach(async () => {
  await heroku.close();
  await github.close();
});

/**
 * Runs the action's step of the README's workflow as the runner would: its `with:` evaluated for the event, every
 * other input at action.yml's default, in `workspace`. The one substitution is the Heroku API address, which points
 * at the simulator (as GITHUB_API_URL points GitHub's at its own).
 */
async function runReadmeWorkflow(workspace: string, dispatchInputs: Record<string, string> = {}) {
  const workflow = parse(readFileSync(join(workspace, '.github/workflows/heroku-evidence.yml'), 'utf8'));
  const job = Object.values(
    workflow.jobs as Record<string, { steps: { uses?: string; with?: object }[] }>,
  )[0]!;
  const step = job.steps.find((s) => s.uses?.startsWith('heroku-evidence/heroku-evidence@'))!;
  const context = {
    secrets: { HEROKU_API_TOKEN: SIM_TOKEN },
    inputs: dispatchInputs,
    github: { token: github.token },
  };
  const inputs: Record<string, string> = {};
  for (const [name, spec] of Object.entries(
    (parse(actionYml) as { inputs: Record<string, { default?: string }> }).inputs,
  ))
    inputs[name] = evaluate(spec.default ?? '', context);
  for (const [name, value] of Object.entries(step.with ?? {}))
    inputs[name] = evaluate(String(value), context);
  inputs['heroku-api-url'] = heroku.url;

  const temp = mkdtempSync(join(tmpdir(), 'runner-temp-'));
  const files = { GITHUB_OUTPUT: join(temp, 'output'), GITHUB_STEP_SUMMARY: join(temp, 'summary') };
  for (const file of Object.values(files)) writeFileSync(file, '');
  const env: Record<string, string> = {
    ...files,
    GITHUB_WORKSPACE: workspace,
    RUNNER_TEMP: temp,
    GITHUB_REPOSITORY: `${github.owner}/${github.repo}`,
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_API_URL: github.url,
    GITHUB_EVENT_NAME: Object.keys(dispatchInputs).length ? 'workflow_dispatch' : 'schedule',
  };
  for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.toUpperCase()}`] = value;

  const saved = { ...process.env };
  const log: string[] = [];
  const write = process.stdout.write.bind(process.stdout);
  Object.assign(process.env, env);
  process.stdout.write = ((chunk: string | Uint8Array) => log.push(String(chunk)) > 0) as typeof write;
  try {
    process.exitCode = 0;
    await run(new Date('2026-11-22T06:00:00Z'));
  } finally {
    process.stdout.write = write;
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
    Object.assign(process.env, saved);
  }
  const failed = process.exitCode === 1;
  process.exitCode = 0;
  return { failed, inputs, log: log.join(''), summary: readFileSync(files.GITHUB_STEP_SUMMARY, 'utf8') };
}

/** A fresh repository holding only what the README's set-up tells a user to create. */
function freshWorkspace(options: { policy: boolean }): string {
  const workspace = mkdtempSync(join(tmpdir(), 'workspace-'));
  mkdirSync(join(workspace, '.github/workflows'), { recursive: true });
  writeFileSync(
    join(workspace, '.github/workflows/heroku-evidence.yml'),
    fileBlock('.github/workflows/heroku-evidence.yml'),
  );
  if (options.policy) writeFileSync(join(workspace, DEFAULT_POLICY_PATH), fileBlock(DEFAULT_POLICY_PATH));
  return workspace;
}

describe('the README’s set-up, followed to the letter', () => {
  it('runs the workflow as pasted, with the starter policy, and commits and files issues', async () => {
    const result = await runReadmeWorkflow(freshWorkspace({ policy: true }));
    expect(result.failed, result.log).toBe(false);
    expect(result.inputs).toMatchObject({ collect: 'auto', 'enterprise-account': 'acme', policy: '' });
    expect(result.log).toContain('Policy: .github/heroku-evidence.yml.');
    expect(github.branchHead()).toBeTruthy();
    expect(github.issues.length).toBeGreaterThan(0);
    expect(result.summary.split('\n')[0]).toMatch(
      /^# .* Heroku evidence \(inventory and audit trail\): complete;/,
    );
  });

  it('runs as pasted before any policy file exists, on the defaults, and says so', async () => {
    const result = await runReadmeWorkflow(freshWorkspace({ policy: false }));
    expect(result.failed, result.log).toBe(false);
    expect(result.log).toContain(
      'Policy: the defaults (no `policy` input, and no .github/heroku-evidence.yml',
    );
    expect(github.branchHead()).toBeTruthy();
  });

  it('checks the connection from Run workflow, changing nothing', async () => {
    const result = await runReadmeWorkflow(freshWorkspace({ policy: true }), { collect: 'check-connection' });
    expect(result.failed, result.log).toBe(false);
    expect(result.summary).toContain('| Token scopes |');
    expect(github.branchHead()).toBeFalsy();
  });

  it('shows a workflow with a timeout, and every action it names pinned', () => {
    const workflow = parse(fileBlock('.github/workflows/heroku-evidence.yml'));
    const job = Object.values(workflow.jobs as Record<string, Record<string, unknown>>)[0]!;
    expect(job['timeout-minutes']).toBeGreaterThan(0);
    expect(workflow.permissions).toEqual({ contents: 'write', issues: 'write' });
  });
});
