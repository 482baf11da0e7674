// What every check of `verify` reads, read once: the tree of the evidence folder at the tip, the history of every
// commit that changed it (with the blobs each change wrote), the run folders with their manifests, and a store of
// blobs read in batches and hashed once each. Paths are relative to the evidence folder; problems name them from
// the repository's top, as `git log` and GitHub show them.
import { dayOfAuditFile, inEvidence, RUN_FILES, runOfPath } from '../evidence/layout.js';
import { sha256 } from '../shared/hash.js';
import type { GitReader, HistoryCommit } from './git.js';

/** The manifest fields `verify` relies on; anything else in it is covered by its hash. */
export interface Manifest {
  collectedAt?: string;
  completedAt?: string;
  complete?: boolean;
  previousManifestSha256?: string | null;
  policySha256?: string;
  files?: { path?: string; sha256?: string }[];
}

export interface RunFolder {
  path: string;
  /** Its files at the tip: name → blob id. */
  files: Map<string, string>;
  /** The first commit that wrote into it. */
  writer: HistoryCommit | null;
  manifest: Manifest | null;
  manifestSha256: string | null;
}

export interface Evidence {
  git: GitReader;
  head: string;
  root: string;
  /** Path relative to the evidence folder → blob id, at the tip. */
  tip: Map<string, string>;
  /** Oldest first; change paths relative to the evidence folder. */
  history: HistoryCommit[];
  /** Run folders at the tip, oldest first. */
  runs: RunFolder[];
  auditFiles: string[];
  blobs: Blobs;
  problems: string[];
  warnings: string[];
  problem(path: string, commit: string | null | undefined, what: string): void;
}

/** Blobs by id, read in batches; each hashed once, whichever runs share it. */
class Blobs {
  private readonly hashes = new Map<string, string>();
  constructor(private readonly git: GitReader) {}

  /** Hashes every blob not hashed yet, reading them a batch at a time and keeping none. */
  hashAll(ids: Iterable<string>): void {
    const missing = [...new Set(ids)].filter((id) => !this.hashes.has(id));
    // A few at a time: a 5,000-app account's findings.json alone is several megabytes.
    for (let from = 0; from < missing.length; from += 16)
      for (const [id, bytes] of this.git.objects(missing.slice(from, from + 16)))
        this.hashes.set(id, sha256(bytes));
  }

  sha256(id: string): string {
    this.hashAll([id]);
    return this.hashes.get(id)!;
  }

  read(ids: Iterable<string>): Map<string, Buffer> {
    const out = this.git.objects([...ids]);
    for (const [id, bytes] of out) if (!this.hashes.has(id)) this.hashes.set(id, sha256(bytes));
    return out;
  }

  text(id: string): string {
    return this.read([id]).get(id)?.toString('utf8') ?? '';
  }
}

/** Null when the folder holds no evidence at the tip (no state.json and no run folder). */
export function readEvidence(git: GitReader, root: string): Evidence {
  const head = git.head()!;
  const prefix = inEvidence(root, '');
  const relative = (path: string) => path.slice(prefix.length);
  const tip = new Map([...git.tree(head, root)].map(([path, id]) => [relative(path), id]));
  const history = git.history(head, root).map((commit) => ({
    ...commit,
    changes: commit.changes
      .filter((c) => c.path.startsWith(prefix))
      .map((c) => ({ ...c, path: relative(c.path) })),
  }));
  const blobs = new Blobs(git);
  const problems: string[] = [];
  const evidence: Evidence = {
    git,
    head,
    root,
    tip,
    history,
    runs: [],
    auditFiles: [...tip.keys()].filter((p) => dayOfAuditFile(p) !== null).sort(),
    blobs,
    problems,
    warnings: [],
    problem: (path, commit, what) => problems.push(`${inEvidence(root, path)} @ ${commit ?? head}: ${what}`),
  };
  evidence.runs = runFolders(evidence);
  return evidence;
}

function runFolders(evidence: Evidence): RunFolder[] {
  const byPath = new Map<string, RunFolder>();
  for (const [path, id] of evidence.tip) {
    const run = runOfPath(path);
    if (!run) continue;
    const folder = byPath.get(run) ?? {
      path: run,
      files: new Map(),
      writer: null,
      manifest: null,
      manifestSha256: null,
    };
    folder.files.set(path.slice(run.length + 1), id);
    byPath.set(run, folder);
  }
  for (const commit of evidence.history)
    for (const change of commit.changes) {
      const folder = byPath.get(runOfPath(change.path) ?? '');
      if (folder && !folder.writer) folder.writer = commit;
    }
  const runs = [...byPath.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const manifests = evidence.blobs.read(
    runs.map((r) => r.files.get(RUN_FILES.manifest)).filter((id): id is string => Boolean(id)),
  );
  for (const run of runs) {
    const id = run.files.get(RUN_FILES.manifest);
    const bytes = id ? manifests.get(id) : undefined;
    if (!bytes) {
      evidence.problem(`${run.path}/${RUN_FILES.manifest}`, run.writer?.sha, 'missing');
      continue;
    }
    run.manifestSha256 = sha256(bytes);
    try {
      run.manifest = JSON.parse(bytes.toString('utf8')) as Manifest;
    } catch {
      evidence.problem(`${run.path}/${RUN_FILES.manifest}`, run.writer?.sha, 'not JSON');
    }
  }
  return runs;
}
