// The action's inputs, read and checked once. Everything after this trusts them.

import { tmpdir } from 'node:os';

import { join } from 'node:path';

import * as core from '@actions/core';
import { InputError } from './errors.js';
import { type Period, parsePeriod } from './shared/period.js';

const COLLECT_MODES = [
  'auto',
  'inventory',
  'audit',
  'all',
  'check-connection',
  'report',
  'plan',
  'shard',
  'merge',
] as const;
type CollectMode = (typeof COLLECT_MODES)[number];

const FAIL_ON = ['never', 'incomplete', 'failing'] as const;
export type FailOn = (typeof FAIL_ON)[number];

export interface Repo {
  owner: string;
  repo: string;
}

export interface Inputs {
  herokuApiToken: string;
  herokuApiUrl: string;
  enterpriseAccount: string;
  teams: string[];
  collect: CollectMode;
  inventoryIntervalMs: number;
  auditBackfillDays: number;
  concurrency: number;
  evidenceRepository: Repo;
  evidenceBranch: string;
  evidencePath: string;
  githubToken: string;
  issuesRepository: Repo;
  createIssues: boolean;
  maxNewIssues: number;
  policy: string;
  dryRun: boolean;
  uploadArtifact: boolean;
  outputDirectory: string;
  allowPublicRepository: boolean;
  failOn: FailOn;
  /** For `collect: report`; null means the last full month. */
  reportPeriod: Period | null;
  /** For `collect: plan`: how many jobs share the collection. */
  shards: number;
  /** For `collect: shard`: which one this job is (1 to the plan's shards); 0 when not given. */
  shard: number;
  /** For `plan`, `shard` and `merge`: the local folder of plan.json and the shards' parts. */
  shardDir: string;
}

/** The token is masked before anything else reads an input, so no later log line can show it. */
export function maskToken(): void {
  const token = core.getInput('heroku-api-token');
  if (token) core.setSecret(token);
  const github = core.getInput('github-token');
  if (github) core.setSecret(github);
}

export function readInputs(env: NodeJS.ProcessEnv = process.env): Inputs {
  const token = core.getInput('heroku-api-token').trim();
  if (!token) {
    throw new InputError(
      'The `heroku-api-token` input is empty. Store a Heroku token as a repository secret and pass it: ' +
        // biome-ignore lint/suspicious/noTemplateCurlyInString: the workflow expression users copy, not a template
        '`heroku-api-token: ${{ secrets.HEROKU_API_TOKEN }}`.',
    );
  }
  const collect = core.getInput('collect') || 'auto';
  if (!(COLLECT_MODES as readonly string[]).includes(collect)) {
    throw new InputError(`\`collect\` is "${collect}"; expected one of ${COLLECT_MODES.join(', ')}.`);
  }
  const workflowRepo = env.GITHUB_REPOSITORY ?? '';
  const failOn = core.getInput('fail-on').trim() || 'never';
  if (!(FAIL_ON as readonly string[]).includes(failOn)) {
    throw new InputError(`\`fail-on\` is "${failOn}"; expected one of ${FAIL_ON.join(', ')}.`);
  }
  const dryRun = bool('dry-run', core.getInput('dry-run') || 'false');
  const githubToken = core.getInput('github-token');
  // A misspelled secret is an empty string: without this the run would commit nothing and still succeed.
  if (!githubToken.trim() && !dryRun && !['check-connection', 'plan', 'shard'].includes(collect)) {
    throw new InputError(
      'The `github-token` input is empty, so the evidence cannot be committed. Leave it out to use the workflow’s token, check the name of the secret passed to it, or set `dry-run: true`.',
    );
  }
  const enterpriseAccount = core.getInput('enterprise-account').trim();
  const shard = core.getInput('shard').trim();
  if (collect === 'shard' && !shard) {
    throw new InputError(
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the workflow expression users copy, not a template
      '`collect: shard` needs `shard`, the number of this job in the plan: `shard: ${{ matrix.shard }}`.',
    );
  }
  if (collect === 'audit' && !enterpriseAccount) {
    throw new InputError(
      '`collect: audit` reads the enterprise audit trail and needs `enterprise-account` (the enterprise account’s name or id).',
    );
  }
  return {
    herokuApiToken: token,
    herokuApiUrl: url('heroku-api-url', core.getInput('heroku-api-url') || 'https://api.heroku.com'),
    enterpriseAccount,
    teams: list(core.getInput('teams')),
    collect: collect as CollectMode,
    inventoryIntervalMs: duration('inventory-interval', core.getInput('inventory-interval') || '24h'),
    auditBackfillDays: integer('audit-backfill-days', core.getInput('audit-backfill-days') || '30', 1, 365),
    concurrency: integer('concurrency', core.getInput('concurrency') || '8', 1, 32),
    evidenceRepository: repo('evidence-repository', core.getInput('evidence-repository') || workflowRepo),
    evidenceBranch: core.getInput('evidence-branch').trim(),
    evidencePath: evidencePath(core.getInput('evidence-path') || 'heroku-evidence'),
    githubToken,
    issuesRepository: repo('issues-repository', core.getInput('issues-repository') || workflowRepo),
    createIssues: bool('create-issues', core.getInput('create-issues') || 'true'),
    maxNewIssues: integer('max-new-issues', core.getInput('max-new-issues') || '20', 0, 1000),
    policy: core.getInput('policy').trim(),
    dryRun,
    uploadArtifact: bool('upload-artifact', core.getInput('upload-artifact') || 'true'),
    outputDirectory:
      core.getInput('output-directory') || join(env.RUNNER_TEMP || tmpdir(), 'heroku-evidence-output'),
    allowPublicRepository: bool(
      'allow-public-repository',
      core.getInput('allow-public-repository') || 'false',
    ),
    failOn: failOn as FailOn,
    reportPeriod: reportPeriod(core.getInput('report-period')),
    shards: integer('shards', core.getInput('shards') || '1', 1, 256),
    shard: shard ? integer('shard', shard, 1, 256) : 0,
    shardDir:
      core.getInput('shard-dir').trim() || join(env.RUNNER_TEMP || tmpdir(), 'heroku-evidence-shards'),
  };
}

