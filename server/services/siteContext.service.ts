/**
 * A site's panel beyond the site's own record: its open challenges and its group's check
 * results at the latest published audit that scored the group. Everything comes through the
 * services that already present it for the reader, so the panel shows no more than the
 * challenges board and the audit report would.
 */
import type { Actor } from './context';
import type { SiteService } from './site.service';
import type { AuditService } from './audit.service';
import type { ChallengeService } from './challenge.service';
import { groupCheckResults, siteChallenges, type GroupCheckResults, type SiteChallengeReason } from '../../shared/audit/siteContext';
import type { ChallengeView } from '../privacy/auditPresenter';

export interface SiteContext {
  siteId: string;
  challenges: (ChallengeView & { reason: SiteChallengeReason })[];
  /** Null when the site has no group the reader may see, or no published audit scored it. */
  checks: GroupCheckResults | null;
}

export class SiteContextService {
  constructor(private readonly sites: SiteService, private readonly audits: AuditService, private readonly challenges: ChallengeService) {}

  async context(actor: Actor, siteId: string): Promise<SiteContext> {
    const site = await this.sites.get(actor, siteId);
    const challenges = await this.challenges.list(actor, {});
    const byId = new Map(challenges.map((challenge) => [challenge.id, challenge]));
    const found = siteChallenges(challenges, site).map(({ challenge, reason }) => ({ ...byId.get(challenge.id)!, reason }));
    let checks: GroupCheckResults | null = null;
    if (site.groupId) {
      for (const audit of (await this.audits.list(actor)).filter((entry) => entry.status === 'published')) {
        checks = groupCheckResults((await this.audits.get(actor, audit.id)).snapshot, site.groupId);
        if (checks) break;
      }
    }
    return { siteId, challenges: found, checks };
  }
}
