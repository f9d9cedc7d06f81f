import { storeOf, type Connection } from '../repositories';
import { SiteService } from './site.service';
import { GroupService } from './group.service';
import { AreaService } from './area.service';
import { AuthService } from './auth.service';
import type { PasswordHasher } from './password';
import { TaxonomyService } from './taxonomy.service';
import { ChangeLogService } from './changeLog.service';
import { ReferenceService } from './reference.service';
import { AuditService } from './audit.service';
import { ChallengeService } from './challenge.service';
import { generationReadsOf } from './privacyGenerationReads';
import { AccessService, type AccessServiceOptions } from './access.service';
import { ZineService, type ZineServiceOptions } from './zine.service';
import { FederationService } from './federation.service';
import { CapsuleService } from './capsule.service';
import { PeopleService } from './people.service';
import { NetworkService } from './network.service';
import { SiteTileService, type SiteTileOptions } from './siteTiles.service';
import { SiteContextService } from './siteContext.service';
import { ImportService } from './import.service';
import { ExportService } from './export.service';
import { DemoService } from './demo.service';
import { ArchiveService } from './archive.service';
import { StoryService } from './story.service';
import { NightService, type NightLimits } from './night.service';
import { InProcessBus, type NightBus } from '../night/nightBus';

/** Every service over one database; built once per process. */
export interface ServiceOptions {
  access?: AccessServiceOptions;
  /** How passwords are hashed (scrypt unless a test counts the work). */
  passwords?: PasswordHasher;
  /** Keep what each audience is shown of a published audit, and challenge lists (default on). */
  presentationCache?: boolean;
  zine?: ZineServiceOptions;
  /** How many site drawings and tile bytes are kept in memory. */
  siteTiles?: SiteTileOptions;
  /** How audit night wakes the processes serving its screens (in-process unless PostgreSQL's LISTEN/NOTIFY is given). */
  nightBus?: NightBus;
  nightLimits?: NightLimits;
}

export function createServices(connection: Connection, options: ServiceOptions = {}) {
  const db = storeOf(connection);
  const generation = generationReadsOf(db);
  const audits = new AuditService(db, { presentationCache: options.presentationCache, generation });
  const challenges = new ChallengeService(db, { presentationCache: options.presentationCache, generation });
  const areas = new AreaService(db);
  const references = new ReferenceService(db);
  const access = new AccessService(db, new SiteService(db), challenges, options.access);
  const zines = new ZineService(audits, areas, references, options.zine);
  const sites = new SiteService(db);
  const groups = new GroupService(db);
  const nightBus = options.nightBus ?? new InProcessBus();
  const night = new NightService(db, { audits, challenges, sites, groups }, nightBus, options.nightLimits);
  return {
    sites,
    siteTiles: new SiteTileService(db, sites, options.siteTiles, generation),
    siteContext: new SiteContextService(sites, audits, challenges),
    groups,
    areas,
    auth: new AuthService(db, { passwords: options.passwords }),
    people: new PeopleService(db),
    network: new NetworkService(db),
    taxonomy: new TaxonomyService(db),
    changeLog: new ChangeLogService(db),
    references,
    audits,
    challenges,
    access,
    zines,
    capsules: new CapsuleService(zines),
    story: new StoryService(db, audits),
    federation: new FederationService(db, new GroupService(db), challenges, access),
    imports: new ImportService(db),
    exports: new ExportService(db),
    archive: new ArchiveService(db),
    nightBus,
    night,
    demo: new DemoService(db, audits, challenges, night, areas),
  };
}
export type Services = ReturnType<typeof createServices>;
