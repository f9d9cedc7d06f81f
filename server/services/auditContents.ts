/**
 * What an audit looks at, read from the live map: the sites inside the area polygon as
 * they stood at the end of the period, the groups running them, their links, and the
 * audit's own answers, need estimates, tallies, testimonies and challenges. Also who may
 * see each of those things, so the snapshot can be presented per audience later.
 */
import type { AuditTable } from '../db/schema';
import type { StoredArea } from '../domain/area';
import type { SitePrivacy, StoredSite } from '../domain/site';
import type { Repositories } from '../repositories';
import type { ChallengeRow } from '../repositories/challenge.repository';
import { stricterSnapshotPrivacy, type SnapshotPrivacy } from '../privacy/auditPresenter';
import { WHOLE_TRUTH } from '../privacy/policy';
import { answerOf, auditOf, challengeOf, challengeRecordOf, checksOf, rulesOf, tallyOf, testimonyOf } from './auditRows';
import { buildSnapshot, type AuditContents } from '../../shared/audit/auditLifecycle';
import type { AuditLink, AuditSite, AuditSnapshot } from '../../shared/audit/types';
import { pointInPolygon } from '../../shared/geo/measure';
import { KudzuError } from '../../shared/errors';
import type { DomainId } from '../../shared/taxonomy/domains';
import type { Tier } from '../../shared/privacy/roles';

export interface LoadedAudit {
  row: AuditTable;
  area: StoredArea;
  contents: AuditContents;
  privacy: SnapshotPrivacy;
  /** Groups with at least one site inside the area polygon during the period. */
  groupIds: Set<string>;
  challengeRows: ChallengeRow[];
}

export async function requireArea(repos: Repositories, areaId: string): Promise<StoredArea> {
  const area = await repos.areas.get(areaId);
  if (!area) throw new KudzuError('BAD_INPUT', `no area with id ${areaId}`, { field: 'areaId' });
  return area;
}

/** Sites inside the area polygon that existed during the period (opened by its end, not closed before its start). */
export async function sitesOfArea(repos: Repositories, area: StoredArea, period: { start: string; end: string }): Promise<StoredSite[]> {
  const polygon = area.geometry;
  const candidates = await repos.sites.inBox(area.bbox);
  return candidates.filter(({ location: { exact: { point } }, openedOn, status, closedOn }) =>
    pointInPolygon([point.lon, point.lat], polygon)
    && (openedOn === null || openedOn <= period.end)
    && !(status === 'closed' && closedOn !== null && closedOn < period.start));
}

/** A site as the audit sees it at the end of the period. */
function auditSiteOf(site: StoredSite, periodEnd: string): AuditSite {
  const closedByEnd = site.status === 'closed' && (site.closedOn === null || site.closedOn <= periodEnd);
  return {
    id: site.id,
    name: site.name,
    functionType: site.functionType,
    domain: site.domain as DomainId,
    groupId: site.groupId,
    geometry: site.location.exact.geometry,
    capacity: site.capacity,
    capacityUnit: site.capacityUnit,
    status: closedByEnd ? 'closed' : 'active',
    openedOn: site.openedOn,
    closedOn: closedByEnd ? site.closedOn : null,
  };
}

