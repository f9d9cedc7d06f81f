import { describe, expect, it } from 'vitest';
import {
  auditCreateSchema,
  auditPublishSchema,
  auditSnapshotSchema,
  challengeSolveSchema,
  checkAnswerInputSchema,
  tallyInputSchema,
  testimonySubmitSchema,
} from '../../../shared/schemas/audit';
import { CURRENT } from './snapshots';

const firstMessage = (result: { success: boolean; error?: { issues: { message: string }[] } }) => result.error?.issues[0]?.message;

describe('audit schemas', () => {
  it('a tally count must be a whole number ≥ 0, and the message says so', () => {
    expect(firstMessage(tallyInputSchema.safeParse({ auditId: 'a1', name: 'Meals', unit: 'meals', count: -1 }))).toBe('count must be a whole number ≥ 0');
    expect(firstMessage(tallyInputSchema.safeParse({ auditId: 'a1', name: 'Meals', unit: 'meals', count: 2.5 }))).toBe('count must be a whole number ≥ 0');
    expect(tallyInputSchema.parse({ auditId: 'a1', name: ' Meals ', unit: 'meals', count: 0 })).toEqual({ auditId: 'a1', name: 'Meals', unit: 'meals', count: 0, domain: null });
  });

  it('an audit needs a next-audit date after its period', () => {
    const result = auditCreateSchema.safeParse({ areaId: 'r', period: { label: 'Spring', start: '2025-01-01', end: '2025-03-31' }, nextAuditOn: '2025-03-01' });
    expect(firstMessage(result)).toBe('nextAuditOn must be after the end of the period');
  });

  it('a public testimony needs consent and waits for moderation', () => {
    expect(firstMessage(testimonySubmitSchema.safeParse({ auditId: 'a1', text: 'We ate.', consent: false })))
      .toBe('consent is required: the teller must agree to the testimony being shown');
    expect(testimonySubmitSchema.parse({ auditId: 'a1', text: 'We ate.', consent: true, pseudonym: '' }))
      .toMatchObject({ pseudonym: null, visibility: 'public' });
  });

  it('an answer names the version it expects, and evidence links must be web addresses', () => {
    expect(firstMessage(checkAnswerInputSchema.safeParse({ auditId: 'a1', groupId: 'g', checkKey: 'open_books', value: 'pass' })))
      .toBe('expectedVersion must be a number');
    expect(firstMessage(checkAnswerInputSchema.safeParse({ auditId: 'a1', groupId: 'g', checkKey: 'open_books', value: 'pass', expectedVersion: 0, evidenceUrl: 'javascript:alert(1)' })))
      .toBe('evidenceUrl must be a web address starting with http:// or https://');
  });

  it('solving needs evidence; publishing defaults to not acknowledging unknowns', () => {
    expect(firstMessage(challengeSolveSchema.safeParse({ challengeId: 'c1', version: 1, evidence: ' ' }))).toBe('evidence is required');
    expect(auditPublishSchema.parse({ auditId: 'a1', version: 3 }).acknowledgeUnknown).toBe(false);
  });

  it('a published snapshot passes the output schema unchanged', () => {
    expect(auditSnapshotSchema.parse(JSON.parse(JSON.stringify(CURRENT)))).toEqual(JSON.parse(JSON.stringify(CURRENT)));
  });
});
