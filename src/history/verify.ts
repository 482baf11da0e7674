// `verify`: checks a local clone of the evidence repository end to end, with git and no token. Every run folder
// against its SHA256SUMS, the manifest hash chain from the first run to the last, one commit per run folder and no
// change after it, audit day files that only ever gained events, and the ledger against the manifests.
import { execFileSync } from 'node:child_process';
import { monthOfLedger, monthOfRun, runOfManifest } from '../evidence/layout.js';
import { parseLedger } from '../evidence/ledger.js';
import { sha256 } from '../shared/hash.js';

export interface Verification {
  problems: string[];
  runs: number;
  files: number;
  days: number;
}

/** `root`: the evidence folder inside the repository, relative to its top (`heroku-evidence`, or `.`). */
export function verifyClone(repository: string, root: string): Verification {
  const git = (...args: string[]) =>
    execFileSync('git', args, { cwd: repository, encoding: 'utf8', maxBuffer: 1 << 30 }).trimEnd();
  const gitBytes = (...args: string[]) => execFileSync('git', args, { cwd: repository, maxBuffer: 1 << 30 });
  const prefix = root === '.' || root === '' ? '' : `${root.replace(/\/+$/, '')}/`;
  const head = git('rev-parse', 'HEAD');
  const problems: string[] = [];
  const tracked = git('ls-tree', '-r', '--name-only', 'HEAD', '--', prefix || '.')
    .split('\n')
    .filter(Boolean);
  const show = (path: string, commit = head) => gitBytes('show', `${commit}:${path}`);

  // Run folders, oldest first (their names are their UTC start times).
  const runs = tracked
    .map((p) => (p.startsWith(prefix) ? runOfManifest(p.slice(prefix.length)) : null))
    .filter((r): r is string => r !== null)
    .map((r) => `${prefix}${r}`)
    .sort();
  let files = 0;
  let previousManifest: string | null = null;
  const manifests = new Map<string, { sha: string; previous: string | null }>();
  for (const run of runs) {
    const sums = tracked.includes(`${run}/SHA256SUMS`) ? show(`${run}/SHA256SUMS`).toString('utf8') : null;
    if (sums === null) problems.push(`${run}/SHA256SUMS @ ${head}: missing`);
    const listed = new Set<string>();
    for (const line of (sums ?? '').split('\n').filter(Boolean)) {
      const match = /^([0-9a-f]{64}) [ *](.+)$/.exec(line);
      if (!match) {
        problems.push(`${run}/SHA256SUMS @ ${head}: unreadable line "${line.slice(0, 80)}"`);
        continue;
      }
      const [, expected, name] = match as unknown as [string, string, string];
      listed.add(name);
      files++;
      if (!tracked.includes(`${run}/${name}`)) {
        problems.push(`${run}/${name} @ ${head}: listed in SHA256SUMS but missing`);
        continue;
      }
      const actual = sha256(show(`${run}/${name}`));
      if (actual !== expected)
        problems.push(`${run}/${name} @ ${head}: sha256 ${actual}, SHA256SUMS says ${expected}`);
    }
    for (const path of tracked.filter(
      (p) => p.startsWith(`${run}/`) && !p.slice(run.length + 1).includes('/'),
    )) {
      const name = path.slice(run.length + 1);
      if (name !== 'SHA256SUMS' && !listed.has(name))
        problems.push(`${path} @ ${head}: not listed in SHA256SUMS`);
    }
    const manifestBytes = show(`${run}/manifest.json`);
    let previous: string | null = null;
    try {
      previous =
        (JSON.parse(manifestBytes.toString('utf8')) as { previousManifestSha256?: string | null })
          .previousManifestSha256 ?? null;
    } catch {
      problems.push(`${run}/manifest.json @ ${head}: not JSON`);
    }
    if (previousManifest !== null && previous !== previousManifest)
      problems.push(
        `${run}/manifest.json @ ${head}: previousManifestSha256 ${previous}, the previous run's manifest has ${previousManifest}`,
      );
    const sha = sha256(manifestBytes);
    manifests.set(run.slice(prefix.length), { sha, previous });
    previousManifest = sha;

    // Written by exactly one commit, and never changed after it.
    const commits = git('log', '--format=%H', head, '--', `${run}/`).split('\n').filter(Boolean);
    if (commits.length !== 1)
      problems.push(
        `${run}/ @ ${commits[0] ?? head}: changed by ${commits.length} commits (${commits.map((c) => c.slice(0, 12)).join(', ')}); a run folder is written once`,
      );
  }
  // A run folder deleted after it was committed.
  const everRuns = new Set(
    git('log', '--format=', '--name-only', '--diff-filter=A', head, '--', `${prefix}inventory/`)
      .split('\n')
      .map((p) => (p.startsWith(prefix) ? runOfManifest(p.slice(prefix.length)) : null))
      .filter((r): r is string => r !== null)
      .map((r) => `${prefix}${r}`),
  );
  for (const run of [...everRuns].filter((r) => !runs.includes(r)).sort()) {
    const gone = git('log', '-1', '--format=%H', '--diff-filter=D', head, '--', `${run}/manifest.json`);
    problems.push(`${run}/ @ ${gone || head}: deleted after it was committed`);
  }

  // Audit day files only ever gain events, and an event once recorded never changes.
  const auditFiles = tracked.filter((p) => p.startsWith(`${prefix}audit/`) && p.endsWith('.json'));
  for (const file of auditFiles) {
    const versions = git('log', '--format=%H', '--reverse', head, '--', file).split('\n').filter(Boolean);
    let before = new Map<string, string>();
    for (const commit of versions) {
      let events: { id?: string }[] = [];
      try {
        events =
          (JSON.parse(show(file, commit).toString('utf8')) as { events?: { id?: string }[] }).events ?? [];
      } catch {
        problems.push(`${file} @ ${commit}: not JSON`);
        continue;
      }
      const now = new Map(events.map((e) => [String(e.id), JSON.stringify(e)]));
      for (const [id, text] of before) {
        if (!now.has(id)) problems.push(`${file} @ ${commit}: event ${id} was dropped`);
        else if (now.get(id) !== text) problems.push(`${file} @ ${commit}: event ${id} was changed`);
      }
      before = now;
    }
  }

  // The ledger agrees with the manifests it names, and chains line to line.
  const ledgers = tracked.filter((p) => p.startsWith(`${prefix}ledger/`) && p.endsWith('.jsonl')).sort();
  let previousLine: string | null = null;
  const inLedger = new Set<string>();
  for (const file of ledgers) {
    let lines: ReturnType<typeof parseLedger> = [];
    try {
      lines = parseLedger(show(file).toString('utf8'), file);
    } catch (error) {
      problems.push(`${file} @ ${head}: ${(error as Error).message}`);
    }
    for (const { line, text } of lines) {
      inLedger.add(line.path);
      const manifest = manifests.get(line.path);
      if (!manifest) problems.push(`${file} @ ${head}: names run ${line.path}, which has no manifest`);
      else if (manifest.sha !== line.manifestSha256)
        problems.push(
          `${file} @ ${head}: run ${line.path} manifest sha256 is ${manifest.sha}, the ledger says ${line.manifestSha256}`,
        );
      if (previousLine !== null && line.previousLineSha256 !== previousLine)
        problems.push(
          `${file} @ ${head}: the line of ${line.path} names previous line ${line.previousLineSha256}, expected ${previousLine}`,
        );
      previousLine = sha256(text);
    }
  }
  // Runs of months the ledger covers must each have their line.
  const months = new Set(ledgers.map((f) => monthOfLedger(f.slice(prefix.length))));
  for (const run of manifests.keys()) {
    const month = monthOfRun(run);
    if (months.has(month) && !inLedger.has(run))
      problems.push(`${prefix}${run}/ @ ${head}: no line in the ledger`);
  }
  return { problems, runs: runs.length, files, days: auditFiles.length };
}
