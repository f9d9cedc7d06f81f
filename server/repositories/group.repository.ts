import type { Kysely } from 'kysely';
import type { Database, GroupTable, LinkTable } from '../db/schema';
import { PrivacyGenerationRepository, touchesPrivacy } from './privacyGeneration.repository';
import type { Audience } from '../privacy/policy';

/** A group and a link as stored (the presenters in server/privacy/audience.ts shape what leaves). */
export type GroupRow = GroupTable;
export type LinkRow = LinkTable;

export class GroupRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async list(audience: Audience): Promise<GroupTable[]> {
    return this.db.selectFrom('groups').selectAll().where('visibility', 'in', audience.tiers).orderBy('name').execute();
  }

  async byIds(ids: readonly string[]): Promise<GroupTable[]> {
    const rows: GroupTable[] = [];
    for (let i = 0; i < ids.length; i += 500) rows.push(...await this.db.selectFrom('groups').selectAll().where('id', 'in', ids.slice(i, i + 500)).execute());
    return rows;
  }

  async getRaw(id: string): Promise<GroupTable | undefined> {
    return this.db.selectFrom('groups').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async insert(row: GroupTable): Promise<void> {
    await this.db.insertInto('groups').values(row).execute();
  }

  async insertMany(rows: GroupTable[]): Promise<void> {
    for (let i = 0; i < rows.length; i += 500) await this.db.insertInto('groups').values(rows.slice(i, i + 500)).execute();
  }

  async update(id: string, expectedVersion: number, changes: Partial<GroupTable>): Promise<boolean> {
    const result = await this.db.updateTable('groups').set({ ...changes, version: expectedVersion + 1 })
      .where('id', '=', id).where('version', '=', expectedVersion).executeTakeFirst();
    const updated = Number(result.numUpdatedRows) === 1;
    if (updated && touchesPrivacy(changes)) await new PrivacyGenerationRepository(this.db).bump();
    return updated;
  }

  async delete(id: string): Promise<void> {
    await this.db.deleteFrom('groups').where('id', '=', id).execute();
    await new PrivacyGenerationRepository(this.db).bump();
  }

  async count(): Promise<number> {
    const row = await this.db.selectFrom('groups').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  }
}

export class LinkRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async list(audience: Audience): Promise<LinkTable[]> {
    return this.db.selectFrom('links').selectAll().where('visibility', 'in', audience.tiers).orderBy('id').execute();
  }

  async byIds(ids: readonly string[]): Promise<LinkTable[]> {
    const rows: LinkTable[] = [];
    for (let i = 0; i < ids.length; i += 500) rows.push(...await this.db.selectFrom('links').selectAll().where('id', 'in', ids.slice(i, i + 500)).execute());
    return rows;
  }

  async getRaw(id: string): Promise<LinkTable | undefined> {
    return this.db.selectFrom('links').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async insert(row: LinkTable): Promise<void> {
    await this.db.insertInto('links').values(row).execute();
  }

  async insertMany(rows: LinkTable[]): Promise<void> {
    for (let i = 0; i < rows.length; i += 500) await this.db.insertInto('links').values(rows.slice(i, i + 500)).execute();
  }

  /** Every link between two groups, either way. */
  async between(a: string, b: string): Promise<LinkTable[]> {
    return this.db.selectFrom('links').selectAll()
      .where((eb) => eb.or([
        eb.and([eb('from_group_id', '=', a), eb('to_group_id', '=', b)]),
        eb.and([eb('from_group_id', '=', b), eb('to_group_id', '=', a)]),
      ]))
      .execute();
  }

  async setStatus(id: string, status: 'active' | 'draft'): Promise<void> {
    await this.db.updateTable('links').set({ status }).where('id', '=', id).execute();
  }

  async delete(id: string): Promise<void> {
    await this.db.deleteFrom('links').where('id', '=', id).execute();
    await new PrivacyGenerationRepository(this.db).bump();
  }
}
