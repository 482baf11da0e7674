// `npm run readme`: writes the inputs and outputs tables of README.md from action.yml (scripts/action-tables.ts).
import { readFileSync, writeFileSync } from 'node:fs';
import { actionTables, withTables } from './action-tables.js';

const readme = readFileSync('README.md', 'utf8');
const updated = withTables(readme, actionTables(readFileSync('action.yml', 'utf8')));
writeFileSync('README.md', updated);
console.log(
  updated === readme ? 'README.md: the tables were current.' : 'README.md: tables rewritten from action.yml.',
);
