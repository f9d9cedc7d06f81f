import type { FeatureCollection } from 'geojson';
import { repositories, type Store } from '../repositories';
import { audienceOf, type Actor } from './context';

/**
 * Reference layers (demo streets and blocks, population polygons, imported source layers) as
 * GeoJSON, those the actor may see; a layer above their tier reads exactly like a missing one.
 */
export class ReferenceService {
  constructor(private readonly db: Store) {}

  async layers(actor: Actor): Promise<{ layer: string; count: number }[]> {
    return repositories(this.db).references.layers(audienceOf(actor).tiers);
  }

  async layer(actor: Actor, layer: string, bbox?: [number, number, number, number]): Promise<FeatureCollection> {
    const features = await repositories(this.db).references.layer(layer, audienceOf(actor).tiers, bbox);
    return {
      type: 'FeatureCollection',
      features: features.map((feature) => ({
        type: 'Feature',
        id: feature.id,
        geometry: feature.geometry,
        properties: { ...feature.properties, name: feature.name },
      })),
    };
  }
}
