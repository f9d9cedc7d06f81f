import { firstAs } from './rows';
import type { Kysely } from 'kysely';
import type { Database, InvitationTable, UserTable } from '../db/schema';
import type { Account, Invitation, Session } from '../../shared/schemas/people';
import type { Role } from '../../shared/privacy/roles';

export class UserRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async byEmail(email: string): Promise<Account | undefined> {
    return firstAs(this.db.selectFrom('users').selectAll().where('email', '=', email), accountOf);
  }

  async byId(id: string): Promise<Account | undefined> {
    return firstAs(this.db.selectFrom('users').selectAll().where('id', '=', id), accountOf);
  }

  async insert(account: Account): Promise<void> {
    await this.db.insertInto('users').values({
      id: account.id, email: account.email, display_name: account.displayName, password_hash: account.passwordHash,
      role: account.role, created_at: account.createdAt, disabled: account.disabled ? 1 : 0,
    }).execute();
  }

  /** Every account without its password hash, oldest first. */
  async list(): Promise<Omit<Account, 'passwordHash'>[]> {
    const rows = await this.db.selectFrom('users').select(['id', 'email', 'display_name', 'role', 'created_at', 'disabled']).orderBy('created_at').execute();
    return rows.map(({ id, email, display_name, role, created_at, disabled }) => ({ id, email, displayName: display_name, role: role as Role, createdAt: created_at, disabled: disabled === 1 }));
  }

  async setRole(id: string, role: Role): Promise<void> {
    await this.db.updateTable('users').set({ role }).where('id', '=', id).execute();
  }

  async count(): Promise<number> {
    const row = await this.db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  }
}

export class SessionRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async insert(session: Session): Promise<void> {
    await this.db.insertInto('sessions').values({
      id: session.id, user_id: session.userId, created_at: session.createdAt, expires_at: session.expiresAt, last_seen_at: session.lastSeenAt,
    }).execute();
  }

  /** The session and its user, if the session is live and the user not disabled. */
  async live(id: string, now: string): Promise<(Session & { role: Role; displayName: string }) | undefined> {
    const row = await this.db.selectFrom('sessions').innerJoin('users', 'users.id', 'sessions.user_id')
      .selectAll('sessions').select(['users.role', 'users.display_name'])
      .where('sessions.id', '=', id).where('sessions.expires_at', '>', now).where('users.disabled', '=', 0)
      .executeTakeFirst();
    return row && {
      id: row.id, userId: row.user_id, createdAt: row.created_at, expiresAt: row.expires_at, lastSeenAt: row.last_seen_at,
      role: row.role as Role, displayName: row.display_name,
    };
  }

  async touch(id: string, now: string): Promise<void> {
    await this.db.updateTable('sessions').set({ last_seen_at: now }).where('id', '=', id).execute();
  }

  async delete(id: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('id', '=', id).execute();
  }

  async deleteExpired(now: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('expires_at', '<=', now).execute();
  }
}

export class InvitationRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async insert(invitation: Invitation): Promise<void> {
    await this.db.insertInto('invitations').values(invitationRow(invitation)).execute();
  }

  async byTokenHash(tokenHash: string): Promise<Invitation | undefined> {
    return firstAs(this.db.selectFrom('invitations').selectAll().where('token_hash', '=', tokenHash), invitationOf);
  }

  /** Every invitation, newest first, with the name of whoever accepted it. */
  async list(): Promise<(Omit<Invitation, 'tokenHash'> & { acceptedName: string | null })[]> {
    const rows = await this.db.selectFrom('invitations').leftJoin('users', 'users.id', 'invitations.accepted_by')
      .select(['invitations.id', 'invitations.role', 'invitations.note', 'invitations.created_by', 'invitations.created_at', 'invitations.expires_at',
        'invitations.accepted_by', 'invitations.accepted_at', 'users.display_name as accepted_name'])
      .orderBy('invitations.created_at', 'desc').orderBy('invitations.id').execute();
    return rows.map((row) => ({
      id: row.id, role: row.role as Role, note: row.note, createdBy: row.created_by, createdAt: row.created_at, expiresAt: row.expires_at,
      acceptedBy: row.accepted_by, acceptedAt: row.accepted_at, acceptedName: row.accepted_name,
    }));
  }

  /** Withdraw an invitation nobody has used yet; false when it is unknown or already used. */
  async revoke(id: string): Promise<boolean> {
    const result = await this.db.deleteFrom('invitations').where('id', '=', id).where('accepted_by', 'is', null).executeTakeFirst();
    return Number(result.numDeletedRows) === 1;
  }

  async get(id: string): Promise<Invitation | undefined> {
    return firstAs(this.db.selectFrom('invitations').selectAll().where('id', '=', id), invitationOf);
  }

  /** Mark accepted only if nobody accepted it first. */
  async accept(id: string, userId: string, now: string): Promise<boolean> {
    const result = await this.db.updateTable('invitations').set({ accepted_by: userId, accepted_at: now })
      .where('id', '=', id).where('accepted_by', 'is', null).executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }
}

function accountOf(row: UserTable): Account {
  return {
    id: row.id, email: row.email, displayName: row.display_name, passwordHash: row.password_hash,
    role: row.role as Role, createdAt: row.created_at, disabled: row.disabled === 1,
  };
}

function invitationRow(invitation: Invitation): InvitationTable {
  return {
    id: invitation.id, token_hash: invitation.tokenHash, role: invitation.role, note: invitation.note, created_by: invitation.createdBy,
    created_at: invitation.createdAt, expires_at: invitation.expiresAt, accepted_by: invitation.acceptedBy, accepted_at: invitation.acceptedAt,
  };
}

function invitationOf(row: InvitationTable): Invitation {
  return {
    id: row.id, tokenHash: row.token_hash, role: row.role as Role, note: row.note, createdBy: row.created_by,
    createdAt: row.created_at, expiresAt: row.expires_at, acceptedBy: row.accepted_by, acceptedAt: row.accepted_at,
  };
}
