// Every temporary folder the tests make (simulated repositories, action workspaces, policy files) goes under one
// folder that is removed at the end, so that years of CI runs leave nothing behind on the machine.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function setup(): () => void {
  const root = mkdtempSync(join(tmpdir(), 'heroku-evidence-tests-'));
  process.env.TMPDIR = root;
  return () => rmSync(root, { recursive: true, force: true });
}
