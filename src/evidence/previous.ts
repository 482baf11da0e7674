// What the evidence repository already holds that a run builds on: state, the last run's data (for the drift) and
// the audit days it is about to merge into.

import { StateError } from '../errors.js';
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
// (Its teams and SNI endpoints are read once, before the walk: readPreviousInventory.)
const PREVIOUS_FILES = [
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
}

export async function readPreviousInventory(
  repo: EvidenceRepository,
  commit: string | null,
  root: string,
  state: State,
): Promise<PreviousInventory> {
  if (!state.lastRunPath) return { teams: [], endpointApps: [] };
  const read = async (name: string): Promise<Record<string, unknown>[]> => {
    const path = `${root}/${state.lastRunPath}/${name}`;
    const text = await repo.read(path, commit);
    if (text === null) return [];
    try {
      const value = JSON.parse(text) as unknown;
      return Array.isArray(value) ? (value as Record<string, unknown>[]) : [];
    } catch {
      throw new StateError(`${path} is not valid JSON; fix it before the next run.`);
    }
  };
  const [teams, endpoints] = await Promise.all([read(RUN_FILES.teams), read(RUN_FILES.sniEndpoints)]);
  const names = (list: unknown[]) => [...new Set(list.filter((n): n is string => typeof n === 'string'))];
  return {
    teams: names(teams.map((t) => t.name)),
    endpointApps: names(endpoints.map((e) => (e.app as { name?: unknown } | undefined)?.name)),
  };
}

/** `knownState`: state.json as already read at this commit, so that it is not requested again. */
export async function readPrevious(
  repo: EvidenceRepository,
  commit: string | null,
  root: string,
  auditDays: readonly string[],
  knownState?: State,
  ledgerFile?: string,
): Promise<Previous> {
  const state = knownState ?? (await readState(repo, commit, root));
  const previousRunFiles = new Map<string, unknown>();
  const lastRun = state.lastRunPath;
  const read = async (path: string): Promise<unknown> => {
    const text = await repo.read(`${root}/${path}`, commit);
    if (text === null) return undefined;
    try {
      return JSON.parse(text);
    } catch {
      throw new StateError(
        `${root}/${path} in the evidence repository is not valid JSON; fix it before the next run.`,
      );
    }
  };
  const existingAuditDays = new Map<string, AuditDay>();
  let ledgerText = '';
  await Promise.all([
    ledgerFile
      ? repo.read(`${root}/${ledgerFile}`, commit).then((text) => {
          ledgerText = text ?? '';
        })
      : undefined,
    lastRun ? repo.learnFolder(`${root}/${lastRun}`, commit) : undefined,
    ...(lastRun ? PREVIOUS_FILES : []).map(async (name) => {
      const value = await read(`${lastRun}/${name}`);
      if (value !== undefined) previousRunFiles.set(name, value);
    }),
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
