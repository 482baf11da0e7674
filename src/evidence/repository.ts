// Reads and writes the evidence repository through GitHub's git data API: one commit per run, made by the
// token's identity with no custom author or committer, so GitHub signs it and shows it Verified. A branch moved
// by someone else meanwhile is re-read and the run re-applied on top; nothing is ever force-pushed.
import { EvidenceRepositoryError } from '../errors.js';
import { type GitHub, statusOf, visibleToAll } from '../github.js';
import type { Repo } from '../inputs.js';
import { FileSet } from '../shared/file-set.js';
import { gitBlobSha } from '../shared/hash.js';

export interface Head {
  branch: string;
  /** null when the branch does not exist yet. */
  commit: string | null;
}

export interface Commit {
  sha: string;
  url: string;
  branch: string;
  /** false when the files were already there as they are: no commit was made, `sha` is the branch's head. */
  created: boolean;
}

/** Files to write, by path relative to the repository root. Nothing is ever deleted: the evidence is append-only. */
export type Files = ReadonlyMap<string, string>;

const TREE_CHUNK = 100;
/** Files up to this size are sent inline in the tree request; larger ones as blobs. */
const INLINE_LIMIT = 256 * 1024;
/**
 * Inline text per tree request. Octokit makes the whole body at once (the JSON text, then its bytes), several times
 * the text itself: a first run's month of audit days, sent 4 MB at a time, made the peak memory of the run.
 */
const TREE_BYTES = 1024 * 1024;
const BLOB_CONCURRENCY = 4;
/** Large files in flight at once stay under this many bytes (one larger file goes alone). */
const BLOB_BATCH_BYTES = 8 * 1024 * 1024;
/**
 * How much of a file a blob request reads and base64-encodes at a time: a multiple of 3 (no carry between pieces),
 * and small enough that its base64 is an ordinary young object for V8 rather than a large one collected late.
 */
const BLOB_PIECE = 48 * 1024;
const MAX_ATTEMPTS = 5;
const CREATE_BLOB: string = 'POST /repos/{owner}/{repo}/git/blobs';

export class EvidenceRepository {
  private branchName: string | undefined;
  /** `commit:path` → git blob sha of what was read there, to leave unchanged files out of the next commit. */
  private readonly blobAt = new Map<string, string>();
  /** Blob shas known to be in the repository: a file with the same bytes is referenced, not uploaded again. */
  private readonly knownBlobs = new Set<string>();
  private about:
    | Promise<{
        name: string;
        owner: { login: string };
        default_branch: string;
        private: boolean;
        visibility?: string;
      }>
    | undefined;

  constructor(
    private readonly github: GitHub,
    private readonly repo: Repo,
    private readonly options: { branch: string; serverUrl: string; sleep?: (ms: number) => Promise<void> },
  ) {}

  /** Whether GitHub shows this repository to everyone. */
  async isPublic(): Promise<boolean> {
    return visibleToAll(await this.repository());
  }

  private repository() {
    this.about ??= this.github.rest.repos.get({ ...this.repo }).then(
      ({ data }) => data,
      (error: unknown) => {
        throw this.explain(error, 'read');
      },
    );
    return this.about;
  }

  private get slug(): string {
    return `${this.repo.owner}/${this.repo.repo}`;
  }

  async head(): Promise<Head> {
    const branch = await this.branch();
    try {
      const { data } = await this.github.rest.git.getRef({ ...this.repo, ref: `heads/${branch}` });
      return { branch, commit: data.object.sha };
    } catch (error) {
      // 404: no such branch; 409: the repository has no commit at all.
      if (statusOf(error) === 404 || statusOf(error) === 409) return { branch, commit: null };
      throw this.explain(error, 'read');
    }
  }

  /** A file's text at a commit, or null when it does not exist. */
  async read(path: string, commit: string | null): Promise<string | null> {
    if (!commit) return null;
    try {
      const { data } = await this.github.rest.repos.getContent({
        ...this.repo,
        path,
        ref: commit,
        mediaType: { format: 'raw' },
      });
      // Octokit hands raw content over as text or, depending on the content type, as bytes.
      let text: string;
      let sha: string;
      if (typeof data === 'string') {
        text = data;
        sha = gitBlobSha(Buffer.byteLength(text), [text]);
      } else if ((data as unknown) instanceof ArrayBuffer) {
        // Hashed as the bytes that came, rather than encoded again from the text.
        const bytes = new Uint8Array(data as unknown as ArrayBuffer);
        text = new TextDecoder().decode(bytes);
        sha = gitBlobSha(bytes.byteLength, [bytes]);
      } else throw new EvidenceRepositoryError(`${path} in ${this.slug} is not a file.`);
      this.blobAt.set(`${commit}:${path}`, sha);
      this.knownBlobs.add(sha);
      return text;
    } catch (error) {
      if (statusOf(error) === 404) return null;
      throw this.explain(error, 'read');
    }
  }

