import type { Kysely } from 'kysely';
import type { FeatureCollection, Geometry } from 'geojson';
import type { Database } from '../db/schema';
import { repositories } from '../repositories';

/** Reference layers (demo streets and blocks, population polygons, imported source layers) as GeoJSON. */
export class ReferenceService {
  constructor(private readonly db: Kysely<Database>) {}

  async layers(): Promise<{ layer: string; count: number }[]> {
    return repositories(this.db).references.layers();
  }

  async layer(layer: string, bbox?: [number, number, number, number]): Promise<FeatureCollection> {
    const rows = await repositories(this.db).references.layer(layer, bbox);
    return {
      type: 'FeatureCollection',
      features: rows.map((row) => ({
        type: 'Feature',
        id: row.id,
        geometry: JSON.parse(row.geometry) as Geometry,
        properties: { ...JSON.parse(row.properties), name: row.name },
      })),
    };
  }
}
