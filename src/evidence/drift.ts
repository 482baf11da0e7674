// What changed in the account since the previous inventory run, in words an auditor reads. It compares the data
// files of both runs; volatile fields (updated_at, released_at, slug and repo sizes) are never compared.
import { certCovers } from '../controls/tls.js';
import { RUN_FILES } from './layout.js';

export interface Change {
  section: 'Members' | 'Apps' | 'Domains' | 'Certificates' | 'Add-ons' | 'Config vars';
  text: string;
}

type Rec = Record<string, unknown>;
type Files = ReadonlyMap<string, unknown>;

const arr = (files: Files, name: string): Rec[] => {
  const value = files.get(name);
  return Array.isArray(value) ? (value as Rec[]) : [];
};
const str = (value: unknown): string => (typeof value === 'string' ? value : '');
const obj = (value: unknown): Rec => (value && typeof value === 'object' ? (value as Rec) : {});

function byKey(records: Rec[], key: (r: Rec) => string): Map<string, Rec> {
  return new Map(records.map((r) => [key(r), r]));
}

export function drift(previous: Files, current: Files): Change[] {
  const changes: Change[] = [];
  const add = (section: Change['section'], text: string) => changes.push({ section, text });

  // Members, per team.
  const memberKey = (m: Rec) => `${str(m.team)}/${str(m.email).toLowerCase()}`;
  const before = byKey(arr(previous, RUN_FILES.teamMembers), memberKey);
  const after = byKey(arr(current, RUN_FILES.teamMembers), memberKey);
  for (const [key, m] of after) {
    const old = before.get(key);
    if (!old) add('Members', `${str(m.email)} joined team ${str(m.team)} as ${str(m.role)}`);
    else {
      if (old.role !== m.role)
        add('Members', `${str(m.email)} in team ${str(m.team)}: role ${str(old.role)} → ${str(m.role)}`);
      if (
        old.two_factor_authentication !== m.two_factor_authentication &&
        m.two_factor_authentication !== undefined
      ) {
        add(
          'Members',
          `${str(m.email)}: two-factor authentication ${m.two_factor_authentication ? 'enabled' : 'disabled'}`,
        );
      }
    }
  }
  for (const [key, m] of before)
    if (!after.has(key)) add('Members', `${str(m.email)} left team ${str(m.team)}`);

  // Apps.
  const appsBefore = byKey(arr(previous, RUN_FILES.apps), (a) => str(a.name));
  const appsAfter = byKey(arr(current, RUN_FILES.apps), (a) => str(a.name));
  for (const name of appsAfter.keys()) if (!appsBefore.has(name)) add('Apps', `app ${name} created`);
  for (const name of appsBefore.keys()) if (!appsAfter.has(name)) add('Apps', `app ${name} removed`);
  for (const [name, a] of appsAfter) {
    const old = appsBefore.get(name);
    if (old && str(obj(old.stack).name) !== str(obj(a.stack).name)) {
      add('Apps', `app ${name}: stack ${str(obj(old.stack).name)} → ${str(obj(a.stack).name)}`);
    }
  }

  // Domains and their TLS.
  const tls = (files: Files) => {
    const certs = arr(files, RUN_FILES.sniEndpoints);
    return (d: Rec) =>
      d.acm_status === 'cert issued' ||
      certs.some(
        (e) =>
          str(obj(e.app).name) === str(obj(d.app).name) &&
          ((obj(e.ssl_cert).cert_domains as string[] | undefined) ?? []).some((n) =>
            certCovers(n, str(d.hostname)),
          ),
      );
  };
  const tlsBefore = tls(previous);
  const tlsAfter = tls(current);
  const custom = (files: Files) =>
    byKey(
      arr(files, RUN_FILES.domains).filter((d) => d.kind === 'custom'),
      (d) => `${str(obj(d.app).name)}/${str(d.hostname)}`,
    );
  const domainsBefore = custom(previous);
  const domainsAfter = custom(current);
  for (const [key, d] of domainsAfter) {
    const old = domainsBefore.get(key);
    if (!old) add('Domains', `domain ${str(d.hostname)} added to ${str(obj(d.app).name)}`);
    else if (tlsBefore(old) !== tlsAfter(d)) {
      add('Domains', `domain ${str(d.hostname)} ${tlsAfter(d) ? 'gained' : 'lost'} its TLS certificate`);
    }
  }
  for (const [key, d] of domainsBefore) {
    if (!domainsAfter.has(key))
      add('Domains', `domain ${str(d.hostname)} removed from ${str(obj(d.app).name)}`);
  }

  // Certificates.
  const certKey = (e: Rec) => `${str(obj(e.app).name)}/${str(e.name)}`;
  const certsBefore = byKey(arr(previous, RUN_FILES.sniEndpoints), certKey);
  const certsAfter = byKey(arr(current, RUN_FILES.sniEndpoints), certKey);
  for (const [key, e] of certsAfter) {
    const old = certsBefore.get(key);
    const expires = str(obj(e.ssl_cert).expires_at).slice(0, 10);
    if (!old) add('Certificates', `SNI endpoint ${key} added (expires ${expires})`);
    else if (str(obj(old.ssl_cert).expires_at) !== str(obj(e.ssl_cert).expires_at)) {
      add('Certificates', `certificate of ${key} renewed: now expires ${expires}`);
    }
  }
  for (const key of certsBefore.keys())
    if (!certsAfter.has(key)) add('Certificates', `SNI endpoint ${key} removed`);

  // Add-on attachments.
  const attachKey = (a: Rec) => `${str(obj(a.addon).name)} → ${str(obj(a.app).name)}`;
  const attachBefore = byKey(arr(previous, RUN_FILES.addonAttachments), attachKey);
  const attachAfter = byKey(arr(current, RUN_FILES.addonAttachments), attachKey);
  for (const key of attachAfter.keys()) if (!attachBefore.has(key)) add('Add-ons', `attached ${key}`);
  for (const key of attachBefore.keys()) if (!attachAfter.has(key)) add('Add-ons', `detached ${key}`);

  // Config var names (names only: values are never collected).
  const names = (files: Files) =>
    new Map(
      arr(files, RUN_FILES.configVarNames).map((c) => [
        str(c.app),
        new Set(((c.names as Rec[] | undefined) ?? []).map((n) => str(n.name))),
      ]),
    );
  const namesBefore = names(previous);
  const namesAfter = names(current);
  for (const [app, set] of namesAfter) {
    const old = namesBefore.get(app);
    if (!old) continue;
    for (const name of set) if (!old.has(name)) add('Config vars', `${app}: ${name} added`);
    for (const name of old) if (!set.has(name)) add('Config vars', `${app}: ${name} removed`);
  }
  return changes;
}
