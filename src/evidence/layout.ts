// The evidence layout, spelled once: every path inside `evidence-path` that the action writes or reads, the
// auditors' command line checks, and the period report gathers. Paths are relative to the evidence folder.

/** The evidence folder inside the evidence repository when `evidence-path` is not given. */
export const DEFAULT_EVIDENCE_FOLDER = 'heroku-evidence';
/** When the last inventory ran, which audit days are complete, the last manifest and ledger line hashes. */
export const STATE_FILE = 'state.json';
/** The auditors' index of the evidence folder. */
export const INDEX_FILE = 'README.md';

const INVENTORY_DIR = 'inventory';
const AUDIT_DIR = 'audit';
const LEDGER_DIR = 'ledger';
const REPORTS_DIR = 'reports';

/** The files of a run folder: its own (manifest, sums, summary, findings) and one data file per kind of record. */
export const RUN_FILES = {
  manifest: 'manifest.json',
  sums: 'SHA256SUMS',
  summary: 'SUMMARY.md',
  findings: 'findings.json',
  account: 'account.json',
  enterpriseAccount: 'enterprise-account.json',
  enterpriseMembers: 'enterprise-members.json',
  policy: 'policy.json',
  teams: 'teams.json',
  teamMembers: 'team-members.json',
  teamPreferences: 'team-preferences.json',
  apps: 'apps.json',
  appPermissions: 'app-permissions.json',
  configVarNames: 'config-var-names.json',
  domains: 'domains.json',
  sniEndpoints: 'sni-endpoints.json',
  addons: 'addons.json',
  addonAttachments: 'addon-attachments.json',
  pipelines: 'pipelines.json',
  pipelineCouplings: 'pipeline-couplings.json',
  formations: 'formations.json',
  spaces: 'spaces.json',
  stacks: 'stacks.json',
  authorization: 'authorization.json',
  logDrains: 'log-drains.json',
  appFeatures: 'app-features.json',
  identityProviders: 'identity-providers.json',
  pipelineConfigVarNames: 'pipeline-config-var-names.json',
  reviewAppConfigs: 'review-app-configs.json',
  spaceInboundRules: 'space-inbound-rules.json',
} as const;

/** `inventory/YYYY/MM/DD/HHMMSSZ`: the folder of the run that started at `collectedAt` (an ISO time, UTC). */
export function runFolder(collectedAt: string): string {
  const [date, time] = collectedAt.split('T') as [string, string];
  const [y, m, d] = date.split('-');
  return `${INVENTORY_DIR}/${y}/${m}/${d}/${time.slice(0, 8).replace(/:/g, '')}Z`;
}

/** The run folder for `collectedAt`; one that started in the same second as a run in `taken` gets `-2`, `-3`, … */
export function uniqueRunFolder(collectedAt: string, taken: ReadonlySet<string | null | undefined>): string {
  const path = runFolder(collectedAt);
  let candidate = path;
  for (let n = 2; taken.has(candidate); n++) candidate = `${path}-${n}`;
  return candidate;
}

/** The run folder a path (relative to the evidence folder) lies in, or null when it is not inside one. */
export function runOfPath(path: string): string | null {
  const match = new RegExp(`^(${INVENTORY_DIR}/\\d{4}/\\d{2}/\\d{2}/\\d{6}Z(?:-\\d+)?)/`).exec(path);
  return match ? match[1]! : null;
}

/** Whether `path` lies in the inventory folder, the one every inventory run writes into. */
export function isInventoryPath(path: string): boolean {
  return path.startsWith(`${INVENTORY_DIR}/`);
}

/** The UTC day (YYYY-MM-DD) an audit day file holds, or null when `path` is not one. */
export function dayOfAuditFile(path: string): string | null {
  const match = new RegExp(`^${AUDIT_DIR}/(\\d{4})/(\\d{2})/(\\d{2})\\.json$`).exec(path);
  return match ? `${match[1]}-${match[2]}-${match[3]}` : null;
}

/** `audit/YYYY/MM/DD.json`: the audit trail of a UTC day (YYYY-MM-DD). */
export function auditDayFile(day: string): string {
  const [y, m, d] = day.split('-');
  return `${AUDIT_DIR}/${y}/${m}/${d}.json`;
}

/** `ledger/YYYY-MM.jsonl`: the ledger file of a month (`YYYY-MM`, or any ISO time in it). */
export function ledgerFile(monthOrTime: string): string {
  return `${LEDGER_DIR}/${monthOrTime.slice(0, 7)}.jsonl`;
}

/** The month (`YYYY-MM`) a ledger file covers, or null when `path` is not one. */
export function monthOfLedger(path: string): string | null {
  const match = new RegExp(`^${LEDGER_DIR}/(\\d{4}-\\d{2})\\.jsonl$`).exec(path);
  return match ? match[1]! : null;
}

/** `reports/<period>`: the folder of a period report (the period's canonical name). */
export function reportFolder(period: string): string {
  return `${REPORTS_DIR}/${period}`;
}

/** Joins the evidence folder (`heroku-evidence`, or `.`/'' for the repository root) and a path inside it. */
export function inEvidence(root: string, path: string): string {
  const base = root.replace(/\/+$/, '');
  return base === '' || base === '.' ? path : `${base}/${path}`;
}
