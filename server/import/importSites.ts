/**
 * Import sites (or a reference layer) from a GeoJSON, CSV or JSON file: read and check
 * every row, report, and only when no row is at fault write everything in one
 * transaction. A file with any problem writes nothing.
 */
import { randomUUID } from 'node:crypto';
import { ZodError } from 'zod';
import { audienceFor } from '../privacy/audience';
import { governanceProfileSchema } from '../../shared/schemas/group';
import type { StoredGroup, StoredLink } from '../domain/group';
import type { StoredSite } from '../domain/site';
import type { ReferenceFeature } from '../domain/area';
import { newGroup, newLink } from '../services/groupRecords';
import { inTransaction, repositories, type Connection } from '../repositories';
import { requireRole, type Actor } from '../services/context';
import { checkedGroup, logChange } from '../services/site.service';
import { assertMayGiveTier, assertMayReplaceLayer } from '../privacy/policy';
import { needsAreaCentre } from '../../shared/privacy/degradeLocation';
import { areaCentreFor, newSite } from '../services/siteRows';
import { KudzuError } from '../../shared/errors';
import { bboxOf, type BBox } from '../../shared/geo/bbox';
import { representativePoint } from '../../shared/privacy/degradeLocation';
import { importOptionsSchema, type ImportOptions, type ImportOptionsInput } from '../../shared/import/importOptions';
import { draftSites } from '../../shared/import/draftSites';
import { detectFormat, readSourceRecords } from '../../shared/import/parseSiteFile';
import { findLikelyDuplicates, DUPLICATE_RADIUS_METRES } from '../../shared/import/findLikelyDuplicates';
import type { SourceRecords } from '../../shared/import/sourceRecord';
import { readOsmRecords } from './readOsmRecords';
import { networkAreas } from '../../shared/geo/networkArea';
import { farFromArea, FAR_FROM_AREA_METRES } from '../../shared/geo/farFromArea';
import { buildReport, PREVIEW_ROWS, roundDegrees, type ParsedSites, type SiteDraft, type ValidationReport } from '../../shared/import/validationReport';

/** The largest file accepted, on the web and the command line alike. */
export const IMPORT_SIZE_LIMIT = 25 * 1024 * 1024;

export interface ImportFile {
  name: string;
  bytes: Uint8Array;
}

export interface ImportResult extends ValidationReport {
  dryRun: boolean;
  /** Sites (or reference features) written; 0 on a dry run or when any row is at fault. */
  written: number;
  layer: string | null;
}

export interface ImportHooks {
  /** Called inside the transaction, just before the rows are written. */
  onWriteStart?: (count: number) => void;
}

interface Prepared {
  options: ImportOptions;
  report: ValidationReport;
  drafts: SiteDraft[];
  source: SourceRecords | null;
}

/** Read and check a file; write nothing. */
export async function previewImport(db: Connection, actor: Actor, file: ImportFile, options: ImportOptionsInput = {}): Promise<ImportResult> {
  const prepared = await prepareImport(db, actor, file, options);
  return { ...prepared.report, dryRun: true, written: 0, layer: prepared.options.layer ?? null };
}

/** Read and check a file, then write all of it in one transaction — or, if any row is at fault, nothing. */
export async function commitImport(db: Connection, actor: Actor, file: ImportFile, options: ImportOptionsInput = {}, hooks: ImportHooks = {}): Promise<ImportResult> {
  const prepared = await prepareImport(db, actor, file, options);
  const { report } = prepared;
  const layer = prepared.options.layer ?? null;
  if (report.errorCount > 0) return { ...report, dryRun: false, written: 0, layer };
  const written = layer
    ? await writeLayer(db, actor, file.name, layer, prepared.options, prepared.source as SourceRecords, hooks)
    : await writeSites(db, actor, file.name, prepared.options, prepared.drafts, hooks);
  return { ...report, dryRun: false, written, layer };
}

