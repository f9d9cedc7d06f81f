import type { Kysely } from 'kysely';
import type { Database, AreaTable } from '../db/schema';
import { PrivacyGenerationRepository } from './privacyGeneration.repository';
import type { StoredArea } from '../domain/area';
import type { AreaGeometry } from '../../shared/schemas/geometry';

function areaOf(row: AreaTable): StoredArea {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    geometry: JSON.parse(row.geometry) as AreaGeometry,
    population: row.population,
    properties: JSON.parse(row.properties) as Record<string, unknown>,
    bbox: [row.min_lon, row.min_lat, row.max_lon, row.max_lat],
    centre: { lon: row.centre_lon, lat: row.centre_lat },
    createdAt: row.created_at,
  };
}

function areaRow(area: StoredArea): AreaTable {
  const [min_lon, min_lat, max_lon, max_lat] = area.bbox;
  return {
    id: area.id, name: area.name, kind: area.kind, geometry: JSON.stringify(area.geometry), population: area.population,
    properties: JSON.stringify(area.properties), min_lon, min_lat, max_lon, max_lat,
    centre_lon: area.centre.lon, centre_lat: area.centre.lat, created_at: area.createdAt,
  };
}

export class AreaRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async list(kind?: string): Promise<StoredArea[]> {
    let query = this.db.selectFrom('areas').selectAll();
    if (kind) query = query.where('kind', '=', kind);
    return (await query.orderBy('name').execute()).map(areaOf);
  }

  async get(id: string): Promise<StoredArea | undefined> {
    const row = await this.db.selectFrom('areas').selectAll().where('id', '=', id).executeTakeFirst();
    return row && areaOf(row);
  }

  /** Areas whose bounding box holds the point (callers test the polygon itself). */
  async candidatesAt(lon: number, lat: number, kind?: string): Promise<StoredArea[]> {
    let query = this.db.selectFrom('areas').selectAll()
      .where('min_lon', '<=', lon).where('max_lon', '>=', lon).where('min_lat', '<=', lat).where('max_lat', '>=', lat);
    if (kind) query = query.where('kind', '=', kind);
    return (await query.execute()).map(areaOf);
  }

  /**
   * Take the area's row for the rest of the transaction, by writing it unchanged: another
   * transaction that claims the same area waits until this one ends (a row lock on
   * PostgreSQL; on SQLite the write lock, taken at once). Whatever is checked after the
   * claim — one audit in progress per area, say — holds until the commit.
   */
  async claim(id: string): Promise<void> {
    await this.db.updateTable('areas').set((eb) => ({ id: eb.ref('id') })).where('id', '=', id).execute();
  }

  async insert(area: StoredArea): Promise<void> {
    await this.db.insertInto('areas').values(areaRow(area)).execute();
  }

  async insertMany(areas: readonly StoredArea[]): Promise<void> {
    for (let i = 0; i < areas.length; i += 500) await this.db.insertInto('areas').values(areas.slice(i, i + 500).map(areaRow)).execute();
  }

  async delete(id: string): Promise<void> {
    await this.db.deleteFrom('areas').where('id', '=', id).execute();
    await new PrivacyGenerationRepository(this.db).bump();
  }
}
