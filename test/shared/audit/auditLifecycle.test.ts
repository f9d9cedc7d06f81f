import { describe, expect, it } from 'vitest';
import {
  assertAuditEditable,
  openAudit,
  publishAudit,
  returnAuditToDraft,
} from '../../../shared/audit/auditLifecycle';
import { isAuditError } from '../../../shared/audit/errors';
import type { Audit } from '../../../shared/audit/types';
import { ANSWERS, OPEN_AUDIT, answer, contents, deepFreeze, headlineChallenge } from './fixtures';

const DRAFT: Audit = deepFreeze({ ...OPEN_AUDIT, status: 'draft', openedAt: null, version: 1 });
const publishAt = { acknowledgeUnknown: true, at: '2025-03-20T21:00:00Z' };

function reasonOf(action: () => unknown): string | null {
  try {
    action();
    return null;
  } catch (error) {
    if (isAuditError(error)) return error.reason;
    throw error;
  }
}

describe('the audit lifecycle', () => {
  it('goes draft → open → published', () => {
    const opened = openAudit(DRAFT, '2025-03-20T18:30:00Z');
    expect(opened).toMatchObject({ status: 'open', openedAt: '2025-03-20T18:30:00Z', version: 2 });
    const { audit } = publishAudit(opened, contents(), publishAt);
    expect(audit).toMatchObject({ status: 'published', publishedAt: '2025-03-20T21:00:00Z', version: 3 });
  });

  it('an open audit may go back to draft, but a draft cannot be published before audit night', () => {
    expect(returnAuditToDraft(OPEN_AUDIT).status).toBe('draft');
    expect(() => publishAudit(DRAFT, contents(), publishAt)).toThrow('an audit that is draft cannot become published; open it for audit night first');
  });

  it('a published audit cannot be changed, reopened or published again', () => {
    const { audit } = publishAudit(OPEN_AUDIT, contents(), publishAt);
    expect(reasonOf(() => assertAuditEditable(audit))).toBe('audit.published_is_frozen');
    expect(reasonOf(() => openAudit(audit, '2025-04-01T00:00:00Z'))).toBe('audit.published_is_frozen');
    expect(reasonOf(() => returnAuditToDraft(audit))).toBe('audit.published_is_frozen');
    expect(reasonOf(() => publishAudit(audit, contents(), publishAt))).toBe('audit.published_is_frozen');
    expect(reasonOf(() => assertAuditEditable(OPEN_AUDIT))).toBeNull();
  });

  it('publishing with unknown checks is refused unless acknowledged, naming them', () => {
    expect(() => publishAudit(OPEN_AUDIT, contents(), { ...publishAt, acknowledgeUnknown: false })).toThrow(
      'publishing is refused: 2 check answers are unknown (Riverside Pantry Collective: care; Hillside Garden Club: care). Answer them, or publish with acknowledgeUnknown so they are listed as unknown.',
    );
  });

  it('publishing with every check answered needs no acknowledgement', () => {
    const answers = [...ANSWERS.filter((entry) => entry.checkKey !== 'care'), answer('g-pantry', 'care', 'pass'), answer('g-garden', 'care', 'fail')];
    const { snapshot } = publishAudit(OPEN_AUDIT, contents({ answers }), { ...publishAt, acknowledgeUnknown: false });
    expect(snapshot.unknowns).toEqual([]);
  });

  it('publishing without a headline challenge is refused', () => {
    expect(reasonOf(() => publishAudit(OPEN_AUDIT, contents({ challenges: [{ ...headlineChallenge(), headline: false }] }), publishAt))).toBe('audit.no_headline');
  });

  it('the snapshot freezes scores, lists the unknowns and keeps only approved, consented testimonies', () => {
    const { snapshot } = publishAudit(OPEN_AUDIT, contents(), publishAt);
    expect(snapshot.scores.headline).toBe('We govern 1 of 9 assessed domains (2 not assessed)');
    expect(snapshot.unknowns).toHaveLength(2);
    expect(snapshot.acknowledgedUnknown).toBe(true);
    expect(snapshot.headlineChallengeId).toBe('c1');
    expect(snapshot.testimonies.map((testimony) => testimony.id)).toEqual(['w1']);
    expect(snapshot.checks).toHaveLength(12);
    expect(Object.isFrozen(snapshot)).toBe(true);
    expect(Object.isFrozen(snapshot.scores.domains[0].reasons)).toBe(true);
    expect(() => { (snapshot.sites as unknown[]).push({}); }).toThrow(TypeError);
  });

  it('the snapshot is a copy: later changes to the live data do not reach it', () => {
    const live = contents({ sites: contents().sites.map((site) => ({ ...site })) });
    const { snapshot } = publishAudit(OPEN_AUDIT, live, publishAt);
    (live.sites[0] as { name: string }).name = 'Renamed later';
    expect(snapshot.sites[0].name).toBe('Riverside Pantry');
  });
});
