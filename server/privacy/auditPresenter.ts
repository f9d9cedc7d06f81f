/**
 * Privacy for the audit, in one place. A published snapshot (and a draft's live preview)
 * holds the steward-level truth; this presenter hands each audience only what it may see:
 * sites, groups, links, answers, testimonies and challenges above its tier are dropped,
 * site and challenge geometry is replaced by the degraded geometry for anyone below
 * steward, and the names of what was dropped are taken out of the prose (reasons, titles).
 * Aggregate figures (coverage, scores, the headline) are kept: they are the audit's result.
 */
import type { Tier } from '../../shared/privacy/roles';
import type { SiteGeometry } from '../../shared/schemas/geometry';
import type { AuditSnapshot, Challenge, ChallengeLocation, ChallengeProposal, SnapshotPrivacy, Testimony } from '../../shared/audit/types';
import { namedInAudit, seesTestimony, seesTier, stricterSitePrivacy, stricterTier, type Audience } from './policy';

export type { SnapshotPrivacy };

/** A stored challenge with where it is and who may see it now (resolved through its site). */
export interface ChallengeRecord {
  challenge: Challenge;
  areaId: string;
  /** Its own tier, narrowed by its site's current tier. */
  visibility: Tier;
  exactPoint: [number, number] | null;
  shownPoint: [number, number] | null;
  shownGeometry: SiteGeometry | null;
}

/**
 * What a published snapshot shows: the stricter of who could see each thing at publication
 * and who may see it now. Things since deleted keep what was published.
 */
export function stricterSnapshotPrivacy(atPublication: SnapshotPrivacy, now: SnapshotPrivacy): SnapshotPrivacy {
  const tiers = (published: Record<string, Tier>, current: Record<string, Tier>) =>
    Object.fromEntries(Object.entries(published).map(([id, tier]) => [id, current[id] ? stricterTier(tier, current[id]) : tier]));
  return {
    sites: Object.fromEntries(Object.entries(atPublication.sites).map(([id, site]) => [id, stricterSitePrivacy(site, now.sites[id])])),
    groups: tiers(atPublication.groups, now.groups),
    links: tiers(atPublication.links, now.links),
    challenges: Object.fromEntries(Object.entries(atPublication.challenges).map(([id, challenge]) => {
      const current = now.challenges[id];
      if (!current) return [id, challenge];
      // A challenge's shown place is its site's; the site's own entry says which is the coarser.
      return [id, { visibility: stricterTier(challenge.visibility, current.visibility), shownGeometry: current.shownGeometry }];
    })),
  };
}

/** A challenge as a screen or export receives it. */
export type ChallengeView = Challenge & {
  areaId: string;
  visibility: Tier;
  /** Where to draw it, already degraded for the audience; null for none. */
  point: [number, number] | null;
};

const HIDDEN_SITE = 'a site not shown here';
const HIDDEN_GROUP = 'a group not shown here';

export function presentSnapshot(snapshot: AuditSnapshot, privacy: SnapshotPrivacy, audience: Audience): AuditSnapshot {
  const sees = (tier: Tier | undefined) => seesTier(audience, tier);
  // Counted sites are named only where the audience may see them and where they are.
  const siteVisible = (id: string) => namedInAudit(audience, privacy.sites[id]?.visibility, privacy.sites[id]?.precision);
  const groupVisible = (id: string | null) => id !== null && sees(privacy.groups[id]);
  const challengeVisible = (id: string) => sees(privacy.challenges[id]?.visibility);
  const hiddenNames = new Map<string, string>();
  for (const site of snapshot.sites) if (!siteVisible(site.id)) hiddenNames.set(site.name, HIDDEN_SITE);
  for (const group of snapshot.groups) if (!groupVisible(group.id)) hiddenNames.set(group.name, HIDDEN_GROUP);
  const onlyVisibleGroups = (ids: readonly string[]) => ids.filter((id) => groupVisible(id));

  const presented: AuditSnapshot = {
    ...snapshot,
    sites: snapshot.sites.filter((site) => siteVisible(site.id)).map((site) => ({
      ...site,
      groupId: groupVisible(site.groupId) ? site.groupId : null,
      geometry: audience.exactLocations ? site.geometry : privacy.sites[site.id].shownGeometry,
    })),
    groups: snapshot.groups.filter((group) => groupVisible(group.id)),
    links: snapshot.links.filter((link) => sees(privacy.links[link.id]) && groupVisible(link.fromGroupId) && groupVisible(link.toGroupId)),
    answers: snapshot.answers.filter((answer) => groupVisible(answer.groupId)),
    coverage: snapshot.coverage.map((entry) => ({
      ...entry,
      autonomousSiteIds: entry.autonomousSiteIds.filter(siteVisible),
      sites: entry.sites.filter((site) => siteVisible(site.siteId)).map((site) => ({ ...site, groupId: groupVisible(site.groupId) ? site.groupId : null })),
    })),
    scores: {
      ...snapshot.scores,
      groups: snapshot.scores.groups.filter((group) => groupVisible(group.groupId)),
      domains: snapshot.scores.domains.map((domain) => ({
        ...domain,
        groupIds: onlyVisibleGroups(domain.groupIds),
        contributions: domain.contributions.map((contribution) => {
          switch (contribution.kind) {
            case 'coverage': return contribution;
            case 'groups': return { ...contribution, groupIds: onlyVisibleGroups(contribution.groupIds) };
            case 'check': return {
              ...contribution,
              failingGroupIds: onlyVisibleGroups(contribution.failingGroupIds),
              partialGroupIds: onlyVisibleGroups(contribution.partialGroupIds),
              unknownGroupIds: onlyVisibleGroups(contribution.unknownGroupIds),
            };
          }
        }),
      })),
      unknowns: snapshot.scores.unknowns.filter((unknown) => groupVisible(unknown.groupId)),
    },
    testimonies: snapshot.testimonies.filter((testimony) => presentableTestimony(testimony, audience)),
    challenges: snapshot.challenges.filter((challenge) => challengeVisible(challenge.id)).map((challenge) => ({
      ...challenge,
      claimedByGroupId: groupVisible(challenge.claimedByGroupId) ? challenge.claimedByGroupId : null,
      location: presentLocation(challenge.location, privacy.challenges[challenge.id]?.shownGeometry ?? null, audience),
    })),
    headlineChallengeId: snapshot.headlineChallengeId !== null && challengeVisible(snapshot.headlineChallengeId) ? snapshot.headlineChallengeId : null,
    unknowns: snapshot.unknowns.filter((unknown) => groupVisible(unknown.groupId)),
  };
  return redactNames(presented, hiddenNames);
}

