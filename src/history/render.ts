// The files of a period report: REPORT.md for people, report.json for machines, two CSVs that open in a
// spreadsheet as they are, and SHA256SUMS over all four.

import { toJson } from '../evidence/json.js';
import { md, table, visible } from '../shared/escape.js';
import { sha256 } from '../shared/hash.js';
import type { Report } from './report.js';

const REPORT_FILES = ['REPORT.md', 'report.json', 'exceptions.csv', 'access-review.csv'] as const;

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
      ['control', 'what it checks', 'verdict', 'runs', 'runs passing', 'exceptions'],
      r.controls.map((c) => [
        c.control,
        c.title,
        verdict(c),
        String(c.runs),
        String(c.runsPassing),
        String(c.exceptions),
      ]),
    ),
    '',
    '## Operation',
    '',
    `- Inventory runs: ${r.runs.length}, of which ${r.runs.filter((x) => !x.complete).length} incomplete.`,
    `- Schedule: ${r.schedule.daysWithInventory} of ${r.schedule.days} days had an inventory${r.schedule.missedDays.length ? `; missed: ${r.schedule.missedDays.join(', ')}` : ''}.`,
    `- Audit trail: ${r.auditTrail.completeDays} of ${r.auditTrail.days} days complete${r.auditTrail.missingDays.length ? `; missing: ${r.auditTrail.missingDays.join(', ')}` : ''}.`,
    `- Hash chain: ${r.chain.verified ? 'verified, no break' : `${r.chain.breaks.length} break(s): ${r.chain.breaks.map((b) => md(b.run)).join(', ')}`}.`,
    '',
  );
  const perDay = new Map<string, number>();
  for (const run of r.runs) perDay.set(run.collectedAt.slice(0, 10), 0);
  for (const e of r.exceptions) {
    for (const day of perDay.keys()) {
      const open = e.firstFailedAt.slice(0, 10) <= day && (!e.resolvedAt || e.resolvedAt.slice(0, 10) > day);
      if (open) perDay.set(day, perDay.get(day)! + 1);
    }
  }
  if (perDay.size > 0) {
    const max = Math.max(1, ...perDay.values());
    lines.push(
      '## Failing findings per day',
      '',
      '```mermaid',
      'xychart-beta',
      '  title "Open exceptions on each day with an inventory"',
      `  x-axis [${[...perDay.keys()].map((d) => `"${d.slice(5)}"`).join(', ')}]`,
      `  y-axis "open exceptions" 0 --> ${max}`,
      `  bar [${[...perDay.values()].join(', ')}]`,
      '```',
      '',
    );
  }
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
    '## Risks accepted',
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
