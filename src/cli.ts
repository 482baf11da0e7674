#!/usr/bin/env node
// The auditors' command line, on a local clone of the evidence repository, with git and Node and no token:
//   heroku-evidence verify [path]                 checks every run, the hash chains, the history and its signatures
//   heroku-evidence report --period P [path]      writes the period report into a new local folder
// `path` is the clone's root or the evidence folder inside it (default: the current folder); the evidence folder is
// found as `heroku-evidence/` or named with --evidence-path.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { relative, resolve } from 'node:path';
import { inEvidence } from './evidence/layout.js';
import { runCommits } from './history/commits.js';
import { generateReport } from './history/generate.js';
import { GitReader } from './history/git.js';
import { renderReport } from './history/render.js';
import { locateEvidence, verdictLine, verifyClone } from './history/verify.js';
import { readFingerprint } from './issues/render.js';
import { writeLocal } from './shared/files.js';
import { parsePeriod } from './shared/period.js';
import { TOOL } from './version.js';

const USAGE = [
  'usage: heroku-evidence verify [--evidence-path DIR] [--trusted-keys FILE] [--allow-unsigned] [path]',
  '       heroku-evidence report --period P [--evidence-path DIR] [--out DIR]',
  '                              [--github-token T --issues-repository OWNER/NAME] [path]',
].join('\n');
const SWITCHES = new Set(['allow-unsigned']);

interface Located {
  top: string;
  root: string;
}

/** The repository and the evidence folder in it; null (after saying why) when there is no evidence. */
function locate(path: string, evidencePath: string | undefined): Located | null {
  let top: string;
  try {
    top = execFileSync('git', ['rev-parse', '--show-toplevel'], {
      cwd: path,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    console.error(
      `No evidence found: ${path} is not inside a git repository (clone the evidence repository first).`,
    );
    return null;
  }
  const root = locateEvidence(top, relative(top, path), evidencePath);
  if (root === null)
    console.error(
      `No evidence found in ${path}: no state.json and no inventory/ folder at HEAD, there or in ${evidencePath ?? 'heroku-evidence/'}. Pass the clone's root or the evidence folder, or name it with --evidence-path.`,
    );
  return root === null ? null : { top, root };
}

async function main(args: string[]): Promise<number> {
  const [command, ...rest] = args;
  const flags = new Map<string, string>();
  const positional: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    if (!arg.startsWith('--')) positional.push(arg);
    else if (SWITCHES.has(arg.slice(2))) flags.set(arg.slice(2), 'true');
    else flags.set(arg.slice(2), rest[++i] ?? '');
  }
  const path = resolve(positional[0] ?? '.');
  if (command === 'verify') {
    const found = locate(path, flags.get('evidence-path'));
    if (!found) return 2;
    const keysFile = flags.get('trusted-keys');
    const result = await verifyClone(found.top, found.root, {
      trustedKeys: keysFile ? await readFile(keysFile, 'utf8') : undefined,
      allowUnsigned: flags.has('allow-unsigned'),
    });
    for (const line of [...result.problems, ...result.warnings]) console.log(line);
    console.log(verdictLine(result));
    return result.problems.length ? 1 : 0;
  }
  if (command === 'report') {
    const periodText = flags.get('period');
    if (!periodText)
      throw new Error('report needs --period (YYYY-MM, YYYY-Qn, YYYY or YYYY-MM-DD..YYYY-MM-DD).');
    const period = parsePeriod(periodText);
    const found = locate(path, flags.get('evidence-path'));
    if (!found) return 2;
    // Never over the committed report, nor over anything else: the report goes into a new (or empty) folder.
    const out = resolve(flags.get('out') || period.name);
    if (existsSync(out) && readdirSync(out).length > 0)
      throw new Error(`${out} already exists and is not empty: name a new folder with --out.`);
    const git = new GitReader(found.top);
    const read = async (file: string) => git.show('HEAD', inEvidence(found.root, file));
    const touching = async (file: string) =>
      git.text('log', '--format=%H', 'HEAD', '--', inEvidence(found.root, file)).split('\n').filter(Boolean);
    const commits = await runCommits(read, touching, period);
    const token = flags.get('github-token') || process.env.GITHUB_TOKEN;
    const issuesRepo = flags.get('issues-repository');
    const issues = token && issuesRepo ? await issueLinks(issuesRepo, token) : undefined;
    const report = await generateReport(read, { period, now: new Date(), tool: TOOL, commits, issues });
    await writeLocal(out, renderReport(report));
    console.log(
      `Wrote the period report ${period.name} into ${out}: ${report.runs.length} runs, ${report.exceptions.length} exceptions, chain ${report.chain.verified ? 'verified' : 'broken'}.${issues ? '' : ' Issue links are left out (they need --github-token and --issues-repository).'}`,
    );
    return 0;
  }
  console.error(USAGE);
  return 2;
}

/**
 * Issue URLs by fingerprint, as the action links them: every issue labelled `heroku-evidence`, read with plain
 * fetch (the command line carries no GitHub client), a page of 100 at a time.
 */
async function issueLinks(repo: string, token: string): Promise<Map<string, string>> {
  const api = process.env.GITHUB_API_URL || 'https://api.github.com';
  const server = process.env.GITHUB_SERVER_URL || 'https://github.com';
  const links = new Map<string, string>();
  let url = `${api}/repos/${repo}/issues?labels=heroku-evidence&state=all&per_page=100`;
  while (url) {
    const response = await fetch(url, {
      headers: {
        authorization: `Bearer ${token}`,
        accept: 'application/vnd.github+json',
        'user-agent': `${TOOL.name}/${TOOL.version}`,
      },
    });
    if (!response.ok)
      throw new Error(`GitHub answered ${response.status} when listing the issues of ${repo}.`);
    for (const issue of (await response.json()) as {
      number: number;
      body?: string | null;
      pull_request?: unknown;
    }[]) {
      const fingerprint = issue.pull_request ? null : readFingerprint(issue.body);
      if (fingerprint) links.set(fingerprint, `${server}/${repo}/issues/${issue.number}`);
    }
    url = /<([^>]+)>;\s*rel="next"/.exec(response.headers.get('link') ?? '')?.[1] ?? '';
  }
  return links;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 2;
  },
);
