// What can go wrong with a Heroku response, as the rest of the action sees it: typed errors carrying Heroku's own
// id and a bounded, scrubbed message, and the reading of a response that keeps a broken server from hurting the run.
import type { Dispatcher } from 'undici';
import { HerokuAuthError, HerokuError } from '../errors.js';
import { scrubSecrets } from '../shared/escape.js';

/** The body as text, refused past `max` bytes, so that an endless response cannot exhaust the runner. */
export async function readBounded(
  body: Dispatcher.ResponseData['body'],
  path: string,
  max: number,
): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += (chunk as Buffer).length;
    if (size > max) {
      body.destroy();
      throw new HerokuError(
        path,
        200,
        'too_large',
        `GET ${path}: the response is larger than ${max} bytes; refused`,
      );
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks, size).toString('utf8');
}

export function isDeadline(error: Error): boolean {
  return error.name === 'TimeoutError' || error.name === 'AbortError';
}

/** Heroku's messages go into gaps, logs and issues: a bounded single line, never a page of HTML. */
export function bounded(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 300 ? `${line.slice(0, 299)}…` : line;
}

export function header(
  headers: Record<string, string | string[] | undefined>,
  name: string,
): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

export function parseJson(path: string, body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    throw new HerokuError(path, 200, 'malformed', `GET ${path}: the response is not valid JSON (truncated?)`);
  }
}

export function toHerokuError(path: string, status: number, body: string): HerokuError {
  let id = `http_${status}`;
  let message = `HTTP ${status}`;
  try {
    const parsed = JSON.parse(body) as { id?: unknown; message?: unknown };
    // Heroku's ids are short snake_case words; anything else is not Heroku's and is not repeated.
    if (typeof parsed.id === 'string' && /^[a-z][a-z0-9_]{0,63}$/.test(parsed.id)) id = parsed.id;
    if (typeof parsed.message === 'string') message = bounded(scrubSecrets(parsed.message));
  } catch {
    // An error page that is not Heroku's JSON (a proxy's, say): the status says enough, the page is not kept.
  }
  if (status === 401) return new HerokuAuthError(path, id, message);
  return new HerokuError(path, status, id, `GET ${path}: ${status} ${id}: ${message}`);
}

/** Exponential backoff with full jitter: 0.5 s, 1 s, 2 s, ... capped at 20 s. */
export function backoff(attempt: number, random: () => number): number {
  const ceiling = Math.min(20_000, 500 * 2 ** (attempt - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
