// What a run shows and hands over: the job summary, the step outputs, and the evidence folder as an artifact.

import { appendFile, mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { DefaultArtifactClient } from '@actions/artifact';
import * as core from '@actions/core';

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
export async function writeLocal(root: string, files: ReadonlyMap<string, string>): Promise<string[]> {
  const written: string[] = [];
  for (const [path, text] of files) {
    const full = join(root, path);
    await mkdir(dirname(full), { recursive: true });
    await writeFile(full, text);
    written.push(full);
  }
  return written;
}

export async function uploadArtifact(name: string, root: string, files: string[]): Promise<void> {
  // The artifact service exists only inside GitHub Actions.
  if (!process.env.ACTIONS_RUNTIME_TOKEN) {
    core.notice(
      'upload-artifact: not running in GitHub Actions, so the evidence folder was not uploaded as an artifact.',
    );
    return;
  }
  try {
    await new DefaultArtifactClient().uploadArtifact(name, files, root, { retentionDays: 90 });
  } catch (error) {
    // The evidence is committed already; a failed upload is worth a warning, not a failed run.
    core.warning(`The evidence artifact could not be uploaded: ${(error as Error).message}`);
  }
}
