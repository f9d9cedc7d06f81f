import { z } from 'zod';
import { idSchema, roleSchema } from './common';
import type { Role } from '../privacy/roles';

/** What an invitation link says before anyone uses it (the join screen shows it). */
export const invitationLookupSchema = z.object({ token: z.string().min(10, 'this invitation link is not valid').max(200, 'this invitation link is not valid') });

export interface InvitationStatus {
  role: string;
  expiresAt: string;
  /** True when nobody has an account yet: this person will be the network's first steward. */
  firstAccount: boolean;
}

export const setRoleSchema = z.object({ userId: idSchema, role: roleSchema.exclude(['public']) });
export const revokeInvitationSchema = z.object({ invitationId: idSchema });

export interface Person {
  id: string;
  email: string;
  displayName: string;
  role: string;
  joinedAt: string;
  /** The viewer's own account (whose role they cannot change themselves). */
  isYou: boolean;
}

export interface InvitationSummary {
  id: string;
  role: string;
  note: string;
  createdAt: string;
  expiresAt: string;
  status: 'waiting' | 'accepted' | 'expired';
  acceptedBy: string | null;
}

export interface People {
  people: Person[];
  invitations: InvitationSummary[];
}

// ─── As the server keeps them ──────────────────────────────────────────────────────────

/** An account: the password is kept only as its hash. */
export interface Account {
  id: string;
  email: string;
  displayName: string;
  passwordHash: string;
  role: Role;
  createdAt: string;
  disabled: boolean;
}

/** A signed-in browser: `id` is the SHA-256 of the cookie's token, never the token. */
export interface Session {
  id: string;
  userId: string;
  createdAt: string;
  expiresAt: string;
  lastSeenAt: string;
}

/** An invitation link: `tokenHash` is the SHA-256 of the link's token, never the token. */
export interface Invitation {
  id: string;
  tokenHash: string;
  role: Role;
  note: string;
  createdBy: string | null;
  createdAt: string;
  expiresAt: string;
  acceptedBy: string | null;
  acceptedAt: string | null;
}
