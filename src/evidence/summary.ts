// The two pages people read: SUMMARY.md of a run, and the evidence folder's README.md for auditors.
import { CONTROLS } from '../controls/catalog.js';
import type { Finding } from '../controls/types.js';
import { md, table } from '../shared/escape.js';
import type { Snapshot } from '../snapshot/snapshot.js';
import type { Change } from './drift.js';
import { type Counts, countFindings, type State } from './state.js';

interface SummaryInput {
  snapshot: Snapshot;
  findings: readonly Finding[];
  changes: readonly Change[];
  previousRunPath: string | null;
  auditDays: readonly { day: string; complete: boolean; events: readonly unknown[] }[];
}

/** A control's status in a line, from its findings' counts: the same words in SUMMARY.md and the index. */
function statusWord(n: Counts | undefined): string {
  if (!n || n.pass + n.fail + n.waived + n.error === 0) return 'not evaluated';
  return n.fail ? '❌ failing' : n.error ? '⚠️ errors' : '✅ passing';
}

function controlTable(findings: readonly Finding[]): string {
  const rows = CONTROLS.map((control) => {
    const n = countFindings(findings.filter((f) => f.control === control.id));
    const status = statusWord(n);
    return [
      control.id,
      control.name,
      status,
      String(n.pass),
      String(n.fail),
      String(n.waived),
      String(n.error),
    ];
  });
  return table(['control', 'what it checks', 'status', 'passed', 'failed', 'waived', 'errors'], rows);
}

/** A table shown as it is when short, folded under a one-line summary when long (a first run's 30 audit days). */
function folded(summary: string, body: string, rows: number, fold = FOLD_ROWS): string {
  return rows > fold ? `<details><summary>${summary}</summary>\n\n${body}\n\n</details>` : body;
}
const FOLD_ROWS = 10;

