// The snapshot's data files of an inventory run: one per kind of record, each sorted by a stable key so that a
// git diff between two runs shows exactly what changed in the account.
import type { Snapshot } from '../snapshot/snapshot.js';
import { sortBy } from './json.js';
import { RUN_FILES } from './layout.js';

type FileSpec = { name: string; records: (s: Snapshot) => unknown };

export const DATA_FILES: readonly FileSpec[] = [
  { name: RUN_FILES.account, records: (s) => s.account },
  { name: RUN_FILES.enterpriseAccount, records: (s) => s.enterpriseAccount },
  {
    name: RUN_FILES.enterpriseMembers,
    records: (s) => sortBy(s.enterpriseMembers, (m) => [m.user.email, m.id]),
  },
  { name: RUN_FILES.teams, records: (s) => sortBy(s.teams, (t) => [t.name]) },
  {
    name: RUN_FILES.teamMembers,
    records: (s) => sortBy(s.teamMembers, (m) => [m.team, m.email.toLowerCase(), m.id]),
  },
  { name: RUN_FILES.teamPreferences, records: (s) => sortBy(s.teamPreferences, (p) => [p.team]) },
  { name: RUN_FILES.apps, records: (s) => sortBy(s.apps, (a) => [a.name]) },
  {
    name: RUN_FILES.appPermissions,
    records: (s) =>
      sortBy(s.appPermissions, (p) => [p.app]).map((p) => ({
        ...p,
        users: sortBy(p.users, (u) => [u.email]),
      })),
  },
  {
    name: RUN_FILES.configVarNames,
    records: (s) =>
      sortBy(s.configVarNames, (c) => [c.app]).map((c) => ({
        ...c,
        names: sortBy(c.names, (n) => [n.name]),
      })),
  },
  { name: RUN_FILES.domains, records: (s) => sortBy(s.domains, (d) => [d.app.name, d.hostname]) },
  { name: RUN_FILES.sniEndpoints, records: (s) => sortBy(s.sniEndpoints, (e) => [e.app.name, e.name]) },
  { name: RUN_FILES.addons, records: (s) => sortBy(s.addons, (a) => [a.name]) },
  {
    name: RUN_FILES.addonAttachments,
    records: (s) => sortBy(s.addonAttachments, (a) => [a.addon.name, a.app.name ?? a.app.id, a.name]),
  },
  { name: RUN_FILES.pipelines, records: (s) => sortBy(s.pipelines, (p) => [p.name, p.id]) },
  {
    name: RUN_FILES.pipelineCouplings,
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
  { name: RUN_FILES.formations, records: (s) => sortBy(s.formations, (f) => [f.app.name, f.type]) },
  { name: RUN_FILES.spaces, records: (s) => sortBy(s.spaces, (x) => [x.name]) },
  { name: RUN_FILES.stacks, records: (s) => sortBy(s.stacks, (x) => [x.name]) },
  { name: RUN_FILES.authorization, records: (s) => s.authorization },
  // Read for the controls from HEROKU-LOG-1 on, only where they need them (src/heroku/hardening.ts).
  {
    name: RUN_FILES.logDrains,
    records: (s) =>
      sortBy(s.logDrains, (d) => [d.app]).map((d) => ({
        ...d,
        drains: sortBy(d.drains, (x) => [x.url ?? '', x.id]),
        telemetryDrains: sortBy(d.telemetryDrains, (x) => [x.owner.type, x.id]),
      })),
  },
  { name: RUN_FILES.appFeatures, records: (s) => sortBy(s.appFeatures, (f) => [f.app]) },
  {
    name: RUN_FILES.identityProviders,
    records: (s) => sortBy(s.identityProviders, (p) => [p.owner.type, p.owner.name ?? p.owner.id, p.id]),
  },
  {
    name: RUN_FILES.pipelineConfigVarNames,
    records: (s) =>
      sortBy(s.pipelineConfigVarNames, (c) => [c.pipeline, c.stage]).map((c) => ({
        ...c,
        names: sortBy(c.names, (n) => [n.name]),
      })),
  },
  { name: RUN_FILES.reviewAppConfigs, records: (s) => sortBy(s.reviewAppConfigs, (c) => [c.pipeline]) },
  { name: RUN_FILES.spaceInboundRules, records: (s) => sortBy(s.spaceInboundRules, (x) => [x.space]) },
];

export function recordCount(records: unknown): number {
  if (Array.isArray(records)) return records.length;
  return records === null || records === undefined ? 0 : 1;
}
