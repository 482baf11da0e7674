import { describe, expect, it } from 'vitest';
import { CONTROLS, evaluate } from '../src/controls/catalog.js';
import type { Finding } from '../src/controls/types.js';
import { defaultPolicy, type Policy, parsePolicy } from '../src/policy.js';
import type { Snapshot } from '../src/snapshot/snapshot.js';
import { NOW, passingSnapshot } from './helpers/snapshot.js';

function run(change: (s: Snapshot) => void = () => {}, policy: Policy = defaultPolicy): Finding[] {
  const s = passingSnapshot();
  change(s);
  return evaluate(s, policy, NOW);
}
const of = (findings: Finding[], control: string) => findings.filter((f) => f.control === control);
const failing = (findings: Finding[]) =>
  findings.filter((f) => f.status !== 'pass').map((f) => [f.control, f.resource, f.status]);

describe('the control catalog', () => {
  it('has the twenty-one controls of the contract, each with remediation and framework references', () => {
    expect(CONTROLS.map((c) => c.id)).toEqual([
      'HEROKU-TLS-1',
      'HEROKU-TLS-2',
      'HEROKU-ACCESS-1',
      'HEROKU-ACCESS-2',
      'HEROKU-ACCESS-3',
      'HEROKU-ACCESS-4',
      'HEROKU-ACCESS-5',
      'HEROKU-CONFIG-1',
      'HEROKU-ADDON-1',
      'HEROKU-ADDON-2',
      'HEROKU-APP-1',
      'HEROKU-AUDIT-1',
      'HEROKU-COVERAGE-1',
      'HEROKU-TOKEN-1',
      'HEROKU-LOG-1',
      'HEROKU-TLS-3',
      'HEROKU-SSO-1',
      'HEROKU-CONFIG-2',
      'HEROKU-REVIEW-1',
      'HEROKU-DB-1',
      'HEROKU-NET-1',
    ]);
    for (const c of CONTROLS) {
      expect(c.frameworks.some((f) => /^SOC 2 (CC|A)\d/.test(f))).toBe(true);
      expect(c.frameworks.some((f) => f.startsWith('ISO/IEC 27001:2022 A.'))).toBe(true);
      expect(c.remediation.length).toBeGreaterThan(40);
    }
  });

  it('passes everything on a healthy account, and says so for each resource', () => {
    const findings = run();
    expect(failing(findings)).toEqual([]);
    expect(findings.length).toBeGreaterThan(12);
    // ACCESS-4 applies only with allowedEmailDomains, TLS-2 only where there are SNI endpoints, TLS-3 and NET-1
    // only where there are Private Spaces (NET-1 with allowedInboundCidrs), SSO-1 where there is an identity provider.
    expect(new Set(findings.map((f) => f.control)).size).toBe(16);
  });
});

describe('HEROKU-TLS-1', () => {
  const noCert = (s: Snapshot) => {
    s.domains[0]!.acm_status = 'failing';
  };
  it('fails a production custom domain with neither ACM nor an SNI certificate naming it', () => {
    expect(failing(of(run(noCert), 'HEROKU-TLS-1'))).toEqual([
      ['HEROKU-TLS-1', 'domain/www.acme.example', 'fail'],
    ]);
  });
  it('passes when an SNI endpoint of the app has a wildcard certificate for it', () => {
    const findings = run((s) => {
      noCert(s);
      s.sniEndpoints = [
        {
          id: 'e',
          name: 'tokyo-1',
          app: { id: 'a-prod', name: 'web-prod' },
          ssl_cert: { cert_domains: ['*.acme.example'], expires_at: '2027-06-01T00:00:00Z' },
        },
      ];
    });
    expect(of(findings, 'HEROKU-TLS-1').map((f) => f.status)).toEqual(['pass']);
  });
  it('is an error, not a pass, when the domains of a production app could not be read', () => {
    const findings = run((s) => {
      s.domains = [];
      s.gaps.push({ resource: 'domains', scope: 'app/web-prod', reason: '403 forbidden' });
    });
    expect(failing(of(findings, 'HEROKU-TLS-1'))).toEqual([['HEROKU-TLS-1', 'app/web-prod', 'error']]);
  });
  it('ignores non-production apps', () => {
    const findings = run((s) => {
      s.domains.push({
        id: 'd-3',
        hostname: 'staging.acme.example',
        kind: 'custom',
        acm_status: null,
        app: { id: 'a-stag', name: 'web-stag' },
      });
    });
    expect(failing(findings)).toEqual([]);
  });
});

