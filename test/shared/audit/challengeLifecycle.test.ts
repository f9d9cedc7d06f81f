import { describe, expect, it } from 'vitest';
import {
  chooseHeadline,
  createChallenge,
  openSequel,
  transitionChallenge,
  validateHeadline,
} from '../../../shared/audit/challengeLifecycle';
import { isAuditError } from '../../../shared/audit/errors';
import type { Challenge } from '../../../shared/audit/types';
import { deepFreeze } from './fixtures';

const at = (time: string, by = 'ana') => ({ at: `2025-03-${time}Z`, by });
const fresh = (id = 'c1'): Challenge => deepFreeze(createChallenge({
  id, auditId: 'a1', title: `Challenge ${id}`, description: 'A need.', domain: 'food',
  source: { kind: 'manual' }, location: { kind: 'area', areaId: 'riverside' }, dueOn: '2025-06-20',
}, at('20T20:00:00')));

function refusal(action: () => unknown): { reason: string; message: string } | null {
  try {
    action();
    return null;
  } catch (error) {
    if (isAuditError(error)) return { reason: error.reason, message: error.message };
    throw error;
  }
}

describe('the challenge lifecycle', () => {
  it('goes open → claimed by a group → solved with evidence, keeping the history', () => {
    const claimed = transitionChallenge(fresh(), { type: 'claim', groupId: 'g-pantry' }, at('21T10:00:00'));
    const solved = transitionChallenge(claimed, { type: 'solve', evidence: 'Second pantry opened on Elm St.' }, at('28T10:00:00', 'ben'));
    expect(solved).toMatchObject({ status: 'solved', claimedByGroupId: 'g-pantry', solvedEvidence: 'Second pantry opened on Elm St.', version: 3 });
    expect(solved.history.map((event) => [event.from, event.to, event.by])).toEqual([
      [null, 'open', 'ana'],
      ['open', 'claimed', 'ana'],
      ['claimed', 'solved', 'ben'],
    ]);
  });

  it('solving without evidence is refused', () => {
    expect(refusal(() => transitionChallenge(fresh(), { type: 'solve', evidence: '   ' }, at('21T10:00:00'))))
      .toEqual({ reason: 'challenge.evidence_required', message: 'evidence is required to mark a challenge solved: say what was done' });
  });

  it('carrying over sets the due date to the next audit and remembers where it went', () => {
    const carried = transitionChallenge(fresh(), { type: 'carry_over', toAuditId: 'a2', dueOn: '2025-09-18' }, at('31T10:00:00'));
    expect(carried).toMatchObject({ status: 'carried_over', dueOn: '2025-09-18', carriedOverTo: ['a2'] });
    const claimedLater = transitionChallenge(carried, { type: 'claim', groupId: 'g-garden' }, at('31T11:00:00'));
    expect(claimedLater.status).toBe('claimed');
  });

  it('a claim can be released, and a solved challenge cannot move again', () => {
    const claimed = transitionChallenge(fresh(), { type: 'claim', groupId: 'g1' }, at('21T10:00:00'));
    expect(transitionChallenge(claimed, { type: 'release' }, at('22T10:00:00'))).toMatchObject({ status: 'open', claimedByGroupId: null });
    const solved = transitionChallenge(fresh(), { type: 'solve', evidence: 'done' }, at('21T10:00:00'));
    expect(refusal(() => transitionChallenge(solved, { type: 'claim', groupId: 'g1' }, at('22T10:00:00'))))
      .toEqual({ reason: 'challenge.illegal_transition', message: 'a challenge that is solved cannot be claimed; a solved challenge is closed — open a sequel instead' });
    expect(refusal(() => transitionChallenge(fresh(), { type: 'release' }, at('22T10:00:00')))?.reason).toBe('challenge.illegal_transition');
  });

  it('a solved challenge may open a sequel that points back to it', () => {
    const solved = transitionChallenge(fresh(), { type: 'solve', evidence: 'done' }, at('21T10:00:00'));
    const sequel = openSequel(solved, { id: 'c2', auditId: 'a2', title: 'Keep the pantry stocked', description: '', dueOn: '2025-09-18' }, at('22T10:00:00'));
    expect(sequel).toMatchObject({ id: 'c2', status: 'open', sequelOf: 'c1', domain: 'food', headline: false, version: 1 });
    expect(refusal(() => openSequel(fresh(), { id: 'c3', auditId: 'a2', title: 'x', description: '', dueOn: null }, at('22T10:00:00')))?.reason)
      .toBe('challenge.illegal_transition');
  });
});

describe('the headline challenge', () => {
  it('choosing a headline makes it the only one', () => {
    const challenges = chooseHeadline(chooseHeadline([fresh('c1'), fresh('c2')], 'c1'), 'c2');
    expect(challenges.map((challenge) => [challenge.id, challenge.headline])).toEqual([['c1', false], ['c2', true]]);
    expect(validateHeadline(challenges).id).toBe('c2');
  });

  it('publishing with no headline is refused with a clear message', () => {
    expect(refusal(() => validateHeadline([fresh()]))).toEqual({
      reason: 'audit.no_headline',
      message: 'publishing is refused: no headline challenge is chosen. Choose the one unmet need to solve before the next audit.',
    });
  });

  it('publishing with two headlines is refused', () => {
    const two = [{ ...fresh('c1'), headline: true }, { ...fresh('c2'), headline: true }];
    expect(refusal(() => validateHeadline(two))?.reason).toBe('audit.several_headlines');
  });

  it('a solved challenge or a stranger cannot be the headline', () => {
    const solved = transitionChallenge(fresh(), { type: 'solve', evidence: 'done' }, at('21T10:00:00'));
    expect(refusal(() => chooseHeadline([solved], 'c1'))?.reason).toBe('challenge.illegal_transition');
    expect(refusal(() => chooseHeadline([fresh()], 'nope'))?.reason).toBe('challenge.not_found');
  });
});
