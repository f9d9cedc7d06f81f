import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { SiteRepository } from './site.repository';
import { GroupRepository, LinkRepository } from './group.repository';
import { AreaRepository } from './area.repository';
import { ReferenceRepository } from './reference.repository';
import { InvitationRepository, SessionRepository, UserRepository } from './user.repository';
import { ChangeLogRepository } from './changeLog.repository';
import { TaxonomyRepository } from './taxonomy.repository';
import { AuditRepository, CheckRepository } from './audit.repository';
import { ChallengeRepository } from './challenge.repository';
import { PrivacyGenerationRepository } from './privacyGeneration.repository';
import { SettingsRepository } from './settings.repository';
import { ArchiveRepository } from './archive.repository';

/**
 * The database as the services hold it: they reach it only through `repositories` and
 * `inTransaction`, and never see the Kysely handle inside.
 */
export class Store {
  readonly #db: Kysely<Database>;
  constructor(db: Kysely<Database>) {
    this.#db = db;
  }
  static handleOf(connection: Connection): Kysely<Database> {
    return connection instanceof Store ? connection.#db : connection;
  }
}

/** What a database is passed around as: the Store above the repositories, a Kysely handle below. */
export type Connection = Store | Kysely<Database>;

/** The one Store over a connection (a Store is passed through). */
export function storeOf(connection: Connection): Store {
  return connection instanceof Store ? connection : new Store(connection);
}
import { NightPlanRepository } from './nightPlan.repository';
import { NightRepository } from './night.repository';

/** Every repository over one connection or transaction. */
export function repositories(connection: Connection) {
  const db = Store.handleOf(connection);
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
    archive: new ArchiveRepository(db),
    nightPlans: new NightPlanRepository(db),
    night: new NightRepository(db),
  };
}
export type Repositories = ReturnType<typeof repositories>;

/** Run `work` in one transaction: everything it writes lands, or nothing does. */
export async function inTransaction<T>(connection: Connection, work: (repos: Repositories) => Promise<T>): Promise<T> {
  return Store.handleOf(connection).transaction().execute((trx) => work(repositories(trx)));
}
