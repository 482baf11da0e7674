// The controls from HEROKU-LOG-1 on through the whole action: one issue per failing resource, with the fix, and no
// secret of a drain, a telemetry drain, a pipeline stage or an identity provider anywhere the action writes.
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runAction } from './helpers/action.js';
import { IDP_CERT_EXPIRING } from './sim/certificates.js';
import { GitHubSim } from './sim/github.js';
import { HerokuSim } from './sim/heroku.js';
import { allApps, generateWorld, makeFirApp } from './sim/world.js';

let heroku: HerokuSim;
let github: GitHubSim;
beforeEach(async () => {
  heroku = new HerokuSim(generateWorld({ apps: 9, auditDays: 1 }));
  await heroku.start();
  github = new GitHubSim();
  await github.start();
});
afterEach(async () => {
  await heroku.close();
  await github.close();
});

const DAY1 = new Date('2026-11-22T06:00:00Z');

function policyFile(text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'policy-')), 'policy.yml');
  writeFileSync(path, text);
  return path;
}

/** Every file under a folder, as text. */
function readTree(dir: string): string {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => readFileSync(join(entry.parentPath, entry.name), 'utf8'))
    .join('\n');
}

describe('the controls from HEROKU-LOG-1 on, run by the action', () => {
  it('open one issue per failing resource, naming it, with the fix', async () => {
    const policy = policyFile('requireSso: true\nallowedInboundCidrs: [203.0.113.0/24]\n');
    const result = await runAction(
      heroku,
      github,
      { collect: 'inventory', policy, 'max-new-issues': '200' },
      DAY1,
    );
    expect(result.failed).toBe(false);
    const expected: [string, string, string][] = [
      ['HEROKU-LOG-1', 'team-2-svc2-prod', 'heroku drains:add'],
      ['HEROKU-TLS-3', 'web-svc1-prod', 'heroku features:enable spaces-strict-tls'],
      ['HEROKU-SSO-1', 'team/payments', 'Single Sign-On'],
      ['HEROKU-SSO-1', 'team team-2', 'Single Sign-On'],
      ['HEROKU-CONFIG-2', 'AWS_SECRET_ACCESS_KEY', 'heroku ci:config:unset'],
      ['HEROKU-REVIEW-1', 'payments-service-0', 'heroku reviewapps:enable'],
      ['HEROKU-DB-1', 'heroku-redis:mini', 'heroku addons:upgrade'],
      ['HEROKU-NET-1', 'web-space', 'heroku trusted-ips:remove'],
    ];
    for (const [control, name, fix] of expected) {
      const issues = github.issues.filter(
        (i) => i.title.startsWith(`${control}: `) && i.title.includes(name),
      );
      expect(issues, `${control} ${name}`).toHaveLength(1);
      expect(issues[0]!.labels).toContain(`control:${control}`);
      expect(issues[0]!.body).toContain(fix);
    }
    // Nothing else of these controls: the twins pass.
    const ours = github.issues.filter((i) =>
      /^HEROKU-(LOG-1|TLS-3|SSO-1|CONFIG-2|REVIEW-1|DB-1|NET-1):/.test(i.title),
    );
    expect(ours).toHaveLength(expected.length);
    const run = result.outputs['run-path']!;
    const drains = JSON.parse(github.git(['show', `main:${run}/log-drains.json`]));
    expect(drains.map((d: { app: string }) => d.app)).toEqual([
      'payments-svc0-prod',
      'team-2-svc2-prod',
      'web-svc1-prod',
    ]);
    const manifest = JSON.parse(github.git(['show', `main:${run}/manifest.json`]));
    expect(manifest.files.map((f: { path: string }) => f.path)).toEqual(
      expect.arrayContaining([
        'log-drains.json',
        'app-features.json',
        'identity-providers.json',
        'pipeline-config-var-names.json',
        'review-app-configs.json',
        'space-inbound-rules.json',
      ]),
    );
  });

  it('writes no secret of a drain, a stage config var or a certificate anywhere', async () => {
    const w = heroku.world;
    const app = allApps(w).find((a) => a.name === 'payments-svc0-prod')!;
    const drain = w.logDrains.get(app.id)![0]!;
    drain.url =
      'syslog+tls://leaky-user:PLANTED-DRAIN-PASSWORD@logs.acme.example:6514/PLANTED-DRAIN-PATH?token=PLANTED-DRAIN-QUERY';
    drain.token = 'd.PLANTED-DRAIN-TOKEN';
    w.stageConfigVars.set(`${w.pipelines[1]!.id}/test`, { NPM_TOKEN: 'PLANTED-STAGE-VALUE' });
    w.stageConfigVars.set(`${w.pipelines[1]!.id}/review`, { GITHUB_TOKEN: 'PLANTED-REVIEW-VALUE' });
    makeFirApp(w, 'team-2-svc2-prod', ['logs']);
    const telemetry = w.telemetryDrains.get(allApps(w).find((a) => a.name === 'team-2-svc2-prod')!.id)![0]!;
    (telemetry.exporter as { headers: Record<string, string> }).headers = {
      'x-api-key': 'PLANTED-OTEL-HEADER',
    };
    const certLine = IDP_CERT_EXPIRING.split('\n')[2]!;
    const result = await runAction(heroku, github, { collect: 'inventory', 'max-new-issues': '200' }, DAY1);
    expect(result.failed).toBe(false);
    const places = {
      evidence: github.git(['log', '-p', '--all']),
      log: result.log,
      summary: result.summary,
      issues: JSON.stringify(github.issues),
      output: readTree(result.outputDir),
    };
    // The names are evidence; the values never are.
    expect(places.evidence).toContain('NPM_TOKEN');
    expect(places.evidence).toContain('syslog+tls://logs.acme.example:6514');
    for (const secret of [
      'leaky-user',
      'PLANTED-DRAIN-PASSWORD',
      'PLANTED-DRAIN-PATH',
      'PLANTED-DRAIN-QUERY',
      'PLANTED-DRAIN-TOKEN',
      'PLANTED-STAGE-VALUE',
      'PLANTED-REVIEW-VALUE',
      'PLANTED-OTEL-HEADER',
      'otel-pass',
      'otel-query-secret',
      certLine,
      'BEGIN CERTIFICATE',
    ])
      for (const [where, text] of Object.entries(places))
        expect(text, `${secret} in ${where}`).not.toContain(secret);
  });
});
