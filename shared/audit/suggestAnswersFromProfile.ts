import type { GovernanceProfile } from '../schemas/group';
import type { AnswerSuggestion, AuditLink } from './types';

/** Revenue from grants and the state above this share makes funding independence "partial". */
export const DEPENDENT_REVENUE_SHARE = 50;
export const SCALE_LIMIT = 150;

/**
 * Likely answers read from what a group says about itself, for the auditors to confirm.
 * Only the default checks a profile speaks to are suggested; nothing is suggested where
 * the profile is silent. These are suggestions: the screen must show them as such and an
 * auditor must confirm each before it becomes an answer.
 */
export function suggestAnswersFromProfile(
  groupId: string,
  profile: GovernanceProfile,
  links: readonly Pick<AuditLink, 'fromGroupId' | 'toGroupId' | 'kind'>[],
): AnswerSuggestion[] {
  const suggestions: AnswerSuggestion[] = [];
  const suggest = (checkKey: string, value: AnswerSuggestion['value'], reason: string) =>
    suggestions.push({ groupId, checkKey, value, reason, suggestion: true });

  if (profile.constitutionUrl) suggest('constitution', 'pass', `The profile links a constitution (${profile.constitutionUrl}); check that it is one page and posted.`);

  const revenue = profile.revenueMix;
  const revenueKnown = revenue.members + revenue.commons + revenue.market + revenue.grants + revenue.state > 0;
  if (profile.grantsWithPoliticalStrings) {
    suggest('funding_independence', 'fail', 'The profile says the group takes grants with political strings.');
  } else if (!profile.partnershipsDisclosed) {
    suggest('funding_independence', 'fail', 'The profile says partnerships are not disclosed.');
  } else if (revenueKnown) {
    const dependent = revenue.grants + revenue.state;
    if (dependent > DEPENDENT_REVENUE_SHARE) {
      suggest('funding_independence', 'partial', `${dependent} % of revenue comes from grants and the state.`);
    } else {
      suggest('funding_independence', 'pass', `${revenue.members + revenue.commons} % of revenue from members and other commons, ${dependent} % from grants and the state; no grants with political strings; partnerships disclosed.`);
    }
  }

  if (profile.activeParticipants !== null) {
    if (profile.activeParticipants <= SCALE_LIMIT) {
      suggest('scale', 'pass', `${profile.activeParticipants} active participants, at most ${SCALE_LIMIT}.`);
    } else {
      suggest('scale', 'fail', `${profile.activeParticipants} active participants, more than ${SCALE_LIMIT}; it passes only if the group is split into federated cells.`);
    }
  }

  const own = links.filter((link) => link.fromGroupId === groupId || link.toGroupId === groupId);
  const pacts = own.filter((link) => link.kind === 'mutual_support_pact' || link.kind === 'shared_fund');
  if (pacts.length > 0) suggest('federation', 'pass', `In ${pacts.length} pact${pacts.length === 1 ? '' : 's'} (mutual support or shared fund).`);
  else if (own.length > 0) suggest('federation', 'partial', 'Linked to other groups, but by no pact or shared fund.');
  else suggest('federation', 'fail', 'No link to any other group is recorded.');

  if (profile.beneficiariesDecide) suggest('beneficiaries_decide', 'pass', 'The profile says the people served take part in decisions.');

  if (profile.assetsHeldInCommon === true) suggest('assets_in_common', 'pass', 'The profile says the group\'s assets are held in common.');
  else if (profile.assetsHeldInCommon === false) suggest('assets_in_common', 'fail', 'The profile says the group\'s assets are not held in common; answer "not applicable" if it has none.');

  return suggestions;
}