export function renderSummary(input: SummaryInput): string {
  const { snapshot, findings, changes } = input;
  const lines: string[] = [];
  const who = snapshot.enterpriseAccount?.name ?? snapshot.enterpriseName;
  lines.push(`# Heroku evidence${who ? ` for ${md(who)}` : ''}, ${snapshot.collectedAt}`, '');
  // What a reader came for first: which controls fail, and whether anything could not be read.
  if (findings.length) {
    lines.push('## Controls', '', controlTable(findings), '');
    const failing = findings.filter((f) => f.status === 'fail' || f.status === 'error');
    if (failing.length) {
      lines.push(
        '### Failing and unevaluated',
        '',
        folded(
          `${failing.length} findings`,
          table(
            ['control', 'resource', 'status', 'what'],
            failing.map((f) => [f.control, f.resource, f.status, f.title]),
          ),
          failing.length,
          30,
        ),
        '',
      );
    }
    const waived = findings.filter((f) => f.status === 'waived');
    if (waived.length) {
      lines.push(
        '### Waived',
        '',
        folded(
          `${waived.length} waived findings`,
          table(
            ['control', 'resource', 'owner', 'expires', 'reason'],
            waived.map((f) => [
              f.control,
              f.resource,
              f.waiver?.owner ?? '',
              f.waiver?.expires ?? '',
              f.waiver?.reason ?? '',
            ]),
          ),
          waived.length,
        ),
        '',
      );
    }
  }
  lines.push('## Gaps', '');
  if (snapshot.gaps.length === 0) lines.push('None: everything the collector looked for could be read.', '');
  else {
    lines.push(
      'This evidence is **incomplete**: the token could not read the following. Each line says how to fix it.',
      '',
      folded(
        `${snapshot.gaps.length} gaps`,
        table(
          ['resource', 'scope', 'reason and fix'],
          snapshot.gaps.map((g) => [g.resource, g.scope, g.reason]),
        ),
        snapshot.gaps.length,
        30,
      ),
      '',
    );
  }
  if (!snapshot.enterpriseName) {
    lines.push(
      'No `enterprise-account` input was given: enterprise members and the audit trail were skipped.',
      '',
    );
  }
  if (snapshot.collected.inventory) {
    const members = new Set(snapshot.teamMembers.map((m) => m.email.toLowerCase())).size;
    lines.push(
      '## Collected',
      '',
      table(
        ['what', 'count'],
        [
          [
            'teams visible / not visible',
            `${snapshot.teams.filter((t) => t.visible).length} / ${snapshot.teams.filter((t) => !t.visible).length}`,
          ],
          ['enterprise members', String(snapshot.enterpriseMembers.length)],
          ['team members (people)', String(members)],
          ['apps', String(snapshot.apps.length)],
          ['custom domains', String(snapshot.domains.filter((d) => d.kind === 'custom').length)],
          ['SNI endpoints', String(snapshot.sniEndpoints.length)],
          ['add-ons / attachments', `${snapshot.addons.length} / ${snapshot.addonAttachments.length}`],
          ['pipelines', String(snapshot.pipelines.length)],
          ['requests to Heroku', String(snapshot.requests)],
        ],
      ),
      '',
    );
  }
  if (input.auditDays.length) {
    const events = input.auditDays.reduce((n, d) => n + d.events.length, 0);
    lines.push(
      '## Audit trail',
      '',
      folded(
        `${input.auditDays.length} days, ${events} events`,
        table(
          ['day', 'events', 'complete'],
          input.auditDays.map((d) => [
            d.day,
            String(d.events.length),
            d.complete ? 'yes' : 'not yet (the day is not over)',
          ]),
        ),
        input.auditDays.length,
        7,
      ),
      '',
    );
  }
  if (snapshot.collected.inventory) {
    lines.push('## Changes since the previous run', '');
    if (!input.previousRunPath) lines.push('This is the first inventory run: nothing to compare with.', '');
    else if (changes.length === 0) lines.push(`No changes since \`${input.previousRunPath}\`.`, '');
    else {
      lines.push(`Compared with \`${input.previousRunPath}\`:`, '');
      const list: string[] = [];
      for (const section of [...new Set(changes.map((c) => c.section))]) {
        list.push(`**${section}**`, '');
        for (const c of changes.filter((x) => x.section === section)) list.push(`- ${md(c.text)}`);
        list.push('');
      }
      lines.push(folded(`${changes.length} changes`, list.join('\n').trimEnd(), changes.length, 20), '');
    }
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

export function renderReadme(
  state: State,
  snapshot: Snapshot,
  tool: { name: string; version: string },
): string {
  const who = snapshot.enterpriseAccount?.name ?? snapshot.enterpriseName;
  const latest = state.runs[0];
  const lines = [
    `# Heroku evidence${who ? ` for ${md(who)}` : ''}`,
    '',
    'Collected by the Heroku Evidence action, read-only, through the Heroku Platform API. Every run is one commit; git history is the record.',
    '',
    '## Latest inventory',
    '',
  ];
  if (!latest) lines.push('No inventory run yet.', '');
  else {
    lines.push(
      `[\`${latest.path}\`](${latest.path}/SUMMARY.md), collected ${latest.collectedAt}: ${latest.complete ? 'complete' : '**incomplete** (see its gaps)'}; ${latest.findings.fail} failing, ${latest.findings.waived} waived, ${latest.findings.error} errors, ${latest.findings.pass} passing.`,
      '',
    );
    const rows = CONTROLS.map((c) => {
      const n = state.controls[c.id];
      const status = statusWord(n);
      return [c.id, c.name, status, String(n?.fail ?? 0), String(n?.waived ?? 0)];
    });
    lines.push(table(['control', 'what it checks', 'status', 'failed', 'waived'], rows), '');
  }
  const shown = state.runs.slice(0, 31);
  if (shown.length) {
    lines.push(
      '## Inventory runs',
      '',
      table(
        ['run', 'collected', 'complete', 'failing', 'waived', 'errors'],
        shown.map((r) => [
          { raw: `[\`${r.path}\`](${r.path}/SUMMARY.md)` },
          r.collectedAt,
          r.complete ? 'yes' : 'no',
          String(r.findings.fail),
          String(r.findings.waived),
          String(r.findings.error),
        ]),
      ),
      '',
    );
    if (state.runs.length > shown.length) {
      const months = [
        ...new Set(state.runs.slice(shown.length).map((r) => r.path.split('/').slice(0, 3).join('/'))),
      ];
      lines.push(
        `Older runs, by month: ${months.map((m) => `[${m.slice('inventory/'.length)}](${m})`).join(', ')}.`,
        '',
      );
    }
  }
  const days = Object.entries(state.auditDays);
  if (days.length) {
    const incomplete = days.filter(([, d]) => !d.complete).map(([day]) => day);
    lines.push(
      '## Audit trail',
      '',
      `${days.length} days recorded in \`audit/\`, from ${days[0]![0]} to ${days.at(-1)![0]}; ${incomplete.length ? `not yet complete: ${incomplete.join(', ')}` : 'all complete'}.`,
      '',
    );
  }
  lines.push(
    '## What is here',
    '',
    '- `inventory/YYYY/MM/DD/HHMMSSZ/`: one folder per inventory run (UTC start time), never modified after its commit: `manifest.json`, `SHA256SUMS`, `SUMMARY.md`, `findings.json` and one JSON file per kind of record.',
    '- `audit/YYYY/MM/DD.json`: the enterprise audit trail of one UTC day, sorted by time then id; re-runs only add events.',
    '- `ledger/YYYY-MM.jsonl`: one line per inventory run, appended in the run’s own commit and never rewritten: its manifest’s sha256, the counts per control, every finding that did not pass, what was resolved, who joined, left or changed role; each line names the sha256 of the line before it.',
    '- `reports/<period>/`: period reports (`REPORT.md`, `report.json`, `exceptions.csv`, `access-review.csv`, `SHA256SUMS`), written by `collect: report` and, for each month that ended, by `collect: auto`.',
    '- `state.json`: when the last inventory ran, which audit days are complete, and the hashes of the last manifest and ledger line.',
    '- Config var **names** are recorded, never their values.',
    '',
    '## Verifying',
    '',
    'Everything at once, on a clone of this repository, with no token (the command of the version that wrote this file):',
    '',
    '```sh',
    `npx --yes github:heroku-evidence/heroku-evidence#v${tool.version} verify .   # run inside this folder`,
    '```',
    '',
    'It checks every run against its `SHA256SUMS` and manifest, the manifest and ledger hash chains, and that no run folder or audit event was changed or removed after its commit; it exits 1 on any problem. One run by hand:',
    '',
    '```sh',
    'cd inventory/YYYY/MM/DD/HHMMSSZ',
    'sha256sum -c SHA256SUMS        # every file of the run is as committed',
    'sha256sum manifest.json        # equals previousManifestSha256 in the next run’s manifest.json',
    '```',
    '',
    'Each run’s `manifest.json` carries `previousManifestSha256`, the sha256 of the previous run’s manifest, so the runs form a hash chain; the commits are made through the GitHub API and show as Verified.',
    '',
  );
  return lines.join('\n');
}
