// What to do with issues, decided without touching GitHub: from this run's findings and the issues that exist.
import { teamOfApp } from '../controls/context.js';
import type { Absence } from '../controls/scope.js';
import type { Finding, Severity } from '../controls/types.js';
import { matchesName, type Policy } from '../policy.js';
import { md } from '../shared/escape.js';
import type { Snapshot } from '../snapshot/snapshot.js';
import {
  detailsHash,
  digestBody,
  type EvidenceLink,
  evidenceLinks,
  fingerprint,
  type IssueFacts,
  isDigest,
  issueBody,
  issueTitle,
  readDetailsHash,
  readFingerprint,
  UNVERIFIED_MARKER,
  WAIVED_LABEL,
  withoutEvidence,
} from './render.js';

export interface ExistingIssue {
  number: number;
  state: 'open' | 'closed';
  title: string;
  body: string;
  labels: string[];
  /** When it was opened (ISO time), for a body written before bodies said when the finding was first seen. */
  createdAt?: string;
}

export type Action =
  | {
      kind: 'create';
      fingerprint: string;
      title: string;
      body: string;
      labels: string[];
      assignees: string[];
    }
  | {
      kind: 'update';
      number: number;
      fingerprint: string;
      title: string;
      body: string;
      comment?: string;
      reopen?: boolean;
      labels: string[];
    }
  | {
      kind: 'close';
      number: number;
      fingerprint: string;
      comment: string;
      labels?: string[];
      /** GitHub's state_reason: `not_planned` for a waiver or a control that no longer applies. */
      reason?: 'completed' | 'not_planned';
    }
  | { kind: 'digest'; number: number | null; body: string }
  | { kind: 'close-digest'; number: number; comment: string };

export interface PlanInput {
  findings: readonly Finding[];
  /** Controls evaluated this run: issues of the others are left alone. */
  evaluated: ReadonlySet<string>;
  existing: readonly ExistingIssue[];
  maxNewIssues: number;
  link: EvidenceLink;
  /** The run's UTC day. */
  today: string;
  owners: (finding: Finding) => string[];
  /** What this run observed of a resource that has no finding (controls/scope.ts). */
  absence: (resource: string) => Absence;
  /** The sha256 of the policy in force, cited when an issue closes because the control no longer applies. */
  policySha256: string;
  /** Real names for the fix and the remediation days of the due date (issues/render.ts). */
  facts?: IssueFacts;
}

const SEVERITY_ORDER: Record<Severity, number> = { critical: 0, high: 1, medium: 2, low: 3 };

function labelsFor(finding: Finding): string[] {
  return ['heroku-evidence', `control:${finding.control}`, `severity:${finding.severity}`];
}

