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
