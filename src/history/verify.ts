// `verify`: checks a local clone of the evidence repository end to end, with git and Node and no token. It reads the
// whole history of the evidence folder once (evidence-context.ts), then runs one function per check; each problem
// is one line `<file> @ <commit>: <what>`. It never reports success on nothing: a folder with no evidence is an
// error of its own (NoEvidence), and the last line says how much was verified and when the evidence stops.
import { DEFAULT_EVIDENCE_FOLDER, inEvidence, isInventoryPath, STATE_FILE } from '../evidence/layout.js';
import { type Evidence, readEvidence } from './evidence-context.js';
import { GitReader } from './git.js';
import { readTrustedKeys } from './signatures.js';
import { GITHUB_WEB_FLOW_KEYS } from './trusted-keys.js';
import { checkCommitDates, checkSignatures } from './verify-commits.js';
import { checkAuditDays, checkLedger, checkState } from './verify-records.js';
import { checkManifestChain, checkRunFolders, checkWrittenOnce } from './verify-runs.js';

export interface VerifyOptions {
  /** Armored OpenPGP public keys to trust instead of GitHub's web-flow keys. */
  trustedKeys?: string;
  /** Signature problems become warnings: printed and counted, but not failing. */
  allowUnsigned?: boolean;
}

export interface Verification {
  problems: string[];
  warnings: string[];
  runs: number;
  files: number;
  ledgerLines: number;
  auditDays: number;
  newest: { path: string; collectedAt: string; commit: string | null } | null;
}

/**
 * The evidence folder (relative to the repository's top) that `path` names or holds: `path` itself, or its
 * `heroku-evidence/` (or the `--evidence-path` given), whichever has a state.json or an inventory folder at HEAD.
 * Null when there is none, or no commit at all: `verify` then says so and exits 2, never "verified nothing".
 */
export function locateEvidence(repository: string, path: string, evidencePath?: string): string | null {
  const git = new GitReader(repository);
  const head = git.head();
  if (!head) return null;
  const join = (a: string, b: string) => (a ? `${a.replace(/\/+$/, '')}/${b}` : b).replace(/\/+$/, '');
  const candidates = evidencePath ? [join(path, evidencePath)] : [path, join(path, DEFAULT_EVIDENCE_FOLDER)];
  for (const candidate of candidates) {
    const prefix = inEvidence(candidate, '');
    const paths = [...git.tree(head, candidate).keys()].map((p) => p.slice(prefix.length));
    if (paths.some((p) => p === STATE_FILE || isInventoryPath(p))) return candidate;
  }
  return null;
}

/** `root`: the evidence folder inside the repository, relative to its top (`heroku-evidence`, or '' for the top). */
export async function verifyClone(
  repository: string,
  root: string,
  options: VerifyOptions = {},
): Promise<Verification> {
  const keys = await readTrustedKeys(options.trustedKeys ?? GITHUB_WEB_FLOW_KEYS);
  const evidence = readEvidence(new GitReader(repository), root);
  checkRunFolders(evidence);
  checkWrittenOnce(evidence);
  checkManifestChain(evidence);
  checkCommitDates(evidence);
  await checkSignatures(evidence, keys, options.allowUnsigned ?? false);
  checkAuditDays(evidence);
  const ledgerLines = checkLedger(evidence);
  checkState(evidence);
  return summary(evidence, ledgerLines);
}

function summary(evidence: Evidence, ledgerLines: number): Verification {
  const newest = evidence.runs.at(-1);
  return {
    problems: evidence.problems,
    warnings: evidence.warnings,
    runs: evidence.runs.length,
    files: evidence.runs.reduce((n, run) => n + run.files.size, 0),
    ledgerLines,
    auditDays: evidence.auditFiles.length,
    newest: newest
      ? {
          path: inEvidence(evidence.root, newest.path),
          collectedAt: newest.manifest?.collectedAt ?? 'unknown',
          commit: newest.writer?.sha ?? null,
        }
      : null,
  };
}

/** The last line: what was verified, the verdict, and when the evidence stops (the newest run). */
export function verdictLine(v: Verification): string {
  const counts = `Verified ${v.runs} runs, ${v.files} files, ${v.ledgerLines} ledger lines and ${v.auditDays} audit days`;
  const verdict = v.problems.length
    ? `${v.problems.length} problem(s) found`
    : `no problem found${v.warnings.length ? ` (${v.warnings.length} warning(s))` : ''}`;
  const newest = v.newest
    ? `newest run ${v.newest.path} collected ${v.newest.collectedAt}, commit ${v.newest.commit ?? 'unknown'}`
    : 'no inventory run';
  return `${counts}: ${verdict}; ${newest}.`;
}
