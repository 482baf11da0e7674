// Which days of the enterprise audit trail to fetch, and when a fetched day can be trusted as complete.

/** Heroku can take a while to publish a day's last events: a day counts as complete this long after it ended. */
const COMPLETE_AFTER_MS = 2 * 60 * 60 * 1000;

function utcDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return utcDay(date);
}

/** The first day of the backfill window: today counts as its first day. */
export function auditWindowStart(now: Date, backfillDays: number): string {
  return addDays(utcDay(now), -(Math.max(1, backfillDays) - 1));
}

/**
 * Today, and every day of the backfill window (today counts as its first day) not yet recorded as complete.
 * Oldest first.
 */
export function auditDaysToFetch(
  now: Date,
  backfillDays: number,
  completeDays: ReadonlySet<string>,
): string[] {
  const today = utcDay(now);
  const days: string[] = [];
  for (let back = Math.max(1, backfillDays) - 1; back >= 0; back--) {
    const day = addDays(today, -back);
    if (day === today || !completeDays.has(day)) days.push(day);
  }
  return days;
}

/** A day fetched at `fetchedAt` holds all its events once the day ended more than the margin before. */
export function isDayComplete(day: string, fetchedAt: Date): boolean {
  const end = new Date(`${addDays(day, 1)}T00:00:00Z`).getTime();
  return fetchedAt.getTime() >= end + COMPLETE_AFTER_MS;
}
