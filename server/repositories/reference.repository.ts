import { sql, type Kysely } from 'kysely';
import type { Database, ReferenceFeatureTable } from '../db/schema';
import { PrivacyGenerationRepository } from './privacyGeneration.repository';
import type { Tier } from '../../shared/privacy/roles';
import type { ReferenceFeature } from '../domain/area';
import type { Geometry } from 'geojson';

function featureOf(row: ReferenceFeatureTable): ReferenceFeature {
  return {
    id: row.id, layer: row.layer, name: row.name, geometry: JSON.parse(row.geometry) as Geometry,
    properties: JSON.parse(row.properties) as Record<string, unknown>, bbox: [row.min_lon, row.min_lat, row.max_lon, row.max_lat],
  };
}

function featureRow(feature: ReferenceFeature): ReferenceFeatureTable {
  const [min_lon, min_lat, max_lon, max_lat] = feature.bbox;
  return {
    id: feature.id, layer: feature.layer, name: feature.name, geometry: JSON.stringify(feature.geometry),
    properties: JSON.stringify(feature.properties), min_lon, min_lat, max_lon, max_lat,
  };
}

export class ReferenceRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** A layer's features, when its tier is among `tiers`; a layer above them reads exactly like a missing one. */
  async layer(layer: string, tiers: readonly Tier[], bbox?: [number, number, number, number]): Promise<ReferenceFeature[]> {
    let query = this.db.selectFrom('reference_features').selectAll('reference_features')
      .innerJoin('reference_layers', 'reference_layers.layer', 'reference_features.layer')
      .where('reference_features.layer', '=', layer).where('reference_layers.visibility', 'in', [...tiers]);
    if (bbox) {
      const [west, south, east, north] = bbox;
      query = query.where('max_lon', '>=', west).where('min_lon', '<=', east).where('max_lat', '>=', south).where('min_lat', '<=', north);
    }
    return (await query.orderBy('reference_features.id').execute()).map(featureOf);
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

  async insertMany(features: readonly ReferenceFeature[]): Promise<void> {
    for (let i = 0; i < features.length; i += 500) await this.db.insertInto('reference_features').values(features.slice(i, i + 500).map(featureRow)).execute();
  }

  async deleteLayer(layer: string): Promise<void> {
    await this.db.deleteFrom('reference_features').where('layer', '=', layer).execute();
  }
}
