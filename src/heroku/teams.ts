// The walk of the teams: per team, the bulk endpoints (one request per team instead of one per app); per app, what
// no bulk endpoint offers (config var names, domains, formation, and SNI endpoints where a custom domain needs one).
import { sha256 } from '../shared/hash.js';
import * as r from '../snapshot/records.js';
import type { App, AppRef, Snapshot } from '../snapshot/snapshot.js';
import type { HerokuClient } from './client.js';
import type { Read } from './read.js';

/** Called with each team's apps and pipeline couplings as soon as both are in. */
export type OnTeam = (apps: readonly App[], couplings: readonly r.PipelineCoupling[]) => void;

/** Per team, the bulk endpoints; per app, what no bulk endpoint offers. Returns config var names by app id. */
export async function walkTeams(
  client: HerokuClient,
  visible: r.Team[],
  snapshot: Snapshot,
  read: Read,
  log: (line: string) => void,
  /** Apps whose SNI endpoints are read even without a custom domain (they had endpoints before). */
  knownEndpointApps: ReadonlySet<string> = new Set(),
  onTeam?: OnTeam,
): Promise<Map<string, string[]>> {
  // Per team, the bulk endpoints: one request per team instead of one per app. Each app's own reads start as
  // soon as its team's app list arrives.
  let teamsDone = 0;
  let appsDone = 0;
  const configVarNames = new Map<string, string[]>();
  const readApp = async (app: r.App) => {
    const ref: AppRef = { id: app.id, name: app.name };
    const scope = `app/${app.name}`;
    const a = encodeURIComponent(app.id);
    const [names, domains, formation] = await Promise.all([
      read('config-var-names', scope, () => client.configVarNames(app.id)),
      read('domains', scope, () => client.list(`/apps/${a}/domains`, r.domain)),
      read('formation', scope, () => client.list(`/apps/${a}/formation`, r.formation)),
    ]);
    if (names) configVarNames.set(app.id, names);
    for (const d of domains ?? []) snapshot.domains.push({ ...d, app: ref });
    // A Procfile command can carry credentials: only its hash is kept, enough to notice that it changed.
    for (const { command, ...f } of formation ?? [])
      snapshot.formations.push({ ...f, commandSha256: command ? sha256(command) : null, app: ref });
    // SNI endpoints matter where a custom domain could use one, and are read again where the last inventory saw
    // some, so that an endpoint whose domain was removed is observed rather than assumed gone.
    if (domains?.some((d) => d.kind === 'custom') || (domains && knownEndpointApps.has(app.name))) {
      snapshot.sniEndpointsReadFor.push(app.name);
      const endpoints = await read('sni-endpoints', scope, () =>
        client.list(`/apps/${a}/sni-endpoints`, r.sniEndpoint),
      );
      for (const e of endpoints ?? []) snapshot.sniEndpoints.push({ ...e, app: ref });
    }
    appsDone++;
    if (appsDone % 100 === 0) {
      log(
        `Apps ${appsDone}/${snapshot.apps.length}; requests ${client.requests}; rate limit left ${client.rateLimitRemaining ?? '?'}.`,
      );
    }
  };
  // Apps are walked by a few workers rather than all at once: thousands of waiting walks would each hold their
  // promises and partial results, and the heap would grow with the account instead of with the concurrency.
  const appWalks = workers(readApp, APP_WORKERS);
  await Promise.all(
    visible.map(async (team) => {
      const scope = `team/${team.name}`;
      const t = encodeURIComponent(team.name);
      const owned: App[] = [];
      const apps = read('team-apps', scope, () => client.list(`/teams/${t}/apps`, r.app)).then((list) => {
        for (const app of list ?? []) {
          const mine = { ...app, team: { id: team.id, name: team.name } };
          owned.push(mine);
          snapshot.apps.push(mine);
          appWalks.add(mine);
        }
        return list;
      });
      const [teamMembers, preferences, appList, permissions, addons, couplings] = await Promise.all([
        read('team-members', scope, () => client.list(`/teams/${t}/members`, r.teamMember)),
        read('team-preferences', scope, () => client.get(`/teams/${t}/preferences`, r.teamPreferences)),
        apps,
        read('app-permissions', scope, () => client.list(`/teams/${t}/permissions`, r.permissionEntity)),
        read('team-addons', scope, () => client.list(`/teams/${t}/addons`, r.addon)),
        read('pipeline-couplings', scope, () =>
          client.list(`/teams/${t}/pipeline-couplings`, r.pipelineCoupling),
        ),
      ]);
      for (const member of teamMembers ?? []) snapshot.teamMembers.push({ ...member, team: team.name });
      if (preferences) snapshot.teamPreferences.push({ ...preferences, team: team.name });
      for (const entity of permissions ?? []) {
        if (entity.type && entity.type !== 'app') continue;
        snapshot.appPermissions.push({ app: entity.name, team: team.name, users: entity.users });
      }
      // One by one: a team's lists can be long enough to overflow the stack as spread arguments.
      for (const addon of addons ?? []) snapshot.addons.push(addon);
      for (const coupling of couplings ?? []) snapshot.pipelineCouplings.push(coupling);
      onTeam?.(owned, couplings ?? []);
      teamsDone++;
      log(
        `Teams ${teamsDone}/${visible.length}: ${team.name} (${appList?.length ?? 0} apps); requests ${client.requests}.`,
      );
    }),
  );
  await appWalks.done();
  log(
    `Apps ${appsDone}/${snapshot.apps.length}; requests ${client.requests}; rate limit left ${client.rateLimitRemaining ?? '?'}.`,
  );
  return configVarNames;
}

// Enough apps in flight to keep every connection busy while some wait on a dependent read (SNI endpoints).
const APP_WORKERS = 64;

/** Runs `work` on the items added, `count` at a time; `done()` settles once all added so far are finished. */
export function workers<T>(work: (item: T) => Promise<void>, count: number) {
  const backlog: T[] = [];
  let running = 0;
  let failure: unknown;
  let settle: (() => void) | undefined;
  const next = (): void => {
    while (running < count && backlog.length > 0 && failure === undefined) {
      running++;
      work(backlog.shift()!).then(
        () => {
          running--;
          next();
        },
        (error: unknown) => {
          running--;
          failure ??= error;
          next();
        },
      );
    }
    if ((running === 0 && backlog.length === 0) || (failure !== undefined && running === 0)) settle?.();
  };
  return {
    add(item: T): void {
      backlog.push(item);
      next();
    },
    done(): Promise<void> {
      return new Promise<void>((resolve, reject) => {
        settle = () => (failure === undefined ? resolve() : reject(failure));
        next();
      });
    },
  };
}