export async function loadAudit(repos: Repositories, row: AuditTable): Promise<LoadedAudit> {
  const audit = auditOf(row);
  const area = await requireArea(repos, row.area_id);
  const siteRows = await sitesOfArea(repos, area, audit.period);
  const groupIds = new Set(siteRows.map((site) => site.groupId).filter((id): id is string => id !== null));
  const groupRows = (await repos.groups.list(WHOLE_TRUTH)).filter((group) => groupIds.has(group.id));
  const linkRows = (await repos.links.list(WHOLE_TRUTH)).filter((link) => groupIds.has(link.fromGroupId) && groupIds.has(link.toGroupId));
  const challengeRows = (await repos.challenges.forAudit(row.id))
    .filter((challenge) => challenge.audit_id === row.id || (JSON.parse(challenge.carried_over_to) as string[]).includes(row.id));

  const contents: AuditContents = {
    area: { id: area.id, name: area.name, population: area.population },
    sites: siteRows.map((site) => auditSiteOf(site, audit.period.end)),
    groups: groupRows.map((group) => ({ id: group.id, name: group.name })),
    links: linkRows.map((link): AuditLink => ({ id: link.id, fromGroupId: link.fromGroupId, toGroupId: link.toGroupId, kind: link.kind, flow: link.flow })),
    checks: checksOf(row),
    answers: (await repos.audits.answers(row.id)).filter((answer) => groupIds.has(answer.group_id)).map(answerOf),
    needEstimates: (await repos.audits.needEstimates(row.id)).map((estimate) => ({ domain: estimate.domain as DomainId, need: estimate.need, note: estimate.note })),
    rules: rulesOf(row),
    tallies: (await repos.audits.tallies(row.id)).map(tallyOf),
    testimonies: (await repos.audits.testimonies(row.id)).map(testimonyOf),
    challenges: challengeRows.map(challengeOf),
  };
  const privacy = privacyOf(siteRows.map(({ id, visibility, precision, location }) => ({ id, visibility, precision, shown: location.shown?.geometry ?? null })), groupRows, linkRows, challengeRows);
  return { row, area, contents, privacy, groupIds, challengeRows };
}

/** Who may see each thing, and each site's degraded place, as they stand now. */
function privacyOf(
  sites: readonly SitePrivacy[],
  groups: readonly { id: string; visibility: string }[],
  links: readonly { id: string; visibility: string }[],
  challenges: readonly ChallengeRow[],
): SnapshotPrivacy {
  return {
    sites: Object.fromEntries(sites.map((site) => [site.id, {
      visibility: site.visibility,
      precision: site.precision,
      shownGeometry: site.shown,
    }])),
    groups: Object.fromEntries(groups.map((group) => [group.id, group.visibility as Tier])),
    links: Object.fromEntries(links.map((link) => [link.id, link.visibility as Tier])),
    challenges: Object.fromEntries(challenges.map((row) => {
      const record = challengeRecordOf(row);
      return [row.id, { visibility: record.visibility, shownGeometry: record.shownGeometry }];
    })),
  };
}

/**
 * A published audit's frozen snapshot, or a draft's preview built from the live map now.
 * A published one is shown at the stricter of who could see each thing then and now.
 */
export async function snapshotOf(repos: Repositories, loaded: LoadedAudit, at: string): Promise<{ snapshot: AuditSnapshot; privacy: SnapshotPrivacy }> {
  if (loaded.row.status === 'published') return storedSnapshot(repos, loaded.row);
  const snapshot = buildSnapshot(auditOf(loaded.row), loaded.contents, { at, acknowledgedUnknown: false });
  return { snapshot, privacy: loaded.privacy };
}

/** A published audit as it was counted, with what it may show now: the stricter of publication and now. */
export async function storedSnapshot(repos: Repositories, row: AuditTable): Promise<{ snapshot: AuditSnapshot; privacy: SnapshotPrivacy }> {
  const snapshot = countedSnapshot(row);
  const atPublication = JSON.parse(row.snapshot_privacy as string) as SnapshotPrivacy;
  const now = privacyOf(
    await repos.sites.privacyOf(Object.keys(atPublication.sites)),
    await repos.groups.byIds(Object.keys(atPublication.groups)),
    await repos.links.byIds(Object.keys(atPublication.links)),
    await repos.challenges.byIds(Object.keys(atPublication.challenges)),
  );
  return { snapshot, privacy: stricterSnapshotPrivacy(atPublication, now) };
}

/** What a published audit counted: the steward-level truth, never sent as is. */
export function countedSnapshot(row: AuditTable): AuditSnapshot {
  if (row.snapshot === null || row.snapshot_privacy === null) throw new Error(`published audit ${row.id} has no snapshot`);
  return JSON.parse(row.snapshot) as AuditSnapshot;
}
