import { matchesName } from '../policy.js';
import { unreadable } from './context.js';
import type { Control, Result } from './types.js';

export const config1: Control = {
  id: 'HEROKU-CONFIG-1',
  name: 'No long-lived cloud credentials in config vars',
  severity: 'high',
  needs: 'inventory',
  rationale:
    'Long-lived cloud keys in config vars are readable by everyone with access to the app, copied into every review app and fork, and rarely rotated; a leak gives standing access to your cloud account.',
  remediation:
    'Replace the key with short-lived credentials (an IAM role assumed through OIDC, or a secrets manager), rotate it at the provider, then remove it: `heroku config:unset <NAME> --app <app>`.',
  frameworks: ['SOC 2 CC6.1', 'ISO/IEC 27001:2022 A.5.17', 'ISO/IEC 27001:2022 A.8.9'],
  evaluate({ snapshot, policy }) {
    const results: Result[] = [];
    const namesByApp = new Map(snapshot.configVarNames.map((c) => [c.app, c.names]));
    for (const app of snapshot.apps) {
      const missing = unreadable(snapshot, 'config-var-names', `app/${app.name}`);
      if (missing) {
        results.push(missing);
        continue;
      }
      const forbidden = (namesByApp.get(app.name) ?? []).filter((v) =>
        policy.forbiddenConfigVars.some((glob) => matchesName(glob, v.name)),
      );
      if (forbidden.length === 0) {
        results.push({
          resource: `app/${app.name}`,
          status: 'pass',
          title: `no forbidden config var in ${app.name}`,
          detail: '',
        });
      }
      for (const v of forbidden) {
        results.push({
          resource: `config-var/${app.name}/${v.name}`,
          status: 'fail',
          title: `${app.name} has config var ${v.name}`,
          detail: `App ${app.name} sets ${v.name}, which the policy forbids (forbiddenConfigVars). Only the name was read; no value was.`,
        });
      }
    }
    return results;
  },
};
