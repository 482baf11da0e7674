// What the evidence repository already holds that a run builds on: state, the last run's data (for the drift) and
// the audit days it is about to merge into.

import { StateError } from '../errors.js';
import { SharedStrings } from '../shared/strings.js';
import type { AuditDay } from '../snapshot/snapshot.js';
import { auditDayFile, RUN_FILES, STATE_FILE } from './layout.js';
import type { EvidenceRepository } from './repository.js';
import { emptyState, parseState, type State } from './state.js';

export interface Previous {
  state: State;
  previousRunFiles: Map<string, unknown>;
  existingAuditDays: Map<string, AuditDay>;
  /** The ledger file of this run's month, as committed ('' when there is none yet). */
  ledgerText: string;
}

// The previous run's files a run builds on: the drift, and the findings that this run may not be able to verify.
// (Read before the walk, with its teams: readPreviousInventory.)
export const PREVIOUS_FILES: readonly string[] = [
  RUN_FILES.findings,
  RUN_FILES.teamMembers,
  RUN_FILES.apps,
  RUN_FILES.domains,
  RUN_FILES.sniEndpoints,
  RUN_FILES.addonAttachments,
  RUN_FILES.configVarNames,
  RUN_FILES.authorization,
];

export async function readState(
  repo: EvidenceRepository,
  commit: string | null,
  root: string,
): Promise<State> {
  const text = await repo.read(`${root}/${STATE_FILE}`, commit);
  return text === null ? emptyState() : parseState(text, `${root}/${STATE_FILE}`);
}

/** What the walk needs of the last inventory before it starts: its teams, and the apps that had SNI endpoints. */
export interface PreviousInventory {
  /** Teams it recorded (visible or not), to notice one the token stops seeing. */
  teams: string[];
  /** Apps with SNI endpoints, whose endpoints are read again even without a custom domain. */
  endpointApps: string[];
  /** The run files read, as kept (keptOfPrevious), by name: the commit step does not request them again. */
  files: ReadonlyMap<string, unknown>;
}

/**
 * What this run reads of each previous data file, as dotted paths: the drift (drift.ts), the observer (assemble.ts's
 * previousIndex) and the ledger's member changes (ledger.ts). A large account's files hold tens of megabytes of
 * records of which these read a few fields; the rest is dropped as each file is read. The findings and the
 * authorization are kept whole: a finding that cannot be verified now is carried over as it was.
 */
const READ_OF: Readonly<Record<string, readonly string[]>> = {
  [RUN_FILES.teamMembers]: ['team', 'email', 'role', 'two_factor_authentication'],
  [RUN_FILES.apps]: ['name', 'stack.name', 'team.name'],
  [RUN_FILES.domains]: ['kind', 'hostname', 'acm_status', 'app.name'],
  [RUN_FILES.sniEndpoints]: ['name', 'app.name', 'ssl_cert.cert_domains', 'ssl_cert.expires_at'],
  [RUN_FILES.addonAttachments]: ['addon.name', 'app.name'],
  [RUN_FILES.configVarNames]: ['app', 'names'],
};

type Rec = Record<string, unknown>;
const isRecord = (value: unknown): value is Rec =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** The fields of `record` at `paths`, in the same nesting; a path that is missing stays missing. */
function pick(record: Rec, paths: readonly string[]): Rec {
  const out: Rec = {};
  for (const path of paths) {
    const keys = path.split('.');
    let from: unknown = record;
    for (const key of keys) from = isRecord(from) ? from[key] : undefined;
    if (from === undefined) continue;
    let into = out;
    for (const key of keys.slice(0, -1)) {
      if (!isRecord(into[key])) into[key] = {};
      into = into[key] as Rec;
    }
    into[keys.at(-1)!] = from;
  }
  return out;
}

/**
 * A previous run's data file as this run keeps it: the fields it reads, with equal strings (control ids, statuses,
 * config var names, emails) and equal lists of strings (a control's frameworks) shared, not one copy per record.
 * The records parsed are changed in place: they are this run's own, read for it.
 */
export function keptOfPrevious(name: string, value: unknown): unknown {
  const paths = READ_OF[name];
  const records =
    Array.isArray(value) && paths ? value.map((r) => (isRecord(r) ? pick(r, paths) : r)) : value;
  return new SharedStrings().shareIn(records);
}

