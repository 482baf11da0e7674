// Everything one run collected from Heroku, normalised. Controls and evidence see Heroku only through this.
import type {
  Account,
  Addon,
  AddonAttachment,
  AuditEvent,
  Domain,
  EnterpriseAccount,
  EnterpriseMember,
  Formation,
  App as HerokuApp,
  IdentityProvider,
  InboundRule,
  LogDrain,
  PermissionEntity,
  Pipeline,
  PipelineCoupling,
  ReviewAppConfig,
  SniEndpoint,
  Space,
  Stack,
  Team,
  TeamMember,
  TeamPreferences,
  TelemetryDrain,
} from './records.js';

/** Something that could not be read. `scope` is a resource key (`team/web`, `app/api`, `enterprise/acme`). */
export interface Gap {
  resource: string;
  scope: string;
  reason: string;
}

/** The authorization of the token in use, without the token. */
export interface TokenAuthorization {
  id: string;
  description: string | null;
  scope: string[];
  createdAt: string;
  /** null when the token never expires. */
  expiresAt: string | null;
}

export interface ConfigVarName {
  name: string;
  secretLike: boolean;
  /** The add-on that supplies this variable, when one does. */
  addon: string | null;
}

// Long-lived secrets usually carry one of these words in their name.
const SECRET_LIKE =
  /(SECRET|PASSWORD|PASSWD|TOKEN|PRIVATE|CREDENTIAL|API_?KEY|ACCESS_?KEY|_KEY$|^KEY$|_URL$|_URI$|DSN)/;

/** A config var name (of an app or a pipeline stage) as the evidence records it: never its value. */
export function classifyConfigVar(name: string, addon: string | null): ConfigVarName {
  return { name, secretLike: SECRET_LIKE.test(name.toUpperCase()), addon };
}

export type AppRef = { id: string; name: string };
type TeamRecord = Team & { visible: boolean };
type TeamMemberRecord = TeamMember & { team: string };
type TeamPreferencesRecord = TeamPreferences & { team: string };
export type App = HerokuApp;
type AppPermissions = { app: string; team: string; users: PermissionEntity['users'] };
type ConfigVarNames = { app: string; names: ConfigVarName[] };
type DomainRecord = Domain & { app: AppRef };
export type SniEndpointRecord = SniEndpoint & { app: AppRef };
/** The formation without its command, which can carry credentials: its sha256 says whether it changed. */
type FormationRecord = Omit<Formation, 'command'> & { commandSha256: string | null; app: AppRef };

/** Where a production app's logs go: its log drains and, for a Fir app, its and its space's telemetry drains. */
interface LogDrainsRecord {
  app: string;
  drains: LogDrain[];
  telemetryDrains: TelemetryDrain[];
}
/** Whether a production app in a Private Space refuses TLS below 1.2. */
interface AppFeaturesRecord {
  app: string;
  space: string;
  spacesStrictTls: boolean;
}
/** One stage's config var names of a pipeline (`test`: CI, `review`: review apps); the values never left the client. */
interface PipelineConfigVarNames {
  pipeline: string;
  stage: string;
  names: ConfigVarName[];
}
/** A pipeline's review-app settings; `enabled` false when Heroku has no review-app config for it. */
type ReviewAppConfigRecord = { pipeline: string; enabled: boolean } & Partial<ReviewAppConfig>;
interface SpaceInboundRules {
  space: string;
  id: string;
  rules: InboundRule[];
}

export interface AuditDay {
  day: string;
  /** Fetched after the day ended (with a margin for Heroku's delay): nothing more will appear. */
  complete: boolean;
  events: AuditEvent[];
}

export interface Snapshot {
  collectedAt: string;
  /** When the walk ended (collectedAt is when it began): a large account's collection takes hours. */
  completedAt: string;
  /** What this run collected: a run may collect only the audit trail. */
  collected: { inventory: boolean; audit: boolean };
  enterpriseName: string | null;
  /** The teams the `teams` input asked for; empty when the run collected every team it could see. */
  teamsSelected: string[];
  /** Apps whose SNI endpoints were read (those with a custom domain, or with endpoints in the last inventory). */
  sniEndpointsReadFor: string[];
  /** The first UTC day of the audit window this run covers (null when it read no audit trail). */
  auditWindowStart: string | null;
  /** Ids of every authorization of the token's account (the tokens themselves are never kept). */
  authorizationIds: string[];
  account: Account | null;
  authorization: TokenAuthorization | null;
  enterpriseAccount: EnterpriseAccount | null;
  enterpriseMembers: EnterpriseMember[];
  teams: TeamRecord[];
  teamMembers: TeamMemberRecord[];
  teamPreferences: TeamPreferencesRecord[];
  apps: App[];
  appPermissions: AppPermissions[];
  configVarNames: ConfigVarNames[];
  domains: DomainRecord[];
  sniEndpoints: SniEndpointRecord[];
  addons: Addon[];
  addonAttachments: AddonAttachment[];
  pipelines: Pipeline[];
  pipelineCouplings: PipelineCoupling[];
  formations: FormationRecord[];
  spaces: Space[];
  stacks: Stack[];
  /** Controls from HEROKU-LOG-1 on: read only where a control needs them (see src/heroku/hardening.ts). */
  logDrains: LogDrainsRecord[];
  appFeatures: AppFeaturesRecord[];
  identityProviders: IdentityProvider[];
  pipelineConfigVarNames: PipelineConfigVarNames[];
  reviewAppConfigs: ReviewAppConfigRecord[];
  spaceInboundRules: SpaceInboundRules[];
  auditDays: AuditDay[];
  gaps: Gap[];
  /** Requests sent to Heroku, and how many of them came back 429. */
  requests: number;
  rateLimited: number;
  /** `collect: merge`: the shards of the plan, as the manifest lists them (absent from a single run). */
  shards?: ShardRecord[];
  /** `collect: merge`: teams not read by design (their shard did not arrive): their issues are left as they are. */
  unobservedTeams?: string[];
}

/** One job of a sharded collection, as the merge's manifest records it (nulls: the shard did not arrive). */
export interface ShardRecord {
  shard: number;
  /** The email of the Heroku account whose token the shard used. */
  account: string | null;
  startedAt: string | null;
  endedAt: string | null;
  requests: number | null;
  /** Arrived, and read everything of its teams. */
  complete: boolean;
}

export function emptySnapshot(collectedAt: string): Snapshot {
  return {
    collectedAt,
    completedAt: collectedAt,
    collected: { inventory: false, audit: false },
    enterpriseName: null,
    teamsSelected: [],
    sniEndpointsReadFor: [],
    auditWindowStart: null,
    authorizationIds: [],
    account: null,
    authorization: null,
    enterpriseAccount: null,
    enterpriseMembers: [],
    teams: [],
    teamMembers: [],
    teamPreferences: [],
    apps: [],
    appPermissions: [],
    configVarNames: [],
    domains: [],
    sniEndpoints: [],
    addons: [],
    addonAttachments: [],
    pipelines: [],
    pipelineCouplings: [],
    formations: [],
    spaces: [],
    stacks: [],
    logDrains: [],
    appFeatures: [],
    identityProviders: [],
    pipelineConfigVarNames: [],
    reviewAppConfigs: [],
    spaceInboundRules: [],
    auditDays: [],
    gaps: [],
    requests: 0,
    rateLimited: 0,
  };
}

/** The gap that kept `resource` of `scope` from being read, if any. */
export function gapFor(snapshot: Snapshot, resource: string, scope: string): Gap | undefined {
  return snapshot.gaps.find((gap) => gap.resource === resource && gap.scope === scope);
}
