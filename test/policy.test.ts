import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';

import { tmpdir } from 'node:os';

import { join } from 'node:path';

import { describe, expect, it } from 'vitest';
import { PolicyError } from '../src/errors.js';
import {
  DEFAULT_POLICY_PATH,
  defaultPolicy,
  loadPolicy,
  parsePolicy,
  workspacePolicy,
} from '../src/policy.js';

const bad = (text: string) => {
  try {
    parsePolicy(text, 'heroku-policy.yml');
  } catch (error) {
    expect(error).toBeInstanceOf(PolicyError);
    return (error as Error).message;
  }
  throw new Error('expected the policy to be refused');
};

describe('policy file', () => {
  it('applies the contract’s defaults without a file', async () => {
    expect(await loadPolicy('')).toBe(defaultPolicy);
    expect(defaultPolicy).toMatchObject({
      maxTeamAdmins: 3,
      maxEnterpriseManagers: 3,
      certExpiryDays: 30,
      tokenMaxAgeDays: 90,
      allowedEmailDomains: [],
      waivers: [],
    });
    expect(defaultPolicy.forbiddenConfigVars).toContain('AWS_SECRET_ACCESS_KEY');
    expect(defaultPolicy.sensitiveAddonServices).toEqual(
      expect.arrayContaining(['heroku-postgresql', 'heroku-redis', 'heroku-kafka']),
    );
  });

  it('reads serviceAccounts as lower-case emails and refuses what is not one', () => {
    expect(
      parsePolicy('serviceAccounts: [Bot@Acme.example, bot@acme.example]', 'p.yml').serviceAccounts,
    ).toEqual(['bot@acme.example']);
    expect(defaultPolicy.serviceAccounts).toEqual([]);
    expect(bad('serviceAccounts: [evidence-bot]')).toBe(
      'heroku-policy.yml: serviceAccounts[0] is "evidence-bot": expected an email address.',
    );
  });

  it('reads the policy at .github/heroku-evidence.yml when the input is empty, and the defaults without one', async () => {
    const workspace = mkdtempSync(join(tmpdir(), 'workspace-'));
    expect(await workspacePolicy('', workspace)).toEqual({
      policy: defaultPolicy,
      source: `the defaults (no \`policy\` input, and no ${DEFAULT_POLICY_PATH} in the workspace)`,
    });
    mkdirSync(join(workspace, '.github'));
    writeFileSync(join(workspace, DEFAULT_POLICY_PATH), 'maxTeamAdmins: 5\n');
    const found = await workspacePolicy('', workspace);
    expect(found.source).toBe('.github/heroku-evidence.yml');
    expect(found.policy.maxTeamAdmins).toBe(5);
    writeFileSync(join(workspace, DEFAULT_POLICY_PATH), 'maxTeamAdmin: 5\n');
    await expect(workspacePolicy('', workspace)).rejects.toThrow(
      '.github/heroku-evidence.yml: unknown key "maxTeamAdmin"',
    );
    // A path given in the input must exist: a typo there must not leave the defaults in force.
    await expect(workspacePolicy(join(workspace, 'nope.yml'), workspace)).rejects.toThrow(
      'cannot be read: ENOENT',
    );
  });

  it('reads every key of a full file', () => {
    const policy = parsePolicy(
      [
        'productionApps: ["*-prod"]',
        'maxTeamAdmins: 5',
        'owners:',
        '  "payments-*": [alice, bob]',
        'waivers:',
        '  - control: HEROKU-TLS-2',
        '    resource: "sni-endpoint/legacy/*"',
        '    reason: decommissioned in December',
        '    owner: alice',
        '    expires: 2027-01-15',
      ].join('\n'),
      'p.yml',
    );
    expect(policy.productionApps).toEqual(['*-prod']);
    expect(policy.maxTeamAdmins).toBe(5);
    expect(policy.owners).toEqual({ 'payments-*': ['alice', 'bob'] });
    expect(policy.waivers[0]).toMatchObject({ control: 'HEROKU-TLS-2', expires: '2027-01-15' });
  });

  it('names an unknown key, and the keys it knows', () => {
    expect(bad('maxTeamAdmin: 2')).toMatch(
      /^heroku-policy\.yml: unknown key "maxTeamAdmin"\. Known keys: productionApps, maxTeamAdmins/,
    );
    expect(
      bad(
        'waivers:\n  - {control: HEROKU-TLS-1, resource: x, reason: r, owner: o, expires: 2027-01-01, until: 2}',
      ),
    ).toMatch(/unknown key "until" in waivers\[0\]/);
  });

  it('names the key, the value and what was expected for a bad value', () => {
    expect(bad('maxTeamAdmins: three')).toBe(
      'heroku-policy.yml: maxTeamAdmins is "three": Invalid input: expected number, received string.',
    );
    expect(
      bad('waivers:\n  - {control: TLS-1, resource: x, reason: r, owner: o, expires: 2027-01-01}'),
    ).toMatch(/waivers\[0\]\.control is "TLS-1": expected a control id/);
    expect(
      bad('waivers:\n  - {control: HEROKU-TLS-1, resource: x, reason: r, owner: o, expires: next week}'),
    ).toMatch(/waivers\[0\]\.expires is "next week": expected a date as YYYY-MM-DD/);
    expect(bad('waivers:\n  - {control: HEROKU-TLS-1, resource: x, owner: o, expires: 2027-01-01}')).toMatch(
      /waivers\[0\]\.reason is missing/,
    );
    expect(bad('owners: {"web-*": ["not a login!"]}')).toMatch(
      /owners\.web-\*\[0\] is "not a login!": expected a GitHub login/,
    );
  });

  it('refuses malformed YAML and a file that is not a mapping', () => {
    expect(bad('maxTeamAdmins: [1,')).toMatch(/^heroku-policy\.yml is not valid YAML/);
    expect(bad('- a\n- b')).toMatch(/must be a YAML mapping/);
  });

  it('says when the file cannot be read', async () => {
    await expect(loadPolicy('/nonexistent/policy.yml')).rejects.toThrow(
      'The policy file /nonexistent/policy.yml cannot be read: ENOENT.',
    );
    const dir = mkdtempSync(join(tmpdir(), 'policy-'));
    writeFileSync(join(dir, 'p.yml'), 'certExpiryDays: 14\n');
    expect((await loadPolicy(join(dir, 'p.yml'))).certExpiryDays).toBe(14);
  });
});
