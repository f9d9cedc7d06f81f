import { allAs, firstAs } from './rows';
import type { Kysely } from 'kysely';
import type { Database, DomainTable, FunctionTypeTable } from '../db/schema';
import { DOMAINS, type Domain, type DomainId, type MarkerShape, type PatternName } from '../../shared/taxonomy/domains';
import { FUNCTION_TYPES, type CapacityUnit, type StoredFunctionType } from '../../shared/taxonomy/functionTypes';

export class TaxonomyRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** The network's domains, in their order. */
  async domains(): Promise<Domain[]> {
    return allAs(this.db.selectFrom('domains').selectAll().orderBy('sort_order'), domainOf);
  }

  async functionTypes(): Promise<StoredFunctionType[]> {
    return allAs(this.db.selectFrom('function_types').selectAll().orderBy('domain_id').orderBy('label'), functionTypeOf);
  }

  async functionType(id: string): Promise<StoredFunctionType | undefined> {
    return firstAs(this.db.selectFrom('function_types').selectAll().where('id', '=', id), functionTypeOf);
  }

  async addFunctionType(type: StoredFunctionType): Promise<void> {
    await this.db.insertInto('function_types').values(functionTypeRow(type)).execute();
  }

  /** Put the seed domains and function types in place, keeping any a network added. */
  async seed(): Promise<void> {
    const haveDomains = new Set((await this.domains()).map((d) => d.id));
    const domainRows: DomainTable[] = DOMAINS.filter((d) => !haveDomains.has(d.id)).map((d) => ({
      id: d.id, label: d.label, description: d.description, colour: d.colour, pattern: d.pattern, shape: d.shape, letter: d.letter,
      sort_order: DOMAINS.indexOf(d),
    }));
    if (domainRows.length) await this.db.insertInto('domains').values(domainRows).execute();
    const haveTypes = new Set((await this.functionTypes()).map((t) => t.id));
    const typeRows = FUNCTION_TYPES.filter((t) => !haveTypes.has(t.id)).map((t) => functionTypeRow({ ...t, retired: false }));
    if (typeRows.length) await this.db.insertInto('function_types').values(typeRows).execute();
  }
}

function domainOf(row: DomainTable): Domain {
  return {
    id: row.id as DomainId, label: row.label, description: row.description, colour: row.colour,
    pattern: row.pattern as PatternName, shape: row.shape as MarkerShape, letter: row.letter,
  };
}

function functionTypeOf(row: FunctionTypeTable): StoredFunctionType {
  return { id: row.id, label: row.label, domain: row.domain_id as DomainId, capacityUnit: row.capacity_unit as CapacityUnit | null, retired: row.retired === 1 };
}

function functionTypeRow(type: StoredFunctionType): FunctionTypeTable {
  return { id: type.id, label: type.label, domain_id: type.domain, capacity_unit: type.capacityUnit, retired: type.retired ? 1 : 0 };
}
