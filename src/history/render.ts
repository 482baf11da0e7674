// The files of a period report: REPORT.md for people, report.json for machines, two CSVs that open in a
// spreadsheet as they are, and SHA256SUMS over all four.

import { toJson } from '../evidence/json.js';
import { md, table, visible } from '../shared/escape.js';
import { sha256 } from '../shared/hash.js';
import { daysBetween } from '../shared/period.js';
import type { Report } from './report.js';

/** The report's files, by name (relative to `reports/<period>/`). */
export function renderReport(report: Report): Map<string, string> {
  const files = new Map<string, string>([
    ['REPORT.md', reportMarkdown(report)],
    ['report.json', toJson(report)],
    ['exceptions.csv', exceptionsCsv(report)],
    ['access-review.csv', accessCsv(report)],
  ]);
  files.set(
    'SHA256SUMS',
    [...files.entries()]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([name, text]) => `${sha256(text)}  ${name}\n`)
      .join(''),
  );
  return files;
}

/** A CSV cell: quoted when it must be, and never read as a formula by a spreadsheet. */
function cell(value: unknown): string {
  let text = value === null || value === undefined ? '' : visible(String(value));
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function csv(header: string[], rows: unknown[][]): string {
  return [header, ...rows]
    .map((row) => row.map(cell).join(','))
    .join('\r\n')
    .concat('\r\n');
}

function exceptionsCsv(report: Report): string {
  return csv(
    [
      'control',
      'resource',
      'severity',
      'first_failed_at',
      'resolved_at',
      'resolution',
      'days_open',
      'remediation_days',
      'within_sla',
      'regressions',
      'issue',
    ],
    report.exceptions.map((e) => [
      e.control,
      e.resource,
      e.severity,
      e.firstFailedAt,
      e.resolvedAt,
      e.resolution,
      e.daysOpen,
      e.remediationDays,
      e.withinSla,
      e.regressions,
      e.issue,
    ]),
  );
}

function accessCsv(report: Report): string {
  return csv(
    ['email', 'team', 'role', 'two_factor', 'federated', 'enterprise_permissions'],
    report.access.members.map((m) => [
      m.email,
      m.team,
      m.role,
      m.twoFactor,
      m.federated,
      m.enterprisePermissions.join(' '),
    ]),
  );
}

function reportMarkdown(r: Report): string {
  const lines: string[] = [];
  const verdict = (c: Report['controls'][number]) =>
    c.runs === 0 ? 'not evaluated' : c.runsPassing === c.runs ? 'operated effectively' : 'exceptions';
  lines.push(
    `# Heroku evidence: period report ${md(r.period.name)}${r.provisional ? ' (provisional: the period is not over)' : ''}`,
    '',
    `${md(r.enterprise ?? 'Heroku')}, ${r.period.from} to ${r.period.to} (UTC). Generated ${r.generatedAt} by ${r.tool.name} ${r.tool.version} from the evidence repository alone; \`report.json\` holds the same for machines and \`SHA256SUMS\` verifies these files.`,
    '',
    '## Controls',
    '',
    table(
      ['control', 'what it checks', 'verdict', 'runs', 'runs passing', 'exceptions', 'resources evaluated'],
      r.controls.map((c) => [
        c.control,
        c.title,
        verdict(c),
        String(c.runs),
        String(c.runsPassing),
        String(c.exceptions),
        c.runs === 0
          ? ''
          : `${c.population.first} in the first run, ${c.population.last} in the last (${c.population.min} to ${c.population.max})`,
      ]),
    ),
    '',
    'A run passes a control only when every finding of it passed: a waived finding is an accepted exception, not a pass.',
    '',
    '## Operation',
    '',
    `- Inventory runs: ${r.runs.length}, of which ${r.runs.filter((x) => !x.complete).length} incomplete.`,
    `- Schedule: ${r.schedule.daysWithInventory} of ${r.schedule.days} days had an inventory; ${r.schedule.missedDays.length} missed${r.schedule.missedDays.length ? ':' : '.'}`,
    ...dayRanges(r.schedule.missedDays).map((range) => `  - missed: ${range}`),
    ...(r.schedule.daysBeforeFirstRun.length
      ? [
          `- Before the first inventory run (no evidence exists for these days, not counted as missed): ${dayRanges(r.schedule.daysBeforeFirstRun).join(', ')}.`,
        ]
      : []),
    `- Audit trail: ${r.auditTrail.completeDays} of ${r.auditTrail.days} days complete${r.auditTrail.missingDays.length ? `; missing: ${r.auditTrail.missingDays.join(', ')}` : ''}.`,
    `- Hash chain: ${r.chain.verified ? 'verified, no break' : `${r.chain.breaks.length} break(s): ${r.chain.breaks.map((b) => md(b.run)).join(', ')}`}.`,
    '',
  );
  lines.push(...chart(r));
  lines.push('## Exceptions', '');
  lines.push(
    r.exceptions.length === 0
      ? 'None: no control failed on any resource during the period.'
      : table(
          [
            'control',
            'resource',
            'severity',
            'first failed',
            'resolved',
            'how',
            'days open',
            'SLA',
            'regressions',
            'waivers',
            'issue',
          ],
          r.exceptions.map((e) => [
            e.control,
            e.resource,
            e.severity,
            e.firstFailedAt,
            e.resolvedAt ?? 'still failing',
            e.resolution ?? '',
            String(e.daysOpen),
            `${e.withinSla ? 'within' : 'over'} ${e.remediationDays} days`,
            String(e.regressions),
            e.waivers.map((w) => `${w.owner} until ${w.expires}: ${w.reason}`).join('; '),
            e.issue ? { raw: `[issue](${e.issue})` } : '',
          ]),
        ),
    '',
    '## Accepted exceptions (waivers)',
    '',
    r.acceptedRisks.length === 0
      ? 'No finding was waived during the period.'
      : table(
          ['control', 'resource', 'accepted by', 'reason', 'expires', 'waived from', 'waived until'],
          r.acceptedRisks.map((w) => [
            w.control,
            w.resource,
            w.owner,
            w.reason,
            w.expires,
            w.firstWaivedAt,
            w.lastWaivedAt,
          ]),
        ),
    '',
    '## Policies in force',
    '',
    r.policies.length === 0
      ? 'No run of the period recorded its policy (runs before policy.json was written): the defaults apply.'
      : table(
          ['policy.json sha256', 'first run', 'last run'],
          r.policies.map((p) => [p.sha256, p.firstRun, p.lastRun]),
        ),
    '',
    '## Access review',
    '',
    `${r.access.members.length} team memberships at ${r.access.at ?? 'the end of the period'} (\`access-review.csv\`).`,
    '',
  );
  const changes = [
    ...r.access.joined.map((j) => [j.at, `${j.email} joined ${j.team} as ${j.role}`]),
    ...r.access.left.map((l) => [l.at, `${l.email} left ${l.team}`]),
    ...r.access.roleChanges.map((c) => [c.at, `${c.email} in ${c.team}: ${c.from} → ${c.to}`]),
  ].sort(([a], [b]) => a!.localeCompare(b!));
  if (changes.length) lines.push(table(['seen at', 'change'], changes as string[][]), '');
  lines.push(
    '## Runs',
    '',
    table(
      ['run', 'commit', 'collected at', 'complete', 'manifest sha256'],
      r.runs.map((x) => [x.path, x.commit ?? '', x.collectedAt, x.complete ? 'yes' : 'no', x.manifestSha256]),
    ),
    '',
  );
  return lines.join('\n');
}

/** Consecutive days as ranges: `2026-11-04`, `2026-11-06 to 2026-11-09 (4 days)`. */
function dayRanges(days: string[]): string[] {
  const out: string[] = [];
  let start: string | null = null;
  let count = 0;
  let previous = '';
  const close = () => {
    if (start !== null) out.push(count === 1 ? start : `${start} to ${previous} (${count} days)`);
  };
  for (const day of days) {
    const next = previous && daysBetween(previous, day).length === 2;
    if (!next) {
      close();
      start = day;
      count = 0;
    }
    count++;
    previous = day;
  }
  close();
  return out;
}

/** Open exceptions on every day of the period: a day without an inventory is a gap (no bar, labelled so). */
function chart(r: Report): string[] {
  const days = r.schedule.days ? daysBetween(r.period.from, r.period.to).slice(0, r.schedule.days) : [];
  if (days.length === 0 || r.runs.length === 0) return [];
  const withRun = new Set(r.runs.map((run) => run.collectedAt.slice(0, 10)));
  const values = days.map((day) =>
    withRun.has(day)
      ? r.exceptions.filter(
          (e) => e.firstFailedAt.slice(0, 10) <= day && (!e.resolvedAt || e.resolvedAt.slice(0, 10) > day),
        ).length
      : 0,
  );
  return [
    '## Failing findings per day',
    '',
    '```mermaid',
    'xychart-beta',
    '  title "Open exceptions per day (days marked \'no run\' had no inventory: a gap, not zero)"',
    `  x-axis [${days.map((d) => `"${d.slice(5)}${withRun.has(d) ? '' : ' no run'}"`).join(', ')}]`,
    `  y-axis "open exceptions" 0 --> ${Math.max(1, ...values)}`,
    `  bar [${values.join(', ')}]`,
    '```',
    '',
  ];
}
