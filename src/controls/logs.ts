import { gapFor } from '../snapshot/snapshot.js';
import { productionUnknown, unreadable } from './context.js';
import type { Control, Result } from './types.js';

export const log1: Control = {
  id: 'HEROKU-LOG-1',
  name: 'Production apps send their logs to a log store',
  severity: 'high',
  needs: 'inventory',
  rationale:
    'Heroku keeps only the last 1,500 log lines of an app: on a busy production app that is minutes. Without a drain, the logs an investigation or an auditor needs (who called what, which errors, when) are gone before anyone looks.',
  remediation:
    'Send the app’s logs to your log store: `heroku drains:add syslog+tls://logs.example.com:6514 --app <app>` (or a logging add-on, e.g. `heroku addons:create papertrail --app <app>`); for a Fir app, a telemetry drain with the logs signal: `heroku telemetry:add https://otel.example.com --app <app> --signals logs`.',
  frameworks: ['SOC 2 CC7.2', 'ISO/IEC 27001:2022 A.8.15', 'ISO/IEC 27001:2022 A.8.16'],
  evaluate(context) {
    const { snapshot, production } = context;
    const results: Result[] = [];
    const drainsByApp = new Map(snapshot.logDrains.map((d) => [d.app, d]));
    for (const app of snapshot.apps.filter(
      (a) => production.has(a.name) || context.productionUnknown.has(a.name),
    )) {
      const resource = `app/${app.name}`;
      const unknown = productionUnknown(context, app.name, resource);
      if (unknown) {
        results.push(unknown);
        continue;
      }
      const missing =
        unreadable(snapshot, 'log-drains', resource) ?? unreadable(snapshot, 'telemetry-drains', resource);
      if (missing) {
        results.push(missing);
        continue;
      }
      const record = drainsByApp.get(app.name);
      if (!record) {
        results.push({
          resource,
          status: 'error',
          title: `could not be evaluated: the drains of ${app.name} were not read`,
          detail: `${app.name} is a production app, but this run holds no list of its log or telemetry drains.`,
        });
        continue;
      }
      const telemetry = record.telemetryDrains.filter((d) => d.signals.includes('logs'));
      if (record.drains.length > 0 || telemetry.length > 0) {
        const targets = [
          ...record.drains.map((d) => d.addon?.name ?? d.url ?? 'a drain'),
          ...telemetry.map((d) => d.exporter.endpoint ?? 'a telemetry drain'),
        ];
        results.push({
          resource,
          status: 'pass',
          title: `${app.name} sends its logs to ${targets.join(', ')}`,
          detail: '',
        });
        continue;
      }
      // A Fir app's space drain may be the one that carries its logs.
      const spaceGap = app.space
        ? gapFor(snapshot, 'telemetry-drains', `space/${app.space.name}`)
        : undefined;
      if (spaceGap) {
        results.push(unreadable(snapshot, 'telemetry-drains', `space/${app.space!.name}`, resource)!);
        continue;
      }
      results.push({
        resource,
        status: 'fail',
        title: `production app ${app.name} sends its logs nowhere`,
        detail:
          `${app.name} has no log drain` +
          (record.telemetryDrains.length > 0 ? ' and no telemetry drain with the logs signal' : '') +
          ': Heroku keeps only its last 1,500 log lines.',
      });
    }
    return results;
  },
};
