// The one sha256 of the project: evidence files, manifests, ledger lines, formation commands, reports.
import { createHash } from 'node:crypto';

export function sha256(text: string | Buffer): string {
  return createHash('sha256').update(text).digest('hex');
}
