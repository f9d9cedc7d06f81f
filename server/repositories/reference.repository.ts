import { sql, type Kysely } from 'kysely';
import type { Database, ReferenceFeatureTable } from '../db/schema';
import { PrivacyGenerationRepository } from './privacyGeneration.repository';
import type { Tier } from '../../shared/privacy/roles';

export class ReferenceRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** A layer's features, when its tier is among `tiers`; a layer above them reads exactly like a missing one. */
  async layer(layer: string, tiers: readonly Tier[], bbox?: [number, number, number, number]): Promise<ReferenceFeatureTable[]> {
    let query = this.db.selectFrom('reference_features').selectAll('reference_features')
      .innerJoin('reference_layers', 'reference_layers.layer', 'reference_features.layer')
      .where('reference_features.layer', '=', layer).where('reference_layers.visibility', 'in', [...tiers]);
    if (bbox) {
      const [west, south, east, north] = bbox;
      query = query.where('max_lon', '>=', west).where('min_lon', '<=', east).where('max_lat', '>=', south).where('min_lat', '<=', north);
    }
    return query.orderBy('reference_features.id').execute();
  }

  /** The layers whose tier is among `tiers`, with their feature counts. */
  async layers(tiers: readonly Tier[]): Promise<{ layer: string; count: number }[]> {
    const rows = await this.db.selectFrom('reference_features')
      .innerJoin('reference_layers', 'reference_layers.layer', 'reference_features.layer')
      .where('reference_layers.visibility', 'in', [...tiers])
      .select(['reference_features.layer as layer', (eb) => eb.fn.countAll<number>().as('count')])
      .groupBy('reference_features.layer').orderBy('reference_features.layer').execute();
    return rows.map((r) => ({ layer: r.layer, count: Number(r.count) }));
  }

  /** Say who may see a layer (added or replaced). */
  async setTier(layer: string, visibility: Tier, at: string): Promise<void> {
    await this.db.insertInto('reference_layers').values({ layer, visibility, updated_at: at })
      .onConflict((conflict) => conflict.column('layer').doUpdateSet({ visibility, updated_at: at }))
      .execute();
    await new PrivacyGenerationRepository(this.db).bump();
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
