/**
 * What an audit looks at, read from the live map: the sites inside the area polygon as
 * they stood at the end of the period, the groups running them, their links, and the
 * audit's own answers, need estimates, tallies, testimonies and challenges. Also who may
 * see each of those things, so the snapshot can be presented per audience later.
 */
import type { Repositories } from '../repositories';
import { stricterSnapshotPrivacy } from '../privacy/auditPresenter';
import { WHOLE_TRUTH } from '../privacy/policy';
import { auditOf, challengeRecordOf } from './auditRows';
import { buildSnapshot, type AuditContents } from '../../shared/audit/auditLifecycle';
import type { AuditLink, AuditSite, AuditSnapshot, SnapshotPrivacy, StoredAudit, StoredChallenge } from '../../shared/audit/types';
import { pointInPolygon } from '../../shared/geo/measure';
import { KudzuError } from '../../shared/errors';
import type { AreaGeometry, SiteGeometry } from '../../shared/schemas/geometry';
import type { DomainId } from '../../shared/taxonomy/domains';
import type { CapacityUnit } from '../../shared/taxonomy/functionTypes';
import type { Precision, Tier } from '../../shared/privacy/roles';

/** An area and a site as the site side's repositories hand them (read here, converted there). */
type AreaRow = NonNullable<Awaited<ReturnType<Repositories['areas']['get']>>>;
type SiteRow = Awaited<ReturnType<Repositories['audits']['sitesInBox']>>[number];

export interface LoadedAudit {
  audit: StoredAudit;
  area: AreaRow;
  contents: AuditContents;
  privacy: SnapshotPrivacy;
  /** Groups with at least one site inside the area polygon during the period. */
  groupIds: Set<string>;
  challenges: StoredChallenge[];
}

export async function requireArea(repos: Repositories, areaId: string): Promise<AreaRow> {
  const area = await repos.areas.get(areaId);
  if (!area) throw new KudzuError('BAD_INPUT', `no area with id ${areaId}`, { field: 'areaId' });
  return area;
}

/** Sites inside the area polygon that existed during the period (opened by its end, not closed before its start). */
export async function sitesOfArea(repos: Repositories, area: AreaRow, period: { start: string; end: string }): Promise<SiteRow[]> {
  const polygon = JSON.parse(area.geometry) as AreaGeometry;
  const candidates = await repos.audits.sitesInBox([area.min_lon, area.min_lat, area.max_lon, area.max_lat]);
  return candidates.filter((site) =>
    pointInPolygon([site.lon, site.lat], polygon)
    && (site.opened_on === null || site.opened_on <= period.end)
    && !(site.status === 'closed' && site.closed_on !== null && site.closed_on < period.start));
}

/** A site as the audit sees it at the end of the period. */
function auditSiteOf(site: SiteRow, periodEnd: string): AuditSite {
  const closedByEnd = site.status === 'closed' && (site.closed_on === null || site.closed_on <= periodEnd);
  return {
    id: site.id,
    name: site.name,
    functionType: site.function_type,
    domain: site.domain as DomainId,
    groupId: site.group_id,
    geometry: JSON.parse(site.geometry) as SiteGeometry,
    capacity: site.capacity,
    capacityUnit: site.capacity_unit as CapacityUnit | null,
    status: closedByEnd ? 'closed' : 'active',
    openedOn: site.opened_on,
    closedOn: closedByEnd ? site.closed_on : null,
  };
}

