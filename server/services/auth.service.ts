import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { inTransaction, repositories, type Repositories, type Store } from '../repositories';
import { scryptPasswords, type PasswordHasher } from './password';
import { SignInLimits } from './signInLimits';
import { requireRole, type Actor } from './context';
import { KudzuError } from '../../shared/errors';
import type { Viewer } from '../../shared/schemas/auth';
import type { InvitationStatus } from '../../shared/schemas/people';
import type { Role } from '../../shared/privacy/roles';
import { assertMayInvite } from '../privacy/policy';

export const SESSION_DAYS = 30;
const DAY_MS = 86_400_000;

export const PUBLIC_VIEWER: Viewer = { userId: null, displayName: null, role: 'public' };

function digest(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Where a sign-in comes from, for the per-address limit; direct calls (tests, the CLI) are "local". */
export const LOCAL_ADDRESS = 'local';

export interface AuthServiceOptions {
  passwords?: PasswordHasher;
  limits?: SignInLimits;
}

export class AuthService {
  private readonly passwords: PasswordHasher;
  private readonly limits: SignInLimits;
  /** A hash to compare against when the email is unknown, so both paths take as long. */
  private decoyHash: Promise<string> | null = null;

  constructor(private readonly db: Store, options: AuthServiceOptions = {}) {
    this.passwords = options.passwords ?? scryptPasswords;
    this.limits = options.limits ?? new SignInLimits();
  }

  /** The viewer a session token stands for; an unknown or expired token is the public. */
  async viewerForSession(token: string | undefined, now: Date): Promise<Viewer & { sessionId?: string }> {
    if (!token) return PUBLIC_VIEWER;
    const id = digest(token);
    const session = await repositories(this.db).sessions.live(id, now.toISOString());
    if (!session) return PUBLIC_VIEWER;
    return { userId: session.userId, displayName: session.displayName, role: session.role, sessionId: id };
  }

  /**
   * Check a password and open a server-side session; returns the token for the cookie.
   * The attempt is counted against the address and the account before any hashing.
   */
  async login(email: string, password: string, now: Date, address: string = LOCAL_ADDRESS): Promise<{ token: string; viewer: Viewer; expiresAt: Date }> {
    this.limits.take(address, email, now);
    const repos = repositories(this.db);
    const user = await repos.users.byEmail(email);
    this.decoyHash ??= this.passwords.hash('decoy password for unknown emails');
    const ok = user && !user.disabled ? await this.passwords.verify(password, user.passwordHash) : (await this.passwords.verify(password, await this.decoyHash), false);
    if (!user || !ok) throw new KudzuError('UNAUTHENTICATED', 'that email and password do not match an account', { field: 'password' });
    this.limits.succeeded(email);
    const token = newToken();
    const expiresAt = new Date(now.getTime() + SESSION_DAYS * DAY_MS);
    await repos.sessions.insert({ id: digest(token), userId: user.id, createdAt: now.toISOString(), expiresAt: expiresAt.toISOString(), lastSeenAt: now.toISOString() });
    return { token, viewer: { userId: user.id, displayName: user.displayName, role: user.role }, expiresAt };
  }

  async logout(token: string | undefined): Promise<void> {
    if (token) await repositories(this.db).sessions.delete(digest(token));
  }

  /** An invitation link's token. Only stewards invite, and nobody invites above their own role. */
  async invite(actor: Actor, role: Exclude<Role, 'public'>, note: string, expiresInDays: number): Promise<{ token: string; expiresAt: string }> {
    requireRole(actor, 'steward', 'inviting people');
    assertMayInvite(actor, role);
    const token = newToken();
    const expiresAt = new Date(actor.now.getTime() + expiresInDays * DAY_MS).toISOString();
    await repositories(this.db).invitations.insert({
      id: randomUUID(), tokenHash: digest(token), role, note, createdBy: actor.viewer.userId,
      createdAt: actor.now.toISOString(), expiresAt, acceptedBy: null, acceptedAt: null,
    });
    return { token, expiresAt };
  }

  /**
   * Turn an invitation into an account, once. The cheap checks (the address's attempts, the
   * token, the email) come before the password is hashed, so a made-up token costs no scrypt;
   * they are made again inside the transaction, where they count.
   */
  async acceptInvite(token: string, email: string, displayName: string, password: string, now: Date, address: string = LOCAL_ADDRESS): Promise<{ userId: string; role: Role }> {
    this.limits.take(address, null, now);
    await usableInvitation(repositories(this.db), token, email, now);
    const passwordHash = await this.passwords.hash(password);
    return inTransaction(this.db, async (repos) => {
      const invitation = await usableInvitation(repos, token, email, now);
      const userId = randomUUID();
      await repos.users.insert({ id: userId, email, displayName, passwordHash, role: invitation.role, createdAt: now.toISOString(), disabled: false });
      if (!(await repos.invitations.accept(invitation.id, userId, now.toISOString()))) {
        throw new KudzuError('INVALID_STATE', 'this invitation has already been used', { field: 'token' });
      }
      return { userId, role: invitation.role };
    });
  }

  /** What an invitation link offers, for the join screen; an unknown, used or expired link is refused as acceptance would be. */
  async invitation(token: string, now: Date): Promise<InvitationStatus> {
    const repos = repositories(this.db);
    const invitation = await repos.invitations.byTokenHash(digest(token));
    if (!invitation) throw new KudzuError('NOT_FOUND', 'this invitation link is not valid; ask a steward for a new one', { field: 'token' });
    if (invitation.acceptedBy) throw new KudzuError('INVALID_STATE', 'this invitation has already been used; sign in instead, or ask a steward for a new one', { field: 'token' });
    if (invitation.expiresAt <= now.toISOString()) throw new KudzuError('INVALID_STATE', `this invitation expired on ${invitation.expiresAt.slice(0, 10)}; ask a steward for a new one`, { field: 'token' });
    return { role: invitation.role, expiresAt: invitation.expiresAt, firstAccount: (await repos.users.count()) === 0 };
  }

  /** For the command line and the demo: make an account directly. */
  async createUser(email: string, displayName: string, password: string, role: Role, now: Date): Promise<string> {
    const repos = repositories(this.db);
    if (await repos.users.byEmail(email)) throw new KudzuError('CONFLICT', `an account with ${email} already exists`, { field: 'email' });
    const id = randomUUID();
    await repos.users.insert({ id, email, displayName, passwordHash: await this.passwords.hash(password), role, createdAt: now.toISOString(), disabled: false });
    return id;
  }
}

async function usableInvitation(repos: Repositories, token: string, email: string, now: Date) {
  const invitation = await repos.invitations.byTokenHash(digest(token));
  if (!invitation) throw new KudzuError('NOT_FOUND', 'this invitation link is not valid', { field: 'token' });
  if (invitation.acceptedBy) throw new KudzuError('INVALID_STATE', 'this invitation has already been used', { field: 'token' });
  if (invitation.expiresAt <= now.toISOString()) throw new KudzuError('INVALID_STATE', `this invitation expired on ${invitation.expiresAt.slice(0, 10)}`, { field: 'token' });
  if (await repos.users.byEmail(email)) throw new KudzuError('CONFLICT', `an account with ${email} already exists`, { field: 'email' });
  return invitation;
}
