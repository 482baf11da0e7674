// What a run shows and hands over: the job summary, the step outputs, and the evidence folder as an artifact.

import { appendFile } from 'node:fs/promises';
import * as core from '@actions/core';
import type { Finding } from './controls/types.js';
import { type GitHub, isPublicRepo } from './github.js';
import type { FailOn } from './inputs.js';
import { logLine } from './shared/escape.js';
import type { Gap } from './snapshot/snapshot.js';

export interface Outputs {
  evidenceCommit: string;
  evidenceUrl: string;
  runPath: string;
  failedControls: number;
  findingsFile: string;
}

export function setOutputs(outputs: Outputs): void {
  core.setOutput('evidence-commit', outputs.evidenceCommit);
  core.setOutput('evidence-url', outputs.evidenceUrl);
  core.setOutput('run-path', outputs.runPath);
  core.setOutput('failed-controls', String(outputs.failedControls));
  core.setOutput('findings-file', outputs.findingsFile);
}

/** The job summary; outside Actions (no GITHUB_STEP_SUMMARY) it is printed to the log instead. */
export async function jobSummary(markdown: string): Promise<void> {
  const file = process.env.GITHUB_STEP_SUMMARY;
  if (file) {
    await appendFile(file, `${markdown}\n`);
  } else {
    core.info(markdown);
  }
}

/** Writes files (paths relative to `root`) to the local folder, returning their absolute paths. */
export async function uploadArtifact(
  name: string,
  root: string,
  files: string[],
  options: { github: GitHub | undefined; allowPublic: boolean },
): Promise<void> {
  // The artifact service exists only inside GitHub Actions.
  if (!process.env.ACTIONS_RUNTIME_TOKEN) {
    core.notice(
      'upload-artifact: not running in GitHub Actions, so the evidence folder was not uploaded as an artifact.',
    );
    return;
  }
  // Anyone can download the artifacts of a public repository's workflow runs.
  const [owner = '', repo = ''] = (process.env.GITHUB_REPOSITORY ?? '').split('/');
  const isPublic = options.github ? await isPublicRepo(options.github, { owner, repo }) : undefined;
  if (!options.allowPublic && isPublic !== false) {
    core.notice(
      isPublic
        ? 'upload-artifact: this workflow’s repository is public, and anyone could download the artifact; not uploaded. Set `allow-public-repository: true` to upload it anyway.'
        : 'upload-artifact: the visibility of this workflow’s repository could not be read, so the artifact was not uploaded.',
    );
    return;
  }
  try {
    // Loaded only here: the artifact client (with Azure's storage SDK) is half of the bundle's code, and a run holds
    // the bundle's source in memory for as long as it runs.
    const { DefaultArtifactClient } = await import('@actions/artifact');
    await new DefaultArtifactClient().uploadArtifact(name, files, root, { retentionDays: 90 });
  } catch (error) {
    // The evidence is committed already; a failed upload is worth a warning, not a failed run.
    core.warning(`The evidence artifact could not be uploaded: ${(error as Error).message}`);
  }
}

// GitHub shows at most 10 warning annotations of a step; the last one left says how many more there are.
const MAX_ANNOTATIONS = 10;

/** Every gap and every finding that could not be evaluated, as warning annotations: one line per group. */
export function annotate(gaps: readonly Gap[], findings: readonly Finding[]): void {
  const groups = new Map<string, string[]>();
  const add = (key: string, item: string) => groups.set(key, [...(groups.get(key) ?? []), item]);
  for (const gap of gaps) add(`Gap: ${gap.resource} could not be read`, gap.scope);
  for (const f of findings) if (f.status === 'error') add(`${f.control} could not be evaluated`, f.resource);
  const lines = [...groups].map(([what, items]) => {
    const shown = items.slice(0, 5).join(', ');
    return `${what} (${items.length}): ${shown}${items.length > 5 ? `, and ${items.length - 5} more` : ''}. See SUMMARY.md.`;
  });
  const kept = lines.length > MAX_ANNOTATIONS ? lines.slice(0, MAX_ANNOTATIONS - 1) : lines;
  for (const line of kept) core.warning(logLine(line), { title: 'Heroku Evidence' });
  if (kept.length < lines.length)
    core.warning(`${lines.length - kept.length} more kinds of gaps and errors: see SUMMARY.md.`);
}

/** Fails the job as `fail-on` asks; the evidence is committed and the issues filed by then. */
export function failOn(mode: FailOn, gaps: number, findings: readonly Finding[]): void {
  const errors = findings.filter((f) => f.status === 'error').length;
  const failing = findings.filter((f) => f.status === 'fail').length;
  if (mode === 'never') return;
  if (gaps > 0 || errors > 0) {
    core.setFailed(
      `fail-on: ${mode}: the evidence is incomplete (${gaps} gaps, ${errors} findings not evaluated).`,
    );
  } else if (mode === 'failing' && failing > 0) {
    core.setFailed(`fail-on: failing: ${failing} findings fail.`);
  }
}
