// What the collector reads from the Heroku Platform API, parsed at the boundary.
// Unknown fields are dropped (zod's default), so evidence files hold exactly the fields modelled here.
// Fields Heroku's schema calls required but the real recordings sometimes omit are optional.
import { X509Certificate } from 'node:crypto';
import { z } from 'zod';

const ref = z.object({ id: z.string(), name: z.string().optional() });
const namedRef = z.object({ id: z.string().optional(), name: z.string() });
const time = z.string().nullable().optional();

// Permissions come as strings (permission entities) or as {name, description} (members, collaborators).
const permissionList = z
  .array(z.union([z.string(), z.object({ name: z.string() }).transform((p) => p.name)]))
  .transform((names) => [...new Set(names)].sort());

const identityProvider = z
  .object({ id: z.string().optional(), name: z.string().nullable().optional() })
  .nullable()
  .optional();

export const account = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string().nullable().optional(),
  federated: z.boolean().optional(),
  two_factor_authentication: z.boolean().optional(),
  identity_provider: identityProvider,
  created_at: time,
});

export const enterpriseAccount = z.object({
  id: z.string(),
  name: z.string(),
  permissions: permissionList.optional(),
  trial: z.boolean().optional(),
  identity_provider: identityProvider,
  created_at: time,
});

export const enterpriseMember = z.object({
  id: z.string(),
  user: z.object({ id: z.string(), email: z.string() }),
  permissions: permissionList,
  two_factor_authentication: z.boolean().optional(),
  identity_provider: identityProvider,
});

export const team = z.object({
  id: z.string(),
  name: z.string(),
  role: z.string().nullable().optional(),
  type: z.string().optional(),
  enterprise_account: z.object({ id: z.string(), name: z.string().optional() }).nullable().optional(),
  identity_provider: z
    .object({
      id: z.string().optional(),
      name: z.string().nullable().optional(),
      owner: z
        .object({ id: z.string().optional(), name: z.string().optional(), type: z.string() })
        .nullable()
        .optional(),
    })
    .nullable()
    .optional(),
  created_at: time,
});

export const teamMember = z.object({
  id: z.string(),
  email: z.string(),
  role: z.string().nullable().optional(),
  federated: z.boolean().optional(),
  two_factor_authentication: z.boolean().optional(),
  identity_provider: identityProvider,
  user: z.object({ id: z.string(), email: z.string().optional() }).optional(),
  created_at: time,
});

export const teamPreferences = z.object({
  'default-permission': z.string().nullable().optional(),
  'addons-controls': z.boolean().nullable().optional(),
});

export const app = z.object({
  id: z.string(),
  name: z.string(),
  acm: z.boolean().optional(),
  maintenance: z.boolean().optional(),
  internal_routing: z.boolean().nullable().optional(),
  locked: z.boolean().optional(),
  joined: z.boolean().optional(),
  archived_at: time,
  build_stack: namedRef.nullable().optional(),
  stack: namedRef.nullable().optional(),
  /** `cedar` or `fir`: Fir apps run Cloud Native Buildpacks images, their stack is `cnb`. */
  generation: z.object({ id: z.string().optional(), name: z.string() }).nullable().optional(),
  region: namedRef.nullable().optional(),
  space: namedRef.nullable().optional(),
  team: namedRef.nullable().optional(),
  owner: z.object({ id: z.string().optional(), email: z.string().optional() }).nullable().optional(),
  web_url: z.string().nullable().optional(),
  created_at: time,
  released_at: time,
  updated_at: time,
  repo_size: z.number().nullable().optional(),
  slug_size: z.number().nullable().optional(),
});

export const permissionEntity = z.object({
  id: z.string(),
  name: z.string(),
  type: z.string().optional(),
  team_id: z.string().optional(),
  users: z.array(z.object({ id: z.string().optional(), email: z.string(), permissions: permissionList })),
});

