import { describe, expect, it } from 'vitest';
import { closeSimulatorAfterEach, collectAll, setup } from './helpers/heroku-client.js';

closeSimulatorAfterEach();

describe('the walk', () => {
  it('collects every kind of record of the account', async () => {
    const { client } = await setup({ apps: 12 });
    const s = await collectAll(client);
    expect(s.gaps).toEqual([]);
    expect(s.teams.map((t) => t.name).sort()).toEqual(['payments', 'team-2', 'web']);
    expect(s.apps).toHaveLength(12);
    expect(s.appPermissions).toHaveLength(12);
    expect(s.configVarNames).toHaveLength(12);
    expect(s.formations).toHaveLength(12);
    expect(s.domains.filter((d) => d.kind === 'custom')).toHaveLength(4);
    expect(s.sniEndpoints.length).toBeGreaterThan(0);
    expect(s.addons).toHaveLength(12);
    expect(s.addonAttachments).toHaveLength(12);
    expect(s.pipelineCouplings).toHaveLength(12);
    expect(s.stacks.find((x) => x.name === 'heroku-20')?.state).toBe('deprecated');
    expect(s.enterpriseMembers.length).toBeGreaterThan(3);
    expect(s.auditDays.map((d) => [d.day, d.complete])).toEqual([
      ['2026-11-21', true],
      ['2026-11-22', false],
    ]);
  });

  it('records an endpoint that keeps failing as a gap after five attempts', async () => {
    const { sim, client, clock } = await setup({ apps: 3 });
    const app = sim.world.apps.get('web')![0]!;
    sim.fail({
      path: `/apps/${app.id}/formation`,
      status: 500,
      id: 'internal_server_error',
      message: 'Internal server error.',
    });
    const s = await collectAll(client);
    expect(s.gaps).toEqual([
      {
        resource: 'formation',
        scope: `app/${app.name}`,
        reason: `GET /apps/${app.id}/formation: 500 internal_server_error: Internal server error.`,
      },
    ]);
    expect(sim.requests.filter((q) => q.path === `/apps/${app.id}/formation`)).toHaveLength(5);
    // Backoff doubles: 0.5 s, 1 s, 2 s, 4 s ceilings, jittered (here at 75% of each).
    expect(clock.sleeps).toEqual([375, 750, 1500, 3000]);
  });

  it("reads a team's production apps' drains while the other apps are still being walked, each once", async () => {
    const { sim, client } = await setup({ apps: 300, teams: 6 });
    const s = await collectAll(client, { productionApps: [] });
    const paths = sim.requests.map((q) => q.path);
    const drains = paths.filter((p) => p.endsWith('/log-drains') || p.endsWith('/telemetry-drains'));
    const production = s.pipelineCouplings.filter((c) => c.stage === 'production');
    expect(drains.length).toBeGreaterThan(10);
    expect(new Set(drains).size).toBe(drains.length);
    expect(s.logDrains).toHaveLength(production.length);
    // Not after the walk: the first drains are asked for before the last app's own reads.
    const firstDrain = paths.findIndex((p) => p.endsWith('-drains'));
    const lastFormation = paths.findLastIndex((p) => p.endsWith('/formation'));
    expect(firstDrain).toBeLessThan(lastFormation);
  });

  it('asks for SNI endpoints only of apps with a custom domain', async () => {
    const { sim, client } = await setup({ apps: 12 });
    await collectAll(client);
    expect(sim.requests.filter((q) => q.path.endsWith('/sni-endpoints'))).toHaveLength(4);
  });

  it('turns a 403 on a team into a gap and goes on', async () => {
    const { sim, client } = await setup({ apps: 9 });
    sim.fail({
      path: '/teams/web/permissions',
      status: 403,
      id: 'forbidden',
      message: 'You do not have access to the team web.',
    });
    const s = await collectAll(client);
    expect(s.gaps).toEqual([
      {
        resource: 'app-permissions',
        scope: 'team/web',
        reason: expect.stringMatching(/403 forbidden: You do not have access.*admin/),
      },
    ]);
    expect(s.apps).toHaveLength(9);
  });

  it('reports every enterprise team the token cannot see', async () => {
    const { sim, client } = await setup({ apps: 9 });
    sim.world.visibleTeams.delete('team-2');
    const s = await collectAll(client);
    expect(s.teams.find((t) => t.name === 'team-2')).toMatchObject({ visible: false });
    expect(s.gaps).toContainEqual({
      resource: 'team',
      scope: 'team/team-2',
      reason: expect.stringContaining('heroku members:add'),
    });
    expect(s.apps).toHaveLength(6);
  });

  it('records an app deleted during the walk (404) as a gap', async () => {
    const { sim, client } = await setup({ apps: 3 });
    const app = sim.world.apps.get('web')![0]!;
    sim.fail({
      path: `/apps/${app.id}/domains`,
      status: 404,
      id: 'not_found',
      message: 'Couldn’t find that app.',
    });
    const s = await collectAll(client);
    expect(s.gaps).toEqual([
      { resource: 'domains', scope: `app/${app.name}`, reason: expect.stringContaining('404 not_found') },
    ]);
  });

  it('limits itself to the teams asked for and reports an unknown one', async () => {
    const { client } = await setup({ apps: 9 });
    const s = await collectAll(client, { teams: ['web', 'nope'] });
    expect(s.teams.filter((t) => t.visible).map((t) => t.name)).toEqual(['web']);
    expect(s.gaps.map((g) => g.scope)).toEqual(['team/nope']);
    expect(s.apps.every((a) => a.team?.name === 'web')).toBe(true);
  });
});
