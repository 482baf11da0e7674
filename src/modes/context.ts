// What every run mode shares: how it names itself to Heroku and GitHub, how it logs foreign text, and where GitHub is.
import * as core from '@actions/core';
import { createGitHub, type GitHub } from '../github.js';
import type { Repo } from '../inputs.js';
import { logLine } from '../shared/escape.js';
import { TOOL } from '../version.js';

export const USER_AGENT = `${TOOL.name}/${TOOL.version} (+GitHub Action)`;

/** Every log line that can carry text from Heroku, GitHub or the policy goes through here. */
export const info = (line: string): void => core.info(logLine(line));

export function serverUrl(): string {
  return process.env.GITHUB_SERVER_URL ?? 'https://github.com';
}

export function repoUrl(repo: Repo): string {
  return `${serverUrl()}/${repo.owner}/${repo.repo}`;
}

/** The workflow run's URL, when the action runs in GitHub Actions. */
export function workflowRunUrl(): string | null {
  const { GITHUB_RUN_ID: id, GITHUB_REPOSITORY: repository } = process.env;
  return id && repository ? `${serverUrl()}/${repository}/actions/runs/${id}` : null;
}

export function github(token: string): GitHub {
  return createGitHub({ token, userAgent: USER_AGENT, log: (l) => core.warning(logLine(l)) });
}
