// The text of issues and their comments. Every name from Heroku goes through md(), so it cannot format, forge a
// marker, or mention anyone.
import { createHash } from 'node:crypto';
import { controlById } from '../controls/catalog.js';
import type { Finding, Severity } from '../controls/types.js';
import { cell, decodeMarker, encodeMarker, INVISIBLE, md, visible } from '../shared/escape.js';
import { fillRemediation, type Placeholders } from './remediation.js';

export const LABEL = 'heroku-evidence';
export const WAIVED_LABEL = 'waived';
const DIGEST_MARKER = '<!-- heroku-evidence:digest -->';
/** Left on an open issue that a run could not verify, so that it says so once, not every run. */
export const UNVERIFIED_MARKER = '<!-- heroku-evidence:unverified -->';
// Read only where the action writes it: the first line of the body.
const FINGERPRINT =
  /^<!-- heroku-evidence:fingerprint (HEROKU-[A-Z0-9-]+)\/([A-Za-z0-9._~@/:+%-]+) -->(\r?\n|$)/;
const DETAILS = /<!-- heroku-evidence:details ([0-9a-f]+) -->/;

/** Where the evidence of this run is: the commit by its full sha, and the run's folder in it. */
export interface EvidenceLink {
  /** `https://github.com/owner/repo` */
  repoUrl: string;
  commit: string | null;
  /** Path of findings.json in the repository, when it was committed. */
  findingsPath: string | null;
}

export function fingerprint(finding: Pick<Finding, 'control' | 'resource'>): string {
  return `${finding.control}/${finding.resource}`;
}

export function readFingerprint(body: string | null | undefined): string | null {
  const match = FINGERPRINT.exec(body ?? '');
  const resource = match ? decodeMarker(match[2]!) : null;
  return match && resource !== null ? `${match[1]}/${resource}` : null;
}

/** Whether the body is the digest's, as the action wrote it. */
export function isDigest(body: string | null | undefined): boolean {
  return (body ?? '').startsWith(DIGEST_MARKER);
}

function fingerprintMarker(finding: Pick<Finding, 'control' | 'resource'>): string {
  return `<!-- heroku-evidence:fingerprint ${finding.control}/${encodeMarker(finding.resource)} -->`;
}

export function readDetailsHash(body: string | null | undefined): string | null {
  return DETAILS.exec(body ?? '')?.[1] ?? null;
}

/** Hash of what a person would call "the details": a change is worth a comment, a new evidence link is not. */
export function detailsHash(finding: Finding): string {
  return createHash('sha256')
    .update(`${finding.status}\n${finding.title}\n${finding.detail}`)
    .digest('hex')
    .slice(0, 16);
}

export function issueTitle(finding: Finding): string {
  // A title is one line of plain text: a line break or control character from Heroku becomes a space.
  const title = visible(
    `${finding.control}: ${finding.title}`.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' '),
  );
  return title.length > 250 ? `${title.slice(0, 249)}…` : title;
}

export function evidenceLinks(link: EvidenceLink): string {
  if (!link.commit) return 'Evidence: not committed (dry run).';
  const commit = `${link.repoUrl}/commit/${link.commit}`;
  if (!link.findingsPath) return `Evidence: [commit ${link.commit.slice(0, 7)}](${commit}).`;
  const file = `${link.repoUrl}/blob/${link.commit}/${link.findingsPath}`;
  const summary = file.replace(/findings\.json$/, 'SUMMARY.md');
  return `Evidence: [findings.json](${file}) and [SUMMARY.md](${summary}) in commit [${link.commit.slice(0, 7)}](${commit}).`;
}

/** What an issue body says besides its finding: the real names for its fix, and its deadline. */
export interface IssueFacts {
  /** The placeholder values of a resource key (issues/remediation.ts). */
  placeholders?: (resource: string) => Placeholders;
  /** The policy's days to remediate, by severity. */
  remediationDays?: Readonly<Record<Severity, number>>;
  /** The issue's body as it is, when it exists: its first-seen day and commit are kept as they were. */
  previousBody?: string;
  /** When the existing issue was opened: the first-seen day of a body written before bodies said it. */
  openedAt?: string;
}

const FIRST_SEEN = /^\| First seen \| (\d{4}-\d{2}-\d{2})(.*) \|$/m;

