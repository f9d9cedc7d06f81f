import { open, type FileHandle } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import type { Position } from 'geojson';
import { PbfReader } from 'pbf';
import { VectorTile } from '@mapbox/vector-tile';
import { Compression, PMTiles, type RangeResponse, type Source } from 'pmtiles';
import { KudzuError } from '../../shared/errors';

/** A pmtiles `Source` reading byte ranges from a file on disk. */
export class FileHandleSource implements Source {
  constructor(private readonly handle: FileHandle, private readonly path: string) {}

  getKey(): string {
    return this.path;
  }

  async getBytes(offset: number, length: number): Promise<RangeResponse> {
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await this.handle.read(buffer, 0, length, offset);
    return { data: buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + bytesRead) as ArrayBuffer };
  }
}

async function decompress(data: ArrayBuffer, compression: Compression): Promise<ArrayBuffer> {
  if (compression === Compression.None || compression === Compression.Unknown) return data;
  if (compression !== Compression.Gzip) throw new KudzuError('BAD_INPUT', `PMTiles compression ${compression} is not supported (only gzip and none)`);
  const inflated = gunzipSync(new Uint8Array(data));
  return inflated.buffer.slice(inflated.byteOffset, inflated.byteOffset + inflated.byteLength) as ArrayBuffer;
}

export interface TileLayerFeature {
  /** 2: lines, 3: polygon rings (vector tile geometry types). */
  readonly type: 2 | 3;
  /** Lines clipped to their tile's own square, or polygons' outer rings, in longitude/latitude. */
  readonly parts: Position[][];
  readonly properties: Readonly<Record<string, number | string | boolean>>;
}

export interface TileLayer {
  readonly features: TileLayerFeature[];
  readonly zoom: number;
  readonly tileCount: number;
}

export interface ReadPmtilesLayerOptions {
  /** Zoom to read; defaults to the archive's maximum zoom. */
  readonly zoom?: number;
  /** [west, south, east, north]; defaults to the archive's bounds. */
  readonly bbox?: readonly [number, number, number, number];
  /**
   * Polygons clipped to their tile's square with their holes kept (exterior ring, then its
   * holes), for drawing areas such as water; by default outer rings are kept whole, once.
   */
  readonly clipPolygons?: boolean;
}

/**
 * Reads one layer of a vector PMTiles archive on disk at one zoom, over a bounding box.
 * Lines are clipped to the exact square of their tile (dropping the tile buffer), so a street
 * crossing a tile edge comes out as two pieces meeting at the edge, ready to be stitched.
 * Polygons keep their outer rings whole, but only from the tile holding their first vertex,
 * so a building repeated in a neighbouring tile's buffer is counted once (a building cut by a
 * tile edge may lose its piece in the other tile: a small loss for footprint weights).
 */
export async function readPmtilesLayer(path: string, layerName: string, options: ReadPmtilesLayerOptions = {}): Promise<TileLayer> {
  const handle = await open(path, 'r');
  try {
    const archive = new PMTiles(new FileHandleSource(handle, path), undefined, decompress);
    let header;
    try {
      header = await archive.getHeader();
    } catch (error) {
      throw new KudzuError('BAD_INPUT', `${path}: not a PMTiles archive (${(error as Error).message})`, { file: path });
    }
    const zoom = options.zoom ?? header.maxZoom;
    const [west, south, east, north] = options.bbox ?? [header.minLon, header.minLat, header.maxLon, header.maxLat];
    const [minTileX, minTileY] = tileAt(west, north, zoom);
    const [maxTileX, maxTileY] = tileAt(east, south, zoom);
    const features: TileLayerFeature[] = [];
    let tileCount = 0;
    for (let tileY = minTileY; tileY <= maxTileY; tileY++) {
      for (let tileX = minTileX; tileX <= maxTileX; tileX++) {
        const response = await archive.getZxy(zoom, tileX, tileY);
        if (!response) continue;
        tileCount++;
        const layer = new VectorTile(new PbfReader(new Uint8Array(response.data))).layers[layerName];
        if (!layer) continue;
        for (let i = 0; i < layer.length; i++) {
          const feature = layer.feature(i);
          if (feature.type !== 2 && feature.type !== 3) continue;
          const geometry = feature.loadGeometry().map((ring) => ring.map((point) => [point.x, point.y] as [number, number]));
          const toLonLat = (x: number, y: number): Position => tilePixelToLonLat(tileX + x / layer.extent, tileY + y / layer.extent, zoom);
          if (feature.type === 2) {
            const pieces = geometry.flatMap((line) => clipLineToSquare(line, layer.extent));
            if (pieces.length > 0) features.push({ type: 2, parts: pieces.map((piece) => piece.map(([x, y]) => toLonLat(x, y))), properties: feature.properties });
          } else if (options.clipPolygons) {
            const rings = geometry.filter((ring) => ring.length >= 4).map((ring) => clipRingToSquare(ring, layer.extent)).filter((ring) => ring.length >= 3);
            if (rings.length > 0) features.push({ type: 3, parts: rings.map((ring) => ring.map(([x, y]) => toLonLat(x, y))), properties: feature.properties });
          } else {
            const rings = geometry.filter((ring) => ring.length >= 4 && isExterior(ring) && insideSquare(ring[0], layer.extent));
            if (rings.length > 0) features.push({ type: 3, parts: rings.map((ring) => ring.map(([x, y]) => toLonLat(x, y))), properties: feature.properties });
          }
        }
      }
    }
    return { features, zoom, tileCount };
  } finally {
    await handle.close();
  }
}

