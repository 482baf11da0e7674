import { matchesName } from '../policy.js';
import { unreadable } from './context.js';
import type { Control, Result } from './types.js';

export const config2: Control = {
  id: 'HEROKU-CONFIG-2',
  name: 'No long-lived cloud credentials in pipeline stage config vars',
  severity: 'high',
  needs: 'inventory',
  rationale:
    'Heroku gives a pipeline stage’s config vars to every review app and CI run of that stage: code from any pull request can read them, and they are rarely rotated.',
  remediation:
    'Replace the key with short-lived credentials, rotate it at the provider, then remove it from the stage: `heroku ci:config:unset <NAME> --pipeline <pipeline>` for CI (stage test), or Dashboard > pipeline <pipeline> > Settings > Review Apps > Config vars for review apps.',
  frameworks: ['SOC 2 CC6.1', 'ISO/IEC 27001:2022 A.8.9'],
  evaluate({ snapshot, policy }) {
    const results: Result[] = [];
    for (const pipeline of snapshot.pipelines) {
      const resource = `pipeline/${pipeline.name}`;
      const stages = snapshot.pipelineConfigVarNames.filter((c) => c.pipeline === pipeline.name);
      let failed = false;
      for (const stage of stages) {
        for (const v of stage.names.filter((n) =>
          policy.forbiddenConfigVars.some((g) => matchesName(g, n.name)),
        )) {
          failed = true;
          results.push({
            resource: `pipeline-config-var/${pipeline.name}/${stage.stage}/${v.name}`,
            status: 'fail',
            title: `pipeline ${pipeline.name} gives its ${stage.stage} apps config var ${v.name}`,
            detail: `Stage ${stage.stage} of pipeline ${pipeline.name} sets ${v.name}, which the policy forbids (forbiddenConfigVars); Heroku gives it to every ${stage.stage === 'review' ? 'review app' : 'CI run'} of the pipeline. Only the name was read; no value was.`,
          });
        }
      }
      // The review stage is read only once the review-app config says review apps are on.
      const missing =
        unreadable(snapshot, 'pipeline-config-vars', resource) ??
        unreadable(snapshot, 'review-app-config', resource);
      if (missing) results.push(missing);
      else if (!failed)
        results.push({
          resource,
          status: 'pass',
          title: `no forbidden config var in the stages of pipeline ${pipeline.name}`,
          detail: '',
        });
    }
    return results;
  },
};

export const review1: Control = {
  id: 'HEROKU-REVIEW-1',
  name: 'Review apps wait for CI',
  severity: 'medium',
  needs: 'inventory',
  rationale:
    'A pipeline that creates review apps for every pull request without waiting for CI deploys untested code from any contributor, with the review stage’s config vars, onto your Heroku account.',
  remediation:
    'Make review apps wait for CI: `heroku reviewapps:enable --pipeline <pipeline> --wait-for-ci` (Dashboard: pipeline <pipeline> > Settings > Review Apps > Wait for CI to pass), or turn automatic review apps off.',
  frameworks: ['SOC 2 CC8.1', 'ISO/IEC 27001:2022 A.8.32'],
  evaluate({ snapshot }) {
    const configs = new Map(snapshot.reviewAppConfigs.map((c) => [c.pipeline, c]));
    return snapshot.pipelines.map((pipeline): Result => {
      const resource = `pipeline/${pipeline.name}`;
      const missing = unreadable(snapshot, 'review-app-config', resource);
      if (missing) return missing;
      const config = configs.get(pipeline.name);
      if (!config)
        return {
          resource,
          status: 'error',
          title: `could not be evaluated: the review-app config of ${pipeline.name} was not read`,
          detail: '',
        };
      if (!config.enabled)
        return {
          resource,
          status: 'pass',
          title: `pipeline ${pipeline.name} has no review apps`,
          detail: '',
        };
      if (config.automatic_review_apps && !config.wait_for_ci)
        return {
          resource,
          status: 'fail',
          title: `pipeline ${pipeline.name} creates review apps without waiting for CI`,
          detail: `Pipeline ${pipeline.name} creates a review app for every pull request (automatic_review_apps) and does not wait for CI to pass (wait_for_ci is false).`,
        };
      return {
        resource,
        status: 'pass',
        title: config.automatic_review_apps
          ? `review apps of ${pipeline.name} wait for CI`
          : `review apps of ${pipeline.name} are created by hand only`,
        detail: '',
      };
    });
  },
};
