// `collect: inventory | audit | all | auto`: the pipeline, one named step each: read what the evidence repository
// holds → collect from Heroku → evaluate the controls → assemble and commit the run → sync issues → outputs,
// summary, artifact and annotations. `auto` then writes last month's period report once.
import { join } from 'node:path';
import * as core from '@actions/core';
import { evaluate, evaluatedControls } from '../controls/catalog.js';
import type { Finding } from '../controls/types.js';
import { IssuesError } from '../errors.js';
import { type AssembledRun, assembleRun, nothingBefore } from '../evidence/assemble.js';
import { inEvidence, ledgerFile, RUN_FILES } from '../evidence/layout.js';
import { policySha256 } from '../evidence/policy-file.js';
import {
  type PreviousInventory,
  readPrevious,
  readPreviousInventory,
  readState,
} from '../evidence/previous.js';
import { type Commit, EvidenceRepository } from '../evidence/repository.js';
import { completeAuditDays, countFindings, emptyState, inventoryDue, type State } from '../evidence/state.js';
import { renderJobSummary } from '../evidence/verdict.js';
import { refusePublic, statusOf } from '../github.js';
import { auditDaysToFetch, auditWindowStart } from '../heroku/audit.js';
import type { HerokuClient } from '../heroku/client.js';
import { collect } from '../heroku/collect.js';
import type { Inputs } from '../inputs.js';
import { LABEL } from '../issues/render.js';
import { syncIssues } from '../issues/sync.js';
import type { Policy } from '../policy.js';
import { annotate, failOn, jobSummary, setOutputs, uploadArtifact } from '../run-output.js';
import { writeLocal } from '../shared/files.js';
import type { Snapshot } from '../snapshot/snapshot.js';
import { TOOL } from '../version.js';
import { github as githubClient, info, repoUrl, serverUrl, workflowRunUrl } from './context.js';
import { monthlyReport, monthlyReportDue } from './report.js';

export async function collectMode(
  heroku: HerokuClient,
  inputs: Inputs,
  policy: Policy,
  now: Date,
): Promise<void> {
  await inventoryRun(inputs, policy, now, (before) =>
    core.group('Collect from Heroku', () => collectSnapshot(heroku, inputs, policy, before, now)),
  );
}

/**
 * Everything a run does around its collection: the evidence repository read first, then evaluate, one commit, the
 * issues synced once, outputs, summary, artifact. `gather` is the collection itself: this job's own walk, or the
 * parts of a sharded one joined (collect: merge).
 */
