// The policy file: thresholds, lists, production apps, owners and waivers. Validated strictly, because a typo in a
// key would otherwise silently leave a default in force.
import { readFile } from 'node:fs/promises';
import { isIP } from 'node:net';
import { join } from 'node:path';

import { parse as parseYaml } from 'yaml';

import { z } from 'zod';
import { PolicyError } from './errors.js';

const day = z
  .union([z.string(), z.date()])
  .transform((value) => (value instanceof Date ? value.toISOString().slice(0, 10) : value))
  .pipe(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD'));

const waiver = z.strictObject({
  control: z.string().regex(/^HEROKU-[A-Z]+-\d+$/, 'expected a control id such as HEROKU-TLS-1'),
  resource: z.string().min(1),
  reason: z.string().min(1),
  owner: z.string().min(1),
  expires: day,
});

/** An IPv4 or IPv6 network in CIDR notation (`10.0.0.0/8`, `2001:db8::/32`). */
const cidr = z
  .string()
  .refine((value) => parseCidr(value) !== undefined, 'expected a CIDR such as 203.0.113.0/24');

const login = z.string().regex(/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/, 'expected a GitHub login');

const policySchema = z.strictObject({
  productionApps: z.array(z.string().min(1)).default([]),
  maxTeamAdmins: z.number().int().min(0).default(3),
  maxEnterpriseManagers: z.number().int().min(0).default(3),
  allowedEmailDomains: z.array(z.string().min(1)).default([]),
  forbiddenConfigVars: z
    .array(z.string().min(1))
    .default([
      'AWS_SECRET_ACCESS_KEY',
      'AWS_ACCESS_KEY_ID',
      'AZURE_CLIENT_SECRET',
      'GOOGLE_APPLICATION_CREDENTIALS_JSON',
      'GCP_SERVICE_ACCOUNT_KEY',
    ]),
  sensitiveAddonServices: z
    .array(z.string().min(1))
    .default([
      'heroku-postgresql',
      'heroku-redis',
      'heroku-kafka',
      'heroku-key-value-store',
      'mongolab',
      'cleardb',
      'jawsdb',
      'bonsai',
      'searchbox',
    ]),
  certExpiryDays: z.number().int().min(0).default(30),
  /** HEROKU-SSO-1 also fails a team that owns production apps and has no identity provider. */
  requireSso: z.boolean().default(false),
  /** Add-on plans without rollback or high availability (HEROKU-DB-1), as `service:plan` globs. */
  nonResilientPlans: z
    .array(z.string().min(1))
    .default([
      'heroku-postgresql:essential-*',
      'heroku-postgresql:mini',
      'heroku-postgresql:basic',
      'heroku-postgresql:hobby-*',
      'heroku-redis:mini',
    ]),
  /** Sources a Private Space may admit (HEROKU-NET-1); unset, that control is not evaluated. */
  allowedInboundCidrs: z.array(cidr).optional(),
  tokenMaxAgeDays: z.number().int().min(1).default(90),
  owners: z.record(z.string(), z.array(login)).default({}),
  /**
   * Emails of the accounts the evidence is collected with (the collector's own): their team `admin` role and
   * enterprise `manage` permission are what reading everything takes, so HEROKU-ACCESS-1 and -2 name them instead of
   * counting them.
   */
  serviceAccounts: z
    .array(z.string().regex(/^[^@\s]+@[^@\s]+$/, 'expected an email address'))
    .default([])
    .transform((emails) => [...new Set(emails.map((e) => e.toLowerCase()))].sort()),
  waivers: z.array(waiver).default([]),
  /** Days to remediate an exception, by severity: the SLA of period reports. */
  remediationDays: z
    .strictObject({
      critical: z.number().int().min(0).default(7),
      high: z.number().int().min(0).default(30),
      medium: z.number().int().min(0).default(90),
      low: z.number().int().min(0).default(180),
    })
    .default({ critical: 7, high: 30, medium: 90, low: 180 }),
});

export type Policy = z.infer<typeof policySchema>;
export type Waiver = z.infer<typeof waiver>;

export const defaultPolicy: Policy = policySchema.parse({});

export function parsePolicy(text: string, source: string): Policy {
  let raw: unknown;
  try {
    raw = parseYaml(text) ?? {};
  } catch (error) {
    throw new PolicyError(`${source} is not valid YAML: ${(error as Error).message}`);
  }
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    throw new PolicyError(`${source} must be a YAML mapping of policy keys (see the README).`);
  }
  const result = policySchema.safeParse(raw);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const key = issue.path
    .map((part) => (typeof part === 'number' ? `[${part}]` : `.${String(part)}`))
    .join('');
  const at = key ? key.replace(/^\./, '') : '(top level)';
  if (issue.code === 'unrecognized_keys') {
    const where = key ? ` in ${at}` : '';
    throw new PolicyError(
      `${source}: unknown key ${issue.keys.map((k) => `"${k}"`).join(', ')}${where}. Known keys: ${Object.keys(
        key ? waiver.shape : policySchema.shape,
      ).join(', ')}.`,
    );
  }
  const value = issue.path.reduce<unknown>(
    (node, part) =>
      node && typeof node === 'object' ? (node as Record<PropertyKey, unknown>)[part] : undefined,
    raw,
  );
  throw new PolicyError(`${source}: ${at} is ${JSON.stringify(value) ?? 'missing'}: ${issue.message}.`);
}

