// One account collected across a matrix of jobs (collect: plan, shard, merge), end to end on the simulators: each
// shard with the token of its own service account (its own identity and rate-limit pool), merged into one run.
import { mkdtempSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DATA_FILES } from '../src/evidence/files.js';
import { type ActionResult, runAction, runBundle } from './helpers/action.js';
import { GitHubSim } from './sim/github.js';
import { HerokuSim } from './sim/heroku.js';
import { addServiceAccount, allApps, generateWorld, type World } from './sim/world.js';

const DAY1 = new Date('2026-11-22T06:00:00Z');
const DAY2 = new Date('2026-11-23T06:00:00Z');
const SHARD_TOKENS = [1, 2, 3].map((n) => `HRKU-shard-${n}-${'0'.repeat(30)}`);

let world: World;
let heroku: HerokuSim;
let github: GitHubSim;
beforeEach(async () => {
  world = generateWorld({ teams: 6, apps: 30, auditDays: 3 });
  for (const [i, token] of SHARD_TOKENS.entries())
    addServiceAccount(world, token, `evidence-shard-${i + 1}@acme.example`);
  heroku = new HerokuSim(world);
  await heroku.start();
  github = new GitHubSim();
  await github.start();
});
afterEach(async () => {
  await heroku.close();
  await github.close();
});

const ISSUES = { 'max-new-issues': '200' };

/** The three jobs of the README's workflow; `skip` leaves shards out, as a cancelled or failed matrix job would. */
async function sharded(
  now: Date,
  options: { skip?: number[]; gh?: GitHubSim } = {},
): Promise<{ dir: string; plan: ActionResult; merge: () => Promise<ActionResult> }> {
  const dir = mkdtempSync(join(tmpdir(), 'shards-'));
  const plan = await runAction(heroku, undefined, { collect: 'plan', shards: '3', 'shard-dir': dir }, now);
  expect(plan.failed, plan.log).toBe(false);
  for (const shard of JSON.parse(plan.outputs.matrix!) as number[]) {
    if (options.skip?.includes(shard)) continue;
    const result = await runAction(
      heroku,
      undefined,
      {
        collect: 'shard',
        shard: String(shard),
        'shard-dir': dir,
        'heroku-api-token': SHARD_TOKENS[shard - 1]!,
      },
      now,
    );
    expect(result.failed, result.log).toBe(false);
  }
  const gh = options.gh ?? github;
  return {
    dir,
    plan,
    merge: () => runAction(heroku, gh, { collect: 'merge', 'shard-dir': dir, ...ISSUES }, now),
  };
}

const planOf = (dir: string) =>
  JSON.parse(readFileSync(join(dir, 'plan.json'), 'utf8')) as {
    digest: string;
    shards: { shard: number; teams: { id: string; name: string }[] }[];
  };
const show = (gh: GitHubSim, path: string) => gh.git(['show', `main:${path}`]);

