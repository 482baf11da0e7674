// Every request the action sends to GitHub, held against GitHub's own REST description (@octokit/openapi's
// api.github.com document): the operation exists, and every query parameter and body property it sends is one that
// operation declares. GitHub silently ignores a misspelled field, so a mistake would otherwise show only as a
// feature that quietly does nothing.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonPieces, toJson } from '../src/evidence/json.js';
import { EvidenceRepository } from '../src/evidence/repository.js';
import { createGitHub } from '../src/github.js';
import { FileSet } from '../src/shared/file-set.js';
import { runAction } from './helpers/action.js';
import { GitHubSim } from './sim/github.js';
import { HerokuSim } from './sim/heroku.js';
import { addCollaborator, allApps, generateWorld } from './sim/world.js';

type Schema = {
  $ref?: string;
  properties?: Record<string, Schema>;
  oneOf?: Schema[];
  anyOf?: Schema[];
  allOf?: Schema[];
};
type Operation = {
  operationId: string;
  parameters?: { $ref?: string; in?: string; name?: string }[];
  requestBody?: { content: Record<string, { schema: Schema }> };
};
const spec = JSON.parse(
  readFileSync(
    createRequire(import.meta.url).resolve('@octokit/openapi/generated/api.github.com.json'),
    'utf8',
  ),
) as {
  paths: Record<string, Record<string, Operation>>;
  components: Record<string, Record<string, unknown>>;
};

function deref<T>(value: T & { $ref?: string }): T {
  if (!value.$ref) return value;
  const [, , kind, name] = value.$ref.split('/') as [string, string, string, string];
  return deref(spec.components[kind]![name] as T & { $ref?: string });
}

function bodyProperties(schema: Schema): Set<string> {
  const s = deref(schema);
  const out = new Set(Object.keys(s.properties ?? {}));
  for (const part of [...(s.oneOf ?? []), ...(s.anyOf ?? []), ...(s.allOf ?? [])])
    for (const p of bodyProperties(part)) out.add(p);
  return out;
}

const templates = Object.keys(spec.paths).map((template) => ({
  template,
  re: new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+').replace(/\//g, '\\/')}$`),
  // A literal segment outranks a parameter: /git/refs/{ref} before /git/{x}/{y}.
  literals: template.split('/').filter((s) => s && !s.startsWith('{')).length,
}));

function operationFor(method: string, path: string): { template: string; op: Operation } | undefined {
  const candidates = templates
    .filter((t) => t.re.test(path) && spec.paths[t.template]![method.toLowerCase()])
    .sort((a, b) => b.literals - a.literals);
  const best = candidates[0];
  return best
    ? { template: best.template, op: spec.paths[best.template]![method.toLowerCase()]! }
    : undefined;
}

/** Holds each request against the description; the operations used. */
function checkAgainstSpec(requests: GitHubSim['requests']): Set<string> {
  const seen = new Set<string>();
  for (const request of requests) {
    const url = new URL(request.path, 'http://x');
    const path = url.pathname.replace(/\/$/, '');
    const found = operationFor(request.method, path);
    expect(found, `${request.method} ${path}`).toBeDefined();
    const { op } = found!;
    seen.add(op.operationId);
    const declared = new Set(
      (op.parameters ?? [])
        .map((p) => deref(p))
        .filter((p) => p.in === 'query')
        .map((p) => p.name),
    );
    for (const key of url.searchParams.keys())
      expect(declared.has(key), `${op.operationId}: query parameter ${key}`).toBe(true);
    if (request.body && typeof request.body === 'object') {
      const schema = op.requestBody?.content['application/json']?.schema;
      expect(schema, `${op.operationId} takes no body`).toBeDefined();
      const allowed = bodyProperties(schema!);
      for (const key of Object.keys(request.body))
        expect(allowed.has(key), `${op.operationId}: body field ${key}`).toBe(true);
      // Tree entries are checked one level down too.
      if (op.operationId === 'git/create-tree')
        for (const entry of (request.body as { tree: Record<string, unknown>[] }).tree)
          for (const key of Object.keys(entry))
            expect(['path', 'mode', 'type', 'sha', 'content']).toContain(key);
    }
  }
  return seen;
}

