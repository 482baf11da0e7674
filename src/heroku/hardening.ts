// The reads of the controls from HEROKU-LOG-1 on, made once the walk knows the apps, couplings, pipelines and
// spaces (identity providers as soon as the teams are known): one list per production app, pipeline, team with
// an identity provider or space, never one per app of the whole account. Each list that cannot be read is a gap
// under its own resource kind.
import { HerokuError } from '../errors.js';
import { productionAppNames } from '../policy.js';
import * as r from '../snapshot/records.js';
import { type App, classifyConfigVar, type Snapshot } from '../snapshot/snapshot.js';
import type { HerokuClient } from './client.js';
import type { Read } from './read.js';
import { workers } from './teams.js';

export interface HardeningOptions {
  /** The policy's `productionApps` globs: the same decision as the controls', made before they run. */
  productionApps: readonly string[];
  /** Read each space's inbound rules (only when HEROKU-NET-1 is evaluated, i.e. `allowedInboundCidrs` is set). */
  inboundRules: boolean;
  /** `collect: merge`: the production apps (by name) and pipelines (by id) the shards read already. */
  done?: Hardened;
  /** The reader the walk already gave each team's production apps to, as their team's lists arrived. */
  early?: ProductionAppReader;
}

/** The production apps (by name) and pipelines (by id) whose lists a walk read, records or gaps alike. */
export interface Hardened {
  apps: string[];
  pipelines: string[];
}

/**
 * What is read of each production app (by the policy's productionApps): its snapshot records, and the resource
 * kinds of its gaps. A merge whose policy differs from its plan's sets the shards' aside.
 */
export const PRODUCTION_APP_READS = {
  records: ['logDrains', 'appFeatures'],
  gaps: ['log-drains', 'app-features', 'telemetry-drains'],
} as const;

/** The feature that makes a Private Space app's router refuse TLS below 1.2. */
const STRICT_TLS_FEATURE = 'spaces-strict-tls';

export async function collectHardening(
  client: HerokuClient,
  snapshot: Snapshot,
  read: Read,
  options: HardeningOptions,
): Promise<void> {
  const apps = new Set(options.done?.apps);
  const ids = new Set(options.done?.pipelines);
  await Promise.all([
    productionApps(
      options.early ??
        productionAppReader(client, snapshot, read, options.productionApps, Promise.resolve(snapshot.spaces)),
      snapshot,
      (app) => !apps.has(app.name),
    ),
    pipelines(client, snapshot, read, (pipeline) => !ids.has(pipeline.id)),
    options.inboundRules ? spaces(client, snapshot, read) : undefined,
  ]);
}

/**
 * `collect: shard`: the same reads for the shard's own production apps, and for the pipelines its teams own and its
 * apps are coupled to (a pipeline has one owner, so exactly one shard reads it), on the shard's own rate-limit
 * pool. Needs the account's spaces (which apps run on Fir) and pipelines: where either cannot be read, the shard
 * leaves those reads to the merge. Returns what it read.
 */
export async function collectShardHardening(
  client: HerokuClient,
  snapshot: Snapshot,
  read: Read,
  teams: readonly r.Team[],
  productionGlobs: readonly string[],
): Promise<Hardened> {
  const [spaces, all] = await Promise.all([
    client.list('/spaces', r.space).catch(() => undefined),
    client.list('/pipelines', r.pipeline).catch(() => undefined),
  ]);
  const teamIds = new Set(teams.map((team) => team.id));
  const coupled = new Set(snapshot.pipelineCouplings.map((c) => c.pipeline.id));
  if (spaces) snapshot.spaces = spaces;
  if (all)
    snapshot.pipelines = all.filter(
      (p) => coupled.has(p.id) && p.owner?.type === 'team' && teamIds.has(p.owner.id),
    );
  const [apps, pipelineIds] = await Promise.all([
    spaces
      ? productionApps(
          productionAppReader(client, snapshot, read, productionGlobs, Promise.resolve(spaces)),
          snapshot,
          () => true,
        )
      : [],
    all ? pipelines(client, snapshot, read, () => true) : [],
  ]);
  return { apps, pipelines: pipelineIds };
}

