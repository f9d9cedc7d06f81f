import { describe, expect, it } from 'vitest';
import { suggestAnswersFromProfile } from '../../../shared/audit/suggestAnswersFromProfile';
import { governanceProfileSchema } from '../../../shared/schemas/group';

describe('suggestAnswersFromProfile', () => {
  it('suggests answers the profile speaks to, each marked as a suggestion with its reason', () => {
    const profile = governanceProfileSchema.parse({
      constitutionUrl: 'https://example.org/constitution',
      activeParticipants: 40,
      revenueMix: { members: 70, commons: 10, market: 0, grants: 20, state: 0 },
      beneficiariesDecide: true,
      assetsHeldInCommon: null,
    });
    const suggestions = suggestAnswersFromProfile('g1', profile, [{ fromGroupId: 'g1', toGroupId: 'g2', kind: 'mutual_support_pact' }]);
    expect(suggestions.map((entry) => [entry.checkKey, entry.value])).toEqual([
      ['constitution', 'pass'],
      ['funding_independence', 'pass'],
      ['scale', 'pass'],
      ['federation', 'pass'],
      ['beneficiaries_decide', 'pass'],
    ]);
    expect(suggestions.every((entry) => entry.suggestion === true && entry.reason.length > 0)).toBe(true);
  });

  it('grants with political strings suggest a failing funding check; a large group fails scale unless split', () => {
    const profile = governanceProfileSchema.parse({ grantsWithPoliticalStrings: true, activeParticipants: 400 });
    const suggestions = suggestAnswersFromProfile('g1', profile, []);
    expect(suggestions.find((entry) => entry.checkKey === 'funding_independence')?.value).toBe('fail');
    expect(suggestions.find((entry) => entry.checkKey === 'scale')).toMatchObject({ value: 'fail', reason: expect.stringContaining('federated cells') });
    expect(suggestions.find((entry) => entry.checkKey === 'federation')?.value).toBe('fail');
  });

  it('suggests nothing where the profile is silent', () => {
    const suggestions = suggestAnswersFromProfile('g1', governanceProfileSchema.parse({}), [{ fromGroupId: 'g2', toGroupId: 'g1', kind: 'flow' }]);
    expect(suggestions.map((entry) => entry.checkKey)).toEqual(['federation']);
    expect(suggestions[0].value).toBe('partial');
  });
});
