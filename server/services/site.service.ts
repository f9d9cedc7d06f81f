import { randomUUID } from 'node:crypto';
import { inTransaction, repositories, type Repositories, type Store } from '../repositories';
import { presentMapSite, presentSite } from '../privacy/audience';
import { assertMayChangePrivacy, assertMayGiveTier, searchableGroupIds, seesTier, type Audience } from '../privacy/policy';
import { audienceOf, requireRole, type Actor } from './context';
import { areaCentreFor, newSite, siteLocation } from './siteRows';
import { KudzuError } from '../../shared/errors';
import { siteChangesSchema, siteInputSchema, type Site, type SiteChanges, type SiteFilter, type SiteMap } from '../../shared/schemas/site';
import { compactMapSites, type MapSite } from '../../shared/map/compactSites';
import type { z } from 'zod';
import { parseInput } from './validate';
import type { SiteGeometry } from '../../shared/schemas/geometry';
import type { Precision } from '../../shared/privacy/roles';
import { needsAreaCentre, representativePoint } from '../../shared/privacy/degradeLocation';
import { networkAreas } from '../../shared/geo/networkArea';
import { FAR_FROM_AREA_METRES, metresOutside } from '../../shared/geo/farFromArea';
import type { SiteChange, SiteWithGroup } from '../domain/site';
import type { WrittenSites } from '../repositories/site.repository';

export class SiteService {
  constructor(private readonly db: Store) {}

  async list(actor: Actor, filter: SiteFilter): Promise<Site[]> {
    const audience = audienceOf(actor);
    const repos = repositories(this.db);
    const searchable = await searchableFilter(repos, filter, audience);
    if (!searchable) return [];
    const rows = await repos.sites.list(searchable, audience);
    return rows.map((row) => presentSite(row, audience)).filter((site): site is Site => site !== null);
  }

  /**
   * The same sites as `list`, under the same privacy rules, packed into the map's lean
   * columns. Only the map's columns are read: at 50,000 sites, reading and parsing whole rows
   * took several times longer than the answer takes to draw.
   */
  async forMap(actor: Actor, filter: SiteFilter): Promise<SiteMap> {
    return compactMapSites(await this.mapSites(actor, filter));
  }

  /** The map's view of the sites an actor may see, presented (what `forMap` packs and tiles draw). */
  async mapSites(actor: Actor, filter: SiteFilter): Promise<MapSite[]> {
    const audience = audienceOf(actor);
    const repos = repositories(this.db);
    const searchable = await searchableFilter(repos, filter, audience);
    const rows = searchable ? await repos.sites.mapList(searchable, audience) : [];
    return rows.map((row) => presentMapSite(row, audience)).filter((site): site is MapSite => site !== null);
  }

  /**
   * The sites written since a drawing was read (`written`): which of them the actor's map
   * shows now, presented as `mapSites` does, and the ids of them all, shown or not, for the
   * drawing to replace what it held of them.
   */
  async mapSitesWritten(actor: Actor, filter: SiteFilter, written: WrittenSites): Promise<{ shown: MapSite[]; written: string[] }> {
    const audience = audienceOf(actor);
    const repos = repositories(this.db);
    // The ids first: a site written between the two reads is read again at the next request.
    const ids = new Set([...await repos.sites.idsWrittenSince(written.since), ...written.ids]);
    const searchable = await searchableFilter(repos, filter, audience);
    const rows = searchable ? await repos.sites.mapList(searchable, audience, written) : [];
    return { shown: rows.map((row) => presentMapSite(row, audience)).filter((site): site is MapSite => site !== null), written: [...ids] };
  }

  /** One site; a site the actor may not see is "not found", exactly like a missing one. */
  async get(actor: Actor, id: string): Promise<Site> {
    const audience = audienceOf(actor);
    const row = await repositories(this.db).sites.get(id, audience);
    const site = row ? presentSite(row, audience) : null;
    if (!site) throw new KudzuError('NOT_FOUND', `no site with id ${id}`, { field: 'id' });
    return site;
  }

