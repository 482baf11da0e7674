// Turns one run (snapshot, findings, what the repository already holds) into the files of the evidence layout.
// Pure: the same input gives the same bytes, so the repository module only has to write them.
import { CONTROLS } from '../controls/catalog.js';
import type { Observe } from '../controls/scope.js';
import type { Finding } from '../controls/types.js';
import type { Policy } from '../policy.js';
import { safeName } from '../shared/escape.js';
import { FileSet } from '../shared/file-set.js';
import { sha256 } from '../shared/hash.js';
import type { AuditEvent } from '../snapshot/records.js';
import type { AuditDay, Snapshot } from '../snapshot/snapshot.js';
import { type Change, drift } from './drift.js';
import { DATA_FILES, recordCount } from './files.js';
import { jsonPieces, sortBy, toJson } from './json.js';
import { auditDayFile, INDEX_FILE, ledgerFile, RUN_FILES, STATE_FILE, uniqueRunFolder } from './layout.js';
import { ledgerLineText, memberChanges } from './ledger.js';
import { policySha256, policyText } from './policy-file.js';
import { PREVIOUS_FILES } from './previous.js';
import { countFindings, type State, stateText } from './state.js';
import { renderReadme, renderSummary } from './summary.js';

export interface RenderInput {
  snapshot: Snapshot;
  findings: Finding[];
  /** What this run observed of resources without a finding (controls/scope.ts), for the ledger's resolutions. */
  observe: Observe;
  /** The policy the findings were evaluated under: written into the run folder as policy.json. */
  policy: Policy;
  /** The repository's state before this run (emptyState() on the first). */
  state: State;
  /** Parsed data files of the previous inventory run, by file name, for the drift. */
  previousRunFiles: ReadonlyMap<string, unknown>;
  /** Audit day files already committed, for the days this run fetched. */
  existingAuditDays: ReadonlyMap<string, AuditDay>;
  /** The ledger file of this run's month as committed ('' for none), to append this run's line to. */
  ledgerText?: string;
  tool: { name: string; version: string };
  runUrl: string | null;
}

export interface Rendered {
  /** Paths relative to the evidence folder. */
  files: FileSet;
  runPath: string | null;
  state: State;
  changes: Change[];
  /** findings.json alone, for the output folder of a run without a run folder (an audit-only run). */
  findingsFile: FileSet;
  summary: string;
  message: string;
}

const MANIFEST_SCHEMA = 'heroku-evidence/manifest@1';

export function mergeAuditDay(existing: AuditDay | undefined, fetched: AuditDay): AuditDay {
  const byId = new Map<string, AuditEvent>();
  for (const event of existing?.events ?? []) byId.set(event.id, event);
  // An event already recorded is kept as recorded; new ones are added.
  for (const event of fetched.events) if (!byId.has(event.id)) byId.set(event.id, event);
  return {
    day: fetched.day,
    complete: (existing?.complete ?? false) || fetched.complete,
    events: sortBy([...byId.values()], (e) => [e.created_at, e.id]),
  };
}

