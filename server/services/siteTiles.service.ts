/**
 * Sites as Mapbox Vector Tiles, clustered per zoom on the server. A tile is drawn from the
 * sites the actor receives through the same presenter as `sites.map` (tier, degraded
 * location, visible group), so a tile never carries a point its viewer may not see.
 *
 * One drawing — the presented sites and their cluster index — is kept per audience and
 * filters, with the version of the database it was read at: the privacy generation and the
 * last write to any site, both read afresh for each batch of requests (a read that began
 * before a request arrived never answers it), so a change made through any process is seen
 * by the next request. When only writes moved it, just the sites written since are read and
 * presented again, in place of what the drawing held of them; when the privacy generation
 * moved, every site is (a change of who sees what can move any site). Only when what the
 * audience is shown differs are the clusters rebuilt and the tiles cut again. A tile is kept
 * encoded, plain and gzipped, with an entity tag made from its bytes: every visitor of one
 * audience gets the same bytes, and a tile an edit did not change keeps its tag. The map of a published
 * audit ("as of" its period's end) does not follow later edits: it is read again only when
 * the privacy generation moves (a site hidden since is hidden there too).
 */
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import Supercluster from 'supercluster';
import { fromGeojsonVt } from '@maplibre/vt-pbf';
import { GeoJSONVT } from '@maplibre/geojson-vt';
import type { Feature, MultiPolygon, Point, Polygon } from 'geojson';
import { repositories, type Store } from '../repositories';
import { sitesWrittenAfter, siteWritesInThisProcess, type WrittenSites } from '../repositories/site.repository';
import { audienceOf, type Actor } from './context';
import { seesAudit, sharedCacheAllowed } from '../privacy/policy';
import { FreshReads, generationReadsOf, type PrivacyGenerationReads } from './privacyGenerationReads';
import type { SiteService } from './site.service';
import type { SiteFilter } from '../../shared/schemas/site';
import type { MapSite } from '../../shared/map/compactSites';
import type { SiteTileParams } from '../../shared/schemas/siteTiles';
import { PARCEL_TILE_LAYER, SITE_TILE_LAYER, SITE_TILE_MAX_ZOOM } from '../../shared/map/siteTileQuery';
import { KudzuError } from '../../shared/errors';

/** Tile coordinates run 0…4096 (MapLibre's own extent for GeoJSON): about 4 cm at zoom 16. */
const EXTENT = 4096;
/** Today's GeoJSON clustering: 46 px on a 512 px tile, clusters up to zoom 15, three sites or more. */
const CLUSTER_RADIUS = 46 * (EXTENT / 512);
const CLUSTER_MAX_ZOOM = 15;
const CLUSTER_MIN_POINTS = 3;
/** No filter may ask for more; the map has never drawn more than this. */
const SITE_LIMIT = 2_000_000;

/** What a site feature in a tile carries (the same properties the GeoJSON markers had). */
interface SiteProperties {
  id: string;
  name: string;
  domain: string;
  functionType: string;
  status: string;
  degraded: boolean;
  parcel: boolean;
}

export interface SiteTile {
  body: Buffer;
  /** The same bytes gzipped, for a client that accepts gzip. */
  gzipped: Buffer;
  /** Quoted, as it goes in the ETag header; made from the bytes, so an unchanged tile keeps it. */
  etag: string;
  /** True when the tile is the same for every visitor (the public's); otherwise private to the session. */
  shared: boolean;
}

export interface SiteTileSummary {
  count: number;
  /** [west, south, east, north] around the sites drawn, or null when none has a location. */
  bounds: [number, number, number, number] | null;
  etag: string;
  shared: boolean;
}

/**
 * What the database looked like when a drawing was read: the privacy generation, the last
 * write to any site and this process's count of site writes (a write stamped earlier than
 * the last one still moves it). A published audit's map follows the generation only.
 */
interface Version { generation: number; lastWrite: string; writes: number }

interface Drawing {
  version: Version;
  /** Unique to this drawing's content in this process: kept tiles are filed under it. */
  serial: number;
  /** The presented sites drawn, by id: a new reading is compared with them. */
  sites: Map<string, MapSite>;
  index: Supercluster<SiteProperties, Record<string, never>>;
  parcels: GeoJSONVT | null;
  count: number;
  bounds: [number, number, number, number] | null;
}