  /** The commits that changed `path`, newest first, up to `commit`. */
  async commitsTouching(path: string, commit: string): Promise<string[]> {
    try {
      const commits = await this.github.paginate(this.github.rest.repos.listCommits, {
        ...this.repo,
        sha: commit,
        path,
        per_page: 100,
      });
      return commits.map((c) => c.sha);
    } catch (error) {
      throw this.explain(error, 'read');
    }
  }

  /** Notes the blobs of a folder at a commit (one request), so that files with the same bytes are not sent again. */
  async learnFolder(path: string, commit: string | null): Promise<void> {
    if (!commit) return;
    try {
      const { data } = await this.github.rest.repos.getContent({ ...this.repo, path, ref: commit });
      if (!Array.isArray(data)) return;
      for (const entry of data) {
        if (entry.type !== 'file') continue;
        this.blobAt.set(`${commit}:${entry.path}`, entry.sha);
        this.knownBlobs.add(entry.sha);
      }
    } catch (error) {
      // Only an optimisation: without it the files are sent as they are.
      if (statusOf(error) !== 404) throw this.explain(error, 'read');
    }
  }

  /**
   * Builds the files from what the branch holds and commits them on top of it. When the branch moved in between,
   * builds again from the new head, a bounded number of times.
   */
  async commit(build: (head: Head) => Promise<{ files: Files; message: string }>): Promise<Commit> {
    const sleep = this.options.sleep ?? ((ms: number) => new Promise((resolve) => setTimeout(resolve, ms)));
    for (let attempt = 1; ; attempt++) {
      let head = await this.head();
      if (!head.commit) head = await this.initialise(head);
      const { files, message } = await build(head);
      const sha = await this.writeCommit(head, files, message);
      if (sha === null) {
        return {
          sha: head.commit!,
          branch: head.branch,
          url: `${this.options.serverUrl}/${this.slug}/commit/${head.commit}`,
          created: false,
        };
      }
      try {
        await this.github.rest.git.updateRef({
          ...this.repo,
          ref: `heads/${head.branch}`,
          sha,
          force: false,
        });
        return {
          sha,
          branch: head.branch,
          url: `${this.options.serverUrl}/${this.slug}/commit/${sha}`,
          created: true,
        };
      } catch (error) {
        // 422 "Update is not a fast forward": someone else committed meanwhile. Any other 422 (a protected branch,
        // a required status check) will not change by trying again.
        if (statusOf(error) === 422 && !/fast.?forward/i.test(messageOf(error))) {
          throw new EvidenceRepositoryError(
            `GitHub refused to update the branch ${head.branch} of ${this.slug} (422: ${messageOf(error).slice(0, 200)}). A branch protection rule or ruleset probably requires pull requests or status checks: give the action a branch of its own (evidence-branch) or allow the token to push to it. Nothing was written.`,
          );
        }
        if (statusOf(error) !== 422 || attempt >= MAX_ATTEMPTS) {
          if (statusOf(error) === 422) {
            throw new EvidenceRepositoryError(
              `The branch ${head.branch} of ${this.slug} kept moving during ${MAX_ATTEMPTS} attempts to add the evidence commit; nothing was written. Run again, or give the action a branch of its own (evidence-branch).`,
            );
          }
          throw this.explain(error, 'write');
        }
        await sleep(250 * attempt + Math.floor(Math.random() * 500));
      }
    }
  }

  private async branch(): Promise<string> {
    if (this.branchName) return this.branchName;
    if (this.options.branch) {
      this.branchName = this.options.branch;
      return this.branchName;
    }
    const data = await this.repository();
    this.branchName = data.default_branch || 'main';
    return this.branchName;
  }

