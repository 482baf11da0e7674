// The files of a run, by path. The data files of a large account run to tens of megabytes each and a hundred in
// all, while the snapshot they come from is still in memory: a file over SPILL_OVER is written to a file of its own
// in a temporary folder as it is made, and read back a piece at a time. A JSON file is written piece by piece, so
// that its whole text never exists at once; its sha256 is taken on the way. Reading it gives the same text, byte
// for byte. (Kept gzip-compressed in memory instead, the inflated pieces were garbage V8 collects late, and the C
// heap they came from grew by a hundred megabytes at 5,000 apps.)
import { createHash } from 'node:crypto';
import {
  closeSync,
  copyFileSync,
  mkdtempSync,
  openSync,
  readFileSync,
  readSync,
  rmSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gitBlobSha } from './hash.js';

const SPILL_OVER = 64 * 1024;
const PIECE = 1024 * 1024;
const WRITE_AT = 64 * 1024;

interface Body {
  /** The text itself, or null when it is in `file`. */
  text: string | null;
  file: string | null;
  bytes: number;
  sha256: string;
}

let folder: string | undefined;
let hashScratch: Buffer | undefined;
let spilled = 0;
/** The process's temporary folder for large files: the runner's own temp folder, removed when the process exits. */
function spillFile(): string {
  if (!folder) {
    const dir = mkdtempSync(join(process.env.RUNNER_TEMP || tmpdir(), 'heroku-evidence-'));
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
    folder = dir;
  }
  return join(folder, `${++spilled}`);
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
    let pending: string[] = [];
    let pendingBytes = 0;
    let bytes = 0;
    let file: string | null = null;
    let fd: number | undefined;
    const flush = () => {
      if (fd === undefined) {
        file = spillFile();
        fd = openSync(file, 'w');
      }
      writeSync(fd, pending.join(''), null, 'utf8');
      pending = [];
      pendingBytes = 0;
    };
    try {
      for (const piece of pieces) {
        const n = Buffer.byteLength(piece);
        hash.update(piece, 'utf8');
        bytes += n;
        pendingBytes += n;
        pending.push(piece);
        // Written 64 KB at a time once the file is known to be large.
        if (bytes > SPILL_OVER && pendingBytes >= WRITE_AT) flush();
      }
      if (fd !== undefined && pending.length) flush();
    } finally {
      if (fd !== undefined) closeSync(fd);
    }
    this.bodies.set(path, { text: file ? null : pending.join(''), file, bytes, sha256: hash.digest('hex') });
    return this;
  }

  /** Takes `other`'s files under new paths, as they are (nothing is read or copied). */
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
    return body.text ?? readFileSync(body.file!, 'utf8');
  }

  /**
   * The file's bytes as UTF-8, a piece at a time (about a megabyte each), without making its text. With `scratch`,
   * each piece is a view of it, valid only until the next one is asked for: nothing is left for V8 to collect.
   */
  *chunks(path: string, scratch?: Buffer): Generator<Buffer> {
    const body = this.bodies.get(path);
    if (!body) return;
    if (body.text !== null) {
      yield scratch && body.bytes <= scratch.length
        ? scratch.subarray(0, scratch.write(body.text, 'utf8'))
        : Buffer.from(body.text, 'utf8');
      return;
    }
    const fd = openSync(body.file!, 'r');
    try {
      for (;;) {
        const into = scratch ?? Buffer.allocUnsafe(PIECE);
        const n = readSync(fd, into, 0, into.length, null);
        if (n === 0) return;
        yield into.subarray(0, n);
      }
    } finally {
      closeSync(fd);
    }
  }

  /** Writes the file to `destination` (copied as it is, for a large one). */
  writeTo(path: string, destination: string): void {
    const body = this.bodies.get(path);
    if (!body) throw new Error(`no file ${path}`);
    if (body.file) copyFileSync(body.file, destination);
    else writeFileSync(destination, body.text!);
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
    // One buffer for every file hashed: gitBlobSha reads each piece before it asks for the next, and a megabyte
    // made per file was a hundred megabytes for V8 to collect at 5,000 apps.
    hashScratch ??= Buffer.allocUnsafe(PIECE);
    return body && gitBlobSha(body.bytes, this.chunks(path, hashScratch));
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
