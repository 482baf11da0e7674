// The job summary a platform team opens after a run: a verdict on the first line, then the links that matter.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runAction } from './helpers/action.js';
import { GitHubSim } from './sim/github.js';
import { HerokuSim } from './sim/heroku.js';
import { allApps, healthyWorld } from './sim/world.js';

let heroku: HerokuSim;
let github: GitHubSim;
beforeEach(async () => {
  heroku = new HerokuSim(healthyWorld({ auditDays: 30 }));
  await heroku.start();
  github = new GitHubSim();
  await github.start();
});
afterEach(async () => {
  await heroku.close();
  await github.close();
});

const DAY1 = new Date('2026-11-22T06:00:00Z');
const DAY2 = new Date('2026-11-23T06:00:00Z');

describe('the job summary', () => {
  it('opens with the verdict and links the evidence commit, the run, SUMMARY.md and the open issues', async () => {
    const app = allApps(heroku.world).find((a) => a.name.endsWith('-prod'))!;
    heroku.world.configVars.get(app.id)!.AWS_SECRET_ACCESS_KEY = 'x';
    heroku.world.configVars.get(app.id)!.AWS_ACCESS_KEY_ID = 'y';
    const first = await runAction(heroku, github, { collect: 'all' }, DAY1);
    const sha = first.outputs['evidence-commit']!;
    const lines = first.summary.split('\n');
    expect(lines[0]).toBe(
      '# ❌ Heroku evidence (inventory and audit trail): complete; 2 failing findings in 1 control; nothing earlier to compare with',
    );
    // The output counts failing findings, not controls: two findings of one control here.
    expect(first.outputs['failed-controls']).toBe('2');
    const run = first.outputs['run-path']!;
    expect(lines[2]).toBe(
      [
        `[evidence commit ${sha.slice(0, 7)}](https://github.com/acme/compliance/commit/${sha})`,
        `[run folder](https://github.com/acme/compliance/tree/${sha}/${run})`,
        `[SUMMARY.md](https://github.com/acme/compliance/blob/${sha}/${run}/SUMMARY.md)`,
        '[open issues](https://github.com/acme/compliance/issues?q=is%3Aopen+label%3Aheroku-evidence)',
      ].join(' · '),
    );
    // The controls come before the 30 days of audit trail, which are folded.
    expect(first.summary.indexOf('## Controls')).toBeLessThan(first.summary.indexOf('## Audit trail'));
    expect(first.summary).toMatch(
      /## Audit trail\n\n<details><summary>30 days, \d+ events<\/summary>\n\n\| day \|/,
    );
    expect(first.summary.match(/^# /gm)).toHaveLength(1);

    // One fixed, one new: the verdict of the next run says so.
    delete heroku.world.configVars.get(app.id)!.AWS_ACCESS_KEY_ID;
    heroku.world.configVars.get(app.id)!.AZURE_CLIENT_SECRET = 'z';
    const second = await runAction(heroku, github, { collect: 'inventory' }, DAY2);
    expect(second.summary.split('\n')[0]).toBe(
      '# ❌ Heroku evidence (inventory): complete; 2 failing findings in 1 control; 1 new and 1 fixed since the last run',
    );
  });

  it('says so in a dry run, with nothing committed and no issue link', async () => {
    const result = await runAction(heroku, undefined, { collect: 'inventory', 'dry-run': 'true' }, DAY1);
    const [verdict, , links] = result.summary.split('\n');
    expect(verdict).toBe(
      '# ✅ Heroku evidence (inventory): complete; no failing control; nothing earlier to compare with',
    );
    expect(links).toBe('dry run: nothing committed');
  });
});

describe('the evidence folder’s README', () => {
  it('lists every folder and how to verify with a pinned command', async () => {
    await runAction(heroku, github, { collect: 'all' }, DAY1);
    const readme = github.git(['show', 'main:heroku-evidence/README.md']);
    for (const folder of ['inventory/', 'audit/', 'ledger/', 'reports/'])
      expect(readme).toContain(`- \`${folder}`);
    expect(readme).toMatch(/npx --yes github:heroku-evidence\/heroku-evidence#v\d+\.\d+\.\d+ verify \./);
  });
});
