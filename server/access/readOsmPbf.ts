import { inflateSync } from 'node:zlib';
import type { Position } from 'geojson';
import { PbfReader } from 'pbf';
import { KudzuError } from '../../shared/errors';

export interface OsmWay {
  readonly id: number;
  readonly tags: Readonly<Record<string, string>>;
  readonly nodeIds: readonly number[];
}

export interface OsmNode {
  readonly id: number;
  readonly tags: Readonly<Record<string, string>>;
  readonly position: Position;
}

export interface OsmExtract {
  /** The ways kept by the filter, in file order. */
  readonly ways: OsmWay[];
  /** The tagged nodes kept by `keepNode`, in file order (none without it). */
  readonly nodes: OsmNode[];
  /** Longitude and latitude of every node in the file, by id. */
  nodePosition(id: number): Position | undefined;
  readonly nodeCount: number;
}

export interface ReadOsmPbfOptions {
  /** Which ways to keep (all by default). */
  readonly keepWay?: (tags: Readonly<Record<string, string>>) => boolean;
  /** Which tagged nodes to keep as points of their own (none by default). */
  readonly keepNode?: (tags: Readonly<Record<string, string>>) => boolean;
  /** Named in error messages. */
  readonly fileName?: string;
}

/**
 * Reads an OpenStreetMap .osm.pbf file (the OSMHeader/OSMData blob format) with `pbf` and
 * node:zlib: nodes (plain and dense) and ways with their tags. Relations are skipped.
 * Supports raw and zlib blobs (what osmium, osmosis and Geofabrik write); LZMA, LZ4 and zstd
 * blobs are refused with a clear error.
 */
export function readOsmPbf(bytes: Uint8Array, options: ReadOsmPbfOptions = {}): OsmExtract {
  const fileName = options.fileName ?? 'OSM file';
  const keepWay = options.keepWay ?? (() => true);
  const nodes = new NodeTable();
  const ways: OsmWay[] = [];
  const tagged: OsmNode[] = [];
  const keepNode = options.keepNode ?? null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let offset = 0;
  let blobNumber = 0;
  while (offset < bytes.length) {
    if (offset + 4 > bytes.length) throw notOsm(fileName, 'the file ends inside a blob header');
    const headerLength = view.getUint32(offset);
    offset += 4;
    if (headerLength > 64 * 1024 || offset + headerLength > bytes.length) throw notOsm(fileName, 'no valid blob header');
    const header = readBlobHeader(new PbfReader(bytes.subarray(offset, offset + headerLength)));
    offset += headerLength;
    if (blobNumber === 0 && header.type !== 'OSMHeader') throw notOsm(fileName, `the first blob is "${header.type}", not OSMHeader`);
    if (offset + header.dataSize > bytes.length) throw notOsm(fileName, 'the file ends inside a blob');
    const blob = bytes.subarray(offset, offset + header.dataSize);
    offset += header.dataSize;
    blobNumber++;
    if (header.type !== 'OSMData') continue;
    readPrimitiveBlock(new PbfReader(blobContent(blob, fileName)), nodes, ways, keepWay, keepNode ? { keep: keepNode, into: tagged } : null);
  }
  if (blobNumber === 0) throw notOsm(fileName, 'the file is empty');
  return {
    ways,
    nodes: tagged,
    nodeCount: nodes.count,
    nodePosition: (id) => nodes.position(id),
  };
}

function notOsm(fileName: string, reason: string): KudzuError {
  return new KudzuError('BAD_INPUT', `${fileName}: not an OpenStreetMap .osm.pbf file (${reason})`, { file: fileName });
}

function readBlobHeader(pbf: PbfReader): { type: string; dataSize: number } {
  return pbf.readFields((tag, header: { type: string; dataSize: number }, reader) => {
    if (tag === 1) header.type = reader.readString();
    else if (tag === 3) header.dataSize = reader.readVarint();
  }, { type: '', dataSize: 0 });
}

function blobContent(blob: Uint8Array, fileName: string): Uint8Array {
  const fields = new PbfReader(blob).readFields((tag, content: { raw?: Uint8Array; zlib?: Uint8Array; other?: number }, reader) => {
    if (tag === 1) content.raw = reader.readBytes();
    else if (tag === 3) content.zlib = reader.readBytes();
    else if (tag === 4 || tag === 5 || tag === 6 || tag === 7) { content.other = tag; reader.readBytes(); }
  }, {});
  if (fields.raw) return fields.raw;
  if (fields.zlib) return inflateSync(fields.zlib);
  throw new KudzuError('BAD_INPUT', `${fileName}: a blob uses a compression this reader does not support (only raw and zlib)`, { file: fileName });
}

interface BlockContext {
  strings: string[];
  granularity: number;
  latitudeOffset: number;
  longitudeOffset: number;
  groups: Uint8Array[];
}

interface TaggedNodes {
  keep: (tags: Record<string, string>) => boolean;
  into: OsmNode[];
}

function readPrimitiveBlock(pbf: PbfReader, nodes: NodeTable, ways: OsmWay[], keepWay: (tags: Record<string, string>) => boolean, tagged: TaggedNodes | null): void {
  const block = pbf.readFields((tag, context: BlockContext, reader) => {
    if (tag === 1) context.strings = reader.readFields((field, strings: string[], stringReader) => {
      if (field === 1) strings.push(stringReader.readString());
    }, [], reader.readVarint() + reader.pos);
    else if (tag === 2) context.groups.push(reader.readBytes());
    else if (tag === 17) context.granularity = reader.readVarint();
    else if (tag === 19) context.latitudeOffset = reader.readVarint(true);
    else if (tag === 20) context.longitudeOffset = reader.readVarint(true);
  }, { strings: [], granularity: 100, latitudeOffset: 0, longitudeOffset: 0, groups: [] });
  for (const group of block.groups) {
    new PbfReader(group).readFields((tag, _: null, reader) => {
      if (tag === 1) readNode(new PbfReader(reader.readBytes()), block, nodes, tagged);
      else if (tag === 2) readDenseNodes(new PbfReader(reader.readBytes()), block, nodes, tagged);
      else if (tag === 3) {
        const way = readWay(new PbfReader(reader.readBytes()), block.strings);
        if (keepWay(way.tags)) ways.push(way);
      }
    }, null);
  }
}

