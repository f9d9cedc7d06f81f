/** Reading site tiles back in tests: decoding a tile's features, and the tiles over a box. */
import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';

export interface TileFeature { lon: number; lat: number; properties: Record<string, unknown> }

/** The features of one layer of a tile, placed back in longitude and latitude. */
export function decode(body: Uint8Array, z: number, x: number, y: number, layerName = 'sites'): TileFeature[] {
  const layer = new VectorTile(new PbfReader(body)).layers[layerName];
  if (!layer) return [];
  return Array.from({ length: layer.length }, (_, i) => {
    const geojson = layer.feature(i).toGeoJSON(x, y, z);
    const [lon, lat] = geojson.geometry.type === 'Point' ? geojson.geometry.coordinates : [NaN, NaN];
    return { lon, lat, properties: geojson.properties as Record<string, unknown> };
  });
}

/** The tiles covering a box at zoom z. */
export function tilesOver([west, south, east, north]: [number, number, number, number], z: number): [number, number][] {
  const n = 2 ** z;
  const column = (lon: number) => Math.floor(((lon + 180) / 360) * n);
  const row = (lat: number) => Math.floor(((1 - Math.log(Math.tan((lat * Math.PI) / 180) + 1 / Math.cos((lat * Math.PI) / 180)) / Math.PI) / 2) * n);
  const tiles: [number, number][] = [];
  for (let x = column(west); x <= column(east); x++) for (let y = row(north); y <= row(south); y++) tiles.push([x, y]);
  return tiles;
}

/** The path of the tile at zoom z holding a point. */
export function tilePathAt([lon, lat]: [number, number], z: number): string {
  const [[x, y]] = tilesOver([lon, lat, lon, lat], z);
  return `/tiles/sites/${z}/${x}/${y}.pbf`;
}
