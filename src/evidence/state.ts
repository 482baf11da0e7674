// state.json: what the evidence repository already holds, so that each run knows what to collect and how to chain.
import { z } from 'zod';

const counts = z.object({ pass: z.number(), fail: z.number(), waived: z.number(), error: z.number() });

export const stateSchema = z.object({
  schema: z.literal('heroku-evidence/state@1'),
  lastInventoryAt: z.string().nullable(),
  lastRunPath: z.string().nullable(),
  lastManifestSha256: z.string().nullable(),
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

export function parseState(text: string, source: string): State {
  const result = stateSchema.safeParse(JSON.parse(text));
  if (!result.success) {
    throw new Error(
      `${source} is not a Heroku Evidence state file (${result.error.issues[0]?.path.join('.')}: ${result.error.issues[0]?.message}). Fix or remove it; the evidence itself is untouched.`,
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
