/** Areas and reference features as the server holds them: camelCase, geometry and properties parsed. */
import type { Geometry } from 'geojson';
import type { BBox } from '../../shared/geo/bbox';
import type { Area } from '../../shared/schemas/area';
import type { AreaGeometry } from '../../shared/schemas/geometry';
import type { LonLat } from './site';

export interface StoredArea extends Area {
  geometry: AreaGeometry;
  bbox: BBox;
  /** The centre area-precision sites inside it are shown at. */
  centre: LonLat;
  createdAt: string;
}

/** One feature of a reference layer (demo streets and blocks, population polygons, imported sources). */
export interface ReferenceFeature {
  id: string;
  layer: string;
  name: string | null;
  geometry: Geometry;
  properties: Record<string, unknown>;
  bbox: BBox;
}