function tileAt(longitude: number, latitude: number, zoom: number): [number, number] {
  const scale = 2 ** zoom;
  const x = ((longitude + 180) / 360) * scale;
  const sinLatitude = Math.sin((latitude * Math.PI) / 180);
  const y = (0.5 - Math.log((1 + sinLatitude) / (1 - sinLatitude)) / (4 * Math.PI)) * scale;
  return [Math.min(scale - 1, Math.max(0, Math.floor(x))), Math.min(scale - 1, Math.max(0, Math.floor(y)))];
}

function tilePixelToLonLat(tileX: number, tileY: number, zoom: number): Position {
  const scale = 2 ** zoom;
  const longitude = (tileX / scale) * 360 - 180;
  const latitude = (Math.atan(Math.sinh(Math.PI * (1 - (2 * tileY) / scale))) * 180) / Math.PI;
  return [longitude, latitude];
}

/** Vector tiles wind exterior rings clockwise on screen (y down): positive shoelace area. */
function isExterior(ring: [number, number][]): boolean {
  let doubleArea = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) doubleArea += ring[j][0] * ring[i][1] - ring[i][0] * ring[j][1];
  return doubleArea > 0;
}

function insideSquare([x, y]: [number, number], extent: number): boolean {
  return x >= 0 && x < extent && y >= 0 && y < extent;
}

/** Clips a ring to [0, extent]² (Sutherland–Hodgman, one edge of the square at a time). */
export function clipRingToSquare(ring: [number, number][], extent: number): [number, number][] {
  const edges: ((point: [number, number]) => number)[] = [([x]) => x, ([x]) => extent - x, ([, y]) => y, ([, y]) => extent - y];
  let points = ring;
  for (const inside of edges) {
    const next: [number, number][] = [];
    for (let i = 0; i < points.length; i++) {
      const current = points[i];
      const previous = points[(i + points.length - 1) % points.length];
      const a = inside(previous), b = inside(current);
      if ((a >= 0) !== (b >= 0)) {
        const t = a / (a - b);
        next.push([previous[0] + t * (current[0] - previous[0]), previous[1] + t * (current[1] - previous[1])]);
      }
      if (b >= 0) next.push(current);
    }
    points = next;
    if (points.length === 0) break;
  }
  return points;
}

/** Clips a polyline to [0, extent]², splitting it where it leaves and re-enters (Liang–Barsky per segment). */
export function clipLineToSquare(line: [number, number][], extent: number): [number, number][][] {
  const pieces: [number, number][][] = [];
  let current: [number, number][] = [];
  for (let i = 0; i + 1 < line.length; i++) {
    const clipped = clipSegment(line[i], line[i + 1], extent);
    if (!clipped) {
      if (current.length > 1) pieces.push(current);
      current = [];
      continue;
    }
    const [start, end] = clipped;
    const last = current[current.length - 1];
    if (!last || last[0] !== start[0] || last[1] !== start[1]) {
      if (current.length > 1) pieces.push(current);
      current = [start];
    }
    current.push(end);
  }
  if (current.length > 1) pieces.push(current);
  return pieces;
}

function clipSegment(a: [number, number], b: [number, number], extent: number): [[number, number], [number, number]] | null {
  const dx = b[0] - a[0], dy = b[1] - a[1];
  let enter = 0, leave = 1;
  const edges: [number, number][] = [[-dx, a[0]], [dx, extent - a[0]], [-dy, a[1]], [dy, extent - a[1]]];
  for (const [p, q] of edges) {
    if (p === 0) {
      if (q < 0) return null;
      continue;
    }
    const t = q / p;
    if (p < 0) enter = Math.max(enter, t); else leave = Math.min(leave, t);
    if (enter > leave) return null;
  }
  if (enter === leave && (dx !== 0 || dy !== 0)) return null;
  const start: [number, number] = enter === 0 ? a : [a[0] + enter * dx, a[1] + enter * dy];
  const end: [number, number] = leave === 1 ? b : [a[0] + leave * dx, a[1] + leave * dy];
  return [start, end];
}
