import { describe, expect, it } from 'vitest';
import { generateDemo, DEMO_LABEL } from '../../../server/demo/generateDemo';
import { DOMAIN_IDS } from '../../../shared/taxonomy/domains';
import { FUNCTION_TYPES } from '../../../shared/taxonomy/functionTypes';
import { haversineMetres, pointInPolygon, polygonCentroid } from '../../../shared/geo/measure';
import { representativePoint } from '../../../shared/privacy/degradeLocation';
import { areaInputSchema } from '../../../shared/schemas/area';
import { groupInputSchema, linkInputSchema } from '../../../shared/schemas/group';
import { siteInputSchema } from '../../../shared/schemas/site';

const domainOf = new Map(FUNCTION_TYPES.map((type) => [type.id, type.domain]));

describe('the demo neighbourhood', () => {
  it('is the same every time it is generated', () => {
    expect(JSON.stringify(generateDemo())).toBe(JSON.stringify(generateDemo()));
    expect(JSON.stringify(generateDemo(7))).toBe(JSON.stringify(generateDemo(7)));
  });

  it('changes with the seed', () => {
    expect(JSON.stringify(generateDemo(2).sites)).not.toBe(JSON.stringify(generateDemo(1).sites));
  });

  it('is labelled fictional and sits in open water in the mid-Atlantic', () => {
    const demo = generateDemo();
    expect(demo.label).toBe(DEMO_LABEL);
    expect(demo.label).toMatch(/fictional/);
    const [west, south, east, north] = demo.bbox;
    expect(west).toBeGreaterThan(-35.05);
    expect(east).toBeLessThan(-34.95);
    expect(south).toBeGreaterThan(41.97);
    expect(north).toBeLessThan(42.03);
    const width = haversineMetres([west, 42], [east, 42]);
    expect(width).toBeGreaterThan(2400);
    expect(width).toBeLessThan(3000);
  });

  it('every domain has at least one site, and almost every function type is used', () => {
    const { sites } = generateDemo();
    for (const domain of DOMAIN_IDS) {
      expect(sites.filter((site) => domainOf.get(site.input.functionType) === domain).length, domain).toBeGreaterThan(0);
    }
    expect(new Set(sites.map((site) => site.input.functionType)).size).toBeGreaterThanOrEqual(30);
  });

  it('has at least 150 sites, about 40 groups and about 60 links', () => {
    const demo = generateDemo();
    expect(demo.sites.length).toBeGreaterThanOrEqual(150);
    expect(demo.groups.length).toBeGreaterThanOrEqual(35);
    expect(demo.groups.length).toBeLessThanOrEqual(45);
    expect(demo.links.length).toBeGreaterThanOrEqual(50);
  });

  it('never gives two sites of different precision the same street address, so a degraded site is not pinned by a public neighbour', () => {
    const { sites } = generateDemo();
    const clashes: string[] = [];
    for (const [index, site] of sites.entries()) {
      for (const other of sites.slice(index + 1)) {
        if (site.input.address === null || site.input.address !== other.input.address || site.input.precision === other.input.precision) continue;
        const metres = haversineMetres(representativePoint(site.input.geometry), representativePoint(other.input.geometry));
        if (metres < 1000) clashes.push(`${site.id} (${site.input.precision}) and ${other.id} (${other.input.precision}) at “${site.input.address}”, ${Math.round(metres)} m apart`);
      }
    }
    expect(clashes).toEqual([]);
  });

  it('has ids that are stable and unique', () => {
    const demo = generateDemo();
    expect(demo.sites[0].id).toBe('demo-site-001');
    expect(demo.groups[0].id).toBe('demo-group-01');
    const ids = [...demo.sites, ...demo.groups, ...demo.links, ...demo.areas, ...demo.streets, ...demo.blocks].map((thing) => thing.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(demo.sites.map((site) => site.input.name)).size).toBe(demo.sites.length);
  });

  it('gives only valid inputs, that point at groups it has', () => {
    const demo = generateDemo();
    const groupIds = new Set(demo.groups.map((group) => group.id));
    for (const area of demo.areas) expect(() => areaInputSchema.parse(area)).not.toThrow();
    for (const group of demo.groups) expect(() => groupInputSchema.parse(group.input)).not.toThrow();
    for (const site of demo.sites) {
      expect(() => siteInputSchema.parse(site.input), site.id).not.toThrow();
      if (site.input.groupId) expect(groupIds.has(site.input.groupId)).toBe(true);
    }
    for (const link of demo.links) {
      expect(() => linkInputSchema.parse(link.input), link.id).not.toThrow();
      expect(groupIds.has(link.input.fromGroupId) && groupIds.has(link.input.toGroupId)).toBe(true);
    }
  });

  it('some sites are members-only or stewards-only, and some are at block, area or no precision', () => {
    const { sites } = generateDemo();
    const count = (test: (site: (typeof sites)[number]) => boolean) => sites.filter(test).length;
    expect(count((site) => site.input.visibility === 'members')).toBeGreaterThanOrEqual(10);
    expect(count((site) => site.input.visibility === 'stewards')).toBeGreaterThanOrEqual(2);
    expect(count((site) => site.input.precision === 'block')).toBeGreaterThanOrEqual(10);
    expect(count((site) => site.input.precision === 'area')).toBeGreaterThanOrEqual(3);
    expect(count((site) => site.input.precision === 'none')).toBeGreaterThanOrEqual(1);
    expect(count((site) => site.input.geometry.type === 'Polygon')).toBeGreaterThanOrEqual(10);
  });

  it('opened sites over 2019–2026 and closed about ten of them, each after it opened', () => {
    const { sites } = generateDemo();
    const years = new Set(sites.map((site) => site.input.openedOn!.slice(0, 4)));
    for (const year of ['2019', '2020', '2021', '2022', '2023', '2024', '2025', '2026']) expect(years.has(year), year).toBe(true);
    const closed = sites.filter((site) => site.closedOn);
    expect(closed.length).toBeGreaterThanOrEqual(8);
    expect(closed.length).toBeLessThanOrEqual(12);
    for (const site of closed) expect(site.closedOn! > site.input.openedOn!).toBe(true);
    for (const site of sites) expect(site.input.openedOn! <= '2026-11-21').toBe(true);
  });

  it('the blocks’ populations add up to the neighbourhoods’ and to the district’s', () => {
    const demo = generateDemo();
    const district = demo.areas.find((area) => area.kind === 'district')!;
    const neighbourhoods = demo.areas.filter((area) => area.kind === 'neighbourhood');
    const blockTotal = demo.blocks.reduce((sum, block) => sum + block.population, 0);
    expect(district.population).toBe(blockTotal);
    expect(blockTotal).toBeGreaterThan(20_000);
    expect(blockTotal).toBeLessThan(30_000);
    expect(neighbourhoods.length).toBeGreaterThanOrEqual(3);
    expect(neighbourhoods.reduce((sum, area) => sum + area.population!, 0)).toBe(blockTotal);
    for (const area of neighbourhoods) {
      const inside = demo.blocks.filter((block) => block.areaId === area.id);
      expect(inside.reduce((sum, block) => sum + block.population, 0), area.name).toBe(area.population);
    }
  });

  it('every block lies in its own neighbourhood, and every site inside the district', () => {
    const demo = generateDemo();
    const byId = new Map(demo.areas.map((area) => [area.id, area]));
    const district = demo.areas.find((area) => area.kind === 'district')!;
    for (const block of demo.blocks) {
      expect(pointInPolygon(polygonCentroid(block.geometry), byId.get(block.areaId)!.geometry), block.id).toBe(true);
    }
    for (const site of demo.sites) expect(pointInPolygon(representativePoint(site.input.geometry), district.geometry), site.id).toBe(true);
  });

  it('streets meet at shared vertices, so a walking graph over them is connected', () => {
    const { streets } = generateDemo();
    const key = ([lon, lat]: number[]) => `${lon},${lat}`;
    const parent = new Map<string, string>();
    const find = (k: string): string => { while (parent.get(k) !== k) k = parent.get(k)!; return k; };
    for (const street of streets) for (const position of street.geometry.coordinates) if (!parent.has(key(position))) parent.set(key(position), key(position));
    for (const street of streets) {
      const coordinates = street.geometry.coordinates;
      for (let k = 1; k < coordinates.length; k++) parent.set(find(key(coordinates[k])), find(key(coordinates[0])));
    }
    const roots = new Set([...parent.keys()].map(find));
    expect(roots.size).toBe(1);
    expect(streets.some((street) => street.kind === 'diagonal')).toBe(true);
    expect(streets.filter((street) => street.kind === 'avenue').length).toBeGreaterThanOrEqual(2);
  });

  it('has a food desert: some block is farther than 1 km from every open food source', () => {
    const demo = generateDemo();
    const food = demo.sites
      .filter((site) => site.closedOn === null && domainOf.get(site.input.functionType) === 'food')
      .map((site) => representativePoint(site.input.geometry));
    expect(food.length).toBeGreaterThan(20);
    const stranded = demo.blocks.filter((block) => block.population > 0
      && food.every((source) => haversineMetres(polygonCentroid(block.geometry), source) > 1000));
    expect(stranded.length).toBeGreaterThan(0);
    expect(stranded.reduce((sum, block) => sum + block.population, 0)).toBeGreaterThanOrEqual(500);
  });

  it('has groups of every kind of governance: exemplary, grant-dependent, too big, informal', () => {
    const { groups } = generateDemo();
    const profiles = groups.map((group) => group.input.governance);
    expect(profiles.filter((p) => p.revenueMix.grants + p.revenueMix.state > 50).length).toBeGreaterThanOrEqual(4);
    expect(profiles.filter((p) => (p.activeParticipants ?? 0) > 150).length).toBeGreaterThanOrEqual(3);
    expect(profiles.filter((p) => p.constitutionUrl === null).length).toBeGreaterThanOrEqual(5);
    expect(profiles.filter((p) => p.constitutionUrl !== null && p.beneficiariesDecide && (p.activeParticipants ?? 999) <= 150).length).toBeGreaterThanOrEqual(8);
    expect(profiles.some((p) => p.grantsWithPoliticalStrings)).toBe(true);
    expect(profiles.some((p) => !p.partnershipsDisclosed)).toBe(true);
    expect(groups.filter((group) => group.input.visibility === 'members').length).toBeGreaterThanOrEqual(2);
  });

  it('has a link network with every kind of link, groups linked to no one, and bridges', () => {
    const { groups, links } = generateDemo();
    const kinds = new Set(links.map((link) => link.input.kind));
    expect([...kinds].sort()).toEqual(['flow', 'mutual_support_pact', 'shared_fund', 'shared_members']);
    expect(new Set(links.map((link) => link.input.flow).filter(Boolean)).size).toBe(6);
    const linked = new Set(links.flatMap((link) => [link.input.fromGroupId, link.input.toGroupId]));
    expect(groups.filter((group) => !linked.has(group.id)).length).toBeGreaterThanOrEqual(1);
    // A bridge: removing the link splits the linked groups into more pieces.
    const pieces = (without: number) => {
      const parent = new Map([...linked].map((id) => [id, id]));
      const find = (id: string): string => { while (parent.get(id) !== id) id = parent.get(id)!; return id; };
      links.forEach((link, index) => { if (index !== without) parent.set(find(link.input.fromGroupId), find(link.input.toGroupId)); });
      return new Set([...linked].map(find)).size;
    };
    expect(pieces(-1)).toBe(1);
    const bridges = links.filter((_, index) => pieces(index) > 1);
    expect(bridges.length).toBeGreaterThanOrEqual(2);
  });

  it('has one demo account per role, all with the demo password', () => {
    const { users } = generateDemo();
    expect(users.map((user) => user.role).sort()).toEqual(['auditor', 'member', 'steward']);
    expect(users.map((user) => user.email)).toContain('steward@kudzu.example');
    for (const user of users) expect(user.password).toBe('kudzu-demo-password');
  });
});