describe('HEROKU-TLS-2', () => {
  const endpoint = (expires: string) => (s: Snapshot) => {
    s.sniEndpoints = [
      {
        id: 'e',
        name: 'tokyo-1',
        app: { id: 'a-stag', name: 'web-stag' },
        ssl_cert: { cert_domains: ['x.acme.example'], expires_at: expires },
      },
    ];
  };
  it('fails a certificate expiring within certExpiryDays, and an expired one', () => {
    expect(of(run(endpoint('2026-12-10T00:00:00Z')), 'HEROKU-TLS-2')[0]).toMatchObject({
      status: 'fail',
      title: 'certificate of web-stag/tokyo-1 expires on 2026-12-10',
    });
    expect(of(run(endpoint('2026-11-01T00:00:00Z')), 'HEROKU-TLS-2')[0]).toMatchObject({
      status: 'fail',
      title: 'certificate of web-stag/tokyo-1 expired on 2026-11-01',
    });
  });
  it('passes one valid beyond the threshold', () => {
    expect(of(run(endpoint('2027-02-01T00:00:00Z')), 'HEROKU-TLS-2')[0]!.status).toBe('pass');
  });
});

describe('HEROKU-ACCESS-1', () => {
  it('fails a team with more admins than maxTeamAdmins and lists them', () => {
    const findings = run((s) => {
      for (const n of [3, 4, 5])
        s.teamMembers.push({
          id: `m-${n}`,
          email: `admin${n}@acme.example`,
          role: 'admin',
          two_factor_authentication: true,
          team: 'web',
        });
    });
    expect(of(findings, 'HEROKU-ACCESS-1')[0]).toMatchObject({
      resource: 'team/web',
      status: 'fail',
      title: 'team web has 4 admins (at most 3 allowed)',
    });
  });
  it('is an error when the members of a team could not be read', () => {
    const findings = run((s) => s.gaps.push({ resource: 'team-members', scope: 'team/web', reason: '403' }));
    expect(of(findings, 'HEROKU-ACCESS-1')[0]!.status).toBe('error');
  });
});

describe('HEROKU-ACCESS-2', () => {
  it('fails an enterprise with more managers than maxEnterpriseManagers', () => {
    const policy = parsePolicy('maxEnterpriseManagers: 0', 'policy.yml');
    expect(of(run(undefined, policy), 'HEROKU-ACCESS-2')[0]).toMatchObject({
      resource: 'enterprise/acme',
      status: 'fail',
    });
    expect(of(run(), 'HEROKU-ACCESS-2')[0]!.status).toBe('pass');
  });
  it('is an error when enterprise members could not be read', () => {
    const findings = run((s) =>
      s.gaps.push({ resource: 'enterprise-members', scope: 'enterprise/acme', reason: '403' }),
    );
    expect(of(findings, 'HEROKU-ACCESS-2')[0]!.status).toBe('error');
  });
});

