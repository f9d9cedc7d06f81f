import { describe, expect, it } from 'vitest';
import { answerCheck } from '../../../shared/audit/answerCheck';
import type { AnswerCheckInput } from '../../../shared/audit/answerCheck';
import { DEFAULT_CHECKLIST } from '../../../shared/audit/defaultChecklist';
import { AuditError } from '../../../shared/audit/errors';
import { KudzuError } from '../../../shared/errors';
import { retireCheck } from '../../../shared/audit/editChecklist';

const context = { at: '2025-03-20T19:00:00Z', asOf: '2025-03-31' };
const input = (overrides: Partial<AnswerCheckInput> = {}): AnswerCheckInput => ({
  auditId: 'a1', groupId: 'g1', checkKey: 'open_books', value: 'pass', evidence: 'budget on the notice board',
  evidenceUrl: null, answeredBy: 'ana', expectedVersion: 0, ...overrides,
});

describe('answerCheck', () => {
  it('a first answer is version 1 and records the check version it answered', () => {
    const answer = answerCheck(null, input(), DEFAULT_CHECKLIST, context);
    expect(answer).toMatchObject({ version: 1, checkVersion: 1, value: 'pass', answeredBy: 'ana', answeredAt: '2025-03-20T19:00:00Z' });
  });

  it('an answer given against a stale version is refused, naming who changed it', () => {
    const first = answerCheck(null, input(), DEFAULT_CHECKLIST, context);
    const second = answerCheck(first, input({ value: 'partial', answeredBy: 'ben', expectedVersion: 1 }), DEFAULT_CHECKLIST, context);
    expect(second.version).toBe(2);
    const stale = () => answerCheck(second, input({ value: 'fail', expectedVersion: 1 }), DEFAULT_CHECKLIST, context);
    expect(stale).toThrow(AuditError);
    expect(stale).toThrow('expectedVersion 1 is out of date: this answer is now at version 2, last changed by ben; reload and answer again');
    try { stale(); } catch (error) {
      expect(error).toBeInstanceOf(KudzuError);
      expect(error).toMatchObject({ code: 'CONFLICT', reason: 'answer.stale_version', details: { field: 'expectedVersion' } });
    }
  });

  it('not applicable is refused on a check that applies to every group', () => {
    expect(() => answerCheck(null, input({ value: 'not_applicable' }), DEFAULT_CHECKLIST, context)).toThrow(/applies to every group/);
    expect(answerCheck(null, input({ checkKey: 'assets_in_common', value: 'not_applicable' }), DEFAULT_CHECKLIST, context).value).toBe('not_applicable');
  });

  it('a check retired before the audit or not in it cannot be answered', () => {
    const checks = retireCheck(DEFAULT_CHECKLIST, 'open_books', '2025-01-01');
    expect(() => answerCheck(null, input(), checks, context)).toThrow(/was retired on 2025-01-01/);
    expect(() => answerCheck(null, input({ checkKey: 'nope' }), DEFAULT_CHECKLIST, context)).toThrow('checkKey "nope" is not a check of this audit');
  });
});
