import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { SiteRepository } from './site.repository';
import { GroupRepository, LinkRepository } from './group.repository';
import { AreaRepository, ReferenceRepository } from './area.repository';
import { InvitationRepository, SessionRepository, UserRepository } from './user.repository';
import { ChangeLogRepository } from './changeLog.repository';
import { TaxonomyRepository } from './taxonomy.repository';
import { AuditRepository, CheckRepository } from './audit.repository';
import { ChallengeRepository } from './challenge.repository';
import { PrivacyGenerationRepository } from './privacyGeneration.repository';
import { SettingsRepository } from './settings.repository';
import { NightPlanRepository } from './nightPlan.repository';
import { NightRepository } from './night.repository';

/** Every repository over one connection or transaction. */
export function repositories(db: Kysely<Database>) {
  return {
    sites: new SiteRepository(db),
    groups: new GroupRepository(db),
    links: new LinkRepository(db),
    areas: new AreaRepository(db),
    references: new ReferenceRepository(db),
    users: new UserRepository(db),
    sessions: new SessionRepository(db),
    invitations: new InvitationRepository(db),
    changeLog: new ChangeLogRepository(db),
    taxonomy: new TaxonomyRepository(db),
    checks: new CheckRepository(db),
    audits: new AuditRepository(db),
    challenges: new ChallengeRepository(db),
    privacyGeneration: new PrivacyGenerationRepository(db),
    settings: new SettingsRepository(db),
    nightPlans: new NightPlanRepository(db),
    night: new NightRepository(db),
  };
}
export type Repositories = ReturnType<typeof repositories>;

/** Run `work` in one transaction: everything it writes lands, or nothing does. */
export async function inTransaction<T>(db: Kysely<Database>, work: (repos: Repositories) => Promise<T>): Promise<T> {
  return db.transaction().execute((trx) => work(repositories(trx)));
}