export async function inventoryRun(
  inputs: Inputs,
  policy: Policy,
  now: Date,
  gather: (before: Before) => Promise<Snapshot>,
): Promise<void> {
  const github = inputs.githubToken ? githubClient(inputs.githubToken) : undefined;
  const repository = github
    ? new EvidenceRepository(github, inputs.evidenceRepository, {
        branch: inputs.evidenceBranch,
        serverUrl: serverUrl(),
      })
    : undefined;

  // Nothing private is published by accident: checked before anything is collected or written.
  if (github && repository && !inputs.dryRun && !inputs.allowPublicRepository)
    await refusePublic(github, repository, inputs);

  const before = await core.group('Read the evidence repository', () => currentState(repository, inputs));
  const snapshot = await gather(before);
  const evaluated = new Set(evaluatedControls(snapshot).map((c) => c.id));
  const findings = await core.group('Evaluate controls', async () => {
    const list = evaluate(snapshot, policy, now);
    const c = countFindings(list);
    info(`${c.pass} passed, ${c.fail} failed, ${c.waived} waived, ${c.error} could not be evaluated.`);
    return list;
  });
  const { run, commit } = await commitRun(
    repository,
    inputs,
    snapshot,
    { findings, evaluated, policy },
    before,
  );

  const root = inputs.evidencePath;
  const local = await writeLocal(inputs.outputDirectory, run.files);
  const findingsFile = join(inputs.outputDirectory, run.runPath ?? '.', RUN_FILES.findings);
  if (!run.runPath) await writeLocal(inputs.outputDirectory, run.findingsFile);
  info(`Evidence folder written to ${inputs.outputDirectory}.`);

  const evidenceRepoUrl = repoUrl(inputs.evidenceRepository);
  // The outputs are set before the issues step: the evidence is committed, whatever GitHub says of issues.
  const runFolderUrl =
    commit && run.runPath
      ? `${evidenceRepoUrl}/tree/${commit.sha}/${inEvidence(root, run.runPath)}`
      : undefined;
  setOutputs({
    evidenceCommit: commit?.sha ?? '',
    evidenceUrl: runFolderUrl ?? commit?.url ?? '',
    runPath: run.runPath ? inEvidence(root, run.runPath) : '',
    failedControls: run.findings.filter((f) => f.status === 'fail').length,
    findingsFile,
  });
  const issueReport = await core.group('Sync issues', async () => {
    try {
      return await syncIssues(snapshot, run.findings, policy, {
        github,
        repo: inputs.issuesRepository,
        apply: inputs.createIssues && !inputs.dryRun,
        dryRun: inputs.dryRun,
        maxNewIssues: inputs.maxNewIssues,
        evaluated,
        observe: run.observe,
        policySha256: policySha256(policy),
        link: {
          repoUrl: evidenceRepoUrl,
          commit: commit?.sha ?? null,
          findingsPath: run.runPath ? inEvidence(root, `${run.runPath}/${RUN_FILES.findings}`) : null,
        },
        log: info,
      });
    } catch (error) {
      throw issuesRefused(error, inputs, commit);
    }
  });

  await jobSummary(
    renderJobSummary({
      summary: run.summary,
      issues: issueReport,
      findings: run.findings,
      gaps: snapshot.gaps.length,
      since: run.since,
      collected:
        [snapshot.collected.inventory ? 'inventory' : '', snapshot.collected.audit ? 'audit trail' : '']
          .filter(Boolean)
          .join(' and ') || 'nothing due',
      commit: commit ? { sha: commit.sha, url: commit.url } : undefined,
      runFolderUrl,
      summaryUrl:
        commit && run.runPath
          ? `${evidenceRepoUrl}/blob/${commit.sha}/${inEvidence(root, `${run.runPath}/${RUN_FILES.summary}`)}`
          : undefined,
      issuesUrl:
        inputs.createIssues && !inputs.dryRun
          ? `${repoUrl(inputs.issuesRepository)}/issues?q=${encodeURIComponent(`is:open label:${LABEL}`).replace(/%20/g, '+')}`
          : null,
    }),
  );
  annotate(snapshot.gaps, run.findings);
  if (inputs.uploadArtifact)
    await uploadArtifact(
      `heroku-evidence-${snapshot.collectedAt.replace(/[:.]/g, '')}`,
      inputs.outputDirectory,
      local,
      { github, allowPublic: inputs.allowPublicRepository },
    );
  failOn(inputs.failOn, snapshot.gaps.length, run.findings);

  // The first run after a month ends also writes that month's report, judged on the state just committed (with the
  // client and repository already read). The evidence is committed by then: a report that cannot be written is a
  // warning, tried again next run.
  if (inputs.collect === 'auto' && commit && github && repository && monthlyReportDue(run.state, now))
    await monthlyReport(inputs, now, { github, repository }).catch((error) =>
      core.warning(`The monthly period report could not be written: ${(error as Error).message}`),
    );
}

const NO_INVENTORY: PreviousInventory = { teams: [], endpointApps: [], files: new Map() };

export interface Before {
  state: State;
  /** The commit state.json was read at (null: an empty repository, or none read). */
  commit: string | null;
  /** What the walk needs of the last inventory (its teams, the apps that had SNI endpoints) and its files. */
  inventory: PreviousInventory;
}

/**
 * What the walk needs of the last inventory (for `collect: plan`, which hands it to the shards): read as a run reads
 * it; nothing, with a warning, when the repository cannot be read (the shards then read SNI endpoints only where a
 * custom domain needs them).
 */
export async function lastInventory(inputs: Inputs): Promise<PreviousInventory> {
  if (!inputs.githubToken) return NO_INVENTORY;
  const repository = new EvidenceRepository(githubClient(inputs.githubToken), inputs.evidenceRepository, {
    branch: inputs.evidenceBranch,
    serverUrl: serverUrl(),
  });
  try {
    return (await currentState(repository, { ...inputs, dryRun: false }, false)).inventory;
  } catch (error) {
    core.warning(`The last inventory could not be read (${(error as Error).message}); planning without it.`);
    return NO_INVENTORY;
  }
}

/**
 * The repository's state.json and the commit it was read at, and what its last inventory recorded: the teams and
 * SNI endpoints for the walk, and with `runFiles` (a run, not a plan) the files the commit builds on.
 */
async function currentState(
  repository: EvidenceRepository | undefined,
  inputs: Inputs,
  runFiles = true,
): Promise<Before> {
  if (!repository) return { state: emptyState(), commit: null, inventory: NO_INVENTORY };
  try {
    const head = await repository.head();
    const state = await readState(repository, head.commit, inputs.evidencePath);
    // A dry run commits nothing and builds on nothing (nothingBefore): it reads only what the walk needs.
    const inventory = await readPreviousInventory(
      repository,
      head.commit,
      inputs.evidencePath,
      state,
      runFiles && !inputs.dryRun,
    );
    return { state, commit: head.commit, inventory };
  } catch (error) {
    // A dry run still works where the repository cannot be read: it then starts from nothing.
    if (!inputs.dryRun) throw error;
    core.notice(
      `dry-run: the evidence repository could not be read (${(error as Error).message}); starting from an empty state.`,
    );
    return { state: emptyState(), commit: null, inventory: NO_INVENTORY };
  }
}

