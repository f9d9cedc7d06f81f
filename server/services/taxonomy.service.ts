import { repositories, type Store } from '../repositories';
import { requireRole, type Actor } from './context';
import { KudzuError } from '../../shared/errors';
import { isDomainId } from '../../shared/taxonomy/domains';
import type { CapacityUnit } from '../../shared/taxonomy/functionTypes';

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
      domains,
      functionTypes: types.filter((t) => !t.retired).map((t) => ({ id: t.id, label: t.label, domain: t.domain, capacityUnit: t.capacityUnit })),
    };
  }

  /** The list is extensible: stewards add function types a network needs. */
  async addFunctionType(actor: Actor, id: string, label: string, domain: string, capacityUnit: string | null): Promise<void> {
    requireRole(actor, 'steward', 'adding a function type');
    if (!isDomainId(domain)) throw new KudzuError('BAD_INPUT', `unknown domain “${domain}”`, { field: 'domain' });
    const repos = repositories(this.db);
    if (await repos.taxonomy.functionType(id)) throw new KudzuError('CONFLICT', `a function type “${id}” already exists`, { field: 'id' });
    await repos.taxonomy.addFunctionType({ id, label, domain, capacityUnit: capacityUnit as CapacityUnit | null, retired: false });
  }
}