async function prepareImport(db: Connection, actor: Actor, file: ImportFile, input: ImportOptionsInput): Promise<Prepared> {
  requireRole(actor, 'member', 'importing sites');
  const options = parseOptions(input);
  if (options.layer) assertMayReplaceLayer(actor);
  assertMayGiveTier(actor, options.visibility);
  checkSize(file);
  const binary = options.format === 'osm' || (!options.format && /\.pbf$/i.test(file.name));
  const text = binary ? '' : decodeFile(file);
  const format = binary ? 'osm' : detectFormat(file.name, text, options.format);
  const source = binary ? readOsmRecords(file.bytes, file.name, options.tags) : readSourceRecords(format, text, options);

  if (options.layer) {
    const parsed: ParsedSites = { format, total: source.total, drafts: [], skipped: [], errors: source.errors, columns: source.columns, availableColumns: source.availableColumns, kinds: [], notes: [`every feature goes into the reference layer “${options.layer}” (replacing what it held); no sites are created`] };
    const report = buildReport(file.name, parsed, []);
    report.valid = source.errors.length ? 0 : source.records.length;
    report.preview = source.records.slice(0, PREVIEW_ROWS).map((record) => {
      const [longitude, latitude] = representativePoint(record.geometry);
      return { row: record.row, name: record.name ?? '', functionType: record.kind ?? '', longitude: roundDegrees(longitude), latitude: roundDegrees(latitude), sourceRef: record.sourceRef };
    });
    return { options, report, drafts: [], source };
  }

  const repos = repositories(db);
  const types = (await repos.taxonomy.functionTypes()).filter((type) => !type.retired).map((type) => ({ id: type.id, label: type.label }));
  const parsed = draftSites(source, options, { fileName: file.name, types });
  if (options.groupId) {
    // A group the importer may not see is refused exactly like a missing one.
    const missing = await checkedGroup(repos, actor, options.groupId).then(() => false, () => true);
    if (missing) parsed.errors.unshift({ row: null, field: 'groupId', message: `there is no group with id ${options.groupId}` });
  }
  // Rows far outside the network's area are named and held back until the importer confirms them.
  const areas = networkAreas(await repos.areas.list());
  const far = farFromArea(parsed.drafts.map((draft) => ({ row: draft.row, name: draft.input.name, point: representativePoint(draft.input.geometry) })), areas);
  if (far.length > 0 && !options.confirmFar) {
    const farRows = new Set(far.map((place) => place.row));
    const areaNames = areas.map((area) => area.name).join(', ');
    for (const place of far) {
      parsed.errors.push({ row: place.row, field: 'location', message: `“${place.name}” is ${place.kilometres.toLocaleString('en-US')} km outside the network’s area (${areaNames}), more than ${FAR_FROM_AREA_METRES / 1000} km: check its coordinates, or confirm far places to import it there` });
    }
    parsed.errors.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
    parsed.drafts = parsed.drafts.filter((draft) => !farRows.has(draft.row));
  } else if (far.length > 0) {
    parsed.notes.push(`${far.length} row${far.length === 1 ? ' is' : 's are'} more than ${FAR_FROM_AREA_METRES / 1000} km outside the network’s area, imported as confirmed`);
  }
  const candidates = parsed.drafts.map((draft) => ({ row: draft.row, name: draft.input.name, point: representativePoint(draft.input.geometry) }));
  const existing = candidates.length ? await repos.sites.namesNear(grow(boxAround(candidates.map((c) => c.point)), DUPLICATE_RADIUS_METRES * 2)) : [];
  const duplicates = findLikelyDuplicates(candidates, existing);
  let drafts = parsed.drafts;
  if (options.skipDuplicates) {
    const ofExisting = new Set(duplicates.filter((d) => d.existingId !== null).map((d) => d.row));
    const left = drafts.filter((draft) => ofExisting.has(draft.row));
    drafts = drafts.filter((draft) => !ofExisting.has(draft.row));
    for (const draft of left) parsed.skipped.push({ row: draft.row, name: draft.input.name, kind: draft.kind, reason: 'a likely duplicate of a site already on the map (left out: skip duplicates)' });
    parsed.drafts = drafts;
  }
  return { options, report: buildReport(file.name, parsed, duplicates, far), drafts: parsed.drafts, source: null };
}

