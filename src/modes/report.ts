// `collect: report`, and the monthly report `collect: auto` writes once after a month ends: a period report built
// from the evidence repository alone (no Heroku request), with each run's commit and each exception's issue, and
// committed in one commit to `reports/<period>/`. Each run is judged by the policy it recorded (policy.json), never
// by the workspace's policy file, so that the command line on a clone reproduces the committed report.
import { join } from 'node:path';
import * as core from '@actions/core';
import { inEvidence, reportFolder, STATE_FILE } from '../evidence/layout.js';
import { EvidenceRepository } from '../evidence/repository.js';
import { parseState, type State, stateText } from '../evidence/state.js';
import { type GitHub, refusePublic } from '../github.js';
import { runCommits } from '../history/commits.js';
import { generateReport, type Reader } from '../history/generate.js';
import { renderReport } from '../history/render.js';
import type { Report } from '../history/report.js';
import type { Inputs } from '../inputs.js';
import { listIssues } from '../issues/apply.js';
import { readFingerprint } from '../issues/render.js';
import { jobSummary, setOutputs } from '../run-output.js';
import { writeLocal } from '../shared/files.js';
import { lastFullMonth, type Period } from '../shared/period.js';
import { TOOL } from '../version.js';
import { github as githubClient, info, repoUrl, serverUrl } from './context.js';

/** Whether `collect: auto` owes the last full month's report: the month had runs and has no report yet. */
export function monthlyReportDue(state: State, now: Date): boolean {
  const month = lastFullMonth(now).name;
  return state.lastMonthlyReport !== month && state.runs.some((r) => r.collectedAt.startsWith(month));
}

/** `collect: report`: the period asked for (by default the last full month), with outputs and job summary. */
export async function reportMode(inputs: Inputs, now: Date): Promise<void> {
  const period = inputs.reportPeriod ?? lastFullMonth(now);
  const github = githubClient(inputs.githubToken);
  const repository = evidenceRepository(github, inputs);
  if (!inputs.dryRun && !inputs.allowPublicRepository) await refusePublic(github, repository, inputs);
  const { report, files, commit } = await core.group(`Period report ${period.name}`, async () => {
    if (!inputs.dryRun) return publishReport(github, repository, inputs, { period, now });
    const head = await repository.head();
    const read: Reader = (path) => repository.read(inEvidence(inputs.evidencePath, path), head.commit);
    const built = await generateReport(read, { period, now, tool: TOOL });
    return { report: built, files: renderReport(built), commit: null };
  });
  const local = join(inputs.outputDirectory, reportFolder(period.name));
  await writeLocal(local, files);
  await jobSummary(files.get('REPORT.md')!);
  const folder = inEvidence(inputs.evidencePath, reportFolder(period.name));
  setOutputs({
    evidenceCommit: commit ?? '',
    evidenceUrl: commit ? `${repoUrl(inputs.evidenceRepository)}/tree/${commit}/${folder}` : '',
    runPath: folder,
    // Exceptions still failing at the period's end.
    failedControls: report.exceptions.filter((e) => e.resolvedAt === null).length,
    findingsFile: join(local, 'report.json'),
  });
  logDone(period, report);
}

/** The last full month's report, after a `collect: auto` run that committed evidence (its client and repository). */
export async function monthlyReport(
  inputs: Inputs,
  now: Date,
  run: { github: GitHub; repository: EvidenceRepository },
): Promise<void> {
  const period = lastFullMonth(now);
  const { report, files } = await core.group(`Period report ${period.name}`, () =>
    publishReport(run.github, run.repository, inputs, { period, now, recordMonth: true }),
  );
  await writeLocal(join(inputs.outputDirectory, reportFolder(period.name)), files);
  logDone(period, report);
}

function evidenceRepository(github: GitHub, inputs: Inputs): EvidenceRepository {
  return new EvidenceRepository(github, inputs.evidenceRepository, {
    branch: inputs.evidenceBranch,
    serverUrl: serverUrl(),
  });
}

function logDone(period: Period, report: Report): void {
  info(
    `Period ${period.name}: ${report.runs.length} runs, ${report.exceptions.length} exceptions, ${report.schedule.missedDays.length} missed days, chain ${report.chain.verified ? 'verified' : 'broken'}.`,
  );
}

interface ReportOptions {
  period: Period;
  now: Date;
  /** Also record in state.json that this month's report was written (`collect: auto`). */
  recordMonth?: boolean;
}

/** Builds the report from the repository's head and commits its files in one commit. */
async function publishReport(
  github: GitHub,
  repository: EvidenceRepository,
  inputs: Pick<Inputs, 'evidencePath' | 'issuesRepository'>,
  options: ReportOptions,
): Promise<{ report: Report; commit: string; files: Map<string, string> }> {
  const root = inputs.evidencePath;
  const { period } = options;
  const head = await repository.head();
  // Each file is read once: the run commits and the report share the ledger's monthly files.
  const cache = new Map<string, Promise<string | null>>();
  const read: Reader = (path) => {
    if (!cache.has(path)) cache.set(path, repository.read(inEvidence(root, path), head.commit));
    return cache.get(path)!;
  };
  const issues = await issueLinks(github, inputs.issuesRepository);
  const commits = head.commit
    ? await runCommits(
        read,
        (path) => repository.commitsTouching(inEvidence(root, path), head.commit!),
        period,
      )
    : new Map<string, string>();
  const report = await generateReport(read, { ...options, tool: TOOL, issues, commits });
  const files = renderReport(report);
  const folder = reportFolder(period.name);
  const out = new Map([...files].map(([name, text]) => [inEvidence(root, `${folder}/${name}`), text]));
  const commit = await repository.commit(async (current) => {
    if (options.recordMonth) {
      const path = inEvidence(root, STATE_FILE);
      const text = await repository.read(path, current.commit);
      if (text) out.set(path, stateText({ ...parseState(text, path), lastMonthlyReport: period.name }));
    }
    return {
      files: out,
      message: `Heroku evidence: ${report.provisional ? 'provisional ' : ''}period report ${period.name}: ${report.runs.length} runs, ${report.exceptions.length} exceptions${report.chain.verified ? '' : `, ${report.chain.breaks.length} chain breaks`}\n`,
    };
  });
  info(`Period report ${period.name} committed: ${commit.sha}.`);
  return { report, commit: commit.sha, files };
}

/** Issue URLs by fingerprint. A convenience: a token that cannot list issues still gets its report, without them. */
async function issueLinks(github: GitHub, repo: Inputs['issuesRepository']): Promise<Map<string, string>> {
  const links = new Map<string, string>();
  const existing = await listIssues(github, repo).catch((error: unknown) => {
    info(`Issues could not be listed (${(error as Error).message}); the report links none.`);
    return [];
  });
  for (const issue of existing) {
    const fp = readFingerprint(issue.body);
    if (fp) links.set(fp, `${repoUrl(repo)}/issues/${issue.number}`);
  }
  return links;
}
