import { gapFor } from '../snapshot/snapshot.js';
import type { Control, Result } from './types.js';

export const coverage1: Control = {
  id: 'HEROKU-COVERAGE-1',
  name: 'The evidence covers every team and app',
  severity: 'medium',
  needs: 'inventory',
  rationale:
    'Controls can only pass on what the collector sees; a team or app it cannot read is a blind spot that looks compliant.',
  remediation:
    'Add the service account to the team as a member (`heroku members:add <collector> --team <team> --role member`), and create its token with the `read-protected` scope so config var names can be read (`heroku authorizations:create --scope identity,read-protected`).',
  frameworks: ['SOC 2 CC4.1', 'ISO/IEC 27001:2022 A.5.36'],
  evaluate({ snapshot }) {
    const results: Result[] = [];
    const teamsGap = gapFor(snapshot, 'teams', 'account');
    if (teamsGap) {
      // Without the list of teams nothing else could be walked: every other control saw an empty account.
      results.push({
        resource: 'team/*',
        status: 'fail',
        title: 'the token’s teams cannot be listed',
        detail: teamsGap.reason,
      });
    } else {
      // Said when it holds, so that an issue about an unreadable list of teams closes as fixed.
      results.push({
        resource: 'team/*',
        status: 'pass',
        title: 'the token’s teams can be listed',
        detail: '',
      });
    }
    for (const team of snapshot.teams) {
      const resource = `team/${team.name}`;
      const appsGap = gapFor(snapshot, 'team-apps', resource);
      results.push(
        !team.visible
          ? {
              resource,
              status: 'fail',
              title: `team ${team.name} is not visible to the collector`,
              detail: gapFor(snapshot, 'team', resource)?.reason ?? `The token cannot see team ${team.name}.`,
            }
          : appsGap
            ? {
                resource,
                status: 'fail',
                title: `the apps of team ${team.name} cannot be listed`,
                detail: appsGap.reason,
              }
            : { resource, status: 'pass', title: `team ${team.name} is visible to the token`, detail: '' },
      );
    }
    for (const app of snapshot.apps) {
      const resource = `app/${app.name}`;
      const gap = gapFor(snapshot, 'config-var-names', resource);
      results.push(
        gap
          ? {
              resource,
              status: 'fail',
              title: `config var names of ${app.name} cannot be read`,
              detail: gap.reason,
            }
          : { resource, status: 'pass', title: `config var names of ${app.name} were read`, detail: '' },
      );
    }
    return results;
  },
};
