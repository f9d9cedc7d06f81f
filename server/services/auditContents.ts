/**
 * What an audit looks at, read from the live map: the sites inside the area polygon as
 * they stood at the end of the period, the groups running them, their links, and the
 * audit's own answers, need estimates, tallies, testimonies and challenges. Also who may
 * see each of those things, so the snapshot can be presented per audience later.
 */
import type { StoredArea } from '../domain/area';
import type { SitePrivacy, StoredSite } from '../domain/site';
import type { Repositories } from '../repositories';
import { stricterSnapshotPrivacy } from '../privacy/auditPresenter';
import { WHOLE_TRUTH } from '../privacy/policy';
import { auditOf, challengeRecordOf } from './auditRows';
import { buildSnapshot, type AuditContents } from '../../shared/audit/auditLifecycle';
import type { AuditLink, AuditSite, AuditSnapshot, SnapshotPrivacy, StoredAudit, StoredChallenge } from '../../shared/audit/types';
import { pointInPolygon } from '../../shared/geo/measure';
import { KudzuError } from '../../shared/errors';
import type { DomainId } from '../../shared/taxonomy/domains';
import type { Tier } from '../../shared/privacy/roles';

export interface LoadedAudit {
  audit: StoredAudit;
  area: StoredArea;
  contents: AuditContents;
  privacy: SnapshotPrivacy;
  /** Groups with at least one site inside the area polygon during the period. */
  groupIds: Set<string>;
  challenges: StoredChallenge[];
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

export async function loadAudit(repos: Repositories, stored: StoredAudit): Promise<LoadedAudit> {
  const audit = auditOf(stored);
  const area = await requireArea(repos, stored.areaId);
  const siteRows = await sitesOfArea(repos, area, audit.period);
  const groupIds = new Set(siteRows.map((site) => site.groupId).filter((id): id is string => id !== null));
  const groupRows = (await repos.groups.list(WHOLE_TRUTH)).filter((group) => groupIds.has(group.id));
  const linkRows = (await repos.links.list(WHOLE_TRUTH)).filter((link) => groupIds.has(link.fromGroupId) && groupIds.has(link.toGroupId));
  const challenges = await repos.challenges.forAudit(stored.id);

  const contents: AuditContents = {
    area: { id: area.id, name: area.name, population: area.population },
    sites: siteRows.map((site) => auditSiteOf(site, audit.period.end)),
    groups: groupRows.map((group) => ({ id: group.id, name: group.name })),
    links: linkRows.map((link): AuditLink => ({ id: link.id, fromGroupId: link.fromGroupId, toGroupId: link.toGroupId, kind: link.kind, flow: link.flow })),
    checks: stored.checks,
    answers: (await repos.audits.answers(stored.id)).filter((answer) => groupIds.has(answer.groupId)),
    needEstimates: (await repos.audits.needEstimates(stored.id)).map(({ domain, need, note }) => ({ domain, need, note })),
    rules: stored.rules,
    tallies: await repos.audits.tallies(stored.id),
    testimonies: await repos.audits.testimonies(stored.id),
    challenges: challenges.map(({ challenge }) => challenge),
  };
  const privacy = privacyOf(siteRows.map(({ id, visibility, precision, location }) => ({ id, visibility, precision, shown: location.shown?.geometry ?? null })), groupRows, linkRows, challenges);
  return { audit: stored, area, contents, privacy, groupIds, challenges };
}

/** Who may see each thing, and each site's degraded place, as they stand now. */
function privacyOf(
  sites: readonly SitePrivacy[],
  groups: readonly { id: string; visibility: string }[],
  links: readonly { id: string; visibility: string }[],
  challenges: readonly StoredChallenge[],
): SnapshotPrivacy {
  return {
    sites: Object.fromEntries(sites.map((site) => [site.id, {
      visibility: site.visibility,
      precision: site.precision,
      shownGeometry: site.shown,
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
