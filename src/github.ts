// One place that builds the GitHub client: Octokit with its retry and throttling plugins (the `octokit` package
// includes both), pointed at GITHUB_API_URL like every action, so GitHub Enterprise Server works too.
import { Octokit } from 'octokit';

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
