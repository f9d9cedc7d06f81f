import { repositories, type Store } from '../repositories';
import { audienceOf, requireRole, type Actor } from './context';
import type { ChangeLogRow } from '../repositories/changeLog.repository';
import { challengeTier, currentTier, seesTier } from '../privacy/policy';
import { KudzuError } from '../../shared/errors';
import { isDomainId } from '../../shared/taxonomy/domains';

export interface TaxonomyView {
  domains: { id: string; label: string; description: string; colour: string; pattern: string; shape: string; letter: string }[];
  functionTypes: { id: string; label: string; domain: string; capacityUnit: string | null }[];
}

export class TaxonomyService {
  constructor(private readonly db: Store) {}

  /** Put in the seed domains and function types where they are missing. */
  async seed(): Promise<void> {
    await repositories(this.db).taxonomy.seed();
  }

  async get(): Promise<TaxonomyView> {
    const repos = repositories(this.db);
    const domains = await repos.taxonomy.domains();
    const types = await repos.taxonomy.functionTypes();
    return {
      domains: domains.map(({ sort_order: _, ...d }) => d),
      functionTypes: types.filter((t) => !t.retired).map((t) => ({ id: t.id, label: t.label, domain: t.domain_id, capacityUnit: t.capacity_unit })),
    };
  }

  /** The list is extensible: stewards add function types a network needs. */
  async addFunctionType(actor: Actor, id: string, label: string, domain: string, capacityUnit: string | null): Promise<void> {
    requireRole(actor, 'steward', 'adding a function type');
    if (!isDomainId(domain)) throw new KudzuError('BAD_INPUT', `unknown domain “${domain}”`, { field: 'domain' });
    const repos = repositories(this.db);
    if (await repos.taxonomy.functionType(id)) throw new KudzuError('CONFLICT', `a function type “${id}” already exists`, { field: 'id' });
    await repos.taxonomy.addFunctionType({ id, label, domain_id: domain, capacity_unit: capacityUnit, retired: 0 });
  }
}

export class ChangeLogService {
  constructor(private readonly db: Store) {}

  /** The newest entries the actor may see, each at the current tier of what it is about. */
  async recent(actor: Actor, limit: number, entityId?: string) {
    requireRole(actor, 'member', 'reading the change log');
    const audience = audienceOf(actor);
    const repos = repositories(this.db);
    const shown: ChangeLogRow[] = [];
    const page = Math.max(limit, 100);
    for (let offset = 0; shown.length < limit; offset += page) {
      const rows = await repos.changeLog.recentWithSubjects(page, offset, entityId);
      for (const row of rows) {
        const tier = challengeTier(currentTier(row.visibility, row.subject_visibility), row.challenge_site_visibility);
        if (seesTier(audience, tier) && shown.length < limit) shown.push(row);
      }
      if (rows.length < page) break;
    }
    return shown.map((r) => ({ id: r.id, at: r.at, who: r.user_name ?? 'someone', action: r.action, entity: r.entity, entityId: r.entity_id, summary: r.summary }));
  }
}
