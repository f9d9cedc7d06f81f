import type { ReferenceFeature } from '../domain/area';
import type { StoredSite } from '../domain/site';
import { newGroup, newLink } from '../services/groupRecords';
import type { ChangeLogEntry } from '../../shared/schemas/changeLog';
import { inTransaction, repositories, type Repositories, type Connection } from '../repositories';
import { areaCentreFor, newSite } from '../services/siteRows';
import { newArea } from '../services/area.service';
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
    id: `demo-user-${user.role}`, email: user.email, displayName: user.displayName, passwordHash: await hashPassword(user.password),
    role: user.role, createdAt: stamp, disabled: false,
  })));
  const domainOf = new Map(FUNCTION_TYPES.map((type) => [type.id, type.domain]));

  return inTransaction(db, async (repos) => {
    const settings = repos.settings;
    if (await repos.sites.count() > 0 || await repos.groups.count() > 0 || (await settings.get(DEMO_SETTING_KEY)) !== undefined) {
      throw new KudzuError('INVALID_STATE', 'the demo neighbourhood loads only into an empty database; this one already holds sites or groups');
    }
    await repos.taxonomy.seed();

    const areas = demo.areas.map(({ id, ...input }) => newArea(id, areaInputSchema.parse(input), stamp));
    await repos.areas.insertMany(areas);
    const neighbourhoods = areas.filter((area) => area.kind === 'neighbourhood');

    await repos.references.insertMany([
      ...demo.streets.map((street) => reference(street.id, DEMO_LAYERS.streets, street.name, street.geometry, { name: street.name, kind: street.kind })),
      ...demo.blocks.map((block) => reference(block.id, DEMO_LAYERS.blocks, block.name, block.geometry, {
        name: block.name, population: block.population, areaId: block.areaId, landUse: block.landUse, lowIncome: block.lowIncome,
      })),
      ...demo.landmarks.map((landmark) => reference(landmark.id, DEMO_LAYERS.landmarks, landmark.name, landmark.geometry, { name: landmark.name, kind: landmark.kind })),
    ]);
    for (const layer of Object.values(DEMO_LAYERS)) await repos.references.setTier(layer, 'public', stamp);

    await repos.groups.insertMany(demo.groups.map(({ id, input }) => newGroup(id, groupInputSchema.parse(input), stamp)));

    const sites: StoredSite[] = demo.sites.map(({ id, input, closedOn }) => {
      const site = siteInputSchema.parse(input);
      const domain = domainOf.get(site.functionType);
      if (!domain) throw new Error(`demo site ${id} has unknown function type ${site.functionType}`);
      const areaCentre = site.precision === 'area' ? areaCentreFor(representativePoint(site.geometry), neighbourhoods) : null;
      const stored = newSite({ id, input: site, domain, areaCentre, now: stamp, userId: null, source: 'demo', sourceRef: id });
      return closedOn ? { ...stored, status: 'closed', closedOn } : stored;
    });
    await repos.sites.insertMany(sites);

    await repos.links.insertMany(demo.links.map(({ id, input }) => {
      const link = linkInputSchema.parse(input);
      const [from, to] = link.flowDirection === 'to_from' ? [link.toGroupId, link.fromGroupId] : [link.fromGroupId, link.toGroupId];
      return newLink(id, { ...link, fromGroupId: from, toGroupId: to }, stamp);
    }));

    await writeHistory(repos, sites);
    for (const user of users) await repos.users.insert(user);
    // The demo's blocks are its population layer, as a steward would choose in the set-up.
    await settings.set(POPULATION_LAYER_SETTING, DEMO_LAYERS.blocks);
    await settings.setJson(DEMO_SETTING_KEY, { label: demo.label, generatedWith: 'kudzu demo', seed: demo.seed });

    return { sites: sites.length, groups: demo.groups.length, links: demo.links.length, areas: areas.length };
  });
}

function reference(id: string, layer: string, name: string, geometry: Geometry, properties: Record<string, unknown>): ReferenceFeature {
  return { id, layer, name, geometry, properties, bbox: bboxOf(geometry) };
}

/** A change log as if the sites had been added when they opened and closed when they closed. */
async function writeHistory(repos: Repositories, sites: StoredSite[]): Promise<void> {
  const entry = (site: StoredSite, action: string, day: string, summary: string): ChangeLogEntry => ({
    id: `demo-change-${site.id}-${action}`, at: `${day}T12:00:00.000Z`, userId: null, userName: 'kudzu demo',
    action, entity: 'site', entityId: site.id, summary, visibility: site.visibility,
  });
  for (const site of sites) {
    if (site.openedOn) await repos.changeLog.append(entry(site, 'create', site.openedOn, `added ${site.functionType.replace(/_/g, ' ')} “${site.name}”`));
    if (site.closedOn) await repos.changeLog.append(entry(site, 'close', site.closedOn, `closed “${site.name}” on ${site.closedOn}`));
  }
}
