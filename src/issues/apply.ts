// Carries out an issue plan on GitHub. Issues are found by listing the label (state `all`), never through the search
// API, which lags behind writes and would make duplicates.
import { type GitHub, statusOf } from '../github.js';
import type { Repo } from '../inputs.js';
import type { Action, ExistingIssue } from './plan.js';
import { LABEL, WAIVED_LABEL } from './render.js';

const LABEL_COLOURS: Record<string, string> = {
  [LABEL]: '5319e7',
  [WAIVED_LABEL]: 'cccccc',
  'severity:critical': 'b60205',
  'severity:high': 'd93f0b',
  'severity:medium': 'fbca04',
  'severity:low': '0e8a16',
};

export async function listIssues(github: GitHub, repo: Repo): Promise<ExistingIssue[]> {
  const issues = await github.paginate(github.rest.issues.listForRepo, {
    ...repo,
    labels: LABEL,
    state: 'all',
    per_page: 100,
  });
  return issues
    .filter((i) => !i.pull_request)
    .map((i) => ({
      number: i.number,
      state: i.state === 'closed' ? 'closed' : 'open',
      title: i.title,
      body: i.body ?? '',
      labels: i.labels.map((l) => (typeof l === 'string' ? l : (l.name ?? ''))),
      createdAt: i.created_at,
    }));
}

export interface ApplyResult {
  created: number;
  updated: number;
  closed: number;
  reopened: number;
  comments: number;
}

export async function applyPlan(
  github: GitHub,
  repo: Repo,
  actions: readonly Action[],
  log: (line: string) => void,
): Promise<ApplyResult> {
  const result: ApplyResult = { created: 0, updated: 0, closed: 0, reopened: 0, comments: 0 };
  if (actions.length === 0) return result;
  await ensureLabels(github, repo, actions);
  const comment = async (issue_number: number, body: string) => {
    await github.rest.issues.createComment({ ...repo, issue_number, body });
    result.comments++;
  };
  // One at a time: GitHub's secondary rate limit punishes bursts of content creation (the throttling plugin paces).
  for (const action of actions) {
    switch (action.kind) {
      case 'create': {
        let created: { number: number };
        try {
          ({ data: created } = await github.rest.issues.create({
            ...repo,
            title: action.title,
            body: action.body,
            labels: action.labels,
            assignees: action.assignees,
          }));
        } catch (error) {
          // An owner who cannot be assigned (not a collaborator) must not keep the issue from being filed.
          if (statusOf(error) !== 422 || action.assignees.length === 0) throw error;
          log(`Could not assign ${action.assignees.join(', ')}; filing ${action.fingerprint} unassigned.`);
          ({ data: created } = await github.rest.issues.create({
            ...repo,
            title: action.title,
            body: action.body,
            labels: action.labels,
          }));
        }
        log(`Opened #${created.number}: ${action.title}`);
        result.created++;
        break;
      }
      case 'update': {
        const existing = await github.rest.issues.get({ ...repo, issue_number: action.number });
        const keep = existing.data.labels
          .map((l) => (typeof l === 'string' ? l : (l.name ?? '')))
          .filter((l) => l && l !== WAIVED_LABEL && !l.startsWith('control:') && !l.startsWith('severity:'));
        await github.rest.issues.update({
          ...repo,
          issue_number: action.number,
          title: action.title,
          body: action.body,
          labels: [...new Set([...keep, ...action.labels])],
          ...(action.reopen ? { state: 'open' as const } : {}),
        });
        if (action.comment) await comment(action.number, action.comment);
        if (action.reopen) {
          result.reopened++;
          log(`Reopened #${action.number}: ${action.title}`);
        } else result.updated++;
        break;
      }
      case 'close': {
        await comment(action.number, action.comment);
        if (action.labels?.length)
          await github.rest.issues.addLabels({ ...repo, issue_number: action.number, labels: action.labels });
        await github.rest.issues.update({
          ...repo,
          issue_number: action.number,
          state: 'closed',
          state_reason: action.reason ?? 'completed',
        });
        log(`Closed #${action.number} (${action.fingerprint}).`);
        result.closed++;
        break;
      }
      case 'digest': {
        if (action.number === null) {
          const { data } = await github.rest.issues.create({
            ...repo,
            title: 'Heroku Evidence: more failing controls than max-new-issues',
            body: action.body,
            labels: [LABEL],
          });
          log(`Opened digest #${data.number}.`);
          result.created++;
        } else {
          await github.rest.issues.update({
            ...repo,
            issue_number: action.number,
            body: action.body,
            state: 'open',
          });
          result.updated++;
        }
        break;
      }
      case 'close-digest': {
        await comment(action.number, action.comment);
        await github.rest.issues.update({
          ...repo,
          issue_number: action.number,
          state: 'closed',
          state_reason: 'completed',
        });
        result.closed++;
        break;
      }
    }
  }
  return result;
}

async function ensureLabels(github: GitHub, repo: Repo, actions: readonly Action[]): Promise<void> {
  const wanted = new Set<string>([LABEL]);
  for (const a of actions) if ('labels' in a && a.labels) for (const l of a.labels) wanted.add(l);
  const existing = new Set(
    (await github.paginate(github.rest.issues.listLabelsForRepo, { ...repo, per_page: 100 })).map((l) =>
      l.name.toLowerCase(),
    ),
  );
  for (const name of wanted) {
    if (existing.has(name.toLowerCase())) continue;
    try {
      await github.rest.issues.createLabel({ ...repo, name, color: LABEL_COLOURS[name] ?? 'ededed' });
    } catch (error) {
      // Created by a concurrent run in between: fine.
      if (statusOf(error) !== 422) throw error;
    }
  }
}
