// The snapshot's data files of an inventory run: one per kind of record, each sorted by a stable key so that a
// git diff between two runs shows exactly what changed in the account.
import type { Snapshot } from '../snapshot/snapshot.js';
import { sortBy } from './json.js';

type FileSpec = { name: string; records: (s: Snapshot) => unknown };

export const DATA_FILES: readonly FileSpec[] = [
  { name: 'account.json', records: (s) => s.account },
  { name: 'enterprise-account.json', records: (s) => s.enterpriseAccount },
  {
    name: 'enterprise-members.json',
    records: (s) => sortBy(s.enterpriseMembers, (m) => [m.user.email, m.id]),
  },
  { name: 'teams.json', records: (s) => sortBy(s.teams, (t) => [t.name]) },
  {
    name: 'team-members.json',
    records: (s) => sortBy(s.teamMembers, (m) => [m.team, m.email.toLowerCase(), m.id]),
  },
  { name: 'team-preferences.json', records: (s) => sortBy(s.teamPreferences, (p) => [p.team]) },
  { name: 'apps.json', records: (s) => sortBy(s.apps, (a) => [a.name]) },
  {
    name: 'app-permissions.json',
    records: (s) =>
      sortBy(s.appPermissions, (p) => [p.app]).map((p) => ({
        ...p,
        users: sortBy(p.users, (u) => [u.email]),
      })),
  },
  {
    name: 'config-var-names.json',
    records: (s) =>
      sortBy(s.configVarNames, (c) => [c.app]).map((c) => ({
        ...c,
        names: sortBy(c.names, (n) => [n.name]),
      })),
  },
  { name: 'domains.json', records: (s) => sortBy(s.domains, (d) => [d.app.name, d.hostname]) },
  { name: 'sni-endpoints.json', records: (s) => sortBy(s.sniEndpoints, (e) => [e.app.name, e.name]) },
  { name: 'addons.json', records: (s) => sortBy(s.addons, (a) => [a.name]) },
  {
    name: 'addon-attachments.json',
    records: (s) => sortBy(s.addonAttachments, (a) => [a.addon.name, a.app.name ?? a.app.id, a.name]),
  },
  { name: 'pipelines.json', records: (s) => sortBy(s.pipelines, (p) => [p.name, p.id]) },
  {
    name: 'pipeline-couplings.json',
    records: (s) => {
      const names = new Map(s.apps.map((a) => [a.id, a.name]));
      return sortBy(
        s.pipelineCouplings.map((c) => ({
          ...c,
          app: { ...c.app, name: c.app.name ?? names.get(c.app.id) },
        })),
        (c) => [c.app.name ?? c.app.id],
      );
    },
  },
  { name: 'formations.json', records: (s) => sortBy(s.formations, (f) => [f.app.name, f.type]) },
  { name: 'spaces.json', records: (s) => sortBy(s.spaces, (x) => [x.name]) },
  { name: 'stacks.json', records: (s) => sortBy(s.stacks, (x) => [x.name]) },
  { name: 'authorization.json', records: (s) => s.authorization },
  // Read for the controls from HEROKU-LOG-1 on, only where they need them (src/heroku/hardening.ts).
  {
    name: 'log-drains.json',
    records: (s) =>
      sortBy(s.logDrains, (d) => [d.app]).map((d) => ({
        ...d,
        drains: sortBy(d.drains, (x) => [x.url ?? '', x.id]),
        telemetryDrains: sortBy(d.telemetryDrains, (x) => [x.owner.type, x.id]),
      })),
  },
  { name: 'app-features.json', records: (s) => sortBy(s.appFeatures, (f) => [f.app]) },
  {
    name: 'identity-providers.json',
    records: (s) => sortBy(s.identityProviders, (p) => [p.owner.type, p.owner.name ?? p.owner.id, p.id]),
  },
  {
    name: 'pipeline-config-var-names.json',
    records: (s) =>
      sortBy(s.pipelineConfigVarNames, (c) => [c.pipeline, c.stage]).map((c) => ({
        ...c,
        names: sortBy(c.names, (n) => [n.name]),
      })),
  },
  { name: 'review-app-configs.json', records: (s) => sortBy(s.reviewAppConfigs, (c) => [c.pipeline]) },
  { name: 'space-inbound-rules.json', records: (s) => sortBy(s.spaceInboundRules, (x) => [x.space]) },
];

export function recordCount(records: unknown): number {
  if (Array.isArray(records)) return records.length;
  return records === null || records === undefined ? 0 : 1;
}
