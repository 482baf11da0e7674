import type { Policy, Waiver } from '../policy.js';
import type { Snapshot } from '../snapshot/snapshot.js';

type Status = 'pass' | 'fail' | 'waived' | 'error';
export type Severity = 'critical' | 'high' | 'medium' | 'low';

/** One control's verdict on one resource, before waivers. `title` says what is wrong (or right) in a line. */
export interface Result {
  resource: string;
  status: 'pass' | 'fail' | 'error';
  title: string;
  detail: string;
}

export interface Finding {
  control: string;
  resource: string;
  status: Status;
  severity: Severity;
  title: string;
  detail: string;
  frameworks: string[];
  waiver?: Waiver & { expired: boolean };
}

export interface Context {
  snapshot: Snapshot;
  policy: Policy;
  now: Date;
  /** Names of production apps: coupled at stage `production`, or matching a `productionApps` glob. */
  production: ReadonlySet<string>;
  /** Apps that may be production through a pipeline stage nobody could read (their team's couplings failed). */
  productionUnknown: ReadonlySet<string>;
}

export interface Control {
  id: string;
  name: string;
  severity: Severity;
  /** Which collection it reads: inventory controls are evaluated only on inventory runs. */
  needs: 'inventory' | 'audit';
  rationale: string;
  remediation: string;
  frameworks: string[];
  evaluate(context: Context): Result[];
}
