// How the action's Node is started (src/index.ts re-starts it with these; scripts/bench.ts starts its collector
// the same way), tuned for memory rather than speed: a run waits on Heroku's rate limit, not on its CPU.

/**
 * - a young generation capped at 16 MB, and V8's `--optimize-for-size` (a heap grown by less between collections):
 *   at 5,000 apps the collection's peak went from about 330 to 230 MB, for about 20% more CPU.
 */
export const TUNED_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=16', '--optimize-for-size'];

/**
 * - glibc's mmap threshold fixed at 128 KB: otherwise each large buffer freed raises it, and the buffers after it
 *   come from a C heap that never shrinks (measured: 100 to 190 MB of it during the commit at 5,000 apps). A value
 *   already in the environment wins.
 */
export const TUNED_NODE_ENV: Readonly<Record<string, string>> = { MALLOC_MMAP_THRESHOLD_: '131072' };