export async function loadAudit(repos: Repositories, stored: StoredAudit): Promise<LoadedAudit> {
  const audit = auditOf(stored);
  const area = await requireArea(repos, stored.areaId);
  const siteRows = await sitesOfArea(repos, area, audit.period);
  const groupIds = new Set(siteRows.map((site) => site.group_id).filter((id): id is string => id !== null));
  const groupRows = (await repos.groups.list(WHOLE_TRUTH)).filter((group) => groupIds.has(group.id));
  const linkRows = (await repos.links.list(WHOLE_TRUTH)).filter((link) => groupIds.has(link.from_group_id) && groupIds.has(link.to_group_id));
  const challenges = await repos.challenges.forAudit(stored.id);

  const contents: AuditContents = {
    area: { id: area.id, name: area.name, population: area.population },
    sites: siteRows.map((site) => auditSiteOf(site, audit.period.end)),
    groups: groupRows.map((group) => ({ id: group.id, name: group.name })),
    links: linkRows.map((link): AuditLink => ({ id: link.id, fromGroupId: link.from_group_id, toGroupId: link.to_group_id, kind: link.kind as AuditLink['kind'], flow: link.flow as AuditLink['flow'] })),
    checks: stored.checks,
    answers: (await repos.audits.answers(stored.id)).filter((answer) => groupIds.has(answer.groupId)),
    needEstimates: (await repos.audits.needEstimates(stored.id)).map(({ domain, need, note }) => ({ domain, need, note })),
    rules: stored.rules,
    tallies: await repos.audits.tallies(stored.id),
    testimonies: await repos.audits.testimonies(stored.id),
    challenges: challenges.map(({ challenge }) => challenge),
  };
  const privacy = privacyOf(siteRows, groupRows, linkRows, challenges);
  return { audit: stored, area, contents, privacy, groupIds, challenges };
}

/** Who may see each thing, and each site's degraded place, as they stand now. */
function privacyOf(
  sites: readonly Pick<SiteRow, 'id' | 'visibility' | 'precision' | 'shown_geometry'>[],
  groups: readonly { id: string; visibility: string }[],
  links: readonly { id: string; visibility: string }[],
  challenges: readonly StoredChallenge[],
): SnapshotPrivacy {
  return {
    sites: Object.fromEntries(sites.map((site) => [site.id, {
      visibility: site.visibility as Tier,
      precision: site.precision as Precision,
      shownGeometry: site.shown_geometry ? (JSON.parse(site.shown_geometry) as SiteGeometry) : null,
    }])),
    groups: Object.fromEntries(groups.map((group) => [group.id, group.visibility as Tier])),
    links: Object.fromEntries(links.map((link) => [link.id, link.visibility as Tier])),
    challenges: Object.fromEntries(challenges.map((stored) => {
      const record = challengeRecordOf(stored);
      return [stored.challenge.id, { visibility: record.visibility, shownGeometry: record.shownGeometry }];
    })),
  };
}

/**
 * A published audit's frozen snapshot, or a draft's preview built from the live map now.
 * A published one is shown at the stricter of who could see each thing then and now.
 */
export async function snapshotOf(repos: Repositories, loaded: LoadedAudit, at: string): Promise<{ snapshot: AuditSnapshot; privacy: SnapshotPrivacy }> {
  if (loaded.audit.status === 'published') return storedSnapshot(repos, loaded.audit);
  const snapshot = buildSnapshot(auditOf(loaded.audit), loaded.contents, { at, acknowledgedUnknown: false });
  return { snapshot, privacy: loaded.privacy };
}

/** A published audit as it was counted, with what it may show now: the stricter of publication and now. */
export async function storedSnapshot(repos: Repositories, stored: StoredAudit): Promise<{ snapshot: AuditSnapshot; privacy: SnapshotPrivacy }> {
  const snapshot = countedSnapshot(stored);
  const atPublication = stored.snapshotPrivacy as SnapshotPrivacy;
  const now = privacyOf(
    await repos.sites.privacyOf(Object.keys(atPublication.sites)),
    await repos.groups.byIds(Object.keys(atPublication.groups)),
    await repos.links.byIds(Object.keys(atPublication.links)),
    await repos.challenges.byIds(Object.keys(atPublication.challenges)),
  );
  return { snapshot, privacy: stricterSnapshotPrivacy(atPublication, now) };
}

/** What a published audit counted: the steward-level truth, never sent as is. */
export function countedSnapshot(stored: StoredAudit): AuditSnapshot {
  if (stored.snapshot === null || stored.snapshotPrivacy === null) throw new Error(`published audit ${stored.id} has no snapshot`);
  return stored.snapshot;
}
