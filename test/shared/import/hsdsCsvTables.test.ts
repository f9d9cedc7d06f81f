import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { hsdsCsvTables } from '../../../shared/import/hsdsCsvTables';
import { readSourceRecords } from '../../../shared/import/parseSiteFile';
import { importOptionsSchema } from '../../../shared/import/importOptions';
import { dataFile, skipRealData } from '../../helpers/sharedData';

describe('Open Referral CSV tables chosen together', () => {
  it.skipIf(skipRealData)('become one tabular HSDS file whose example location with latitude 100 is refused, naming the table row', () => {
    const folder = dataFile('hsds', 'openreferral-specification-3.x', 'examples', 'csv');
    const files = readdirSync(folder).map((name) => ({ name, text: readFileSync(join(folder, name), 'utf8') }));
    const tables = hsdsCsvTables(files, 'csv');
    expect(tables.name).toBe('csv.json');
    expect(Object.keys(JSON.parse(tables.text))).toEqual(expect.arrayContaining(['locations.csv', 'services.csv', 'organizations.csv', 'service_at_location.csv']));
    const source = readSourceRecords('hsds', tables.text, importOptionsSchema.parse({ format: 'hsds' }));
    expect(source.errors).toEqual([expect.objectContaining({ row: 1, field: 'locations.csv row 1.latitude' })]);
  });

  it('refuses a file that is not a CSV table, naming it', () => {
    expect(() => hsdsCsvTables([{ name: 'locations.csv', text: 'id,name\n1,Hall\n' }, { name: 'photo.jpg', text: '' }], 'tables'))
      .toThrow('photo.jpg is not a CSV table');
  });

  it('refuses tables without locations.csv, saying which it was given', () => {
    expect(() => hsdsCsvTables([{ name: 'services.csv', text: 'id,name\n1,Pantry\n' }], 'tables'))
      .toThrow('the tables services.csv have no locations.csv');
  });
});
