import { randomUUID } from 'node:crypto';
import type { AreaTable } from '../db/schema';
import { inTransaction, repositories, type Repositories, type Store } from '../repositories';
import { requireRole, type Actor } from './context';
import { logChange } from './site.service';
import { locationColumns, areaCentreFor } from './siteRows';
import { bboxOf } from '../../shared/geo/bbox';
import { polygonCentroid } from '../../shared/geo/measure';
import type { Area, AreaInput } from '../../shared/schemas/area';
import type { AreaGeometry } from '../../shared/schemas/geometry';
import type { Precision } from '../../shared/privacy/roles';
import { KudzuError } from '../../shared/errors';
import { polygonCrossingProblem } from '../../shared/geo/ringCrossing';
import { PolygonFileError, readPolygonFile, type PolygonFile } from '../../shared/geo/readPolygonFile';

export function presentArea(row: AreaTable): Area {
  return { id: row.id, name: row.name, kind: row.kind, geometry: JSON.parse(row.geometry) as AreaGeometry, population: row.population, properties: JSON.parse(row.properties) };
}

export function newAreaRow(id: string, input: AreaInput, now: string): AreaTable {
  const [min_lon, min_lat, max_lon, max_lat] = bboxOf(input.geometry);
  const [centre_lon, centre_lat] = polygonCentroid(input.geometry);
  return { id, name: input.name, kind: input.kind, geometry: JSON.stringify(input.geometry), population: input.population, properties: JSON.stringify(input.properties), min_lon, min_lat, max_lon, max_lat, centre_lon, centre_lat, created_at: now };
}

/** Area-precision sites are shown at their neighbourhood's centre: recompute when areas change. */
export async function refreshAreaPrecisionSites(repos: Repositories): Promise<void> {
  for (const site of await repos.sites.listByPrecision('area')) {
    const candidates = await repos.areas.candidatesAt(site.lon, site.lat, 'neighbourhood');
    const columns = locationColumns(JSON.parse(site.geometry), site.precision as Precision, areaCentreFor([site.lon, site.lat], candidates));
    await repos.sites.update(site.id, site.version, { shown_geometry: columns.shown_geometry, shown_lon: columns.shown_lon, shown_lat: columns.shown_lat });
  }
}

export class AreaService {
  constructor(private readonly db: Store) {}

  async list(kind?: string): Promise<Area[]> {
    return (await repositories(this.db).areas.list(kind)).map(presentArea);
  }

  async get(id: string): Promise<Area> {
    const row = await repositories(this.db).areas.get(id);
    if (!row) throw new KudzuError('NOT_FOUND', `no area with id ${id}`, { field: 'id' });
    return presentArea(row);
  }

  /** Read a polygon file (GeoJSON or KML) for the outlines a steward may pick as an area; nothing is written. */
  async readFile(actor: Actor, fileName: string, text: string): Promise<PolygonFile> {
    requireRole(actor, 'steward', 'adding an area');
    try {
      return readPolygonFile(fileName, text);
    } catch (error) {
      if (error instanceof PolygonFileError) throw new KudzuError('BAD_INPUT', `${fileName}: ${error.message}`, { field: 'text', file: fileName });
      throw error;
    }
  }

  async create(actor: Actor, input: AreaInput): Promise<Area> {
    requireRole(actor, 'steward', 'adding an area');
    const crossing = polygonCrossingProblem(input.geometry);
    if (crossing) throw new KudzuError('BAD_INPUT', `geometry: ${crossing}`, { field: 'geometry' });
    const id = randomUUID();
    await inTransaction(this.db, async (repos) => {
      await repos.areas.insert(newAreaRow(id, input, actor.now.toISOString()));
      if (input.kind === 'neighbourhood') await refreshAreaPrecisionSites(repos);
      await logChange(repos, actor, 'create', { id, visibility: 'public' }, `added area “${input.name}”`, 'area');
    });
    return this.get(id);
  }

  async delete(actor: Actor, id: string): Promise<void> {
    requireRole(actor, 'steward', 'removing an area');
    await inTransaction(this.db, async (repos) => {
      const row = await repos.areas.get(id);
      if (!row) throw new KudzuError('NOT_FOUND', `no area with id ${id}`, { field: 'id' });
      await repos.areas.delete(id);
      await refreshAreaPrecisionSites(repos);
      await logChange(repos, actor, 'delete', { id, visibility: 'public' }, `removed area “${row.name}”`, 'area');
    });
  }
}
