// What a run observed of a resource that has no finding (src/controls/scope.ts), rule by rule, on hand-built
// snapshots: only "gone" may close an issue as gone, and only "unseen" makes a "not verified" error.
import { describe, expect, it } from 'vitest';
import { carriedOver, observer, type PreviousIndex } from '../src/controls/scope.js';
import type { Finding } from '../src/controls/types.js';
import { passingSnapshot } from './helpers/snapshot.js';

const previous = (over: Partial<PreviousIndex> = {}): PreviousIndex => ({
  appTeam: new Map([['old-app', 'web']]),
  domainApp: new Map(),
  memberTeams: new Map(),
  authorization: 'auth-1',
  ...over,
});

describe('the observer', () => {
  it('says a config var is gone only when its own app’s names were read, whatever other apps’ gaps', () => {
    const s = passingSnapshot();
    s.gaps.push({ resource: 'config-var-names', scope: 'app/web-stag', reason: '403' });
    expect(observer(s)('config-var/web-prod/OLD_KEY')).toMatchObject({ kind: 'gone' });
    expect(observer(s)('config-var/web-stag/OLD_KEY')).toMatchObject({ kind: 'unseen' });
  });

  it('says an app of a team the run left out is outside its scope, and one of an unread team unseen', () => {
    const s = passingSnapshot();
    s.teamsSelected = ['other'];
    expect(observer(s, previous())('app/old-app')).toMatchObject({ kind: 'outside' });
    const t = passingSnapshot();
    t.gaps.push({ resource: 'team-apps', scope: 'team/web', reason: '503' });
    expect(observer(t, previous())('app/old-app')).toMatchObject({ kind: 'unseen' });
    expect(observer(passingSnapshot(), previous())('app/old-app')).toMatchObject({
      kind: 'gone',
      witness: 'it is absent from team web’s app list, which this run read completely',
    });
  });

  it('says a resource still there but without a finding is no longer evaluated, not gone', () => {
    expect(observer(passingSnapshot())('app/web-prod')).toMatchObject({ kind: 'present' });
    expect(observer(passingSnapshot())('pipeline/web')).toMatchObject({ kind: 'present' });
  });

  it('leaves another token’s authorization alone, and closes this one’s only when the list was read', () => {
    expect(
      observer(passingSnapshot(), previous({ authorization: 'auth-0' }))('authorization/auth-9'),
    ).toMatchObject({
      kind: 'outside',
    });
    const rotated = observer(passingSnapshot(), previous({ authorization: 'auth-0' }));
    expect(rotated('authorization/auth-0')).toMatchObject({ kind: 'gone' });
  });

  it('keeps a complete audit day read in an earlier run, within the window only', () => {
    const s = passingSnapshot();
    s.auditWindowStart = '2026-11-01';
    expect(observer(s)('audit-day/2026-11-05')).toMatchObject({ kind: 'kept' });
    expect(observer(s)('audit-day/2026-10-05')).toMatchObject({ kind: 'outside' });
  });

  it('says a member is unseen when the enterprise’s members could not be read', () => {
    const s = passingSnapshot();
    s.gaps.push({ resource: 'enterprise-members', scope: 'enterprise/acme', reason: '403' });
    expect(observer(s)('member/gone@acme.example')).toMatchObject({ kind: 'unseen' });
    expect(observer(passingSnapshot())('member/gone@acme.example')).toMatchObject({ kind: 'gone' });
  });
});

describe('the observer, on what the review found', () => {
  it('never says a team is present when one of its own lists failed (its ADDON-2 or SSO-1 issue stays open)', () => {
    const s = passingSnapshot();
    s.gaps.push({ resource: 'team-apps', scope: 'team/web', reason: '503' });
    expect(observer(s)('team/web')).toMatchObject({ kind: 'unseen' });
    expect(observer(passingSnapshot())('team/web')).toMatchObject({ kind: 'present' });
  });

  it('says a rotated token’s authorization that still exists is no longer evaluated, not gone', () => {
    const s = passingSnapshot();
    s.authorizationIds = ['auth-0', 'auth-1'];
    expect(observer(s, previous({ authorization: 'auth-0' }))('authorization/auth-0')).toMatchObject({
      kind: 'present',
    });
  });

  it('says a review-stage config var is no longer evaluated once review apps are off', () => {
    const s = passingSnapshot();
    s.reviewAppConfigs = [{ pipeline: 'web', enabled: false }];
    expect(observer(s)('pipeline-config-var/web/review/AWS_SECRET_ACCESS_KEY')).toMatchObject({
      kind: 'present',
    });
    const on = passingSnapshot();
    on.reviewAppConfigs = [{ pipeline: 'web', enabled: true }];
    expect(observer(on)('pipeline-config-var/web/review/X')).toMatchObject({ kind: 'unseen' });
  });

  it('keys an account-wide list’s error to the account: unseen while it fails, never a permanent error', () => {
    const s = passingSnapshot();
    s.gaps.push({ resource: 'addon-attachments', scope: 'account', reason: '503' });
    expect(observer(s)('account')).toMatchObject({ kind: 'unseen' });
    expect(observer(passingSnapshot())('account')).toMatchObject({ kind: 'present' });
  });
});

describe('findings carried over from the previous run', () => {
  const finding = (resource: string, status: Finding['status'] = 'fail'): Finding => ({
    control: 'HEROKU-CONFIG-1',
    resource,
    status,
    severity: 'high',
    title: resource,
    detail: '',
    frameworks: [],
  });

  it('turns the unseen into "not verified" errors and keeps the kept as observed; drops the rest', () => {
    const s = passingSnapshot();
    s.gaps.push({ resource: 'config-var-names', scope: 'app/web-stag', reason: '403' });
    s.auditWindowStart = '2026-11-01';
    const carried = carriedOver(
      [
        finding('config-var/web-stag/KEY'),
        finding('config-var/web-prod/KEY'),
        { ...finding('audit-day/2026-11-05', 'pass'), control: 'HEROKU-AUDIT-1' },
      ],
      [],
      new Set(['HEROKU-CONFIG-1', 'HEROKU-AUDIT-1']),
      observer(s),
    );
    expect(carried.map((f) => [f.resource, f.status])).toEqual([
      ['config-var/web-stag/KEY', 'error'],
      ['audit-day/2026-11-05', 'pass'],
    ]);
    expect(carried[0]!.title).toMatch(/^not verified/);
  });
});
