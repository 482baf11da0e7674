// The period report in the action (`collect: report`, and the monthly one from `collect: auto`): gathered from
// the evidence repository through GitHub's API (no Heroku request), with each run's commit and each exception's
// issue, and committed in one commit to `reports/<period>/`.

import { join } from 'node:path';
import * as core from '@actions/core';
import { toJson } from '../evidence/json.js';
import { EvidenceRepository } from '../evidence/repository.js';
import { parseState, type State } from '../evidence/state.js';
import { createGitHub, type GitHub, refusePublic } from '../github.js';
import type { Inputs, Repo } from '../inputs.js';
import { listIssues } from '../issues/apply.js';
import { readFingerprint } from '../issues/render.js';
import type { Policy } from '../policy.js';
import { jobSummary, setOutputs, writeLocal } from '../run-output.js';
import { TOOL } from '../version.js';
import { generateReport } from './generate.js';
import { parseLedger } from './ledger.js';
import { lastFullMonth, monthsBetween, type Period } from './period.js';
import { renderReport } from './render.js';
import type { Report } from './report.js';

/** Whether `collect: auto` owes the last full month's report: the month had runs and has no report yet. */
export function monthlyReportDue(state: State, now: Date): boolean {
  const month = lastFullMonth(now).name;
  return state.lastMonthlyReport !== month && state.runs.some((r) => r.collectedAt.startsWith(month));
}

/** `collect: report` (or, `monthly`, the last full month's report once from `collect: auto`): no Heroku request. */
export async function periodReport(
  inputs: Inputs,
  policy: Policy,
  now: Date,
  monthly: boolean,
  context: {
    userAgent: string;
    log: (line: string) => void;
    /** The run's own client and repository, when a collection ran first (their reads are cached). */
    github?: GitHub;
    repository?: EvidenceRepository;
  },
): Promise<void> {
  const info = context.log;
  const serverUrl = process.env.GITHUB_SERVER_URL ?? 'https://github.com';
  const period = (!monthly && inputs.reportPeriod) || lastFullMonth(now);
  const github =
    context.github ??
    createGitHub({ token: inputs.githubToken, userAgent: context.userAgent, log: (l) => core.warning(l) });
  const repository =
    context.repository ??
    new EvidenceRepository(github, inputs.evidenceRepository, { branch: inputs.evidenceBranch, serverUrl });
  // The monthly report follows a collection that checked visibility already.
  if (!monthly && !inputs.dryRun && !inputs.allowPublicRepository)
    await refusePublic(github, repository, inputs);
  const { report, files, commit } = await core.group(`Period report ${period.name}`, async () => {
    if (inputs.dryRun) {
      const head = await repository.head();
      const read = (path: string) => repository.read(`${inputs.evidencePath}/${path}`, head.commit);
      const built = await generateReport(read, { period, now, policy, tool: TOOL });
      return { report: built, files: renderReport(built), commit: null };
    }
    return publishReport(github, repository, {
      root: inputs.evidencePath,
      period,
      now,
      policy,
      tool: TOOL,
      issuesRepository: inputs.issuesRepository,
      serverUrl,
      monthly,
      log: info,
    });
  });
  const local = join(inputs.outputDirectory, 'reports', period.name);
  await writeLocal(local, files);
  if (!monthly) {
    await jobSummary(files.get('REPORT.md')!);
    const folder = `${inputs.evidencePath}/reports/${period.name}`;
    const repoUrl = `${serverUrl}/${inputs.evidenceRepository.owner}/${inputs.evidenceRepository.repo}`;
    setOutputs({
      evidenceCommit: commit ?? '',
      evidenceUrl: commit ? `${repoUrl}/tree/${commit}/${folder}` : '',
      runPath: folder,
      // Exceptions still failing at the period's end.
      failedControls: report.exceptions.filter((e) => e.resolvedAt === null).length,
      findingsFile: join(local, 'report.json'),
    });
  }
  info(
    `Period ${period.name}: ${report.runs.length} runs, ${report.exceptions.length} exceptions, ${report.schedule.missedDays.length} missed days, chain ${report.chain.verified ? 'verified' : 'broken'}.`,
  );
}

export interface PublishOptions {
  root: string;
  period: Period;
  now: Date;
  policy: Policy;
  tool: { name: string; version: string };
  issuesRepository: Repo;
  serverUrl: string;
  /** Also record in state.json that this month's report was written (`collect: auto`). */
  monthly?: boolean;
  log: (line: string) => void;
}

export async function publishReport(
  github: GitHub,
  repository: EvidenceRepository,
  options: PublishOptions,
): Promise<{ report: Report; commit: string; files: Map<string, string> }> {
  const { root, period } = options;
  const head = await repository.head();
  // Each file is read once: the run commits and the report share the ledger's monthly files.
  const cache = new Map<string, Promise<string | null>>();
  const read = (path: string) => {
    if (!cache.has(path)) cache.set(path, repository.read(`${root}/${path}`, head.commit));
    return cache.get(path)!;
  };
  const issues = new Map<string, string>();
  // Issue links are a convenience: a token that cannot list issues still gets its report, without them.
  const existing = await listIssues(github, options.issuesRepository).catch((error: unknown) => {
    options.log(`Issues could not be listed (${(error as Error).message}); the report links none.`);
    return [];
  });
  for (const issue of existing) {
    const fp = readFingerprint(issue.body);
    if (fp)
      issues.set(
        fp,
        `${options.serverUrl}/${options.issuesRepository.owner}/${options.issuesRepository.repo}/issues/${issue.number}`,
      );
  }
  const commits = head.commit ? await runCommits(repository, read, root, period, head.commit) : new Map();
  const report = await generateReport(read, { ...options, issues, commits });
  const files = renderReport(report);
  const out = new Map([...files].map(([name, text]) => [`${root}/reports/${period.name}/${name}`, text]));
  const commit = await repository.commit(async (current) => {
    if (options.monthly) {
      const text = await repository.read(`${root}/state.json`, current.commit);
      if (text) {
        const state = parseState(text, `${root}/state.json`);
        out.set(`${root}/state.json`, toJson({ ...state, lastMonthlyReport: period.name }));
      }
    }
    return {
      files: out,
      message: `Heroku evidence: ${report.provisional ? 'provisional ' : ''}period report ${period.name}: ${report.runs.length} runs, ${report.exceptions.length} exceptions${report.chain.verified ? '' : `, ${report.chain.breaks.length} chain breaks`}\n`,
    };
  });
  options.log(`Period report ${period.name} committed: ${commit.sha}.`);
  return { report, commit: commit.sha, files };
}

/**
 * Each run's commit: the commits that changed a month's ledger file, newest first, one per line it holds. Where a
 * person edited the file too, the counts differ and that month's runs are left without a commit.
 */
async function runCommits(
  repository: EvidenceRepository,
  read: (path: string) => Promise<string | null>,
  root: string,
  period: Period,
  head: string,
): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const month of monthsBetween(period.from, period.to)) {
    const text = await read(`ledger/${month}.jsonl`);
    if (!text) continue;
    const lines = parseLedger(text, `ledger/${month}.jsonl`);
    const commits = (await repository.commitsTouching(`${root}/ledger/${month}.jsonl`, head)).reverse();
    if (commits.length !== lines.length) continue;
    for (const [i, { line }] of lines.entries()) out.set(line.path, commits[i]!);
  }
  return out;
}