describe('collect: plan, shard, merge', () => {
  it('plans every team to one shard, and merges complete shards into data files identical to one run', async () => {
    const single = new GitHubSim();
    await single.start();
    try {
      const one = await runAction(heroku, single, { collect: 'all', ...ISSUES }, DAY1);
      expect(one.failed, one.log).toBe(false);

      const beforeShards = heroku.requests.length;
      const { dir, plan, merge } = await sharded(DAY1);
      expect(JSON.parse(plan.outputs.matrix!)).toEqual([1, 2, 3]);
      const planned = planOf(dir);
      expect(planned.shards.flatMap((s) => s.teams.map((t) => t.name)).sort()).toEqual(
        world.teams.map((t) => t.name as string).sort(),
      );
      expect(planned.shards.filter((s) => s.teams.length > 0).length).toBeGreaterThan(1);
      expect(planned.digest).toMatch(/^[0-9a-f]{64}$/);
      expect(github.branchHead()).toBeNull(); // plan and shards commit nothing

      const beforeMerge = heroku.requests.length;
      const merged = await merge();
      expect(merged.failed, merged.log).toBe(false);
      // The per-app and per-pipeline reads (log drains, features, review-app configs, stage config vars) were the
      // shards', each on its own pool: the merge, on one token, reads none of them again.
      const perApp = /\/(log-drains|features|review-app-config|config-vars)$/;
      const paths = (from: number, to?: number) => heroku.requests.slice(from, to).map((q) => q.path);
      expect(paths(beforeShards, beforeMerge).filter((p) => perApp.test(p)).length).toBeGreaterThan(10);
      expect(paths(beforeMerge).filter((p) => perApp.test(p))).toEqual([]);
      const runPath = merged.outputs['run-path']!;
      expect(runPath).toBe(one.outputs['run-path']);
      for (const name of [...DATA_FILES.map((f) => f.name), 'findings.json'])
        expect(show(github, `${runPath}/${name}`), name).toBe(show(single, `${runPath}/${name}`));

      const manifest = JSON.parse(show(github, `${runPath}/manifest.json`));
      expect(manifest.complete).toBe(true);
      expect(manifest.shards).toEqual(
        [1, 2, 3].map((shard) => ({
          shard,
          account: `evidence-shard-${shard}@acme.example`,
          startedAt: DAY1.toISOString(),
          endedAt: expect.any(String),
          requests: expect.any(Number),
          complete: true,
        })),
      );
      // The merge's requests are the shards' and its own; one run's manifest has no `shards`.
      const oneManifest = JSON.parse(show(single, `${runPath}/manifest.json`));
      expect(oneManifest.shards).toBeUndefined();
      expect(manifest.requests).toBeGreaterThan(oneManifest.requests);
      // As many commits as one run makes (its evidence commit), and one ledger line.
      const log = (gh: GitHubSim) => gh.git(['log', '--format=%s', 'main']).replace(/\d+ requests?/g, '');
      expect(log(github)).toBe(log(single));
      expect(show(github, `heroku-evidence/ledger/2026-11.jsonl`).trim().split('\n')).toHaveLength(1);
    } finally {
      await single.close();
    }
  });

  it("reads production apps by the plan's productionApps, and all of them itself when the merge's policy differs", async () => {
    const policy = join(mkdtempSync(join(tmpdir(), 'policy-')), 'policy.yml');
    writeFileSync(policy, 'productionApps:\n  - "*-stag"\n');
    const single = new GitHubSim();
    await single.start();
    try {
      const one = await runAction(heroku, single, { collect: 'all', policy, ...ISSUES }, DAY1);
      expect(one.failed, one.log).toBe(false);
      // The plan (and so its shards) without the policy, the merge with it, as a workflow that forgot one.
      const { dir } = await sharded(DAY1);
      const mark = heroku.requests.length;
      const merged = await runAction(
        heroku,
        github,
        { collect: 'merge', 'shard-dir': dir, policy, ...ISSUES },
        DAY1,
      );
      expect(merged.failed, merged.log).toBe(false);
      expect(merged.log).toContain("The plan's productionApps differ from this job's policy");
      const drains = heroku.requests.slice(mark).filter((q) => q.path.endsWith('/log-drains'));
      expect(drains.length).toBeGreaterThan(0);
      const runPath = merged.outputs['run-path']!;
      for (const name of [...DATA_FILES.map((f) => f.name), 'findings.json'])
        expect(show(github, `${runPath}/${name}`), name).toBe(show(single, `${runPath}/${name}`));
    } finally {
      await single.close();
    }
  });

  it('a shard that did not arrive is a gap per team, and the issues about its teams stay exactly as they are', async () => {
    const first = await (await sharded(DAY1)).merge();
    expect(first.failed, first.log).toBe(false);
    const before = structuredClone(github.issues);

    // The shard whose teams have the most open issues does not arrive on the next day.
    const next = await sharded(DAY2, { skip: [] });
    const plan = planOf(next.dir);
    const teamOfApp = new Map(allApps(world).map((a) => [a.name, a.team.name]));
    const teamOf = (issue: { body: string }) => {
      const resource = /heroku-evidence:fingerprint [^/]+\/(\S+) -->/.exec(issue.body)?.[1] ?? '';
      const [kind, first = ''] = resource.split('/');
      return kind === 'team' ? first : (teamOfApp.get(first) ?? '');
    };
    const byShard = plan.shards.map((s) => ({
      shard: s.shard,
      teams: s.teams.map((t) => t.name),
      issues: before.filter((i) => i.state === 'open' && s.teams.some((t) => t.name === teamOf(i))),
    }));
    const lost = byShard.sort((a, b) => b.issues.length - a.issues.length)[0]!;
    expect(lost.issues.length).toBeGreaterThan(0);
    renameSync(join(next.dir, `shard-${lost.shard}`), join(next.dir, 'lost'));

    const merged = await next.merge();
    expect(merged.failed, merged.log).toBe(false);
    const runPath = merged.outputs['run-path']!;
    const manifest = JSON.parse(show(github, `${runPath}/manifest.json`));
    expect(manifest.complete).toBe(false);
    expect(manifest.shards.find((s: { shard: number }) => s.shard === lost.shard)).toEqual({
      shard: lost.shard,
      account: null,
      startedAt: null,
      endedAt: null,
      requests: null,
      complete: false,
    });
    for (const team of lost.teams)
      expect(manifest.gaps).toContainEqual({
        resource: 'team',
        scope: `team/${team}`,
        reason: expect.stringContaining(`Shard ${lost.shard} did not arrive`),
      });
    const findings = JSON.parse(show(github, `${runPath}/findings.json`)) as {
      control: string;
      resource: string;
      status: string;
    }[];
    for (const team of lost.teams)
      expect(findings).toContainEqual(
        expect.objectContaining({ control: 'HEROKU-COVERAGE-1', resource: `team/${team}`, status: 'fail' }),
      );
    // No comment, no state change, no close on any issue about the lost teams.
    for (const issue of lost.issues) {
      const now = github.issues.find((i) => i.number === issue.number)!;
      expect({ state: now.state, body: now.body, title: now.title, comments: now.comments }).toEqual({
        state: issue.state,
        body: issue.body,
        title: issue.title,
        comments: issue.comments,
      });
    }
  });

  it('stops with one sentence and commits nothing for a shard of another plan or a shard present twice', async () => {
    const { dir, merge } = await sharded(DAY1);
    // A part of another plan: the plan was re-run, and a shard's artifact comes from the earlier one.
    const path = join(dir, 'shard-2', 'shard.json');
    const part = readFileSync(path, 'utf8');
    writeFileSync(path, part.replace(/"planDigest":"[0-9a-f]+"/, `"planDigest":"${'0'.repeat(64)}"`));
    const other = await merge();
    expect(other.failed).toBe(true);
    expect(other.log).toMatch(/shard-2\/shard\.json belongs to another plan .*nothing was committed\./);
    expect(github.branchHead()).toBeNull();
    expect(github.issues).toEqual([]);

    // The same shard twice: one artifact downloaded into two folders.
    writeFileSync(path, part);
    const copy = join(dir, 'again', 'shard-2');
    await import('node:fs/promises').then((fs) => fs.cp(join(dir, 'shard-2'), copy, { recursive: true }));
    const twice = await merge();
    expect(twice.failed).toBe(true);
    expect(twice.log).toMatch(
      /Shard 2 is present twice \(.*shard-2\/shard\.json and .*shard-2\/shard\.json\)/,
    );
    expect(github.branchHead()).toBeNull();

    // A part cut short (its records gone): one sentence, never "Unexpected error".
    await import('node:fs/promises').then((fs) => fs.rm(join(dir, 'again'), { recursive: true }));
    const cut = JSON.parse(part) as Record<string, unknown>;
    delete cut.records;
    writeFileSync(path, JSON.stringify(cut));
    const broken = await merge();
    expect(broken.failed).toBe(true);
    expect(broken.log).toMatch(/shard-2\/shard\.json is not a whole shard part \(records missing/);
    expect(broken.log).not.toMatch(/Unexpected error/);
    expect(github.branchHead()).toBeNull();
  });

  it('runs as users run it: each job a process of the committed bundle', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'shards-'));
    const plan = await runBundle(heroku, undefined, { collect: 'plan', shards: '2', 'shard-dir': dir });
    expect(plan.failed, plan.log).toBe(false);
    expect(plan.outputs.matrix).toBe('[1,2]');
    for (const shard of [1, 2]) {
      const job = await runBundle(heroku, undefined, {
        collect: 'shard',
        shard: String(shard),
        'shard-dir': dir,
        'heroku-api-token': SHARD_TOKENS[shard - 1]!,
      });
      expect(job.failed, job.log).toBe(false);
    }
    const merge = await runBundle(heroku, github, { collect: 'merge', 'shard-dir': dir });
    expect(merge.failed, merge.log).toBe(false);
    const manifest = JSON.parse(show(github, `${merge.outputs['run-path']}/manifest.json`));
    expect(
      manifest.shards.map((s: { account: string; complete: boolean }) => [s.account, s.complete]),
    ).toEqual([
      ['evidence-shard-1@acme.example', true],
      ['evidence-shard-2@acme.example', true],
    ]);
    expect(manifest.complete).toBe(true);
  });

  it('no shard folder holds a config var value: names only', async () => {
    const app = allApps(world)[0]!;
    world.configVars.get(app.id)!.PLANTED_SECRET = 'planted-value-7f3a9c1e-must-not-leave';
    const { dir } = await sharded(DAY1);
    const texts = (readdirSync(dir, { recursive: true }) as string[])
      .filter((p) => p.endsWith('.json'))
      .map((p) => readFileSync(join(dir, p), 'utf8'));
    expect(texts.join('\n')).toContain('PLANTED_SECRET');
    for (const text of texts) {
      expect(text).not.toContain('planted-value-7f3a9c1e');
      expect(text).not.toContain('s3cr3t-'); // the world's SESSION_SECRET values
      expect(text).not.toContain('postgres://user:pw-');
    }
  });
});
