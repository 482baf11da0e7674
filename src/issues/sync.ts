// The issues step of a run: list what exists, plan against this run's findings, apply (or only report) the plan.
import * as core from '@actions/core';
import type { Observe } from '../controls/scope.js';
import type { Finding } from '../controls/types.js';
import type { GitHub } from '../github.js';
import type { Repo } from '../inputs.js';
import type { Policy } from '../policy.js';
import { md } from '../shared/escape.js';
import type { Snapshot } from '../snapshot/snapshot.js';
import { applyPlan, listIssues } from './apply.js';
import { type ExistingIssue, ownersResolver, plan } from './plan.js';
import { placeholderResolver } from './remediation.js';
import type { EvidenceLink } from './render.js';

export interface SyncOptions {
  github: GitHub | undefined;
  repo: Repo;
  /** false: the plan is reported, not applied. */
  apply: boolean;
  dryRun: boolean;
  maxNewIssues: number;
  evaluated: ReadonlySet<string>;
  /** What this run observed of resources without a finding (the run as assembled). */
  observe: Observe;
  policySha256: string;
  link: EvidenceLink;
  log: (line: string) => void;
}

/** Returns the job summary's section on issues. */
export async function syncIssues(
  snapshot: Snapshot,
  findings: readonly Finding[],
  policy: Policy,
  options: SyncOptions,
): Promise<string> {
  const { github, repo, log } = options;
  if (options.evaluated.size === 0) return '';
  let existing: ExistingIssue[] = [];
  if (github) {
    try {
      existing = await listIssues(github, repo);
    } catch (error) {
      if (options.apply) throw error;
      core.notice(
        `Issues could not be listed (${(error as Error).message}); the plan below assumes none exist.`,
      );
    }
  }
  const actions = plan({
    findings,
    evaluated: options.evaluated,
    existing,
    maxNewIssues: options.maxNewIssues,
    link: options.link,
    today: snapshot.collectedAt.slice(0, 10),
    owners: ownersResolver(snapshot, policy),
    absence: options.observe,
    policySha256: options.policySha256,
    facts: { placeholders: placeholderResolver(snapshot), remediationDays: policy.remediationDays },
  });
  const counts: Record<string, number> = {};
  for (const a of actions) counts[a.kind] = (counts[a.kind] ?? 0) + 1;
  const described =
    Object.entries(counts)
      .map(([k, n]) => `${n} ${k}`)
      .join(', ') || 'nothing to do';
  if (!options.apply || !github) {
    for (const a of actions) log(`[plan] ${a.kind} ${'fingerprint' in a ? a.fingerprint : 'digest'}`);
    return `## Issues (not applied${options.dryRun ? ': dry run' : ''})\n\nPlan: ${md(described)}.\n`;
  }
  const result = await applyPlan(github, repo, actions, log);
  return `## Issues\n\n${result.created} opened, ${result.updated} updated, ${result.reopened} reopened, ${result.closed} closed.\n`;
}
