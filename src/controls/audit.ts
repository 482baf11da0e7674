import type { Control, Result } from './types.js';

export const audit1: Control = {
  id: 'HEROKU-AUDIT-1',
  name: 'The enterprise audit trail is collected every day',
  severity: 'medium',
  needs: 'audit',
  rationale:
    'The audit trail is the record of who changed what; a day that was not collected is a day of changes nobody can account for once Heroku’s retention ends.',
  remediation:
    'Give the service account (<collector>) the `manage` permission on enterprise account <enterprise> (Enterprise > Members): Heroku lets only `manage` read the audit trail. Check that the workflow runs every 6 hours; the next run fetches the missing days.',
  frameworks: ['SOC 2 CC7.2', 'ISO/IEC 27001:2022 A.8.15'],
  evaluate({ snapshot }) {
    const results: Result[] = snapshot.auditDays.map((day) => ({
      resource: `audit-day/${day.day}`,
      status: 'pass',
      title: `${day.events.length} audit events collected for ${day.day}`,
      detail: '',
    }));
    for (const gap of snapshot.gaps.filter((g) => g.resource === 'audit-trail')) {
      const day = gap.scope.startsWith('audit-day/') ? gap.scope.slice('audit-day/'.length) : null;
      results.push({
        resource: day ? gap.scope : `enterprise/${snapshot.enterpriseName ?? ''}`,
        status: 'fail',
        title: day ? `audit trail of ${day} could not be read` : 'the audit trail cannot be read',
        detail: gap.reason,
      });
    }
    // Said when it holds, so that an issue about an unreadable audit trail closes as fixed.
    const enterprise = `enterprise/${snapshot.enterpriseName ?? ''}`;
    if (snapshot.enterpriseName && !results.some((r) => r.resource === enterprise))
      results.push({
        resource: enterprise,
        status: 'pass',
        title: 'the audit trail can be read',
        detail: '',
      });
    return results;
  },
};
