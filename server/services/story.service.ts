/**
 * The audit night's projected story. What the projector shows enters only through the public
 * edition of the audit (the presenters in server/privacy), whoever runs the projector: a
 * steward's laptop on the wall shows the room what the public may see, at public precision.
 */
import { inTransaction, repositories, type Store } from '../repositories';
import type { AuditService } from './audit.service';
import { requireRole, type Actor } from './context';
import { logChange } from './site.service';
import { KudzuError } from '../../shared/errors';
import { buildStory, completePlan, type NightPlan, type Story } from '../../shared/night/story';
import type { Audit } from '../../shared/audit/types';

export interface Presentation {
  auditId: string;
  status: Audit['status'];
  /** The night's plan (the default when no steward has saved one). */
  plan: NightPlan;
  story: Story;
}

export class StoryService {
  constructor(private readonly db: Store, private readonly audits: AuditService) {}

  /** The story of an open or published audit, built from its public edition and the previous audit's. */
  async presentation(actor: Actor, auditId: string): Promise<Presentation> {
    const { report, snapshot, previous } = await this.audits.publicEdition(actor, auditId);
    if (report.status === 'draft') {
      throw new KudzuError('INVALID_STATE', `the audit “${report.period.label}” is still a draft: open it for the night before presenting it`, { field: 'auditId' });
    }
    const plan = completePlan(await repositories(this.db).nightPlans.get(auditId));
    return { auditId, status: report.status, plan, story: buildStory({ current: snapshot, previous, plan }) };
  }

  /** Save which sections the night shows, in which order (stewards only). */
  async setPlan(actor: Actor, auditId: string, plan: NightPlan): Promise<NightPlan> {
    requireRole(actor, 'steward', 'planning an audit night');
    await inTransaction(this.db, async (repos) => {
      const [audit] = await repos.audits.summaries({ id: auditId });
      if (!audit) throw new KudzuError('NOT_FOUND', `no audit with id ${auditId}`, { field: 'auditId' });
      await repos.nightPlans.save(auditId, plan, actor.now.toISOString(), actor.viewer.userId);
      const shown = plan.sections.filter((entry) => entry.shown).map((entry) => entry.section).join(', ');
      await logChange(repos, actor, 'update', { id: auditId, visibility: 'members' }, `planned the night of the audit “${audit.period.label}”: ${shown}`, 'audit');
    });
    return completePlan(await repositories(this.db).nightPlans.get(auditId));
  }
}
