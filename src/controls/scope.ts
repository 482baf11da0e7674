// What this run observed, resource by resource: the one place that decides whether a resource with no finding in
// this run is gone (absent from a list read completely that would hold it), unseen (a list that should have been
// read was not), outside the run's scope (a team the `teams` input left out), kept (read in an earlier run and not
// read again by design, such as a complete audit day), or still there but no longer evaluated (the policy, or the
// account, no longer puts it under the control). Only "gone" may close an issue as gone, and only "unseen" makes a
// "not verified" error: nothing is counted as fixed because data went missing.

import type { Gap, Snapshot } from '../snapshot/snapshot.js';
import type { Finding } from './types.js';

export type Absence =
  | { kind: 'gone'; witness: string }
  | { kind: 'unseen'; why: string }
  | { kind: 'outside'; why: string }
  | { kind: 'kept'; why: string }
  | { kind: 'present'; why: string };

/** Where the previous inventory saw resources: the list that would hold one that has no finding now. */
export interface PreviousIndex {
  /** app name → its team */
  appTeam: ReadonlyMap<string, string>;
  /** domain hostname → its app */
  domainApp: ReadonlyMap<string, string>;
  /** lower-cased email → the teams it was a member of */
  memberTeams: ReadonlyMap<string, ReadonlySet<string>>;
  /** The id of the authorization the previous run collected with (its token's). */
  authorization: string | null;
}

const NO_PREVIOUS: PreviousIndex = {
  appTeam: new Map(),
  domainApp: new Map(),
  memberTeams: new Map(),
  authorization: null,
};

export type Observe = (resource: string) => Absence;

/** Whether a list that would hold `scope`'s resources failed to be read whole. */
const TEAM_HIDING = new Set(['teams', 'team', 'team-apps']);

