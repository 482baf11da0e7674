// What changed in the account since the previous inventory run, in words an auditor reads. It compares the data
// files of both runs; volatile fields (updated_at, released_at, slug and repo sizes) are never compared.
import { certCovers } from '../controls/tls.js';
import { RUN_FILES } from './layout.js';

export interface Change {
  section: 'Members' | 'Apps' | 'Domains' | 'Certificates' | 'Add-ons' | 'Config vars';
  /** For SUMMARY.md (escaped there): names, emails and hostnames as Heroku gave them. */
  text: string;
  /**
   * For the commit message, which carries no free text from Heroku beyond app and team names: what changed, as
   * a noun phrase to count (`config var names added`), and the app or team it changed on.
   */
  brief: { one: string; many: string; where: { app: string } | { team: string } };
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
  const add = (
    section: Change['section'],
    text: string,
    what: [string, string],
    where: Change['brief']['where'],
  ) => changes.push({ section, text, brief: { one: what[0], many: what[1], where } });

  // Members, per team.
  const memberKey = (m: Rec) => `${str(m.team)}/${str(m.email).toLowerCase()}`;
  const before = byKey(arr(previous, RUN_FILES.teamMembers), memberKey);
  const after = byKey(arr(current, RUN_FILES.teamMembers), memberKey);
  for (const [key, m] of after) {
    const old = before.get(key);
    if (!old)
      add(
        'Members',
        `${str(m.email)} joined team ${str(m.team)} as ${str(m.role)}`,
        ['member joined', 'members joined'],
        { team: str(m.team) },
      );
    else {
      if (old.role !== m.role)
        add(
          'Members',
          `${str(m.email)} in team ${str(m.team)}: role ${str(old.role)} → ${str(m.role)}`,
          ['role changed', 'roles changed'],
          { team: str(m.team) },
        );
      if (
        old.two_factor_authentication !== m.two_factor_authentication &&
        m.two_factor_authentication !== undefined
      ) {
        add(
          'Members',
          `${str(m.email)}: two-factor authentication ${m.two_factor_authentication ? 'enabled' : 'disabled'}`,
          m.two_factor_authentication
            ? ['member enabled two-factor authentication', 'members enabled two-factor authentication']
            : ['member disabled two-factor authentication', 'members disabled two-factor authentication'],
          { team: str(m.team) },
        );
      }
    }
  }
  for (const [key, m] of before)
    if (!after.has(key))
      add('Members', `${str(m.email)} left team ${str(m.team)}`, ['member left', 'members left'], {
        team: str(m.team),
      });

  // Apps.
  const appsBefore = byKey(arr(previous, RUN_FILES.apps), (a) => str(a.name));
  const appsAfter = byKey(arr(current, RUN_FILES.apps), (a) => str(a.name));
  for (const name of appsAfter.keys())
    if (!appsBefore.has(name))
      add('Apps', `app ${name} created`, ['app created', 'apps created'], { app: name });
  for (const name of appsBefore.keys())
    if (!appsAfter.has(name))
      add('Apps', `app ${name} removed`, ['app removed', 'apps removed'], { app: name });
  for (const [name, a] of appsAfter) {
    const old = appsBefore.get(name);
    if (old && str(obj(old.stack).name) !== str(obj(a.stack).name)) {
      add(
        'Apps',
        `app ${name}: stack ${str(obj(old.stack).name)} → ${str(obj(a.stack).name)}`,
        ['stack changed', 'stacks changed'],
        { app: name },
      );
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
    if (!old)
      add(
        'Domains',
        `domain ${str(d.hostname)} added to ${str(obj(d.app).name)}`,
        ['custom domain added', 'custom domains added'],
        { app: str(obj(d.app).name) },
      );
    else if (tlsBefore(old) !== tlsAfter(d)) {
      const verb = tlsAfter(d) ? 'gained' : 'lost';
      add(
        'Domains',
        `domain ${str(d.hostname)} ${verb} its TLS certificate`,
        [`domain ${verb} its TLS certificate`, `domains ${verb} their TLS certificates`],
        { app: str(obj(d.app).name) },
      );
    }
  }
  for (const [key, d] of domainsBefore) {
    if (!domainsAfter.has(key))
      add(
        'Domains',
        `domain ${str(d.hostname)} removed from ${str(obj(d.app).name)}`,
        ['custom domain removed', 'custom domains removed'],
        { app: str(obj(d.app).name) },
      );
  }

  // Certificates.
  const certKey = (e: Rec) => `${str(obj(e.app).name)}/${str(e.name)}`;
  const certsBefore = byKey(arr(previous, RUN_FILES.sniEndpoints), certKey);
  const certsAfter = byKey(arr(current, RUN_FILES.sniEndpoints), certKey);
  for (const [key, e] of certsAfter) {
    const old = certsBefore.get(key);
    const expires = str(obj(e.ssl_cert).expires_at).slice(0, 10);
    if (!old)
      add(
        'Certificates',
        `SNI endpoint ${key} added (expires ${expires})`,
        ['SNI endpoint added', 'SNI endpoints added'],
        { app: str(obj(e.app).name) },
      );
    else if (str(obj(old.ssl_cert).expires_at) !== str(obj(e.ssl_cert).expires_at)) {
      add(
        'Certificates',
        `certificate of ${key} renewed: now expires ${expires}`,
        ['certificate renewed', 'certificates renewed'],
        { app: str(obj(e.app).name) },
      );
    }
  }
  for (const [key, e] of certsBefore)
    if (!certsAfter.has(key))
      add('Certificates', `SNI endpoint ${key} removed`, ['SNI endpoint removed', 'SNI endpoints removed'], {
        app: str(obj(e.app).name),
      });

  // Add-on attachments.
  const attachKey = (a: Rec) => `${str(obj(a.addon).name)} → ${str(obj(a.app).name)}`;
  const attachBefore = byKey(arr(previous, RUN_FILES.addonAttachments), attachKey);
  const attachAfter = byKey(arr(current, RUN_FILES.addonAttachments), attachKey);
  for (const [key, a] of attachAfter)
    if (!attachBefore.has(key))
      add('Add-ons', `attached ${key}`, ['add-on attached', 'add-ons attached'], {
        app: str(obj(a.app).name),
      });
  for (const [key, a] of attachBefore)
    if (!attachAfter.has(key))
      add('Add-ons', `detached ${key}`, ['add-on detached', 'add-ons detached'], {
        app: str(obj(a.app).name),
      });

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
    for (const name of set)
      if (!old.has(name))
        add('Config vars', `${app}: ${name} added`, ['config var name added', 'config var names added'], {
          app,
        });
    for (const name of old)
      if (!set.has(name))
        add(
          'Config vars',
          `${app}: ${name} removed`,
          ['config var name removed', 'config var names removed'],
          { app },
        );
  }
  return changes;
}
