// The ledger: one compact line per inventory run, appended to `ledger/YYYY-MM.jsonl` in the run's own commit. A
// period report reads a few monthly files instead of every run folder. Each line names its run's manifest by hash
// and the previous line by hash, so the ledger is a hash chain of its own that `verify` checks against the runs.
import { z } from 'zod';
import type { Observe } from '../controls/scope.js';
import type { Finding } from '../controls/types.js';
import { sha256 } from '../shared/hash.js';
import { sortBy } from './json.js';

const status = z.enum(['fail', 'waived', 'error']);
const key = z.object({ control: z.string(), resource: z.string() });

const ledgerLine = z.object({
  schema: z.literal('heroku-evidence/ledger@1'),
  path: z.string(),
  collectedAt: z.string(),
  complete: z.boolean(),
  manifestSha256: z.string(),
  /** sha256 of the run's policy.json; absent from lines written before runs recorded their policy. */
  policySha256: z.string().optional(),
  previousManifestSha256: z.string().nullable(),
  previousLineSha256: z.string().nullable(),
  /** Per control evaluated in the run: its findings by status. */
  controls: z.record(
    z.string(),
    z.object({ pass: z.number(), fail: z.number(), waived: z.number(), error: z.number() }),
  ),
  /** Every finding that did not pass. */
  exceptions: z.array(
    key.extend({
      status,
      severity: z.string(),
      waiver: z
        .object({ owner: z.string(), reason: z.string(), expires: z.string(), expired: z.boolean() })
        .optional(),
    }),
  ),
  /**
   * Findings that did not pass in the previous run and now pass, whose resource was observed gone, or that the
   * control no longer evaluates though the resource is still there (`not-evaluated`: the policy, or the account,
   * took it out of the control's population; never counted as fixed).
   */
  resolved: z.array(key.extend({ how: z.enum(['pass', 'gone', 'not-evaluated']) })),
  members: z.object({
    joined: z.array(z.object({ email: z.string(), team: z.string(), role: z.string() })),
    left: z.array(z.object({ email: z.string(), team: z.string(), role: z.string() })),
    roleChanges: z.array(z.object({ email: z.string(), team: z.string(), from: z.string(), to: z.string() })),
  }),
});
export type LedgerLine = z.infer<typeof ledgerLine>;
export type Members = LedgerLine['members'];

type MemberRecord = { email?: unknown; team?: unknown; role?: unknown };

/** Who joined, left or changed role between two team-members.json files. */
export function memberChanges(before: unknown, after: unknown): Members {
  const index = (value: unknown) =>
    new Map(
      (Array.isArray(value) ? (value as MemberRecord[]) : []).map((m) => [
        `${String(m.team)}/${String(m.email).toLowerCase()}`,
        { email: String(m.email), team: String(m.team), role: String(m.role ?? '') },
      ]),
    );
  const old = index(before);
  const now = index(after);
  const joined = [...now].filter(([k]) => !old.has(k)).map(([, m]) => m);
  const left = [...old].filter(([k]) => !now.has(k)).map(([, m]) => m);
  const roleChanges = [...now]
    .filter(([k, m]) => old.has(k) && old.get(k)!.role !== m.role)
    .map(([k, m]) => ({ email: m.email, team: m.team, from: old.get(k)!.role, to: m.role }));
  const order = (m: { team: string; email: string }) => [m.team, m.email.toLowerCase()];
  return {
    joined: sortBy(joined, order),
    left: sortBy(left, order),
    roleChanges: sortBy(roleChanges, order),
  };
}

export interface LineInput {
  path: string;
  collectedAt: string;
  complete: boolean;
  manifestText: string;
  policySha256: string;
  previousManifestSha256: string | null;
  previousLineSha256: string | null;
  findings: readonly Finding[];
  /** The previous run's findings, to say which exceptions were resolved and how. */
  previousFindings: readonly Pick<Finding, 'control' | 'resource' | 'status'>[];
  /** What became of a resource without a finding now (controls/scope.ts). */
  observe: Observe;
  members: Members;
}

/** Per control evaluated in a run: its findings by status (a ledger line's `controls`). */
export function controlCounts(findings: readonly Finding[]): LedgerLine['controls'] {
  const controls: LedgerLine['controls'] = {};
  for (const f of findings) {
    controls[f.control] ??= { pass: 0, fail: 0, waived: 0, error: 0 };
    controls[f.control]![f.status]++;
  }
  return Object.fromEntries(Object.entries(controls).sort(([a], [b]) => a.localeCompare(b)));
}

/** Every finding that did not pass, with its waiver (a ledger line's `exceptions`). */
export function exceptionsOf(findings: readonly Finding[]): LedgerLine['exceptions'] {
  return sortBy(
    findings
      .filter((f) => f.status !== 'pass')
      .map((f) => ({
        control: f.control,
        resource: f.resource,
        status: f.status as 'fail' | 'waived' | 'error',
        severity: f.severity,
        ...(f.waiver
          ? {
              waiver: {
                owner: f.waiver.owner,
                reason: f.waiver.reason,
                expires: f.waiver.expires,
                expired: f.waiver.expired,
              },
            }
          : {}),
      })),
    (e) => [e.control, e.resource],
  );
}

/** The ledger line of one run, as the text appended to its month's file (with its newline). */
export function ledgerLineText(input: LineInput): string {
  const now = new Map(input.findings.map((f) => [`${f.control}/${f.resource}`, f]));
  const resolved: LedgerLine['resolved'] = [];
  for (const f of input.previousFindings) {
    if (f.status === 'pass') continue;
    const current = now.get(`${f.control}/${f.resource}`);
    if (current?.status === 'pass') resolved.push({ control: f.control, resource: f.resource, how: 'pass' });
    else if (!current) {
      const absence = input.observe(f.resource);
      if (absence.kind === 'gone') resolved.push({ control: f.control, resource: f.resource, how: 'gone' });
      else if (absence.kind === 'present')
        resolved.push({ control: f.control, resource: f.resource, how: 'not-evaluated' });
    }
  }
  const line: LedgerLine = {
    schema: 'heroku-evidence/ledger@1',
    path: input.path,
    collectedAt: input.collectedAt,
    complete: input.complete,
    manifestSha256: sha256(input.manifestText),
    policySha256: input.policySha256,
    previousManifestSha256: input.previousManifestSha256,
    previousLineSha256: input.previousLineSha256,
    controls: controlCounts(input.findings),
    exceptions: exceptionsOf(input.findings),
    resolved: sortBy(resolved, (r) => [r.control, r.resource]),
    members: input.members,
  };
  return `${JSON.stringify(line)}\n`;
}

/** The lines of a month's ledger file, each checked against the schema; a bad line names its file and number. */
export function parseLedger(text: string, source: string): { line: LedgerLine; text: string }[] {
  return text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((raw, i) => {
      let value: unknown;
      try {
        value = JSON.parse(raw);
      } catch {
        throw new Error(`${source} line ${i + 1} is not JSON.`);
      }
      const parsed = ledgerLine.safeParse(value);
      if (!parsed.success)
        throw new Error(`${source} line ${i + 1} is not a ledger line: ${parsed.error.issues[0]?.message}`);
      return { line: parsed.data, text: `${raw}\n` };
    });
}
