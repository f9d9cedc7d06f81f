import { randomUUID } from 'node:crypto';
import { inTransaction, repositories, type Repositories, type Store } from '../repositories';
import { requireRole, type Actor } from './context';
import { found, logChange } from './site.service';
import { siteLocation, areaCentreFor } from './siteRows';
import type { StoredArea } from '../domain/area';
import { bboxOf } from '../../shared/geo/bbox';
import { polygonCentroid } from '../../shared/geo/measure';
import type { Area, AreaInput } from '../../shared/schemas/area';
import { KudzuError } from '../../shared/errors';
import { polygonCrossingProblem } from '../../shared/geo/ringCrossing';
import { PolygonFileError, readPolygonFile, type PolygonFile } from '../../shared/geo/readPolygonFile';

export function presentArea(area: StoredArea): Area {
  return { id: area.id, name: area.name, kind: area.kind, geometry: area.geometry, population: area.population, properties: area.properties };
}

export function newArea(id: string, input: AreaInput, now: string): StoredArea {
  const [lon, lat] = polygonCentroid(input.geometry);
  return { id, name: input.name, kind: input.kind, geometry: input.geometry, population: input.population, properties: input.properties, bbox: bboxOf(input.geometry), centre: { lon, lat }, createdAt: now };
}

/** Area-precision sites are shown at their neighbourhood's centre: recompute when areas change. */
export async function refreshAreaPrecisionSites(repos: Repositories): Promise<void> {
  for (const site of await repos.sites.listByPrecision('area')) {
    const { geometry, point } = site.location.exact;
    const candidates = await repos.areas.candidatesAt(point.lon, point.lat, 'neighbourhood');
    await repos.sites.update(site.id, site.version, { location: siteLocation(geometry, site.precision, areaCentreFor([point.lon, point.lat], candidates)) });
  }
}

export class AreaService {
  constructor(private readonly db: Store) {}

  async list(kind?: string): Promise<Area[]> {
    return (await repositories(this.db).areas.list(kind)).map(presentArea);
  }

  async get(id: string): Promise<Area> {
    return presentArea(found(await repositories(this.db).areas.get(id), `no area with id ${id}`));
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
      await repos.areas.insert(newArea(id, input, actor.now.toISOString()));
      if (input.kind === 'neighbourhood') await refreshAreaPrecisionSites(repos);
      await logChange(repos, actor, 'create', { id, visibility: 'public' }, `added area “${input.name}”`, 'area');
    });
    return this.get(id);
  }

  async delete(actor: Actor, id: string): Promise<void> {
    requireRole(actor, 'steward', 'removing an area');
    await inTransaction(this.db, async (repos) => {
      const area = found(await repos.areas.get(id), `no area with id ${id}`);
      await repos.areas.delete(id);
      await refreshAreaPrecisionSites(repos);
      await logChange(repos, actor, 'delete', { id, visibility: 'public' }, `removed area “${area.name}”`, 'area');
    });
  }
}