describe('serviceAccounts: the collector’s own grants', () => {
  const bot = (s: Snapshot) => {
    s.teamMembers.push({
      id: 'm-bot',
      email: 'Bot@acme.example',
      role: 'admin',
      two_factor_authentication: true,
      team: 'web',
    });
    s.enterpriseMembers.push({
      id: 'e-bot',
      user: { id: 'u-bot', email: 'bot@acme.example' },
      permissions: ['manage', 'view'],
      two_factor_authentication: true,
    });
  };
  const limits = 'maxTeamAdmins: 1\nmaxEnterpriseManagers: 1\n';

  it('counts the collector’s admin role and manage permission when the policy does not name it', () => {
    const findings = run(bot, parsePolicy(limits, 'policy.yml'));
    expect(of(findings, 'HEROKU-ACCESS-1')[0]).toMatchObject({
      status: 'fail',
      title: expect.stringContaining('2 admins'),
    });
    expect(of(findings, 'HEROKU-ACCESS-2')[0]!.status).toBe('fail');
  });

  it('does not count them for an account in serviceAccounts, and names it in the detail', () => {
    const policy = parsePolicy(`${limits}serviceAccounts: [bot@ACME.example]`, 'policy.yml');
    const findings = run(bot, policy);
    const a1 = of(findings, 'HEROKU-ACCESS-1')[0]!;
    const a2 = of(findings, 'HEROKU-ACCESS-2')[0]!;
    expect(a1).toMatchObject({ status: 'pass', title: 'team web has 1 admin' });
    expect(a1.detail).toContain('Not counted: Bot@acme.example (the collector’s account, `serviceAccounts`');
    expect(a2).toMatchObject({ status: 'pass', title: '1 enterprise manager' });
    expect(a2.detail).toContain('Not counted: bot@acme.example');
    // Still a person of the access review: the other controls judge it like anyone else.
    expect(of(findings, 'HEROKU-ACCESS-3').map((f) => f.resource)).toContain('member/bot@acme.example');
  });

  it('names them in a failing finding too, beside the admins it counts', () => {
    const policy = parsePolicy('maxTeamAdmins: 0\nserviceAccounts: [bot@acme.example]', 'policy.yml');
    const finding = of(run(bot, policy), 'HEROKU-ACCESS-1')[0]!;
    expect(finding.title).toBe('team web has 1 admins (at most 0 allowed)');
    expect(finding.detail).toBe(
      'Admins of web: alice@acme.example. Not counted: Bot@acme.example (the collector’s account, `serviceAccounts` in the policy), whose admin role the evidence collection needs.',
    );
  });
});

describe('HEROKU-ACCESS-3', () => {
  it('fails a member with neither 2FA nor SSO, once per person whatever their teams', () => {
    const findings = run((s) => {
      s.teams.push({ id: 't-2', name: 'api', visible: true });
      s.teamMembers.push({
        id: 'x',
        email: 'Carol@acme.example',
        role: 'member',
        two_factor_authentication: false,
        team: 'web',
      });
      s.teamMembers.push({
        id: 'y',
        email: 'carol@acme.example',
        role: 'member',
        two_factor_authentication: false,
        team: 'api',
      });
    });
    expect(failing(of(findings, 'HEROKU-ACCESS-3'))).toEqual([
      ['HEROKU-ACCESS-3', 'member/carol@acme.example', 'fail'],
    ]);
  });
  it('passes a federated member without 2FA', () => {
    const findings = run((s) => {
      s.teamMembers.push({
        id: 'x',
        email: 'dan@acme.example',
        role: 'member',
        two_factor_authentication: false,
        federated: true,
        team: 'web',
      });
    });
    expect(failing(findings)).toEqual([]);
  });
  it('is an error when Heroku does not say (as in the 2020 recordings)', () => {
    const findings = run((s) => {
      s.teamMembers.push({ id: 'x', email: 'erin@acme.example', role: 'member', team: 'web' });
    });
    expect(failing(of(findings, 'HEROKU-ACCESS-3'))).toEqual([
      ['HEROKU-ACCESS-3', 'member/erin@acme.example', 'error'],
    ]);
  });
});

describe('HEROKU-ACCESS-4', () => {
  it('fails members outside allowedEmailDomains, only when the list is set', () => {
    const policy = parsePolicy('allowedEmailDomains: [acme.example]', 'policy.yml');
    const findings = run((s) => {
      s.teamMembers.push({
        id: 'x',
        email: 'freelancer@gmail.com',
        role: 'member',
        two_factor_authentication: true,
        team: 'web',
      });
    }, policy);
    expect(failing(of(findings, 'HEROKU-ACCESS-4'))).toEqual([
      ['HEROKU-ACCESS-4', 'member/freelancer@gmail.com', 'fail'],
    ]);
    expect(of(run(), 'HEROKU-ACCESS-4')).toEqual([]);
  });
});

