import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runAction } from './helpers/action.js';
import { GitHubSim } from './sim/github.js';
import { HerokuSim } from './sim/heroku.js';
import { generateWorld } from './sim/world.js';

let heroku: HerokuSim;
let github: GitHubSim;
beforeEach(async () => {
  heroku = new HerokuSim(generateWorld({ apps: 12 }));
  await heroku.start();
  github = new GitHubSim();
  await github.start();
});
afterEach(async () => {
  await heroku.close();
  await github.close();
});

describe('the action against both simulators', () => {
  it('commits one run of evidence to an empty repository', async () => {
    const result = await runAction(heroku, github, { collect: 'all' });
    if (result.failed) console.error(github.requests.map((r) => `${r.method} ${r.path} ${r.status}`).join('\n'));
    expect(result.failed).toBe(false);
    expect(result.outputs['evidence-commit']).toMatch(/^[0-9a-f]{40}$/);
    expect(github.branchHead()).toBe(result.outputs['evidence-commit']);
    console.log(github.requests.map((r) => `${r.method} ${r.path} ${r.status}`).join('\n'));
    console.log(github.git(['ls-tree', '-r', '--name-only', 'main']).split('\n').slice(0, 50).join('\n'));
    console.log(github.issues.map((i) => i.title).join('\n'));
  });
});
