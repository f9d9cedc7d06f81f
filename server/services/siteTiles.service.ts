/**
 * Sites as Mapbox Vector Tiles, clustered per zoom on the server. A tile is drawn from the
 * sites the actor receives through the same presenter as `sites.map` (tier, degraded
 * location, visible group), so a tile never carries a point its viewer may not see.
 *
 * For each drawing of the sites — the audience, the filters, the privacy generation and the
 * time of the last write to any site — one cluster index is built and kept, and each tile
 * cut from it is kept too, with an entity tag: every visitor of one audience gets the same
 * bytes, and any edit or change of who-sees-what moves to a new drawing. The map of a
 * published audit ("as of" its period's end) does not follow later edits: it is kept for
 * good, and redrawn only when the privacy generation moves (a site hidden since is hidden
 * there too).
 */
import { createHash } from 'node:crypto';
import Supercluster from 'supercluster';
import { fromGeojsonVt } from '@maplibre/vt-pbf';
import { GeoJSONVT } from '@maplibre/geojson-vt';
import type { Feature, MultiPolygon, Point, Polygon } from 'geojson';
import { repositories, type Store } from '../repositories';
import { siteWritesInThisProcess } from '../repositories/site.repository';
import { privacyRaisesInThisProcess } from '../repositories/privacyGeneration.repository';
import { audienceOf, type Actor } from './context';
import { seesAudit, sharedCacheAllowed } from '../privacy/policy';
import type { SiteService } from './site.service';
import type { SiteFilter } from '../../shared/schemas/site';
import type { SiteTileParams } from '../../shared/schemas/siteTiles';
import { PARCEL_TILE_LAYER, SITE_TILE_LAYER, SITE_TILE_MAX_ZOOM } from '../../shared/map/siteTileQuery';
import { KudzuError } from '../../shared/errors';

/** Tile coordinates run 0…4096 (MapLibre's own extent for GeoJSON): about 4 cm at zoom 16. */
const EXTENT = 4096;
/** Today's GeoJSON clustering: 46 px on a 512 px tile, clusters up to zoom 15, three sites or more. */
const CLUSTER_RADIUS = 46 * (EXTENT / 512);
const CLUSTER_MAX_ZOOM = 15;
const CLUSTER_MIN_POINTS = 3;
/**
 * How long the privacy generation and last write, once read, are taken as current when this
 * process has written nothing since: a write here is seen at once, one by another process
 * on the same database within this long.
 */
const VERSION_RECHECK_MS = 1000;
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
  /** Quoted, as it goes in the ETag header. */
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

interface Drawing {
  index: Supercluster<SiteProperties, Record<string, never>>;
  parcels: GeoJSONVT | null;
  count: number;
  bounds: [number, number, number, number] | null;
}

export interface SiteTileOptions {
  /** How many drawings (audience × filters × version) are kept at once. */
  drawings?: number;
  /** How many bytes of encoded tiles are kept at once. */
  tileBytes?: number;
}

export class SiteTileService {
  private readonly drawings = new Map<string, Promise<Drawing>>();
  private readonly tiles = new Map<string, SiteTile>();
  private tileBytes = 0;
  private readonly auditEnds = new Map<string, string>();
  private versionRead: { at: number; writes: number; raises: number; generation: number; lastWrite: string } | null = null;
  private readonly maxDrawings: number;
  private readonly maxTileBytes: number;

  constructor(private readonly db: Store, private readonly sites: SiteService, options: SiteTileOptions = {}) {
    this.maxDrawings = options.drawings ?? 8;
    this.maxTileBytes = options.tileBytes ?? 64 * 1024 * 1024;
  }