/** The day a finding was first seen, and how the body says it: kept from an existing body, or this run's. */
function firstSeen(link: EvidenceLink, today: string, facts: IssueFacts): { day: string; cell: string } {
  const kept = FIRST_SEEN.exec(facts.previousBody ?? '');
  if (kept) return { day: kept[1]!, cell: `${kept[1]}${kept[2]}` };
  if (facts.previousBody !== undefined) {
    const day = facts.openedAt?.slice(0, 10) ?? today;
    return { day, cell: `${day} (the day this issue was opened)` };
  }
  if (!link.commit) return { day: today, cell: `${today} (dry run: no evidence commit)` };
  const commit = `${link.repoUrl}/commit/${link.commit}`;
  return { day: today, cell: `${today}, in evidence commit [${link.commit.slice(0, 7)}](${commit})` };
}

function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** `today` (YYYY-MM-DD) dates the waiver snippet: it suggests one that expires 90 days later. */
export function issueBody(
  finding: Finding,
  link: EvidenceLink,
  today: string,
  facts: IssueFacts = {},
): string {
  const control = controlById(finding.control)!;
  const seen = firstSeen(link, today, facts);
  const days = facts.remediationDays?.[finding.severity];
  const due =
    days === undefined
      ? ''
      : `| Due | ${addDays(seen.day, days)} (first seen + ${days} days for ${finding.severity} severity, \`remediationDays\` in the policy) |`;
  const waiverExpires = new Date(Date.parse(`${today}T00:00:00Z`) + 90 * 86_400_000)
    .toISOString()
    .slice(0, 10);
  // A YAML double-quoted string (JSON's escapes are YAML's): no backtick can end the fence, and no `<` can open
  // an HTML comment or tag, so any resource key round-trips and nothing in it is read as markup.
  const yamlString = (s: string) =>
    JSON.stringify(s).replace(/[`<>]/g, unicodeEscape).replace(INVISIBLE, unicodeEscape);
  return [
    fingerprintMarker(finding),
    `<!-- heroku-evidence:details ${detailsHash(finding)} -->`,
    `**${md(finding.title)}**`,
    '',
    `| | |`,
    `| --- | --- |`,
    `| Control | ${finding.control}: ${cell(control.name)} |`,
    `| Resource | ${cell(finding.resource)} |`,
    `| Severity | ${finding.severity} |`,
    `| Frameworks | ${finding.frameworks.join(', ')} |`,
    `| First seen | ${seen.cell} |`,
    ...(due ? [due] : []),
    '',
    '### What fails',
    md(finding.detail || finding.title),
    finding.waiver?.expired
      ? `\n_The waiver for this finding expired on ${md(finding.waiver.expires)}._`
      : '',
    '',
    '### Why it matters',
    control.rationale,
    '',
    '### How to fix it',
    fillRemediation(control.remediation, facts.placeholders?.(finding.resource) ?? {}),
    '',
    'This issue closes itself once a run finds it fixed.',
    '',
    '### If the risk is accepted',
    'Add a waiver to the policy file; the finding then shows as `waived` until the waiver expires:',
    '```yaml',
    'waivers:',
    `  - control: ${finding.control}`,
    `    resource: ${yamlString(finding.resource)}`,
    '    reason: "why this is acceptable"',
    '    owner: "who accepts the risk"',
    `    expires: "${waiverExpires}"`,
    '```',
    '',
    evidenceLinks(link),
    '',
  ].join('\n');
}

/** The body without its evidence link: what decides whether the issue needs an update. */
export function withoutEvidence(body: string): string {
  return body
    .split('\n')
    .filter((line) => !line.startsWith('Evidence: ') && !line.startsWith('    expires: '))
    .join('\n')
    .trim();
}

export function digestBody(findings: readonly Finding[], cap: number, link: EvidenceLink): string {
  return [
    DIGEST_MARKER,
    `This run found ${findings.length} more failing control(s) than the ${cap} new issues a run may open (\`max-new-issues\`). They are listed here and get their own issue in later runs, ${cap} a run; this issue closes itself when the list is empty.`,
    '',
    '| control | resource | severity | what |',
    '| --- | --- | --- | --- |',
    ...findings.map((f) => `| ${f.control} | ${cell(f.resource)} | ${f.severity} | ${cell(f.title)} |`),
    '',
    evidenceLinks(link),
    '',
  ].join('\n');
}

/** `c` as a YAML (and JSON) `\uXXXX` escape. */
function unicodeEscape(c: string): string {
  return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
}