describe('HEROKU-ACCESS-5', () => {
  it('fails a production app where a collaborator can deploy', () => {
    const findings = run((s) => {
      s.teamMembers.push({
        id: 'x',
        email: 'agency@partner.example',
        role: 'collaborator',
        two_factor_authentication: true,
        team: 'web',
      });
      s.appPermissions[0]!.users.push({ email: 'agency@partner.example', permissions: ['deploy', 'view'] });
    });
    expect(of(findings, 'HEROKU-ACCESS-5')[0]).toMatchObject({
      resource: 'app/web-prod',
      status: 'fail',
      detail: expect.stringContaining('agency@partner.example (deploy, view)'),
    });
  });
  it('passes a collaborator who can only view', () => {
    const findings = run((s) => {
      s.teamMembers.push({
        id: 'x',
        email: 'auditor@partner.example',
        role: 'collaborator',
        two_factor_authentication: true,
        team: 'web',
      });
      s.appPermissions[0]!.users.push({ email: 'auditor@partner.example', permissions: ['view'] });
    });
    expect(failing(findings)).toEqual([]);
  });
  it('is an error when the team’s permissions could not be read', () => {
    const findings = run((s) =>
      s.gaps.push({ resource: 'app-permissions', scope: 'team/web', reason: '403' }),
    );
    expect(failing(of(findings, 'HEROKU-ACCESS-5'))).toEqual([['HEROKU-ACCESS-5', 'app/web-prod', 'error']]);
  });
});

describe('HEROKU-CONFIG-1', () => {
  it('fails each forbidden config var name, per app', () => {
    const findings = run((s) =>
      s.configVarNames[1]!.names.push({ name: 'AWS_SECRET_ACCESS_KEY', secretLike: true, addon: null }),
    );
    expect(failing(of(findings, 'HEROKU-CONFIG-1'))).toEqual([
      ['HEROKU-CONFIG-1', 'config-var/web-stag/AWS_SECRET_ACCESS_KEY', 'fail'],
    ]);
  });
  it('accepts globs in forbiddenConfigVars', () => {
    const policy = parsePolicy('forbiddenConfigVars: ["STRIPE_*"]', 'policy.yml');
    const findings = run(
      (s) => s.configVarNames[0]!.names.push({ name: 'STRIPE_SECRET', secretLike: true, addon: null }),
      policy,
    );
    expect(failing(of(findings, 'HEROKU-CONFIG-1'))).toEqual([
      ['HEROKU-CONFIG-1', 'config-var/web-prod/STRIPE_SECRET', 'fail'],
    ]);
  });
  it('is an error for an app whose names could not be read', () => {
    const findings = run((s) =>
      s.gaps.push({ resource: 'config-var-names', scope: 'app/web-stag', reason: '403' }),
    );
    expect(failing(of(findings, 'HEROKU-CONFIG-1'))).toEqual([['HEROKU-CONFIG-1', 'app/web-stag', 'error']]);
  });
});

describe('HEROKU-ADDON-1', () => {
  it('fails a production database attached to a non-production app', () => {
    const findings = run((s) =>
      s.addonAttachments.push({
        id: 'att-2',
        name: 'PROD_DB',
        addon: { id: 'pg-1', name: 'pg-1', app: { id: 'a-prod', name: 'web-prod' } },
        app: { id: 'a-stag', name: 'web-stag' },
      }),
    );
    expect(failing(of(findings, 'HEROKU-ADDON-1'))).toEqual([
      ['HEROKU-ADDON-1', 'addon-attachment/pg-1/web-stag', 'fail'],
    ]);
  });
  it('treats an app matching productionApps as production', () => {
    const policy = parsePolicy('productionApps: ["web-*"]', 'policy.yml');
    const findings = run(
      (s) =>
        s.addonAttachments.push({
          id: 'att-2',
          name: 'PROD_DB',
          addon: { id: 'pg-1', name: 'pg-1', app: { id: 'a-prod', name: 'web-prod' } },
          app: { id: 'a-stag', name: 'web-stag' },
        }),
      policy,
    );
    expect(of(findings, 'HEROKU-ADDON-1').map((f) => f.status)).toEqual(['pass', 'pass']);
  });
  it('is an error when attachments could not be read', () => {
    const findings = run((s) =>
      s.gaps.push({ resource: 'addon-attachments', scope: 'account', reason: '403' }),
    );
    expect(failing(of(findings, 'HEROKU-ADDON-1'))).toEqual([['HEROKU-ADDON-1', 'account', 'error']]);
  });
});

