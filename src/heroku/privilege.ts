// Least privilege, as check-connection reports it: the token's scopes, expiry and age, and the service account's
// enterprise permissions and team roles; for each, what a missing one costs the evidence and which excess could go.
// Scopes are Heroku's (Dev Center, "OAuth", Scopes): `identity` reads the account, `read` apps and resources
// without config vars, `read-protected` the same with config vars, `global` everything and writes too.
import { codeSpan } from '../shared/escape.js';
import type { TokenAuthorization } from '../snapshot/snapshot.js';

/** One line of the connection check. `advice`: nothing is unreadable, but the set-up can be tightened. */
export interface Check {
  what: string;
  ok: boolean;
  detail: string;
  fix: string;
  advice?: boolean;
}

const DAY_MS = 86_400_000;
const EXPIRY_WARNING_DAYS = 14;
const LEAST_SCOPES = 'identity,read-protected';
const CREATE = `\`heroku authorizations:create --description "Heroku Evidence" --scope ${LEAST_SCOPES} --expires-in 7776000\` (90 days), as the service account`;
// Scopes that let the token change things: the action only ever sends GET.
const WRITING = ['global', 'write', 'write-protected'];

/** The token's scopes: what is missing (and what that costs), and what could be dropped. */
export function scopeCheck(auth: TokenAuthorization): Check {
  const scopes = new Set(auth.scope);
  const all = scopes.has('global');
  const missing: string[] = [];
  if (!all && !scopes.has('identity'))
    missing.push('identity (the account and its authorizations: HEROKU-TOKEN-1 cannot judge the token)');
  if (!all && !scopes.has('read-protected') && !scopes.has('write-protected'))
    missing.push(
      scopes.has('read') || scopes.has('write')
        ? 'read-protected (config var names: HEROKU-CONFIG-1 is an error and HEROKU-COVERAGE-1 fails for every app)'
        : 'read-protected (teams, apps, add-ons, domains, pipelines and config var names: almost everything)',
    );
  const excess = [...scopes].filter((s) => WRITING.includes(s));
  const detail = `scopes ${[...scopes].sort().join(', ') || 'none'}${missing.length ? `; missing ${missing.join('; ')}` : ''}`;
  if (missing.length)
    return { what: 'Token scopes', ok: false, detail, fix: `Create a token with ${CREATE}.` };
  return {
    what: 'Token scopes',
    ok: true,
    advice: excess.length > 0,
    detail,
    fix: excess.length
      ? `Could drop ${excess.map((s) => `\`${s}\``).join(', ')}: it lets the token change apps and the account, and the action only reads. ${LEAST_SCOPES} reads the same: ${CREATE}.`
      : '',
  };
}

/** The token's age against `tokenMaxAgeDays` and its expiry, as HEROKU-TOKEN-1 will judge them. */
export function lifetimeCheck(auth: TokenAuthorization, now: Date, maxAgeDays: number): Check {
  const age = Math.floor((now.getTime() - Date.parse(auth.createdAt)) / DAY_MS);
  const created = `created ${auth.createdAt.slice(0, 10)} (${age} days ago; the policy's tokenMaxAgeDays is ${maxAgeDays})`;
  const rotate = `Rotate it: ${CREATE}, update the secret, then \`heroku authorizations:revoke ${auth.id}\`.`;
  if (!auth.expiresAt)
    return {
      what: 'Token expiry',
      ok: age <= maxAgeDays,
      advice: true,
      detail: `${created}; never expires`,
      fix: `A token that never expires stays useful to whoever copies it. ${rotate}`,
    };
  const left = Math.floor((Date.parse(auth.expiresAt) - now.getTime()) / DAY_MS);
  const soon = left < EXPIRY_WARNING_DAYS;
  return {
    what: 'Token expiry',
    ok: age <= maxAgeDays && !soon,
    advice: true,
    detail: `${created}; expires ${auth.expiresAt.slice(0, 10)} (in ${left} days)`,
    fix: age > maxAgeDays || soon ? rotate : '',
  };
}

/** The enterprise permissions the service account holds: `view` for members and teams, `manage` for the trail. */
export function enterpriseCheck(permissions: readonly string[]): Check {
  const has = new Set(permissions);
  const missing: string[] = [];
  if (!has.has('view') && !has.has('manage'))
    missing.push('view (enterprise members and teams: the access review sees team members only)');
  if (!has.has('manage'))
    missing.push('manage (the audit trail: HEROKU-AUDIT-1 is an error and audit/ stays empty)');
  const excess = permissions.filter((p) => p === 'create' || p === 'billing');
  return {
    what: 'Enterprise permissions',
    ok: missing.length === 0,
    advice: missing.length === 0 && excess.length > 0,
    detail: `${permissions.join(', ') || 'none'}${missing.length ? `; missing ${missing.join('; ')}` : ''}`,
    fix: [
      missing.length
        ? 'Enterprise > Members > the service account > permissions: add what is missing (`manage` only if you want the audit trail; the action itself only ever sends GET).'
        : '',
      excess.length
        ? `Could drop ${excess.map((p) => `\`${p}\``).join(', ')}: the action never uses it.`
        : '',
    ]
      .filter(Boolean)
      .join(' '),
  };
}

/** The team roles: `admin` is what reads every app's permissions (`/teams/{team}/permissions`). */
export function teamRoleCheck(
  teams: readonly { name: string; role?: string | null }[],
  email: string,
): Check {
  const notAdmin = teams
    .filter((t) => t.role !== 'admin')
    .map((t) => `${t.name} (${t.role ?? 'no role'})`)
    .sort();
  const admin = teams.length - notAdmin.length;
  return {
    what: 'Team roles',
    ok: notAdmin.length === 0,
    detail: `admin in ${admin} of ${teams.length} teams${notAdmin.length ? `; not admin in ${notAdmin.join(', ')}: the permissions of their apps cannot be read, so HEROKU-ACCESS-5 is an error for their production apps` : ''}`,
    fix: notAdmin.length
      ? `${codeSpan(`heroku members:set ${email} --role admin --team <team>`)} for each, and list ${codeSpan(email)} in the policy's \`serviceAccounts\`.`
      : '',
  };
}

/** The collector's own account, which its admin role and `manage` make count toward ACCESS-1/2 unless listed. */
export function serviceAccountCheck(email: string, serviceAccounts: readonly string[]): Check {
  const listed = serviceAccounts.includes(email.toLowerCase());
  return {
    what: 'Service account in the policy',
    ok: listed,
    advice: true,
    detail: listed
      ? `${email} is in serviceAccounts: its admin role and manage are named, not counted, by HEROKU-ACCESS-1 and -2`
      : `${email} is not in the policy's serviceAccounts: its admin role counts toward HEROKU-ACCESS-1 and its manage toward HEROKU-ACCESS-2`,
    fix: listed ? '' : `Add ${codeSpan(`serviceAccounts: [${email}]`)} to the policy file.`,
  };
}
