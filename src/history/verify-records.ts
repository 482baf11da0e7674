// The records that accumulate across runs: audit day files (only ever gain events, never removed), the ledger
// (lines only appended, one per run folder and one run folder per line, each consistent with its run's manifest and
// findings, chained line to line), and state.json (what the next run builds on) against all of them.
import type { Finding } from '../controls/types.js';
import { dayOfAuditFile, ledgerFile, monthOfLedger, RUN_FILES, STATE_FILE } from '../evidence/layout.js';
import { controlCounts, exceptionsOf, type LedgerLine, parseLedger } from '../evidence/ledger.js';
import { parseState, type State } from '../evidence/state.js';
import { sha256 } from '../shared/hash.js';
import type { Evidence } from './evidence-context.js';

type AuditVersion = { complete?: boolean; events?: { id?: unknown }[] };

/** Audit day files: each version keeps every event of the one before, unchanged; none is ever removed. */
export function checkAuditDays(evidence: Evidence): void {
  const versions = new Map<string, { commit: string; blob: string | null }[]>();
  for (const commit of evidence.history)
    for (const change of commit.changes)
      if (dayOfAuditFile(change.path))
        versions.set(change.path, [
          ...(versions.get(change.path) ?? []),
          { commit: commit.sha, blob: change.after },
        ]);
  for (const [path, list] of versions) {
    const contents = evidence.blobs.read(list.flatMap((v) => (v.blob ? [v.blob] : [])));
    let before: { events: Map<string, string>; complete: boolean } | null = null;
    for (const { commit, blob } of list) {
      if (blob === null) {
        evidence.problem(path, commit, 'removed: an audit day file, once committed, is never removed');
        before = null;
        continue;
      }
      let day: AuditVersion;
      try {
        day = JSON.parse(contents.get(blob)?.toString('utf8') ?? '') as AuditVersion;
      } catch {
        evidence.problem(path, commit, 'not JSON');
        continue;
      }
      const events = new Map((day.events ?? []).map((e) => [String(e.id), JSON.stringify(e)]));
      for (const [id, text] of before?.events ?? []) {
        if (!events.has(id)) evidence.problem(path, commit, `event ${id} was dropped`);
        else if (events.get(id) !== text) evidence.problem(path, commit, `event ${id} was changed`);
      }
      if (before?.complete && day.complete !== true)
        evidence.problem(path, commit, 'was complete, and is marked incomplete again');
      before = { events, complete: day.complete === true };
    }
  }
}

/** The ledger: append-only files, one line per run folder, each line true to its run and chained. Returns lines. */
export function checkLedger(evidence: Evidence): number {
  checkLedgerHistory(evidence);
  const files = [...evidence.tip.keys()].filter((p) => monthOfLedger(p) !== null).sort();
  const lines: { file: string; line: LedgerLine; text: string }[] = [];
  const contents = evidence.blobs.read(files.map((f) => evidence.tip.get(f)!));
  for (const file of files) {
    try {
      const text = contents.get(evidence.tip.get(file)!)?.toString('utf8') ?? '';
      lines.push(...parseLedger(text, file).map((l) => ({ file, ...l })));
    } catch (error) {
      evidence.problem(file, lastCommit(evidence, file), (error as Error).message);
    }
  }
  const runs = new Map(evidence.runs.map((r) => [r.path, r]));
  const seen = new Set<string>();
  let previous: string | null = null;
  for (const { file, line, text } of lines) {
    const commit = lastCommit(evidence, file);
    const expectedPrevious = previous;
    previous = sha256(text);
    if (line.previousLineSha256 !== expectedPrevious)
      evidence.problem(
        file,
        commit,
        `the line of ${line.path} names previous line ${line.previousLineSha256}, expected ${expectedPrevious}`,
      );
    if (ledgerFile(line.collectedAt) !== file)
      evidence.problem(
        file,
        commit,
        `the line of ${line.path} (collected ${line.collectedAt}) is in another month's file`,
      );
    if (seen.has(line.path)) evidence.problem(file, commit, `a second line for run ${line.path}`);
    seen.add(line.path);
    const run = runs.get(line.path);
    if (!run) {
      evidence.problem(file, commit, `names run ${line.path}, which has no run folder`);
      continue;
    }
    for (const what of lineMismatches(evidence, line, run))
      evidence.problem(file, commit, `the line of ${line.path} ${what}`);
    if (run.writer && !run.writer.changes.some((c) => c.path === file))
      evidence.problem(
        file,
        run.writer.sha,
        `the line of ${line.path} was not written in that run's own commit`,
      );
  }
  for (const run of evidence.runs)
    if (!seen.has(run.path)) evidence.problem(`${run.path}/`, run.writer?.sha, 'has no line in the ledger');
  return lines.length;
}

