import type { Kysely } from 'kysely';
import type { Database, InvitationTable, SessionTable, UserTable } from '../db/schema';

export class UserRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async byEmail(email: string): Promise<UserTable | undefined> {
    return this.db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
  }

  async byId(id: string): Promise<UserTable | undefined> {
    return this.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async insert(row: UserTable): Promise<void> {
    await this.db.insertInto('users').values(row).execute();
  }

  async list(): Promise<Omit<UserTable, 'password_hash'>[]> {
    return this.db.selectFrom('users').select(['id', 'email', 'display_name', 'role', 'created_at', 'disabled']).orderBy('created_at').execute();
  }

  async setRole(id: string, role: string): Promise<void> {
    await this.db.updateTable('users').set({ role }).where('id', '=', id).execute();
  }

  async count(): Promise<number> {
    const row = await this.db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  }
}

export class SessionRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async insert(row: SessionTable): Promise<void> {
    await this.db.insertInto('sessions').values(row).execute();
  }

  /** The session and its user, if the session is live and the user not disabled. */
  async live(id: string, now: string): Promise<(SessionTable & { role: string; display_name: string }) | undefined> {
    return this.db.selectFrom('sessions').innerJoin('users', 'users.id', 'sessions.user_id')
      .selectAll('sessions').select(['users.role', 'users.display_name'])
      .where('sessions.id', '=', id).where('sessions.expires_at', '>', now).where('users.disabled', '=', 0)
      .executeTakeFirst();
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

  async insert(row: InvitationTable): Promise<void> {
    await this.db.insertInto('invitations').values(row).execute();
  }

  async byTokenHash(tokenHash: string): Promise<InvitationTable | undefined> {
    return this.db.selectFrom('invitations').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
  }

  /** Every invitation, newest first, with the name of whoever accepted it. */
  async list(): Promise<(Omit<InvitationTable, 'token_hash'> & { accepted_name: string | null })[]> {
    return this.db.selectFrom('invitations').leftJoin('users', 'users.id', 'invitations.accepted_by')
      .select(['invitations.id', 'invitations.role', 'invitations.note', 'invitations.created_by', 'invitations.created_at', 'invitations.expires_at',
        'invitations.accepted_by', 'invitations.accepted_at', 'users.display_name as accepted_name'])
      .orderBy('invitations.created_at', 'desc').orderBy('invitations.id').execute();
  }

  /** Withdraw an invitation nobody has used yet; false when it is unknown or already used. */
  async revoke(id: string): Promise<boolean> {
    const result = await this.db.deleteFrom('invitations').where('id', '=', id).where('accepted_by', 'is', null).executeTakeFirst();
    return Number(result.numDeletedRows) === 1;
  }

  async get(id: string): Promise<InvitationTable | undefined> {
    return this.db.selectFrom('invitations').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** Mark accepted only if nobody accepted it first. */
  async accept(id: string, userId: string, now: string): Promise<boolean> {
    const result = await this.db.updateTable('invitations').set({ accepted_by: userId, accepted_at: now })
      .where('id', '=', id).where('accepted_by', 'is', null).executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }
}