  /**
   * A repository without any commit refuses the git data API, and a missing branch has nothing to build on: the
   * first commit is made through the contents API (also signed by GitHub), the run's commit then goes on top.
   */
  private async initialise(head: Head): Promise<Head> {
    const empty = await this.isEmpty();
    if (empty) {
      try {
        await this.github.rest.repos.createOrUpdateFileContents({
          ...this.repo,
          path: '.heroku-evidence',
          message: 'Start the Heroku evidence repository',
          content: Buffer.from('This repository holds Heroku compliance evidence.\n').toString('base64'),
          branch: head.branch,
        });
      } catch (error) {
        throw this.explain(error, 'write');
      }
      return this.head();
    }
    // The repository has commits but not this branch: start it as an orphan so that evidence stands alone.
    const tree = await this.github.rest.git.createTree({
      ...this.repo,
      tree: [
        { path: '.heroku-evidence', mode: '100644', type: 'blob', content: 'Heroku compliance evidence.\n' },
      ],
    });
    const commit = await this.github.rest.git.createCommit({
      ...this.repo,
      message: `Start the evidence branch ${head.branch}`,
      tree: tree.data.sha,
      parents: [],
    });
    try {
      await this.github.rest.git.createRef({
        ...this.repo,
        ref: `refs/heads/${head.branch}`,
        sha: commit.data.sha,
      });
    } catch (error) {
      // Another run created it first: build on theirs.
      if (statusOf(error) !== 422) throw this.explain(error, 'write');
    }
    return this.head();
  }

  private async isEmpty(): Promise<boolean> {
    try {
      await this.github.rest.repos.listCommits({ ...this.repo, per_page: 1 });
      return false;
    } catch (error) {
      if (statusOf(error) === 409) return true;
      throw this.explain(error, 'read');
    }
  }

  private async writeCommit(head: Head, files: Files, message: string): Promise<string | null> {
    const parent = head.commit!;
    // Small files travel inside the tree request; large ones as blobs first, a few at a time. Either way each
    // tree request stays small, and each tree builds on the last.
    // An inline file's text is read when its tree request is made, not for all of them at once.
    type Entry = { path: string; mode: '100644'; type: 'blob'; sha?: string; inline?: true };
    const entries: Entry[] = [];
    try {
      // A file with the bytes it already has at that path is left out (base_tree keeps it); one whose bytes are
      // already in the repository (the previous run's copy) is referenced by its sha. Only the rest is sent.
      const set = files instanceof FileSet ? files : new FileSet(files);
      const toSend: string[] = [];
      for (const path of set.keys()) {
        const sha = set.gitSha(path)!;
        if (this.blobAt.get(`${parent}:${path}`) === sha) continue;
        if (this.knownBlobs.has(sha)) entries.push({ path, mode: '100644', type: 'blob', sha });
        else toSend.push(path);
      }
      const size = (path: string) => set.byteLength(path)!;
      const large = toSend.filter((path) => size(path) > INLINE_LIMIT);
      // GitHub answers a write to a renamed or transferred repository with a 307 to its new address: blobs go
      // to that address at once, rather than being made twice (fetch makes a Blob's stream again to follow it).
      const home = large.length > 0 ? await this.repository() : undefined;
      const blobRepo = home ? { owner: home.owner.login, repo: home.name } : this.repo;
      for (const batch of batches(large, BLOB_CONCURRENCY, BLOB_BATCH_BYTES, size)) {
        const created = await Promise.all(
          batch.map((path) => {
            // Git's create-blob endpoint with a body of our own (Octokit's typed route wants `content` as a string).
            const body = new BlobBody(set, path);
            return this.github.request(CREATE_BLOB, {
              ...blobRepo,
              data: body,
              // No Content-Length here: fetch takes it from the Blob's size (two of them would be refused).
              headers: { 'content-type': 'application/json; charset=utf-8' },
            }) as Promise<{ data: { sha: string } }>;
          }),
        );
        for (const [j, blob] of created.entries()) {
          entries.push({ path: batch[j]!, mode: '100644', type: 'blob', sha: blob.data.sha });
        }
      }
      for (const path of toSend) {
        if (size(path) <= INLINE_LIMIT) entries.push({ path, mode: '100644', type: 'blob', inline: true });
      }
      if (entries.length === 0) return null;
      const { data: parentCommit } = await this.github.rest.git.getCommit({
        ...this.repo,
        commit_sha: parent,
      });
      let tree = parentCommit.tree.sha;
      for (const chunk of batches(entries, TREE_CHUNK, TREE_BYTES, (e) => (e.inline ? size(e.path) : 0))) {
        const { data } = await this.github.rest.git.createTree({
          ...this.repo,
          base_tree: tree,
          tree: chunk.map(({ inline, ...entry }) =>
            inline ? { ...entry, content: set.get(entry.path)! } : entry,
          ),
        });
        tree = data.sha;
      }
      // Nothing new (an audit-only run that found no new event): no empty commit.
      if (tree === parentCommit.tree.sha) return null;
      // No author or committer: GitHub then signs the commit and shows it Verified.
      const { data: commit } = await this.github.rest.git.createCommit({
        ...this.repo,
        message,
        tree,
        parents: [parent],
      });
      return commit.sha;
    } catch (error) {
      throw this.explain(error, 'write');
    }
  }

