import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../helpers/databases';
import { dataFile, skipRealData } from '../helpers/sharedData';
import { createCallerFactory, type Context } from '../../server/trpc/trpc';
import { appRouter } from '../../server/trpc/appRouter';
import { createServices, type Services } from '../../server/services';
import type { Role } from '../../shared/privacy/roles';
import { NOW, refusal } from './fixtures';
import { period } from './auditFixtures';
import { commitImport } from '../../server/import/importSites';
import { systemActor } from '../../server/services/context';
import { DEFAULT_AUDIT_RULES } from '../../shared/audit/scoreAudit';

const kinds = await databaseKinds();
const createCaller = createCallerFactory(appRouter);
const DAY = 86_400_000;

function as(services: Services, role: Role, userId: string | null = null, at: Date = NOW) {
  const context: Context = {
    services, viewer: { userId: role === 'public' ? null : userId ?? `user-${role}`, displayName: role === 'public' ? null : `A ${role}`, role },
    sessionToken: undefined, now: () => at, setSessionCookie: () => undefined,
  };
  return createCaller(context);
}

const square = (west: number, south: number, size = 0.01) => ({
  type: 'Polygon' as const,
  coordinates: [[[west, south], [west + size, south], [west + size, south + size], [west, south + size], [west, south]]] as [number, number][][],
});

/** Open and publish an audit with one headline challenge, its unknowns acknowledged. */
async function publishAudit(steward: ReturnType<typeof as>, auditId: string, areaId: string) {
  const draft = await steward.audits.workspace({ auditId });
  const opened = await steward.audits.open({ auditId, version: draft.audit.version });
  const challenge = await steward.challenges.create({ auditId, title: 'A second pantry', location: { kind: 'area', areaId } });
  await steward.challenges.chooseHeadline({ auditId, challengeId: challenge.id });
  return steward.audits.publish({ auditId, version: opened.version, acknowledgeUnknown: true });
}

