// What users run is dist/index.js under action.yml: both are checked here, the bundle end to end.
import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { TOOL } from '../src/version.js';
import { runBundle } from './helpers/action.js';
import { GitHubSim } from './sim/github.js';
import { HerokuSim } from './sim/heroku.js';
import { generateWorld } from './sim/world.js';

const read = (path: string) => readFileSync(new URL(`../${path}`, import.meta.url), 'utf8');
const action = parse(read('action.yml')) as {
  runs: { using: string; main: string };
  inputs: Record<string, unknown>;
  outputs: Record<string, unknown>;
};
const sources = (dir: string): string[] =>
  readdirSync(new URL(`../${dir}`, import.meta.url), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(`${dir}/${e.name}`) : [read(`${dir}/${e.name}`)],
  );

describe('action.yml and the bundle', () => {
  it('runs dist/index.js on Node 24', () => {
    expect(action.runs).toEqual({ using: 'node24', main: 'dist/index.js' });
    expect(process.versions.node.split('.')[0]).toBe('24');
  });

  it('declares every input the code reads and every output it sets', () => {
    const code = sources('src').join('\n');
    const inputs = [...code.matchAll(/getInput\('([\w-]+)'\)/g)].map((m) => m[1]!);
    const outputs = [...code.matchAll(/setOutput\('([\w-]+)'/g)].map((m) => m[1]!);
    expect(new Set(inputs)).toEqual(new Set(Object.keys(action.inputs)));
    expect(new Set(outputs)).toEqual(new Set(Object.keys(action.outputs)));
  });

  it('is an ES module with no module ncc left unresolved', () => {
    expect(JSON.parse(read('dist/package.json'))).toEqual({ type: 'module' });
    const unresolved = [...read('dist/index.js').matchAll(/eval\("require"\)\("([^"]+)"\)/g)].map(
      (m) => m[1],
    );
    expect(unresolved.filter((name) => name !== 'supports-color')).toEqual([]);
    // The auditors' command line is bundled beside it, runnable with no install but Node.
    expect(JSON.parse(read('package.json')).bin).toEqual({ 'heroku-evidence': 'dist/cli/index.js' });
    expect(read('dist/cli/index.js').startsWith('#!/usr/bin/env node\n')).toBe(true);
    const cli = [...read('dist/cli/index.js').matchAll(/eval\("require"\)\("([^"]+)"\)/g)].map((m) => m[1]);
    expect(cli.filter((name) => name !== 'supports-color')).toEqual([]);
  });

  it('bundles the auditors\u2019 command line without the Actions toolkit, small enough to read', () => {
    // An auditor needs git and Node: neither the artifact client nor Octokit belongs in what they run.
    const cli = read('dist/cli/index.js');
    expect(cli).not.toContain('DefaultArtifactClient');
    expect(cli).not.toContain('ACTIONS_RUNTIME_TOKEN');
    expect(Buffer.byteLength(cli)).toBeLessThan(2 * 1024 * 1024);
  });

  it('names the version of package.json', () => {
    expect(TOOL.version).toBe(JSON.parse(read('package.json')).version);
  });
});

describe('the bundle, end to end', () => {
  let heroku: HerokuSim;
  let github: GitHubSim;
  beforeAll(async () => {
    heroku = new HerokuSim(generateWorld({ apps: 9, auditDays: 2 }));
    github = new GitHubSim();
    await heroku.start();
    await github.start();
  });
  afterAll(async () => {
    await heroku.close();
    await github.close();
  });

  it('collects, commits the evidence and files the issues', async () => {
    const result = await runBundle(heroku, github, {
      collect: 'all',
      'audit-backfill-days': '2',
      'upload-artifact': 'true',
    });
    expect(result.failed, result.log).toBe(false);
    expect(github.branchHead()).toBe(result.outputs['evidence-commit']);
    expect(result.outputs['run-path']).toMatch(/^heroku-evidence\/inventory\/\d{4}\/\d{2}\/\d{2}\/\d{6}Z$/);
    expect(github.issues.length).toBe(Number(result.outputs['failed-controls']));
    expect(result.log).toContain('upload-artifact: not running in GitHub Actions');
    // The bundle names the version of package.json to Heroku and in the manifest.
    const version = JSON.parse(read('package.json')).version;
    expect(new Set(heroku.requests.map((r) => r.userAgent))).toEqual(
      new Set([`heroku-evidence/${version} (+GitHub Action)`]),
    );
    const manifest = JSON.parse(github.git(['show', `HEAD:${result.outputs['run-path']}/manifest.json`]));
    expect(manifest.tool).toEqual({ name: 'heroku-evidence', version });
  });
});
