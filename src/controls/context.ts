// Facts several controls share, derived once from the snapshot.
import { type Policy, productionAppNames } from '../policy.js';
import { gapFor, type Snapshot } from '../snapshot/snapshot.js';
import type { Context, Result } from './types.js';

export function buildContext(snapshot: Snapshot, policy: Policy, now: Date): Context {
  // The walk decided with the same function which apps to read drains and features of.
  const production = productionAppNames(snapshot.apps, snapshot.pipelineCouplings, policy.productionApps);
  return { snapshot, policy, now, production };
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
