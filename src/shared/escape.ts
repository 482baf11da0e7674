// Text from Heroku or the policy (app names, emails, team names, error messages) goes into Markdown that GitHub
// renders: it must render as the literal text, never as formatting, HTML, a hidden marker, a link, a
// cross-reference or an @-mention that notifies someone. Only visible means are used (escapes and code spans), so
// that what a reader copies from a report is what the evidence holds and `grep` finds it.

// Characters that render as nothing, or reorder the text around them: shown as their code point instead.
export const INVISIBLE = /[\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;

/** `text` with every invisible or bidirectional control character written as `{U+XXXX}`. */
export function visible(text: string): string {
  return text.replace(INVISIBLE, (c) => `{U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}}`);
}

// What GitHub turns into a mention, an email or web link, or a reference to an issue: such text goes in a code
// span, where GitHub links and mentions nothing (a backslash before `@` does not stop a mention).
const LINKABLE = /@|#\d|:\/\/|\bwww\.|\bGH-\d/i;
// Inline formatting characters anywhere; block markers (#, >, +, -, 1.) only where they could start a block.
const SPECIAL = /[\\`*_[\]|~]/g;

/** One line of Heroku or policy text, safe anywhere in Markdown outside a table (see `cell` for tables). */
export function md(text: string): string {
  const line = visible(text).replace(/\r?\n|\r/g, ' ');
  if (LINKABLE.test(line)) return codeSpan(line);
  return line
    .replace(SPECIAL, (c) => `\\${c}`)
    .replace(/^([#>+-]|\d+\.)/, (c) => `\\${c}`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;');
}

/** `text` as an inline code span: a fence longer than any run of backticks in it, so nothing can close it early. */
export function codeSpan(text: string): string {
  const line = visible(text).replace(/\r?\n|\r/g, ' ');
  const longest = Math.max(0, ...[...line.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = /^[` ]|[` ]$/.test(line) ? ' ' : '';
  return `${fence}${pad}${line}${pad}${fence}`;
}

/** A table cell: like `md`, and a `|` cannot end the cell, even inside a code span. */
export function cell(text: string): string {
  const out = md(text);
  return out.startsWith('`') ? out.replace(/\|/g, '\\|') : out;
}

/** A Markdown table; every cell is escaped unless it is already Markdown (`raw`). */
export function table(head: string[], rows: (string | { raw: string })[][]): string {
  const text = (c: string | { raw: string }) => (typeof c === 'string' ? cell(c) : c.raw);
  return [
    `| ${head.join(' | ')} |`,
    `| ${head.map(() => '---').join(' | ')} |`,
    ...rows.map((row) => `| ${row.map(text).join(' | ')} |`),
  ].join('\n');
}

// Credentials that could ride along in text from elsewhere (an error message, a formation command): Heroku's
// tokens (HRKU-…), and whatever follows "Bearer", "Basic" or "token=" (older Heroku tokens are UUID-shaped).
const SECRETS = [/\bHRKU-[A-Za-z0-9_-]+/g, /\b(Bearer|Basic|token)(\s+|=|:\s*)[A-Za-z0-9._~+/=-]{8,}/gi];

/** `text` with anything shaped like a credential replaced by `[redacted]`. */
export function scrubSecrets(text: string): string {
  return SECRETS.reduce((t, re) => t.replace(re, '[redacted]'), text);
}

/**
 * A log line that no foreign text can turn into a workflow command: the runner reads a command only at the start
 * of a line, so the text gets no line break (nor any other control character, such as a terminal escape).
 */
export function logLine(text: string): string {
  return visible(text).replace(/[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029]/g, (c) =>
    c === '\n' ? '\\n' : c === '\r' ? '\\r' : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/**
 * An app or team name in a commit message, which lands on the default branch where GitHub links `#123`, mentions
 * `@someone` and closes issues on "fixes #123". Heroku limits these names to lower-case letters, digits and
 * dashes; anything else is percent-encoded, visibly, rather than trusted.
 */
export function safeName(name: string): string {
  return /^[a-z0-9][a-z0-9-]{0,99}$/.test(name)
    ? name
    : encodeURIComponent(name).replace(/[!'()*~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

// Characters a fingerprint marker carries as they are; every other byte is percent-encoded, so any resource key
// round-trips and no text can end the HTML comment.
const MARKER_SAFE = /^[A-Za-z0-9._~@/:+-]$/;

export function encodeMarker(text: string): string {
  let out = '';
  for (const char of text) {
    if (MARKER_SAFE.test(char)) out += char;
    else
      for (const byte of Buffer.from(char, 'utf8'))
        out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

export function decodeMarker(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}
