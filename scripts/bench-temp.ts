// Imported first by every bench: the folders it makes (the job's workspace and evidence, the GitHub simulator's
// repositories, a bundled collector) go under one folder, removed when the bench ends. A 5,000-app run leaves a
// hundred megabytes of evidence each time. BENCH_KEEP=1 keeps it, to read the jobs' logs afterwards.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = mkdtempSync(join(tmpdir(), 'heroku-evidence-bench-'));
process.env.TMPDIR = root;
if (process.env.BENCH_KEEP) console.error(`The bench's folders are kept in ${root}.`);
else process.on('exit', () => rmSync(root, { recursive: true, force: true }));