function parseOptions(input: ImportOptionsInput): ImportOptions {
  try {
    return importOptionsSchema.parse(input);
  } catch (error) {
    if (error instanceof ZodError) {
      const issue = error.issues[0];
      const field = issue.path.join('.') || 'options';
      throw new KudzuError('BAD_INPUT', `${field}: ${issue.message}`, { field });
    }
    throw error;
  }
}

function checkSize(file: ImportFile): void {
  if (file.bytes.byteLength > IMPORT_SIZE_LIMIT) {
    throw new KudzuError('TOO_LARGE', `${file.name} is ${Math.round(file.bytes.byteLength / 1024 / 1024)} MB; the import limit is ${IMPORT_SIZE_LIMIT / 1024 / 1024} MB`, { file: file.name });
  }
}

function decodeFile(file: ImportFile): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(file.bytes);
  } catch {
    throw new KudzuError('BAD_INPUT', `${file.name} is not UTF-8 text; save it as UTF-8 and try again`, { file: file.name, field: 'file' });
  }
}

async function writeSites(db: Connection, actor: Actor, fileName: string, options: ImportOptions, drafts: SiteDraft[], hooks: ImportHooks): Promise<number> {
  if (!drafts.length) return 0;
  const now = actor.now.toISOString();
  await inTransaction(db, async (repos) => {
    const areas = needsAreaCentre(options.precision) ? await repos.areas.list('neighbourhood') : [];
    const domains = new Map((await repos.taxonomy.functionTypes()).map((type) => [type.id, type.domain]));
    const groupIds = await writeGroups(repos, drafts, options, now);
    const sites: StoredSite[] = drafts.map((draft) => {
      const key = groupKey(draft);
      const input = key && !draft.input.groupId ? { ...draft.input, groupId: groupIds.get(key) ?? null } : draft.input;
      const point = representativePoint(draft.input.geometry);
      const nearby = areas.filter(({ bbox: [west, south, east, north] }) => west <= point[0] && east >= point[0] && south <= point[1] && north >= point[1]);
      return newSite({
        id: randomUUID(), input, domain: domains.get(draft.input.functionType) as string,
        areaCentre: nearby.length ? areaCentreFor(point, nearby) : null,
        now, userId: actor.viewer.userId, source: fileName, sourceRef: draft.sourceRef,
      });
    });
    hooks.onWriteStart?.(sites.length);
    await repos.sites.insertMany(sites);
    await logChange(repos, actor, 'import', { id: randomUUID(), visibility: options.visibility },
      `imported ${sites.length} site${sites.length === 1 ? '' : 's'} from ${fileName}`, 'import');
  });
  return drafts.length;
}

/**
 * The organisations a file names (HSDS organization, a Murmurations profile) as groups: an
 * existing group of the same name is joined, others are created at the import's tier. Links
 * (Murmurations relationships) join two groups when the object’s URL names a group: its website,
 * or the URL the file names it by (Kudzu’s page for a group without one).
 */
