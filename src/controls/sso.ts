import type { IdentityProvider } from '../snapshot/records.js';
import type { Snapshot } from '../snapshot/snapshot.js';
import { DAY_MS, unreadable } from './context.js';
import type { Control, Result } from './types.js';

const RANK = { pass: 0, error: 1, fail: 2 } as const;

export const sso1: Control = {
  id: 'HEROKU-SSO-1',
  name: 'Single sign-on is in place and its certificate is not about to expire',
  severity: 'high',
  needs: 'inventory',
  rationale:
    'When the identity provider’s signing certificate expires, nobody can sign in through SSO: teams then switch SSO off in a hurry and fall back to passwords, and access stops following your identity provider (joiners, leavers, MFA).',
  remediation:
    'Upload the identity provider’s new signing certificate before the old one expires: Dashboard > the team <team> (or the enterprise account) > Settings > Single Sign-On > Certificates. Where SSO is required, set it up there for the team <team> first.',
  frameworks: ['SOC 2 CC6.1', 'ISO/IEC 27001:2022 A.5.16', 'ISO/IEC 27001:2022 A.8.5'],
  evaluate({ snapshot, policy, now, production }) {
    const results = new Map<string, Result>();
    // One finding per owner: the most serious of what is known about it.
    const put = (result: Result) => {
      const before = results.get(result.resource);
      if (!before || RANK[result.status] > RANK[before.status]) results.set(result.resource, result);
    };
    const horizon = now.getTime() + policy.certExpiryDays * DAY_MS;
    for (const idp of snapshot.identityProviders) {
      const resource = ownerKey(idp, snapshot);
      const label = `identity provider ${idp.name ?? idp.entity_id ?? idp.id}`;
      const notAfter = idp.certificate?.notAfter;
      if (!notAfter) {
        put({
          resource,
          status: 'error',
          title: `could not be evaluated: the certificate of ${label} is missing or unreadable`,
          detail: `Heroku returned no certificate that parses as X.509 for ${label} of ${resource}.`,
        });
        continue;
      }
      const day = notAfter.slice(0, 10);
      const expires = Date.parse(notAfter);
      put(
        expires > horizon
          ? {
              resource,
              status: 'pass',
              title: `SSO certificate of ${resource} valid until ${day}`,
              detail: '',
            }
          : {
              resource,
              status: 'fail',
              title: `SSO certificate of ${resource} ${expires <= now.getTime() ? 'expired' : 'expires'} on ${day}`,
              detail: `The signing certificate of ${label} (${idp.certificate?.subject ?? 'no subject'}, sha256 ${idp.certificate?.fingerprintSha256}) is valid until ${day}; the policy wants at least ${policy.certExpiryDays} days left.`,
            },
      );
    }
    for (const gap of snapshot.gaps.filter((g) => g.resource === 'identity-providers'))
      put(unreadable(snapshot, gap.resource, gap.scope)!);
    if (policy.requireSso) {
      const owners = new Set(snapshot.apps.filter((a) => production.has(a.name)).map((a) => a.team?.name));
      for (const team of snapshot.teams.filter((t) => t.visible && owners.has(t.name))) {
        const resource = `team/${team.name}`;
        put(
          team.identity_provider
            ? { resource, status: 'pass', title: `team ${team.name} signs in through SSO`, detail: '' }
            : {
                resource,
                status: 'fail',
                title: `team ${team.name} owns production apps and has no identity provider`,
                detail: `The policy requires SSO (requireSso), and team ${team.name}, which owns production apps, has no identity provider.`,
              },
        );
      }
    }
    return [...results.values()];
  },
};

/** `team/<name>` or `enterprise/<name>`: the owner of the identity provider. */
function ownerKey(idp: IdentityProvider, snapshot: Snapshot): string {
  if (idp.owner.type === 'team') {
    const name = idp.owner.name ?? snapshot.teams.find((t) => t.id === idp.owner.id)?.name ?? idp.owner.id;
    return `team/${name}`;
  }
  return `enterprise/${idp.owner.name ?? snapshot.enterpriseAccount?.name ?? idp.owner.id}`;
}