function reportPeriod(value: string): Period | null {
  if (!value.trim()) return null;
  try {
    return parsePeriod(value);
  } catch (error) {
    throw new InputError((error as Error).message);
  }
}

function list(value: string): string[] {
  return [
    ...new Set(
      value
        .split(/[\n,]/)
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ];
}

function bool(name: string, value: string): boolean {
  if (/^(true|yes|1)$/i.test(value.trim())) return true;
  if (/^(false|no|0)$/i.test(value.trim())) return false;
  throw new InputError(`\`${name}\` is "${value}"; expected true or false.`);
}

function integer(name: string, value: string, min: number, max: number): number {
  const n = Number(value.trim());
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new InputError(`\`${name}\` is "${value}"; expected a whole number from ${min} to ${max}.`);
  }
  return n;
}

function duration(name: string, value: string): number {
  const match = /^\s*(\d+)\s*([mhd])\s*$/.exec(value);
  if (!match) throw new InputError(`\`${name}\` is "${value}"; expected a duration such as 24h, 90m or 7d.`);
  const unit = { m: 60_000, h: 3_600_000, d: 86_400_000 }[match[2] as 'm' | 'h' | 'd'];
  return Number(match[1]) * unit;
}

function repo(name: string, value: string): Repo {
  const match = /^([\w.-]+)\/([\w.-]+)$/.exec(value.trim());
  if (!match) throw new InputError(`\`${name}\` is "${value}"; expected owner/name.`);
  return { owner: match[1]!, repo: match[2]! };
}

function url(name: string, value: string): string {
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    throw new InputError(`\`${name}\` is "${value}"; expected an https URL.`);
  }
  if (parsed.username || parsed.password)
    throw new InputError(
      `\`${name}\` carries credentials in its URL; remove them (the token is sent as a header).`,
    );
  if (parsed.protocol === 'https:') return value.replace(/\/$/, '');
  // The Bearer token would cross the network in clear text; only this machine itself is safe to reach so.
  if (parsed.protocol === 'http:' && isLoopback(parsed.hostname)) return value.replace(/\/$/, '');
  throw new InputError(
    parsed.protocol === 'http:'
      ? `\`${name}\` is "${value}": plain http would send the Heroku token in clear text. Use https (http is accepted only for a loopback address such as 127.0.0.1).`
      : `\`${name}\` is "${value}"; expected an https URL.`,
  );
}

function isLoopback(hostname: string): boolean {
  return (
    /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname) || hostname === 'localhost' || hostname === '[::1]'
  );
}

function evidencePath(value: string): string {
  const clean = value.trim().replace(/^\/+|\/+$/g, '');
  if (!clean || clean.split('/').some((part) => part === '..' || part === '.' || part === '')) {
    throw new InputError(`\`evidence-path\` is "${value}"; expected a folder inside the repository.`);
  }
  return clean;
}
