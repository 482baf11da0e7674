// The one sha256 of the project (evidence files, manifests, ledger lines, formation commands, reports), and git's
// blob sha (to compare a file with what the repository holds without a request).
import { createHash } from 'node:crypto';

export function sha256(text: string | Buffer): string {
  return createHash('sha256').update(text).digest('hex');
}

/** The sha git gives a file of `bytes` bytes (`git hash-object`), read a piece at a time. */
export function gitBlobSha(bytes: number, pieces: Iterable<string | Uint8Array>): string {
  const hash = createHash('sha1').update(`blob ${bytes}\0`);
  for (const piece of pieces) hash.update(piece);
  return hash.digest('hex');
}
