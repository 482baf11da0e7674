// The action's entry. A collection keeps tens of thousands of records while it parses thousands of responses, and
// V8 then grows its young generation to 128 MB (measured: peak RSS 250 MB for a live heap of 45 MB at 5,000 apps).
// `runs.using: node24` passes no flags to Node, and V8 reads its heap flags only at start-up, so the entry starts the
// action once more, tuned for memory (src/shared/tuned-node.ts), and hands over its exit code. Everything else
// (environment, output, the runner's files) is shared as it is.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { TUNED_NODE_ENV, TUNED_NODE_FLAGS } from './shared/tuned-node.js';

const TUNED = 'HEROKU_EVIDENCE_TUNED_V8';

if (process.env[TUNED] === '1') {
  const { run } = await import('./main.js');
  await run();
} else {
  const child = spawn(process.execPath, [...TUNED_NODE_FLAGS, fileURLToPath(import.meta.url)], {
    stdio: 'inherit',
    env: { ...TUNED_NODE_ENV, ...process.env, [TUNED]: '1' },
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