  /** One tile of sites and clusters for the actor, as the filters say. */
  async tile(actor: Actor, params: SiteTileParams, z: number, x: number, y: number): Promise<SiteTile> {
    const { key, shared, filter } = await this.drawingKey(actor, params);
    const tileKey = `${key}|${z}/${x}/${y}`;
    const kept = this.tiles.get(tileKey);
    if (kept) {
      this.tiles.delete(tileKey); // most recently used last
      this.tiles.set(tileKey, kept);
      return kept;
    }
    const drawing = await this.drawing(key, actor, filter);
    const body = Buffer.from(encodeTile(drawing, z, x, y));
    const tile = { body, etag: `"${digest(tileKey)}"`, shared };
    this.keepTile(tileKey, tile);
    return tile;
  }

  /** How many sites the tiles draw and where, for the map's count and first view. */
  async summary(actor: Actor, params: SiteTileParams): Promise<SiteTileSummary> {
    const { key, shared, filter } = await this.drawingKey(actor, params);
    const drawing = await this.drawing(key, actor, filter);
    return { count: drawing.count, bounds: drawing.bounds, etag: `"${digest(`${key}|summary`)}"`, shared };
  }

  /**
   * Names the drawing the actor's tiles come from now. It moves with the privacy generation
   * and, for the live map, with the last write to any site; an audit's map does not follow
   * edits.
   */
  private async drawingKey(actor: Actor, params: SiteTileParams): Promise<{ key: string; shared: boolean; filter: SiteFilter }> {
    const audience = audienceOf(actor);
    const { generation, lastWrite } = await this.currentVersion();
    const filter: SiteFilter = {
      domains: params.domains, functionTypes: params.types, groupIds: params.groups, status: params.status,
      text: params.text, asOf: params.asOf, limit: SITE_LIMIT,
    };
    let version: string;
    if (params.audit) {
      filter.asOf = await this.auditEnd(actor, params.audit);
      version = 'audit';
    } else {
      version = `${lastWrite}#${siteWritesInThisProcess()}`;
    }
    const key = JSON.stringify([audience.role, generation, version, params]);
    return { key, shared: sharedCacheAllowed(audience), filter };
  }

  /** The privacy generation and the time of the last write to any site, read at most once a second while this process writes nothing. */
  private async currentVersion(): Promise<{ generation: number; lastWrite: string }> {
    const now = Date.now();
    const writes = siteWritesInThisProcess();
    const raises = privacyRaisesInThisProcess();
    const read = this.versionRead;
    if (read && now - read.at < VERSION_RECHECK_MS && read.writes === writes && read.raises === raises) return read;
    const repos = repositories(this.db);
    const [generation, lastWrite] = await Promise.all([repos.privacyGeneration.current(), repos.sites.lastWrite()]);
    this.versionRead = { at: now, writes, raises, generation, lastWrite: lastWrite ?? 'none' };
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

  private drawing(key: string, actor: Actor, filter: SiteFilter): Promise<Drawing> {
    const kept = this.drawings.get(key);
    if (kept) {
      this.drawings.delete(key);
      this.drawings.set(key, kept);
      return kept;
    }
    const built = this.sites.mapSites(actor, filter).then(drawingOf);
    built.catch(() => this.drawings.delete(key));
    this.drawings.set(key, built);
    while (this.drawings.size > this.maxDrawings) this.drawings.delete(this.drawings.keys().next().value!);
    return built;
  }

  private keepTile(key: string, tile: SiteTile): void {
    this.tiles.set(key, tile);
    this.tileBytes += tile.body.length;
    while (this.tileBytes > this.maxTileBytes && this.tiles.size > 1) {
      const [oldest, entry] = this.tiles.entries().next().value!;
      this.tiles.delete(oldest);
      this.tileBytes -= entry.body.length;
    }
  }
}

function digest(text: string): string {
  return createHash('sha256').update(text).digest('base64url').slice(0, 27);
}

function drawingOf(sites: Awaited<ReturnType<SiteService['mapSites']>>): Drawing {
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
  return { index, parcels: parcelIndex, count: points.length, bounds: Number.isFinite(west) ? [west, south, east, north] : null };
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