/** Ledger files only ever gain lines at their end, and are never removed. */
function checkLedgerHistory(evidence: Evidence): void {
  const versions = new Map<string, { commit: string; blob: string | null }[]>();
  for (const commit of evidence.history)
    for (const change of commit.changes)
      if (monthOfLedger(change.path))
        versions.set(change.path, [
          ...(versions.get(change.path) ?? []),
          { commit: commit.sha, blob: change.after },
        ]);
  for (const [path, list] of versions) {
    const contents = evidence.blobs.read(list.flatMap((v) => (v.blob ? [v.blob] : [])));
    let before: Buffer | null = null;
    for (const { commit, blob } of list) {
      if (blob === null) {
        evidence.problem(path, commit, 'removed: a ledger file, once committed, is never removed');
        before = null;
        continue;
      }
      const now = contents.get(blob) ?? Buffer.alloc(0);
      if (before && !(now.length >= before.length && now.subarray(0, before.length).equals(before)))
        evidence.problem(path, commit, 'rewritten: a ledger file only gains lines at its end');
      before = now;
    }
  }
}

/** What in a ledger line disagrees with its run's manifest.json and findings.json. */
function lineMismatches(evidence: Evidence, line: LedgerLine, run: Evidence['runs'][number]): string[] {
  const out: string[] = [];
  const m = run.manifest;
  if (run.manifestSha256 !== line.manifestSha256)
    out.push(
      `says manifest sha256 ${line.manifestSha256}, the run's manifest.json has ${run.manifestSha256}`,
    );
  if (m) {
    if (m.collectedAt !== line.collectedAt)
      out.push(`says collectedAt ${line.collectedAt}, the manifest ${m.collectedAt}`);
    if (m.complete !== line.complete) out.push(`says complete ${line.complete}, the manifest ${m.complete}`);
    if ((m.previousManifestSha256 ?? null) !== line.previousManifestSha256)
      out.push(
        `says previousManifestSha256 ${line.previousManifestSha256}, the manifest ${m.previousManifestSha256}`,
      );
    if (m.policySha256 !== line.policySha256)
      out.push(
        `says policySha256 ${line.policySha256 ?? 'nothing'}, the manifest ${m.policySha256 ?? 'nothing'}`,
      );
  }
  const findingsId = run.files.get(RUN_FILES.findings);
  if (!findingsId) return [...out, 'has no findings.json to be checked against'];
  let findings: Finding[];
  try {
    findings = JSON.parse(evidence.blobs.text(findingsId)) as Finding[];
  } catch {
    return [...out, 'cannot be checked: findings.json is not JSON'];
  }
  if (JSON.stringify(controlCounts(findings)) !== JSON.stringify(line.controls))
    out.push('counts findings per control differently from findings.json');
  if (JSON.stringify(exceptionsOf(findings)) !== JSON.stringify(line.exceptions))
    out.push('lists other exceptions than findings.json holds');
  return out;
}

const lastCommits = new WeakMap<Evidence, Map<string, string>>();

