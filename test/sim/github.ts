// A GitHub REST simulator on loopback for the parts the action uses: repository, git data (refs, commits, trees,
// blobs), contents, issues, comments and labels. Git data lives in a real bare repository, so SHAs are real and a
// test can inspect the result with git itself. It can move a branch under the action, and it records whether a
// commit carried a custom author or committer (which would lose GitHub's Verified signature). Like GitHub, it signs
// the commits its API creates (with a test key, simulatorPublicKey() for `verify --trusted-keys`) and dates them
// by its own clock.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as openpgp from 'openpgp';
import { listen, stop } from './loopback.js';

export interface SimIssue {
  number: number;
  title: string;
  body: string;
  state: 'open' | 'closed';
  state_reason: string | null;
  labels: string[];
  assignees: string[];
  comments: string[];
}

export interface GitHubSimOptions {
  owner?: string;
  repo?: string;
  token?: string;
  defaultBranch?: string;
  /** Start with one commit on the default branch (a repository that is not empty). */
  initialCommit?: boolean;
  /** Logins that can be assigned issues. */
  assignable?: string[];
}

const BOT = { name: 'github-actions[bot]', email: '41898282+github-actions[bot]@users.noreply.github.com' };

let signingKey: Promise<{ privateKey: openpgp.PrivateKey; publicKey: string }> | undefined;

/** The simulator's web-flow key, generated once per test process (dated before any simulated commit). */
function webFlowKey(): Promise<{ privateKey: openpgp.PrivateKey; publicKey: string }> {
  signingKey ??= openpgp
    .generateKey({
      userIDs: [{ name: 'GitHub (simulated web-flow commit signing)', email: 'noreply@github.com' }],
      date: new Date('2020-01-01T00:00:00Z'),
      format: 'object',
    })
    .then(({ privateKey, publicKey }) => ({ privateKey, publicKey: publicKey.armor() }));
  return signingKey;
}

/** A file holding the armored public key the simulator signs with: what tests pass as `--trusted-keys`. */
export async function simulatorPublicKeyFile(): Promise<string> {
  const file = join(mkdtempSync(join(tmpdir(), 'web-flow-')), 'trusted.asc');
  writeFileSync(file, (await webFlowKey()).publicKey);
  return file;
}

export class GitHubSim {
  readonly gitDir: string;
  readonly owner: string;
  readonly repo: string;
  readonly token: string;
  readonly defaultBranch: string;
  readonly issues: SimIssue[] = [];
  readonly labels = new Map<string, string>();
  /** Every request: its method, path, status and the bytes of its body. */
  readonly requests: {
    method: string;
    path: string;
    status: number;
    bytes: number;
    body: unknown;
    /** Sent with `Transfer-Encoding: chunked` rather than a Content-Length. */
    chunked: boolean;
  }[] = [];
  /** The repository's name before it was renamed: GitHub redirects it, 301 for reads and 307 for writes. */
  renamedFrom: string | undefined;
  /** One-shot failures: the next request whose path ends with `path` gets `status` (a 502 from GitHub's edge). */
  readonly failNext: { path: string; status: number }[] = [];
  /** Commits created through the API with a custom author or committer. */
  readonly customAuthorCommits: string[] = [];
  /** Writes refused with 403, as for a token without write permission. */
  readOnly = false;
  /** Issue and label writes refused with 403, as for a token without `issues: write`. */
  issuesForbidden = false;
  /** The repository is visible to everyone. */
  isPublic = false;
  /** Ref updates refused as a protected branch refuses them (422, not about fast-forwarding). */
  protectedBranch = false;
  /** Before the next N ref updates, someone else pushes a commit to the branch. */
  moveBranchTimes = 0;
  /** GitHub's clock, which dates (and signs) the commits its API creates: a test moves it with its own clock. */
  clock: () => number = Date.now;
  /** How late GitHub's clock runs behind the action's when a test ties them together (runAction). */
  commitLatencyMs = 0;
  url = '';
  private server: Server | undefined;
  private readonly assignable: Set<string>;