export const addon = z.object({
  id: z.string(),
  name: z.string(),
  app: ref,
  addon_service: z.object({ id: z.string().optional(), name: z.string() }),
  plan: z.object({ id: z.string().optional(), name: z.string() }).optional(),
  config_vars: z.array(z.string()).optional(),
  state: z.string().optional(),
  created_at: time,
});

export const addonAttachment = z.object({
  id: z.string(),
  name: z.string(),
  addon: z.object({ id: z.string(), name: z.string(), app: ref }),
  app: ref,
  namespace: z.string().nullable().optional(),
  created_at: time,
});

export const pipeline = z.object({
  id: z.string(),
  name: z.string(),
  owner: z.object({ id: z.string(), type: z.string() }).nullable().optional(),
  created_at: time,
});

export const pipelineCoupling = z.object({
  id: z.string(),
  app: ref,
  pipeline: ref,
  stage: z.string(),
  created_at: time,
});

export const space = z.object({
  id: z.string(),
  name: z.string(),
  shield: z.boolean().optional(),
  state: z.string().optional(),
  team: namedRef.nullable().optional(),
  region: namedRef.nullable().optional(),
  generation: z.object({ id: z.string().optional(), name: z.string() }).nullable().optional(),
  created_at: time,
});

export const stack = z.object({
  id: z.string(),
  name: z.string(),
  state: z.string(),
  default: z.boolean().optional(),
});

export const domain = z.object({
  id: z.string(),
  hostname: z.string(),
  kind: z.string(),
  acm_status: z.string().nullable().optional(),
  acm_status_reason: z.string().nullable().optional(),
  cname: z.string().nullable().optional(),
  status: z.string().optional(),
  sni_endpoint: z.object({ id: z.string().optional(), name: z.string() }).nullable().optional(),
  app: ref.optional(),
  created_at: time,
});

export const formation = z.object({
  id: z.string(),
  type: z.string(),
  quantity: z.number(),
  size: z.string().optional(),
  command: z.string().optional(),
  app: ref.optional(),
});

// certificate_chain is public material but large; it is not evidence of anything a control checks.
export const sniEndpoint = z.object({
  id: z.string(),
  name: z.string(),
  display_name: z.string().nullable().optional(),
  domains: z.array(z.string()).optional(),
  app: ref.optional(),
  ssl_cert: z.object({
    'ca_signed?': z.boolean().optional(),
    'self_signed?': z.boolean().optional(),
    cert_domains: z.array(z.string()),
    expires_at: z.string(),
    starts_at: z.string().optional(),
    issuer: z.string().optional(),
    subject: z.string().optional(),
  }),
  created_at: time,
});

export const auditEvent = z.object({
  id: z.string(),
  created_at: z.string(),
  type: z.string(),
  action: z.string(),
  actor: z.object({ id: z.string().optional(), email: z.string().optional() }).nullable().optional(),
  app: z.object({ id: z.string().optional(), name: z.string().optional() }).nullable().optional(),
  owner: z.object({ id: z.string().optional(), email: z.string().optional() }).nullable().optional(),
  team: z.object({ id: z.string().optional(), name: z.string().optional() }).nullable().optional(),
  enterprise_account: z
    .object({ id: z.string().optional(), name: z.string().optional() })
    .nullable()
    .optional(),
  request: z.object({ ip_address: z.string().optional() }).nullable().optional(),
  data: z.record(z.string(), z.unknown()).nullable().optional(),
});

/**
 * A drain URL reduced to its scheme and host (and port): its credentials, path and query often carry a token.
 * Null when it is no URL at all; the raw text is never kept.
 */
export function schemeAndHost(url: string): string | null {
  try {
    const parsed = new URL(url);
    if (!parsed.hostname) return null;
    return `${parsed.protocol}//${parsed.hostname}${parsed.port ? `:${parsed.port}` : ''}`;
  } catch {
    return null;
  }
}

