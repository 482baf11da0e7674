// `collect: check-connection`: a short run that tells what the token can and cannot read, and how to fix each
// missing piece. It changes nothing and writes no evidence.

import { isGap } from '../errors.js';
import type { Policy } from '../policy.js';
import * as r from '../snapshot/records.js';
import { fixFor } from './access.js';
import type { HerokuClient } from './client.js';
import { tokenAuthorization } from './collect.js';
import {
  type Check,
  enterpriseCheck,
  lifetimeCheck,
  scopeCheck,
  serviceAccountCheck,
  teamRoleCheck,
} from './privilege.js';
import { authorization } from './schemas.js';

export async function checkConnection(
  client: HerokuClient,
  options: {
    token: string;
    enterprise: string;
    teams: string[];
    now: Date;
    policy: Pick<Policy, 'tokenMaxAgeDays' | 'serviceAccounts'>;
  },
): Promise<Check[]> {
  const checks: Check[] = [];
  const probe = async <T>(
    what: string,
    resource: string,
    fn: () => Promise<T>,
    describe: (value: T) => string,
  ) => {
    try {
      const value = await fn();
      checks.push({ what, ok: true, detail: describe(value), fix: '' });
      return value;
    } catch (error) {
      if (!isGap(error)) throw error;
      checks.push({ what, ok: false, detail: error.message, fix: fixFor(resource) });
      return undefined;
    }
  };

  // A rejected token throws from here: the only failure that makes check-connection fail.
  const account = await client.get('/account', r.account);
  checks.push({ what: 'Account', ok: true, detail: `token of ${account.email}`, fix: '' });
  // The token is compared in memory only, to recognise its own authorization; only its metadata is kept.
  const authorizations = await probe(
    'Token authorization',
    'authorization',
    () => client.list('/oauth/authorizations', authorization),
    (list) => `${list.length} authorizations readable`,
  );
  const mine = authorizations && tokenAuthorization(authorizations, options.token, options.now);
  if (mine) {
    checks.at(-1)!.detail = `authorization ${mine.id} (${mine.description ?? 'no description'})`;
    checks.push(scopeCheck(mine), lifetimeCheck(mine, options.now, options.policy.tokenMaxAgeDays));
  } else if (authorizations) {
    checks.push({
      what: 'Token scopes',
      ok: false,
      detail:
        'the token in use is not among the account’s authorizations, so its scopes, age and expiry are unknown',
      fix: 'Use a token made with `heroku authorizations:create` (not a session token) as the service account.',
    });
  }
  checks.push(serviceAccountCheck(account.email, options.policy.serviceAccounts));
  let enterpriseTeams: r.Team[] | undefined;
  if (options.enterprise) {
    const id = encodeURIComponent(options.enterprise);
    const enterprise = await probe(
      'Enterprise account',
      'enterprise-account',
      () => client.get(`/enterprise-accounts/${id}`, r.enterpriseAccount),
      (e) => e.name,
    );
    if (enterprise) {
      checks.push(enterpriseCheck(enterprise.permissions ?? []));
      enterpriseTeams = await probe(
        'Enterprise teams',
        'enterprise-teams',
        () => client.list(`/enterprise-accounts/${encodeURIComponent(enterprise.id)}/teams`, r.team),
        (t) => `${t.length} teams in the enterprise`,
      );
      await probe(
        'Enterprise members',
        'enterprise-members',
        () =>
          client.list(
            `/enterprise-accounts/${encodeURIComponent(enterprise.id)}/members`,
            r.enterpriseMember,
          ),
        (m) => `${m.length} members`,
      );
      await probe(
        'Audit trail',
        'audit-trail',
        () =>
          client.list(
            `/enterprise-accounts/${encodeURIComponent(enterprise.id)}/events?day=${options.now.toISOString().slice(0, 10)}`,
            r.auditEvent,
          ),
        (e) => `${e.length} events today`,
      );
    }
  } else {
    checks.push({
      what: 'Enterprise account',
      ok: false,
      detail: 'no enterprise-account input',
      fix: 'Set `enterprise-account` to collect enterprise members and the audit trail.',
    });
  }
  const teams =
    (await probe(
      'Teams',
      'teams',
      () => client.list('/teams', r.team),
      (t) => `${t.length} teams visible`,
    )) ?? [];
  const wanted = options.teams.length ? teams.filter((t) => options.teams.includes(t.name)) : teams;
  if (wanted.length) checks.push(teamRoleCheck(wanted, account.email));
  // The same teams an inventory would report as gaps: the enterprise's teams (or those asked for) the token
  // cannot see.
  const expected = new Set([
    ...(enterpriseTeams ?? [])
      .map((t) => t.name)
      .filter((n) => !options.teams.length || options.teams.includes(n)),
    ...options.teams,
  ]);
  for (const name of [...expected].filter((n) => !teams.some((t) => t.name === n)).sort()) {
    checks.push({ what: `Team ${name}`, ok: false, detail: 'not visible to the token', fix: fixFor('team') });
  }
  let sampleApp: r.App | undefined;
  for (const team of wanted) {
    const t = encodeURIComponent(team.name);
    await probe(
      `Team ${team.name}: members`,
      'team-members',
      () => client.list(`/teams/${t}/members`, r.teamMember),
      (m) => `${m.length} members`,
    );
    const apps = await probe(
      `Team ${team.name}: apps`,
      'team-apps',
      () => client.list(`/teams/${t}/apps`, r.app),
      (a) => `${a.length} apps`,
    );
    sampleApp ??= apps?.[0];
  }
  if (sampleApp) {
    const app = sampleApp;
    await probe(
      `Config var names (sample app ${app.name})`,
      'config-var-names',
      () => client.configVarNames(app.id),
      (names) => `${names.length} names readable`,
    );
  }
  return checks;
}
