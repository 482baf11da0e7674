// One read of the walk: a Heroku refusal or failure becomes a gap in the snapshot, and the walk goes on. A rejected
// token is not a gap: it ends the run.

import { isGap } from '../errors.js';
import type { Snapshot } from '../snapshot/snapshot.js';
import { fixFor } from './access.js';

export type Read = <T>(resource: string, scope: string, fn: () => Promise<T>) => Promise<T | undefined>;

/** A `Read` that records each failure as a gap of `snapshot`, with the grant that would fix a refusal. */
export function readInto(snapshot: Snapshot): Read {
  return async (resource, scope, fn) => {
    try {
      return await fn();
    } catch (error) {
      if (!isGap(error)) throw error;
      const advice = error.isForbidden ? ` ${fixFor(resource)}` : '';
      snapshot.gaps.push({ resource, scope, reason: `${error.message}${advice}` });
      return undefined;
    }
  };
}