/** The sites of a presented snapshot that the audience sees at a degraded place, not the real one. */
export function approximateSiteIds(presented: AuditSnapshot, privacy: SnapshotPrivacy, audience: Audience): Set<string> {
  if (audience.exactLocations) return new Set();
  return new Set(presented.sites.filter((site) => privacy.sites[site.id] !== undefined && privacy.sites[site.id].precision !== 'exact').map((site) => site.id));
}

/** Testimonies reach an audience only when approved, given with consent, and at its tier. */
export function presentableTestimony(testimony: Testimony, audience: Audience): boolean {
  return seesTestimony(audience, testimony);
}

/** A stored challenge for an audience, or null when it is above the audience's tier. */
export function presentChallenge(record: ChallengeRecord, audience: Audience, visibleGroupIds: ReadonlySet<string>): ChallengeView | null {
  if (!seesTier(audience, record.visibility)) return null;
  const { challenge } = record;
  return {
    ...challenge,
    claimedByGroupId: challenge.claimedByGroupId !== null && visibleGroupIds.has(challenge.claimedByGroupId) ? challenge.claimedByGroupId : null,
    location: presentLocation(challenge.location, record.shownGeometry, audience),
    areaId: record.areaId,
    visibility: record.visibility,
    point: audience.exactLocations ? record.exactPoint : record.shownPoint,
  };
}

/** Proposals name sites and groups: keep those the audience may see, at its precision. */
export function presentProposals(proposals: readonly ChallengeProposal[], privacy: SnapshotPrivacy, audience: Audience): ChallengeProposal[] {
  const sees = (tier: Tier | undefined) => seesTier(audience, tier);
  return proposals.flatMap((proposal) => {
    const source = proposal.source;
    if (source.kind === 'check' && !sees(privacy.groups[source.groupId])) return [];
    if (source.kind === 'site_closed' && !sees(privacy.sites[source.siteId]?.visibility)) return [];
    const location = proposal.location.kind === 'site'
      ? presentLocation(proposal.location, privacy.sites[proposal.location.siteId]?.shownGeometry ?? null, audience)
      : proposal.location;
    return [{ ...proposal, location }];
  });
}

function presentLocation(location: ChallengeLocation, shownGeometry: SiteGeometry | null, audience: Audience): ChallengeLocation {
  if (location.kind !== 'site' || audience.exactLocations) return location;
  return { ...location, geometry: shownGeometry };
}

/** Replace the names of dropped sites and groups wherever prose still mentions them. */
function redactNames<T>(value: T, hidden: ReadonlyMap<string, string>): T {
  if (hidden.size === 0) return value;
  const names = [...hidden.keys()].filter((name) => name.trim() !== '').sort((a, b) => b.length - a.length);
  const walk = (node: unknown): unknown => {
    if (typeof node === 'string') {
      let text = node;
      for (const name of names) if (text.includes(name)) text = text.split(name).join(hidden.get(name) as string);
      return text;
    }
    if (Array.isArray(node)) return node.map(walk);
    if (node !== null && typeof node === 'object') {
      return Object.fromEntries(Object.entries(node as Record<string, unknown>).map(([key, inner]) => [key, walk(inner)]));
    }
    return node;
  };
  return walk(value) as T;
}
