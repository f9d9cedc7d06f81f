/**
 * Audit night, live: what a projector (and a phone) receives over Server-Sent Events.
 *
 * Everything here is public-tier content at public precision, presented once on the
 * server (through server/privacy/policy.ts) and stored in the night's events table. A
 * client holds a `LiveNightState` and folds each `NightEvent` into it with
 * `applyNightEvent`; on reconnecting it sends the last event id it saw (`Last-Event-ID`)
 * and the server replays what it missed.
 *
 * The stream (`GET /api/night/events?audit=<id>`) sends:
 *   - `event: snapshot` with `id: <seq>` and a `LiveNightState` (when the client has no
 *     last event id, or its id is too old to replay);
 *   - one message per `NightEvent` (`event: <type>`, `id: <seq>`, data the event);
 *   - `event: presence` with no id and `{ connected }` (a count, never who).
 */

/** An approved, consented, public testimony, as the projector shows it. */
export interface LiveTestimony {
  id: string;
  text: string;
  /** The teller's chosen pseudonym, or null (anonymous). */
  pseudonym: string | null;
  /** The domain of life it speaks to, if the teller or moderator gave one. */
  domain: string | null;
  /** When it was approved (ISO instant). */
  approvedAt: string;
}

export type LiveVoteStatus = 'not-open' | 'open' | 'closed';

export interface LiveVoteOption {
  challengeId: string;
  title: string;
  count: number;
}

export interface LiveVote {
  status: LiveVoteStatus;
  /** The challenges a steward put to the vote, in the order they were given. */
  options: LiveVoteOption[];
  /** Ballots cast (one per phone; a changed vote is still one). */
  total: number;
  /** Once closed: the option with the most votes (ties go to the first listed), else null. */
  result: LiveVoteOption | null;
}

export interface LiveJoin {
  /** The join link the QR code encodes (e.g. http://192.168.1.20:8787/night.html?audit=…). */
  url: string;
  /** A short address to type by hand (host:port/n/<code>). */
  short: string;
  /** Every LAN address the server listens on, as join links (empty on loopback only). */
  addresses: string[];
}

export interface LiveNightState {
  auditId: string;
  /** The audit's period label ("2026 Q4"). */
  title: string;
  /** The last event folded in (0 before any). */
  seq: number;
  /** Approved public testimonies, oldest first. */
  testimonies: LiveTestimony[];
  vote: LiveVote;
  /** Phones and screens connected now (a count, never identities). */
  connected: number;
  join: LiveJoin;
}

/** One row of a night's events table, as pushed. Only public content is ever stored here. */
export type NightEvent =
  | { seq: number; type: 'testimony.approved'; testimony: LiveTestimony }
  /** A testimony approved earlier was withdrawn (rejected after all, or narrowed). */
  | { seq: number; type: 'testimony.withdrawn'; testimonyId: string }
  | { seq: number; type: 'vote.opened'; options: LiveVoteOption[] }
  | { seq: number; type: 'vote.counted'; counts: Record<string, number>; total: number }
  | { seq: number; type: 'vote.closed'; counts: Record<string, number>; total: number }
  /** Something waits for moderation (no content: the console refetches what it may see). Sent only to streams asked with `queue=1`. */
  | { seq: number; type: 'queue.changed' };

export type NightEventType = NightEvent['type'];

export const NIGHT_EVENT_TYPES: readonly NightEventType[] = ['testimony.approved', 'testimony.withdrawn', 'vote.opened', 'vote.counted', 'vote.closed', 'queue.changed'];

/** A night with nothing yet. */
export function emptyNightState(auditId: string, title: string, join: LiveJoin): LiveNightState {
  return { auditId, title, seq: 0, testimonies: [], vote: { status: 'not-open', options: [], total: 0, result: null }, connected: 0, join };
}

/** The winning option of a closed vote: most votes, ties to the first listed; none without ballots. */
export function voteResult(options: readonly LiveVoteOption[]): LiveVoteOption | null {
  let best: LiveVoteOption | null = null;
  for (const option of options) if (option.count > 0 && (!best || option.count > best.count)) best = option;
  return best;
}

function counted(options: readonly LiveVoteOption[], counts: Record<string, number>): LiveVoteOption[] {
  return options.map((option) => ({ ...option, count: counts[option.challengeId] ?? 0 }));
}

/**
 * Fold one event into the state. Pure; an event at or before `state.seq` is already in and
 * changes nothing, so a replay that overlaps is harmless.
 */
export function applyNightEvent(state: LiveNightState, event: NightEvent): LiveNightState {
  if (event.seq <= state.seq) return state;
  const next = { ...state, seq: event.seq };
  switch (event.type) {
    case 'testimony.approved':
      return { ...next, testimonies: [...state.testimonies.filter((t) => t.id !== event.testimony.id), event.testimony] };
    case 'testimony.withdrawn':
      return { ...next, testimonies: state.testimonies.filter((t) => t.id !== event.testimonyId) };
    case 'vote.opened':
      return { ...next, vote: { status: 'open', options: event.options, total: 0, result: null } };
    case 'vote.counted':
      return { ...next, vote: { ...state.vote, options: counted(state.vote.options, event.counts), total: event.total } };
    case 'vote.closed': {
      const options = counted(state.vote.options, event.counts);
      return { ...next, vote: { status: 'closed', options, total: event.total, result: voteResult(options) } };
    }
    case 'queue.changed':
      return next;
  }
}
