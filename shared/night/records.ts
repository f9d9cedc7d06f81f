/**
 * Audit night as the server keeps it: one state per night, the events it pushed, the phones
 * that joined, their ballots and their submissions. Plain data (instants are ISO strings).
 */
import type { LiveVoteStatus } from './live';

/** A challenge put to the vote, as it was put (the count is kept apart, in the ballots). */
export interface NightVoteOption { challengeId: string; title: string }

export interface NightState {
  auditId: string;
  /** The short code phones type to join. */
  code: string;
  /** The number of the night's latest event. */
  lastSeq: number;
  voteStatus: LiveVoteStatus;
  voteOptions: NightVoteOption[];
}

/** An event the night pushed (public content only), replayed from Last-Event-ID. */
export interface StoredNightEvent {
  auditId: string;
  seq: number;
  type: string;
  /** What the event says besides its type and number. */
  payload: Record<string, unknown>;
  createdAt: string;
}

/** A phone that joined a night: the SHA-256 of its random token, never the token. */
export interface NightParticipant { tokenHash: string; auditId: string; joinedAt: string; expiresAt: string }

export interface NightBallot { auditId: string; participant: string; challengeId: string; castAt: string }

export type NightSubmissionKind = 'testimony' | 'proposal' | 'claim';
export type NightSubmissionStatus = 'pending' | 'approved' | 'rejected';

/** What a phone sent, as the console and the phone's own list show it. */
export interface NightSubmissionPayload {
  /** One line for the phone's list. */
  summary: string;
  /** A proposed site. */
  name?: string; functionType?: string; lon?: number; lat?: number;
  /** A claim on a challenge. */
  groupId?: string; groupName?: string; challengeTitle?: string;
}

export interface NightSubmission {
  id: string;
  auditId: string;
  /** The hash of the phone's token. */
  participant: string;
  /** The phone's own key for it: a retry answers what was stored the first time. */
  idempotencyKey: string;
  kind: NightSubmissionKind;
  /** The testimony it stored, or the challenge it claims; null for a proposed site. */
  targetId: string | null;
  payload: NightSubmissionPayload;
  status: NightSubmissionStatus;
  submittedAt: string;
  moderatedBy: string | null;
  moderatedAt: string | null;
}
