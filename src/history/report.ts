// The period report as a pure function of the ledger, the audit days and the members at the period's end: what
// an auditor tests for a SOC 2 Type II or ISO 27001 period. Its shape is report.json's, checked by `reportSchema`.
import { z } from 'zod';
import { CONTROLS } from '../controls/catalog.js';
import type { Severity } from '../controls/types.js';
import type { LedgerLine } from '../evidence/ledger.js';
import { sha256 } from '../shared/hash.js';
import { daysBetween, type Period } from '../shared/period.js';

const severity = z.enum(['critical', 'high', 'medium', 'low']);
const member = z.object({
  email: z.string(),
  team: z.string(),
  role: z.string(),
  twoFactor: z.boolean().nullable(),
  federated: z.boolean().nullable(),
  enterprisePermissions: z.array(z.string()),
});

export const reportSchema = z.object({
  schema: z.literal('heroku-evidence/report@1'),
  period: z.object({ name: z.string(), from: z.string(), to: z.string() }),
  provisional: z.boolean(),
  generatedAt: z.string(),
  tool: z.object({ name: z.string(), version: z.string() }),
  enterprise: z.string().nullable(),
  runs: z.array(
    z.object({
      path: z.string(),
      commit: z.string().nullable(),
      collectedAt: z.string(),
      complete: z.boolean(),
      manifestSha256: z.string(),
    }),
  ),
  schedule: z.object({
    days: z.number(),
    daysWithInventory: z.number(),
    /** Days after the first inventory run without one. */
    missedDays: z.array(z.string()),
    /** The period's days before the evidence repository's first inventory run: no evidence exists for them. */
    daysBeforeFirstRun: z.array(z.string()),
  }),
  auditTrail: z.object({ days: z.number(), completeDays: z.number(), missingDays: z.array(z.string()) }),
  chain: z.object({
    verified: z.boolean(),
    breaks: z.array(
      z.object({ run: z.string(), expected: z.string().nullable(), found: z.string().nullable() }),
    ),
  }),
  controls: z.array(
    z.object({
      control: z.string(),
      title: z.string(),
      severity,
      frameworks: z.array(z.string()),
      runs: z.number(),
      /** Runs where every finding of the control passed: a waived finding is not a pass. */
      runsPassing: z.number(),
      exceptions: z.number(),
      /** Resources the control evaluated: in the period's first and last runs, the least and most in any run. */
      population: z.object({ first: z.number(), last: z.number(), min: z.number(), max: z.number() }),
    }),
  ),
  /** Every distinct policy in force during the period (its policy.json sha256), with its first and last run. */
  policies: z.array(z.object({ sha256: z.string(), firstRun: z.string(), lastRun: z.string() })),
  exceptions: z.array(
    z.object({
      control: z.string(),
      resource: z.string(),
      severity,
      firstFailedAt: z.string(),
      lastFailedAt: z.string(),
      resolvedAt: z.string().nullable(),
      resolution: z.enum(['fixed', 'gone', 'waived', 'not-evaluated']).nullable(),
      daysOpen: z.number(),
      remediationDays: z.number(),
      withinSla: z.boolean(),
      regressions: z.number(),
      issue: z.string().nullable(),
      waivers: z.array(z.object({ owner: z.string(), reason: z.string(), expires: z.string() })),
    }),
  ),
  /** Findings waived at any run of the period: the risks accepted, by whom, until when. */
  acceptedRisks: z.array(
    z.object({
      control: z.string(),
      resource: z.string(),
      owner: z.string(),
      reason: z.string(),
      expires: z.string(),
      firstWaivedAt: z.string(),
      lastWaivedAt: z.string(),
    }),
  ),
  access: z.object({
    at: z.string().nullable(),
    members: z.array(member),
    joined: z.array(z.object({ at: z.string(), email: z.string(), team: z.string(), role: z.string() })),
    left: z.array(z.object({ at: z.string(), email: z.string(), team: z.string(), role: z.string() })),
    roleChanges: z.array(
      z.object({ at: z.string(), email: z.string(), team: z.string(), from: z.string(), to: z.string() }),
    ),
  }),
});
export type Report = z.infer<typeof reportSchema>;
export type Member = z.infer<typeof member>;

export interface ReportInput {
  period: Period;
  now: Date;
  tool: { name: string; version: string };
  enterprise: string | null;
  /** Every ledger line up to the period's end, oldest first, with the exact text it was written as. */
  lines: { line: LedgerLine; text: string }[];
  /** state.json's audit days. */
  auditDays: Record<string, { complete: boolean }>;
  /** Members at the last run of the period (team-members.json joined with enterprise-members.json). */
  members: Member[];
  /** The SLAs of each policy the runs recorded, by its sha256 ('' for runs that recorded none). */
  remediationDays: ReadonlyMap<string, Record<Severity, number>>;
  /** `control/resource` → issue URL. */
  issues: ReadonlyMap<string, string>;
  /** Run folder → the commit that wrote it, where known. */
  commits: ReadonlyMap<string, string>;
}

