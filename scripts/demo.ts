// `npm run demo`: the whole action, end to end, against the bundled simulators. It runs the committed bundle
// (dist/index.js) twice, the second time after a few changes in the simulated Heroku account, then shows what each
// reader sees: the job summary, an issue and the comment that closed another, the evidence repository, the drift,
// and what an auditor runs on a clone (which it leaves clean: the report is written to a scratch clone).
import { execFileSync, spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { runBundle } from '../test/helpers/action.js';
import { GitHubSim, simulatorPublicKeyFile } from '../test/sim/github.js';
import { HerokuSim } from '../test/sim/heroku.js';
import { allApps, attachProductionDatabaseToStaging, generateWorld } from '../test/sim/world.js';

const out = resolve('.demo');
rmSync(out, { recursive: true, force: true });
const world = generateWorld({ apps: 24, teams: 3, now: new Date() });
const heroku = new HerokuSim(world, { latencyMs: 5 });
const github = new GitHubSim();
await heroku.start();
await github.start();
const title = (text: string) => console.log(`\n\x1b[1m== ${text}\x1b[0m`);

try {
  title('Run 1: first collection (inventory and 30 days of audit trail)');
  const first = await runBundle(heroku, github, { collect: 'all', 'max-new-issues': '5' });
  if (first.failed) throw new Error(`the first run failed:\n${first.log}`);
  console.log(
    first.log
      .split('\n')
      .filter(
        (l) => !l.startsWith('::') && /Teams|Apps \d+\/\d+;|Audit|Requests|passed|Committed|Opened/.test(l),
      )
      .join('\n'),
  );

  // Changes in the account between the runs: someone joins without 2FA, an app is deleted, a config var appears,
  // a production database gets attached to a staging app.
  const payments = world.members.get('payments')!;
  payments.push({
    ...payments[1]!,
    id: 'new-member',
    email: 'contractor@example.net',
    role: 'member',
    two_factor_authentication: false,
    user: { id: 'u-new', email: 'contractor@example.net', name: 'contractor' },
  });
  const web = world.apps.get('web')!;
  const removed = web.pop()!;
  const prod = allApps(world).find((a) => a.name.endsWith('-prod'))!;
  world.configVars.get(prod.id)!.AWS_SECRET_ACCESS_KEY = 'never-leaves-the-http-client';
  const attached = attachProductionDatabaseToStaging(world, 'PROD_DATABASE');
  console.log(
    `\nChanged the simulated account: contractor@example.net joined payments without 2FA, ${removed.name} was deleted, ${prod.name} got AWS_SECRET_ACCESS_KEY, ${attached.addon} was attached to ${attached.app}.`,
  );
  await new Promise((r) => setTimeout(r, 1100)); // run folders are named by the second

  title('Run 2: a new inventory after the changes');
  const second = await runBundle(heroku, github, { collect: 'inventory', 'max-new-issues': '5' });
  if (second.failed) throw new Error(`the second run failed:\n${second.log}`);
  console.log(
    second.log
      .split('\n')
      .filter((l) => !l.startsWith('::') && /passed|Committed|Opened|Closed/.test(l))
      .join('\n'),
  );

  const repo = join(out, 'evidence-repository');
  execFileSync('git', ['clone', '-q', github.gitDir, repo]);
  const sh = (cmd: string, cwd = repo) => execFileSync('sh', ['-c', cmd], { cwd, encoding: 'utf8' });

  title('git log of the evidence repository');
  console.log(sh('git log --format="%h %s" '));
  title('Every run verifies with sha256sum -c');
  for (const dir of sh('ls -d heroku-evidence/inventory/*/*/*/*').trim().split('\n')) {
    console.log(`${dir}: ${sh('sha256sum -c --quiet SHA256SUMS && echo OK', join(repo, dir)).trim()}`);
  }
  const runs = sh('ls -d heroku-evidence/inventory/*/*/*/*').trim().split('\n');
  console.log(
    `hash chain: sha256(first manifest) = ${sh(`sha256sum ${runs[0]}/manifest.json`).split(' ')[0]}`,
  );
  console.log(
    `            second manifest says   ${JSON.parse(sh(`cat ${runs[1]}/manifest.json`)).previousManifestSha256}`,
  );
  title(`The first run's SUMMARY.md (${runs[0]})`);
  console.log(sh(`cat ${runs[0]}/SUMMARY.md`));
  title("The second run's changes since the first");
  const summary2 = sh(`cat ${runs[1]}/SUMMARY.md`);
  console.log(summary2.slice(summary2.indexOf('## Changes since')));
  title("The second run's job summary, as GitHub shows it on the run's page");
  console.log(second.summary);
  title('Issues filed in the simulated GitHub repository');
  for (const issue of github.issues) console.log(`#${issue.number} [${issue.state}] ${issue.title}`);
  // What an engineer reads: an app-level issue, with the fix naming the real app, first seen and due.
  const shown = github.issues.find((i) => i.state === 'open' && i.title.startsWith('HEROKU-CONFIG-1'));
  if (shown) {
    title(`Issue #${shown.number}, as an engineer reads it`);
    console.log(shown.body);
  }
  const closed = github.issues.find((i) => i.state === 'closed' && i.comments.length > 0);
  if (closed) {
    title(`The comment that closed issue #${closed.number} (${closed.title})`);
    console.log(closed.comments.at(-1));
  }
  // git grep exits 1 when nothing matches: the value must be nowhere in the evidence's history.
  const grep = spawnSync('git', [
    '-C',
    repo,
    'grep',
    '-l',
    'never-leaves-the-http-client',
    ...sh('git rev-list --all').trim().split('\n'),
  ]);
  if (grep.status !== 1) throw new Error('a config var value reached the evidence');
  console.log('\nNo config var value appears anywhere in the evidence history (git grep found nothing).');

  // What an auditor runs on a clone: the bundled command line, no token, from the clone's root. The simulated
  // GitHub signs its commits with a test key rather than GitHub's web-flow key, so the demo names it.
  const cli = resolve('dist/cli/index.js');
  const keys = await simulatorPublicKeyFile();
  title("heroku-evidence verify . (the auditors' command, from the clone's root)");
  console.log(`$ cd ${repo} && heroku-evidence verify --trusted-keys <the simulator's key> .`);
  const verified = execFileSync(process.execPath, [cli, 'verify', '--trusted-keys', keys, '.'], {
    cwd: repo,
    encoding: 'utf8',
  });
  console.log(verified.trimEnd());
  console.log(`\nIts last line, what an auditor reads first:\n  ${verified.trimEnd().split('\n').at(-1)}`);
  const month = new Date().toISOString().slice(0, 7);
  const reportDir = join(out, `report-${month}`);
  title(`heroku-evidence report --period ${month} (provisional: the month is not over)`);
  console.log(
    execFileSync(process.execPath, [cli, 'report', '--period', month, '--out', reportDir, repo], {
      encoding: 'utf8',
    }),
  );
  const report = sh(`cat ${join(reportDir, 'REPORT.md')}`);
  console.log(report.slice(0, report.indexOf('## Failing findings per day')).trim());
  const dirty = sh('git status --porcelain').trim();
  if (dirty) throw new Error(`the demo left the evidence clone changed:\n${dirty}`);
  console.log(`Browse the evidence repository (clean, as committed): cd ${repo} && git log --stat`);
} finally {
  await heroku.close();
  await github.close();
}
