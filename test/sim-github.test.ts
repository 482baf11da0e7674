// The GitHub simulator must answer as GitHub does: its responses are compared with responses GitHub really gave,
// recorded in @octokit/fixtures. Every field the simulator sends must exist in GitHub's answer, with the same
// type; it may leave out fields the action never reads.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GitHubSim } from './sim/github.js';

type Recorded = {
  method: string;
  path: string;
  status: number;
  response: unknown;
  headers?: Record<string, string>;
};
const fixtures = join(
  dirname(createRequire(import.meta.url).resolve('@octokit/fixtures/package.json')),
  'scenarios/api.github.com',
);
const recorded = (scenario: string, method: string, path: RegExp): Recorded => {
  const all = JSON.parse(
    readFileSync(join(fixtures, scenario, 'normalized-fixture.json'), 'utf8'),
  ) as Recorded[];
  const found = all.find((r) => r.method === method && path.test(r.path));
  if (!found) throw new Error(`no ${method} ${path} in ${scenario}`);
  return found;
};

const kind = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);
/** Fields of `sim` that GitHub's `real` does not have, or has with another type. */
function strays(sim: unknown, real: unknown, path = ''): string[] {
  if (real === null || sim === null) return [];
  if (kind(sim) !== kind(real)) return [`${path || '(root)'}: ${kind(sim)}, GitHub sends ${kind(real)}`];
  if (Array.isArray(sim))
    return sim.length && (real as unknown[]).length
      ? strays(sim[0], (real as unknown[])[0], `${path}[]`)
      : [];
  if (kind(sim) !== 'object') return [];
  return Object.entries(sim as object).flatMap(([key, value]) =>
    key in (real as object)
      ? strays(value, (real as Record<string, unknown>)[key], `${path}.${key}`)
      : [`${path}.${key}: GitHub sends no such field`],
  );
}

let sim: GitHubSim;
const call = async (method: string, path: string, body?: unknown, accept = 'application/vnd.github+json') => {
  const res = await fetch(`${sim.url}/repos/acme/compliance${path}`, {
    method,
    headers: { authorization: `token ${sim.token}`, accept, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return {
    status: res.status,
    headers: res.headers,
    body: res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text,
  };
};

beforeAll(async () => {
  sim = new GitHubSim({ initialCommit: true });
  await sim.start();
});
afterAll(() => sim.close());

describe('the GitHub simulator answers as GitHub does', () => {
  it('git refs: read, create and move a branch', async () => {
    const head = sim.branchHead()!;
    const created = await call('POST', '/git/refs', { ref: 'refs/heads/test', sha: head });
    expect(created.status).toBe(recorded('git-refs', 'post', /\/git\/refs$/).status);
    expect(strays(created.body, recorded('git-refs', 'post', /\/git\/refs$/).response)).toEqual([]);
    const moved = await call('PATCH', '/git/refs/heads/test', { sha: head, force: false });
    expect(moved.status).toBe(200);
    expect(strays(moved.body, recorded('git-refs', 'patch', /\/git\/refs\/heads\/test$/).response)).toEqual(
      [],
    );
    const read = await call('GET', '/git/ref/heads/test');
    expect(
      strays(read.body, (recorded('git-refs', 'get', /\/git\/refs\/$/).response as unknown[])[0]),
    ).toEqual([]);
  });

  it('contents: a raw file, as Octokit asks for it, and a file created through the API', async () => {
    const raw = await call('GET', '/contents/README.md', undefined, 'application/vnd.github.v3.raw');
    const real = recorded('get-content', 'get', /\/contents\/README\.md$/);
    expect(raw.headers.get('content-type')).toBe(real.headers?.['content-type']);
    expect(raw.body).toBe('# compliance\n');
    const created = await call('PUT', '/contents/test.txt', {
      message: 'm',
      content: Buffer.from('hi\n').toString('base64'),
    });
    expect(created.status).toBe(201);
    const realCreated = recorded('create-file', 'put', /\/contents\/test\.txt$/).response as Record<
      string,
      unknown
    >;
    expect(Object.keys(created.body).sort()).toEqual(Object.keys(realCreated).sort());
    expect(strays(created.body.content, realCreated.content)).toEqual([]);
  });

  it('issues: created, listed page by page with a Link header, labelled', async () => {
    for (let i = 0; i < 4; i++)
      await call('POST', '/issues', { title: `issue ${i}`, body: 'b', labels: ['heroku-evidence'] });
    const created = await call('POST', '/issues', { title: 'five', body: 'b', labels: ['heroku-evidence'] });
    expect(strays(created.body, recorded('add-labels-to-issue', 'post', /\/issues$/).response)).toEqual([]);
    const page = await call('GET', '/issues?per_page=3&state=all&labels=heroku-evidence');
    const real = recorded('paginate-issues', 'get', /\/issues\?per_page=3$/);
    expect(strays(page.body, real.response)).toEqual([]);
    expect(page.headers.get('link')).toMatch(
      /^<http:\/\/127\.0\.0\.1:\d+\/repos\/acme\/compliance\/issues\?per_page=3&state=all&labels=heroku-evidence&page=2>; rel="next"$/,
    );
    expect(real.headers?.link).toMatch(/<[^>]+page=2>; rel="next"/);
    const labelled = await call('POST', '/issues/1/labels', { labels: ['waived'] });
    expect(
      strays(labelled.body, recorded('add-labels-to-issue', 'post', /\/issues\/1\/labels$/).response),
    ).toEqual([]);
  });

  it('labels: listed and created', async () => {
    const created = await call('POST', '/labels', { name: 'control:HEROKU-TLS-1', color: 'ededed' });
    expect(created.status).toBe(201);
    expect(strays(created.body, recorded('labels', 'post', /\/labels$/).response)).toEqual([]);
    const list = await call('GET', '/labels');
    expect(strays(list.body, recorded('labels', 'get', /\/labels$/).response)).toEqual([]);
  });

  it('errors: a 422 carries GitHub’s message and documentation_url', async () => {
    const error = await call('POST', '/labels', { name: 'control:HEROKU-TLS-1', color: 'ededed' });
    const real = recorded('errors', 'post', /\/labels$/);
    expect(error.status).toBe(real.status);
    expect(strays(error.body, real.response)).toEqual([]);
    expect(error.body.message).toBe((real.response as { message: string }).message);
  });

  it('the comparison itself finds a field GitHub does not send', () => {
    expect(strays({ ref: 'x', invented: 1 }, { ref: 'y' })).toEqual([
      '.invented: GitHub sends no such field',
    ]);
  });
});
