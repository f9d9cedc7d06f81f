import { repositories, type Store } from '../repositories';
import { DEMO_SETTING_KEY, isFreshDatabase, loadDemo, type DemoCounts } from '../demo/loadDemo';
import { loadDemoAudits, type DemoAuditCounts } from '../demo/demoAudits';
import type { AuditService } from './audit.service';
import type { ChallengeService } from './challenge.service';
import type { NightService } from './night.service';
import type { AreaService } from './area.service';

/** The fictional demo neighbourhood: whether it is there, and putting it into an empty database. */
export class DemoService {
  constructor(private readonly store: Store, private readonly audits: AuditService, private readonly challenges: ChallengeService, private readonly night: NightService, private readonly areas: AreaService) {}

  /** The demo's label when the database holds the demo neighbourhood (and its accounts), else null. */
  async label(): Promise<string | null> {
    const existing = await repositories(this.store).settings.getJson(DEMO_SETTING_KEY) as { label: string } | undefined;
    return existing ? existing.label : null;
  }

  /** True when the database holds no sites, groups, areas or demo. */
  isFresh(): Promise<boolean> {
    return isFreshDatabase(this.store);
  }

  /** True when the database holds sites or groups (the demo goes only into an empty one). */
  async holdsData(): Promise<boolean> {
    const repos = repositories(this.store);
    return (await repos.sites.count()) > 0 || (await repos.groups.count()) > 0;
  }

  /** The neighbourhood, then its audits written through the audit and challenge services. */
  async load(now: Date): Promise<DemoCounts & DemoAuditCounts> {
    const counts = await loadDemo(this.store, now);
    return { ...counts, ...await loadDemoAudits(this.store, now, { audits: this.audits, challenges: this.challenges, night: this.night, areas: this.areas }) };
  }
}
