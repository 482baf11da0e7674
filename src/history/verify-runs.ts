// The run folders: each file against SHA256SUMS and the manifest's `files` (at the commit that wrote the folder and
// at the tip), each folder written by one commit and never changed or removed after it, and the manifest chain from
// a first run whose previousManifestSha256 is null.
import { isInventoryPath, RUN_FILES, runFolder, runOfPath } from '../evidence/layout.js';
import type { Evidence, Manifest, RunFolder } from './evidence-context.js';

const SUMS_LINE = /^([0-9a-f]{64}) [ *](.+)$/;

/** Every run folder's files against its SHA256SUMS and its manifest, as written and as they are now. */
export function checkRunFolders(evidence: Evidence): void {
  const versions = evidence.runs.map((run) => ({ run, written: writtenFiles(run) }));
  evidence.blobs.hashAll(
    versions.flatMap(({ run, written }) => [...run.files.values(), ...(written?.values() ?? [])]),
  );
  for (const { run, written } of versions) {
    // Unchanged since it was written: what is wrong was wrong in the commit that wrote it (a rewritten history).
    if (written && run.writer && sameFiles(written, run.files)) {
      checkFiles(evidence, run, run.files, run.writer.sha);
      continue;
    }
    checkFiles(evidence, run, run.files, evidence.head);
    if (written && run.writer) checkFiles(evidence, run, written, run.writer.sha);
  }
}

/** The folder's files as its first commit wrote them. */
function writtenFiles(run: RunFolder): Map<string, string> | null {
  if (!run.writer) return null;
  const files = new Map<string, string>();
  for (const change of run.writer.changes)
    if (change.after && change.path.startsWith(`${run.path}/`))
      files.set(change.path.slice(run.path.length + 1), change.after);
  return files;
}

function sameFiles(a: Map<string, string>, b: Map<string, string>): boolean {
  return a.size === b.size && [...a].every(([name, id]) => b.get(name) === id);
}

function checkFiles(evidence: Evidence, run: RunFolder, files: Map<string, string>, commit: string): void {
  const at = (name: string) => `${run.path}/${name}`;
  const hash = (name: string) => evidence.blobs.sha256(files.get(name)!);
  const sumsId = files.get(RUN_FILES.sums);
  if (!sumsId) {
    evidence.problem(at(RUN_FILES.sums), commit, 'missing');
    return;
  }
  const listed = new Map<string, string>();
  for (const line of evidence.blobs.text(sumsId).split('\n').filter(Boolean)) {
    const match = SUMS_LINE.exec(line);
    if (match) listed.set(match[2]!, match[1]!);
    else evidence.problem(at(RUN_FILES.sums), commit, `unreadable line "${line.slice(0, 80)}"`);
  }
  for (const [name, expected] of listed) {
    if (!files.has(name)) evidence.problem(at(name), commit, 'listed in SHA256SUMS but missing');
    else if (hash(name) !== expected)
      evidence.problem(at(name), commit, `sha256 ${hash(name)}, SHA256SUMS says ${expected}`);
  }
  for (const name of files.keys())
    if (name !== RUN_FILES.sums && !listed.has(name))
      evidence.problem(at(name), commit, 'not listed in SHA256SUMS');

  const manifestId = files.get(RUN_FILES.manifest);
  if (!manifestId) return; // reported once, where the run folders are read
  let manifest: Manifest;
  try {
    manifest = JSON.parse(evidence.blobs.text(manifestId)) as Manifest;
  } catch {
    evidence.problem(at(RUN_FILES.manifest), commit, 'not JSON');
    return;
  }
  const inManifest = new Map((manifest.files ?? []).map((f) => [String(f.path), String(f.sha256)]));
  for (const [name, expected] of inManifest) {
    if (!files.has(name)) evidence.problem(at(name), commit, 'listed in manifest.json but missing');
    else if (hash(name) !== expected)
      evidence.problem(at(name), commit, `sha256 ${hash(name)}, manifest.json says ${expected}`);
  }
  for (const name of files.keys())
    if (name !== RUN_FILES.sums && name !== RUN_FILES.manifest && !inManifest.has(name))
      evidence.problem(at(name), commit, 'not listed in manifest.json');
  if (
    manifest.policySha256 !== undefined &&
    files.has(RUN_FILES.policy) &&
    hash(RUN_FILES.policy) !== manifest.policySha256
  )
    evidence.problem(
      at(RUN_FILES.policy),
      commit,
      `sha256 ${hash(RUN_FILES.policy)}, manifest.json's policySha256 says ${manifest.policySha256}`,
    );
}

/** Each run folder written by exactly one commit; nothing in the inventory changed or removed afterwards. */
export function checkWrittenOnce(evidence: Evidence): void {
  const writers = new Map<string, string>();
  const reported = new Set<string>();
  for (const commit of evidence.history)
    for (const change of commit.changes) {
      if (!isInventoryPath(change.path)) continue;
      const run = runOfPath(change.path) ?? change.path;
      const writer = writers.get(run);
      if (writer === undefined) {
        writers.set(run, commit.sha);
        if (change.before !== null)
          evidence.problem(change.path, commit.sha, 'changed a file that existed before the run folder');
        continue;
      }
      if (writer === commit.sha || reported.has(`${run}@${commit.sha}`)) continue;
      reported.add(`${run}@${commit.sha}`);
      const what = change.after === null ? 'removed' : 'changed';
      evidence.problem(
        `${run}/`,
        commit.sha,
        `${what} after commit ${writer} wrote it (${change.path.slice(run.length + 1)}); a run folder is written once`,
      );
    }
}

/** The manifest chain: the first run names no previous manifest, each later one the sha256 of the one before. */
export function checkManifestChain(evidence: Evidence): void {
  let previous: { path: string; sha256: string; collectedAt: string } | null = null;
  for (const run of evidence.runs) {
    const manifest = run.manifest;
    if (!manifest || !run.manifestSha256) continue;
    const file = `${run.path}/${RUN_FILES.manifest}`;
    const commit = run.writer?.sha;
    const named = manifest.previousManifestSha256 ?? null;
    if (previous === null && named !== null)
      evidence.problem(
        file,
        commit,
        `previousManifestSha256 ${named}, but no earlier run exists: the first run names none (null)`,
      );
    if (previous !== null && named !== previous.sha256)
      evidence.problem(
        file,
        commit,
        `previousManifestSha256 ${named}, the previous run ${previous.path} has ${previous.sha256}`,
      );
    const collectedAt = manifest.collectedAt ?? '';
    const folder = Number.isNaN(Date.parse(collectedAt)) ? null : runFolder(collectedAt);
    if (folder === null || (run.path !== folder && !run.path.startsWith(`${folder}-`)))
      evidence.problem(file, commit, `collectedAt ${collectedAt || 'missing'} does not name this run folder`);
    if (previous !== null && collectedAt < previous.collectedAt)
      evidence.problem(
        file,
        commit,
        `collectedAt ${collectedAt} is before the previous run's ${previous.collectedAt}`,
      );
    previous = { path: run.path, sha256: run.manifestSha256, collectedAt };
  }
}
