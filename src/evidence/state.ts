// state.json: what the evidence repository already holds, so that each run knows what to collect and how to chain.
import { z } from 'zod';
import { StateError } from '../errors.js';
import { toJson } from './json.js';

const counts = z.object({ pass: z.number(), fail: z.number(), waived: z.number(), error: z.number() });

const timestamp = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'not a date and time');

const stateSchema = z.object({
  schema: z.literal('heroku-evidence/state@1'),
  lastInventoryAt: timestamp.nullable(),
  lastRunPath: z.string().nullable(),
  lastManifestSha256: z.string().nullable(),
  /** sha256 of the last ledger line written (history/ledger.ts); absent before the ledger existed. */
  lastLedgerSha256: z.string().nullable().optional(),
  /** The last month whose period report `collect: auto` wrote (YYYY-MM). */
  lastMonthlyReport: z.string().nullable().optional(),
  /** Every audit day recorded, with whether it is complete and how many events it holds. */
  auditDays: z.record(z.string(), z.object({ complete: z.boolean(), events: z.number() })),
  /** Inventory runs, newest first. */
  runs: z.array(
    z.object({ path: z.string(), collectedAt: z.string(), complete: z.boolean(), findings: counts }),
  ),
  /** Results per control in the latest inventory run. */
  controls: z.record(z.string(), counts),
});

export type State = z.infer<typeof stateSchema>;
export type Counts = z.infer<typeof counts>;

/** Findings counted by status: the shape state.json, the ledger and the summaries share. */
export function countFindings(findings: readonly { status: keyof Counts }[]): Counts {
  const counts: Counts = { pass: 0, fail: 0, waived: 0, error: 0 };
  for (const f of findings) counts[f.status]++;
  return counts;
}

export function emptyState(): State {
  return {
    schema: 'heroku-evidence/state@1',
    lastInventoryAt: null,
    lastRunPath: null,
    lastManifestSha256: null,
    auditDays: {},
    runs: [],
    controls: {},
  };
}

/** The text of state.json: written here only, whichever run mode updates it. */
export function stateText(state: State): string {
  return toJson(state);
}

export function parseState(text: string, source: string): State {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    value = undefined;
  }
  const result = stateSchema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
    throw new StateError(
      `${source} is not a valid Heroku Evidence state file (${value === undefined ? 'not JSON' : `${where}${issue?.message}`}). Fix the value, or delete state.json: the next run then rebuilds it, merging the audit days already committed, and starts with an inventory. The evidence itself is untouched.`,
    );
  }
  return result.data;
}

/** Whether an inventory is due: the last is older than the interval less one hour (runners start late). */
export function inventoryDue(state: State, intervalMs: number, now: Date): boolean {
  if (!state.lastInventoryAt) return true;
  return now.getTime() - Date.parse(state.lastInventoryAt) >= intervalMs - 3_600_000;
}

/** Audit days already complete in the evidence: never fetched again. */
export function completeAuditDays(state: State): Set<string> {
  return new Set(
    Object.entries(state.auditDays)
      .filter(([, d]) => d.complete)
      .map(([day]) => day),
  );
}