/** The kept drawing of one audience and set of filters, and the newest version asked of it. */
interface Kept {
  target: Version;
  drawing: Promise<Drawing>;
}

export interface SiteTileOptions {
  /** How many drawings (audience × filters) are kept at once. */
  drawings?: number;
  /** How many bytes of encoded tiles are kept at once. */
  tileBytes?: number;
}

export class SiteTileService {
  private readonly kept = new Map<string, Kept>();
  private readonly tiles = new Map<string, SiteTile>();
  private tileBytes = 0;
  private serials = 0;
  private readonly auditEnds = new Map<string, string>();
  private readonly lastWrites: FreshReads<string>;
  private versionRead: Promise<[number, string]> | null = null;
  private readonly maxDrawings: number;
  private readonly maxTileBytes: number;

  /** `generation` is the process's shared reader of the privacy generation (createServices). */
  constructor(private readonly db: Store, private readonly sites: SiteService, options: SiteTileOptions = {}, private readonly generation: PrivacyGenerationReads = generationReadsOf(db)) {
    this.maxDrawings = options.drawings ?? 8;
    this.maxTileBytes = options.tileBytes ?? 64 * 1024 * 1024;
    this.lastWrites = new FreshReads(async () => (await repositories(db).sites.lastWrite()) ?? 'none');
  }

  /** One tile of sites and clusters for the actor, as the filters say. */
  async tile(actor: Actor, params: SiteTileParams, z: number, x: number, y: number): Promise<SiteTile> {
    const { drawing, shared } = await this.current(actor, params);
    const tileKey = `${drawing.serial}|${z}/${x}/${y}`;
    const kept = this.tiles.get(tileKey);
    if (kept) {
      this.tiles.delete(tileKey); // most recently used last
      this.tiles.set(tileKey, kept);
      return kept;
    }
    const body = Buffer.from(encodeTile(drawing, z, x, y));
    const tile = { body, gzipped: gzipSync(body), etag: `"${digest(shared ? 'public' : 'private', body)}"`, shared };
    this.keepTile(tileKey, tile);
    return tile;
  }

  /** How many sites the tiles draw and where, for the map's count and first view. */
  async summary(actor: Actor, params: SiteTileParams): Promise<SiteTileSummary> {
    const { drawing, shared } = await this.current(actor, params);
    const { count, bounds } = drawing;
    return { count, bounds, etag: `"${digest(shared ? 'public' : 'private', JSON.stringify({ count, bounds }))}"`, shared };
  }

  /**
   * The actor's drawing as the database stands now: the kept one while the version has not
   * moved, else one read again (shared by every request that asks meanwhile). A published
   * audit's map does not follow edits, only the privacy generation.
   */
  private async current(actor: Actor, params: SiteTileParams): Promise<{ drawing: Drawing; shared: boolean }> {
    const audience = audienceOf(actor);
    const [generation, lastWrite] = await this.versionNow();
    const filter: SiteFilter = {
      domains: params.domains, functionTypes: params.types, groupIds: params.groups, status: params.status,
      text: params.text, asOf: params.asOf, limit: SITE_LIMIT,
    };
    let version: Version;
    if (params.audit) {
      filter.asOf = await this.auditEnd(actor, params.audit);
      version = { generation, lastWrite: '', writes: 0 };
    } else {
      version = { generation, lastWrite, writes: siteWritesInThisProcess() };
    }
    const key = JSON.stringify([audience.role, params]);
    const reads: SiteReads = {
      all: () => this.sites.mapSites(actor, filter),
      written: (written) => this.sites.mapSitesWritten(actor, filter, written),
    };
    return { drawing: await this.drawing(key, version, reads), shared: sharedCacheAllowed(audience) };
  }

  /**
   * The privacy generation and the last write to any site, read after the caller asked. The
   * requests parsed in one turn of the event loop share the reads, begun in the next turn:
   * after every one of them arrived, so none is answered from a read that began before it.
   */
  private versionNow(): Promise<[number, string]> {
    this.versionRead ??= new Promise<void>((begin) => setImmediate(begin)).then(() => {
      this.versionRead = null;
      return Promise.all([this.generation.current(), this.lastWrites.current()]);
    });
    return this.versionRead;
  }

