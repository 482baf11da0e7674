// Every control, in the order reports list them, and the one function that evaluates them all.
import { matches, type Policy } from '../policy.js';
import type { Snapshot } from '../snapshot/snapshot.js';
import { access1, access2, access3, access4, access5 } from './access.js';
import { addon1, addon2, db1 } from './addons.js';
import { app1 } from './apps.js';
import { audit1 } from './audit.js';
import { config1 } from './config.js';
import { buildContext } from './context.js';
import { coverage1 } from './coverage.js';
import { log1 } from './logs.js';
import { net1 } from './network.js';
import { config2, review1 } from './pipelines.js';
import { sso1 } from './sso.js';
import { tls1, tls2, tls3 } from './tls.js';
import { token1 } from './token.js';
import type { Control, Finding } from './types.js';

export const CONTROLS: readonly Control[] = [
  tls1,
  tls2,
  access1,
  access2,
  access3,
  access4,
  access5,
  config1,
  addon1,
  addon2,
  app1,
  audit1,
  coverage1,
  token1,
  log1,
  tls3,
  sso1,
  config2,
  review1,
  db1,
  net1,
];

export function controlById(id: string): Control | undefined {
  return CONTROLS.find((control) => control.id === id);
}

/** The controls this snapshot can evaluate: an audit-only run says nothing about the inventory controls. */
export function evaluatedControls(snapshot: Snapshot): Control[] {
  return CONTROLS.filter((c) =>
    c.needs === 'inventory' ? snapshot.collected.inventory : snapshot.collected.audit,
  );
}

export function evaluate(snapshot: Snapshot, policy: Policy, now: Date): Finding[] {
  const context = buildContext(snapshot, policy, now);
  const today = now.toISOString().slice(0, 10);
  const findings = new Map<string, Finding>();
  for (const control of evaluatedControls(snapshot)) {
    for (const result of control.evaluate(context)) {
      const finding: Finding = {
        control: control.id,
        resource: result.resource,
        status: result.status,
        severity: control.severity,
        title: result.title,
        detail: result.detail,
        frameworks: control.frameworks,
      };
      const waiver =
        result.status === 'fail'
          ? policy.waivers.find((w) => w.control === control.id && matches(w.resource, result.resource))
          : undefined;
      if (waiver) {
        const expired = waiver.expires < today;
        finding.waiver = { ...waiver, expired };
        if (expired) {
          finding.detail =
            `${finding.detail} The waiver granted to ${waiver.owner} (“${waiver.reason}”) expired on ${waiver.expires}.`.trim();
        } else {
          finding.status = 'waived';
        }
      }
      findings.set(`${control.id} ${result.resource}`, finding);
    }
  }
  const order = new Map(CONTROLS.map((c, i) => [c.id, i]));
  return [...findings.values()].sort(
    (a, b) => order.get(a.control)! - order.get(b.control)! || a.resource.localeCompare(b.resource),
  );
}
