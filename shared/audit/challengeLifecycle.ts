import { AuditError } from './errors';
import type {
  Challenge,
  ChallengeProposal,
  ChallengeStatus,
  DateString,
  InstantString,
} from './types';

/**
 * The life of a challenge: open → claimed (by a group) → solved (with evidence), or
 * carried over to the next audit (due then). A claim can be released. Solved is final; a
 * sequel is a new challenge that points back to it.
 */
export type ChallengeAction =
  | { type: 'claim'; groupId: string }
  | { type: 'release' }
  | { type: 'solve'; evidence: string; evidenceUrl?: string | null }
  | { type: 'carry_over'; toAuditId: string; dueOn: DateString };

export interface ActionContext {
  at: InstantString;
  /** Who acted (user id or name). */
  by: string | null;
}

const ALLOWED: Readonly<Record<ChallengeStatus, readonly ChallengeAction['type'][]>> = Object.freeze({
  open: ['claim', 'solve', 'carry_over'],
  claimed: ['release', 'solve', 'carry_over'],
  carried_over: ['claim', 'solve', 'carry_over'],
  solved: [],
});

/** What raising a challenge takes: its description; the lifecycle fields start fresh. `dueOn` is the next audit's date. */
export type NewChallenge = Pick<Challenge, 'id' | 'auditId' | 'title' | 'description' | 'domain' | 'source' | 'location' | 'dueOn'> & {
  sequelOf?: string | null;
};

export function createChallenge(input: NewChallenge, context: ActionContext): Challenge {
  return {
    id: input.id,
    auditId: input.auditId,
    title: input.title,
    description: input.description,
    domain: input.domain,
    source: input.source,
    location: input.location,
    status: 'open',
    claimedByGroupId: null,
    solvedEvidence: null,
    solvedEvidenceUrl: null,
    dueOn: input.dueOn,
    carriedOverTo: [],
    sequelOf: input.sequelOf ?? null,
    headline: false,
    createdAt: context.at,
    history: [{ at: context.at, from: null, to: 'open', by: context.by, note: input.sequelOf ? `sequel of ${input.sequelOf}` : 'raised' }],
    version: 1,
  };
}

/** Raise a proposed challenge (from proposeChallenges) as a real one. */
export function challengeFromProposal(
  proposal: ChallengeProposal,
  ids: { id: string; auditId: string; dueOn: DateString | null },
  context: ActionContext,
): Challenge {
  return createChallenge({ ...ids, title: proposal.title, description: proposal.description, domain: proposal.domain, source: proposal.source, location: proposal.location }, context);
}

export function transitionChallenge(challenge: Challenge, action: ChallengeAction, context: ActionContext): Challenge {
  if (!ALLOWED[challenge.status].includes(action.type)) {
    const hint = challenge.status === 'solved' ? '; a solved challenge is closed — open a sequel instead' : '';
    throw new AuditError('challenge.illegal_transition', `a challenge that is ${words(challenge.status)} cannot be ${pastTense(action.type)}${hint}`, { field: 'status' });
  }
  const moved = (to: ChallengeStatus, changes: Partial<Challenge>, note: string): Challenge => ({
    ...challenge,
    ...changes,
    status: to,
    history: [...challenge.history, { at: context.at, from: challenge.status, to, by: context.by, note }],
    version: challenge.version + 1,
  });
  switch (action.type) {
    case 'claim':
      return moved('claimed', { claimedByGroupId: action.groupId }, `claimed by group ${action.groupId}`);
    case 'release':
      return moved('open', { claimedByGroupId: null }, 'claim released');
    case 'solve': {
      const evidence = action.evidence.trim();
      if (evidence === '') {
        throw new AuditError('challenge.evidence_required', 'evidence is required to mark a challenge solved: say what was done', { field: 'evidence' });
      }
      return moved('solved', { solvedEvidence: evidence, solvedEvidenceUrl: action.evidenceUrl ?? null }, 'solved');
    }
    case 'carry_over':
      return moved('carried_over', { dueOn: action.dueOn, carriedOverTo: [...challenge.carriedOverTo, action.toAuditId] }, `carried over to audit ${action.toAuditId}, due ${action.dueOn}`);
  }
}

/** A new challenge that follows on from a solved one. */
export function openSequel(
  solved: Challenge,
  input: Omit<NewChallenge, 'sequelOf' | 'source' | 'location' | 'domain'> & Partial<Pick<NewChallenge, 'source' | 'location' | 'domain'>>,
  context: ActionContext,
): Challenge {
  if (solved.status !== 'solved') {
    throw new AuditError('challenge.illegal_transition', `only a solved challenge can open a sequel; "${solved.title}" is ${words(solved.status)}`, { field: 'sequelOf' });
  }
  return createChallenge({
    ...input,
    domain: input.domain ?? solved.domain,
    source: input.source ?? solved.source,
    location: input.location ?? solved.location,
    sequelOf: solved.id,
  }, context);
}

/** Make one challenge the headline of its audit, and no other. */
export function chooseHeadline(challenges: readonly Challenge[], challengeId: string): Challenge[] {
  const chosen = challenges.find((challenge) => challenge.id === challengeId);
  if (!chosen) throw new AuditError('challenge.not_found', `challengeId "${challengeId}" is not a challenge of this audit`, { field: 'challengeId' });
  if (chosen.status === 'solved') {
    throw new AuditError('challenge.illegal_transition', `"${chosen.title}" is already solved and cannot be the headline; choose an unmet need`, { field: 'challengeId' });
  }
  return challenges.map((challenge) => {
    const headline = challenge.id === challengeId;
    return challenge.headline === headline ? challenge : { ...challenge, headline, version: challenge.version + 1 };
  });
}

/**
 * The rule at publication: exactly one headline challenge. None chosen, or several, and
 * publishing is refused with a message saying what to do.
 */
export function validateHeadline(challenges: readonly Challenge[]): Challenge {
  const headlines = challenges.filter((challenge) => challenge.headline);
  if (headlines.length === 0) {
    throw new AuditError('audit.no_headline', 'publishing is refused: no headline challenge is chosen. Choose the one unmet need to solve before the next audit.', { field: 'headlineChallengeId' });
  }
  if (headlines.length > 1) {
    throw new AuditError('audit.several_headlines', `publishing is refused: ${headlines.length} challenges are marked as headline (${headlines.map((challenge) => `"${challenge.title}"`).join(', ')}); keep exactly one.`, { field: 'headlineChallengeId' });
  }
  return headlines[0];
}

function words(status: ChallengeStatus): string {
  return status === 'carried_over' ? 'carried over' : status;
}

function pastTense(action: ChallengeAction['type']): string {
  switch (action) {
    case 'claim': return 'claimed';
    case 'release': return 'released';
    case 'solve': return 'solved';
    case 'carry_over': return 'carried over';
  }
}
