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
// (Its teams are read once, before the walk: readPreviousTeams.)
const PREVIOUS_FILES = [
  'findings.json',
  'team-members.json',
  'apps.json',
  'domains.json',
  'sni-endpoints.json',
  'addon-attachments.json',
  'config-var-names.json',
];

export async function readState(
  repo: EvidenceRepository,
  commit: string | null,
  root: string,
): Promise<State> {
  const text = await repo.read(`${root}/${STATE_FILE}`, commit);
  return text === null ? emptyState() : parseState(text, `${root}/${STATE_FILE}`);
}

/** Names of the teams the last inventory recorded (visible or not), to notice one the token stops seeing. */
export async function readPreviousTeams(
  repo: EvidenceRepository,
  commit: string | null,
  root: string,
  state: State,
): Promise<string[]> {
  if (!state.lastRunPath) return [];
  const text = await repo.read(`${root}/${state.lastRunPath}/${RUN_FILES.teams}`, commit);
  if (text === null) return [];
  try {
    const teams = JSON.parse(text) as { name?: unknown }[];
    return teams.map((t) => t.name).filter((n): n is string => typeof n === 'string');
  } catch {
    throw new StateError(
      `${root}/${state.lastRunPath}/${RUN_FILES.teams} is not valid JSON; fix it before the next run.`,
    );
  }
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
