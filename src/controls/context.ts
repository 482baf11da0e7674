// Facts several controls share, derived once from the snapshot.
import { type Policy, productionAppNames } from '../policy.js';
import { gapFor, type Snapshot } from '../snapshot/snapshot.js';
import type { Context, Result } from './types.js';

export function buildContext(snapshot: Snapshot, policy: Policy, now: Date): Context {
  // The walk decided with the same function which apps to read drains and features of.
  const production = productionAppNames(snapshot.apps, snapshot.pipelineCouplings, policy.productionApps);
  // An app of a team whose pipeline couplings could not be read may be production through a stage nobody saw:
  // its production status is unknown, and the controls that depend on it say so instead of passing or dropping it.
  const unreadableCouplings = new Set(
    snapshot.gaps.filter((g) => g.resource === 'pipeline-couplings').map((g) => g.scope),
  );
  const productionUnknown = new Set(
    snapshot.apps
      .filter((app) => !production.has(app.name) && unreadableCouplings.has(`team/${app.team?.name ?? ''}`))
      .map((app) => app.name),
  );
  return { snapshot, policy, now, production, productionUnknown };
}

/** An `error` result for `resource` when whether `app` is a production app could not be read. */
export function productionUnknown(context: Context, app: string, resource: string): Result | undefined {
  if (!context.productionUnknown.has(app)) return undefined;
  const team = context.snapshot.apps.find((a) => a.name === app)?.team?.name ?? '';
  return {
    resource,
    status: 'error',
    title: `could not be evaluated: whether ${app} is a production app is unknown`,
    detail:
      `The pipeline couplings of team ${team} could not be read, so ${app} may be production through a pipeline stage. ${gapFor(context.snapshot, 'pipeline-couplings', `team/${team}`)?.reason ?? ''}`.trim(),
  };
}

/** The team of each app, by app name. */
export function teamOfApp(snapshot: Snapshot): Map<string, string> {
  return new Map(snapshot.apps.map((app) => [app.name, app.team?.name ?? '']));
}

/** An `error` result when `resource` of `scope` could not be read, naming why. */
export function unreadable(
  snapshot: Snapshot,
  resource: string,
  scope: string,
  key = scope,
): Result | undefined {
  const gap = gapFor(snapshot, resource, scope);
  if (!gap) return undefined;
  return {
    resource: key,
    status: 'error',
    title: `could not be evaluated: ${resource} of ${scope} unreadable`,
    detail: gap.reason,
  };
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export const DAY_MS = 86_400_000;
