// The walk: turns what the token can see of a Heroku account into one Snapshot. Nothing that can be read is
// skipped and nothing is requested twice; whatever cannot be read becomes a gap, and the walk goes on.

import { scrubSecrets } from '../shared/escape.js';
import * as r from '../snapshot/records.js';
import {
  classifyConfigVar,
  emptySnapshot,
  type Snapshot,
  type TokenAuthorization,
} from '../snapshot/snapshot.js';
import { fixFor } from './access.js';
import { isDayComplete } from './audit.js';
import type { HerokuClient } from './client.js';
import { collectHardening, type Hardened, identityProviders, productionAppReader } from './hardening.js';
import { type Read, readInto } from './read.js';
import { type Authorization, authorization } from './schemas.js';
import { type OnTeam, walkTeams } from './teams.js';

export interface CollectOptions {
  token: string;
  /** Enterprise account name or id; empty to collect only what the token's teams show. */
  enterprise: string;
  /** Team names to collect; empty for every team the token can see. */
  teams: string[];
  inventory: boolean;
  /** UTC days (YYYY-MM-DD) of the audit trail to fetch. */
  auditDays: string[];
  now: Date;
  /** The clock that times the walk, to date its end as `now` plus the time it took (Date.now by default). */
  clock?: () => number;
  log: (line: string) => void;
  /** Teams of the previous inventory: one the token no longer sees is a gap until seen again or known deleted. */
  knownTeams?: string[];
  /** Apps that had SNI endpoints in the previous inventory: their endpoints are read even without a custom domain. */
  knownEndpointApps?: string[];
  /** The first day of the audit window (the days before it are not read again). */
  auditWindowStart?: string;
  /** The policy's `productionApps` globs: which apps' log drains and features to read. */
  productionApps?: string[];
  /** Read the spaces' inbound rules: only when the policy sets `allowedInboundCidrs` (HEROKU-NET-1). */
  inboundRules?: boolean;
  /** `collect: merge`: the teams were walked by the shards of a plan; their parts are joined instead. */
  walked?: Walked;
}

/** What the shards of a plan read of their teams, for the merge to join in place of its own walk. */
export interface Walked {
  /** The teams the shards' tokens could see, as they listed them. */
  teams: r.Team[];
  /** Teams of the plan that no shard read (a shard did not arrive, or its token cannot see them). */
  unseen: string[];
  /** Adds the shards' records and gaps to the snapshot. */
  join: (snapshot: Snapshot) => void;
  /** Why a team no shard read is a gap, when the plan knows better than "the token cannot see it". */
  why: (team: string) => string | undefined;
  /** The production apps and pipelines whose lists the shards read: not read again. */
  hardened: Hardened;
}

export async function collect(client: HerokuClient, options: CollectOptions): Promise<Snapshot> {
  const clock = options.clock ?? Date.now;
  const started = clock();
  const snapshot = emptySnapshot(options.now.toISOString());
  snapshot.collected = { inventory: options.inventory, audit: options.auditDays.length > 0 };
  const { log } = options;

  const read = readInto(snapshot);

  // Independent first reads go out together; the pool's real level corrects the client's estimate as soon as
  // it arrives, and every response's RateLimit-Remaining keeps it honest.
  const id = encodeURIComponent(options.enterprise);
  const [budget, account, enterpriseAccount, visibleTeams] = await Promise.all([
    client.checkRateLimit(),
    client.get('/account', r.account),
    options.enterprise
      ? read('enterprise-account', `enterprise/${options.enterprise}`, () =>
          client.get(`/enterprise-accounts/${id}`, r.enterpriseAccount),
        )
      : undefined,
    options.inventory && !options.walked
      ? read('teams', 'account', () => client.list('/teams', r.team))
      : options.walked?.teams,
  ]);
  log(`Rate limit: ${budget} requests left in the pool.`);
  snapshot.account = account;
  log(`Token belongs to ${account.email}.`);
  snapshot.enterpriseName = options.enterprise || null;
  snapshot.teamsSelected = [...new Set(options.teams)].sort();
  snapshot.auditWindowStart =
    options.auditDays.length > 0 ? (options.auditWindowStart ?? options.auditDays[0]!) : null;
  snapshot.enterpriseAccount = enterpriseAccount ?? null;
  const enterpriseScope = `enterprise/${snapshot.enterpriseAccount?.name ?? options.enterprise}`;

  // The audit trail is read alongside the inventory: neither waits for the other.
  await Promise.all([
    options.inventory
      ? collectInventory(client, options, snapshot, read, enterpriseScope, visibleTeams ?? [])
      : undefined,
    collectAudit(client, options, snapshot, read, enterpriseScope),
  ]);

  client.forgetStrings();
  snapshot.requests = client.requests;
  snapshot.rateLimited = client.rateLimited;
  snapshot.completedAt = new Date(options.now.getTime() + (clock() - started)).toISOString();
  log(`Requests sent: ${client.requests}; rate limit left: ${client.rateLimitRemaining ?? 'unknown'}.`);
  return snapshot;
}