export function render(input: RenderInput): Rendered {
  const { snapshot, findings } = input;
  const files = new FileSet();
  const state: State = structuredClone(input.state);
  // Written a finding at a time: a large account's findings.json is tens of megabytes of text.
  const findingsFile = new FileSet().write(RUN_FILES.findings, jsonPieces(findings));
  let runPath: string | null = null;
  let changes: Change[] = [];

  // Audit days: merged with what is committed, never losing an event.
  const auditWritten: AuditDay[] = [];
  for (const day of snapshot.auditDays) {
    const merged = mergeAuditDay(input.existingAuditDays.get(day.day), day);
    files.set(auditDayFile(day.day), toJson(merged));
    state.auditDays[day.day] = { complete: merged.complete, events: merged.events.length };
    auditWritten.push(merged);
  }

  if (snapshot.collected.inventory) {
    runPath = uniqueRunFolder(
      snapshot.collectedAt,
      new Set([...input.state.runs.map((r) => r.path), input.state.lastRunPath]),
    );
    const current = new Map<string, unknown>();
    const runFiles = new FileSet();
    const entries: { path: string; sha256: string; records: number }[] = [];
    for (const spec of DATA_FILES) {
      const records = spec.records(snapshot) ?? null;
      runFiles.write(spec.name, jsonPieces(records));
      // The drift reads the records as they are (a parsed copy of every file would double the run's memory), and
      // only the files it compares are kept for it.
      if (PREVIOUS_FILES.includes(spec.name)) current.set(spec.name, records);
      entries.push({ path: spec.name, sha256: runFiles.sha256(spec.name)!, records: recordCount(records) });
    }
    runFiles.adopt(findingsFile, (name) => name);
    entries.push({
      path: RUN_FILES.findings,
      sha256: runFiles.sha256(RUN_FILES.findings)!,
      records: findings.length,
    });
    const policy = policyText(input.policy);
    const policyHash = policySha256(input.policy);
    runFiles.set(RUN_FILES.policy, policy);
    entries.push({ path: RUN_FILES.policy, sha256: sha256(policy), records: input.policy.waivers.length });

    changes = input.state.lastRunPath ? drift(input.previousRunFiles, current) : [];
    const summary = renderSummary({
      snapshot,
      findings,
      changes,
      previousRunPath: input.state.lastRunPath,
      auditDays: auditWritten,
    });
    runFiles.set(RUN_FILES.summary, summary);
    entries.push({ path: RUN_FILES.summary, sha256: sha256(summary), records: 0 });

    const manifest = {
      schema: MANIFEST_SCHEMA,
      collectedAt: snapshot.collectedAt,
      completedAt: snapshot.completedAt,
      policySha256: policyHash,
      enterprise: snapshot.enterpriseAccount
        ? { id: snapshot.enterpriseAccount.id, name: snapshot.enterpriseAccount.name }
        : snapshot.enterpriseName,
      tool: input.tool,
      run: input.runUrl,
      previousManifestSha256: input.state.lastManifestSha256,
      complete: snapshot.gaps.length === 0,
      gaps: sortBy(snapshot.gaps, (g) => [g.resource, g.scope]),
      requests: snapshot.requests,
      // Only a merged run has shards: a single run's manifest is unchanged.
      ...(snapshot.shards
        ? { shards: sortBy(snapshot.shards, (s) => [String(s.shard).padStart(4, '0')]) }
        : {}),
      files: sortBy(entries, (e) => [e.path]),
    };
    const manifestText = toJson(manifest);
    runFiles.set(RUN_FILES.manifest, manifestText);
    // coreutils format: `<hash>  <name>`, so `sha256sum -c SHA256SUMS` checks the run with no other tool.
    const sums = [...runFiles.keys()]
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
      .map((name) => `${runFiles.sha256(name)}  ${name}\n`)
      .join('');
    runFiles.set(RUN_FILES.sums, sums);
    const folder = runPath;
    files.adopt(runFiles, (name) => `${folder}/${name}`);

    // The run's ledger line, appended in this same commit (history/ledger.ts).
    const previousFindings = (input.previousRunFiles.get(RUN_FILES.findings) ?? []) as Finding[];
    const line = ledgerLineText({
      path: runPath,
      collectedAt: snapshot.collectedAt,
      complete: manifest.complete,
      manifestText,
      policySha256: policyHash,
      previousManifestSha256: input.state.lastManifestSha256,
      previousLineSha256: input.state.lastLedgerSha256 ?? null,
      findings,
      previousFindings,
      observe: input.observe,
      members: input.state.lastRunPath
        ? memberChanges(input.previousRunFiles.get(RUN_FILES.teamMembers), current.get(RUN_FILES.teamMembers))
        : { joined: [], left: [], roleChanges: [] },
    });
    files.set(ledgerFile(snapshot.collectedAt), `${input.ledgerText ?? ''}${line}`);
    state.lastLedgerSha256 = sha256(line);

    const counts = countFindings(findings);
    state.lastInventoryAt = snapshot.collectedAt;
    state.lastRunPath = runPath;
    state.lastManifestSha256 = runFiles.sha256(RUN_FILES.manifest)!;
    state.runs = [
      { path: runPath, collectedAt: snapshot.collectedAt, complete: manifest.complete, findings: counts },
      ...state.runs.filter((r) => r.path !== runPath),
    ];
    state.controls = Object.fromEntries(
      CONTROLS.map((c) => [c.id, countFindings(findings.filter((f) => f.control === c.id))]),
    );
  }

  state.auditDays = Object.fromEntries(
    Object.entries(state.auditDays).sort(([a], [b]) => a.localeCompare(b)),
  );
  files.set(STATE_FILE, stateText(state));
  files.set(INDEX_FILE, renderReadme(state, snapshot, input.tool));
  const summary =
    runPath !== null
      ? files.get(`${runPath}/${RUN_FILES.summary}`)!
      : renderSummary({ snapshot, findings, changes, previousRunPath: null, auditDays: auditWritten });
  return {
    files,
    runPath,
    state,
    changes,
    findingsFile,
    summary,
    message: commitMessage(snapshot, findings, changes, auditWritten),
  };
}