/** Fir apps run Cloud Native Buildpacks images (stack `cnb`) in Fir spaces, and send telemetry, not log drains. */
function isFir(app: App, spaces: readonly r.Space[]): boolean {
  if (app.generation?.name === 'fir' || app.stack?.name === 'cnb') return true;
  const space = app.space && spaces.find((s) => s.name === app.space?.name);
  return space?.generation?.name === 'fir';
}

/** Reads the lists of the production apps it is given, each app once, as soon as it is given. */
export interface ProductionAppReader {
  /** Reads those of `apps` that are production apps (by `couplings` and the policy's globs). */
  add(apps: readonly App[], couplings: readonly r.PipelineCoupling[]): void;
  /** Settles once every app given so far is read; returns their names. */
  done(): Promise<string[]>;
}

/**
 * `spaces`: the account's spaces (which apps run on Fir), awaited before the first app is read. A walk gives each
 * team's production apps as soon as that team's apps and pipeline couplings are in, so that these reads share the
 * connections with the rest of the walk instead of starting after it.
 */
export function productionAppReader(
  client: HerokuClient,
  snapshot: Snapshot,
  read: Read,
  globs: readonly string[],
  spaces: Promise<readonly r.Space[]>,
): ProductionAppReader {
  const given = new Set<string>();
  // Awaited by the first app read; a rejected token must not leave it unhandled when no app comes.
  spaces.catch(() => undefined);
  // A Fir space's own telemetry drains serve every app in it: read once per space, not per app.
  const firSpaces = new Map<string, Promise<r.TelemetryDrain[] | undefined>>();
  const spaceDrains = (space: string) => {
    let drains = firSpaces.get(space);
    if (!drains) {
      drains = read('telemetry-drains', `space/${space}`, () =>
        client.list(`/spaces/${encodeURIComponent(space)}/telemetry-drains`, r.telemetryDrain),
      );
      firSpaces.set(space, drains);
    }
    return drains;
  };
  const readApp = async (app: App) => {
    const scope = `app/${app.name}`;
    const a = encodeURIComponent(app.id);
    const space = app.space?.name;
    if (isFir(app, await spaces)) {
      const [own, shared] = await Promise.all([
        read('telemetry-drains', scope, () => client.list(`/apps/${a}/telemetry-drains`, r.telemetryDrain)),
        space ? spaceDrains(space) : [],
      ]);
      if (own)
        snapshot.logDrains.push({ app: app.name, drains: [], telemetryDrains: [...own, ...(shared ?? [])] });
      return;
    }
    const [drains, features] = await Promise.all([
      read('log-drains', scope, () => client.list(`/apps/${a}/log-drains`, r.logDrain)),
      space ? read('app-features', scope, () => client.list(`/apps/${a}/features`, r.appFeature)) : undefined,
    ]);
    if (drains) snapshot.logDrains.push({ app: app.name, drains, telemetryDrains: [] });
    if (space && features) {
      const strict = features.find((f) => f.name === STRICT_TLS_FEATURE);
      snapshot.appFeatures.push({ app: app.name, space, spacesStrictTls: strict?.enabled === true });
    }
  };
  const walk = workers(readApp, 64);
  return {
    add(apps, couplings) {
      const production = productionAppNames(apps, couplings, globs);
      for (const app of apps) {
        if (given.has(app.name) || !production.has(app.name)) continue;
        given.add(app.name);
        walk.add(app);
      }
    },
    async done() {
      await walk.done();
      return [...given];
    },
  };
}

/** The production apps of the snapshot that `wanted` keeps, read by `reader`. */
async function productionApps(
  reader: ProductionAppReader,
  snapshot: Snapshot,
  wanted: (app: App) => boolean,
): Promise<string[]> {
  reader.add(snapshot.apps.filter(wanted), snapshot.pipelineCouplings);
  return reader.done();
}

