// The layering of src/, kept by a tool: imports only run down the pipeline, and nothing imports in a circle.
// Floors, bottom first: shared/ + errors + version → snapshot/ → inputs, policy, github → heroku/ → controls/ →
// evidence/ → issues/ → history/ → run-output → modes/ → main, cli, index.
const floor = (name, path, mayNotImport) => ({
  name,
  severity: 'error',
  comment: `${path} may not import ${mayNotImport}: imports only run down the pipeline`,
  from: { path },
  to: { path: mayNotImport },
});
const ABOVE_SNAPSHOT =
  '^src/(inputs|policy|github|run-output|main|cli|index)\\.ts$|^src/(heroku|controls|evidence|issues|history|modes)/';

module.exports = {
  forbidden: [
    { name: 'no-cycle', severity: 'error', from: {}, to: { circular: true } },
    floor('bottom-floor', '^src/(shared/|errors\\.ts$|version\\.ts$)', '^src/(?!shared/|errors\\.ts$)'),
    floor('snapshot', '^src/snapshot/', ABOVE_SNAPSHOT),
    floor(
      'inputs-policy-github',
      '^src/(inputs|policy|github)\\.ts$',
      '^src/(run-output|main|cli|index)\\.ts$|^src/(heroku|controls|evidence|issues|history|modes)/',
    ),
    floor('heroku', '^src/heroku/', '^src/(controls|evidence|issues|history|modes)/|^src/(run-output|main|cli|github)\\.ts$'),
    floor('controls', '^src/controls/', '^src/(heroku|evidence|issues|history|modes)/|^src/(run-output|main|cli|github)\\.ts$'),
    floor('evidence', '^src/evidence/', '^src/(heroku|issues|history|modes)/|^src/(run-output|main|cli)\\.ts$'),
    floor('issues', '^src/issues/', '^src/(heroku|history|modes)/|^src/(run-output|main|cli)\\.ts$'),
    floor('history', '^src/history/', '^src/(heroku|issues|modes)/|^src/(run-output|main|cli|github)\\.ts$'),
    floor('run-output', '^src/run-output\\.ts$', '^src/(modes)/|^src/(main|cli)\\.ts$'),
    floor('modes', '^src/modes/', '^src/(main|cli|index)\\.ts$'),
    {
      name: 'cli-without-actions-toolkit',
      severity: 'error',
      comment: 'the auditors\u2019 command line needs git and Node only: no Actions toolkit, no Octokit',
      from: { path: '^src/cli\\.ts$' },
      to: { path: 'node_modules/(@actions|octokit|@octokit)/', reachable: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    includeOnly: '^src/|node_modules/(@actions|octokit|@octokit)/',
  },
};
