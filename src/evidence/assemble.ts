// The pure step between evaluation and the commit: this run's snapshot and findings, and what the evidence
// repository already holds, become the run to commit. What the previous run saw and this one could not read is
// added as "not verified" here, so the commit step only writes what it is handed.
import { unverified } from '../controls/scope.js';
import type { Finding } from '../controls/types.js';
import type { Policy } from '../policy.js';
import type { Snapshot } from '../snapshot/snapshot.js';
import { RUN_FILES } from './layout.js';
import type { Previous } from './previous.js';
import { type Rendered, render } from './render.js';

export interface RunInput {
  snapshot: Snapshot;
  /** This run's findings, as the controls gave them. */
  findings: readonly Finding[];
  /** The controls this run evaluated: findings of the others are not carried over. */
  evaluated: ReadonlySet<string>;
  /** The policy in force: recorded in the run folder as policy.json. */
  policy: Policy;
  previous: Previous;
  tool: { name: string; version: string };
  runUrl: string | null;
}

export interface AssembledRun extends Rendered {
  /** The findings committed: this run's, and the previous run's that could not be verified now. */
  findings: Finding[];
}

export function assembleRun(input: RunInput): AssembledRun {
  const { snapshot, previous } = input;
  const before = (previous.previousRunFiles.get(RUN_FILES.findings) ?? []) as Finding[];
  const findings = [...input.findings, ...unverified(before, input.findings, input.evaluated, snapshot)];
  const rendered = render({
    snapshot,
    findings,
    policy: input.policy,
    state: previous.state,
    previousRunFiles: previous.previousRunFiles,
    existingAuditDays: previous.existingAuditDays,
    ledgerText: previous.ledgerText,
    tool: input.tool,
    runUrl: input.runUrl,
  });
  return { ...rendered, findings };
}

/** What a run builds on when the repository is not read (a dry run): an empty history, or the state as read. */
export function nothingBefore(state: Previous['state']): Previous {
  return { state, previousRunFiles: new Map(), existingAuditDays: new Map(), ledgerText: '' };
}