  constructor(options: GitHubSimOptions = {}) {
    this.owner = options.owner ?? 'acme';
    this.repo = options.repo ?? 'compliance';
    this.token = options.token ?? 'ghs_simulated';
    this.defaultBranch = options.defaultBranch ?? 'main';
    this.assignable = new Set(options.assignable ?? []);
    this.gitDir = mkdtempSync(join(tmpdir(), 'gh-sim-'));
    this.git(['init', '--bare', '-q', `--initial-branch=${this.defaultBranch}`]);
    if (options.initialCommit) {
      const tree = this.writeTree(null, [{ path: 'README.md', sha: this.blob('# compliance\n') }]);
      const commit = this.commitTree(tree, [], 'Initial commit');
      this.git(['update-ref', `refs/heads/${this.defaultBranch}`, commit]);
    }
  }

  git(args: string[], input?: string, env: Record<string, string> = {}): string {
    return execFileSync('git', args, {
      cwd: this.gitDir,
      input,
      env: { ...process.env, GIT_DIR: this.gitDir, ...env },
      encoding: 'utf8',
      maxBuffer: 1 << 30,
    }).trim();
  }

  async start(): Promise<string> {
    ({ server: this.server, url: this.url } = await listen((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => void this.handle(req, res, Buffer.concat(chunks).toString('utf8')));
    }));
    return this.url;
  }

  async close(): Promise<void> {
    await stop(this.server);
    rmSync(this.gitDir, { recursive: true, force: true });
  }

  /** The commit a branch points at, or null. */
  branchHead(branch = this.defaultBranch): string | null {
    try {
      return this.git(['rev-parse', '--verify', '-q', `refs/heads/${branch}`]);
    } catch {
      return null;
    }
  }

  /** Someone else's commit on the branch: adds one file. */
  pushOtherCommit(branch = this.defaultBranch, path = 'NOTES.md'): string {
    const head = this.branchHead(branch);
    const base = head ? this.git(['rev-parse', `${head}^{tree}`]) : null;
    const tree = this.writeTree(base, [{ path, sha: this.blob(`note ${Date.now()} ${Math.random()}\n`) }]);
    const commit = this.commitTree(tree, head ? [head] : [], 'A commit by someone else');
    this.git(['update-ref', `refs/heads/${branch}`, commit]);
    return commit;
  }

  /** Someone else's commit writing one file (text) or deleting it (null). */
  commitFile(path: string, text: string | null, branch = this.defaultBranch): string {
    const head = this.branchHead(branch)!;
    const base = this.git(['rev-parse', `${head}^{tree}`]);
    const entry = text === null ? { path, sha: '0'.repeat(40), mode: '0' } : { path, sha: this.blob(text) };
    const commit = this.commitTree(this.writeTree(base, [entry]), [head], `Edit ${path} by hand`);
    this.git(['update-ref', `refs/heads/${branch}`, commit]);
    return commit;
  }

  deleteFile(path: string, branch = this.defaultBranch): string {
    return this.commitFile(path, null, branch);
  }

  private blob(text: string): string {
    return this.git(['hash-object', '-w', '--stdin'], text);
  }

  /** A tree made of `base` with `entries` added or replaced, through a temporary index. */
  private writeTree(base: string | null, entries: { path: string; sha: string; mode?: string }[]): string {
    const index = join(this.gitDir, `index-${process.pid}-${Math.random().toString(16).slice(2)}`);
    const env = { GIT_INDEX_FILE: index };
    try {
      if (base) this.git(['read-tree', base], undefined, env);
      else this.git(['read-tree', '--empty'], undefined, env);
      const info = entries.map((e) => `${e.mode ?? '100644'} ${e.sha}\t${e.path}`).join('\n');
      if (info) this.git(['update-index', '--add', '--index-info'], `${info}\n`, env);
      return this.git(['write-tree'], undefined, env);
    } finally {
      rmSync(index, { force: true });
    }
  }

  private commitTree(
    tree: string,
    parents: string[],
    message: string,
    author = BOT,
    committer = BOT,
  ): string {
    return this.git(['commit-tree', tree, ...parents.flatMap((p) => ['-p', p])], message, {
      GIT_AUTHOR_NAME: author.name,
      GIT_AUTHOR_EMAIL: author.email,
      GIT_COMMITTER_NAME: committer.name,
      GIT_COMMITTER_EMAIL: committer.email,
    });
  }

  /**
   * A commit as GitHub's API creates one: dated by GitHub's clock and signed with its web-flow key, the signature
   * in a `gpgsig` header over the commit object without that header (as `git commit -S` builds it).
   */
  private async signedCommit(tree: string, parents: string[], message: string): Promise<string> {
    const when = `${Math.floor(this.clock() / 1000)} +0000`;
    const headers = [
      `tree ${tree}`,
      ...parents.map((p) => `parent ${p}`),
      `author ${BOT.name} <${BOT.email}> ${when}`,
      `committer ${BOT.name} <${BOT.email}> ${when}`,
    ];
    const payload = `${headers.join('\n')}\n\n${message}`;
    const signature = await openpgp.sign({
      message: await openpgp.createMessage({ binary: Buffer.from(payload, 'utf8') }),
      signingKeys: (await webFlowKey()).privateKey,
      detached: true,
      date: new Date(Math.floor(this.clock() / 1000) * 1000),
      format: 'armored',
    });
    const gpgsig = `gpgsig ${signature.trimEnd().split('\n').join('\n ')}`;
    return this.git(
      ['hash-object', '-t', 'commit', '-w', '--stdin'],
      `${[...headers, gpgsig].join('\n')}\n\n${message}`,
    );
  }

  private exists(sha: string, type: string): boolean {
    try {
      return this.git(['cat-file', '-t', sha]) === type;
    } catch {
      return false;
    }
  }

  private commitJson(sha: string) {
    const raw = this.git(['cat-file', 'commit', sha]);
    const tree = /^tree (\w+)/m.exec(raw)![1]!;
    const parents = [...raw.matchAll(/^parent (\w+)/gm)].map((m) => m[1]!);
    const message = raw.slice(raw.indexOf('\n\n') + 2);
    const person = (kind: string) => {
      const m = new RegExp(`^${kind} (.*) <(.*)> (\\d+)`, 'm').exec(raw)!;
      return {
        name: m[1]!,
        email: m[2]!,
        date: new Date(Number(m[3]!) * 1000).toISOString().replace('.000', ''),
      };
    };
    const api = `${this.url}/repos/${this.owner}/${this.repo}/git/commits/${sha}`;
    return {
      sha,
      node_id: `C_${sha.slice(0, 12)}`,
      url: api,
      html_url: `https://github.com/${this.owner}/${this.repo}/commit/${sha}`,
      author: person('author'),
      committer: person('committer'),
      tree: { sha: tree, url: `${this.url}/repos/${this.owner}/${this.repo}/git/trees/${tree}` },
      message,
      parents: parents.map((p) => ({
        sha: p,
        url: `${this.url}/repos/${this.owner}/${this.repo}/git/commits/${p}`,
        html_url: '',
      })),
      verification: {
        verified: !this.customAuthorCommits.includes(sha),
        reason: this.customAuthorCommits.includes(sha) ? 'unsigned' : 'valid',
        signature: null,
        payload: null,
        verified_at: null,
      },
    };
  }

  private issueJson(issue: SimIssue) {
    return {
      id: issue.number * 1000,
      node_id: `I_${issue.number}`,
      url: `${this.url}/repos/${this.owner}/${this.repo}/issues/${issue.number}`,
      html_url: `https://github.com/${this.owner}/${this.repo}/issues/${issue.number}`,
      number: issue.number,
      title: issue.title,
      body: issue.body,
      state: issue.state,
      state_reason: issue.state_reason,
      labels: issue.labels.map((name) => ({
        id: name.length,
        node_id: `L_${name}`,
        url: '',
        name,
        color: this.labels.get(name) ?? 'ededed',
        default: false,
        description: null,
      })),
      assignees: issue.assignees.map((login) => ({ login, id: login.length, type: 'User' })),
      assignee: issue.assignees[0] ? { login: issue.assignees[0], id: 1, type: 'User' } : null,
      comments: issue.comments.length,
      locked: false,
      user: { login: 'github-actions[bot]', id: 41898282, type: 'Bot' },
      created_at: '2026-11-22T00:00:00Z',
      updated_at: '2026-11-22T00:00:00Z',
      closed_at: issue.state === 'closed' ? '2026-11-22T00:00:00Z' : null,
      author_association: 'NONE',
    };
  }

  private async handle(req: IncomingMessage, res: ServerResponse, raw: string): Promise<unknown> {
    const url = new URL(req.url ?? '/', 'http://sim');
    const method = req.method ?? 'GET';
    const send = (status: number, body?: unknown, headers: Record<string, string> = {}) => {
      this.requests.push({
        method,
        path: url.pathname + url.search,
        status,
        bytes: Buffer.byteLength(raw),
        body: raw && status < 500 ? (JSON.parse(raw) as unknown) : undefined,
        chunked: /chunked/i.test(req.headers['transfer-encoding'] ?? ''),
      });
      const text = body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body);
      res.writeHead(status, {
        'content-type':
          typeof body === 'string'
            ? 'application/vnd.github.v3.raw; charset=utf-8'
            : 'application/json; charset=utf-8',
        'x-ratelimit-remaining': '4999',
        'x-ratelimit-limit': '5000',
        ...headers,
      });
      res.end(text);
    };
    const error = (status: number, message: string) =>
      send(status, { message, documentation_url: 'https://docs.github.com/rest' });

    const fault = this.failNext.findIndex((f) => url.pathname.endsWith(f.path));
    if (fault >= 0) {
      const { status } = this.failNext.splice(fault, 1)[0]!;
      return send(status, { message: 'Server Error' });
    }
    const auth = req.headers.authorization?.replace(/^(token|Bearer) /i, '');
    if (auth !== this.token) return error(401, 'Bad credentials');
    const prefix = `/repos/${this.owner}/${this.repo}`;
    const old = this.renamedFrom && `/repos/${this.owner}/${this.renamedFrom}`;
    if (old && (url.pathname === old || url.pathname.startsWith(`${old}/`))) {
      const location = `${this.url}${prefix}${url.pathname.slice(old.length)}${url.search}`;
      return send(
        method === 'GET' ? 301 : 307,
        { message: 'Moved Permanently', url: location },
        { location },
      );
    }
    if (!url.pathname.startsWith(prefix)) return error(404, 'Not Found');
    const path = decodeURIComponent(url.pathname.slice(prefix.length));
    const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
    if (this.readOnly && method !== 'GET') return error(403, 'Resource not accessible by integration');
    if (this.issuesForbidden && method !== 'GET' && /^\/(issues|labels)(\/|$)/.test(path))
      return error(403, 'Resource not accessible by integration');
    const empty = this.git(['for-each-ref', '--count=1', 'refs/heads']) === '';

    try {
      let g: string[] = [];
      const at = (re: RegExp) => {
        g = re.exec(path)?.slice() ?? [];
        return g.length > 0;
      };
      if (path === '' && method === 'GET') {
        return send(200, {
          id: 1,
          name: this.repo,
          full_name: `${this.owner}/${this.repo}`,
          default_branch: this.defaultBranch,
          private: !this.isPublic,
          visibility: this.isPublic ? 'public' : 'private',
          owner: { login: this.owner },
        });
      }
      if (path === '/commits' && method === 'GET') {
        if (empty) return error(409, 'Git Repository is empty.');
        // Newest first from `sha` (default branch), only those that changed `path` when given, a page at a time.
        const from = url.searchParams.get('sha') ?? this.branchHead()!;
        const file = url.searchParams.get('path');
        const perPage = Math.min(100, Number(url.searchParams.get('per_page') ?? 30));
        const page = Number(url.searchParams.get('page') ?? 1);
        const all = this.git(['log', '--format=%H', from, ...(file ? ['--', file] : [])])
          .split('\n')
          .filter(Boolean);
        const slice = all.slice((page - 1) * perPage, page * perPage);
        const headers: Record<string, string> = {};
        if (page * perPage < all.length)
          headers.link = `<${this.url}/repos/${this.owner}/${this.repo}/commits?${new URLSearchParams({ ...Object.fromEntries(url.searchParams), page: String(page + 1) })}>; rel="next"`;
        return send(
          200,
          slice.map((sha) => ({ sha, commit: this.commitJson(sha) })),
          headers,
        );
      }
      if (at(/^\/git\/ref\/heads\/(.+)$/) && method === 'GET') {
        if (empty) return error(409, 'Git Repository is empty.');
        const sha = this.branchHead(decodeURIComponent(g[1]!));
        if (!sha) return error(404, 'Not Found');
        return send(200, {
          ref: `refs/heads/${g[1]!}`,
          node_id: 'REF_1',
          url: '',
          object: { sha, type: 'commit', url: '' },
        });
      }
      if (at(/^\/contents\/(.+)$/)) {
        const file = decodeURIComponent(g[1]!);
        if (method === 'GET') {
          const ref = url.searchParams.get('ref') ?? this.defaultBranch;
          let kind = '';
          try {
            kind = execFileSync('git', ['cat-file', '-t', `${ref}:${file}`], {
              env: { ...process.env, GIT_DIR: this.gitDir },
              encoding: 'utf8',
              stdio: ['ignore', 'pipe', 'ignore'],
            }).trim();
          } catch {
            return error(404, 'Not Found');
          }
          // A folder: its entries, each with its git sha, as GitHub lists them.
          if (kind === 'tree') {
            const listing = this.git(['ls-tree', '-l', `${ref}:${file}`]);
            return send(
              200,
              listing
                .split('\n')
                .filter(Boolean)
                .map((line) => {
                  const [meta, name] = line.split('\t') as [string, string];
                  const [, type, sha, size] = meta.split(/\s+/) as [string, string, string, string];
                  return {
                    type: type === 'tree' ? 'dir' : 'file',
                    size: type === 'tree' ? 0 : Number(size),
                    name,
                    path: `${file}/${name}`,
                    sha,
                    url: `${this.url}/repos/${this.owner}/${this.repo}/contents/${file}/${name}?ref=${ref}`,
                    git_url: null,
                    html_url: null,
                    download_url: null,
                    _links: { self: '', git: null, html: null },
                  };
                }),
            );
          }
          let text: string;
          try {
            text = execFileSync('git', ['show', `${ref}:${file}`], {
              cwd: this.gitDir,
              env: { ...process.env, GIT_DIR: this.gitDir },
              encoding: 'utf8',
              maxBuffer: 1 << 30,
              stdio: ['ignore', 'pipe', 'ignore'],
            });
          } catch {
            return error(404, 'Not Found');
          }
          if (req.headers.accept?.includes('raw')) return send(200, text);
          return send(200, {
            type: 'file',
            encoding: 'base64',
            path: file,
            name: file.split('/').at(-1),
            content: Buffer.from(text).toString('base64'),
            sha: this.git(['rev-parse', `${ref}:${file}`]),
          });
        }
        if (method === 'PUT') {
          const branch = (body.branch as string) ?? this.defaultBranch;
          const head = this.branchHead(branch);
          const base = head ? this.git(['rev-parse', `${head}^{tree}`]) : null;
          const sha = this.blob(Buffer.from(body.content as string, 'base64').toString('utf8'));
          const tree = this.writeTree(base, [{ path: file, sha }]);
          // A custom author or committer loses GitHub's signature.
          const custom = Boolean(body.author || body.committer);
          if (custom) this.customAuthorCommits.push('pending');
          const commit = custom
            ? this.commitTree(tree, head ? [head] : [], body.message as string)
            : await this.signedCommit(tree, head ? [head] : [], body.message as string);
          this.git(['update-ref', `refs/heads/${branch}`, commit]);
          return send(201, { content: { path: file, sha }, commit: this.commitJson(commit) });
        }
      }
      if (path === '/git/blobs' && method === 'POST') {
        if (empty) return error(409, 'Git Repository is empty.');
        const text =
          body.encoding === 'base64'
            ? Buffer.from(body.content as string, 'base64').toString('utf8')
            : (body.content as string);
        const sha = this.blob(text);
        return send(201, { sha, url: `${this.url}${prefix}/git/blobs/${sha}` });
      }
      if (path === '/git/trees' && method === 'POST') {
        if (empty) return error(409, 'Git Repository is empty.');
        const base = (body.base_tree as string | undefined) ?? null;
        if (base && !this.exists(base, 'tree')) return error(422, 'Invalid tree info');
        const entries = (body.tree as { path: string; mode: string; sha?: string; content?: string }[]).map(
          (e) => ({
            path: e.path,
            mode: e.mode,
            sha: e.sha ?? this.blob(e.content ?? ''),
          }),
        );
        for (const e of entries)
          if (!this.exists(e.sha, 'blob')) return error(422, `Invalid tree info: ${e.sha}`);
        const sha = this.writeTree(base, entries);
        return send(201, { sha, url: `${this.url}${prefix}/git/trees/${sha}`, tree: [], truncated: false });
      }
      if (at(/^\/git\/commits\/(\w+)$/) && method === 'GET') {
        if (!this.exists(g[1]!, 'commit')) return error(404, 'Not Found');
        return send(200, this.commitJson(g[1]!));
      }
      if (path === '/git/commits' && method === 'POST') {
        const parents = (body.parents as string[]) ?? [];
        if (!this.exists(body.tree as string, 'tree') || parents.some((p) => !this.exists(p, 'commit')))
          return error(422, 'Invalid tree or parent');
        const author = body.author as { name: string; email: string } | undefined;
        const committer = body.committer as { name: string; email: string } | undefined;
        const sha =
          author || committer
            ? this.commitTree(
                body.tree as string,
                parents,
                body.message as string,
                author ?? BOT,
                committer ?? BOT,
              )
            : await this.signedCommit(body.tree as string, parents, body.message as string);
        if (author || committer) this.customAuthorCommits.push(sha);
        return send(201, this.commitJson(sha));
      }
      if (path === '/git/refs' && method === 'POST') {
        const ref = body.ref as string;
        if (this.git(['for-each-ref', ref]) !== '') return error(422, 'Reference already exists');
        this.git(['update-ref', ref, body.sha as string]);
        return send(201, { ref, object: { sha: body.sha, type: 'commit' } });
      }
      if (at(/^\/git\/refs\/heads\/(.+)$/) && method === 'PATCH') {
        const branch = decodeURIComponent(g[1]!);
        if (this.moveBranchTimes > 0) {
          this.moveBranchTimes--;
          this.pushOtherCommit(branch, `NOTES-${this.moveBranchTimes}.md`);
        }
        const current = this.branchHead(branch);
        if (!current) return error(422, 'Reference does not exist');
        const next = body.sha as string;
        let fastForward = true;
        try {
          this.git(['merge-base', '--is-ancestor', current, next]);
        } catch {
          fastForward = false;
        }
        if (this.protectedBranch) return error(422, 'Changes must be made through a pull request.');
        if (!fastForward && !body.force) return error(422, 'Update is not a fast forward');
        this.git(['update-ref', `refs/heads/${branch}`, next, current]);
        return send(200, { ref: `refs/heads/${branch}`, object: { sha: next, type: 'commit' } });
      }
      if (path === '/labels' && method === 'GET') {
        return this.page(
          url,
          [...this.labels].map(([name, color]) => ({
            id: name.length,
            name,
            color,
            default: false,
            description: null,
          })),
          send,
        );
      }
      if (path === '/labels' && method === 'POST') {
        if (this.labels.has(body.name as string)) return error(422, 'Validation Failed');
        this.labels.set(body.name as string, (body.color as string) ?? 'ededed');
        return send(201, { name: body.name, color: body.color });
      }
      if (path === '/issues' && method === 'GET') {
        const state = url.searchParams.get('state') ?? 'open';
        const labels = (url.searchParams.get('labels') ?? '').split(',').filter(Boolean);
        const list = this.issues
          .filter((i) => state === 'all' || i.state === state)
          .filter((i) => labels.every((l) => i.labels.includes(l)))
          .sort((a, b) => b.number - a.number);
        return this.page(
          url,
          list.map((i) => this.issueJson(i)),
          send,
        );
      }
      if (path === '/issues' && method === 'POST') {
        const assignees = (body.assignees as string[] | undefined) ?? [];
        if (assignees.some((a) => !this.assignable.has(a))) return error(422, 'Validation Failed');
        const labels = (body.labels as string[] | undefined) ?? [];
        for (const l of labels) if (!this.labels.has(l)) this.labels.set(l, 'ededed');
        const issue: SimIssue = {
          number: this.issues.length + 1,
          title: body.title as string,
          body: (body.body as string) ?? '',
          state: 'open',
          state_reason: null,
          labels,
          assignees,
          comments: [],
        };
        this.issues.push(issue);
        return send(201, this.issueJson(issue));
      }
      if (at(/^\/issues\/(\d+)(\/comments|\/labels)?$/)) {
        const issue = this.issues.find((i) => i.number === Number(g[1]!));
        if (!issue) return error(404, 'Not Found');
        if (!g[2]! && method === 'GET') return send(200, this.issueJson(issue));
        if (!g[2]! && method === 'PATCH') {
          if (typeof body.title === 'string') issue.title = body.title;
          if (typeof body.body === 'string') issue.body = body.body;
          if (Array.isArray(body.labels)) issue.labels = body.labels as string[];
          if (body.state === 'open' || body.state === 'closed') {
            issue.state = body.state;
            issue.state_reason =
              body.state === 'closed' ? ((body.state_reason as string) ?? 'completed') : 'reopened';
          }
          return send(200, this.issueJson(issue));
        }
        if (g[2]! === '/comments' && method === 'POST') {
          issue.comments.push(body.body as string);
          return send(201, { id: issue.comments.length, body: body.body });
        }
        if (g[2]! === '/labels' && method === 'POST') {
          for (const l of body.labels as string[]) if (!issue.labels.includes(l)) issue.labels.push(l);
          return send(
            200,
            issue.labels.map((name) => ({ name })),
          );
        }
      }
      return error(404, 'Not Found');
    } catch (e) {
      return error(500, (e as Error).message);
    }
  }

  private page(
    url: URL,
    items: unknown[],
    send: (status: number, body: unknown, headers?: Record<string, string>) => void,
  ): void {
    const perPage = Math.min(100, Number(url.searchParams.get('per_page') ?? 30));
    const page = Number(url.searchParams.get('page') ?? 1);
    const slice = items.slice((page - 1) * perPage, page * perPage);
    const headers: Record<string, string> = {};
    if (page * perPage < items.length) {
      const next = new URL(url.toString().replace('http://sim', this.url));
      next.searchParams.set('page', String(page + 1));
      headers.link = `<${next}>; rel="next"`;
    }
    send(200, slice, headers);
  }
}
