import type { Kysely } from 'kysely';
import type { Database, AreaTable } from '../db/schema';
import { PrivacyGenerationRepository } from './privacyGeneration.repository';

export class AreaRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async list(kind?: string): Promise<AreaTable[]> {
    let query = this.db.selectFrom('areas').selectAll();
    if (kind) query = query.where('kind', '=', kind);
    return query.orderBy('name').execute();
  }

  async get(id: string): Promise<AreaTable | undefined> {
    return this.db.selectFrom('areas').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** Areas whose bounding box holds the point (callers test the polygon itself). */
  async candidatesAt(lon: number, lat: number, kind?: string): Promise<AreaTable[]> {
    let query = this.db.selectFrom('areas').selectAll()
      .where('min_lon', '<=', lon).where('max_lon', '>=', lon).where('min_lat', '<=', lat).where('max_lat', '>=', lat);
    if (kind) query = query.where('kind', '=', kind);
    return query.execute();
  }

  async insert(row: AreaTable): Promise<void> {
    await this.db.insertInto('areas').values(row).execute();
  }

  async insertMany(rows: AreaTable[]): Promise<void> {
    for (let i = 0; i < rows.length; i += 500) await this.db.insertInto('areas').values(rows.slice(i, i + 500)).execute();
  }

  async delete(id: string): Promise<void> {
    await this.db.deleteFrom('areas').where('id', '=', id).execute();
    await new PrivacyGenerationRepository(this.db).bump();
  }
}
