import { unreadable } from './context.js';
import type { Control, Result } from './types.js';

export const addon1: Control = {
  id: 'HEROKU-ADDON-1',
  name: 'Production data stores are attached to production apps only',
  // Critical: the attached app holds the production database's credentials in its config vars, so whoever can
  // deploy to it or read its config can read and change production data now, with none of production's controls.
  severity: 'critical',
  needs: 'inventory',
  rationale:
    'A production database or cache attached to a staging, development or review app exposes production data to code, people and config that never went through production’s controls.',
  remediation:
    'Detach <addon> from the non-production app: `heroku addons:detach <attachment> --app <app>`, and give that app its own add-on (with anonymised data if it needs some).',
  frameworks: ['SOC 2 CC6.1', 'ISO/IEC 27001:2022 A.8.31', 'ISO/IEC 27001:2022 A.8.3'],
  evaluate({ snapshot, policy, production }) {
    const sensitive = new Set(policy.sensitiveAddonServices);
    const results: Result[] = [];
    const prodAddons = new Map(
      snapshot.addons
        .filter((a) => sensitive.has(a.addon_service.name) && production.has(a.app.name ?? ''))
        .map((a) => [a.id, a]),
    );
    for (const attachment of snapshot.addonAttachments) {
      const addon = prodAddons.get(attachment.addon.id);
      if (!addon) continue;
      const app = attachment.app.name ?? attachment.app.id;
      const resource = `addon-attachment/${addon.name}/${app}`;
      results.push(
        production.has(app)
          ? {
              resource,
              status: 'pass',
              title: `${addon.name} is attached to production app ${app}`,
              detail: '',
            }
          : {
              resource,
              status: 'fail',
              title: `${addon.name}, a data store of production app ${addon.app.name}, is attached to non-production app ${app}`,
              detail: `${addon.name} (${addon.addon_service.name}) belongs to production app ${addon.app.name} and is attached to ${app} as ${attachment.name}, which is not a production app.`,
            },
      );
    }
    for (const gap of snapshot.gaps.filter(
      (g) => g.resource === 'addon-attachments' || g.resource === 'team-addons',
    )) {
      results.push(unreadable(snapshot, gap.resource, gap.scope)!);
    }
    return results;
  },
};

export const addon2: Control = {
  id: 'HEROKU-ADDON-2',
  name: 'Teams with production apps enforce add-on controls',
  severity: 'low',
  needs: 'inventory',
  rationale:
    'Without add-on controls any member can install any marketplace add-on on a production app and hand it production data and config vars.',
  remediation:
    'Enable add-on controls for team <team>: Dashboard > <team> > Settings > Add-on Controls > Enable, then allow-list the services you use.',
  frameworks: ['SOC 2 CC6.8', 'ISO/IEC 27001:2022 A.8.19'],
  evaluate({ snapshot, production }) {
    const teamsWithProduction = new Set(
      snapshot.apps.filter((a) => production.has(a.name)).map((a) => a.team?.name ?? ''),
    );
    return [...teamsWithProduction].sort().map((team): Result => {
      const resource = `team/${team}`;
      const missing = unreadable(snapshot, 'team-preferences', resource);
      if (missing) return missing;
      const prefs = snapshot.teamPreferences.find((p) => p.team === team);
      return prefs?.['addons-controls'] === true
        ? { resource, status: 'pass', title: `team ${team} enforces add-on controls`, detail: '' }
        : {
            resource,
            status: 'fail',
            title: `team ${team} owns production apps but does not enforce add-on controls`,
            detail: `The addons-controls preference of team ${team} is ${String(prefs?.['addons-controls'] ?? 'unset')}.`,
          };
    });
  },
};