/** A JSON file of the evidence folder at `commit`, parsed; undefined when it does not exist. */
async function readJson(repo: EvidenceRepository, commit: string | null, path: string): Promise<unknown> {
  const text = await repo.read(path, commit);
  if (text === null) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new StateError(`${path} in the evidence repository is not valid JSON; fix it before the next run.`);
  }
}

/** A previous run's data file as this run keeps it (keptOfPrevious), or undefined when it does not exist. */
async function readKept(
  repo: EvidenceRepository,
  commit: string | null,
  root: string,
  run: string,
  name: string,
): Promise<unknown> {
  const value = await readJson(repo, commit, `${root}/${run}/${name}`);
  return value === undefined ? undefined : keptOfPrevious(name, value);
}

/**
 * The last inventory's teams and SNI endpoints, for the walk, and with `runFiles` every file the run builds on
 * (PREVIOUS_FILES), as it keeps them. Read before the collection, the large ones cost their parse while the
 * heap is nearly empty, instead of on top of the snapshot at the commit; kept, they are a fraction of their size.
 */
export async function readPreviousInventory(
  repo: EvidenceRepository,
  commit: string | null,
  root: string,
  state: State,
  runFiles = false,
): Promise<PreviousInventory> {
  const files = new Map<string, unknown>();
  const run = state.lastRunPath;
  if (!run) return { teams: [], endpointApps: [], files };
  const teams = await readJson(repo, commit, `${root}/${run}/${RUN_FILES.teams}`);
  // One file at a time: a large account's are tens of megabytes each, held as bytes, text and records while read.
  for (const name of runFiles ? PREVIOUS_FILES : [RUN_FILES.sniEndpoints]) {
    // A file that is not there is recorded as such: the commit step does not ask for it again.
    files.set(name, await readKept(repo, commit, root, run, name));
  }
  const list = (value: unknown) => (Array.isArray(value) ? (value as Record<string, unknown>[]) : []);
  const names = (values: unknown[]) => [...new Set(values.filter((n): n is string => typeof n === 'string'))];
  return {
    teams: names(list(teams).map((t) => t.name)),
    endpointApps: names(
      list(files.get(RUN_FILES.sniEndpoints)).map((e) => (e.app as { name?: unknown } | undefined)?.name),
    ),
    files,
  };
}

/** What was already read at the commit being built on (state.json, run files), so it is not requested again. */
export interface Known {
  state: State;
  files: ReadonlyMap<string, unknown>;
}

export async function readPrevious(
  repo: EvidenceRepository,
  commit: string | null,
  root: string,
  auditDays: readonly string[],
  known?: Known,
  ledgerFile?: string,
): Promise<Previous> {
  const state = known?.state ?? (await readState(repo, commit, root));
  const previousRunFiles = new Map<string, unknown>();
  const lastRun = state.lastRunPath;
  const read = (path: string) => readJson(repo, commit, `${root}/${path}`);
  const existingAuditDays = new Map<string, AuditDay>();
  let ledgerText = '';
  await Promise.all([
    ledgerFile
      ? repo.read(`${root}/${ledgerFile}`, commit).then((text) => {
          ledgerText = text ?? '';
        })
      : undefined,
    lastRun ? repo.learnFolder(`${root}/${lastRun}`, commit) : undefined,
    // One file at a time, as readPreviousInventory reads them; those it read at this commit are not read again.
    (async () => {
      for (const name of lastRun ? PREVIOUS_FILES : []) {
        const value = known?.files.has(name)
          ? known.files.get(name)
          : await readKept(repo, commit, root, lastRun!, name);
        if (value !== undefined) previousRunFiles.set(name, value);
      }
    })(),
    // Without a state.json (deleted, or never written) the audit days already committed are still merged.
    ...auditDays
      .filter((day) => state.auditDays[day] || !state.lastRunPath)
      .map(async (day) => {
        const value = (await read(auditDayFile(day))) as AuditDay | undefined;
        if (value) existingAuditDays.set(day, value);
      }),
  ]);
  return { state, previousRunFiles, existingAuditDays, ledgerText };
}
