/**
 * The HSDS 3 export checked as strictly as the specification's examples allow. The folder
 * `../shared/data/hsds/openreferral-specification-3.x` holds the examples (JSON, and the same
 * records as CSV tables) but not the JSON schemas: `examples/base.json` names them only by
 * address (`openapi_url`), and `examples/csv/datapackage.json` is a link text
 * (`../../datapackage.json`) to a file that was not copied. So what a schema alone says —
 * which fields are required, the allowed values of status, location_type, address_type or
 * link_type, string formats (dates, URIs, e-mail, language codes) and length limits — cannot
 * be checked here. What the examples do show is checked:
 *  - every object the export writes has the fields, and the JSON types, of the same object in
 *    each example that shows it (nested in a service, and the standalone location,
 *    organization, taxonomy term and service-at-location examples);
 *  - every object is a row of the example CSV table of its kind, with only that table's
 *    columns, once the nesting is written as the tables' reference columns (`service_id`,
 *    `location_id`, `organization_id`, `taxonomy_term_id`, `link_id`);
 *  - every id is a UUID, as every id in the examples is; ids are unique within a table and
 *    never shared between tables; a record given twice (an organization, a taxonomy term) is
 *    the same record both times; every reference column names a row of its table;
 *  - positions are numbers within range (the examples' own location, at latitude 100, is not).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { openTestDatabase, type TestDatabase } from '../helpers/databases';
import { dataFile, skipRealData } from '../helpers/sharedData';
import { loadDemo } from '../../server/demo/loadDemo';
import { exportSites } from '../../server/export/exportSites';
import { systemActor } from '../../server/services/context';

const NOW = new Date('2026-11-29T09:00:00Z');
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

type Json = Record<string, unknown>;
const typeOf = (value: unknown) => (Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value);

/** Where `ours` uses a field the example does not show, or a JSON type other than the example's. */
function conforms(ours: unknown, theirs: unknown, path: string, problems: string[]): void {
  if (typeOf(ours) !== typeOf(theirs)) { problems.push(`${path}: ${typeOf(ours)}, the example has ${typeOf(theirs)}`); return; }
  if (Array.isArray(ours)) { for (const item of ours) conforms(item, (theirs as unknown[])[0], `${path}[]`, problems); return; }
  if (typeOf(ours) !== 'object') return;
  for (const [key, value] of Object.entries(ours as Json)) {
    if (!(key in (theirs as Json))) problems.push(`${path}.${key} is not an HSDS field here`);
    else conforms(value, (theirs as Json)[key], `${path}.${key}`, problems);
  }
}

/** The nested page written as the examples' CSV tables: each object a row, its nesting as reference columns. */
function tablesOf(page: { contents: Json[] }): Map<string, Json[]> {
  const tables = new Map<string, Json[]>();
  const add = (table: string, row: Json) => tables.set(table, [...(tables.get(table) ?? []), row]);
  const own = (record: Json) => Object.fromEntries(Object.entries(record).filter(([, value]) => typeOf(value) !== 'array' && typeOf(value) !== 'object'));
  for (const service of page.contents) {
    const organization = service.organization as Json | undefined;
    if (organization) add('organizations', own(organization));
    add('services', { ...own(service), ...(organization ? { organization_id: organization.id } : {}) });
    for (const link of (service.service_at_locations ?? []) as Json[]) {
      const location = link.location as Json;
      add('locations', own(location));
      for (const address of (location.addresses ?? []) as Json[]) add('addresses', { ...own(address), location_id: location.id });
      add('service_at_location', { ...own(link), service_id: service.id, location_id: location.id });
    }
    for (const schedule of (service.schedules ?? []) as Json[]) add('schedules', { ...own(schedule), service_id: service.id });
    for (const attribute of (service.attributes ?? []) as Json[]) {
      const term = attribute.taxonomy_term as Json;
      add('taxonomy_terms', own(term));
      add('attributes', { ...own(attribute), link_id: service.id, taxonomy_term_id: term.id });
    }
  }
  return tables;
}

const REFERENCES: Readonly<Record<string, string>> = { organization_id: 'organizations', service_id: 'services', location_id: 'locations', taxonomy_term_id: 'taxonomy_terms', link_id: 'services' };

/** Everything in the tables that the example CSV tables would not allow. */
function tableProblems(tables: Map<string, Json[]>, columnsOf: (table: string) => string[] | null): string[] {
  const problems: string[] = [];
  const owner = new Map<string, string>();
  for (const [table, rows] of tables) {
    const columns = columnsOf(table);
    if (!columns) { problems.push(`${table} is not a table of the examples`); continue; }
    const byId = new Map<string, string>();
    for (const row of rows) {
      for (const key of Object.keys(row)) if (!columns.includes(key)) problems.push(`${table}.${key} is not a column of ${table}.csv`);
      const id = String(row.id);
      if (!UUID.test(id)) problems.push(`${table} id ${id} is not a UUID`);
      if (owner.has(id) && owner.get(id) !== table) problems.push(`id ${id} is both in ${owner.get(id)} and in ${table}`);
      owner.set(id, table);
      const text = JSON.stringify(row);
      if (byId.has(id) && byId.get(id) !== text) problems.push(`${table} id ${id} names two different records`);
      byId.set(id, text);
    }
  }
  for (const [table, rows] of tables) {
    for (const row of rows) {
      for (const [column, target] of Object.entries(REFERENCES)) {
        if (column in row && !(tables.get(target) ?? []).some((other) => other.id === row[column])) problems.push(`${table}.${column} ${String(row[column])} names no row of ${target}`);
      }
    }
  }
  for (const location of tables.get('locations') ?? []) {
    if (typeof location.latitude !== 'number' || Math.abs(location.latitude) > 90) problems.push(`location ${String(location.id)} latitude ${String(location.latitude)} is out of range`);
    if (typeof location.longitude !== 'number' || Math.abs(location.longitude) > 180) problems.push(`location ${String(location.id)} longitude ${String(location.longitude)} is out of range`);
  }
  return problems;
}