/** What this run reads: an inventory when due (or asked for), and the audit days not yet complete. */
async function collectSnapshot(
  heroku: HerokuClient,
  inputs: Inputs,
  policy: Policy,
  before: Before,
  now: Date,
): Promise<Snapshot> {
  const { state } = before;
  const inventory =
    inputs.collect === 'inventory' ||
    inputs.collect === 'all' ||
    (inputs.collect === 'auto' && inventoryDue(state, inputs.inventoryIntervalMs, now));
  const audit = inputs.collect !== 'inventory' && Boolean(inputs.enterpriseAccount);
  const auditDays = audit ? auditDaysToFetch(now, inputs.auditBackfillDays, completeAuditDays(state)) : [];
  if (inputs.collect === 'auto')
    info(
      inventory
        ? 'Inventory is due.'
        : `Inventory not due (last at ${state.lastInventoryAt}); collecting the audit trail only.`,
    );
  return collect(heroku, {
    token: inputs.herokuApiToken,
    enterprise: inputs.enterpriseAccount,
    teams: inputs.teams,
    inventory,
    auditDays,
    now,
    log: info,
    knownTeams: before.inventory.teams,
    knownEndpointApps: before.inventory.endpointApps,
    auditWindowStart: auditWindowStart(now, inputs.auditBackfillDays),
    productionApps: policy.productionApps,
    inboundRules: Boolean(policy.allowedInboundCidrs?.length),
  });
}

/** Assembles the run and commits it (none in a dry run): rebuilt from the head it lands on if the branch moved. */
async function commitRun(
  repository: EvidenceRepository | undefined,
  inputs: Inputs,
  snapshot: Snapshot,
  evaluation: { findings: readonly Finding[]; evaluated: ReadonlySet<string>; policy: Policy },
  before: Before,
): Promise<{ run: AssembledRun; commit: Commit | null }> {
  const assemble = (previous: Parameters<typeof assembleRun>[0]['previous']) =>
    assembleRun({ snapshot, ...evaluation, previous, tool: TOOL, runUrl: workflowRunUrl() });
  if (inputs.dryRun || !repository) return { run: assemble(nothingBefore(before.state)), commit: null };
  const root = inputs.evidencePath;
  let run: AssembledRun | undefined;
  const commit = await core.group('Commit the evidence', () =>
    repository.commit(async (head) => {
      // Built from the head being committed on, so that a moved branch is merged, not overwritten.
      const previous = await readPrevious(
        repository,
        head.commit,
        root,
        snapshot.auditDays.map((d) => d.day),
        head.commit === before.commit ? { state: before.state, files: before.inventory.files } : undefined,
        snapshot.collected.inventory ? ledgerFile(snapshot.collectedAt) : undefined,
      );
      run = assemble(previous);
      return { files: run.files.renamed((path) => inEvidence(root, path)), message: run.message };
    }),
  );
  const where = `${inputs.evidenceRepository.owner}/${inputs.evidenceRepository.repo}@${commit.branch}`;
  info(
    commit.created
      ? `Committed ${commit.sha} to ${where}.`
      : `Nothing new to commit: ${where} already holds this evidence.`,
  );
  return { run: run!, commit };
}

/** GitHub refusing the issues step is an expected failure: the evidence is committed, and one sentence says why. */
function issuesRefused(error: unknown, inputs: Inputs, commit: Commit | null): unknown {
  const status = statusOf(error);
  const repo = `${inputs.issuesRepository.owner}/${inputs.issuesRepository.repo}`;
  const committed = commit ? `The evidence is committed (${commit.sha}).` : 'No evidence was committed.';
  if (status === 410)
    return new IssuesError(
      `Issues are disabled on ${repo} (410): enable them in the repository's settings, point \`issues-repository\` at one that has them, or set \`create-issues: false\`. ${committed}`,
    );
  if (status !== 403 && status !== 404) return error;
  return new IssuesError(
    `GitHub refused the issues step (${status}) on ${repo}: the token needs \`issues: write\` there (add \`permissions: issues: write\` to the job, or grant it to the App or PAT), or set \`create-issues: false\`. ${commit ? `The evidence is committed (${commit.sha}).` : 'No evidence was committed.'}`,
  );
}