describe('HEROKU-ADDON-2', () => {
  it('fails a team with production apps and no add-on controls; errors when unreadable', () => {
    expect(
      failing(
        of(
          run((s) => (s.teamPreferences[0]!['addons-controls'] = false)),
          'HEROKU-ADDON-2',
        ),
      ),
    ).toEqual([['HEROKU-ADDON-2', 'team/web', 'fail']]);
    expect(
      failing(
        of(
          run((s) => s.gaps.push({ resource: 'team-preferences', scope: 'team/web', reason: '403' })),
          'HEROKU-ADDON-2',
        ),
      ),
    ).toEqual([['HEROKU-ADDON-2', 'team/web', 'error']]);
  });
});

describe('HEROKU-APP-1', () => {
  it('fails an app on a deprecated stack; errors when stacks are unreadable', () => {
    expect(
      failing(
        of(
          run((s) => (s.apps[1]!.stack = { id: 's-20', name: 'heroku-20' })),
          'HEROKU-APP-1',
        ),
      ),
    ).toEqual([['HEROKU-APP-1', 'app/web-stag', 'fail']]);
    expect(
      of(
        run((s) => s.gaps.push({ resource: 'stacks', scope: 'account', reason: '500' })),
        'HEROKU-APP-1',
      ).map((f) => f.status),
    ).toEqual(['error', 'error']);
  });
});

describe('HEROKU-APP-1 on retired stacks and Fir', () => {
  it('fails an app on a stack Heroku no longer lists, and names it retired', () => {
    const findings = of(
      run((s) => (s.apps[1]!.stack = { id: 's-18', name: 'heroku-18' })),
      'HEROKU-APP-1',
    );
    expect(failing(findings)).toEqual([['HEROKU-APP-1', 'app/web-stag', 'fail']]);
    expect(findings.find((f) => f.resource === 'app/web-stag')!.title).toBe(
      'web-stag runs on retired stack heroku-18',
    );
  });
  it('judges a Fir app by its generation, never failing it for running cnb', () => {
    const findings = of(
      run((s) => {
        s.apps[1]!.stack = { id: 'cnb', name: 'cnb' };
        s.apps[1]!.generation = { id: 'g-fir', name: 'fir' };
      }),
      'HEROKU-APP-1',
    );
    expect(failing(findings)).toEqual([]);
    expect(findings.find((f) => f.resource === 'app/web-stag')!.title).toBe(
      'web-stag runs on the Fir generation (cnb)',
    );
  });
  it('reports an app whose stack Heroku does not say as not evaluated, never as a pass', () => {
    const findings = of(
      run((s) => {
        s.apps[1]!.stack = null;
        s.apps[1]!.build_stack = null;
      }),
      'HEROKU-APP-1',
    );
    expect(failing(findings)).toEqual([['HEROKU-APP-1', 'app/web-stag', 'error']]);
  });
});

