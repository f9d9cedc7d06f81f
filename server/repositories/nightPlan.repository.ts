import type { Kysely } from 'kysely';
import type { AuditNightPlanTable, Database } from '../db/schema';
import type { NightPlan } from '../../shared/night/story';

/** The steward's plan for each audit's night (which story sections, in which order). */
export class NightPlanRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async get(auditId: string): Promise<NightPlan | null> {
    const row = await this.db.selectFrom('audit_night_plans').selectAll().where('audit_id', '=', auditId).executeTakeFirst();
    return row ? { sections: JSON.parse(row.sections) as NightPlan['sections'] } : null;
  }

  /** Replace the audit's plan (one row per audit). */
  async save(auditId: string, plan: NightPlan, at: string, by: string | null): Promise<void> {
    const row: AuditNightPlanTable = { audit_id: auditId, sections: JSON.stringify(plan.sections), updated_at: at, updated_by: by };
    await this.db.insertInto('audit_night_plans').values(row)
      .onConflict((conflict) => conflict.column('audit_id').doUpdateSet({ sections: row.sections, updated_at: at, updated_by: by }))
      .execute();
  }
}
