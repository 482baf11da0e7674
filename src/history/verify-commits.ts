// The commits: every commit that changed the evidence folder carries a valid signature by a trusted key (GitHub's
// web-flow key signs and dates the commits its API creates), and each run was committed while it was fresh: no
// earlier than its collection began, and within an hour after it ended.
import type { PublicKey } from 'openpgp';
import { RUN_FILES, runOfPath } from '../evidence/layout.js';
import type { Evidence } from './evidence-context.js';
import type { HistoryCommit } from './git.js';
import { signatureProblem } from './signatures.js';

/** How long after its collection ended a run may be committed: the commit step and GitHub's retries. */
const COMMIT_WINDOW_MS = 60 * 60_000;

/** Every commit that changed the evidence folder, signed by a trusted key; warnings only with --allow-unsigned. */
export async function checkSignatures(
  evidence: Evidence,
  keys: PublicKey[],
  allowUnsigned: boolean,
): Promise<void> {
  const commits = evidence.history.filter((c) => c.changes.length > 0);
  for (let from = 0; from < commits.length; from += 256) {
    const batch = commits.slice(from, from + 256);
    const raw = evidence.git.objects(batch.map((c) => c.sha));
    for (const commit of batch) {
      const problem = await signatureProblem(raw.get(commit.sha) ?? Buffer.alloc(0), keys);
      if (problem === null) continue;
      if (allowUnsigned) {
        const before = evidence.problems.length;
        evidence.problem(mainPath(commit), commit.sha, `${problem} (warning: --allow-unsigned)`);
        evidence.warnings.push(...evidence.problems.splice(before));
      } else evidence.problem(mainPath(commit), commit.sha, problem);
    }
  }
}

/** What a commit is about, to name it by: the run folder it wrote, else the first file it changed. */
function mainPath(commit: HistoryCommit): string {
  const run = commit.changes.map((c) => runOfPath(c.path)).find(Boolean);
  return run ? `${run}/` : (commit.changes[0]?.path ?? '');
}

/** Each run's commit dated between the start of its collection and an hour after its end. */
export function checkCommitDates(evidence: Evidence): void {
  for (const run of evidence.runs) {
    if (!run.writer || !run.manifest) continue;
    const file = `${run.path}/${RUN_FILES.manifest}`;
    const committed = run.writer.time * 1000;
    const when = new Date(committed).toISOString().replace('.000Z', 'Z');
    const began = Date.parse(run.manifest.collectedAt ?? '');
    // Git dates commits to the second: a collection that began within that second is not "before".
    if (!Number.isNaN(began) && committed < Math.floor(began / 1000) * 1000)
      evidence.problem(
        file,
        run.writer.sha,
        `committed at ${when}, before its collection began (${run.manifest.collectedAt})`,
      );
    const ended = Date.parse(run.manifest.completedAt ?? '');
    if (!Number.isNaN(ended) && committed > ended + COMMIT_WINDOW_MS)
      evidence.problem(
        file,
        run.writer.sha,
        `committed at ${when}, ${Math.round((committed - ended) / 60_000)} minutes after its collection ended (${run.manifest.completedAt}); at most ${COMMIT_WINDOW_MS / 60_000} are allowed`,
      );
  }
}
