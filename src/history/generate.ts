// Gathers what a period report needs from the evidence, through any reader (GitHub's API in the action, the files
// of a local clone in the command line): state.json, the ledger's monthly files, and the members at the period's
// last run, and the policy each run recorded (policy.json, read once per distinct policy: the working tree's policy
// file is never used). A bounded number of reads: one per month of history, one per policy, plus three.

import { ReportError } from '../errors.js';
import { ledgerFile, RUN_FILES, STATE_FILE } from '../evidence/layout.js';
import { type LedgerLine, parseLedger } from '../evidence/ledger.js';
import { parseState } from '../evidence/state.js';
import { defaultPolicy, type Policy } from '../policy.js';
import { monthsBetween, type Period } from '../shared/period.js';
import { buildReport, type Member, type Report } from './report.js';

/** Reads a file of the evidence folder (a path relative to it); null when it does not exist. */
export type Reader = (path: string) => Promise<string | null>;

export interface GenerateOptions {
  period: Period;
  now: Date;
  tool: { name: string; version: string };
  issues?: ReadonlyMap<string, string>;
  commits?: ReadonlyMap<string, string>;
}

export async function generateReport(read: Reader, options: GenerateOptions): Promise<Report> {
  const { period } = options;
  const stateText = await read(STATE_FILE);
  if (stateText === null)
    throw new ReportError(
      `The evidence folder has no ${STATE_FILE}: no run has been committed there yet, so there is nothing to report on. Check evidence-repository, evidence-branch and evidence-path.`,
    );
  const state = parseState(stateText, STATE_FILE);
  const oldest = state.runs.at(-1)?.collectedAt ?? period.from;
  const months = monthsBetween(oldest < period.from ? oldest : period.from, period.to);
  const files = await Promise.all(months.map((m) => read(ledgerFile(m))));
  const lines: { line: LedgerLine; text: string }[] = [];
  for (const [i, text] of files.entries())
    if (text !== null) lines.push(...parseLedger(text, ledgerFile(months[i]!)));
  lines.sort((a, b) => a.line.collectedAt.localeCompare(b.line.collectedAt));

  const last = lines.filter(({ line }) => line.collectedAt <= `${period.to}T23:59:59.999Z`).at(-1)?.line;
  const members = last ? await membersAt(read, last.path) : [];
  const enterprise = last ? await read(`${last.path}/${RUN_FILES.manifest}`).then(enterpriseName) : null;
  return buildReport({
    period,
    now: options.now,
    tool: options.tool,
    enterprise,
    lines,
    auditDays: state.auditDays,
    members,
    remediationDays: await remediationByPolicy(read, lines),
    issues: options.issues ?? new Map(),
    commits: options.commits ?? new Map(),
  });
}

type RemediationDays = Policy['remediationDays'];

/**
 * The SLAs of every policy the runs recorded, by the policy's sha256, read from the first run that names it; '' is
 * for runs that recorded none (before runs wrote policy.json): the defaults were in force unless a policy file said
 * otherwise, which those runs did not record.
 */
async function remediationByPolicy(
  read: Reader,
  lines: { line: LedgerLine }[],
): Promise<Map<string, RemediationDays>> {
  const out = new Map<string, RemediationDays>([['', defaultPolicy.remediationDays]]);
  const firstRun = new Map<string, string>();
  for (const { line } of lines)
    if (line.policySha256 && !firstRun.has(line.policySha256)) firstRun.set(line.policySha256, line.path);
  await Promise.all(
    [...firstRun].map(async ([sha, path]) => {
      const text = await read(`${path}/${RUN_FILES.policy}`);
      const recorded = text
        ? (JSON.parse(text) as { remediationDays?: Partial<RemediationDays> }).remediationDays
        : undefined;
      out.set(sha, { ...defaultPolicy.remediationDays, ...recorded });
    }),
  );
  return out;
}

function enterpriseName(text: string | null): string | null {
  if (!text) return null;
  const e = (JSON.parse(text) as { enterprise?: unknown }).enterprise;
  if (typeof e === 'string') return e;
  return e && typeof e === 'object' && 'name' in e ? String(e.name) : null;
}

type Rec = Record<string, unknown>;

async function membersAt(read: Reader, runPath: string): Promise<Member[]> {
  const [team, enterprise] = await Promise.all([
    read(`${runPath}/${RUN_FILES.teamMembers}`),
    read(`${runPath}/${RUN_FILES.enterpriseMembers}`),
  ]);
  const permissions = new Map<string, string[]>();
  for (const m of (enterprise ? JSON.parse(enterprise) : []) as Rec[]) {
    const email = String((m.user as Rec | undefined)?.email ?? '').toLowerCase();
    const list = (Array.isArray(m.permissions) ? m.permissions : []).map((p) =>
      typeof p === 'string' ? p : String((p as Rec).name ?? ''),
    );
    permissions.set(email, list.sort());
  }
  return ((team ? JSON.parse(team) : []) as Rec[])
    .map((m) => ({
      email: String(m.email ?? ''),
      team: String(m.team ?? ''),
      role: String(m.role ?? ''),
      twoFactor: typeof m.two_factor_authentication === 'boolean' ? m.two_factor_authentication : null,
      federated: typeof m.federated === 'boolean' ? m.federated : null,
      enterprisePermissions: permissions.get(String(m.email ?? '').toLowerCase()) ?? [],
    }))
    .sort((a, b) => a.email.localeCompare(b.email) || a.team.localeCompare(b.team));
}
