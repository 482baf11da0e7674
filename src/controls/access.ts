import { gapFor, type Snapshot } from '../snapshot/snapshot.js';
import { plural, productionUnknown, teamOfApp, unreadable } from './context.js';
import type { Control, Result } from './types.js';

const ADMIN_ROLES = new Set(['admin', 'owner']);
const WRITE_PERMISSIONS = ['deploy', 'operate', 'manage'];

export const access1: Control = {
  id: 'HEROKU-ACCESS-1',
  name: 'Teams have few admins',
  severity: 'medium',
  needs: 'inventory',
  rationale:
    'Team admins can add members, change roles and delete any app of the team; every extra admin is one more account whose compromise exposes the whole team.',
  remediation:
    'Demote the admins who do not need the role: `heroku members:set <email> --role member --team <team>` (Dashboard: team > Access).',
  frameworks: ['SOC 2 CC6.3', 'SOC 2 CC6.1', 'ISO/IEC 27001:2022 A.8.2', 'ISO/IEC 27001:2022 A.5.15'],
  evaluate({ snapshot, policy }) {
    return snapshot.teams
      .filter((team) => team.visible)
      .map((team): Result => {
        const scope = `team/${team.name}`;
        const missing = unreadable(snapshot, 'team-members', scope);
        if (missing) return missing;
        const all = snapshot.teamMembers
          .filter((m) => m.team === team.name && ADMIN_ROLES.has(m.role ?? ''))
          .map((m) => m.email)
          .sort();
        const { counted: admins, note } = setAside(all, policy.serviceAccounts, 'admin role');
        if (admins.length <= policy.maxTeamAdmins) {
          return {
            resource: scope,
            status: 'pass',
            title: `team ${team.name} has ${plural(admins.length, 'admin')}`,
            detail: note,
          };
        }
        return {
          resource: scope,
          status: 'fail',
          title: `team ${team.name} has ${admins.length} admins (at most ${policy.maxTeamAdmins} allowed)`,
          detail: `Admins of ${team.name}: ${admins.join(', ')}.${note ? ` ${note}` : ''}`,
        };
      });
  },
};

/**
 * Splits the holders of a grant into those a limit counts and the collector's own accounts (`serviceAccounts`),
 * which need the grant to read everything: the note names the latter, so the evidence says who was set aside.
 */
function setAside(
  holders: readonly string[],
  serviceAccounts: readonly string[],
  grant: string,
): { counted: string[]; note: string } {
  const service = new Set(serviceAccounts);
  const aside = holders.filter((h) => service.has(h.toLowerCase()));
  return {
    counted: holders.filter((h) => !service.has(h.toLowerCase())),
    note: aside.length
      ? `Not counted: ${aside.join(', ')} (the collector’s ${aside.length === 1 ? 'account' : 'accounts'}, \`serviceAccounts\` in the policy), whose ${grant} the evidence collection needs.`
      : '',
  };
}

export const access2: Control = {
  id: 'HEROKU-ACCESS-2',
  name: 'Few enterprise managers',
  severity: 'medium',
  needs: 'inventory',
  rationale:
    'Enterprise members with `manage` control every team, member and setting of the enterprise account; the fewer, the smaller the blast radius of one compromised account.',
  remediation:
    'Remove the `manage` permission from those who do not need it: Dashboard > Enterprise account <enterprise> > Members > Edit permissions. The collector’s own account needs `manage` for the audit trail: list it in the policy’s `serviceAccounts` instead.',
  frameworks: ['SOC 2 CC6.3', 'ISO/IEC 27001:2022 A.8.2'],
  evaluate({ snapshot, policy }) {
    if (!snapshot.enterpriseName) return [];
    const resource = `enterprise/${snapshot.enterpriseAccount?.name ?? snapshot.enterpriseName}`;
    const missing =
      unreadable(snapshot, 'enterprise-account', resource) ??
      unreadable(snapshot, 'enterprise-members', resource);
    if (missing) return [missing];
    const all = snapshot.enterpriseMembers
      .filter((m) => m.permissions.includes('manage'))
      .map((m) => m.user.email)
      .sort();
    const { counted: managers, note } = setAside(all, policy.serviceAccounts, '`manage` permission');
    if (managers.length <= policy.maxEnterpriseManagers) {
      return [
        {
          resource,
          status: 'pass',
          title: `${plural(managers.length, 'enterprise manager')}`,
          detail: note,
        },
      ];
    }
    return [
      {
        resource,
        status: 'fail',
        title: `enterprise account has ${managers.length} members with manage (at most ${policy.maxEnterpriseManagers} allowed)`,
        detail: `Members with the manage permission: ${managers.join(', ')}.${note ? ` ${note}` : ''}`,
      },
    ];
  },
};

