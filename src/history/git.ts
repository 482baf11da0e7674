// The few git reads `verify` needs, on a local clone with nothing but git: the whole history of the evidence folder
// in one `git log`, the tree at the tip, and blobs and commit objects in batches through one `git cat-file` each,
// so a year of runs costs a handful of processes rather than one per file.
import { execFileSync } from 'node:child_process';

/** One file changed by a commit: its blob before and after (null where it did not exist). */
interface FileChange {
  path: string;
  before: string | null;
  after: string | null;
}

export interface HistoryCommit {
  sha: string;
  /** Committer date, seconds since the epoch. */
  time: number;
  changes: FileChange[];
}

const NO_BLOB = /^0+$/;

export class GitReader {
  constructor(private readonly cwd: string) {}

  text(...args: string[]): string {
    return execFileSync('git', args, { cwd: this.cwd, encoding: 'utf8', maxBuffer: 1 << 30 }).trimEnd();
  }

  /** A file's text at a commit, exactly as committed; null when it does not exist there. */
  show(commit: string, path: string): string | null {
    try {
      return execFileSync('git', ['show', `${commit}:${path}`], {
        cwd: this.cwd,
        encoding: 'utf8',
        maxBuffer: 1 << 30,
        stdio: ['ignore', 'pipe', 'ignore'],
      });
    } catch {
      return null;
    }
  }

  /** The commit HEAD points at, or null in a repository with no commit. */
  head(): string | null {
    try {
      return execFileSync('git', ['rev-parse', '--verify', '-q', 'HEAD'], {
        cwd: this.cwd,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      }).trim();
    } catch {
      return null;
    }
  }

  /** Blob id by path (relative to the repository) of every file under `folder` at `commit`. */
  tree(commit: string, folder: string): Map<string, string> {
    const out = new Map<string, string>();
    const listing = this.text('ls-tree', '-r', '-z', '--full-tree', commit, '--', folder || '.');
    for (const entry of listing.split('\0').filter(Boolean)) {
      const tab = entry.indexOf('\t');
      const [, type, id] = entry.slice(0, tab).split(' ') as [string, string, string];
      if (type === 'blob') out.set(entry.slice(tab + 1), id);
    }
    return out;
  }

  /**
   * Every commit reachable from `commit` that changed `folder`, oldest first, with the blobs it changed. A merge is
   * compared with its first parent, so what it brought in counts as its change.
   */
  history(commit: string, folder: string): HistoryCommit[] {
    const log = this.text(
      'log',
      '--reverse',
      '--format=%x01%H %ct',
      '--raw',
      '--no-abbrev',
      '--no-renames',
      '--diff-merges=first-parent',
      '-z',
      commit,
      '--',
      folder || '.',
    );
    const commits: HistoryCommit[] = [];
    for (const chunk of log.split('\x01').filter(Boolean)) {
      // With -z: "<sha> <time>" NUL, then ":<mode> <mode> <before> <after> <status>" NUL "<path>" NUL, repeated.
      const fields = chunk.split('\0');
      const [sha, time] = fields[0]!.split(' ') as [string, string];
      const changes: FileChange[] = [];
      for (let i = 1; i + 1 < fields.length; i += 2) {
        const meta = fields[i]!.replace(/^\n/, '');
        if (!meta.startsWith(':')) continue;
        const [, , before, after] = meta.slice(1).split(' ') as [string, string, string, string];
        changes.push({
          path: fields[i + 1]!,
          before: NO_BLOB.test(before) ? null : before,
          after: NO_BLOB.test(after) ? null : after,
        });
      }
      commits.push({ sha, time: Number(time), changes });
    }
    return commits;
  }

  /** The contents of objects (blobs or commits) by id, read through one `git cat-file --batch`. */
  objects(ids: readonly string[]): Map<string, Buffer> {
    const out = new Map<string, Buffer>();
    const unique = [...new Set(ids)];
    // A batch at a time, so that a year of large files never has to fit in one buffer.
    for (let from = 0; from < unique.length; from += 64) this.batch(unique.slice(from, from + 64), out);
    return out;
  }

  private batch(ids: string[], out: Map<string, Buffer>): void {
    const raw = execFileSync('git', ['cat-file', '--batch'], {
      cwd: this.cwd,
      input: `${ids.join('\n')}\n`,
      maxBuffer: 1 << 30,
    });
    let at = 0;
    for (const id of ids) {
      const end = raw.indexOf(0x0a, at);
      const header = raw.subarray(at, end).toString('utf8');
      const [, type, size] = header.split(' ');
      if (type === 'missing' || size === undefined) {
        at = end + 1;
        continue;
      }
      out.set(id, raw.subarray(end + 1, end + 1 + Number(size)));
      at = end + 1 + Number(size) + 1;
    }
  }
}
