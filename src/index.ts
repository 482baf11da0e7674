// The action's entry. A collection keeps tens of thousands of records while it parses thousands of responses, and
// V8 then grows its young generation to 128 MB (measured: peak RSS 250 MB for a live heap of 45 MB at 5,000 apps).
// `runs.using: node24` passes no flags to Node, and V8 reads its heap flags only at start-up, so the entry starts the
// action once more, tuned for memory rather than speed (a run waits on Heroku's rate limit, not on its CPU), and
// hands over its exit code. Everything else (environment, output, the runner's files) is shared as it is:
// - a young generation capped at 16 MB, and V8's `--optimize-for-size` (a heap grown by less between collections):
//   at 5,000 apps the collection's peak went from about 330 to 230 MB, for about 20% more CPU;
// - glibc's mmap threshold fixed at 128 KB: otherwise each large buffer freed raises it, and the buffers after it
//   come from a C heap that never shrinks (measured: 100 to 190 MB of it during the commit at 5,000 apps).
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const TUNED = 'HEROKU_EVIDENCE_TUNED_V8';

if (process.env[TUNED] === '1') {
  const { run } = await import('./main.js');
  await run();
} else {
  const flags = ['--max-semi-space-size=16', '--optimize-for-size'];
  const child = spawn(process.execPath, [...flags, fileURLToPath(import.meta.url)], {
    stdio: 'inherit',
    env: { MALLOC_MMAP_THRESHOLD_: '131072', ...process.env, [TUNED]: '1' },
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
  child.on('error', (error) => {
    console.log(`::error::Heroku Evidence could not start: ${error.message}`);
    process.exitCode = 1;
  });
  child.on('exit', (code, signal) => {
    process.exitCode = code ?? (signal ? 1 : 0);
  });
}
