// The pipeline, step by step: inputs → publishing checks → Heroku snapshot → findings → one evidence commit →
// issues → outputs, summary and annotations.

import { join } from 'node:path';
import * as core from '@actions/core';
import { evaluate, evaluatedControls } from './controls/catalog.js';
import { unverified } from './controls/scope.js';
import type { Finding } from './controls/types.js';
import { logLine, table } from './escape.js';
import { readPrevious, readPreviousTeams, readState } from './evidence/previous.js';
import { countFindings, type Rendered, render } from './evidence/render.js';
import { type Commit, EvidenceRepository, EvidenceRepositoryError } from './evidence/repository.js';
import { completeAuditDays, emptyState, inventoryDue, type State, StateError } from './evidence/state.js';
import { createGitHub, type GitHub, PublicRepositoryError, refusePublic } from './github.js';
import { auditDaysToFetch, utcDay } from './heroku/audit.js';
import { HerokuClient } from './heroku/client.js';
import { collect } from './heroku/collect.js';
import { checkConnection } from './heroku/connection.js';
import { HerokuError } from './heroku/response.js';
import { ledgerPath } from './history/ledger.js';
import { monthlyReportDue, periodReport } from './history/publish.js';
import { InputError, type Inputs, maskToken, readInputs } from './inputs.js';
import { syncIssues } from './issues/sync.js';
import { loadPolicy, type Policy, PolicyError } from './policy.js';
import { annotate, failOn, jobSummary, setOutputs, uploadArtifact, writeLocal } from './run-output.js';
import { TOOL } from './version.js';

const USER_AGENT = `${TOOL.name}/${TOOL.version} (+GitHub Action)`;
/** Every log line that can carry text from Heroku, GitHub or the policy goes through here. */
const info = (line: string) => core.info(logLine(line));
const EXPECTED = [
  HerokuError,
  InputError,
  PolicyError,
  EvidenceRepositoryError,
  StateError,
  PublicRepositoryError,
];

