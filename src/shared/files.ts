// Writing a set of files to a local folder: the action's output directory, and the auditors' report folder.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { FileSet } from './file-set.js';

/** Writes each file under `root` (creating its folders) and returns the full paths written. */
export async function writeLocal(root: string, files: ReadonlyMap<string, string>): Promise<string[]> {
  const written: string[] = [];
  for (const path of files.keys()) {
    const full = join(root, path);
    await mkdir(dirname(full), { recursive: true });
    // A large file of a FileSet is copied from where it is kept, never made whole in memory.
    if (files instanceof FileSet) files.writeTo(path, full);
    else await writeFile(full, files.get(path)!);
    written.push(full);
  }
  return written;
}