async function writeGroups(repos: ReturnType<typeof repositories>, drafts: SiteDraft[], options: ImportOptions, now: string): Promise<Map<string, string>> {
  const named = drafts.filter((draft) => draft.extra?.groupName);
  // A site that names its group only by website (a Murmurations parentOrganization not in the file).
  const byUrlOnly = drafts.filter((draft) => !draft.extra?.groupName && draft.extra?.website);
  const ids = new Map<string, string>();
  if (!named.length && !byUrlOnly.length) return ids;
  const existing = await repos.groups.list(audienceFor('steward'));
  const byName = new Map(existing.map((group) => [group.name.trim().toLowerCase(), group]));
  // Groups by the URL that names them: an existing group's website, a new one's URL in the file.
  const byWebsite = new Map(existing.filter((group) => group.website).map((group) => [normaliseUrl(group.website as string), group.id]));
  for (const draft of byUrlOnly) {
    const found = byWebsite.get(normaliseUrl(draft.extra?.website as string));
    if (found) ids.set(groupKey(draft) as string, found);
  }
  const created: StoredGroup[] = [];
  for (const draft of named) {
    const name = (draft.extra?.groupName as string).trim().slice(0, 200);
    if (ids.has(name)) continue;
    const found = byName.get(name.toLowerCase());
    if (found) { ids.set(name, found.id); continue; }
    const website = draft.extra?.website ?? null;
    // What it works in, produces and imports is not in the file: its sites' domains stand in until someone says.
    const group = newGroup(randomUUID(), {
      name, description: '', website, foundedOn: null, visibility: options.visibility,
      governance: governanceProfileSchema.parse({}), domains: [], produces: [], imports: [],
    }, now);
    created.push(group);
    ids.set(name, group.id);
    const url = draft.extra?.groupUrl ?? website;
    if (url) byWebsite.set(normaliseUrl(url), group.id);
  }
  if (created.length) await repos.groups.insertMany(created);
  const links: StoredLink[] = [];
  const seen = new Set<string>();
  for (const draft of named) {
    const from = ids.get((draft.extra?.groupName as string).trim().slice(0, 200)) as string;
    for (const link of draft.extra?.links ?? []) {
      const to = byWebsite.get(normaliseUrl(link.to));
      // One link per pair of groups, whichever side's profile names it.
      if (!to || to === from || seen.has(`${from} ${to}`) || seen.has(`${to} ${from}`)) continue;
      seen.add(`${from} ${to}`);
      links.push(newLink(randomUUID(), {
        fromGroupId: from, toGroupId: to, kind: /member/i.test(link.kind) ? 'shared_members' : 'mutual_support_pact', flow: null,
        description: `from the source's relationship ${link.kind}`, startedOn: null, visibility: options.visibility,
      }, now));
    }
  }
  if (links.length) await repos.links.insertMany(links);
  return ids;
}

/** Which group a draft joins: the one it names, else the one whose website it gives. */
function groupKey(draft: SiteDraft): string | null {
  if (draft.extra?.groupName) return draft.extra.groupName.trim().slice(0, 200);
  return draft.extra?.website ? `url:${normaliseUrl(draft.extra.website)}` : null;
}

function normaliseUrl(url: string): string {
  return url.trim().toLowerCase().replace(/^https?:\/\//, '').replace(/\/+$/, '');
}

async function writeLayer(db: Connection, actor: Actor, fileName: string, layer: string, options: ImportOptions, source: SourceRecords, hooks: ImportHooks): Promise<number> {
  const rows: ReferenceFeature[] = source.records.map((record) => ({
    id: randomUUID(), layer, name: record.name, geometry: record.geometry,
    properties: { ...record.properties, kind: record.kind, source: fileName, sourceRef: record.sourceRef },
    bbox: bboxOf(record.geometry),
  }));
  await inTransaction(db, async (repos) => {
    hooks.onWriteStart?.(rows.length);
    await repos.references.deleteLayer(layer);
    await repos.references.insertMany(rows);
    await repos.references.setTier(layer, options.visibility, actor.now.toISOString());
    await logChange(repos, actor, 'import', { id: layer, visibility: options.visibility },
      `imported ${rows.length} feature${rows.length === 1 ? '' : 's'} from ${fileName} into the reference layer “${layer}”`, 'layer');
  });
  return rows.length;
}

function boxAround(points: readonly number[][]): BBox {
  let west = Infinity, south = Infinity, east = -Infinity, north = -Infinity;
  for (const [lon, lat] of points) {
    if (lon < west) west = lon;
    if (lon > east) east = lon;
    if (lat < south) south = lat;
    if (lat > north) north = lat;
  }
  return [west, south, east, north];
}

function grow([west, south, east, north]: BBox, metres: number): BBox {
  const dLat = metres / 111_320;
  const dLon = dLat / Math.max(0.05, Math.cos((((south + north) / 2) * Math.PI) / 180));
  return [Math.max(-180, west - dLon), Math.max(-90, south - dLat), Math.min(180, east + dLon), Math.min(90, north + dLat)];
}
