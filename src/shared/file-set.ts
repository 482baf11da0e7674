// The files of a run, by path. The data files of a large account run to tens of megabytes each and a hundred in
// all, while the snapshot they come from is still in memory: a file over PACK_OVER is kept gzip-compressed, in
// pieces, and inflated only while a caller reads it. A JSON file is written piece by piece, so that its whole text
// never exists at once; its sha256 is taken on the way. Reading it gives the same text, byte for byte.
import { createHash } from 'node:crypto';
import { constants, gunzipSync, gzipSync } from 'node:zlib';
import { gitBlobSha } from './hash.js';

const PACK_OVER = 256 * 1024;
const PIECE = 1024 * 1024;

interface Body {
  /** The text itself, or the gzip members of its pieces in order. */
  text: string | null;
  pieces: Buffer[];
  bytes: number;
  sha256: string;
}

export class FileSet implements ReadonlyMap<string, string> {
  private readonly bodies = new Map<string, Body>();

  constructor(entries: Iterable<readonly [string, string]> = []) {
    for (const [path, text] of entries) this.set(path, text);
  }

  set(path: string, text: string): this {
    return this.write(path, [text]);
  }

  /** Writes a file from its text in pieces (a generator is read one piece at a time). */
  write(path: string, pieces: Iterable<string>): this {
    const hash = createHash('sha256');
    const packed: Buffer[] = [];
    let pending: string[] = [];
    let pendingLength = 0;
    let bytes = 0;
    const flush = () => {
      const piece = pending.join('');
      pending = [];
      pendingLength = 0;
      packed.push(gzipSync(piece, { level: constants.Z_BEST_SPEED }));
    };
    for (const piece of pieces) {
      hash.update(piece, 'utf8');
      bytes += Buffer.byteLength(piece);
      pending.push(piece);
      pendingLength += piece.length;
      if (pendingLength >= PIECE) flush();
    }
    if (packed.length === 0 && bytes <= PACK_OVER) {
      this.bodies.set(path, { text: pending.join(''), pieces: [], bytes, sha256: hash.digest('hex') });
      return this;
    }
    if (pending.length) flush();
    this.bodies.set(path, { text: null, pieces: packed, bytes, sha256: hash.digest('hex') });
    return this;
  }

  /** Takes `other`'s files under new paths, as they are (nothing is inflated). */
  adopt(other: FileSet, path: (name: string) => string): this {
    for (const [name, body] of other.bodies) this.bodies.set(path(name), body);
    return this;
  }

  /** The same files under new paths. */
  renamed(path: (name: string) => string): FileSet {
    return new FileSet().adopt(this, path);
  }

  get(path: string): string | undefined {
    const body = this.bodies.get(path);
    if (!body) return undefined;
    return body.text ?? body.pieces.map((p) => gunzipSync(p).toString('utf8')).join('');
  }

  /** The file's bytes as UTF-8, a piece at a time (about a megabyte each), without making its text. */
  *chunks(path: string): Generator<Buffer> {
    const body = this.bodies.get(path);
    if (!body) return;
    if (body.text !== null) yield Buffer.from(body.text, 'utf8');
    else for (const piece of body.pieces) yield gunzipSync(piece);
  }

  byteLength(path: string): number | undefined {
    return this.bodies.get(path)?.bytes;
  }

  sha256(path: string): string | undefined {
    return this.bodies.get(path)?.sha256;
  }

  /** The sha git gives the file (`git hash-object`), read one piece at a time. */
  gitSha(path: string): string | undefined {
    const body = this.bodies.get(path);
    return body && gitBlobSha(body.bytes, this.chunks(path));
  }

  get size(): number {
    return this.bodies.size;
  }

  has(path: string): boolean {
    return this.bodies.has(path);
  }

  keys(): MapIterator<string> {
    return this.bodies.keys();
  }

  /** Each file's text, made when the iteration reaches it. */
  *entries(): MapIterator<[string, string]> {
    for (const path of this.bodies.keys()) yield [path, this.get(path)!];
  }

  *values(): MapIterator<string> {
    for (const [, text] of this.entries()) yield text;
  }

  [Symbol.iterator](): MapIterator<[string, string]> {
    return this.entries();
  }

  forEach(callback: (text: string, path: string, map: ReadonlyMap<string, string>) => void): void {
    for (const [path, text] of this.entries()) callback(text, path, this);
  }
}