  private explain(error: unknown, what: 'read' | 'write'): Error {
    const status = statusOf(error);
    if (status === 401) {
      return new EvidenceRepositoryError(
        `GitHub rejected the github-token (401) for ${this.slug}. Check the token or secret passed as github-token.`,
      );
    }
    if (status === 403 || status === 404) {
      return new EvidenceRepositoryError(
        what === 'write'
          ? `The github-token cannot write to ${this.slug} (${status}). Give the workflow \`permissions: contents: write\`; for another repository use a GitHub App token or a fine-grained PAT with Contents: read and write.`
          : `The github-token cannot read ${this.slug} (${status}). Check evidence-repository and that the token can see it.`,
      );
    }
    return error instanceof Error ? error : new Error(String(error));
  }
}

/**
 * The body of a create-blob request, `{"encoding":"base64","content":"…"}`, made while it is sent: the file is read
 * and base64-encoded a piece at a time, so neither its bytes nor their base64 are ever whole in memory (at 5,000
 * apps a data file is 27 MB, its body 36 MB, and fetch copies a body given as bytes). A Blob to fetch, and so:
 * - its size is known before it is made, and it goes with a Content-Length, as a body given whole would;
 * - each `stream()` starts it again from the beginning, so a retry (or a redirect) sends it whole again;
 * - fetch sends the pieces of a Blob's stream as they are, where it copies each piece of an async iterable;
 * - Octokit sends it as it is (it sends a plain object as JSON).
 */
class BlobBody extends Blob {
  private static readonly head = '{"encoding":"base64","content":"';
  private static readonly tail = '"}';

  constructor(
    private readonly set: FileSet,
    private readonly path: string,
  ) {
    super([]);
    // What fetch reads as the body's length (Blob's own `size` is that of the empty Blob made above).
    const size = BlobBody.head.length + Math.ceil(set.byteLength(path)! / 3) * 4 + BlobBody.tail.length;
    Object.defineProperty(this, 'size', { value: size });
  }

  override stream(): ReadableStream<Uint8Array<ArrayBuffer>> {
    const pieces = this.pieces();
    return new ReadableStream({
      pull(controller) {
        const next = pieces.next();
        if (next.done) controller.close();
        else controller.enqueue(next.value);
      },
      cancel() {
        pieces.return(undefined);
      },
    });
  }

  // The Blob's other ways of reading it would read the empty Blob behind it: a body made short, never sent.
  override arrayBuffer(): never {
    throw new Error('a blob body is read through stream()');
  }
  override text(): never {
    throw new Error('a blob body is read through stream()');
  }
  override bytes(): never {
    throw new Error('a blob body is read through stream()');
  }
  override slice(): never {
    throw new Error('a blob body is read through stream()');
  }

  private *pieces(): Generator<Buffer<ArrayBuffer>> {
    yield Buffer.from(BlobBody.head, 'latin1');
    // Base64 turns 3 bytes into 4 characters: each piece encodes a multiple of 3 bytes, the rest waits for the next.
    let carry = Buffer.alloc(0);
    for (const chunk of this.set.chunks(this.path, Buffer.allocUnsafe(BLOB_PIECE))) {
      const next = carry.length ? Buffer.concat([carry, chunk]) : chunk;
      const whole = next.length - (next.length % 3);
      const encoded = Buffer.from(next.subarray(0, whole).toString('base64'), 'latin1');
      carry = Buffer.from(next.subarray(whole));
      yield encoded;
    }
    yield Buffer.from(`${carry.toString('base64')}${BlobBody.tail}`, 'latin1');
  }
}

function messageOf(error: unknown): string {
  const message =
    typeof error === 'object' && error !== null && 'message' in error ? String(error.message) : String(error);
  return message.replace(/\s+/g, ' ');
}

/** Items in order, in batches of at most `count` items and about `bytes` bytes (one larger item goes alone). */
function batches<T>(items: readonly T[], count: number, bytes: number, size: (item: T) => number): T[][] {
  const out: T[][] = [];
  let current: T[] = [];
  let total = 0;
  for (const item of items) {
    const n = size(item);
    if (current.length && (current.length >= count || total + n > bytes)) {
      out.push(current);
      current = [];
      total = 0;
    }
    current.push(item);
    total += n;
  }
  if (current.length) out.push(current);
  return out;
}
