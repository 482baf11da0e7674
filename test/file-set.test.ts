// A large account's data files are written in pieces and kept in a temporary file (src/shared/file-set.ts): what an
// auditor downloads must still be, byte for byte, the JSON the layout promises, with the sha256 the manifest states.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { jsonPieces, toJson } from '../src/evidence/json.js';
import { FileSet } from '../src/shared/file-set.js';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** Records as hostile as Heroku lets people write them: line breaks, quotes, non-ASCII, nesting, nulls. */
function records(n: number) {
  return Array.from({ length: n }, (_, i) => ({
    name: `app-${i}`,
    description: i % 7 === 0 ? 'two\nlines, "quoted" \\ back\u2028slash' : 'café ✓ 🚀',
    zeta: { b: [1, { y: null, x: 'z' }], a: true },
    alpha: i % 3 === 0 ? undefined : i,
    list: i % 5 === 0 ? [] : ['x', { k: 'v' }],
  }));
}

describe('a data file written in pieces', () => {
  it('is exactly the JSON the whole value gives, for arrays, empty arrays and other values', () => {
    for (const value of [
      records(50),
      [],
      [undefined, null, 1, 'two\nlines', [[], {}]],
      { b: 1, a: [1, 2] },
      null,
    ]) {
      expect([...jsonPieces(value)].join('')).toBe(toJson(value));
    }
  });

  it('reads back byte for byte, with the sha256 and git sha of its text, however large', () => {
    const value = records(40_000);
    const text = toJson(value);
    expect(Buffer.byteLength(text)).toBeGreaterThan(4 * 1024 * 1024);
    const files = new FileSet().write('big.json', jsonPieces(value)).set('small.json', '{}\n');
    expect(files.get('big.json')).toBe(text);
    expect(Buffer.concat([...files.chunks('big.json')]).equals(Buffer.from(text, 'utf8'))).toBe(true);
    // Read through one scratch buffer, each piece copied before the next is asked for: the same bytes.
    const scratch = Buffer.alloc(64 * 1024);
    const copied = [...files.chunks('big.json', scratch)].length;
    expect(copied).toBeGreaterThan(1);
    const pieces: Buffer[] = [];
    for (const piece of files.chunks('big.json', scratch)) pieces.push(Buffer.from(piece));
    expect(Buffer.concat(pieces).toString('utf8')).toBe(text);
    // Written to a local folder (the action's output directory), as the same bytes.
    const dir = mkdtempSync(join(tmpdir(), 'file-set-'));
    files.writeTo('big.json', join(dir, 'big.json'));
    files.writeTo('small.json', join(dir, 'small.json'));
    expect(readFileSync(join(dir, 'big.json'), 'utf8')).toBe(text);
    expect(readFileSync(join(dir, 'small.json'), 'utf8')).toBe('{}\n');
    expect(files.byteLength('big.json')).toBe(Buffer.byteLength(text));
    expect(files.sha256('big.json')).toBe(sha256(text));
    expect(files.gitSha('big.json')).toBe(
      execFileSync('git', ['hash-object', '--stdin'], { input: text }).toString().trim(),
    );
    expect(files.gitSha('small.json')).toBe(
      execFileSync('git', ['hash-object', '--stdin'], { input: '{}\n' }).toString().trim(),
    );
    // Renamed into the repository's folder, and iterated as a map of texts, nothing changes.
    const renamed = files.renamed((path) => `evidence/${path}`);
    expect(new Map(renamed)).toEqual(
      new Map([
        ['evidence/big.json', text],
        ['evidence/small.json', '{}\n'],
      ]),
    );
  });
});
