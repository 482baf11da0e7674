// Which commit wrote each run, from the commits that changed each month's ledger file (one per line it holds).
import { ledgerFile } from '../evidence/layout.js';
import { parseLedger } from '../evidence/ledger.js';
import { monthsBetween, type Period } from '../shared/period.js';
import type { Reader } from './generate.js';

/**
 * Each run's commit by run folder. `touching` lists the commits that changed a file, newest first. Where a person
 * edited a ledger file too, the counts differ and that month's runs are left without a commit.
 */
export async function runCommits(
  read: Reader,
  touching: (path: string) => Promise<string[]>,
  period: Period,
): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const month of monthsBetween(period.from, period.to)) {
    const file = ledgerFile(month);
    const text = await read(file);
    if (!text) continue;
    const lines = parseLedger(text, file);
    const commits = (await touching(file)).reverse();
    if (commits.length !== lines.length) continue;
    for (const [i, { line }] of lines.entries()) out.set(line.path, commits[i]!);
  }
  return out;
}