// A drain's `token` is not modelled, so zod drops it here, as the response is parsed.
export const logDrain = z.object({
  id: z.string(),
  url: z.string().transform(schemeAndHost),
  addon: z.object({ id: z.string().optional(), name: z.string() }).nullable().optional(),
});

// The exporter's headers (API keys) are not modelled, so they are dropped as the response is parsed.
export const telemetryDrain = z.object({
  id: z.string(),
  owner: z.object({ id: z.string(), type: z.string() }),
  signals: z.array(z.string()),
  exporter: z.object({ type: z.string(), endpoint: z.string().transform(schemeAndHost) }),
});

export const appFeature = z.object({ name: z.string(), enabled: z.boolean() });

export interface CertificateFacts {
  subject: string | null;
  /** sha256 of the certificate's DER bytes, colon-separated hex as `openssl x509 -fingerprint -sha256` prints it. */
  fingerprintSha256: string | null;
  notAfter: string | null;
}

/** What an auditor needs of a signing certificate, computed here; its body is dropped. */
export function certificateFacts(body: string): CertificateFacts {
  const pem = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/.exec(body)?.[0];
  const bytes = pem ? Buffer.from(pem) : Buffer.from(body.replace(/\s+/g, ''), 'base64');
  try {
    const cert = new X509Certificate(bytes);
    return {
      subject: cert.subject.split('\n').join(', '),
      fingerprintSha256: cert.fingerprint256,
      notAfter: new Date(cert.validTo).toISOString(),
    };
  } catch {
    return { subject: null, fingerprintSha256: null, notAfter: null };
  }
}

export const identityProviderRecord = z.object({
  id: z.string(),
  name: z.string().nullable().optional(),
  entity_id: z.string().nullable().optional(),
  owner: z.object({ id: z.string(), name: z.string().optional(), type: z.string() }),
  certificate: z
    .string()
    .nullable()
    .optional()
    .transform((body) => (body ? certificateFacts(body) : null)),
});

export const reviewAppConfig = z.object({
  automatic_review_apps: z.boolean(),
  wait_for_ci: z.boolean(),
  destroy_stale_apps: z.boolean().optional(),
  stale_days: z.number().nullable().optional(),
  deploy_target: z.object({ id: z.string(), type: z.string() }).nullable().optional(),
});

export const inboundRuleset = z.object({
  id: z.string(),
  rules: z.array(z.object({ action: z.string(), source: z.string() })),
  created_at: time,
});

export type Account = z.infer<typeof account>;
export type EnterpriseAccount = z.infer<typeof enterpriseAccount>;
export type EnterpriseMember = z.infer<typeof enterpriseMember>;
export type Team = z.infer<typeof team>;
export type TeamMember = z.infer<typeof teamMember>;
export type TeamPreferences = z.infer<typeof teamPreferences>;
export type App = z.infer<typeof app>;
export type PermissionEntity = z.infer<typeof permissionEntity>;
export type Addon = z.infer<typeof addon>;
export type AddonAttachment = z.infer<typeof addonAttachment>;
export type Pipeline = z.infer<typeof pipeline>;
export type PipelineCoupling = z.infer<typeof pipelineCoupling>;
export type Space = z.infer<typeof space>;
export type Stack = z.infer<typeof stack>;
export type Domain = z.infer<typeof domain>;
export type Formation = z.infer<typeof formation>;
export type SniEndpoint = z.infer<typeof sniEndpoint>;
export type AuditEvent = z.infer<typeof auditEvent>;
export type LogDrain = z.infer<typeof logDrain>;
export type TelemetryDrain = z.infer<typeof telemetryDrain>;
export type IdentityProvider = z.infer<typeof identityProviderRecord>;
export type ReviewAppConfig = z.infer<typeof reviewAppConfig>;
export type InboundRule = z.infer<typeof inboundRuleset>['rules'][number];