export async function loadPolicy(path: string): Promise<Policy> {
  if (!path) return defaultPolicy;
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new PolicyError(
      `The policy file ${path} cannot be read: ${(error as NodeJS.ErrnoException).code}.`,
    );
  }
  return parsePolicy(text, path);
}

/** Where the README's set-up puts the policy file: read when the `policy` input is empty and the file exists. */
export const DEFAULT_POLICY_PATH = '.github/heroku-evidence.yml';

/**
 * The policy of a run: the `policy` input's file (which must exist: a typo must not leave the defaults in force), or
 * else the file at DEFAULT_POLICY_PATH in the workspace when there is one, or else the defaults. `source` says which,
 * for the log.
 */
export async function workspacePolicy(
  input: string,
  workspace: string,
): Promise<{ policy: Policy; source: string }> {
  if (input) return { policy: await loadPolicy(input), source: input };
  let text: string;
  try {
    text = await readFile(join(workspace, DEFAULT_POLICY_PATH), 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT')
      throw new PolicyError(`The policy file ${DEFAULT_POLICY_PATH} cannot be read: ${code}.`);
    return {
      policy: defaultPolicy,
      source: `the defaults (no \`policy\` input, and no ${DEFAULT_POLICY_PATH} in the workspace)`,
    };
  }
  return { policy: parsePolicy(text, DEFAULT_POLICY_PATH), source: DEFAULT_POLICY_PATH };
}

/** Glob matching as the README documents it: `*` within a name, case-sensitive, dots allowed. */
const GLOBS = new Map<string, RegExp>();

/**
 * Whether a resource key matches a policy glob (waivers): `*` matches any characters within one `/`-separated
 * segment (a line break included: config var names can hold one), `**` any across segments, `?` one character of
 * a segment; everything else is literal. Written here because no glob library gives both: their `*` either
 * crosses `/` or stops at a line break.
 */
export function matches(glob: string, value: string): boolean {
  let pattern = GLOBS.get(glob);
  if (!pattern) {
    const source = glob
      .split(/(\*\*|\*|\?)/)
      .map((part) =>
        part === '**'
          ? '[\\s\\S]*'
          : part === '*'
            ? '[^/]*'
            : part === '?'
              ? '[^/]'
              : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
      )
      .join('');
    pattern = new RegExp(`^${source}$`, 'u');
    GLOBS.set(glob, pattern);
  }
  return pattern.test(value);
}

/**
 * Whether a name (a config var, app or team name, which has no segments) matches a policy glob: there `*`
 * matches any characters, `/` and line breaks included.
 */
export function matchesName(glob: string, name: string): boolean {
  return matches(glob.replace(/\*+/g, '**'), name);
}

/** Names of the production apps: coupled to a pipeline at stage `production`, or matching a `productionApps` glob. */
export function productionAppNames(
  apps: readonly { id: string; name: string }[],
  couplings: readonly { app: { id: string }; stage: string }[],
  productionApps: readonly string[],
): Set<string> {
  const appName = new Map(apps.map((app) => [app.id, app.name]));
  const production = new Set<string>();
  for (const coupling of couplings) {
    const name = appName.get(coupling.app.id);
    if (name && coupling.stage === 'production') production.add(name);
  }
  for (const app of apps) {
    if (productionApps.some((glob) => matchesName(glob, app.name))) production.add(app.name);
  }
  return production;
}

/** `address/prefix` split and checked, or undefined when it is not a CIDR. */
export function parseCidr(
  value: string,
): { address: string; prefix: number; family: 'ipv4' | 'ipv6' } | undefined {
  const match = /^([^/]+)\/(\d{1,3})$/.exec(value.trim());
  if (!match) return undefined;
  const version = isIP(match[1]!);
  const prefix = Number(match[2]);
  if (version === 0 || prefix > (version === 4 ? 32 : 128)) return undefined;
  return { address: match[1]!, prefix, family: version === 4 ? 'ipv4' : 'ipv6' };
}
