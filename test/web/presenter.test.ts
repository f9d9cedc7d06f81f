import { describe, expect, it } from 'vitest';
import { auditHref, parseAuditRoute } from '../../web/src/screens/audit/auditRoute';
import { stepAfterKey } from '../../web/src/screens/night/presenterKeys';

describe('the projector’s address and keys', () => {
  it('reads the audit and the step from the address, and writes them back the same', () => {
    expect(parseAuditRoute('#/audits/a-1/present/domain-food')).toEqual({ screen: 'present', auditId: 'a-1', step: 'domain-food' });
    expect(parseAuditRoute('#/audits/a-1/present')).toEqual({ screen: 'present', auditId: 'a-1', step: null });
    expect(auditHref({ screen: 'present', auditId: 'a-1', step: 'testimony-t 2' })).toBe('#/audits/a-1/present/testimony-t%202');
    expect(parseAuditRoute(auditHref({ screen: 'present', auditId: 'a-1', step: 'testimony-t 2' }))).toEqual({ screen: 'present', auditId: 'a-1', step: 'testimony-t 2' });
  });

  it('answers a presentation clicker’s keys: next, back, the ends, blank, full screen, leave', () => {
    expect(['ArrowRight', 'PageDown', ' '].map(stepAfterKey)).toEqual(['next', 'next', 'next']);
    expect(['ArrowLeft', 'PageUp'].map(stepAfterKey)).toEqual(['back', 'back']);
    expect([stepAfterKey('Home'), stepAfterKey('End')]).toEqual(['first', 'last']);
    expect([stepAfterKey('b'), stepAfterKey('B'), stepAfterKey('f'), stepAfterKey('Escape')]).toEqual(['blank', 'blank', 'fullscreen', 'leave']);
    expect(stepAfterKey('x')).toBeNull();
  });
});
