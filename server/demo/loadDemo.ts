import type { ChangeLogTable, ReferenceFeatureTable, SiteTable } from '../db/schema';
import { inTransaction, repositories, type Repositories, type Connection } from '../repositories';
import { areaCentreFor, newSiteRow } from '../services/siteRows';
import { newAreaRow } from '../services/area.service';
import { hashPassword } from '../services/password';
import { bboxOf } from '../../shared/geo/bbox';
import { representativePoint } from '../../shared/privacy/degradeLocation';
import { areaInputSchema } from '../../shared/schemas/area';
import { groupInputSchema, linkInputSchema } from '../../shared/schemas/group';
import { siteInputSchema } from '../../shared/schemas/site';
import { FUNCTION_TYPES } from '../../shared/taxonomy/functionTypes';
import { KudzuError } from '../../shared/errors';
import type { Geometry } from 'geojson';
import { generateDemo, DEMO_SEED, type DemoNeighbourhood } from './generateDemo';
import { POPULATION_LAYER_SETTING } from '../services/networkSettings';

/** The settings key that records that (and how) the demo was loaded. */
export const DEMO_SETTING_KEY = 'demo';
/** Reference layers the demo writes besides sites, groups, links and areas. */
export const DEMO_LAYERS = { streets: 'demo_streets', blocks: 'demo_blocks', landmarks: 'demo_landmarks' } as const;

export interface DemoCounts { sites: number; groups: number; links: number; areas: number }

/** True when the database holds no sites, groups or areas and no demo: where `npm start` should load the demo. */
export async function isFreshDatabase(db: Connection): Promise<boolean> {
  const repos = repositories(db);
  if (await repos.sites.count() > 0 || await repos.groups.count() > 0) return false;
  if ((await repos.areas.list()).length > 0) return false;
  return (await repos.settings.get(DEMO_SETTING_KEY)) === undefined;
}

/**
 * Write the demo neighbourhood into an empty database in one transaction: the taxonomy,
 * areas, streets and blocks, groups, sites (closed ones closed), links, a change log of
 * openings and closings, the three demo accounts, and a `demo` setting. Refuses a database
 * that already holds sites or groups, so it can never mix fiction into real data.
 */
