import { PeriodError } from '../errors.js';
// An audit period: `YYYY-MM`, `YYYY-Qn`, `YYYY` or `YYYY-MM-DD..YYYY-MM-DD` (UTC days, inclusive).

export interface Period {
  /** The canonical name, also the report's folder: `2026-10`, `2026-Q3`, `2026`, `2026-10-01..2026-12-31`. */
  name: string;
  /** First and last UTC day, inclusive (YYYY-MM-DD). */
  from: string;
  to: string;
}

const day = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d)).toISOString().slice(0, 10);
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

export function parsePeriod(text: string): Period {
  const value = text.trim();
  let m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(value);
  if (m) {
    const [y, mo] = [Number(m[1]), Number(m[2])];
    return { name: value, from: day(y, mo, 1), to: day(y, mo, lastDay(y, mo)) };
  }
  m = /^(\d{4})-Q([1-4])$/i.exec(value);
  if (m) {
    const [y, q] = [Number(m[1]), Number(m[2])];
    return { name: `${y}-Q${q}`, from: day(y, q * 3 - 2, 1), to: day(y, q * 3, lastDay(y, q * 3)) };
  }
  m = /^(\d{4})$/.exec(value);
  if (m) return { name: value, from: `${value}-01-01`, to: `${value}-12-31` };
  m = /^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/.exec(value);
  if (m && isDay(m[1]!) && isDay(m[2]!) && m[1]! <= m[2]!) return { name: value, from: m[1]!, to: m[2]! };
  throw new PeriodError(
    `\`report-period\` is "${text}"; expected YYYY-MM, YYYY-Qn, YYYY or YYYY-MM-DD..YYYY-MM-DD (UTC days, the first not after the last).`,
  );
}

function isDay(text: string): boolean {
  const t = Date.parse(`${text}T00:00:00Z`);
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === text;
}

/** The last full calendar month before `now`. */
export function lastFullMonth(now: Date): Period {
  const first = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
  return parsePeriod(first.toISOString().slice(0, 7));
}

/** Every UTC day from `from` to `to`, inclusive. */
export function daysBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000)
    out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}

/** The months (YYYY-MM) from `from`'s month to `to`'s, inclusive. */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  let [y, m] = from.slice(0, 7).split('-').map(Number) as [number, number];
  const end = to.slice(0, 7);
  for (;;) {
    const month = `${y}-${String(m).padStart(2, '0')}`;
    if (month > end) return out;
    out.push(month);
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
}
