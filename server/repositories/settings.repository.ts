import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';

/** Instance-wide settings: one text value (often JSON) per key. */
export class SettingsRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async get(key: string): Promise<string | undefined> {
    const row = await this.db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
    return row?.value;
  }

  /** Write a value, replacing any already there (works alike on SQLite and PostgreSQL). */
  async set(key: string, value: string): Promise<void> {
    await this.db.insertInto('settings').values({ key, value })
      .onConflict((conflict) => conflict.column('key').doUpdateSet({ value }))
      .execute();
  }

  /** A value kept as JSON, parsed; undefined when unset. The caller checks its shape. */
  async getJson(key: string): Promise<unknown> {
    const text = await this.get(key);
    return text === undefined ? undefined : JSON.parse(text);
  }

  async setJson(key: string, value: unknown): Promise<void> {
    await this.set(key, JSON.stringify(value));
  }

  async delete(key: string): Promise<void> {
    await this.db.deleteFrom('settings').where('key', '=', key).execute();
  }
}