const DAY = 86_400_000;

export function buildReport(input: ReportInput): Report {
  const { period } = input;
  const end = `${period.to}T23:59:59.999Z`;
  const start = `${period.from}T00:00:00Z`;
  const today = input.now.toISOString().slice(0, 10);
  const provisional = today <= period.to;
  const inPeriod = (at: string) => at >= start && at <= end;
  const all = input.lines;
  const runs = all.filter(({ line }) => inPeriod(line.collectedAt));

  // Days that have happened: a provisional period is judged up to today (schedule) or yesterday (audit trail).
  const lastDay = provisional ? today : period.to;
  const days = lastDay < period.from ? [] : daysBetween(period.from, lastDay);
  const inventoryDays = new Set(runs.map(({ line }) => line.collectedAt.slice(0, 10)));
  // Days before the first run ever are not "missed": there was no collection yet.
  const firstDay = all[0]?.line.collectedAt.slice(0, 10) ?? '9999-12-31';
  const auditDays = days.filter((d) => !provisional || d < today);

  // The hash chains: each manifest names the previous run's, each ledger line the previous line.
  const breaks: Report['chain']['breaks'] = [];
  for (let i = 0; i < all.length; i++) {
    const { line } = all[i]!;
    if (!inPeriod(line.collectedAt)) continue;
    const previous = all[i - 1];
    const expected = previous ? previous.line.manifestSha256 : line.previousManifestSha256;
    if (line.previousManifestSha256 !== expected)
      breaks.push({ run: line.path, expected, found: line.previousManifestSha256 });
    const expectedLine = previous ? sha256(previous.text) : line.previousLineSha256;
    if (line.previousLineSha256 !== expectedLine)
      breaks.push({
        run: `${line.path} (ledger line)`,
        expected: expectedLine,
        found: line.previousLineSha256,
      });
  }

  const exceptions = buildExceptions(input, inPeriod, provisional ? input.now.toISOString() : end);
  const controls = CONTROLS.map((c) => {
    const evaluated = runs.filter(({ line }) => line.controls[c.id]);
    return {
      control: c.id,
      title: c.name,
      severity: c.severity,
      frameworks: c.frameworks,
      runs: evaluated.length,
      runsPassing: evaluated.filter(({ line }) => {
        const n = line.controls[c.id]!;
        return n.fail + n.error + n.waived === 0;
      }).length,
      exceptions: exceptions.filter((e) => e.control === c.id).length,
      population: population(evaluated.map(({ line }) => line.controls[c.id]!)),
    };
  });

  const stamp = <T>(list: T[], at: string) => list.map((x) => ({ at, ...x }));
  const changes = runs.map(({ line }) => line);
  return {
    schema: 'heroku-evidence/report@1',
    period,
    provisional,
    generatedAt: input.now.toISOString(),
    tool: input.tool,
    enterprise: input.enterprise,
    runs: runs.map(({ line }) => ({
      path: line.path,
      commit: input.commits.get(line.path) ?? null,
      collectedAt: line.collectedAt,
      complete: line.complete,
      manifestSha256: line.manifestSha256,
    })),
    schedule: {
      days: days.length,
      daysWithInventory: days.filter((d) => inventoryDays.has(d)).length,
      missedDays: days.filter((d) => d >= firstDay && !inventoryDays.has(d)),
      daysBeforeFirstRun: days.filter((d) => d < firstDay),
    },
    auditTrail: {
      days: auditDays.length,
      completeDays: auditDays.filter((d) => input.auditDays[d]?.complete).length,
      missingDays: auditDays.filter((d) => !input.auditDays[d]?.complete),
    },
    chain: { verified: breaks.length === 0, breaks },
    controls,
    exceptions,
    policies: policiesInForce(runs.map(({ line }) => line)),
    acceptedRisks: acceptedRisks(runs.map(({ line }) => line)),
    access: {
      at: runs.at(-1)?.line.collectedAt ?? null,
      members: input.members,
      joined: changes.flatMap((l) => stamp(l.members.joined, l.collectedAt)),
      left: changes.flatMap((l) => stamp(l.members.left, l.collectedAt)),
      roleChanges: changes.flatMap((l) => stamp(l.members.roleChanges, l.collectedAt)),
    },
  };
}

/** How many resources a control evaluated, run by run. */
function population(counts: { pass: number; fail: number; waived: number; error: number }[]) {
  const sizes = counts.map((n) => n.pass + n.fail + n.waived + n.error);
  if (sizes.length === 0) return { first: 0, last: 0, min: 0, max: 0 };
  return { first: sizes[0]!, last: sizes.at(-1)!, min: Math.min(...sizes), max: Math.max(...sizes) };
}

function policiesInForce(lines: LedgerLine[]): Report['policies'] {
  const out = new Map<string, Report['policies'][number]>();
  for (const line of lines) {
    if (!line.policySha256) continue;
    const known = out.get(line.policySha256);
    if (known) known.lastRun = line.path;
    else out.set(line.policySha256, { sha256: line.policySha256, firstRun: line.path, lastRun: line.path });
  }
  return [...out.values()];
}