const NANODEGREE = 1e-9;

function readNode(pbf: PbfReader, block: BlockContext, nodes: NodeTable, tagged: TaggedNodes | null): void {
  const node = pbf.readFields((tag, value: { id: number; latitude: number; longitude: number; keys: number[]; values: number[] }, reader) => {
    if (tag === 1) value.id = reader.readSVarint();
    else if (tag === 2) reader.readPackedVarint(value.keys);
    else if (tag === 3) reader.readPackedVarint(value.values);
    else if (tag === 8) value.latitude = reader.readSVarint();
    else if (tag === 9) value.longitude = reader.readSVarint();
  }, { id: 0, latitude: 0, longitude: 0, keys: [], values: [] });
  const longitude = NANODEGREE * (block.longitudeOffset + block.granularity * node.longitude);
  const latitude = NANODEGREE * (block.latitudeOffset + block.granularity * node.latitude);
  nodes.add(node.id, longitude, latitude);
  if (tagged && node.keys.length) {
    const tags: Record<string, string> = {};
    node.keys.forEach((key, i) => { tags[block.strings[key]] = block.strings[node.values[i]]; });
    if (tagged.keep(tags)) tagged.into.push({ id: node.id, tags, position: [longitude, latitude] });
  }
}

function readDenseNodes(pbf: PbfReader, block: BlockContext, nodes: NodeTable, tagged: TaggedNodes | null): void {
  const dense = pbf.readFields((tag, value: { ids: number[]; latitudes: number[]; longitudes: number[]; keysValues: number[] }, reader) => {
    if (tag === 1) reader.readPackedSVarint(value.ids);
    else if (tag === 8) reader.readPackedSVarint(value.latitudes);
    else if (tag === 9) reader.readPackedSVarint(value.longitudes);
    else if (tag === 10 && tagged) reader.readPackedVarint(value.keysValues);
  }, { ids: [], latitudes: [], longitudes: [], keysValues: [] });
  let id = 0, latitude = 0, longitude = 0;
  // keys_vals: for each node, key and value string indexes in pairs, then a 0.
  let cursor = 0;
  for (let i = 0; i < dense.ids.length; i++) {
    id += dense.ids[i];
    latitude += dense.latitudes[i];
    longitude += dense.longitudes[i];
    const lon = NANODEGREE * (block.longitudeOffset + block.granularity * longitude);
    const lat = NANODEGREE * (block.latitudeOffset + block.granularity * latitude);
    nodes.add(id, lon, lat);
    if (tagged && dense.keysValues.length) {
      let tags: Record<string, string> | null = null;
      while (cursor < dense.keysValues.length && dense.keysValues[cursor] !== 0) {
        (tags ??= {})[block.strings[dense.keysValues[cursor]]] = block.strings[dense.keysValues[cursor + 1]];
        cursor += 2;
      }
      cursor += 1;
      if (tags && tagged.keep(tags)) tagged.into.push({ id, tags, position: [lon, lat] });
    }
  }
}

function readWay(pbf: PbfReader, strings: string[]): OsmWay {
  const raw = pbf.readFields((tag, value: { id: number; keys: number[]; values: number[]; refs: number[] }, reader) => {
    if (tag === 1) value.id = reader.readVarint();
    else if (tag === 2) reader.readPackedVarint(value.keys);
    else if (tag === 3) reader.readPackedVarint(value.values);
    else if (tag === 8) reader.readPackedSVarint(value.refs);
  }, { id: 0, keys: [], values: [], refs: [] });
  const tags: Record<string, string> = {};
  raw.keys.forEach((key, i) => { tags[strings[key]] = strings[raw.values[i]]; });
  const nodeIds: number[] = [];
  let ref = 0;
  for (const delta of raw.refs) nodeIds.push((ref += delta));
  return { id: raw.id, tags, nodeIds };
}

/** Node positions in growable typed arrays, found by id through a Map to their slot. */
class NodeTable {
  private readonly slotById = new Map<number, number>();
  private longitudes = new Float64Array(1024);
  private latitudes = new Float64Array(1024);
  count = 0;

  add(id: number, longitude: number, latitude: number): void {
    if (this.count === this.longitudes.length) {
      const longitudes = new Float64Array(this.count * 2);
      const latitudes = new Float64Array(this.count * 2);
      longitudes.set(this.longitudes);
      latitudes.set(this.latitudes);
      this.longitudes = longitudes;
      this.latitudes = latitudes;
    }
    this.slotById.set(id, this.count);
    this.longitudes[this.count] = longitude;
    this.latitudes[this.count] = latitude;
    this.count++;
  }

  position(id: number): Position | undefined {
    const slot = this.slotById.get(id);
    return slot === undefined ? undefined : [this.longitudes[slot], this.latitudes[slot]];
  }
}

/** Each kept way as a line of positions, skipping nodes missing from the extract. */
export function osmWayLines(extract: OsmExtract): Position[][] {
  const lines: Position[][] = [];
  for (const way of extract.ways) {
    const line: Position[] = [];
    for (const id of way.nodeIds) {
      const position = extract.nodePosition(id);
      if (position) line.push(position);
    }
    if (line.length >= 2) lines.push(line);
  }
  return lines;
}