interface Person {
  email: string;
  teams: Set<string>;
  twoFactor: boolean | undefined;
  federated: boolean;
}

/** One entry per person, whatever their teams, merging what team and enterprise memberships say. */
function people(snapshot: Snapshot): Person[] {
  const byEmail = new Map<string, Person>();
  const get = (email: string) => {
    const key = email.toLowerCase();
    let person = byEmail.get(key);
    if (!person) {
      person = { email: key, teams: new Set(), twoFactor: undefined, federated: false };
      byEmail.set(key, person);
    }
    return person;
  };
  for (const m of snapshot.teamMembers) {
    const person = get(m.email);
    person.teams.add(m.team);
    if (m.two_factor_authentication !== undefined)
      person.twoFactor = (person.twoFactor ?? false) || m.two_factor_authentication;
    if (m.federated || m.identity_provider) person.federated = true;
  }
  for (const m of snapshot.enterpriseMembers) {
    const person = get(m.user.email);
    if (m.two_factor_authentication !== undefined)
      person.twoFactor = (person.twoFactor ?? false) || m.two_factor_authentication;
    if (m.identity_provider) person.federated = true;
  }
  return [...byEmail.values()].sort((a, b) => a.email.localeCompare(b.email));
}

export const access3: Control = {
  id: 'HEROKU-ACCESS-3',
  name: 'Members use two-factor authentication or SSO',
  severity: 'high',
  needs: 'inventory',
  rationale:
    'A password alone is phished or reused; a Heroku account without a second factor or an identity provider can deploy code and read secrets of every app it can reach.',
  remediation:
    'Ask the member to enable two-factor authentication (Account settings > Multi-factor authentication, or `heroku 2fa:enable`), or federate the team with your identity provider (Enterprise > Settings > Single Sign-On).',
  frameworks: ['SOC 2 CC6.1', 'ISO/IEC 27001:2022 A.8.5'],
  evaluate({ snapshot }) {
    return people(snapshot).map((person): Result => {
      const resource = `member/${person.email}`;
      const teams = [...person.teams].sort().join(', ') || 'the enterprise account';
      if (person.federated)
        return { resource, status: 'pass', title: `${person.email} signs in through SSO`, detail: '' };
      if (person.twoFactor)
        return {
          resource,
          status: 'pass',
          title: `${person.email} has two-factor authentication`,
          detail: '',
        };
      if (person.twoFactor === undefined) {
        return {
          resource,
          status: 'error',
          title: `two-factor status of ${person.email} not reported by Heroku`,
          detail: `Heroku did not report whether ${person.email} (${teams}) uses two-factor authentication; read the enterprise members (permission \`view\`) to know.`,
        };
      }
      return {
        resource,
        status: 'fail',
        title: `${person.email} has neither two-factor authentication nor SSO`,
        detail: `${person.email} (member of ${teams}) signs in with a password alone.`,
      };
    });
  },
};