  /** The last day of a published audit's period; any other audit is refused naming the parameter. */
  private async auditEnd(actor: Actor, auditId: string): Promise<string> {
    const known = this.auditEnds.get(auditId);
    if (known) return known;
    const [summary] = await repositories(this.db).audits.summaries({ id: auditId });
    if (!summary || summary.status !== 'published' || !seesAudit(audienceOf(actor), summary.status)) {
      throw new KudzuError('BAD_INPUT', `tile parameter “audit”: no published audit with id ${auditId}`, { field: 'audit' });
    }
    // A published audit's period never changes: remember it.
    this.auditEnds.set(auditId, summary.period.end);
    return summary.period.end;
  }

  /**
   * The drawing kept under `key` if it was read at `version` or later; otherwise it is read
   * again, once for everyone asking meanwhile, and redrawn only if what it shows changed.
   */
  private drawing(key: string, version: Version, reads: SiteReads): Promise<Drawing> {
    const kept = this.kept.get(key);
    if (kept) {
      this.kept.delete(key); // most recently used last
      this.kept.set(key, kept);
      if (!newer(version, kept.target)) return kept.drawing;
      kept.target = newest(kept.target, version);
      const target = kept.target;
      const previous = kept.drawing;
      kept.drawing = previous.then(
        async (drawn) => redrawn(drawn, await sitesNow(drawn, target, reads), target, () => ++this.serials),
        async () => drawingOf(await reads.all(), target, ++this.serials),
      );
      this.forgetOnFailure(key, kept.drawing);
      return kept.drawing;
    }
    const drawing = reads.all().then((sites) => drawingOf(sites, version, ++this.serials));
    this.kept.set(key, { target: version, drawing });
    this.forgetOnFailure(key, drawing);
    while (this.kept.size > this.maxDrawings) this.kept.delete(this.kept.keys().next().value!);
    return drawing;
  }

  /** A drawing that failed to build is not kept: the next request tries again. */
  private forgetOnFailure(key: string, drawing: Promise<Drawing>): void {
    drawing.catch(() => {
      if (this.kept.get(key)?.drawing === drawing) this.kept.delete(key);
    });
  }

  private keepTile(key: string, tile: SiteTile): void {
    this.tiles.set(key, tile);
    this.tileBytes += tile.body.length + tile.gzipped.length;
    while (this.tileBytes > this.maxTileBytes && this.tiles.size > 1) {
      const [oldest, entry] = this.tiles.entries().next().value!;
      this.tiles.delete(oldest);
      this.tileBytes -= entry.body.length + entry.gzipped.length;
    }
  }
}

/** How a drawing's sites are read: all of them, or only those written since it was read. */
interface SiteReads {
  all(): Promise<MapSite[]>;
  written(written: WrittenSites): Promise<{ shown: MapSite[]; written: string[] }>;
}

/**
 * How far before a drawing's last write the sites are read again: a write stamped a little
 * earlier than another, by a process whose clock or transaction lagged, is still read.
 */
const WRITE_STAMP_SLACK_MS = 5 * 60_000;
/** More sites written by this process than this, and they are all read again. */
const WRITTEN_IDS_READ = 500;

/**
 * The sites a kept drawing is to show now. While the privacy generation has not moved (no
 * site deleted, hidden, moved or renamed, no group or area changed), only the sites written
 * since it was read are read again — stamped since a little before its last write, or
 * written by this process since — and they replace what it held of them; otherwise, or when
 * this process's writes since are not all known, every site is read again.
 */
async function sitesNow(drawn: Drawing, target: Version, reads: SiteReads): Promise<MapSite[]> {
  const stamp = Date.parse(drawn.version.lastWrite);
  const ids = sitesWrittenAfter(drawn.version.writes);
  if (target.generation !== drawn.version.generation || Number.isNaN(stamp) || ids === null || ids.length > WRITTEN_IDS_READ) return reads.all();
  const { shown, written } = await reads.written({ since: new Date(stamp - WRITE_STAMP_SLACK_MS).toISOString(), ids });
  const sites = new Map(drawn.sites);
  for (const id of written) sites.delete(id);
  for (const site of shown) sites.set(site.id, site);
  return [...sites.values()];
}

/** Whether `version` is newer than `than` in any part. */
function newer(version: Version, than: Version): boolean {
  return version.generation > than.generation || version.lastWrite > than.lastWrite || version.writes > than.writes;
}

function newest(a: Version, b: Version): Version {
  return {
    generation: Math.max(a.generation, b.generation),
    lastWrite: a.lastWrite > b.lastWrite ? a.lastWrite : b.lastWrite,
    writes: Math.max(a.writes, b.writes),
  };
}

