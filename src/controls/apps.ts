import type { Control, Result } from './types.js';

export const app1: Control = {
  id: 'HEROKU-APP-1',
  name: 'Apps run on supported stacks',
  severity: 'medium',
  needs: 'inventory',
  rationale:
    'A deprecated stack stops receiving security updates of its operating system and language runtimes, and builds on it will eventually be refused.',
  remediation:
    'Move the app to a current stack: `heroku stack:set heroku-24 --app <app>`, then deploy (test it on a staging app first).',
  frameworks: ['SOC 2 CC7.1', 'ISO/IEC 27001:2022 A.8.8'],
  evaluate({ snapshot }) {
    const gap = snapshot.gaps.find((g) => g.resource === 'stacks');
    const state = new Map(snapshot.stacks.map((s) => [s.name, s.state]));
    return snapshot.apps.map((app): Result => {
      const resource = `app/${app.name}`;
      const stack = app.stack?.name ?? app.build_stack?.name ?? 'unknown';
      if (gap)
        return { resource, status: 'error', title: 'stack states could not be read', detail: gap.reason };
      return state.get(stack) === 'deprecated'
        ? {
            resource,
            status: 'fail',
            title: `${app.name} runs on deprecated stack ${stack}`,
            detail: `Heroku marks ${stack} as deprecated; ${app.name} (team ${app.team?.name ?? 'none'}) still runs on it.`,
          }
        : { resource, status: 'pass', title: `${app.name} runs on ${stack}`, detail: '' };
    });
  },
};
