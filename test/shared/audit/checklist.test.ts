import { describe, expect, it } from 'vitest';
import { DEFAULT_CHECKLIST } from '../../../shared/audit/defaultChecklist';
import { NEED_DEFAULTS } from '../../../shared/audit/needDefaults';
import { addCheck, checksForAudit, retireCheck, reweightCheck, rewordCheck } from '../../../shared/audit/editChecklist';
import { DOMAIN_IDS } from '../../../shared/taxonomy/domains';
import { isAuditError } from '../../../shared/audit/errors';

function reasonOf(action: () => unknown): string | undefined {
  try {
    action();
  } catch (error) {
    if (isAuditError(error)) return error.reason;
    throw error;
  }
  return undefined;
}

describe('the default checklist', () => {
  it('holds the twelve checks of the product, each with a stable key, at version 1 and weight 1', () => {
    expect(DEFAULT_CHECKLIST.map((check) => check.key)).toEqual([
      'constitution', 'rotation', 'recall', 'open_books', 'skill_circulation', 'assemblies',
      'funding_independence', 'scale', 'federation', 'beneficiaries_decide', 'assets_in_common', 'care',
    ]);
    expect(DEFAULT_CHECKLIST.every((check) => check.version === 1 && check.weight === 1 && check.retiredOn === null)).toBe(true);
    expect(DEFAULT_CHECKLIST.every((check) => check.question.endsWith('?') && check.description.length > 20)).toBe(true);
  });

  it('lets only assets held in common be answered not applicable', () => {
    expect(DEFAULT_CHECKLIST.filter((check) => check.mayNotApply).map((check) => check.key)).toEqual(['assets_in_common']);
  });
});

describe('the default need per domain', () => {
  it('covers every domain with a share and a sentence saying where it comes from', () => {
    expect(NEED_DEFAULTS.map((entry) => entry.domain)).toEqual([...DOMAIN_IDS]);
    for (const entry of NEED_DEFAULTS) {
      expect(entry.share).toBeGreaterThan(0);
      expect(entry.share).toBeLessThanOrEqual(1);
      expect(entry.reason.length).toBeGreaterThan(40);
    }
  });
});

describe('editing a checklist', () => {
  it('rewording a check bumps its version and leaves an audit\'s copy as it was', () => {
    const forAudit = checksForAudit(DEFAULT_CHECKLIST, '2025-01-01');
    const edited = rewordCheck(DEFAULT_CHECKLIST, 'open_books', { question: 'Is the budget posted on the wall?' });
    const openBooks = edited.find((check) => check.key === 'open_books')!;
    expect(openBooks).toMatchObject({ version: 2, question: 'Is the budget posted on the wall?' });
    expect(forAudit.find((check) => check.key === 'open_books')!.question).toBe('Are the books open: is the budget published to members?');
  });

  it('reweighting bumps the version; a weight of 0 is refused', () => {
    expect(reweightCheck(DEFAULT_CHECKLIST, 'care', 2).find((check) => check.key === 'care')).toMatchObject({ weight: 2, version: 2 });
    expect(reasonOf(() => reweightCheck(DEFAULT_CHECKLIST, 'care', 0))).toBe('checklist.bad_weight');
  });

  it('a retired check stays in the list and is left out of later audits only', () => {
    const retired = retireCheck(DEFAULT_CHECKLIST, 'care', '2025-06-01');
    expect(retired).toHaveLength(12);
    expect(checksForAudit(retired, '2025-05-31').map((check) => check.key)).toContain('care');
    expect(checksForAudit(retired, '2025-06-01').map((check) => check.key)).not.toContain('care');
    expect(reasonOf(() => retireCheck(retired, 'care', '2025-07-01'))).toBe('checklist.already_retired');
  });

  it('a new check needs a key no other check uses', () => {
    const added = addCheck(DEFAULT_CHECKLIST, { key: 'childcare_at_meetings', question: 'Is childcare offered at assemblies?', description: '', weight: 1, mayNotApply: false }, '2025-04-01');
    expect(added.at(-1)).toMatchObject({ key: 'childcare_at_meetings', version: 1, addedOn: '2025-04-01' });
    expect(reasonOf(() => addCheck(added, { key: 'care', question: 'Again?', description: '', weight: 1, mayNotApply: false }, '2025-04-01'))).toBe('checklist.duplicate_key');
  });

  it('never changes the list it was given', () => {
    const before = JSON.stringify(DEFAULT_CHECKLIST);
    rewordCheck(DEFAULT_CHECKLIST, 'care', { description: 'Rest after the harvest.' });
    expect(JSON.stringify(DEFAULT_CHECKLIST)).toBe(before);
  });
});
