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
