// A small hand-built account for control tests: team `web` with a production app `web-prod` (coupled at stage
// production) and a staging app `web-stag`, where every control passes. Tests change one thing and look.
import { emptySnapshot, type Snapshot } from '../../src/snapshot/snapshot.js';

export const NOW = new Date('2026-11-22T06:00:00Z');

export function passingSnapshot(): Snapshot {
  const s = emptySnapshot(NOW.toISOString());
  s.collected = { inventory: true, audit: true };
  s.enterpriseName = 'acme';
  s.enterpriseAccount = { id: 'ent-1', name: 'acme', permissions: ['view'] };
  s.account = { id: 'acc-1', email: 'bot@acme.example' };
  s.authorization = {
    id: 'auth-1',
    description: 'Heroku Evidence',
    scope: ['global'],
    createdAt: '2026-11-01T00:00:00Z',
    expiresAt: null,
  };
  s.teams = [{ id: 't-1', name: 'web', visible: true }];
  s.teamMembers = [
    {
      id: 'm-1',
      email: 'alice@acme.example',
      role: 'admin',
      two_factor_authentication: true,
      federated: false,
      team: 'web',
    },
    {
      id: 'm-2',
      email: 'bob@acme.example',
      role: 'member',
      two_factor_authentication: true,
      federated: false,
      team: 'web',
    },
  ];
  s.enterpriseMembers = [
    {
      id: 'e-1',
      user: { id: 'u-1', email: 'alice@acme.example' },
      permissions: ['manage', 'view'],
      two_factor_authentication: true,
    },
  ];
  s.teamPreferences = [{ team: 'web', 'default-permission': 'member', 'addons-controls': true }];
  const app = (id: string, name: string) => ({
    id,
    name,
    team: { id: 't-1', name: 'web' },
    stack: { id: 's-24', name: 'heroku-24' },
    acm: true,
  });
  s.apps = [app('a-prod', 'web-prod'), app('a-stag', 'web-stag')];
  s.stacks = [
    { id: 's-20', name: 'heroku-20', state: 'deprecated' },
    { id: 's-24', name: 'heroku-24', state: 'public' },
  ];
  s.pipelines = [{ id: 'p-1', name: 'web' }];
  s.pipelineCouplings = [
    { id: 'c-1', app: { id: 'a-prod' }, pipeline: { id: 'p-1' }, stage: 'production' },
    { id: 'c-2', app: { id: 'a-stag' }, pipeline: { id: 'p-1' }, stage: 'staging' },
  ];
  s.appPermissions = [
    {
      app: 'web-prod',
      team: 'web',
      users: [{ email: 'alice@acme.example', permissions: ['deploy', 'manage', 'operate', 'view'] }],
    },
    { app: 'web-stag', team: 'web', users: [] },
  ];
  s.configVarNames = [
    { app: 'web-prod', names: [{ name: 'DATABASE_URL', secretLike: true, addon: 'pg-1' }] },
    { app: 'web-stag', names: [] },
  ];
  s.domains = [
    {
      id: 'd-1',
      hostname: 'www.acme.example',
      kind: 'custom',
      acm_status: 'cert issued',
      app: { id: 'a-prod', name: 'web-prod' },
    },
    {
      id: 'd-2',
      hostname: 'web-prod.herokuapp.com',
      kind: 'heroku',
      acm_status: null,
      app: { id: 'a-prod', name: 'web-prod' },
    },
  ];
  s.addons = [
    {
      id: 'pg-1',
      name: 'pg-1',
      app: { id: 'a-prod', name: 'web-prod' },
      addon_service: { name: 'heroku-postgresql' },
      plan: { name: 'heroku-postgresql:standard-0' },
      config_vars: ['DATABASE_URL'],
    },
  ];
  s.addonAttachments = [
    {
      id: 'att-1',
      name: 'DATABASE',
      addon: { id: 'pg-1', name: 'pg-1', app: { id: 'a-prod', name: 'web-prod' } },
      app: { id: 'a-prod', name: 'web-prod' },
    },
  ];
  s.logDrains = [
    {
      app: 'web-prod',
      drains: [{ id: 'ld-1', url: 'syslog+tls://logs.acme.example:6514', addon: null }],
      telemetryDrains: [],
    },
  ];
  s.pipelineConfigVarNames = [{ pipeline: 'web', stage: 'test', names: [] }];
  s.reviewAppConfigs = [{ pipeline: 'web', enabled: false }];
  s.auditDays = [{ day: '2026-11-21', complete: true, events: [] }];
  return s;
}
