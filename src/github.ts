// One place that builds the GitHub client: Octokit with its retry and throttling plugins (the `octokit` package
// includes both), pointed at GITHUB_API_URL like every action, so GitHub Enterprise Server works too.
import { Octokit } from 'octokit';
import { PublicRepositoryError } from './errors.js';
import type { Repo } from './inputs.js';

export type GitHub = InstanceType<typeof Octokit>;

export interface GitHubOptions {
  token: string;
  baseUrl?: string;
  userAgent: string;
  log: (line: string) => void;
  /** Tests shrink the plugins' waits; production keeps Octokit's defaults. */
  retryBaseMs?: number;
}

export function createGitHub(options: GitHubOptions): GitHub {
  const onLimit =
    (kind: string) =>
    (retryAfter: number, request: { method: string; url: string }, _: unknown, retryCount: number) => {
      options.log(
        `GitHub ${kind} rate limit on ${request.method} ${request.url}; retrying in ${retryAfter}s.`,
      );
      return retryCount < 3;
    };
  const baseUrl = (options.baseUrl ?? process.env.GITHUB_API_URL ?? 'https://api.github.com').replace(
    /\/$/,
    '',
  );
  // The throttle spaces writes a second apart for GitHub's secondary rate limits; a server on loopback (the
  // simulator in tests and the demo) has no such limits.
  const loopback = /^https?:\/\/(127\.\d+\.\d+\.\d+|localhost|\[::1\])(:|\/|$)/.test(baseUrl);
  return new Octokit({
    auth: options.token,
    baseUrl,
    userAgent: options.userAgent,
    throttle: {
      enabled: !loopback,
      onRateLimit: onLimit('primary'),
      onSecondaryRateLimit: onLimit('secondary'),
    },
    // 409 (an empty repository) is an answer, not a hiccup: never retried.
    retry: {
      doNotRetry: [400, 401, 403, 404, 409, 410, 422, 451],
      ...(options.retryBaseMs === undefined ? {} : { retryAfterBaseValue: options.retryBaseMs }),
    },
    log: { debug: () => {}, info: () => {}, warn: options.log, error: options.log },
  });
}

/** The HTTP status of an Octokit error, if it has one. */
export function statusOf(error: unknown): number | undefined {
  return typeof error === 'object' && error !== null && 'status' in error ? Number(error.status) : undefined;
}

const WHAT_IS_PRIVATE =
  'The evidence holds member emails, audit-trail IP addresses and config var names, and the issues name members and apps';

/**
 * Refuses a public evidence or issues repository before anything is written, unless `allow-public-repository`
 * says otherwise.
 */
export async function refusePublic(
  github: GitHub,
  evidence: { isPublic(): Promise<boolean> },
  inputs: { evidenceRepository: Repo; issuesRepository: Repo; createIssues: boolean },
): Promise<void> {
  const slug = (r: Repo) => `${r.owner}/${r.repo}`;
  const publicOnes: string[] = [];
  if (await evidence.isPublic())
    publicOnes.push(`the evidence repository ${slug(inputs.evidenceRepository)}`);
  const sameRepo = slug(inputs.issuesRepository) === slug(inputs.evidenceRepository);
  if (inputs.createIssues && !sameRepo && (await isPublicRepo(github, inputs.issuesRepository)))
    publicOnes.push(`the issues repository ${slug(inputs.issuesRepository)}`);
  if (publicOnes.length === 0) return;
  throw new PublicRepositoryError(
    `${publicOnes.join(' and ')} ${publicOnes.length > 1 ? 'are' : 'is'} public. ${WHAT_IS_PRIVATE}: nothing was collected or written. Use a private repository (evidence-repository, issues-repository), or set \`allow-public-repository: true\` to publish it anyway.`,
  );
}

/** Whether GitHub's description of a repository says everyone can see it. */
export function visibleToAll(data: { private: boolean; visibility?: string }): boolean {
  return !data.private || data.visibility === 'public';
}

/** Whether GitHub shows the repository to everyone; undefined when the token cannot tell. */
export async function isPublicRepo(github: GitHub, repo: Repo): Promise<boolean | undefined> {
  try {
    const { data } = await github.rest.repos.get({ ...repo });
    return visibleToAll(data);
  } catch (error) {
    if (statusOf(error) === 403 || statusOf(error) === 404) return undefined;
    throw error;
  }
}
