// The job summary a platform team reads at a glance: one verdict line first (complete or not, what fails, what is
// new and what was fixed since the last run), then the links to the evidence and the open issues, then the run's
// SUMMARY.md.
import type { Finding } from '../controls/types.js';

/** What changed since the previous inventory run, among the controls this run evaluated. */
export interface SinceLastRun {
  /** Failing now, and not failing in the previous run. */
  new: number;
  /** Failing in the previous run, and passing now or observed gone. */
  fixed: number;
}

export function sinceLastRun(
  previous: readonly Pick<Finding, 'control' | 'resource' | 'status'>[],
  current: readonly Finding[],
  evaluated: ReadonlySet<string>,
  gone: (resource: string) => boolean,
): SinceLastRun {
  const key = (f: Pick<Finding, 'control' | 'resource'>) => `${f.control}/${f.resource}`;
  const before = new Map(previous.filter((f) => evaluated.has(f.control)).map((f) => [key(f), f.status]));
  const now = new Map(current.map((f) => [key(f), f.status]));
  let fresh = 0;
  for (const f of current) if (f.status === 'fail' && before.get(key(f)) !== 'fail') fresh++;
  let fixed = 0;
  for (const [k, status] of before) {
    if (status !== 'fail') continue;
    const after = now.get(k);
    if (after === 'pass' || (after === undefined && gone(k.slice(k.indexOf('/') + 1)))) fixed++;
  }
  return { new: fresh, fixed };
}

export interface JobSummaryInput {
  /** The run's SUMMARY.md. */
  summary: string;
  /** The issues section of the run (issues/sync.ts). */
  issues: string;
  findings: readonly Finding[];
  gaps: number;
  /** null on the first inventory run, or a run without one. */
  since: SinceLastRun | null;
  /** What was collected, for the verdict: "inventory and audit trail", "audit trail". */
  collected: string;
  /** Absent in a dry run: nothing was committed. */
  commit?: { sha: string; url: string };
  runFolderUrl?: string;
  summaryUrl?: string;
  /** The issues repository's open issues with the action's label. */
  issuesUrl: string | null;
}

const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** The verdict, in one line of Markdown: the first thing the job summary says. */
function verdictLine(input: JobSummaryInput): string {
  const failing = input.findings.filter((f) => f.status === 'fail');
  const controls = new Set(failing.map((f) => f.control)).size;
  const errors = input.findings.filter((f) => f.status === 'error').length;
  const icon = failing.length ? '❌' : input.gaps || errors ? '⚠️' : '✅';
  const parts = [
    input.gaps ? `incomplete (${count(input.gaps, 'gap')})` : 'complete',
    failing.length
      ? `${count(failing.length, 'failing finding')} in ${count(controls, 'control')}`
      : 'no failing control',
  ];
  if (errors) parts.push(`${count(errors, 'finding')} not evaluated`);
  parts.push(
    input.since
      ? `${input.since.new} new and ${input.since.fixed} fixed since the last run`
      : 'nothing earlier to compare with',
  );
  return `# ${icon} Heroku evidence (${input.collected}): ${parts.join('; ')}`;
}

export function renderJobSummary(input: JobSummaryInput): string {
  const links = [
    input.commit
      ? `[evidence commit ${input.commit.sha.slice(0, 7)}](${input.commit.url})`
      : 'dry run: nothing committed',
    input.runFolderUrl ? `[run folder](${input.runFolderUrl})` : '',
    input.summaryUrl ? `[SUMMARY.md](${input.summaryUrl})` : '',
    input.issuesUrl ? `[open issues](${input.issuesUrl})` : '',
  ].filter(Boolean);
  // SUMMARY.md's own title would repeat the verdict's heading: its sections follow as they are.
  const body = input.summary.replace(/^# [^\n]*\n+/, '');
  return [verdictLine(input), '', links.join(' · '), '', body.trimEnd(), '', input.issues.trimEnd(), ''].join(
    '\n',
  );
}
