// Whether a resource that has no finding in this run is gone, or only unseen. A resource counts as gone only when
// the scope that would hold it was read completely in this run; anything else is "not verified", so that no issue
// is closed and nothing is counted as fixed because data went missing.

import type { Gap, Snapshot } from '../snapshot/snapshot.js';
import type { Finding } from './types.js';

export type Absence = { gone: true; witness: string } | { gone: false; why: string };

// Gaps that hide whole teams: every resource of their apps and members goes unseen.
const TEAM_WIDE = new Set(['teams', 'team', 'team-apps']);
// Per kind of resource key, the gaps that can hide one (besides the team-wide ones) and what a complete read is.
const HIDDEN_BY: Record<string, { gaps: string[]; read: string }> = {
  app: { gaps: [], read: 'every team’s app list' },
  'config-var': { gaps: ['config-var-names'], read: 'every app’s config var names' },
  domain: { gaps: ['domains'], read: 'every app’s domains' },
  'sni-endpoint': { gaps: ['domains', 'sni-endpoints'], read: 'every app’s domains and SNI endpoints' },
  'addon-attachment': {
    gaps: ['addon-attachments', 'team-addons'],
    read: 'every add-on and add-on attachment',
  },
  member: { gaps: ['team-members', 'enterprise-members'], read: 'every team’s and the enterprise’s members' },
  team: { gaps: ['team-members', 'team-preferences', 'enterprise-teams'], read: 'the list of teams' },
  enterprise: { gaps: ['enterprise-account', 'enterprise-members'], read: 'the enterprise account' },
  authorization: { gaps: ['authorization'], read: 'the account’s authorizations' },
};

export function absence(snapshot: Snapshot, resource: string): Absence {
  const kind = resource.slice(0, resource.indexOf('/'));
  const rule = HIDDEN_BY[kind];
  // An audit day leaves the window; it is never "gone", only passed or failed when read.
  if (!rule || !snapshot.collected.inventory)
    return { gone: false, why: 'this run did not read what holds it' };
  const hiding = snapshot.gaps.filter(
    (gap) =>
      (TEAM_WIDE.has(gap.resource) && kind !== 'enterprise' && kind !== 'authorization') ||
      rule.gaps.includes(gap.resource),
  );
  if (hiding.length > 0) return { gone: false, why: describe(hiding) };
  return { gone: true, witness: `${rule.read} was read completely in this run, and it is not there` };
}

function describe(gaps: Gap[]): string {
  const shown = gaps.slice(0, 3).map((g) => `${g.resource} of ${g.scope}`);
  return `${shown.join('; ')}${gaps.length > 3 ? ` and ${gaps.length - 3} more` : ''} could not be read`;
}

/**
 * The findings of the previous run whose resource has no finding now and may only be unseen: each becomes an
 * `error` finding, so that the evidence says "not verified" instead of dropping it.
 */
export function unverified(
  previous: readonly Pick<Finding, 'control' | 'resource' | 'severity' | 'frameworks'>[],
  current: readonly Finding[],
  evaluated: ReadonlySet<string>,
  snapshot: Snapshot,
): Finding[] {
  const seen = new Set(current.map((f) => `${f.control}/${f.resource}`));
  const out: Finding[] = [];
  for (const f of previous) {
    if (!evaluated.has(f.control) || seen.has(`${f.control}/${f.resource}`)) continue;
    const why = absence(snapshot, f.resource);
    if (why.gone) continue;
    seen.add(`${f.control}/${f.resource}`);
    out.push({
      control: f.control,
      resource: f.resource,
      status: 'error',
      severity: f.severity,
      title: `not verified: ${f.resource} could not be read in this run`,
      detail: `${f.resource} was in the previous run; in this one ${why.why}.`,
      frameworks: f.frameworks,
    });
  }
  return out;
}
