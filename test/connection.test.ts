// check-connection as a platform team runs it before the first collection: the token's scopes, expiry and age,
// the service account's roles, what each missing one costs and what could be dropped.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runAction } from './helpers/action.js';
import { HerokuSim } from './sim/heroku.js';
import { generateWorld, type Json } from './sim/world.js';

let heroku: HerokuSim;
beforeEach(async () => {
  heroku = new HerokuSim(generateWorld({ apps: 6, auditDays: 1 }));
  await heroku.start();
});
afterEach(async () => {
  await heroku.close();
});

const NOW = new Date('2026-11-22T06:00:00Z');
const check = () => runAction(heroku, undefined, { collect: 'check-connection' }, NOW);
const row = (summary: string, what: string) =>
  summary.split('\n').find((line) => line.startsWith(`| ${what} |`)) ?? `(no row ${what})`;
const policyFile = (text: string) => {
  const path = join(mkdtempSync(join(tmpdir(), 'policy-')), 'heroku-evidence.yml');
  writeFileSync(path, text);
  return path;
};
const mine = () => heroku.world.authorizations[0] as Json & { access_token: Json };

describe('check-connection on least privilege', () => {
  it('reports the token’s scopes, age and expiry, and what a global, never-expiring token could drop', async () => {
    const result = await check();
    expect(result.failed).toBe(false);
    expect(row(result.summary, 'Token scopes')).toMatch(
      /^\| Token scopes \| advice \| scopes global \| Could drop `global`/,
    );
    expect(row(result.summary, 'Token scopes')).toContain(
      '--scope identity,read-protected --expires-in 7776000',
    );
    expect(row(result.summary, 'Token expiry')).toMatch(
      /^\| Token expiry \| advice \| created 2026-11-02 \(20 days ago; the policy's tokenMaxAgeDays is 90\); never expires \| A token that never expires/,
    );
    // The simulated bot is a plain member with enterprise `view`: what that costs, said per role.
    expect(row(result.summary, 'Enterprise permissions')).toMatch(
      /\| no \| view; missing manage \(the audit trail/,
    );
    expect(row(result.summary, 'Team roles')).toMatch(
      /\| no \| admin in 0 of 3 teams; not admin in payments \(member\)/,
    );
    expect(row(result.summary, 'Service account in the policy')).toMatch(
      /\| advice \| `?evidence-bot@acme\.example is not in the policy's serviceAccounts/,
    );
    expect(result.log).toContain('piece(s) of advice on least privilege and rotation');
  });

  it('finds nothing to fix with the least scopes, an expiry, the roles it needs and the policy naming the bot', async () => {
    mine().scope = ['identity', 'read-protected'];
    mine().access_token.expires_in = 60 * 86_400;
    heroku.world.enterprise.permissions = ['manage', 'view'];
    for (const team of heroku.world.teams) team.role = 'admin';
    const policy = policyFile('serviceAccounts: [evidence-bot@acme.example]\n');
    const result = await runAction(heroku, undefined, { collect: 'check-connection', policy }, NOW);
    expect(row(result.summary, 'Token scopes')).toBe(
      '| Token scopes | yes | scopes identity, read-protected |  |',
    );
    expect(row(result.summary, 'Token expiry')).toMatch(
      /\| yes \| created 2026-11-02 .*; expires 2027-01-21 \(in 60 days\) \| {2}\|$/,
    );
    expect(row(result.summary, 'Enterprise permissions')).toBe(
      '| Enterprise permissions | yes | manage, view |  |',
    );
    expect(row(result.summary, 'Team roles')).toBe('| Team roles | yes | admin in 3 of 3 teams |  |');
    expect(row(result.summary, 'Service account in the policy')).toMatch(/\| yes \| .*is in serviceAccounts/);
    expect(result.log).toContain('The token can read everything.');
    expect(result.log).not.toContain('advice');
  });

  it('says what a token without read-protected costs, and one about to expire', async () => {
    mine().scope = ['identity', 'read'];
    mine().access_token.expires_in = 3 * 86_400;
    const result = await check();
    expect(row(result.summary, 'Token scopes')).toMatch(
      /\| no \| scopes identity, read; missing read-protected \(config var names: HEROKU-CONFIG-1 is an error/,
    );
    expect(row(result.summary, 'Token expiry')).toMatch(/expires 2026-11-25 \(in 3 days\) \| Rotate it:/);
  });
});
