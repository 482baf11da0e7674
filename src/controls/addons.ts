import { matchesName } from '../policy.js';
import { productionUnknown, unreadable } from './context.js';
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
  evaluate(context) {
    const { snapshot, policy, production } = context;
    const sensitive = new Set(policy.sensitiveAddonServices);
    const readApps = new Set(snapshot.apps.map((a) => a.name));
    const results: Result[] = [];
    // The data stores of production apps, and of apps that may be production (their status is unknown).
    const prodAddons = new Map(
      snapshot.addons
        .filter(
          (a) =>
            sensitive.has(a.addon_service.name) &&
            (production.has(a.app.name ?? '') || context.productionUnknown.has(a.app.name ?? '')),
        )
        .map((a) => [a.id, a]),
    );
    for (const attachment of snapshot.addonAttachments) {
      const addon = prodAddons.get(attachment.addon.id);
      if (!addon) continue;
      const app = attachment.app.name ?? attachment.app.id;
      const resource = `addon-attachment/${addon.name}/${app}`;
      // Unknown whether the owner is production, or whether the app it is attached to is.
      const unknown =
        productionUnknown(context, addon.app.name ?? '', resource) ??
        productionUnknown(context, app, resource);
      if (unknown) {
        results.push(unknown);
        continue;
      }
      // Attached to an app this run did not read (its team outside the run, invisible or unlisted): whether that
      // app is production is not known, so this is not evaluated, never a failure.
      if (!production.has(app) && !readApps.has(app)) {
        results.push({
          resource,
          status: 'error',
          title: `could not be evaluated: ${addon.name} is attached to ${app}, which this run did not read`,
          detail: `${addon.name} (${addon.addon_service.name}) of production app ${addon.app.name} is attached to ${app} as ${attachment.name}; ${app} is not among the apps this run read, so whether it is a production app is unknown.`,
        });
        continue;
      }
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
  evaluate(context) {
    const { snapshot, production } = context;
    const teamsWithProduction = new Set(
      snapshot.apps.filter((a) => production.has(a.name)).map((a) => a.team?.name ?? ''),
    );
    const teamsMaybeProduction = new Set(
      snapshot.apps.filter((a) => context.productionUnknown.has(a.name)).map((a) => a.team?.name ?? ''),
    );
    return [...new Set([...teamsWithProduction, ...teamsMaybeProduction])].sort().map((team): Result => {
      const resource = `team/${team}`;
      const missing = unreadable(snapshot, 'team-preferences', resource);
      if (missing) return missing;
      const prefs = snapshot.teamPreferences.find((p) => p.team === team);
      if (prefs?.['addons-controls'] === true)
        return { resource, status: 'pass', title: `team ${team} enforces add-on controls`, detail: '' };
      if (!teamsWithProduction.has(team))
        return {
          resource,
          status: 'error',
          title: `could not be evaluated: whether team ${team} owns production apps is unknown`,
          detail: `The pipeline couplings of team ${team} could not be read, and it does not enforce add-on controls.`,
        };
      return {
        resource,
        status: 'fail',
        title: `team ${team} owns production apps but does not enforce add-on controls`,
        detail: `The addons-controls preference of team ${team} is ${String(prefs?.['addons-controls'] ?? 'unset')}.`,
      };
    });
  },
};

export const db1: Control = {
  id: 'HEROKU-DB-1',
  name: 'Production data stores are on plans with rollback or high availability',
  severity: 'medium',
  needs: 'inventory',
  rationale:
    'Entry-level data store plans have no rollback to a point in time, no follower or standby and no uptime commitment: a bad migration or a lost instance means restoring from the last daily backup at best, losing every change since.',
  remediation:
    'Move the data store to a plan with rollback and high availability: `heroku addons:upgrade <addon> heroku-postgresql:standard-0` for Postgres (or a follower change-over to keep downtime short), `heroku addons:upgrade <addon> heroku-redis:premium-0` for Redis.',
  frameworks: ['SOC 2 A1.2', 'ISO/IEC 27001:2022 A.8.13', 'ISO/IEC 27001:2022 A.8.14'],
  evaluate(context) {
    const { snapshot, policy, production } = context;
    const sensitive = new Set(policy.sensitiveAddonServices);
    const appName = new Map(snapshot.apps.map((a) => [a.id, a.name]));
    const results: Result[] = [];
    for (const addon of snapshot.addons) {
      const app = addon.app.name ?? appName.get(addon.app.id) ?? '';
      if (!sensitive.has(addon.addon_service.name)) continue;
      if (!production.has(app) && !context.productionUnknown.has(app)) continue;
      const resource = `addon/${addon.name}`;
      const unknown = productionUnknown(context, app, resource);
      if (unknown) {
        results.push(unknown);
        continue;
      }
      const plan = addon.plan?.name;
      if (!plan) {
        results.push({
          resource,
          status: 'error',
          title: `could not be evaluated: Heroku gave no plan for ${addon.name}`,
          detail: '',
        });
        continue;
      }
      results.push(
        policy.nonResilientPlans.some((glob) => matchesName(glob, plan))
          ? {
              resource,
              status: 'fail',
              title: `production data store ${addon.name} of ${app} is on ${plan}`,
              detail: `${addon.name} (${addon.addon_service.name}) of production app ${app} is on plan ${plan}, which the policy lists as without rollback or high availability (nonResilientPlans).`,
            }
          : { resource, status: 'pass', title: `${addon.name} of ${app} is on ${plan}`, detail: '' },
      );
    }
    // A team whose add-ons could not be read may hold production data stores on any plan.
    const teamsWithProduction = new Set(
      snapshot.apps.filter((a) => production.has(a.name)).map((a) => a.team?.name ?? ''),
    );
    for (const team of [...teamsWithProduction].sort()) {
      const missing = unreadable(snapshot, 'team-addons', `team/${team}`);
      if (missing) results.push(missing);
    }
    return results;
  },
};
