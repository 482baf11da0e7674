// What a security review checks before adopting the action: the licence says what package.json says, every
// workflow pins the actions it uses by full commit SHA, and the files a reviewer looks for are there.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const read = (path: string) => readFileSync(new URL(`../${path}`, import.meta.url), 'utf8');
const pkg = JSON.parse(read('package.json')) as { license: string; version: string };

describe('ready for a security review', () => {
  it('has a LICENSE that is the licence package.json names', () => {
    expect(pkg.license).toBe('MIT');
    expect(read('LICENSE')).toMatch(/^MIT License\n/);
    expect(read('LICENSE')).toContain('Permission is hereby granted, free of charge');
    // The bundled third-party licences come with dist/ (ncc --license), checked with check-dist.
    expect(read('dist/licenses.txt')).toContain('undici');
  });

  it('pins every action its workflows use by full commit SHA, with the version in a comment', () => {
    const dir = new URL('../.github/workflows/', import.meta.url);
    const files = readdirSync(dir).filter((f) => /\.ya?ml$/.test(f));
    expect(files.length).toBeGreaterThan(0);
    let checked = 0;
    for (const file of files) {
      const text = read(`.github/workflows/${file}`);
      const workflow = parse(text) as { jobs: Record<string, { steps?: { uses?: string }[] }> };
      for (const job of Object.values(workflow.jobs))
        for (const step of job.steps ?? []) {
          if (!step.uses || step.uses.startsWith('./')) continue;
          expect(step.uses, `${file}: ${step.uses}`).toMatch(/^[\w.-]+\/[\w./-]+@[0-9a-f]{40}$/);
          checked++;
        }
      for (const line of text.split('\n').filter((l) => /uses: [^.]/.test(l)))
        expect(line, file).toMatch(/@[0-9a-f]{40} # v\d+(\.\d+){0,2}$/);
    }
    expect(checked).toBeGreaterThan(0);
  });

  it('says how to report a vulnerability, what changed, and how it is released', () => {
    expect(read('SECURITY.md')).toContain('private vulnerability reporting');
    expect(read('CHANGELOG.md')).toMatch(/## \[Unreleased\]/);
    expect(read('CHANGELOG.md')).toContain(`## [${pkg.version}]`);
    const readme = read('README.md');
    expect(readme).toContain('[SECURITY.md](SECURITY.md)');
    expect(readme).toContain('[RELEASING.md](RELEASING.md)');
    expect(readme).toContain('[CONTRIBUTING.md](CONTRIBUTING.md)');
    expect(read('RELEASING.md')).toContain('moves the major tag');
    expect(
      parse(read('.github/dependabot.yml')).updates.map(
        (u: { 'package-ecosystem': string }) => u['package-ecosystem'],
      ),
    ).toEqual(['npm', 'github-actions']);
  });
});
