import type { App } from '../snapshot/snapshot.js';
import type { Control, Result } from './types.js';

// Fir apps are built with Cloud Native Buildpacks: Heroku reports their stack as `cnb`, which is not a stack of
// `GET /stacks` with a state of its own; their base image comes with the generation and its builder.
function isFir(app: App): boolean {
  return app.generation?.name === 'fir' || app.stack?.name === 'cnb';
}

export const app1: Control = {
  id: 'HEROKU-APP-1',
  name: 'Apps run on supported stacks',
  severity: 'medium',
  needs: 'inventory',
  rationale:
    'A deprecated stack stops receiving security updates of its operating system and language runtimes, and a retired one has stopped already: builds on it are refused and its known vulnerabilities stay open.',
  remediation:
    'Move the app to a current stack: `heroku stack:set heroku-24 --app <app>`, then deploy (test it on a staging app first).',
  frameworks: ['SOC 2 CC7.1', 'ISO/IEC 27001:2022 A.8.8'],
  evaluate({ snapshot }) {
    const gap = snapshot.gaps.find((g) => g.resource === 'stacks');
    const state = new Map(snapshot.stacks.map((s) => [s.name, s.state]));
    return snapshot.apps.map((app): Result => {
      const resource = `app/${app.name}`;
      const stack = app.stack?.name ?? app.build_stack?.name;
      const team = app.team?.name ?? 'none';
      if (isFir(app))
        return {
          resource,
          status: 'pass',
          title: `${app.name} runs on the Fir generation (${stack ?? 'cnb'})`,
          detail: `Heroku reports ${app.name} on generation ${app.generation?.name ?? 'fir'}, whose base images are kept current through Cloud Native Buildpacks; no stack state applies.`,
        };
      if (gap)
        return { resource, status: 'error', title: 'stack states could not be read', detail: gap.reason };
      if (!stack)
        return {
          resource,
          status: 'error',
          title: `Heroku reported no stack for ${app.name}`,
          detail: `The app record of ${app.name} (team ${team}) names neither a stack nor a build stack.`,
        };
      const stackState = state.get(stack);
      if (stackState === undefined)
        return {
          resource,
          status: 'fail',
          title: `${app.name} runs on retired stack ${stack}`,
          detail: `Heroku no longer lists ${stack} among its stacks (GET /stacks): it is end of life. ${app.name} (team ${team}) still runs on it.`,
        };
      return stackState === 'deprecated'
        ? {
            resource,
            status: 'fail',
            title: `${app.name} runs on deprecated stack ${stack}`,
            detail: `Heroku marks ${stack} as deprecated; ${app.name} (team ${team}) still runs on it.`,
          }
        : { resource, status: 'pass', title: `${app.name} runs on ${stack}`, detail: '' };
    });
  },
};