export function observer(snapshot: Snapshot, previous: PreviousIndex = NO_PREVIOUS): Observe {
  const gaps = (resource: string | ((g: Gap) => boolean), scope?: string) =>
    snapshot.gaps.filter((g) =>
      typeof resource === 'string' ? g.resource === resource && (!scope || g.scope === scope) : resource(g),
    );
  const selected = new Set(snapshot.teamsSelected);
  const narrowed = selected.size > 0;
  // Teams of a sharded run whose shard did not arrive: not read by design, like a team outside `teams`.
  const unobserved = new Set(snapshot.unobservedTeams ?? []);
  const apps = new Map(snapshot.apps.map((a) => [a.name, a]));
  const visibleTeams = new Set(snapshot.teams.filter((t) => t.visible).map((t) => t.name));
  const endpointsRead = new Set(snapshot.sniEndpointsReadFor);

  /** The team's lists of apps and members were read: or why not. */
  const team = (name: string): Absence | null => {
    if (narrowed && !selected.has(name))
      return { kind: 'outside', why: `team ${name} is outside the teams this run collected` };
    if (unobserved.has(name))
      return { kind: 'outside', why: `team ${name} was not read in this run: its shard did not arrive` };
    const hiding = gaps(
      (g) => TEAM_HIDING.has(g.resource) && (g.scope === `team/${name}` || g.scope === 'account'),
    );
    if (hiding.length > 0 || !visibleTeams.has(name)) return unseen(hiding, `team ${name} could not be read`);
    return null;
  };
  /** Every team's lists were read (for a resource whose team is not known). */
  const everyTeam = (): Absence | null => {
    if (narrowed) return { kind: 'outside', why: 'it is not known to be in the teams this run collected' };
    const hiding = gaps((g) => TEAM_HIDING.has(g.resource));
    return hiding.length > 0 ? unseen(hiding) : null;
  };

  const app = (name: string): Absence => {
    if (apps.has(name)) return present(`app ${name} is still in the account`);
    const owner = previous.appTeam.get(name);
    const hidden = owner !== undefined ? team(owner) : everyTeam();
    if (hidden) return hidden;
    return gone(owner !== undefined ? `team ${owner}’s app list` : 'every team’s app list');
  };
  /** A resource read per app: gone when its app was read whole, or the app itself is gone. */
  const perApp = (appName: string, lists: string[], what: string, has: () => boolean): Absence => {
    if (!apps.has(appName)) return app(appName);
    const hiding = gaps((g) => lists.includes(g.resource) && g.scope === `app/${appName}`);
    if (hiding.length > 0) return unseen(hiding);
    return has() ? present(`it is still in ${what}`) : gone(`${what}`);
  };

  const kinds: Record<string, (rest: string[]) => Absence> = {
    app: ([name = '']) => app(name),
    'config-var': ([appName = '', ...name]) =>
      perApp(appName, ['config-var-names'], `the config var names of ${appName}`, () =>
        snapshot.configVarNames.some(
          (c) => c.app === appName && c.names.some((n) => n.name === name.join('/')),
        ),
      ),
    domain: ([host = '']) => {
      const now = snapshot.domains.find((d) => d.hostname === host);
      if (now) return present(`${host} is still a domain of ${now.app.name}`);
      const appName = previous.domainApp.get(host);
      if (appName !== undefined)
        return perApp(appName, ['domains'], `the domains of ${appName}`, () => false);
      const hiding = gaps('domains');
      if (hiding.length > 0) return unseen(hiding);
      return everyTeam() ?? gone('every app’s domains');
    },
    'sni-endpoint': ([appName = '', ...name]) => {
      if (apps.has(appName) && !endpointsRead.has(appName) && !gaps('sni-endpoints', `app/${appName}`).length)
        return {
          kind: 'unseen',
          why: `the SNI endpoints of ${appName} were not read in this run (it has no custom domain)`,
        };
      return perApp(appName, ['domains', 'sni-endpoints'], `the SNI endpoints of ${appName}`, () =>
        snapshot.sniEndpoints.some((e) => e.app.name === appName && e.name === name.join('/')),
      );
    },
    'addon-attachment': ([addon = '', appName = '']) => {
      if (
        snapshot.addonAttachments.some((a) => a.addon.name === addon && (a.app.name ?? a.app.id) === appName)
      )
        return present(`${addon} is still attached to ${appName}`);
      const hiding = gaps((g) => g.resource === 'addon-attachments' || g.resource === 'team-addons');
      if (hiding.length > 0) return unseen(hiding);
      return apps.has(appName) ? gone('the account’s add-on attachments') : app(appName);
    },
    member: ([email = '']) => member(email.toLowerCase()),
    // An account-wide list (`account` scope) that could not be read: an error keyed to it, never a resource.
    account: () => {
      const hiding = gaps((g) => g.scope === 'account');
      return hiding.length > 0 ? unseen(hiding) : present('the account-wide lists were read');
    },
    // Pipelines, their stages' config vars, add-ons and spaces are read from account- or team-wide lists.
    pipeline: ([name = '']) => pipeline(name),
    'pipeline-config-var': ([name = '', stage = '', ...variable]) => {
      const found = snapshot.pipelines.find((p) => p.name === name);
      if (!found) return pipeline(name);
      const hiding = gaps((g) => g.scope === `pipeline/${name}`);
      if (hiding.length > 0) return unseen(hiding);
      const names = snapshot.pipelineConfigVarNames.find((c) => c.pipeline === name && c.stage === stage);
      // The review stage is read only while review apps are on: off, nothing is handed to review apps any more.
      if (
        !names &&
        stage === 'review' &&
        snapshot.reviewAppConfigs.some((c) => c.pipeline === name && !c.enabled)
      )
        return present(`review apps are off for pipeline ${name}`);
      if (!names)
        return { kind: 'unseen', why: `the ${stage} stage of pipeline ${name} was not read in this run` };
      return names.names.some((n) => n.name === variable.join('/'))
        ? present(`it is still a config var of the ${stage} stage of ${name}`)
        : gone(`the config var names of the ${stage} stage of ${name}`);
    },
    addon: ([name = '']) => {
      if (snapshot.addons.some((a) => a.name === name))
        return present(`add-on ${name} is still in the account`);
      const hiding = gaps('team-addons');
      if (hiding.length > 0) return unseen(hiding);
      return everyTeam() ?? gone('every team’s add-ons');
    },
    space: ([name = '']) => {
      if (snapshot.spaces.some((s) => s.name === name))
        return present(`space ${name} is still in the account`);
      const hiding = gaps('spaces');
      if (hiding.length > 0) return unseen(hiding);
      return everyTeam() ?? gone('the account’s spaces');
    },
    team: ([name = '']) => {
      if ((narrowed && !selected.has(name)) || unobserved.has(name)) return team(name)!;
      // A team's own lists (apps, members, preferences, couplings, identity providers) decide its controls.
      const own = gaps((g) => g.scope === `team/${name}`);
      if (own.length > 0) return unseen(own);
      if (visibleTeams.has(name)) return present(`team ${name} is still in the account`);
      const hiding = gaps(
        (g) => g.resource === 'teams' || (g.resource === 'team' && g.scope === `team/${name}`),
      );
      return hiding.length > 0 ? unseen(hiding) : gone('the list of teams');
    },
    enterprise: () => {
      const hiding = gaps('enterprise-account');
      return hiding.length > 0 ? unseen(hiding) : present('the enterprise account was read');
    },
    authorization: ([id = '']) => {
      if (snapshot.authorization?.id === id) return present('the token’s authorization is still there');
      if (snapshot.authorizationIds.includes(id))
        return present(
          `authorization ${id} still exists, but it is no longer the one this run collects with`,
        );
      // Another token's authorization (another workflow's, or a shard's account) is not in this account's list.
      if (previous.authorization !== id)
        return { kind: 'outside', why: `authorization ${id} is not the one this run collects with` };
      const hiding = gaps('authorization');
      return hiding.length > 0 ? unseen(hiding) : gone('the account’s authorizations');
    },
    'audit-day': ([day = '']) => {
      if (snapshot.auditDays.some((d) => d.day === day)) return present(`the audit trail of ${day} was read`);
      // A complete day is never fetched again: its result, as observed, stands while it is in the window.
      if (snapshot.auditWindowStart !== null && day >= snapshot.auditWindowStart)
        return { kind: 'kept', why: `the audit trail of ${day} was read completely in an earlier run` };
      return { kind: 'outside', why: `${day} is outside the audit window this run covers` };
    },
  };

  /** A pipeline is listed when an app of a collected team is coupled to it. */
  const pipeline = (name: string): Absence => {
    if (snapshot.pipelines.some((p) => p.name === name))
      return present(`pipeline ${name} is still in the account`);
    const hiding = gaps((g) => g.resource === 'pipelines' || g.resource === 'pipeline-couplings');
    if (hiding.length > 0) return unseen(hiding);
    return everyTeam() ?? gone('the pipelines the collected teams’ apps are coupled to');
  };

  const member = (email: string): Absence => {
    const inTeams = snapshot.teamMembers.some((m) => m.email.toLowerCase() === email);
    const inEnterprise = snapshot.enterpriseMembers.some((m) => m.user.email.toLowerCase() === email);
    if (inTeams || inEnterprise) return present(`${email} is still a member`);
    const enterpriseHiding = snapshot.enterpriseName ? gaps('enterprise-members') : [];
    if (enterpriseHiding.length > 0) return unseen(enterpriseHiding);
    const teams = previous.memberTeams.get(email);
    if (teams && teams.size > 0) {
      for (const name of [...teams].sort()) {
        const hidden = team(name);
        if (hidden) return hidden;
        const hiding = gaps('team-members', `team/${name}`);
        if (hiding.length > 0) return unseen(hiding);
      }
      return gone(
        `the members of ${[...teams].sort().join(', ')}${snapshot.enterpriseName ? ' and of the enterprise' : ''}`,
      );
    }
    const hiding = gaps('team-members');
    if (hiding.length > 0) return unseen(hiding);
    const hidden = everyTeam();
    if (hidden && !(hidden.kind === 'outside' && snapshot.enterpriseName)) return hidden;
    return gone(`every team’s members${snapshot.enterpriseName ? ' and the enterprise’s' : ''}`);
  };

  return (resource) => {
    if (!snapshot.collected.inventory && !resource.startsWith('audit-day/'))
      return { kind: 'kept', why: 'this run did not read the inventory' };
    const [kind = '', ...rest] = resource.split('/');
    const rule = kinds[kind];
    if (!rule) return { kind: 'unseen', why: `this run cannot tell whether ${resource} is gone` };
    return rule(rest);
  };
}

