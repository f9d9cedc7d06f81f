import { describe, expect, it } from 'vitest';
import { applyNightEvent, emptyNightState, voteResult, type LiveNightState } from '../../../shared/night/live';

const join = { url: 'http://192.168.1.20:8787/n/abc234', short: '192.168.1.20:8787/n/abc234', addresses: ['http://192.168.1.20:8787/n/abc234'] };
const start = (): LiveNightState => emptyNightState('audit-1', '2026 Q4', join);
const testimony = (id: string, text: string) => ({ id, text, pseudonym: null, domain: null, approvedAt: '2026-11-29T19:00:00Z' });

describe('the live state of an audit night', () => {
  it('starts with no testimonies, a vote not yet open and nobody connected', () => {
    expect(start()).toMatchObject({ seq: 0, testimonies: [], vote: { status: 'not-open', options: [], total: 0, result: null }, connected: 0 });
  });

  it('adds approved testimonies in the order they were approved, and drops a withdrawn one', () => {
    let state = applyNightEvent(start(), { seq: 1, type: 'testimony.approved', testimony: testimony('t1', 'First') });
    state = applyNightEvent(state, { seq: 2, type: 'testimony.approved', testimony: testimony('t2', 'Second') });
    expect(state.testimonies.map((t) => t.text)).toEqual(['First', 'Second']);
    state = applyNightEvent(state, { seq: 3, type: 'testimony.withdrawn', testimonyId: 't1' });
    expect(state.testimonies.map((t) => t.text)).toEqual(['Second']);
    expect(state.seq).toBe(3);
  });

  it('ignores an event it already has, so an overlapping replay changes nothing', () => {
    const once = applyNightEvent(start(), { seq: 1, type: 'testimony.approved', testimony: testimony('t1', 'First') });
    expect(applyNightEvent(once, { seq: 1, type: 'testimony.approved', testimony: testimony('t1', 'First') })).toBe(once);
  });

  it('opens a vote, counts it live, and names the winner when it closes', () => {
    let state = applyNightEvent(start(), { seq: 1, type: 'vote.opened', options: [{ challengeId: 'a', title: 'Pantry', count: 0 }, { challengeId: 'b', title: 'Tools', count: 0 }] });
    state = applyNightEvent(state, { seq: 2, type: 'vote.counted', counts: { a: 1, b: 3 }, total: 4 });
    expect(state.vote).toMatchObject({ status: 'open', total: 4, result: null });
    expect(state.vote.options.map((o) => o.count)).toEqual([1, 3]);
    state = applyNightEvent(state, { seq: 3, type: 'vote.closed', counts: { a: 2, b: 3 }, total: 5 });
    expect(state.vote).toMatchObject({ status: 'closed', total: 5, result: { challengeId: 'b', title: 'Tools', count: 3 } });
  });

  it('gives a tie to the option listed first, and no winner to a vote nobody cast', () => {
    expect(voteResult([{ challengeId: 'a', title: 'A', count: 2 }, { challengeId: 'b', title: 'B', count: 2 }])?.challengeId).toBe('a');
    expect(voteResult([{ challengeId: 'a', title: 'A', count: 0 }])).toBeNull();
  });
});
