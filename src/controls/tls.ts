import type { SniEndpointRecord } from '../snapshot/snapshot.js';
import { DAY_MS, productionUnknown, unreadable } from './context.js';
import type { Control, Result } from './types.js';

/** Does a certificate name (possibly `*.example.com`) cover this hostname? */
export function certCovers(certName: string, hostname: string): boolean {
  const name = certName.toLowerCase();
  const host = hostname.toLowerCase();
  if (name === host) return true;
  if (!name.startsWith('*.')) return false;
  const rest = host.slice(host.indexOf('.') + 1);
  return host.includes('.') && rest === name.slice(2);
}

export const tls1: Control = {
  id: 'HEROKU-TLS-1',
  name: 'Custom domains of production apps have a TLS certificate',
  severity: 'high',
  needs: 'inventory',
  rationale:
    'A production hostname without a certificate serves traffic in clear text or fails in browsers; customer data and session cookies can be read or altered in transit.',
  remediation:
    'Enable Automated Certificate Management for <domain> with `heroku certs:auto:enable --app <app>`, or upload a certificate that names <domain> with `heroku certs:add cert.pem key.pem --app <app>` (Dashboard: app > Settings > SSL Certificates).',
  frameworks: ['SOC 2 CC6.7', 'ISO/IEC 27001:2022 A.8.24', 'ISO/IEC 27001:2022 A.8.20'],
  evaluate(context) {
    const { snapshot, production } = context;
    const results: Result[] = [];
    const endpointsByApp = new Map<string, SniEndpointRecord[]>();
    for (const e of snapshot.sniEndpoints)
      endpointsByApp.set(e.app.name, [...(endpointsByApp.get(e.app.name) ?? []), e]);
    for (const app of snapshot.apps.filter(
      (a) => production.has(a.name) || context.productionUnknown.has(a.name),
    )) {
      const scope = `app/${app.name}`;
      const missing = unreadable(snapshot, 'domains', scope);
      if (missing) {
        results.push(missing);
        continue;
      }
      for (const domain of snapshot.domains.filter((d) => d.app.name === app.name && d.kind === 'custom')) {
        const resource = `domain/${domain.hostname}`;
        const unknown = productionUnknown(context, app.name, resource);
        if (unknown) {
          results.push(unknown);
          continue;
        }
        if (domain.acm_status === 'cert issued') {
          results.push({
            resource,
            status: 'pass',
            title: `${domain.hostname} has an ACM certificate`,
            detail: '',
          });
          continue;
        }
        const endpoint = (endpointsByApp.get(app.name) ?? []).find((e) =>
          e.ssl_cert.cert_domains.some((name) => certCovers(name, domain.hostname)),
        );
        if (endpoint) {
          results.push({
            resource,
            status: 'pass',
            title: `${domain.hostname} is covered by SNI endpoint ${endpoint.name}`,
            detail: '',
          });
          continue;
        }
        const sniGap = unreadable(snapshot, 'sni-endpoints', scope, resource);
        if (sniGap) {
          results.push(sniGap);
          continue;
        }
        results.push({
          resource,
          status: 'fail',
          title: `${domain.hostname} of production app ${app.name} has no TLS certificate`,
          detail:
            `The custom domain ${domain.hostname} of ${app.name} has no ACM certificate` +
            `${domain.acm_status ? ` (ACM status: ${domain.acm_status}${domain.acm_status_reason ? `, ${domain.acm_status_reason}` : ''})` : ''}` +
            ' and no SNI endpoint of the app names it.',
        });
      }
    }
    return results;
  },
};

export const tls2: Control = {
  id: 'HEROKU-TLS-2',
  name: 'SNI certificates are valid and not about to expire',
  severity: 'high',
  needs: 'inventory',
  rationale:
    'An expired certificate takes the site down for every browser and API client, and invites users to click through warnings.',
  remediation:
    'Renew the certificate and update the endpoint: `heroku certs:update cert.pem key.pem --app <app> --name <endpoint>`, or switch the domain to ACM with `heroku certs:auto:enable --app <app>`.',
  frameworks: ['SOC 2 CC6.7', 'ISO/IEC 27001:2022 A.8.24'],
  evaluate({ snapshot, policy, now }) {
    const horizon = now.getTime() + policy.certExpiryDays * DAY_MS;
    return snapshot.sniEndpoints.map((endpoint) => {
      const resource = `sni-endpoint/${endpoint.app.name}/${endpoint.name}`;
      const expires = Date.parse(endpoint.ssl_cert.expires_at);
      const day = endpoint.ssl_cert.expires_at.slice(0, 10);
      if (expires > horizon) {
        return { resource, status: 'pass' as const, title: `certificate valid until ${day}`, detail: '' };
      }
      const expired = expires <= now.getTime();
      return {
        resource,
        status: 'fail' as const,
        title: expired
          ? `certificate of ${endpoint.app.name}/${endpoint.name} expired on ${day}`
          : `certificate of ${endpoint.app.name}/${endpoint.name} expires on ${day}`,
        detail:
          `The certificate of SNI endpoint ${endpoint.name} (app ${endpoint.app.name}, names: ` +
          `${endpoint.ssl_cert.cert_domains.join(', ')}) ${expired ? 'expired' : 'expires'} on ${day}; ` +
          `the policy wants at least ${policy.certExpiryDays} days left.`,
      };
    });
  },
};

export const tls3: Control = {
  id: 'HEROKU-TLS-3',
  name: 'Production apps in Private Spaces refuse TLS below 1.2',
  severity: 'medium',
  needs: 'inventory',
  rationale:
    'The router of a Private Space app still accepts TLS 1.0 and 1.1 unless strict TLS is enabled: clients can be downgraded to protocol versions with known weaknesses, which PCI DSS and most security baselines forbid.',
  remediation:
    'Enable strict TLS on the app: `heroku features:enable spaces-strict-tls --app <app>`, after checking that no client of the app still needs TLS 1.0 or 1.1.',
  frameworks: ['SOC 2 CC6.7', 'ISO/IEC 27001:2022 A.8.24'],
  evaluate(context) {
    const { snapshot, production } = context;
    const results: Result[] = [];
    const featuresByApp = new Map(snapshot.appFeatures.map((f) => [f.app, f]));
    for (const app of snapshot.apps.filter(
      (a) => (production.has(a.name) || context.productionUnknown.has(a.name)) && a.space,
    )) {
      const resource = `app/${app.name}`;
      const unknown = productionUnknown(context, app.name, resource);
      if (unknown) {
        results.push(unknown);
        continue;
      }
      const missing = unreadable(snapshot, 'app-features', resource);
      if (missing) {
        results.push(missing);
        continue;
      }
      const features = featuresByApp.get(app.name);
      if (!features) continue; // a Fir app: its features were not read (spaces-strict-tls is a Cedar feature)
      results.push(
        features.spacesStrictTls
          ? { resource, status: 'pass', title: `${app.name} refuses TLS below 1.2`, detail: '' }
          : {
              resource,
              status: 'fail',
              title: `production app ${app.name} in space ${features.space} accepts TLS below 1.2`,
              detail: `The spaces-strict-tls feature of ${app.name} (Private Space ${features.space}) is not enabled, so its router still accepts TLS 1.0 and 1.1.`,
            },
      );
    }
    return results;
  },
};