  /** A new site; one more than a few kilometres outside the network's area needs `confirmFar`. */
  async create(actor: Actor, draft: z.input<typeof siteInputSchema>, options: { confirmFar?: boolean } = {}): Promise<Site> {
    requireRole(actor, 'member', 'adding a site');
    const input = parseInput(siteInputSchema, draft);
    const id = randomUUID();
    await inTransaction(this.db, async (repos) => {
      if (!options.confirmFar) await refuseFarFromArea(repos, input.name, input.geometry);
      const domain = await checkedDomain(repos, input.functionType);
      assertMayGiveTier(actor, input.visibility);
      if (input.groupId) await checkedGroup(repos, actor, input.groupId);
      const areaCentre = await areaCentreIfNeeded(repos, input.geometry, input.precision);
      const site = newSite({ id, input, domain, areaCentre, now: actor.now.toISOString(), userId: actor.viewer.userId });
      await repos.sites.insert(site);
      await logChange(repos, actor, 'create', site, `added ${site.functionType.replace(/_/g, ' ')} “${site.name}”`);
    });
    return this.get(actor, id);
  }

  /** A change; a move to more than a few kilometres outside the network's area needs `confirmFar`. */
  async update(actor: Actor, id: string, version: number, draft: SiteChanges, options: { confirmFar?: boolean } = {}): Promise<Site> {
    requireRole(actor, 'member', 'editing a site');
    const changes = parseInput(siteChangesSchema, draft);
    await inTransaction(this.db, async (repos) => {
      const current = await visibleRaw(repos, actor, id);
      const merged = siteInputSchema.parse({
        name: current.name, functionType: current.functionType, groupId: current.groupId,
        geometry: current.location.exact.geometry, capacity: current.capacity, capacityUnit: current.capacityUnit,
        openingHours: current.openingHours, openedOn: current.openedOn, description: current.description,
        address: current.address, visibility: current.visibility, precision: current.precision,
        ...changes,
      });
      assertMayChangePrivacy(actor, current, merged);
      if (changes.geometry && !options.confirmFar) await refuseFarFromArea(repos, merged.name, merged.geometry);
      const patch: SiteChange = {
        name: merged.name, functionType: merged.functionType, groupId: merged.groupId,
        capacity: merged.capacity, capacityUnit: merged.capacityUnit, openingHours: merged.openingHours,
        openedOn: merged.openedOn, description: merged.description, address: merged.address,
        visibility: merged.visibility, precision: merged.precision,
        updatedAt: actor.now.toISOString(), updatedBy: actor.viewer.userId,
      };
      if (changes.functionType) patch.domain = await checkedDomain(repos, merged.functionType);
      if (changes.groupId) await checkedGroup(repos, actor, changes.groupId);
      if (changes.geometry || changes.precision) {
        patch.location = siteLocation(merged.geometry, merged.precision, await areaCentreIfNeeded(repos, merged.geometry, merged.precision));
      }
      if (!(await repos.sites.update(id, version, patch))) throw staleVersion('site', id);
      const what = Object.keys(changes).map((key) => (key === 'geometry' ? 'location' : key)).join(', ');
      await logChange(repos, actor, 'update', { ...current, ...patch }, `changed ${what} of “${merged.name}”`);
    });
    return this.get(actor, id);
  }

  async close(actor: Actor, id: string, version: number, closedOn: string, reason: string): Promise<Site> {
    requireRole(actor, 'member', 'closing a site');
    await inTransaction(this.db, async (repos) => {
      const current = await visibleRaw(repos, actor, id);
      if (current.status === 'closed') throw new KudzuError('INVALID_STATE', `“${current.name}” is already closed (since ${current.closedOn})`, { field: 'id' });
      if (current.openedOn && closedOn < current.openedOn) {
        throw new KudzuError('BAD_INPUT', `closedOn ${closedOn} is before the site opened (${current.openedOn})`, { field: 'closedOn' });
      }
      const ok = await repos.sites.update(id, version, { status: 'closed', closedOn, updatedAt: actor.now.toISOString(), updatedBy: actor.viewer.userId });
      if (!ok) throw staleVersion('site', id);
      await logChange(repos, actor, 'close', current, `closed “${current.name}” on ${closedOn}${reason ? `: ${reason}` : ''}`);
    });
    return this.get(actor, id);
  }