export function plan(input: PlanInput): Action[] {
  const actions: Action[] = [];
  const byFingerprint = new Map<string, ExistingIssue>();
  let digest: ExistingIssue | undefined;
  // Oldest first, so that if a person duplicated an issue, the original is the one kept current.
  for (const issue of [...input.existing].sort((a, b) => a.number - b.number)) {
    if (isDigest(issue.body)) {
      if (!digest || (digest.state === 'closed' && issue.state === 'open')) digest = issue;
      continue;
    }
    const fp = readFingerprint(issue.body);
    if (fp && !byFingerprint.has(fp)) byFingerprint.set(fp, issue);
  }
  const evidence = evidenceLinks(input.link);
  const seen = new Set<string>();
  const newFailures: Finding[] = [];

  for (const finding of input.findings) {
    const fp = fingerprint(finding);
    seen.add(fp);
    const issue = byFingerprint.get(fp);
    if (finding.status === 'fail') {
      if (!issue) {
        newFailures.push(finding);
        continue;
      }
      const body = issueBody(finding, input.link, input.today, {
        ...input.facts,
        previousBody: issue.body,
        openedAt: issue.createdAt,
      });
      const changed = readDetailsHash(issue.body) !== detailsHash(finding);
      const reopen = issue.state === 'closed';
      const labels = labelsFor(finding);
      const needsLabels =
        labels.some((l) => !issue.labels.includes(l)) || issue.labels.includes(WAIVED_LABEL);
      if (
        reopen ||
        changed ||
        needsLabels ||
        withoutEvidence(issue.body) !== withoutEvidence(body) ||
        issue.title !== issueTitle(finding)
      ) {
        actions.push({
          kind: 'update',
          number: issue.number,
          fingerprint: fp,
          title: issueTitle(finding),
          body,
          labels: labels,
          reopen,
          comment: reopen
            ? `Failing again: ${md(finding.title)}. ${evidence}`
            : changed
              ? `The details changed: ${md(finding.title)}. ${evidence}`
              : undefined,
        });
      }
    } else if (finding.status === 'pass' && issue?.state === 'open') {
      actions.push({
        kind: 'close',
        number: issue.number,
        fingerprint: fp,
        comment: `Fixed: this check passes now (${md(finding.title)}). ${evidence}`,
      });
    } else if (finding.status === 'error' && issue?.state === 'open') {
      const action = unverified(issue, fp, md(finding.detail || finding.title), evidence);
      if (action) actions.push(action);
    } else if (finding.status === 'waived' && issue?.state === 'open') {
      const w = finding.waiver!;
      actions.push({
        kind: 'close',
        number: issue.number,
        fingerprint: fp,
        comment: `Waived until ${md(w.expires)} by ${md(w.owner)}: ${md(w.reason)}. The finding stays in the evidence as \`waived\` and this issue reopens if the waiver expires while it still fails. ${evidence}`,
        labels: [WAIVED_LABEL],
        reason: 'not_planned',
      });
    }
  }

  // An open issue whose resource has no finding: closed as gone only when a list that would hold it was read
  // completely in this run; closed as no longer evaluated when the resource is still there but the control no
  // longer applies to it. Whatever the run did not observe (unseen, outside its teams, kept from an earlier run)
  // leaves the issue exactly as it is.
  for (const [fp, issue] of byFingerprint) {
    const control = fp.slice(0, fp.indexOf('/'));
    if (seen.has(fp) || issue.state !== 'open' || !input.evaluated.has(control)) continue;
    const absent = input.absence(fp.slice(control.length + 1));
    if (absent.kind === 'gone') {
      actions.push({
        kind: 'close',
        number: issue.number,
        fingerprint: fp,
        comment: `The resource is gone from the account: ${md(absent.witness)}. ${evidence}`,
      });
    } else if (absent.kind === 'present') {
      actions.push({
        kind: 'close',
        number: issue.number,
        fingerprint: fp,
        reason: 'not_planned',
        comment: `No longer evaluated under the policy in force (policy sha256 \`${input.policySha256}\`): ${md(absent.why)}, but ${control} no longer applies to it. This is not a fix; the issue reopens if the control finds it failing again. ${evidence}`,
      });
    }
  }

  newFailures.sort(
    (a, b) =>
      SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
      a.control.localeCompare(b.control) ||
      a.resource.localeCompare(b.resource),
  );
  const cap = Math.max(0, input.maxNewIssues);
  for (const finding of newFailures.slice(0, cap)) {
    actions.push({
      kind: 'create',
      fingerprint: fingerprint(finding),
      title: issueTitle(finding),
      body: issueBody(finding, input.link, input.today, input.facts),
      labels: labelsFor(finding),
      assignees: input.owners(finding),
    });
  }
  const overflow = newFailures.slice(cap);
  if (overflow.length > 0) {
    const body = digestBody(overflow, cap, input.link);
    if (!digest || digest.state === 'closed' || withoutEvidence(digest.body) !== withoutEvidence(body))
      actions.push({ kind: 'digest', number: digest?.number ?? null, body });
  } else if (digest?.state === 'open') {
    actions.push({
      kind: 'close-digest',
      number: digest.number,
      comment: `Every failing control now has its own issue. ${evidence}`,
    });
  }
  return actions;
}

/** Says once, on an open issue, that this run could not verify it; the issue stays open and nothing is fixed. */
function unverified(issue: ExistingIssue, fp: string, why: string, evidence: string): Action | undefined {
  if (issue.body.includes(UNVERIFIED_MARKER)) return undefined;
  return {
    kind: 'update',
    number: issue.number,
    fingerprint: fp,
    title: issue.title,
    body: `${issue.body.trimEnd()}\n\n${UNVERIFIED_MARKER}\n`,
    labels: issue.labels,
    comment: `Not verified in this run, so this issue stays open: ${why}. It is checked again on the next run that can read it. ${evidence}`,
  };
}

/** GitHub logins to assign a finding's issue to, from the policy's `owners` (team or app globs). */
export function ownersResolver(snapshot: Snapshot, policy: Policy): (finding: Finding) => string[] {
  const teamOf = teamOfApp(snapshot);
  const appOfDomain = new Map(snapshot.domains.map((d) => [d.hostname, d.app.name]));
  return (finding) => {
    const [kind, first = '', second = ''] = finding.resource.split('/');
    let app: string | undefined;
    let team: string | undefined;
    if (kind === 'app' || kind === 'config-var' || kind === 'sni-endpoint') app = first;
    else if (kind === 'addon-attachment') app = second;
    else if (kind === 'domain') app = appOfDomain.get(first);
    else if (kind === 'team') team = first;
    if (app) team = teamOf.get(app);
    const names = [app, team].filter((n): n is string => Boolean(n));
    const logins = Object.entries(policy.owners)
      .filter(([glob]) => names.some((name) => matchesName(glob, name)))
      .flatMap(([, list]) => list);
    return [...new Set(logins)].sort().slice(0, 10);
  };
}
