import { BlockList } from 'node:net';
import { parseCidr } from '../policy.js';
import { unreadable } from './context.js';
import type { Control, Result } from './types.js';

/** Does the network `inner` lie entirely inside `outer`? Both in CIDR notation; different families never do. */
export function cidrWithin(inner: string, outer: string): boolean {
  const a = parseCidr(inner);
  const b = parseCidr(outer);
  if (!a || !b || a.family !== b.family || a.prefix < b.prefix) return false;
  // With a prefix at least as long, `inner` lies inside `outer` exactly when its address does.
  const list = new BlockList();
  list.addSubnet(b.address, b.prefix, b.family);
  return list.check(a.address, a.family);
}

export const net1: Control = {
  id: 'HEROKU-NET-1',
  name: 'Private Spaces admit traffic only from allowed networks',
  severity: 'high',
  needs: 'inventory',
  rationale:
    'A Private Space’s inbound rules are its firewall: a rule wider than the networks you expect (Heroku’s default admits 0.0.0.0/0) exposes internal apps and admin endpoints to the whole internet.',
  remediation:
    'Narrow the space’s trusted IP ranges to the allowed networks: list them with `heroku trusted-ips --space <space>`, add yours with `heroku trusted-ips:add 203.0.113.0/24 --space <space>`, and remove the wide one with `heroku trusted-ips:remove 0.0.0.0/0 --space <space>`.',
  frameworks: ['SOC 2 CC6.6', 'ISO/IEC 27001:2022 A.8.20'],
  evaluate({ snapshot, policy }) {
    const allowed = policy.allowedInboundCidrs;
    // Only evaluated when the policy says which networks are allowed (an empty list says nothing, as for
    // allowedEmailDomains).
    if (!allowed?.length) return [];
    const results: Result[] = [];
    const rulesBySpace = new Map(snapshot.spaceInboundRules.map((s) => [s.space, s]));
    for (const space of snapshot.spaces) {
      const resource = `space/${space.name}`;
      const missing = unreadable(snapshot, 'inbound-ruleset', resource);
      if (missing) {
        results.push(missing);
        continue;
      }
      const ruleset = rulesBySpace.get(space.name);
      if (!ruleset) continue; // a Fir space: no inbound ruleset in Heroku's API
      const outside = ruleset.rules.filter(
        (rule) => rule.action === 'allow' && !allowed.some((cidr) => cidrWithin(rule.source, cidr)),
      );
      results.push(
        outside.length === 0
          ? {
              resource,
              status: 'pass',
              title: `space ${space.name} admits only allowed networks`,
              detail: '',
            }
          : {
              resource,
              status: 'fail',
              title: `space ${space.name} admits ${outside.map((r) => r.source).join(', ')}`,
              detail: `The inbound rules of Private Space ${space.name} allow ${outside.map((r) => r.source).join(', ')}, outside allowedInboundCidrs (${allowed.join(', ')}).`,
            },
      );
    }
    return results;
  },
};
