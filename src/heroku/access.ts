// What the collector's token needs for each kind of data, said once for gaps, check-connection and the README.
const ACCESS_FIX: Record<string, string> = {
  account: 'Create the token as the service account with `heroku authorizations:create`.',
  authorization:
    'The token cannot list the account’s authorizations, so its scopes, age and expiry cannot be checked (`HEROKU-TOKEN-1` is an `error`): create it with the `identity` scope (`heroku authorizations:create --scope identity,read-protected`), Heroku’s scope for account information.',
  'enterprise-account':
    'Add the service account to the enterprise account with the `view` permission (Enterprise > Members).',
  'enterprise-members':
    'Add the service account to the enterprise account with the `view` permission (Enterprise > Members).',
  'enterprise-teams':
    'Add the service account to the enterprise account with the `view` permission (Enterprise > Members).',
  'audit-trail':
    'Give the service account the `manage` permission on the enterprise account (Enterprise > Members): Heroku lets only members with `manage` read the audit trail. `manage` is more than read access (it can change members and teams); the action itself only ever sends GET.',
  team: 'Add the service account to the team as a member: `heroku members:add <email> --team <team> --role member`.',
  'team-members': 'Add the service account to the team as a member (role `member` or `admin`).',
  'team-preferences': 'Add the service account to the team as a member (role `member` or `admin`).',
  'team-apps': 'Add the service account to the team as a member (role `member` or `admin`).',
  'app-permissions': 'Give the service account the `admin` role in the team to read every app permission.',
  'team-addons': 'Add the service account to the team as a member (role `member` or `admin`).',
  'pipeline-couplings': 'Add the service account to the team as a member (role `member` or `admin`).',
  'config-var-names':
    'Grant the service account `view` on the app and create the token with the `read-protected` scope: `heroku authorizations:create --scope read-protected,identity`.',
  domains: 'Grant the service account `view` on the app.',
  'sni-endpoints': 'Grant the service account `view` on the app.',
  formation: 'Grant the service account `view` on the app.',
  'log-drains': 'Grant the service account `view` on the app.',
  'telemetry-drains':
    'Grant the service account `view` on the app (and be a member of the team that owns its space).',
  'app-features': 'Grant the service account `view` on the app.',
  'identity-providers':
    'Give the service account the team role `admin`: Heroku keeps a team’s single sign-on settings to its admins.',
  'pipeline-config-vars':
    'Grant the service account `view` on the pipeline’s apps and create the token with the `read-protected` scope: `heroku authorizations:create --scope read-protected,identity`.',
  'review-app-config': 'Add the service account to the team that owns the pipeline as a member.',
  'inbound-ruleset': 'Add the service account to the team that owns the space as a member.',
};

export function fixFor(resource: string): string {
  return ACCESS_FIX[resource] ?? 'Grant the service account read access to it.';
}