interface Streak {
  start: string;
  /** The policy in force when the streak began: its SLA applies. */
  policy: string;
  lastFail: string;
  end: string | null;
  resolution: 'fixed' | 'gone' | 'waived' | 'not-evaluated' | null;
  /** Failed at a run of the period. */
  inPeriod: boolean;
}

/** Failing streaks per (control, resource), walked over every run up to the period's end. */
function buildExceptions(
  input: ReportInput,
  inPeriod: (at: string) => boolean,
  periodEnd: string,
): Report['exceptions'] {
  const streaks = new Map<string, Streak[]>();
  const meta = new Map<
    string,
    { severity: Severity; waivers: Map<string, Report['exceptions'][number]['waivers'][number]> }
  >();
  for (const { line } of input.lines) {
    if (line.collectedAt > `${input.period.to}T23:59:59.999Z`) break;
    const open = (key: string) => streaks.get(key)?.at(-1);
    for (const e of line.exceptions) {
      const key = `${e.control}/${e.resource}`;
      const m = meta.get(key) ?? { severity: e.severity as Severity, waivers: new Map() };
      meta.set(key, m);
      if (e.waiver && inPeriod(line.collectedAt))
        m.waivers.set(`${e.waiver.owner}|${e.waiver.expires}|${e.waiver.reason}`, {
          owner: e.waiver.owner,
          reason: e.waiver.reason,
          expires: e.waiver.expires,
        });
      const current = open(key);
      if (e.status === 'fail') {
        const within = inPeriod(line.collectedAt);
        if (current && current.end === null) {
          current.lastFail = line.collectedAt;
          current.inPeriod ||= within;
        } else {
          const streak = {
            start: line.collectedAt,
            policy: line.policySha256 ?? '',
            lastFail: line.collectedAt,
            end: null,
            resolution: null,
          };
          streaks.set(key, [...(streaks.get(key) ?? []), { ...streak, inPeriod: within }]);
        }
      } else if (e.status === 'waived' && current && current.end === null) {
        current.end = line.collectedAt;
        current.resolution = 'waived';
      }
      // `error`: not verified, so the streak neither ends nor grows.
    }
    for (const r of line.resolved) {
      const current = open(`${r.control}/${r.resource}`);
      if (current && current.end === null) {
        current.end = line.collectedAt;
        current.resolution = r.how === 'pass' ? 'fixed' : r.how;
      }
    }
  }
  const out: Report['exceptions'] = [];
  for (const [key, list] of streaks) {
    // The streaks with a failing run in the period; the first may have begun before it.
    const failedInPeriod = list.filter((streak) => streak.inPeriod);
    if (failedInPeriod.length === 0) continue;
    const first = failedInPeriod[0]!;
    const last = failedInPeriod.at(-1)!;
    const m = meta.get(key)!;
    const [control, ...rest] = key.split('/');
    const resolvedAt = last.end !== null && last.end <= periodEnd ? last.end : null;
    const daysOpen = Math.max(
      0,
      Math.round((Date.parse(resolvedAt ?? periodEnd) - Date.parse(first.start)) / DAY),
    );
    const sla = input.remediationDays.get(first.policy) ?? input.remediationDays.get('')!;
    const remediationDays = sla[m.severity] ?? 90;
    out.push({
      control: control!,
      resource: rest.join('/'),
      severity: m.severity,
      firstFailedAt: first.start,
      lastFailedAt: last.lastFail,
      resolvedAt,
      resolution: resolvedAt ? last.resolution : null,
      daysOpen,
      remediationDays,
      withinSla: daysOpen <= remediationDays,
      regressions: failedInPeriod.length - 1,
      issue: input.issues.get(key) ?? null,
      waivers: [...m.waivers.values()],
    });
  }
  return out.sort((a, b) => a.control.localeCompare(b.control) || a.resource.localeCompare(b.resource));
}

function acceptedRisks(lines: LedgerLine[]): Report['acceptedRisks'] {
  const risks = new Map<string, Report['acceptedRisks'][number]>();
  for (const line of lines)
    for (const e of line.exceptions) {
      if (e.status !== 'waived' || !e.waiver) continue;
      const key = `${e.control}/${e.resource}/${e.waiver.owner}/${e.waiver.expires}/${e.waiver.reason}`;
      const known = risks.get(key);
      if (known) known.lastWaivedAt = line.collectedAt;
      else
        risks.set(key, {
          control: e.control,
          resource: e.resource,
          owner: e.waiver.owner,
          reason: e.waiver.reason,
          expires: e.waiver.expires,
          firstWaivedAt: line.collectedAt,
          lastWaivedAt: line.collectedAt,
        });
    }
  return [...risks.values()].sort(
    (a, b) => a.control.localeCompare(b.control) || a.resource.localeCompare(b.resource),
  );
}