describe.each(kinds)('a network from nothing, through the API, on %s', (kind) => {
  let database: TestDatabase;
  let services: Services;

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    services = createServices(database.db);
  });
  afterAll(() => database.dispose());

  const publishWithHeadline = (auditId: string, areaId: string) => publishAudit(steward(), auditId, areaId);
  const steward = () => as(services, 'steward');
  const publicCaller = (at: Date = NOW) => as(services, 'public', null, at);

  it('an invitation link says its role and that the first account is the network’s first steward, then makes that account once', async () => {
    const { token } = await steward().auth.invite({ role: 'steward' });
    expect(await publicCaller().auth.invitation({ token })).toMatchObject({ role: 'steward', firstAccount: true });
    const made = await publicCaller().auth.acceptInvite({ token, email: 'first@kudzu.example', displayName: 'First Steward', password: 'a long first password' });
    expect(made.role).toBe('steward');
    const again = await refusal(publicCaller().auth.invitation({ token }));
    expect(again.message).toMatch(/already been used/);
    const reuse = await refusal(publicCaller().auth.acceptInvite({ token, email: 'second@kudzu.example', displayName: 'Second', password: 'another long password' }));
    expect(reuse.message).toMatch(/already been used/);
    expect((await steward().people.list()).people.map((p) => p.email)).not.toContain('second@kudzu.example');
  });

  it('a made-up invitation token is refused as not valid', async () => {
    const error = await refusal(publicCaller().auth.invitation({ token: 'made-up-token-0123456789' }));
    expect(error.code).toBe('NOT_FOUND');
    expect(error.message).toMatch(/not valid/);
  });

  it('an expired invitation is refused naming the day it expired, and makes no account', async () => {
    const { token } = await steward().auth.invite({ role: 'member', expiresInDays: 2 });
    const later = new Date(NOW.getTime() + 3 * DAY);
    const error = await refusal(publicCaller(later).auth.invitation({ token }));
    expect(error.message).toMatch(/expired on 2026-11-23/);
    await refusal(publicCaller(later).auth.acceptInvite({ token, email: 'late@kudzu.example', displayName: 'Late', password: 'a long late password' }));
    expect((await steward().people.list()).people.map((p) => p.email)).not.toContain('late@kudzu.example');
    expect((await steward().people.list()).invitations.find((i) => i.expiresAt.startsWith('2026-11-23'))?.status).toBe('waiting');
  });

  it('the people page lists accounts and invitations; a withdrawn invitation no longer opens', async () => {
    const { token } = await steward().auth.invite({ role: 'auditor', note: 'for Ana' });
    const listed = (await steward().people.list()).invitations.find((i) => i.note === 'for Ana')!;
    expect(listed).toMatchObject({ role: 'auditor', status: 'waiting' });
    await steward().people.revokeInvitation({ invitationId: listed.id });
    expect((await refusal(publicCaller().auth.invitation({ token }))).code).toBe('NOT_FOUND');
    expect((await steward().people.list()).invitations.some((i) => i.id === listed.id)).toBe(false);
  });

  it('a steward changes someone else’s role but never their own', async () => {
    const id = await services.auth.createUser('dana@kudzu.example', 'Dana', 'a long password for dana', 'member', NOW);
    const changed = await steward().people.setRole({ userId: id, role: 'auditor' });
    expect(changed.role).toBe('auditor');
    expect((await steward().people.list()).people.find((p) => p.id === id)?.role).toBe('auditor');
    const own = await refusal(as(services, 'steward', id).people.setRole({ userId: id, role: 'member' }));
    expect(own.code).toBe('FORBIDDEN');
    expect(own.message).toMatch(/your own role/);
    expect((await refusal(steward().people.setRole({ userId: 'nobody', role: 'member' }))).message).toMatch(/no account with id nobody/);
  });

  it('an area outline that does not close, leaves the map or crosses itself is refused naming the problem, and nothing is written', async () => {
    const open = await refusal(steward().areas.create({ name: 'Open', geometry: { type: 'Polygon', coordinates: [[[-122.42, 37.76], [-122.41, 37.76], [-122.41, 37.77], [-122.42, 37.77]]] } }));
    expect(open.message).toMatch(/does not close/);
    const outside = await refusal(steward().areas.create({ name: 'Off the map', geometry: { type: 'Polygon', coordinates: [[[-122.42, 37.76], [-122.41, 97.5], [-122.41, 37.77], [-122.42, 37.76]]] } }));
    expect(outside.message).toMatch(/latitude 97.5 is outside -90..90/);
    const bowtie = await refusal(steward().areas.create({ name: 'Bow tie', geometry: { type: 'Polygon', coordinates: [[[-122.42, 37.76], [-122.41, 37.77], [-122.41, 37.76], [-122.42, 37.77], [-122.42, 37.76]]] } }));
    expect(bowtie.message).toMatch(/crosses itself \(the outer ring: edges 1 and 3/);
    expect(await steward().areas.list({})).toEqual([]);
  });

  it('reading a polygon file names each feature that cannot be an area and refuses a file that is not GeoJSON or KML', async () => {
    const text = JSON.stringify({ type: 'FeatureCollection', features: [
      { type: 'Feature', properties: { name: 'Good' }, geometry: square(-122.42, 37.76) },
      { type: 'Feature', properties: { name: 'Point' }, geometry: { type: 'Point', coordinates: [-122.4, 37.7] } },
      { type: 'Feature', properties: { name: 'Far' }, geometry: square(-122.42, 137.76) },
    ] });
    const read = await steward().areas.readFile({ fileName: 'areas.geojson', text });
    expect(read.polygons.map((p) => p.name)).toEqual(['Good']);
    expect(read.problems).toEqual([
      'feature 2 (“Point”) is a Point, not a polygon, so it cannot be an area',
      'feature 3 (“Far”): latitude 137.76 is outside -90..90',
    ]);
    const broken = await refusal(steward().areas.readFile({ fileName: 'areas.geojson', text: '{"type": "FeatureCollection", "features": [' }));
    expect(broken.message).toMatch(/^areas.geojson: the file is not valid GeoJSON/);
    const kmlText = `<?xml version="1.0"?><kml xmlns="http://www.opengis.net/kml/2.2"><Document><Placemark><name>Block 7</name><Polygon><outerBoundaryIs><LinearRing><coordinates>-122.42,37.76 -122.41,37.76 -122.41,37.77 -122.42,37.76</coordinates></LinearRing></outerBoundaryIs></Polygon></Placemark></Document></kml>`;
    expect((await steward().areas.readFile({ fileName: 'block.kml', text: kmlText })).polygons.map((p) => p.name)).toEqual(['Block 7']);
  });

  it.skipIf(skipRealData)('the San Francisco neighbourhoods file offers all 41 neighbourhoods by name, and one becomes the area', async () => {
    const text = readFileSync(dataFile('sf', 'neighborhoods.geojson'), 'utf8');
    const read = await steward().areas.readFile({ fileName: 'neighborhoods.geojson', text });
    expect(read.problems).toEqual([]);
    expect(read.polygons).toHaveLength(41);
    const mission = read.polygons.find((p) => p.name === 'Mission')!;
    const area = await steward().areas.create({ name: mission.name, geometry: mission.geometry });
    expect((await steward().network.status()).areas).toEqual([{ id: area.id, name: 'Mission' }]);
  });

  it('the population layer must be a reference layer that exists', async () => {
    const error = await refusal(steward().network.setPopulationLayer({ layer: 'sf-tracts' }));
    expect(error.message).toMatch(/no reference layer “sf-tracts”/);
    expect((await steward().network.status()).populationLayer).toBeNull();
  });

  it.skipIf(skipRealData)('the San Francisco tracts, imported as a reference layer, become the population layer', async () => {
    const bytes = readFileSync(dataFile('sf', 'tracts-2010.geojson'));
    const imported = await commitImport(database.db, systemActor(NOW), { name: 'tracts-2010.geojson', bytes }, { layer: 'sf-tracts' });
    expect(imported.written).toBe(195);
    const status = await steward().network.setPopulationLayer({ layer: 'sf-tracts' });
    expect(status.populationLayer).toBe('sf-tracts');
    expect(status.layers).toContainEqual({ layer: 'sf-tracts', features: 195 });
  });

  it('a new audit is scored by the network’s thresholds, an audit in progress follows a steward’s change, and the next quarter copies them', async () => {
    await steward().network.setThresholds({ governedCoverage: 0.35 });
    const area = await steward().areas.create({ name: 'Carry-over Block', geometry: square(-122.45, 37.75) });
    const first = await steward().audits.create({ areaId: area.id, period: period('2026 Q3'), nextAuditOn: '2026-12-31' });
    expect((await steward().audits.workspace({ auditId: first.id })).rules).toEqual({ ...DEFAULT_AUDIT_RULES, governedCoverage: 0.35 });
    await steward().audits.setNeed({ auditId: first.id, domain: 'food', need: 420, note: 'households' });
    await steward().network.setThresholds({ autonomousGroupScore: 0.7 });
    const firstRules = { ...DEFAULT_AUDIT_RULES, governedCoverage: 0.35, autonomousGroupScore: 0.7 };
    expect((await steward().audits.workspace({ auditId: first.id })).rules).toEqual(firstRules);
    await publishWithHeadline(first.id, area.id);
    const next = await steward().audits.create({ areaId: area.id, period: { label: '2026 Q4', start: '2026-10-01', end: '2026-12-31' }, nextAuditOn: '2027-03-31' });
    const workspace = await steward().audits.workspace({ auditId: next.id });
    expect(workspace.rules).toEqual(firstRules);
    expect(workspace.needEstimates).toMatchObject([{ domain: 'food', need: 420 }]);
    await steward().network.setThresholds({ governedCoverage: 0.45 });
    expect((await steward().audits.workspace({ auditId: next.id })).rules).toEqual({ ...firstRules, governedCoverage: 0.45 });
    expect((await as(services, 'public').audits.get({ auditId: first.id })).snapshot.rules).toEqual(firstRules);
    expect(await as(services, 'public').network.thresholds()).toEqual({ ...firstRules, governedCoverage: 0.45 });
  });

  it('a threshold out of range is refused naming the field, and only stewards change them; nothing is written', async () => {
    const before = await steward().network.thresholds();
    const outOfRange = await refusal(steward().network.setThresholds({ governedCoverage: 1.5 }));
    expect(outOfRange.code).toBe('BAD_REQUEST');
    expect(outOfRange.message).toContain('governedCoverage must be between 0 and 1');
    await expect(services.network.setThresholds(systemActor(NOW), { coverageWeight: -0.1 })).rejects.toMatchObject({ code: 'BAD_INPUT', message: 'coverageWeight: coverageWeight must be between 0 and 1', details: { field: 'coverageWeight' } });
    for (const role of ['member', 'auditor'] as const) {
      const refused = await refusal(as(services, role).network.setThresholds({ governedCoverage: 0.2 }));
      expect(refused.code).toBe('FORBIDDEN');
    }
    await expect(services.network.setThresholds({ viewer: { userId: 'user-auditor', displayName: 'An auditor', role: 'auditor' }, now: NOW }, { governedCoverage: 0.2 }))
      .rejects.toMatchObject({ code: 'FORBIDDEN', message: 'changing the network’s thresholds needs the steward role; you are an auditor', details: { permission: 'steward' } });
    expect(await steward().network.thresholds()).toEqual(before);
  });
});