function gone(list: string): Absence {
  return { kind: 'gone', witness: `it is absent from ${list}, which this run read completely` };
}

function present(why: string): Absence {
  return { kind: 'present', why };
}

function unseen(gaps: readonly Gap[], fallback = 'it could not be read'): Absence {
  if (gaps.length === 0) return { kind: 'unseen', why: fallback };
  const shown = gaps.slice(0, 3).map((g) => `${g.resource} of ${g.scope}`);
  return {
    kind: 'unseen',
    why: `${shown.join('; ')}${gaps.length > 3 ? ` and ${gaps.length - 3} more` : ''} could not be read`,
  };
}

/**
 * The previous run's findings that have no finding now. Unseen ones become `error` ("not verified"), so that the
 * evidence never drops them; kept ones (read earlier, not read again by design) are carried as they were observed.
 * Gone, outside and no-longer-evaluated ones are left out: the ledger and the issues say what became of them.
 */
export function carriedOver(
  previous: readonly Finding[],
  current: readonly Finding[],
  evaluated: ReadonlySet<string>,
  observe: Observe,
): Finding[] {
  const seen = new Set(current.map((f) => `${f.control}/${f.resource}`));
  const out: Finding[] = [];
  for (const f of previous) {
    const key = `${f.control}/${f.resource}`;
    if (!evaluated.has(f.control) || seen.has(key)) continue;
    const absence = observe(f.resource);
    seen.add(key);
    if (absence.kind === 'kept') out.push(f);
    else if (absence.kind === 'unseen')
      out.push({
        control: f.control,
        resource: f.resource,
        status: 'error',
        severity: f.severity,
        title: `not verified: ${f.resource} could not be read in this run`,
        detail: `${f.resource} was in the previous run; in this one ${absence.why}.`,
        frameworks: f.frameworks,
      });
  }
  return out;
}
