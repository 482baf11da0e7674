// The pure step between evaluation and the commit: this run's snapshot and findings, and what the evidence
// repository already holds, become the run to commit. What the previous run saw and this one could not read is
// added as "not verified" here, so the commit step only writes what it is handed.
import { carriedOver, type Observe, observer, type PreviousIndex } from '../controls/scope.js';
import type { Finding } from '../controls/types.js';
import type { Policy } from '../policy.js';
import type { Snapshot } from '../snapshot/snapshot.js';
import { RUN_FILES } from './layout.js';
import type { Previous } from './previous.js';
import { type Rendered, render } from './render.js';
import { type SinceLastRun, sinceLastRun } from './verdict.js';

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
  /** What this run observed of a resource that has no finding: the issues step closes on it. */
  observe: Observe;
  /** New and fixed failures since the previous inventory run; null when there is none. */
  since: SinceLastRun | null;
}

export function assembleRun(input: RunInput): AssembledRun {
  const { snapshot, previous } = input;
  const before = (previous.previousRunFiles.get(RUN_FILES.findings) ?? []) as Finding[];
  const observe = observer(snapshot, previousIndex(previous.previousRunFiles));
  const findings = [...input.findings, ...carriedOver(before, input.findings, input.evaluated, observe)];
  const rendered = render({
    snapshot,
    findings,
    observe,
    policy: input.policy,
    state: previous.state,
    previousRunFiles: previous.previousRunFiles,
    existingAuditDays: previous.existingAuditDays,
    ledgerText: previous.ledgerText,
    tool: input.tool,
    runUrl: input.runUrl,
  });
  const since = previous.state.lastRunPath
    ? sinceLastRun(before, findings, input.evaluated, (resource) => observe(resource).kind === 'gone')
    : null;
  return { ...rendered, findings, observe, since };
}

/** What a run builds on when the repository is not read (a dry run): an empty history, or the state as read. */
export function nothingBefore(state: Previous['state']): Previous {
  return { state, previousRunFiles: new Map(), existingAuditDays: new Map(), ledgerText: '' };
}

type Rec = Record<string, unknown>;
const records = (value: unknown): Rec[] => (Array.isArray(value) ? (value as Rec[]) : []);
const name = (value: unknown): string | undefined =>
  value && typeof value === 'object' && typeof (value as Rec).name === 'string'
    ? ((value as Rec).name as string)
    : undefined;

/** Where the previous inventory saw each app, domain and member: the list that would hold one now. */
function previousIndex(files: ReadonlyMap<string, unknown>): PreviousIndex {
  const appTeam = new Map<string, string>();
  for (const app of records(files.get(RUN_FILES.apps))) {
    const team = name(app.team);
    if (typeof app.name === 'string' && team) appTeam.set(app.name, team);
  }
  const domainApp = new Map<string, string>();
  for (const domain of records(files.get(RUN_FILES.domains))) {
    const app = name(domain.app);
    if (typeof domain.hostname === 'string' && app) domainApp.set(domain.hostname, app);
  }
  const memberTeams = new Map<string, Set<string>>();
  for (const member of records(files.get(RUN_FILES.teamMembers))) {
    if (typeof member.email !== 'string' || typeof member.team !== 'string') continue;
    const email = member.email.toLowerCase();
    memberTeams.set(email, (memberTeams.get(email) ?? new Set()).add(member.team));
  }
  const authorization = files.get(RUN_FILES.authorization) as Rec | null | undefined;
  return {
    appTeam,
    domainApp,
    memberTeams,
    authorization: typeof authorization?.id === 'string' ? authorization.id : null,
  };
}