  async delete(actor: Actor, id: string): Promise<void> {
    requireRole(actor, 'steward', 'deleting a site');
    await inTransaction(this.db, async (repos) => {
      const current = await visibleRaw(repos, actor, id);
      await repos.sites.delete(id);
      await logChange(repos, actor, 'delete', current, `deleted “${current.name}”`);
    });
  }
}

async function visibleRaw(repos: Repositories, actor: Actor, id: string): Promise<SiteWithGroup> {
  const row = await repos.sites.get(id, audienceOf(actor));
  if (!row) throw new KudzuError('NOT_FOUND', `no site with id ${id}`, { field: 'id' });
  return row;
}

export async function checkedDomain(repos: Repositories, functionType: string): Promise<string> {
  const type = await repos.taxonomy.functionType(functionType);
  if (!type) throw new KudzuError('BAD_INPUT', `unknown function type “${functionType}”`, { field: 'functionType' });
  return type.domain;
}

/** A group the actor may see: a hidden group is refused exactly like a missing one. */
export async function checkedGroup(repos: Repositories, actor: Actor, groupId: string, field = 'groupId'): Promise<void> {
  const group = await repos.groups.getRaw(groupId);
  if (!group || !seesTier(audienceOf(actor), group.visibility)) throw new KudzuError('BAD_INPUT', `no group with id ${groupId}`, { field });
}

/** The filter with only the groups the audience may see; null when it can match nothing. */
async function searchableFilter(repos: Repositories, filter: SiteFilter, audience: Audience): Promise<SiteFilter | null> {
  if (!filter.groupIds?.length) return filter;
  const visible = new Set((await repos.groups.list(audience)).map((group) => group.id));
  const groupIds = searchableGroupIds(filter.groupIds, visible);
  return groupIds?.length ? { ...filter, groupIds } : null;
}

export async function areaCentreIfNeeded(repos: Repositories, geometry: SiteGeometry, precision: Precision) {
  if (!needsAreaCentre(precision)) return null;
  const [lon, lat] = representativePoint(geometry);
  return areaCentreFor([lon, lat], await repos.areas.candidatesAt(lon, lat, 'neighbourhood'));
}

/** What was read, or "not found" naming the id (field `id`) when nothing was. */
export function found<T>(thing: T | undefined, message: string): T {
  if (thing === undefined) throw new KudzuError('NOT_FOUND', message, { field: 'id' });
  return thing;
}

export function staleVersion(entity: string, id: string): KudzuError {
  return new KudzuError('CONFLICT', `this ${entity} was changed by someone else since you opened it (${id}); reload and try again`, { field: 'version' });
}

/** Change-log ids sort in the order entries were written, even within one millisecond. */
let changeSequence = 0;
function changeId(at: string): string {
  changeSequence = (changeSequence + 1) % 1_000_000;
  return `${at}~${String(changeSequence).padStart(6, '0')}~${randomUUID().slice(0, 8)}`;
}

export async function logChange(repos: Repositories, actor: Actor, action: string, row: { id: string; visibility: string }, summary: string, entity = 'site'): Promise<void> {
  await repos.changeLog.append({
    id: changeId(actor.now.toISOString()), at: actor.now.toISOString(), userId: actor.viewer.userId, userName: actor.viewer.displayName,
    action, entity, entityId: row.id, summary, visibility: row.visibility,
  });
}

/** A place more than a few kilometres outside the network's area is most likely a slip: ask first. */
async function refuseFarFromArea(repos: Repositories, name: string, geometry: SiteGeometry): Promise<void> {
  const areas = networkAreas(await repos.areas.list());
  const metres = metresOutside(representativePoint(geometry), areas);
  if (metres === null || metres <= FAR_FROM_AREA_METRES) return;
  const kilometres = (Math.round(metres / 100) / 10).toLocaleString('en-US');
  throw new KudzuError('BAD_INPUT',
    `“${name}” would be ${kilometres} km outside the network’s area (${areas.map((area) => area.name).join(', ')}). Check the place on the map, or confirm that it belongs there`,
    { field: 'confirmFar' });
}