/**
 * A drawing read again: the same clusters and kept tiles when every site is presented as
 * before (an edit the tiles do not show, or one to a site this audience does not see),
 * otherwise drawn anew.
 */
function redrawn(previous: Drawing, sites: MapSite[], version: Version, serial: () => number): Drawing {
  const same = sites.length === previous.sites.size && sites.every((site) => drawnAlike(previous.sites.get(site.id), site));
  return same ? { ...previous, version } : drawingOf(sites, version, serial());
}

/** Whether a site would be drawn the same: everything a tile carries of it. */
function drawnAlike(before: MapSite | undefined, after: MapSite): boolean {
  if (!before) return false;
  return before.name === after.name && before.domain === after.domain && before.functionType === after.functionType
    && before.status === after.status && before.degraded === after.degraded
    && before.position?.[0] === after.position?.[0] && before.position?.[1] === after.position?.[1]
    && (before.parcel === after.parcel || JSON.stringify(before.parcel) === JSON.stringify(after.parcel));
}

function digest(...parts: (string | Uint8Array)[]): string {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return hash.digest('base64url').slice(0, 27);
}

function drawingOf(unordered: MapSite[], version: Version, serial: number): Drawing {
  // In the order of their ids, so the same sites make the same clusters however they were read.
  const sites = [...unordered].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const points: Feature<Point, SiteProperties>[] = [];
  const parcels: Feature<Polygon | MultiPolygon, SiteProperties>[] = [];
  let west = Infinity, south = Infinity, east = -Infinity, north = -Infinity;
  for (const site of sites) {
    if (!site.position) continue;
    const [lon, lat] = site.position;
    points.push({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: site.position },
      properties: {
        id: site.id, name: site.name, domain: site.domain, functionType: site.functionType,
        status: site.status, degraded: site.degraded, parcel: site.parcel !== null,
      },
    });
    if (site.parcel) parcels.push({ type: 'Feature', geometry: site.parcel, properties: points[points.length - 1].properties });
    // A parcel's whole outline counts toward the view, as the map framed it before.
    const corners = site.parcel ? (site.parcel.type === 'Polygon' ? site.parcel.coordinates : site.parcel.coordinates.flat()).flat() : [[lon, lat]];
    for (const [x, y] of corners) {
      if (x < west) west = x;
      if (x > east) east = x;
      if (y < south) south = y;
      if (y > north) north = y;
    }
  }
  const index = new Supercluster<SiteProperties, Record<string, never>>({
    radius: CLUSTER_RADIUS, extent: EXTENT, maxZoom: CLUSTER_MAX_ZOOM, minPoints: CLUSTER_MIN_POINTS,
  }).load(points);
  const parcelIndex = parcels.length
    ? new GeoJSONVT({ type: 'FeatureCollection', features: parcels }, { maxZoom: SITE_TILE_MAX_ZOOM, indexMaxZoom: 4, extent: EXTENT, buffer: 64 })
    : null;
  return {
    version, serial, sites: new Map(sites.map((site) => [site.id, site])),
    index, parcels: parcelIndex, count: points.length, bounds: Number.isFinite(west) ? [west, south, east, north] : null,
  };
}

/**
 * One tile as protobuf. Each cluster also says at which zoom it splits (`expansion_zoom`), so
 * a click can zoom straight there without asking the server again.
 */
function encodeTile({ index, parcels }: Drawing, z: number, x: number, y: number): Uint8Array {
  const tile = z <= SITE_TILE_MAX_ZOOM ? index.getTile(z, x, y) : null;
  const parcelTile = z <= SITE_TILE_MAX_ZOOM && parcels ? parcels.getTile(z, x, y) : null;
  const features = (tile?.features ?? []).map((feature) => {
    const tags = feature.tags as Record<string, unknown>;
    if (tags.cluster === true) {
      return { ...feature, tags: { ...tags, expansion_zoom: index.getClusterExpansionZoom(tags.cluster_id as number) } };
    }
    const { id: _id, ...withoutId } = feature as typeof feature & { id?: unknown };
    return withoutId;
  });
  const layers: Record<string, never> = { [SITE_TILE_LAYER]: { features } as never };
  if (parcelTile?.features.length) layers[PARCEL_TILE_LAYER] = parcelTile as never;
  return fromGeojsonVt(layers, { version: 2, extent: EXTENT });
}
