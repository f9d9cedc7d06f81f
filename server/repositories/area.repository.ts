import { sql, type Kysely } from 'kysely';
import type { Database, AreaTable, ReferenceFeatureTable } from '../db/schema';
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

export class ReferenceRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async layer(layer: string, bbox?: [number, number, number, number]): Promise<ReferenceFeatureTable[]> {
    let query = this.db.selectFrom('reference_features').selectAll().where('layer', '=', layer);
    if (bbox) {
      const [west, south, east, north] = bbox;
      query = query.where('max_lon', '>=', west).where('min_lon', '<=', east).where('max_lat', '>=', south).where('min_lat', '<=', north);
    }
    return query.orderBy('id').execute();
  }

  async layers(): Promise<{ layer: string; count: number }[]> {
    const rows = await this.db.selectFrom('reference_features').select(['layer', (eb) => eb.fn.countAll<number>().as('count')]).groupBy('layer').orderBy('layer').execute();
    return rows.map((r) => ({ layer: r.layer, count: Number(r.count) }));
  }

  /**
   * A cheap fingerprint of a layer's contents, without reading its geometries out: the count,
   * the first and last feature id (an import replaces every id) and the total geometry text
   * length. Equal fingerprints mean the layer has not been re-imported.
   */
  async layerFingerprint(layer: string): Promise<string> {
    const row = await this.db.selectFrom('reference_features').where('layer', '=', layer)
      .select((eb) => [
        eb.fn.countAll<number>().as('count'),
        eb.fn.min('id').as('firstId'),
        eb.fn.max('id').as('lastId'),
        eb.fn.sum<number>(sql<number>`length(geometry)`).as('characters'),
      ])
      .executeTakeFirstOrThrow();
    return [Number(row.count), row.firstId ?? '', row.lastId ?? '', Number(row.characters ?? 0)].join('|');
  }

  async insertMany(rows: ReferenceFeatureTable[]): Promise<void> {
    for (let i = 0; i < rows.length; i += 500) await this.db.insertInto('reference_features').values(rows.slice(i, i + 500)).execute();
  }

  async deleteLayer(layer: string): Promise<void> {
    await this.db.deleteFrom('reference_features').where('layer', '=', layer).execute();
  }
}
