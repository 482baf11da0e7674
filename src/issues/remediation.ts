// "How to fix it" with the real names filled in: a control's remediation names what it acts on with placeholders
// (`<app>`, `<team>`, `<domain>`, `<pipeline>`, `<space>`, `<addon>`, `<email>`, ...), and an issue is about one
// resource, whose key (and the snapshot, for what the key does not say, such as a domain's app) gives their values.
import { codeSpan } from '../shared/escape.js';
import type { Snapshot } from '../snapshot/snapshot.js';

/** Placeholder name (without its angle brackets) → the value for one resource. */
export type Placeholders = Readonly<Record<string, string>>;

/** The placeholder values of each resource key, from the key and the snapshot it was found in. */
export function placeholderResolver(snapshot: Snapshot): (resource: string) => Placeholders {
  const teamOfApp = new Map(snapshot.apps.map((a) => [a.name, a.team?.name ?? '']));
  const appOfDomain = new Map(snapshot.domains.map((d) => [d.hostname, d.app.name]));
  const teamsOf = new Map<string, Set<string>>();
  for (const m of snapshot.teamMembers) {
    const email = m.email.toLowerCase();
    teamsOf.set(email, (teamsOf.get(email) ?? new Set()).add(m.team));
  }
  const attachmentName = new Map(
    snapshot.addonAttachments.map((a) => [`${a.addon.name}/${a.app.name}`, a.name]),
  );
  return (resource) => {
    const slash = resource.indexOf('/');
    const kind = resource.slice(0, slash);
    const rest = resource.slice(slash + 1);
    const values: Record<string, string> = {};
    const withApp = (app: string | undefined) => {
      if (!app) return;
      values.app = app;
      const team = teamOfApp.get(app);
      if (team) values.team = team;
    };
    if (slash < 0) return values;
    if (kind === 'member') {
      values.email = rest;
      // A person in several teams: which team the command is for is the reader's choice, so it stays a placeholder.
      const teams = [...(teamsOf.get(rest.toLowerCase()) ?? [])];
      if (teams.length === 1) values.team = teams[0]!;
    } else if (kind === 'app') withApp(rest);
    else if (kind === 'domain') {
      values.domain = rest;
      withApp(appOfDomain.get(rest));
    } else if (kind === 'sni-endpoint' || kind === 'config-var') {
      const cut = rest.indexOf('/');
      withApp(rest.slice(0, cut));
      values[kind === 'config-var' ? 'NAME' : 'endpoint'] = rest.slice(cut + 1);
    } else if (kind === 'addon-attachment') {
      // Heroku add-on and app names hold no slash: `<addon>/<app>`.
      const [addon = '', app = ''] = rest.split('/');
      values.addon = addon;
      withApp(app);
      const attachment = attachmentName.get(`${addon}/${app}`);
      if (attachment) values.attachment = attachment;
    } else if (kind === 'authorization') values.id = rest;
    else if (kind === 'enterprise') values.enterprise = rest;
    // team/<name>, pipeline/<name>, space/<name>, addon/<name>, and any kind a later control adds.
    else values[kind] = rest;
    if (snapshot.account?.email) values.collector = snapshot.account.email;
    if (snapshot.enterpriseAccount?.name && !values.enterprise)
      values.enterprise = snapshot.enterpriseAccount.name;
    return values;
  };
}

const PLACEHOLDER = /<([A-Za-z][A-Za-z0-9-]*)>/g;
const HAS_PLACEHOLDER = /<[A-Za-z][A-Za-z0-9-]*>/;
// What a shell reads as one plain word; anything else is single-quoted in a command, so a pasted name stays one.
const SHELL_WORD = /^[A-Za-z0-9@%+=:,./_-]+$/;

function shellWord(value: string): string {
  return SHELL_WORD.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

/**
 * The remediation with its placeholders filled: a command (a code span of the remediation) is rebuilt as one code
 * span around the filled text, with a fence no value can close; a placeholder in prose becomes a code span of its
 * own. A placeholder without a value (which admin to demote is the reader's choice) stays as written.
 */
export function fillRemediation(text: string, values: Placeholders): string {
  const fill = (chunk: string, as: (value: string) => string) =>
    chunk.replace(PLACEHOLDER, (whole, name: string) =>
      Object.hasOwn(values, name) ? as(values[name]!) : whole,
    );
  return text
    .split(/(`[^`]+`)/)
    .map((part, i) =>
      i % 2 === 1
        ? HAS_PLACEHOLDER.test(part)
          ? codeSpan(fill(part.slice(1, -1), shellWord))
          : part
        : fill(part, codeSpan),
    )
    .join('');
}
