// Text from Heroku (app names, emails, team names, error messages) goes into Markdown that GitHub renders: it must
// render as the literal text, never as formatting, HTML, a hidden marker, or an @-mention that notifies someone.

// Inline formatting characters anywhere; block markers (#, >, +, -, 1.) only where they could start a block.
const SPECIAL = /[\\`*_[\]|~]/g;

export function md(text: string): string {
  return (
    text
      .replace(SPECIAL, (c) => `\\${c}`)
      .replace(/^([#>+-]|\d+\.)/, (c) => `\\${c}`)
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      // A zero-width space after @ keeps GitHub from turning @name or @org/team into a mention.
      .replace(/@/g, '@\u200b')
      .replace(/\r?\n/g, ' ')
  );
}

/** A Markdown table; every cell is escaped unless it is already Markdown (`raw`). */
export function table(head: string[], rows: (string | { raw: string })[][]): string {
  const cell = (c: string | { raw: string }) => (typeof c === 'string' ? md(c) : c.raw);
  return [
    `| ${head.join(' | ')} |`,
    `| ${head.map(() => '---').join(' | ')} |`,
    ...rows.map((row) => `| ${row.map(cell).join(' | ')} |`),
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
  return text.replace(/[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029]/g, (c) =>
    c === '\n' ? '\\n' : c === '\r' ? '\\r' : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/**
 * Text from Heroku or the policy in a commit message, which lands on the default branch: GitHub links `#123`,
 * notifies `@someone` and closes issues on "fixes #123" there. A zero-width space defuses each.
 */
export function commitText(text: string): string {
  return logLine(text)
    .replace(/@/g, '@\u200b')
    .replace(/#(?=\d)/g, '#\u200b')
    .replace(/\b(GH)-(?=\d)/gi, '$1\u200b-')
    .replace(/\b(clos|fix|resolv)(e[sd]?|es|ed)?\b/gi, (word) => `${word[0]}\u200b${word.slice(1)}`);
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

/**
 * `text` as one Markdown code span, rendered literally whatever it holds: the fence is one backtick longer than the
 * longest run of backticks inside, so no text can end the span early; line breaks become spaces.
 */
export function codeSpan(text: string): string {
  const flat = text.replace(/\r?\n/g, ' ');
  const longest = Math.max(0, ...[...flat.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  // A span that starts or ends with a backtick (or is all spaces) needs a space of padding, which GitHub strips.
  const pad = /^`|`$|^ +$/.test(flat) || flat === '' ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}