describe('HEROKU-AUDIT-1', () => {
  it('passes each collected day and fails a day that could not be read', () => {
    const findings = run((s) =>
      s.gaps.push({ resource: 'audit-trail', scope: 'audit-day/2026-11-22', reason: '403 forbidden' }),
    );
    expect(of(findings, 'HEROKU-AUDIT-1').map((f) => [f.resource, f.status])).toEqual([
      ['audit-day/2026-11-21', 'pass'],
      ['audit-day/2026-11-22', 'fail'],
      // The trail itself can be read: said, so that an issue about an unreadable trail closes as fixed.
      ['enterprise/acme', 'pass'],
    ]);
  });
  it('is not evaluated on a run that collected no audit trail', () => {
    expect(
      of(
        run((s) => (s.collected.audit = false)),
        'HEROKU-AUDIT-1',
      ),
    ).toEqual([]);
  });
});

describe('HEROKU-COVERAGE-1', () => {
  it('fails an enterprise team the token cannot see and an app whose config var names are unreadable', () => {
    const findings = run((s) => {
      s.teams.push({ id: 't-9', name: 'secret-team', visible: false });
      s.gaps.push({ resource: 'config-var-names', scope: 'app/web-stag', reason: '403' });
    });
    expect(failing(of(findings, 'HEROKU-COVERAGE-1'))).toEqual([
      ['HEROKU-COVERAGE-1', 'app/web-stag', 'fail'],
      ['HEROKU-COVERAGE-1', 'team/secret-team', 'fail'],
    ]);
  });
});

describe('HEROKU-COVERAGE-1, when the walk itself could not start', () => {
  it('fails when the teams, or a team’s apps, cannot be listed', () => {
    const findings = run((s) => {
      s.gaps.push({ resource: 'teams', scope: 'account', reason: '503 unavailable' });
      s.gaps.push({ resource: 'team-apps', scope: 'team/web', reason: '403 forbidden' });
    });
    expect(failing(of(findings, 'HEROKU-COVERAGE-1'))).toEqual([
      ['HEROKU-COVERAGE-1', 'team/*', 'fail'],
      ['HEROKU-COVERAGE-1', 'team/web', 'fail'],
    ]);
  });
});

describe('HEROKU-TOKEN-1', () => {
  it('fails a token older than tokenMaxAgeDays, or expiring within 14 days; errors when unknown', () => {
    expect(
      failing(
        of(
          run((s) => (s.authorization!.createdAt = '2026-01-01T00:00:00Z')),
          'HEROKU-TOKEN-1',
        ),
      ),
    ).toEqual([['HEROKU-TOKEN-1', 'authorization/auth-1', 'fail']]);
    expect(
      of(
        run((s) => (s.authorization!.expiresAt = '2026-11-30T00:00:00Z')),
        'HEROKU-TOKEN-1',
      )[0]!.title,
    ).toBe('the collector’s token expires on 2026-11-30');
    expect(
      failing(
        of(
          run((s) => (s.authorization = null)),
          'HEROKU-TOKEN-1',
        ),
      ),
    ).toEqual([['HEROKU-TOKEN-1', 'authorization/unknown', 'error']]);
  });
});

describe('waivers', () => {
  const stale = (s: Snapshot) => (s.apps[1]!.stack = { id: 's-20', name: 'heroku-20' });
  it('turn a failure into waived until they expire, keeping the finding visible', () => {
    const policy = parsePolicy(
      'waivers:\n  - {control: HEROKU-APP-1, resource: "app/web-*", reason: migration booked for Q1, owner: alice, expires: 2027-01-31}',
      'policy.yml',
    );
    expect(of(run(stale, policy), 'HEROKU-APP-1').find((f) => f.resource === 'app/web-stag')).toMatchObject({
      status: 'waived',
      waiver: { owner: 'alice', expires: '2027-01-31', expired: false },
    });
  });
  it('turn back into a failure once expired, and say so', () => {
    const policy = parsePolicy(
      'waivers:\n  - {control: HEROKU-APP-1, resource: "app/web-stag", reason: migration, owner: alice, expires: 2026-11-01}',
      'policy.yml',
    );
    const finding = of(run(stale, policy), 'HEROKU-APP-1').find((f) => f.resource === 'app/web-stag')!;
    expect(finding.status).toBe('fail');
    expect(finding.detail).toContain('expired on 2026-11-01');
  });
});
