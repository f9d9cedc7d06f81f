/**
 * What audit night's phone page and console are shown (the answers of night.phone and
 * night.console). A phone's view is public content only and nothing about other phones.
 */
import type { AreaGeometry } from '../schemas/geometry';
import type { Testimony } from '../audit/types';
import type { LiveNightState } from './live';

export interface PhoneSubmission {
  key: string;
  kind: 'testimony' | 'proposal' | 'claim';
  status: 'pending' | 'approved' | 'rejected';
  summary: string;
  /** For a testimony, its id (so the phone knows its own when the projector gets it). */
  testimonyId: string | null;
}

/** What a phone is shown: public only, and nothing about any other phone. */
export interface PhoneView {
  auditId: string;
  title: string;
  vote: { status: LiveNightState['vote']['status']; options: { challengeId: string; title: string }[]; mine: string | null };
  /** Open public challenges a group may claim. */
  challenges: { id: string; title: string; claimed: boolean }[];
  groups: { id: string; name: string }[];
  functionTypes: { id: string; label: string }[];
  /** The audit's area, for the small map a proposed site is placed on. */
  area: { bbox: [number, number, number, number]; geometry: AreaGeometry } | null;
  submissions: PhoneSubmission[];
}

export interface ConsoleView {
  auditId: string;
  title: string;
  status: string;
  code: string;
  testimonies: Testimony[];
  proposals: { id: string; name: string; functionType: string; lon: number; lat: number; status: string; submittedAt: string }[];
  claims: { id: string; challengeId: string; challengeTitle: string; groupId: string; groupName: string; status: string; submittedAt: string }[];
  /** Challenges that may be put to the vote. */
  candidates: { id: string; title: string }[];
  vote: LiveNightState['vote'];
}

