import type { Kysely } from 'kysely';
import type { Database, DomainTable, FunctionTypeTable } from '../db/schema';
import { DOMAINS } from '../../shared/taxonomy/domains';
import { FUNCTION_TYPES } from '../../shared/taxonomy/functionTypes';

export class TaxonomyRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async domains(): Promise<DomainTable[]> {
    return this.db.selectFrom('domains').selectAll().orderBy('sort_order').execute();
  }

  async functionTypes(): Promise<FunctionTypeTable[]> {
    return this.db.selectFrom('function_types').selectAll().orderBy('domain_id').orderBy('label').execute();
  }

  async functionType(id: string): Promise<FunctionTypeTable | undefined> {
    return this.db.selectFrom('function_types').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async addFunctionType(row: FunctionTypeTable): Promise<void> {
    await this.db.insertInto('function_types').values(row).execute();
  }

  /** Put the seed domains and function types in place, keeping any a network added. */
  async seed(): Promise<void> {
    const haveDomains = new Set((await this.domains()).map((d) => d.id));
    const domainRows = DOMAINS.filter((d) => !haveDomains.has(d.id)).map((d) => ({
      id: d.id, label: d.label, description: d.description, colour: d.colour, pattern: d.pattern, shape: d.shape, letter: d.letter,
      sort_order: DOMAINS.indexOf(d),
    }));
    if (domainRows.length) await this.db.insertInto('domains').values(domainRows).execute();
    const haveTypes = new Set((await this.functionTypes()).map((t) => t.id));
    const typeRows = FUNCTION_TYPES.filter((t) => !haveTypes.has(t.id)).map((t) => ({
      id: t.id, label: t.label, domain_id: t.domain, capacity_unit: t.capacityUnit, retired: 0,
    }));
    if (typeRows.length) await this.db.insertInto('function_types').values(typeRows).execute();
  }
}
