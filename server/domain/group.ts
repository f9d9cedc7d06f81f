/**
 * Groups and links as the server holds them, between the repositories and the presenters:
 * the API's `Group` and `Link` (camelCase, JSON parsed) and what only the server keeps.
 */
import type { Group, Link } from '../../shared/schemas/group';

export interface StoredGroup extends Group { createdAt: string }

/** A link; a flow points the way it goes (from the giver to the receiver). */
export interface StoredLink extends Link {
  createdAt: string;
  /** Who proposed a draft link, until a steward confirms it. */
  proposedBy: string | null;
}

/** What a write may change of a group: everything but its identity and history. */
export type GroupChange = Partial<Omit<StoredGroup, 'id' | 'version' | 'createdAt'>>;