export async function loadDemo(db: Connection, now: Date, demo: DemoNeighbourhood = generateDemo(DEMO_SEED)): Promise<DemoCounts> {
  const stamp = now.toISOString();
  // scrypt is slow on purpose: hash before the transaction opens.
  const users = await Promise.all(demo.users.map(async (user) => ({
    id: `demo-user-${user.role}`, email: user.email, display_name: user.displayName, password_hash: await hashPassword(user.password),
    role: user.role, created_at: stamp, disabled: 0,
  })));
  const domainOf = new Map(FUNCTION_TYPES.map((type) => [type.id, type.domain]));

  return inTransaction(db, async (repos) => {
    const settings = repos.settings;
    if (await repos.sites.count() > 0 || await repos.groups.count() > 0 || (await settings.get(DEMO_SETTING_KEY)) !== undefined) {
      throw new KudzuError('INVALID_STATE', 'the demo neighbourhood loads only into an empty database; this one already holds sites or groups');
    }
    await repos.taxonomy.seed();

    const areaRows = demo.areas.map(({ id, ...input }) => newAreaRow(id, areaInputSchema.parse(input), stamp));
    await repos.areas.insertMany(areaRows);
    const neighbourhoods = areaRows.filter((row) => row.kind === 'neighbourhood');

    await repos.references.insertMany([
      ...demo.streets.map((street) => reference(street.id, DEMO_LAYERS.streets, street.name, street.geometry, { name: street.name, kind: street.kind })),
      ...demo.blocks.map((block) => reference(block.id, DEMO_LAYERS.blocks, block.name, block.geometry, {
        name: block.name, population: block.population, areaId: block.areaId, landUse: block.landUse, lowIncome: block.lowIncome,
      })),
      ...demo.landmarks.map((landmark) => reference(landmark.id, DEMO_LAYERS.landmarks, landmark.name, landmark.geometry, { name: landmark.name, kind: landmark.kind })),
    ]);
    for (const layer of Object.values(DEMO_LAYERS)) await repos.references.setTier(layer, 'public', stamp);

    await repos.groups.insertMany(demo.groups.map(({ id, input }) => {
      const group = groupInputSchema.parse(input);
      return {
        id, name: group.name, description: group.description, website: group.website, founded_on: group.foundedOn,
        visibility: group.visibility, governance: JSON.stringify(group.governance), version: 1, created_at: stamp, updated_at: stamp,
        domains: JSON.stringify(group.domains), produces: JSON.stringify(group.produces), imports: JSON.stringify(group.imports),
      };
    }));

    const siteRows: SiteTable[] = demo.sites.map(({ id, input, closedOn }) => {
      const site = siteInputSchema.parse(input);
      const domain = domainOf.get(site.functionType);
      if (!domain) throw new Error(`demo site ${id} has unknown function type ${site.functionType}`);
      const areaCentre = site.precision === 'area' ? areaCentreFor(representativePoint(site.geometry), neighbourhoods) : null;
      const row = newSiteRow({ id, input: site, domain, areaCentre, now: stamp, userId: null, source: 'demo', sourceRef: id });
      return closedOn ? { ...row, status: 'closed', closed_on: closedOn } : row;
    });
    await repos.sites.insertMany(siteRows);

    await repos.links.insertMany(demo.links.map(({ id, input }) => {
      const link = linkInputSchema.parse(input);
      const [from, to] = link.flowDirection === 'to_from' ? [link.toGroupId, link.fromGroupId] : [link.fromGroupId, link.toGroupId];
      return {
        id, from_group_id: from, to_group_id: to, kind: link.kind, flow: link.flow,
        description: link.description, started_on: link.startedOn, visibility: link.visibility, created_at: stamp, status: 'active', proposed_by: null,
      };
    }));

    await writeHistory(repos, siteRows);
    for (const user of users) await repos.users.insert(user);
    // The demo's blocks are its population layer, as a steward would choose in the set-up.
    await settings.set(POPULATION_LAYER_SETTING, DEMO_LAYERS.blocks);
    await settings.set(DEMO_SETTING_KEY, JSON.stringify({ label: demo.label, generatedWith: 'kudzu demo', seed: demo.seed }));

    return { sites: siteRows.length, groups: demo.groups.length, links: demo.links.length, areas: areaRows.length };
  });
}

function reference(id: string, layer: string, name: string, geometry: Geometry, properties: Record<string, unknown>): ReferenceFeatureTable {
  const [min_lon, min_lat, max_lon, max_lat] = bboxOf(geometry);
  return { id, layer, name, geometry: JSON.stringify(geometry), properties: JSON.stringify(properties), min_lon, min_lat, max_lon, max_lat };
}

/** A change log as if the sites had been added when they opened and closed when they closed. */
async function writeHistory(repos: Repositories, sites: SiteTable[]): Promise<void> {
  const entry = (site: SiteTable, action: string, day: string, summary: string): ChangeLogTable => ({
    id: `demo-change-${site.id}-${action}`, at: `${day}T12:00:00.000Z`, user_id: null, user_name: 'kudzu demo',
    action, entity: 'site', entity_id: site.id, summary, visibility: site.visibility,
  });
  for (const site of sites) {
    if (site.opened_on) await repos.changeLog.append(entry(site, 'create', site.opened_on, `added ${site.function_type.replace(/_/g, ' ')} “${site.name}”`));
    if (site.closed_on) await repos.changeLog.append(entry(site, 'close', site.closed_on, `closed “${site.name}” on ${site.closed_on}`));
  }
}