/**
 * The commit message: what was collected and the headline counts, and what changed, counted per app or team. It
 * carries no free text from Heroku beyond app and team names (the names, emails and hostnames are in SUMMARY.md).
 */
function commitMessage(
  snapshot: Snapshot,
  findings: Finding[],
  changes: Change[],
  audit: AuditDay[],
): string {
  const who = snapshot.enterpriseName ?? snapshot.enterpriseAccount?.name ?? null;
  const when = `${snapshot.collectedAt.slice(0, 16).replace('T', ' ')}Z`;
  const parts: string[] = [];
  if (snapshot.collected.inventory) {
    const c = countFindings(findings);
    const members = new Set(snapshot.teamMembers.map((m) => m.email.toLowerCase())).size;
    parts.push(
      `${snapshot.teams.filter((t) => t.visible).length} teams, ${snapshot.apps.length} apps, ${members} members`,
      `${c.fail} failing, ${c.waived} waived, ${c.error} errors`,
    );
  }
  if (audit.length)
    parts.push(`${audit.length} audit days (${audit.reduce((n, d) => n + d.events.length, 0)} events)`);
  const kind = snapshot.collected.inventory ? 'inventory' : 'audit trail';
  const body: string[] = [];
  if (snapshot.gaps.length) body.push(`Incomplete: ${snapshot.gaps.length} gap(s), see manifest.json.`);
  if (changes.length) {
    const counted = new Map<string, { n: number; change: Change }>();
    for (const c of changes) {
      const where =
        'app' in c.brief.where
          ? `on ${safeName(c.brief.where.app)}`
          : `in team ${safeName(c.brief.where.team)}`;
      const key = `${c.section}: ${c.brief.one} ${where}`;
      const entry = counted.get(key) ?? { n: 0, change: c };
      entry.n++;
      counted.set(key, entry);
    }
    const lines = [...counted].map(([, { n, change: c }]) => {
      const where =
        'app' in c.brief.where
          ? `on ${safeName(c.brief.where.app)}`
          : `in team ${safeName(c.brief.where.team)}`;
      return `- ${c.section}: ${n} ${n === 1 ? c.brief.one : c.brief.many} ${where}`;
    });
    body.push(`Changes since the previous run (${changes.length}, listed in SUMMARY.md):`);
    body.push(...lines.slice(0, 20));
    if (lines.length > 20) body.push(`- … and ${lines.length - 20} more in SUMMARY.md`);
  }
  const of = who ? ` of ${safeName(who)}` : '';
  return `Heroku evidence: ${kind}${of} at ${when}${parts.length ? `: ${parts.join('; ')}` : ''}${body.length ? `\n\n${body.join('\n')}` : ''}\n`;
}