async function collectAudit(
  client: HerokuClient,
  options: CollectOptions,
  snapshot: Snapshot,
  read: Read,
  enterpriseScope: string,
): Promise<void> {
  if (options.auditDays.length === 0) return;
  const { log } = options;
  const enterprise = enterpriseId(snapshot, options);
  if (!enterprise) {
    snapshot.gaps.push({
      resource: 'audit-trail',
      scope: enterpriseScope,
      reason:
        'No `enterprise-account` input: the audit trail belongs to an enterprise account and was skipped.',
    });
  } else {
    const fetchedAt = options.now;
    let done = 0;
    await Promise.all(
      options.auditDays.map(async (day) => {
        const events = await read('audit-trail', `audit-day/${day}`, () =>
          client.list(`/enterprise-accounts/${enterprise}/events?day=${day}`, r.auditEvent),
        );
        if (events) snapshot.auditDays.push({ day, complete: isDayComplete(day, fetchedAt), events });
        done++;
      }),
    );
    snapshot.auditDays.sort((a, b) => a.day.localeCompare(b.day));
    log(
      `Audit trail: ${done} day(s) fetched, ${snapshot.auditDays.reduce((n, d) => n + d.events.length, 0)} events.`,
    );
  }
}

async function collectInventory(
  client: HerokuClient,
  options: CollectOptions,
  snapshot: Snapshot,
  read: Read,
  enterpriseScope: string,
  visibleTeams: r.Team[],
): Promise<void> {
  const { log, token } = options;
  const enterprise = enterpriseId(snapshot, options);

  // The account-wide lists are read while the teams are walked, which starts as soon as /teams answers.
  const spacesRead = read('spaces', 'account', () => client.list('/spaces', r.space));
  const accountLists = Promise.all([
    read('authorization', 'account', () => client.list('/oauth/authorizations', authorization)),
    enterprise
      ? read('enterprise-members', enterpriseScope, () =>
          client.list(`/enterprise-accounts/${enterprise}/members`, r.enterpriseMember),
        )
      : undefined,
    enterprise
      ? read('enterprise-teams', enterpriseScope, () =>
          client.list(`/enterprise-accounts/${enterprise}/teams`, r.team),
        )
      : undefined,
    read('stacks', 'account', () => client.list('/stacks', r.stack)),
    spacesRead,
    read('pipelines', 'account', () => client.list('/pipelines', r.pipeline)),
    read('addon-attachments', 'account', () => client.list('/addon-attachments', r.addonAttachment)),
  ]);
  // Teams: the ones asked for, or all visible ones; every enterprise team the token cannot see is a gap.
  const wanted = new Set(options.teams);
  const visible = visibleTeams.filter(
    (team) =>
      (wanted.size === 0 || wanted.has(team.name)) &&
      (!enterprise || !team.enterprise_account || sameEnterprise(team.enterprise_account, snapshot, options)),
  );
  // Each team's production apps are read as soon as its apps and couplings are in (the merge's were read by shards).
  const globs = options.productionApps ?? [];
  const early = options.walked
    ? undefined
    : productionAppReader(
        client,
        snapshot,
        read,
        globs,
        spacesRead.then((list) => list ?? []),
      );
  const walk = options.walked
    ? Promise.resolve(options.walked.join(snapshot))
    : walkTeamsInto(client, visible, snapshot, read, log, options.knownEndpointApps ?? [], early?.add);
  // A rejected token fails both; the first failure awaited is the one reported, the other must not go unhandled.
  walk.catch(() => undefined);
  const [authorizations, members, enterpriseTeams, stacks, spaces, pipelines, attachments] =
    await accountLists;
  snapshot.authorization = tokenAuthorization(authorizations ?? [], token, options.now);
  snapshot.authorizationIds = (authorizations ?? []).map((a) => a.id).sort();
  if (authorizations && !snapshot.authorization) {
    snapshot.gaps.push({
      resource: 'authorization',
      scope: 'account',
      reason: 'The token in use is not among the account’s authorizations (is it a session token?).',
    });
  }
  snapshot.enterpriseMembers = members ?? [];
  snapshot.stacks = stacks ?? [];

  const visibleNames = new Set(visible.map((team) => team.name));
  const enterpriseNames = new Set((enterpriseTeams ?? []).map((t) => t.name));
  // A team of the previous inventory is known deleted only when the enterprise's own list was read without it.
  const vanished = (options.knownTeams ?? []).filter(
    (name) => (wanted.size === 0 || wanted.has(name)) && !(enterpriseTeams && !enterpriseNames.has(name)),
  );
  const invisible = [
    ...new Set([
      ...(enterpriseTeams ?? []).map((t) => t.name).filter((name) => wanted.size === 0 || wanted.has(name)),
      ...wanted,
      ...vanished,
      ...(options.walked?.unseen ?? []),
    ]),
  ]
    .filter((name) => !visibleNames.has(name))
    .sort()
    .map((name) => ({ id: '', ...(enterpriseTeams ?? []).find((t) => t.name === name), name }));
  for (const team of invisible) {
    const before = vanished.includes(team.name) && !enterpriseNames.has(team.name);
    snapshot.gaps.push({
      resource: 'team',
      scope: `team/${team.name}`,
      reason:
        options.walked?.why(team.name) ??
        `The token cannot see team ${team.name}${before ? ' (it was in the previous inventory)' : ''}. ${fixFor('team')}`,
    });
  }
  snapshot.teams = [
    ...visible.map((team) => ({ ...team, visible: true })),
    ...invisible.map((team) => ({ ...team, visible: false })),
  ];
  log(`Teams: ${visible.length} visible, ${invisible.length} not visible to the token.`);
  const ssoRead = identityProviders(client, snapshot, read);
  // Awaited after the walk; a rejected token must not leave it unhandled meanwhile.
  ssoRead.catch(() => undefined);

  await walk;
  const appIds = new Set(snapshot.apps.map((app) => app.id));
  const teamNames = new Set(visible.map((team) => team.name));
  snapshot.addonAttachments = (attachments ?? []).filter(
    (a) => appIds.has(a.app.id) || appIds.has(a.addon.app.id),
  );
  const coupledPipelines = new Set(snapshot.pipelineCouplings.map((c) => c.pipeline.id));
  snapshot.pipelines = (pipelines ?? []).filter((p) => coupledPipelines.has(p.id));
  snapshot.spaces = (spaces ?? []).filter((s) => !s.team || teamNames.has(s.team.name));
  // Apps, couplings, pipelines and spaces are known now: the reads that depend on them can start.
  await Promise.all([
    ssoRead,
    collectHardening(client, snapshot, read, {
      productionApps: globs,
      inboundRules: options.inboundRules ?? false,
      done: options.walked?.hardened,
      early,
    }),
  ]);
}

