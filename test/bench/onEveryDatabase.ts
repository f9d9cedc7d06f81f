import { databaseKinds, openTestDatabase, type TestDatabase } from '../helpers/databases';
import type { BenchRow } from './types';

/** Run one benchmark on a fresh database of every kind there is, dropping each after it. */
export async function onEveryDatabase(bench: (database: TestDatabase) => Promise<BenchRow[]>): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (const kind of await databaseKinds()) {
    const database = await openTestDatabase(kind);
    try {
      rows.push(...(await bench(database)));
    } finally {
      await database.dispose();
    }
  }
  return rows;
}
