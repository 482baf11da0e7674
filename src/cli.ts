#!/usr/bin/env node
// The auditors' command line, on a local clone of the evidence repository, with no GitHub token:
//   heroku-evidence verify [path]                 checks every run, the hash chains and the history
//   heroku-evidence report --period P [path]      writes the period report into <path>/reports/P/
// `path` is the evidence folder (default: ./heroku-evidence when it exists, else the current folder).
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { generateReport } from './history/generate.js';
import { renderReport } from './history/render.js';
import { verifyClone } from './history/verify.js';
import { defaultPolicy, loadPolicy } from './policy.js';
import { writeLocal } from './shared/files.js';
import { parsePeriod } from './shared/period.js';
import { TOOL } from './version.js';

const USAGE =
  'usage: heroku-evidence verify [path]\n       heroku-evidence report --period P [--policy file] [path]';

async function main(args: string[]): Promise<number> {
  const [command, ...rest] = args;
  const flags = new Map<string, string>();
  const positional: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    if (arg.startsWith('--')) flags.set(arg.slice(2), rest[++i] ?? '');
    else positional.push(arg);
  }
  const folder = resolve(positional[0] ?? (existsSync('heroku-evidence') ? 'heroku-evidence' : '.'));
  if (command === 'verify') {
    const top = execFileSync('git', ['rev-parse', '--show-toplevel'], {
      cwd: folder,
      encoding: 'utf8',
    }).trim();
    const result = verifyClone(top, relative(top, folder) || '.');
    for (const problem of result.problems) console.log(problem);
    if (result.problems.length) {
      console.log(`${result.problems.length} problem(s) found.`);
      return 1;
    }
    console.log(
      `Verified ${result.runs} runs, ${result.files} files and ${result.days} audit days: no problem found.`,
    );
    return 0;
  }
  if (command === 'report') {
    const periodText = flags.get('period');
    if (!periodText)
      throw new Error('report needs --period (YYYY-MM, YYYY-Qn, YYYY or YYYY-MM-DD..YYYY-MM-DD).');
    const period = parsePeriod(periodText);
    const policy = flags.get('policy') ? await loadPolicy(flags.get('policy')!) : defaultPolicy;
    const read = (path: string) => readFile(join(folder, path), 'utf8').catch(() => null);
    const report = await generateReport(read, { period, now: new Date(), policy, tool: TOOL });
    const out = join(folder, 'reports', period.name);
    await writeLocal(out, renderReport(report));
    console.log(
      `Wrote ${out}: ${report.runs.length} runs, ${report.exceptions.length} exceptions, chain ${report.chain.verified ? 'verified' : 'broken'}.`,
    );
    return 0;
  }
  console.error(USAGE);
  return 2;
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