/**
 * The per-team part of an inventory (what one job of a sharded collection reads): the teams' walk, and their apps'
 * config var names classified (names only: the client drops the values).
 */
export async function walkTeamsInto(
  client: HerokuClient,
  teams: r.Team[],
  snapshot: Snapshot,
  read: Read,
  log: (line: string) => void,
  knownEndpointApps: readonly string[],
  onTeam?: OnTeam,
): Promise<void> {
  const configVarNames = await walkTeams(
    client,
    teams,
    snapshot,
    read,
    log,
    new Set(knownEndpointApps),
    onTeam,
  );
  // An add-on supplies its variables to the app that owns it, which is always of the same team.
  const addonVars = addonSuppliedVars(snapshot);
  for (const app of snapshot.apps) {
    const names = configVarNames.get(app.id);
    if (names)
      snapshot.configVarNames.push({
        app: app.name,
        names: names.map((name) => classifyConfigVar(name, addonVars.get(`${app.id}/${name}`) ?? null)),
      });
  }
}

/**
 * The enterprise account as a path segment: its id when its record was read, else the name or id the input gives
 * (Heroku takes either), so that an unreadable account record does not stop the reads that do not need it.
 */
function enterpriseId(snapshot: Snapshot, options: CollectOptions): string | null {
  const identity = snapshot.enterpriseAccount?.id ?? options.enterprise;
  return identity ? encodeURIComponent(identity) : null;
}

/** Whether a team's enterprise is the one this run collects (by id, or by the input's name or id). */
function sameEnterprise(
  owner: { id: string; name?: string | undefined },
  snapshot: Snapshot,
  options: CollectOptions,
): boolean {
  const account = snapshot.enterpriseAccount;
  if (account) return owner.id === account.id;
  return owner.id === options.enterprise || owner.name === options.enterprise;
}

/** The authorization of the token in use, found by comparing tokens in memory: only its metadata is returned. */
export function tokenAuthorization(
  authorizations: Authorization[],
  token: string,
  now: Date,
): TokenAuthorization | null {
  // Compared here in memory, never stored: only the authorization's metadata leaves this function.
  const mine = authorizations.find((a) => a.access_token?.token === token);
  if (!mine) return null;
  const expiresIn = mine.access_token?.expires_in ?? null;
  return {
    id: mine.id,
    description: mine.description ? scrubSecrets(mine.description) : null,
    scope: [...(mine.scope ?? [])].sort(),
    createdAt: mine.created_at,
    // expires_in counts from the response; rounded to the hour so that unchanged tokens give unchanged evidence.
    expiresAt: expiresIn === null ? null : roundToHour(now.getTime() + expiresIn * 1000),
  };
}

/** `appId/VAR` → the add-on that puts VAR into that app. */
function addonSuppliedVars(snapshot: Snapshot): Map<string, string> {
  const map = new Map<string, string>();
  for (const addon of snapshot.addons) {
    for (const name of addon.config_vars ?? []) map.set(`${addon.app.id}/${name}`, addon.name);
  }
  return map;
}

function roundToHour(ms: number): string {
  return new Date(Math.round(ms / 3_600_000) * 3_600_000).toISOString();
}
