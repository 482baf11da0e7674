// Every failure the action expects, in one place. Each ends the run (or, for a Heroku refusal, leaves a gap) with
// one sentence that says what is wrong and how to fix it; anything else is a bug and keeps its stack.
// This module sits on the bottom floor: every stage may throw these, and it imports nothing from them.

/** An action input that is missing or malformed. */
export class InputError extends Error {
  override name = 'InputError';
}

/** A policy file that cannot be read or does not validate; the message names the key. */
export class PolicyError extends Error {
  override name = 'PolicyError';
}

/** A `report-period` (or `--period`) that is not one of the four forms. */
export class PeriodError extends Error {
  override name = 'PeriodError';
}

/** A response Heroku gave with an error status, or that could not be used. */
export class HerokuError extends Error {
  constructor(
    readonly endpoint: string,
    readonly status: number,
    readonly id: string,
    message: string,
  ) {
    super(message);
    this.name = 'HerokuError';
  }
  get isForbidden(): boolean {
    return this.status === 403;
  }
}

/** The token itself was rejected: nothing can be collected, so the run ends with this sentence. */
export class HerokuAuthError extends HerokuError {
  constructor(endpoint: string, id: string, herokuMessage: string) {
    super(
      endpoint,
      401,
      id,
      `Heroku rejected the API token (401 ${id}: ${herokuMessage}). Usual causes: the token was revoked or ` +
        'regenerated, the account password was changed, the account was deactivated or removed from the ' +
        'enterprise, or an SSO-bound token expired. Create a new one with `heroku authorizations:create ' +
        '--description "Heroku Evidence"` as the service account and update the repository secret.',
    );
    this.name = 'HerokuAuthError';
  }
}

/** The rate-limit pool stayed empty too long: every request from then on fails at once, as a gap. */
export class StarvedError extends Error {
  override name = 'StarvedError';
}

/** A repository that would publish private evidence to everyone. */
export class PublicRepositoryError extends Error {
  override name = 'PublicRepositoryError';
}

/** The evidence repository cannot be read or written (permissions, branch protection, a moving branch). */
export class EvidenceRepositoryError extends Error {
  override name = 'EvidenceRepositoryError';
}

/** A state.json (or a previous run's file) that cannot be trusted: the run stops rather than guess. */
export class StateError extends Error {
  override name = 'StateError';
}

/** GitHub refused the issues step (a token without `issues: write`, say); the evidence is committed by then. */
export class IssuesError extends Error {
  override name = 'IssuesError';
}

/** A period report that cannot be built from what the evidence repository holds. */
export class ReportError extends Error {
  override name = 'ReportError';
}

/** A plan or shard part that cannot be used (another plan's, present twice, missing, unreadable): nothing is committed. */
export class ShardError extends Error {
  override name = 'ShardError';
}

const EXPECTED = [
  InputError,
  PolicyError,
  PeriodError,
  HerokuError,
  StarvedError,
  PublicRepositoryError,
  EvidenceRepositoryError,
  StateError,
  IssuesError,
  ReportError,
  ShardError,
];

/** Whether `error` is one of the failures above, which end in their own sentence. */
export function isExpected(error: unknown): error is Error {
  return EXPECTED.some((kind) => error instanceof kind);
}

/**
 * A Heroku refusal or failure that leaves a gap in the evidence. Anything else, a rejected token above all, ends
 * the run.
 */
export function isGap(error: unknown): error is HerokuError {
  return error instanceof HerokuError && !(error instanceof HerokuAuthError);
}