describe.skipIf(skipRealData)('the HSDS export, against the specification’s examples', () => {
  let demo: TestDatabase;
  let page: { contents: Json[] } & Json;
  const examples = () => dataFile('hsds', 'openreferral-specification-3.x', 'examples');
  const example = (name: string) => JSON.parse(readFileSync(join(examples(), name), 'utf8')) as Json;
  const csvColumns = (table: string): string[] | null => {
    const file = `${table}.csv`;
    if (!readdirSync(join(examples(), 'csv')).includes(file)) return null;
    return Papa.parse<string[]>(readFileSync(join(examples(), 'csv', file), 'utf8').split('\n')[0]).data[0];
  };

  beforeAll(async () => {
    demo = await openTestDatabase('sqlite');
    await loadDemo(demo.db, NOW);
    page = JSON.parse((await exportSites(demo.db, systemActor(NOW), 'hsds', 'public')).text);
  }, 120_000);
  afterAll(() => demo?.dispose());

  it('the folder holds examples, not the JSON schemas: base.json only names them by address', () => {
    expect(example('base.json')).toMatchObject({ version: '3.0', openapi_url: expect.stringMatching(/^https:\/\/.*openapi\.json$/) });
    expect(readFileSync(join(examples(), 'csv', 'datapackage.json'), 'utf8').trim()).toBe('../../datapackage.json');
  });

  it('every object uses only the fields, and JSON types, of the same object in every example that shows it', () => {
    const problems: string[] = [];
    const { contents, ...paging } = page;
    const list = example('service_list.json');
    conforms(paging, Object.fromEntries(Object.entries(list).filter(([key]) => key !== 'contents')), 'page', problems);
    const service = example('service_full.json');
    const { service: _nested, ...serviceAtLocation } = example('service_at_location_full.json');
    for (const record of contents) {
      conforms(record, service, 'service', problems);
      if (record.organization) conforms(record.organization, example('organization_full.json'), 'organization', problems);
      for (const link of record.service_at_locations as Json[]) {
        conforms(link, serviceAtLocation, 'service_at_location', problems);
        conforms(link.location, example('location.json'), 'location', problems);
      }
      for (const attribute of record.attributes as Json[]) conforms(attribute.taxonomy_term, example('taxonomy_term.json'), 'taxonomy_term', problems);
    }
    expect(contents.length).toBeGreaterThan(100);
    expect(problems).toEqual([]);
    // The identifying fields every example of these objects fills are there.
    for (const record of contents) {
      expect(record).toMatchObject({ id: expect.any(String), name: expect.any(String), status: expect.stringMatching(/^(active|inactive)$/) });
      for (const link of record.service_at_locations as Json[]) expect(link.location).toMatchObject({ id: expect.any(String), location_type: 'physical' });
      if (record.organization) expect(record.organization).toMatchObject({ id: expect.any(String), name: expect.any(String), description: expect.any(String) });
    }
    expect(page).toMatchObject({ total_items: contents.length, size: contents.length, total_pages: 1, page_number: 1, first_page: true, last_page: true, empty: false });
  });

  it('written as the examples’ tables, every object is a row with only its table’s columns, a UUID of its own, and references that resolve', () => {
    const tables = tablesOf(page);
    expect([...tables.keys()].sort()).toEqual(['addresses', 'attributes', 'locations', 'organizations', 'schedules', 'service_at_location', 'services', 'taxonomy_terms']);
    expect(tableProblems(tables, csvColumns)).toEqual([]);
  });

  it('the same checks find an id that is no UUID, a reused id, a dangling reference and latitude 100 (the examples’ own ids are all UUIDs)', () => {
    // Every id in the example tables is a UUID: the rule comes from them.
    for (const file of readdirSync(join(examples(), 'csv')).filter((name) => name.endsWith('.csv'))) {
      const rows = Papa.parse<Json>(readFileSync(join(examples(), 'csv', file), 'utf8'), { header: true, skipEmptyLines: true }).data;
      for (const row of rows) if (row.id) expect(String(row.id)).toMatch(UUID);
    }
    const tampered = structuredClone(page);
    const [first, second, third] = tampered.contents as Json[];
    third.id = second.id;
    first.id = 'service-1';
    (first.service_at_locations as Json[])[0].location = { ...((first.service_at_locations as Json[])[0].location as Json), latitude: 100 };
    const tables = tablesOf(tampered);
    tables.set('attributes', [...(tables.get('attributes') ?? []), { id: '00000000-0000-4000-8000-000000000000', link_id: 'ac148810-d857-441c-9679-408f346de14b', taxonomy_term_id: 'nowhere' }]);
    const problems = tableProblems(tables, csvColumns);
    expect(problems).toEqual(expect.arrayContaining([
      'services id service-1 is not a UUID',
      `services id ${String(second.id)} names two different records`,
      expect.stringMatching(/latitude 100 is out of range$/),
      'attributes.link_id ac148810-d857-441c-9679-408f346de14b names no row of services',
      'attributes.taxonomy_term_id nowhere names no row of taxonomy_terms',
    ]));
    expect(tableProblems(new Map([['phones_of_sites', [{ id: first.id }]]]), csvColumns)).toEqual(['phones_of_sites is not a table of the examples']);
  });
});