/** The last commit that changed a file of the evidence folder (an index built once per verification). */
function lastCommit(evidence: Evidence, path: string): string | undefined {
  let index = lastCommits.get(evidence);
  if (!index) {
    index = new Map();
    for (const commit of evidence.history)
      for (const change of commit.changes) index.set(change.path, commit.sha);
    lastCommits.set(evidence, index);
  }
  return index.get(path);
}

/** state.json against the newest run, the newest ledger line and the audit day files. */
export function checkState(evidence: Evidence): void {
  const id = evidence.tip.get(STATE_FILE);
  const commit = lastCommit(evidence, STATE_FILE);
  if (!id) {
    if (evidence.runs.length) evidence.problem(STATE_FILE, evidence.head, 'missing');
    return;
  }
  let state: State;
  try {
    state = parseState(evidence.blobs.text(id), STATE_FILE);
  } catch (error) {
    evidence.problem(STATE_FILE, commit, (error as Error).message);
    return;
  }
  const problem = (what: string) => evidence.problem(STATE_FILE, commit, what);
  const newest = evidence.runs.at(-1);
  if ((newest?.path ?? null) !== state.lastRunPath)
    problem(`lastRunPath ${state.lastRunPath}, the newest run folder is ${newest?.path ?? 'none'}`);
  if ((newest?.manifestSha256 ?? null) !== state.lastManifestSha256)
    problem(
      `lastManifestSha256 ${state.lastManifestSha256}, the newest run's manifest has ${newest?.manifestSha256 ?? 'none'}`,
    );
  if ((newest?.manifest?.collectedAt ?? null) !== state.lastInventoryAt)
    problem(
      `lastInventoryAt ${state.lastInventoryAt}, the newest run was collected ${newest?.manifest?.collectedAt ?? 'never'}`,
    );
  const ledgers = [...evidence.tip.keys()].filter((p) => monthOfLedger(p) !== null).sort();
  const lastLedger = ledgers.at(-1);
  const lastLine = lastLedger
    ? evidence.blobs.text(evidence.tip.get(lastLedger)!).split('\n').filter(Boolean).at(-1)
    : undefined;
  const lineSha = lastLine === undefined ? null : sha256(`${lastLine}\n`);
  if (state.lastLedgerSha256 !== undefined && state.lastLedgerSha256 !== lineSha)
    problem(`lastLedgerSha256 ${state.lastLedgerSha256}, the newest ledger line has ${lineSha ?? 'none'}`);
  const runPaths = new Set(evidence.runs.map((r) => r.path));
  for (const run of state.runs)
    if (!runPaths.has(run.path)) problem(`lists run ${run.path}, which has no run folder`);
  checkStateAuditDays(evidence, state, problem);
}

/** The audit days state.json records exist, and those it calls complete are complete, with as many events. */
function checkStateAuditDays(evidence: Evidence, state: State, problem: (what: string) => void): void {
  const files = new Map(evidence.auditFiles.map((p) => [dayOfAuditFile(p)!, p]));
  const contents = evidence.blobs.read([...files.values()].map((p) => evidence.tip.get(p)!));
  for (const [day, recorded] of Object.entries(state.auditDays)) {
    const path = files.get(day);
    if (!path) {
      problem(
        `records audit day ${day} (${recorded.complete ? 'complete' : 'incomplete'}), which has no audit file`,
      );
      continue;
    }
    let file: AuditVersion = {};
    try {
      file = JSON.parse(contents.get(evidence.tip.get(path)!)?.toString('utf8') ?? '') as AuditVersion;
    } catch {
      continue; // reported by checkAuditDays
    }
    if (recorded.complete && file.complete !== true)
      problem(`calls audit day ${day} complete; ${path} is not`);
    if (recorded.events !== (file.events ?? []).length)
      problem(`records ${recorded.events} events for ${day}; ${path} holds ${(file.events ?? []).length}`);
  }
}
