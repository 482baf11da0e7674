import { DAY_MS, unreadable } from './context.js';
import type { Control } from './types.js';

const EXPIRY_WARNING_DAYS = 14;

export const token1: Control = {
  id: 'HEROKU-TOKEN-1',
  name: 'The collector’s token is rotated',
  severity: 'medium',
  needs: 'inventory',
  rationale:
    'A long-lived token that reads the whole enterprise is a standing credential; rotating it limits how long a leaked copy is useful. One about to expire stops the evidence.',
  remediation:
    'Create a new token as the service account (`heroku authorizations:create --description "Heroku Evidence" --scope identity,read-protected --expires-in 7776000`, 90 days), update the repository secret, then revoke the old one with `heroku authorizations:revoke <id>`.',
  frameworks: ['SOC 2 CC6.1', 'ISO/IEC 27001:2022 A.5.17'],
  evaluate({ snapshot, policy, now }) {
    const auth = snapshot.authorization;
    if (!auth) {
      const gap = unreadable(snapshot, 'authorization', 'account', 'authorization/unknown');
      return [
        gap ?? {
          resource: 'authorization/unknown',
          status: 'error',
          title: 'the token’s authorization could not be found',
          detail: 'The token in use is not among the account’s OAuth authorizations, so its age is unknown.',
        },
      ];
    }
    const resource = `authorization/${auth.id}`;
    const ageDays = Math.floor((now.getTime() - Date.parse(auth.createdAt)) / DAY_MS);
    const created = auth.createdAt.slice(0, 10);
    if (ageDays > policy.tokenMaxAgeDays) {
      return [
        {
          resource,
          status: 'fail',
          title: `the collector’s token was created on ${created}, more than ${policy.tokenMaxAgeDays} days ago`,
          detail: `Authorization ${auth.id} (${auth.description ?? 'no description'}) was created on ${created}; the policy allows ${policy.tokenMaxAgeDays} days.`,
        },
      ];
    }
    if (auth.expiresAt && Date.parse(auth.expiresAt) - now.getTime() < EXPIRY_WARNING_DAYS * DAY_MS) {
      return [
        {
          resource,
          status: 'fail',
          title: `the collector’s token expires on ${auth.expiresAt.slice(0, 10)}`,
          detail: `Authorization ${auth.id} expires on ${auth.expiresAt.slice(0, 10)}, within ${EXPIRY_WARNING_DAYS} days; collection stops then.`,
        },
      ];
    }
    return [{ resource, status: 'pass', title: `token created on ${created}`, detail: '' }];
  },
};
