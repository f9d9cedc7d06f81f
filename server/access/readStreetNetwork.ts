import { open, readFile } from 'node:fs/promises';
import type { Position } from 'geojson';
import { isWalkableOsmWay, isWalkableRoad } from '../../shared/network/walkableWays';
import { KudzuError } from '../../shared/errors';
import { osmWayLines, readOsmPbf } from './readOsmPbf';
import { readPmtilesLayer } from './readPmtilesLayer';

export type NetworkFormat = 'osm' | 'pmtiles';

export interface StreetLines {
  readonly format: NetworkFormat;
  readonly lines: Position[][];
  /** Metres within which to stitch dangling ends: tile-cut lines need it, OSM ways share nodes. */
  readonly snapTolerance: number;
  /** Whether crossings need nodes: tiles drop the junction vertices OSM ways share. */
  readonly nodeCrossings: boolean;
}

/** Tile coordinates at z14 are ~0.5 m apart at mid latitudes; 1 m joins pieces cut at an edge. */
const TILE_SNAP_TOLERANCE = 1;

/** Tells an OSM .osm.pbf from a PMTiles archive by their first bytes, whatever the file is called. */
export async function detectNetworkFormat(path: string): Promise<NetworkFormat> {
  const handle = await open(path, 'r');
  try {
    const head = Buffer.alloc(32);
    const { bytesRead } = await handle.read(head, 0, 32, 0);
    if (bytesRead >= 7 && head.subarray(0, 7).toString('latin1') === 'PMTiles') return 'pmtiles';
    if (bytesRead >= 16 && head.subarray(4, bytesRead).toString('latin1').includes('OSMHeader')) return 'osm';
  } finally {
    await handle.close();
  }
  throw new KudzuError('BAD_INPUT', `${path}: the network must be an OpenStreetMap .osm.pbf extract or a PMTiles basemap with a roads layer; this file is neither`, { file: path, field: '--network' });
}

/** Walkable street centre lines from an .osm.pbf extract or from a PMTiles basemap's `roads` layer (its highest zoom). */
export async function readStreetNetwork(path: string): Promise<StreetLines> {
  const format = await detectNetworkFormat(path);
  if (format === 'osm') {
    const extract = readOsmPbf(await readFile(path), { keepWay: isWalkableOsmWay, fileName: path });
    return { format, lines: osmWayLines(extract), snapTolerance: 0, nodeCrossings: false };
  }
  const roads = await readPmtilesLayer(path, 'roads');
  if (roads.features.length === 0) throw new KudzuError('BAD_INPUT', `${path}: the PMTiles basemap has no roads layer`, { file: path, field: 'roads' });
  const lines = roads.features.filter((feature) => feature.type === 2 && isWalkableRoad(feature.properties)).flatMap((feature) => feature.parts);
  return { format, lines, snapTolerance: TILE_SNAP_TOLERANCE, nodeCrossings: true };
}

/** Building footprints (outer rings) from a PMTiles basemap's `buildings` layer. */
export async function readBuildingFootprints(path: string): Promise<Position[][]> {
  if ((await detectNetworkFormat(path)) !== 'pmtiles') {
    throw new KudzuError('BAD_INPUT', `${path}: building weights need a PMTiles basemap with a buildings layer`, { file: path, field: '--buildings' });
  }
  const buildings = await readPmtilesLayer(path, 'buildings');
  return buildings.features.filter((feature) => feature.type === 3).flatMap((feature) => feature.parts);
}