let heroku: HerokuSim;
let github: GitHubSim;
beforeAll(async () => {
  const world = generateWorld({ apps: 9, auditDays: 2 });
  heroku = new HerokuSim(world);
  await heroku.start();
  // An empty repository, a separate issues flow with assignees, a digest, a waiver: every kind of request.
  github = new GitHubSim({ assignable: ['alice'], initialCommit: false });
  await github.start();
  const app = allApps(world).find((a) => a.name.endsWith('-prod'))!;
  addCollaborator(world, app.team.name, app.name, 'outsider@else.example', ['deploy']);
  for (const members of world.members.values()) for (const m of members) m.two_factor_authentication = false;
  const policy = join(mkdtempSync(join(tmpdir(), 'policy-')), 'policy.yml');
  writeFileSync(
    policy,
    'waivers:\n  - {control: HEROKU-APP-1, resource: "app/*", reason: booked, owner: alice, expires: 2027-06-30}\n',
  );
  const day = (n: number) => new Date(Date.parse('2026-11-22T06:00:00Z') + n * 86_400_000);
  // A first run over the cap (a digest), then the rest filed, then fixed (closed), then waived, then on a branch
  // of its own.
  await runAction(heroku, github, { collect: 'all', 'max-new-issues': '1' }, day(0));
  await runAction(heroku, github, { collect: 'all', 'max-new-issues': '50' }, day(1));
  for (const members of world.members.values()) for (const m of members) m.two_factor_authentication = true;
  await runAction(heroku, github, { collect: 'all' }, day(2));
  await runAction(heroku, github, { collect: 'all', policy }, day(3));
  await runAction(heroku, github, { collect: 'all', 'evidence-branch': 'evidence' }, day(4));
});
afterAll(async () => {
  await heroku.close();
  await github.close();
});

describe('requests to GitHub, against GitHub’s REST description', () => {
  it('uses only operations GitHub declares, with only the query parameters and body fields they declare', () => {
    const seen = checkAgainstSpec(github.requests);
    expect([...seen].sort()).toEqual(
      expect.arrayContaining([
        'git/create-commit',
        'git/create-ref',
        'git/create-tree',
        'git/get-commit',
        'git/get-ref',
        'git/update-ref',
        'issues/create',
        'issues/create-comment',
        'issues/create-label',
        'issues/list-for-repo',
        'issues/list-labels-for-repo',
        'issues/update',
        'issues/add-labels',
        'issues/get',
        'repos/create-or-update-file-contents',
        'repos/get',
        'repos/get-content',
        'repos/list-commits',
      ]),
    );
  });
});

describe('a large evidence file', () => {
  it('goes to a renamed repository as well, whose writes GitHub redirects with a 307', async () => {
    const sim = new GitHubSim();
    sim.renamedFrom = 'old-evidence';
    await sim.start();
    try {
      const repository = new EvidenceRepository(
        createGitHub({
          token: sim.token,
          baseUrl: sim.url,
          userAgent: 'test',
          log: () => {},
          retryBaseMs: 1,
        }),
        { owner: sim.owner, repo: 'old-evidence' },
        { branch: '', serverUrl: 'https://github.com' },
      );
      const big = `${JSON.stringify('x'.repeat(400_000))}\n`;
      const commit = await repository.commit(async () => ({
        files: new FileSet().set('big.json', big),
        message: 'a large file',
      }));
      expect(sim.git(['show', `${commit.sha}:big.json`])).toBe(big.trimEnd());
      const blobs = sim.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/git/blobs'));
      expect(blobs.map((r) => [r.path, r.status])).toEqual([
        [`/repos/${sim.owner}/${sim.repo}/git/blobs`, 201],
      ]);
    } finally {
      await sim.close();
    }
  });

  it('travels as a git blob, byte for byte, in a request GitHub declares', async () => {
    const sim = new GitHubSim();
    await sim.start();
    try {
      const repository = new EvidenceRepository(
        createGitHub({
          token: sim.token,
          baseUrl: sim.url,
          userAgent: 'test',
          log: () => {},
          retryBaseMs: 1,
        }),
        { owner: sim.owner, repo: sim.repo },
        { branch: '', serverUrl: 'https://github.com' },
      );
      // 3 MB and 600 KB of JSON with text outside ASCII: over the inline limit, cut into base64 pieces.
      // Written in pieces as a run writes its data files: kept compressed, sent in base64 parts.
      const records = Array.from({ length: 40_000 }, (_, i) => ({
        i,
        name: `café ✓ ${'x'.repeat(50 + (i % 3))}`,
      }));
      const big = toJson(records);
      const medium = big.slice(0, 600_000);
      // GitHub's edge fails the first blob once: the retry sends the whole body again.
      sim.failNext.push({ path: '/git/blobs', status: 502 });
      const commit = await repository.commit(async () => ({
        files: new FileSet()
          .write('big.json', jsonPieces(records))
          .set('medium.json', medium)
          .set('small.json', '{}\n'),
        message: 'large files',
      }));
      expect(commit.created).toBe(true);
      expect(sim.git(['show', `${commit.sha}:big.json`])).toBe(big.trimEnd());
      expect(sim.git(['show', `${commit.sha}:medium.json`])).toBe(medium.trimEnd());
      const blobs = sim.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/git/blobs'));
      expect(blobs.map((r) => r.status).sort()).toEqual([201, 201, 502]);
      // Made while sent, yet each with a Content-Length, as a body given whole would be: never chunked.
      expect(blobs.every((r) => !r.chunked)).toBe(true);
      const sizes = blobs.filter((r) => r.status === 201).map((r) => r.bytes);
      expect(sizes.sort((a, b) => a - b)).toEqual(
        [medium, big].map((text) => 32 + Math.ceil(Buffer.byteLength(text) / 3) * 4 + 2),
      );
      expect(checkAgainstSpec(sim.requests)).toContain('git/create-blob');
    } finally {
      await sim.close();
    }
  });
});
