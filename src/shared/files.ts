// Writing a set of files to a local folder: the action's output directory, and the auditors' report folder.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/** Writes each file under `root` (creating its folders) and returns the full paths written. */
export async function writeLocal(root: string, files: ReadonlyMap<string, string>): Promise<string[]> {
  const written: string[] = [];
  for (const [path, text] of files) {
    const full = join(root, path);
    await mkdir(dirname(full), { recursive: true });
    await writeFile(full, text);
    written.push(full);
  }
  return written;
}