/** Needs only the teams and the enterprise account: read while the teams are walked. */
export async function identityProviders(client: HerokuClient, snapshot: Snapshot, read: Read): Promise<void> {
  // Heroku's schema lists identity providers per team only; a team's list also shows the enterprise's provider
  // when the team signs in through it. Teams without one are known from /teams and cost nothing.
  const teams = snapshot.teams.filter((team) => team.visible && team.identity_provider);
  const lists = await Promise.all(
    teams.map((team) =>
      read('identity-providers', `team/${team.name}`, () =>
        client.list(`/teams/${encodeURIComponent(team.name)}/identity-providers`, r.identityProviderRecord),
      ),
    ),
  );
  const byId = new Map(lists.flatMap((list) => list ?? []).map((idp) => [idp.id, idp]));
  snapshot.identityProviders.push(...byId.values());
  const enterprise = snapshot.enterpriseAccount;
  const own = enterprise?.identity_provider?.id;
  if (enterprise && own && !byId.has(own)) {
    snapshot.gaps.push({
      resource: 'identity-providers',
      scope: `enterprise/${enterprise.name}`,
      reason:
        'The enterprise account has an identity provider, but Heroku’s Platform API lists identity providers per team only and no team collected here uses it, so its certificate could not be read.',
    });
  }
}

/** Pipeline stages whose config vars Heroku gives to apps it creates: CI (`test`) and review apps (`review`). */
const CI_STAGE = 'test';
const REVIEW_STAGE = 'review';

async function pipelines(
  client: HerokuClient,
  snapshot: Snapshot,
  read: Read,
  wanted: (pipeline: r.Pipeline) => boolean,
): Promise<string[]> {
  const chosen = snapshot.pipelines.filter(wanted);
  await Promise.all(
    chosen.map(async (pipeline) => {
      const scope = `pipeline/${pipeline.name}`;
      const id = encodeURIComponent(pipeline.id);
      const stageNames = (stage: string) =>
        read('pipeline-config-vars', scope, () =>
          client.pipelineStageConfigVarNames(pipeline.id, stage),
        ).then((names) => {
          if (names)
            snapshot.pipelineConfigVarNames.push({
              pipeline: pipeline.name,
              stage,
              // No add-on supplies a stage's config vars: add-ons attach to apps.
              names: names.map((name) => classifyConfigVar(name, null)),
            });
        });
      const [config] = await Promise.all([
        read('review-app-config', scope, () => reviewAppConfig(client, id)),
        stageNames(CI_STAGE),
      ]);
      if (config === undefined) return;
      if (config === null) {
        snapshot.reviewAppConfigs.push({ pipeline: pipeline.name, enabled: false });
        return;
      }
      snapshot.reviewAppConfigs.push({ pipeline: pipeline.name, enabled: true, ...config });
      // The review stage's config vars reach apps only where review apps are enabled.
      await stageNames(REVIEW_STAGE);
    }),
  );
  return chosen.map((pipeline) => pipeline.id);
}

/** The pipeline's review-app config, or null where Heroku has none (review apps not enabled: a 404). */
async function reviewAppConfig(client: HerokuClient, id: string): Promise<r.ReviewAppConfig | null> {
  try {
    return await client.get(`/pipelines/${id}/review-app-config`, r.reviewAppConfig);
  } catch (error) {
    if (error instanceof HerokuError && error.status === 404) return null;
    throw error;
  }
}

async function spaces(client: HerokuClient, snapshot: Snapshot, read: Read): Promise<void> {
  // Fir spaces have no inbound ruleset in Heroku's API: their ingress is configured otherwise.
  const cedar = snapshot.spaces.filter((space) => space.generation?.name !== 'fir');
  await Promise.all(
    cedar.map(async (space) => {
      const ruleset = await read('inbound-ruleset', `space/${space.name}`, () =>
        client.get(`/spaces/${encodeURIComponent(space.id)}/inbound-ruleset`, r.inboundRuleset),
      );
      if (ruleset)
        snapshot.spaceInboundRules.push({ space: space.name, id: ruleset.id, rules: ruleset.rules });
    }),
  );
}
