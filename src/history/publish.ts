// The period report in the action: gathered from the evidence repository through GitHub's API (no Heroku
// request), with each run's commit and each exception's issue, and committed in one commit to
// `reports/<period>/`.

import { toJson } from '../evidence/json.js';
import type { EvidenceRepository } from '../evidence/repository.js';
import { parseState } from '../evidence/state.js';
import type { GitHub } from '../github.js';
import type { Repo } from '../inputs.js';
import { listIssues } from '../issues/apply.js';
import { readFingerprint } from '../issues/render.js';
import type { Policy } from '../policy.js';
import { generateReport } from './generate.js';
import { parseLedger } from './ledger.js';
import { monthsBetween, type Period } from './period.js';
import { renderReport } from './render.js';
import type { Report } from './report.js';

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
  for (const issue of await listIssues(github, options.issuesRepository)) {
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