export async function run(now: Date = new Date()): Promise<void> {
  try {
    maskToken();
    const inputs = readInputs();
    const policy = await loadPolicy(inputs.policy);
    const heroku = new HerokuClient({
      token: inputs.herokuApiToken,
      baseUrl: inputs.herokuApiUrl,
      userAgent: USER_AGENT,
      concurrency: inputs.concurrency,
    });
    if (inputs.collect === 'check-connection') return await testConnection(heroku, inputs, now);
    if (inputs.collect === 'report')
      return await periodReport(inputs, policy, now, false, { userAgent: USER_AGENT, log: info });
    const published = await collectAndPublish(heroku, inputs, policy, now);
    // The first run after a month ends also writes that month's report, judged on the state just committed. The
    // evidence is committed by then: a report that cannot be written is a warning, tried again next run.
    if (inputs.collect === 'auto' && published && monthlyReportDue(published.state, now))
      await periodReport(inputs, policy, now, true, { userAgent: USER_AGENT, log: info, ...published }).catch(
        (error) =>
          core.warning(`The monthly period report could not be written: ${(error as Error).message}`),
      );
  } catch (error) {
    // Expected failures end in one sentence; anything else keeps its stack for a bug report.
    const expected = EXPECTED.some((kind) => error instanceof kind);
    if (!expected && error instanceof Error && error.stack) core.debug(error.stack);
    core.setFailed(
      expected
        ? (error as Error).message
        : `Unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
  }
}

async function testConnection(heroku: HerokuClient, inputs: Inputs, now: Date): Promise<void> {
  const checks = await checkConnection(heroku, {
    token: inputs.herokuApiToken,
    enterprise: inputs.enterpriseAccount,
    teams: inputs.teams,
    today: utcDay(now),
  });
  const markdown = [
    '# Heroku Evidence: connection check',
    '',
    table(
      ['what', 'readable', 'detail', 'how to fix'],
      checks.map((c) => [c.what, c.ok ? 'yes' : 'no', c.detail, { raw: c.fix }]),
    ),
    '',
  ].join('\n');
  for (const c of checks) info(`${c.ok ? '✔' : '✘'} ${c.what}: ${c.detail}${c.fix ? ` → ${c.fix}` : ''}`);
  await jobSummary(markdown);
  const missing = checks.filter((c) => !c.ok).length;
  info(
    missing
      ? `${missing} of ${checks.length} checks cannot read their data; the evidence would have gaps there.`
      : 'The token can read everything.',
  );
}

async function collectAndPublish(
  heroku: HerokuClient,
  inputs: Inputs,
  policy: Policy,
  now: Date,
): Promise<{ state: State; github: GitHub; repository: EvidenceRepository } | undefined> {
  const serverUrl = process.env.GITHUB_SERVER_URL ?? 'https://github.com';
  const evidenceRepoUrl = `${serverUrl}/${inputs.evidenceRepository.owner}/${inputs.evidenceRepository.repo}`;
  const github = inputs.githubToken
    ? createGitHub({ token: inputs.githubToken, userAgent: USER_AGENT, log: (l) => core.warning(l) })
    : undefined;
  const repository = github
    ? new EvidenceRepository(github, inputs.evidenceRepository, { branch: inputs.evidenceBranch, serverUrl })
    : undefined;

  // Nothing private is published by accident: checked before anything is collected or written.
  if (github && repository && !inputs.dryRun && !inputs.allowPublicRepository)
    await refusePublic(github, repository, inputs);

  const {
    state,
    commit: stateCommit,
    knownTeams,
  } = await core.group('Read the evidence repository', () => currentState(repository, inputs));
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

  const snapshot = await core.group('Collect from Heroku', () =>
    collect(heroku, {
      token: inputs.herokuApiToken,
      enterprise: inputs.enterpriseAccount,
      teams: inputs.teams,
      inventory,
      auditDays,
      now,
      log: info,
      knownTeams,
    }),
  );
  const evaluated = new Set(evaluatedControls(snapshot).map((c) => c.id));
  let findings = await core.group('Evaluate controls', async () => {
    const list = evaluate(snapshot, policy, now);
    const c = countFindings(list);
    info(`${c.pass} passed, ${c.fail} failed, ${c.waived} waived, ${c.error} could not be evaluated.`);
    return list;
  });

  const root = inputs.evidencePath;
  const runUrl =
    process.env.GITHUB_RUN_ID && process.env.GITHUB_REPOSITORY
      ? `${serverUrl}/${process.env.GITHUB_REPOSITORY}/actions/runs/${process.env.GITHUB_RUN_ID}`
      : null;
  const renderWith = (
    previous: Omit<Parameters<typeof render>[0], 'snapshot' | 'findings' | 'tool' | 'runUrl'>,
  ) => render({ snapshot, findings, ...previous, tool: TOOL, runUrl });
  let rendered: Rendered;
  let commit: Commit | null = null;
  if (inputs.dryRun || !repository) {
    rendered = renderWith({ state, previousRunFiles: new Map(), existingAuditDays: new Map() });
  } else {
    const repo = repository;
    let last: Rendered | undefined;
    const base = findings;
    commit = await core.group('Commit the evidence', () =>
      repo.commit(async (head) => {
        // Built from the head being committed on, so that a moved branch is merged, not overwritten.
        const previous = await readPrevious(
          repo,
          head.commit,
          root,
          snapshot.auditDays.map((d) => d.day),
          head.commit === stateCommit ? state : undefined,
          snapshot.collected.inventory ? ledgerPath(snapshot.collectedAt) : undefined,
        );
        // What the previous run saw and this one could not read is "not verified", never dropped.
        const before = (previous.previousRunFiles.get('findings.json') ?? []) as Finding[];
        findings = [...base, ...unverified(before, base, evaluated, snapshot)];
        last = renderWith(previous);
        return { files: prefix(root, last.files), message: last.message };
      }),
    );
    rendered = last!;
    const where = `${inputs.evidenceRepository.owner}/${inputs.evidenceRepository.repo}@${commit.branch}`;
    info(
      commit.created
        ? `Committed ${commit.sha} to ${where}.`
        : `Nothing new to commit: ${where} already holds this evidence.`,
    );
  }

  const local = await writeLocal(inputs.outputDirectory, rendered.files);
  const findingsFile = join(inputs.outputDirectory, rendered.runPath ?? '.', 'findings.json');
  if (!rendered.runPath)
    await writeLocal(inputs.outputDirectory, new Map([['findings.json', rendered.findingsJson]]));
  info(`Evidence folder written to ${inputs.outputDirectory}.`);

  const issueReport = await core.group('Sync issues', () =>
    syncIssues(snapshot, findings, policy, {
      github,
      repo: inputs.issuesRepository,
      apply: inputs.createIssues && !inputs.dryRun,
      dryRun: inputs.dryRun,
      maxNewIssues: inputs.maxNewIssues,
      evaluated,
      link: {
        repoUrl: evidenceRepoUrl,
        commit: commit?.sha ?? null,
        findingsPath: rendered.runPath ? `${root}/${rendered.runPath}/findings.json` : null,
      },
      log: info,
    }),
  );

  setOutputs({
    evidenceCommit: commit?.sha ?? '',
    evidenceUrl:
      commit && rendered.runPath
        ? `${evidenceRepoUrl}/tree/${commit.sha}/${root}/${rendered.runPath}`
        : (commit?.url ?? ''),
    runPath: rendered.runPath ? `${root}/${rendered.runPath}` : '',
    failedControls: findings.filter((f) => f.status === 'fail').length,
    findingsFile,
  });
  await jobSummary(`${rendered.summary}\n${issueReport}\n`);
  annotate(snapshot.gaps, findings);
  if (inputs.uploadArtifact)
    await uploadArtifact(
      `heroku-evidence-${snapshot.collectedAt.replace(/[:.]/g, '')}`,
      inputs.outputDirectory,
      local,
      { github, allowPublic: inputs.allowPublicRepository },
    );
  failOn(inputs.failOn, snapshot.gaps.length, findings);
  // What a monthly report builds on: the state as committed, with the client and repository already read.
  return commit && github && repository ? { state: rendered.state, github, repository } : undefined;
}

/** The repository's state.json and the commit it was read at, and the teams its last inventory recorded. */
async function currentState(
  repository: EvidenceRepository | undefined,
  inputs: Inputs,
): Promise<{ state: State; commit: string | null; knownTeams: string[] }> {
  if (!repository) return { state: emptyState(), commit: null, knownTeams: [] };
  try {
    const head = await repository.head();
    const state = await readState(repository, head.commit, inputs.evidencePath);
    const knownTeams = await readPreviousTeams(repository, head.commit, inputs.evidencePath, state);
    return { state, commit: head.commit, knownTeams };
  } catch (error) {
    // A dry run still works where the repository cannot be read: it then starts from nothing.
    if (!inputs.dryRun) throw error;
    core.notice(
      `dry-run: the evidence repository could not be read (${(error as Error).message}); starting from an empty state.`,
    );
    return { state: emptyState(), commit: null, knownTeams: [] };
  }
}

function prefix(root: string, files: ReadonlyMap<string, string>): Map<string, string> {
  return new Map([...files].map(([path, text]) => [`${root}/${path}`, text]));
}