export const access4: Control = {
  id: 'HEROKU-ACCESS-4',
  name: 'Members use company email domains',
  severity: 'medium',
  needs: 'inventory',
  rationale:
    'An account on a personal or third-party email domain is outside the company’s identity lifecycle: it survives offboarding and its recovery is not under your control.',
  remediation:
    'Remove the member (`heroku members:remove <email> --team <team>`) and invite their company account instead, or add the domain to `allowedEmailDomains` in the policy if it is yours.',
  frameworks: ['SOC 2 CC6.2', 'ISO/IEC 27001:2022 A.5.16', 'ISO/IEC 27001:2022 A.5.18'],
  evaluate({ snapshot, policy }) {
    if (policy.allowedEmailDomains.length === 0) return [];
    const allowed = new Set(policy.allowedEmailDomains.map((d) => d.toLowerCase()));
    return people(snapshot).map((person): Result => {
      const resource = `member/${person.email}`;
      const domain = person.email.slice(person.email.lastIndexOf('@') + 1);
      if (allowed.has(domain))
        return { resource, status: 'pass', title: `${person.email} is on an allowed domain`, detail: '' };
      return {
        resource,
        status: 'fail',
        title: `${person.email} is not on an allowed email domain`,
        detail: `${person.email} (member of ${[...person.teams].sort().join(', ') || 'the enterprise account'}) uses ${domain}; allowed: ${[...allowed].sort().join(', ')}.`,
      };
    });
  },
};

export const access5: Control = {
  id: 'HEROKU-ACCESS-5',
  name: 'No outside collaborator can change production apps',
  severity: 'high',
  needs: 'inventory',
  rationale:
    'Collaborators are outside the team’s membership reviews; one with deploy, operate or manage on a production app can ship code or change config with no team oversight.',
  remediation:
    'Reduce the collaborator to `view`, or remove them: `heroku access:update <email> --permissions view --app <app>` / `heroku access:remove <email> --app <app>`; make them a team member if they need more.',
  frameworks: ['SOC 2 CC6.3', 'ISO/IEC 27001:2022 A.5.18', 'ISO/IEC 27001:2022 A.8.2'],
  evaluate(context) {
    const { snapshot, production } = context;
    const teams = teamOfApp(snapshot);
    const roles = new Map(
      snapshot.teamMembers.map((m) => [`${m.team}/${m.email.toLowerCase()}`, m.role ?? '']),
    );
    const results: Result[] = [];
    for (const app of [...production, ...context.productionUnknown].sort()) {
      const team = teams.get(app) ?? '';
      const resource = `app/${app}`;
      const unknown = productionUnknown(context, app, resource);
      if (unknown) {
        results.push(unknown);
        continue;
      }
      if (
        gapFor(snapshot, 'app-permissions', `team/${team}`) ||
        gapFor(snapshot, 'team-members', `team/${team}`)
      ) {
        results.push(
          unreadable(snapshot, 'app-permissions', `team/${team}`, resource) ??
            unreadable(snapshot, 'team-members', `team/${team}`, resource)!,
        );
        continue;
      }
      const entity = snapshot.appPermissions.find((p) => p.app === app);
      if (!entity) {
        // Heroku lists every app of the team with its users; one missing from the list was not observed.
        results.push({
          resource,
          status: 'error',
          title: `could not be evaluated: ${app} is missing from team ${team}’s app permissions`,
          detail: `GET /teams/${team}/permissions did not list ${app}, so who can change it was not observed.`,
        });
        continue;
      }
      const outsiders = entity.users
        .filter((u) => {
          const role = roles.get(`${team}/${u.email.toLowerCase()}`);
          return (
            (role === undefined || role === 'collaborator') &&
            u.permissions.some((p) => WRITE_PERMISSIONS.includes(p))
          );
        })
        .map((u) => `${u.email} (${u.permissions.join(', ')})`)
        .sort();
      results.push(
        outsiders.length === 0
          ? { resource, status: 'pass', title: `no outside collaborator can change ${app}`, detail: '' }
          : {
              resource,
              status: 'fail',
              title: `production app ${app} has ${plural(outsiders.length, 'outside collaborator')} with write access`,
              detail: `Collaborators of ${app} outside team ${team}: ${outsiders.join('; ')}.`,
            },
      );
    }
    return results;
  },
};
