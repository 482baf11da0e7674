// Facts several controls share, derived once from the snapshot.
import { matches, type Policy } from '../policy.js';
import { gapFor, type Snapshot } from '../snapshot/snapshot.js';
import type { Context, Result } from './types.js';

export function buildContext(snapshot: Snapshot, policy: Policy, now: Date): Context {
  const appName = new Map(snapshot.apps.map((app) => [app.id, app.name]));
  const production = new Set<string>();
  for (const coupling of snapshot.pipelineCouplings) {
    const name = appName.get(coupling.app.id);
    if (name && coupling.stage === 'production') production.add(name);
  }
  for (const app of snapshot.apps) {
    if (policy.productionApps.some((glob) => matches(glob, app.name))) production.add(app.name);
  }
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
