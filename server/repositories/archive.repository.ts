import type { Readable, Writable } from 'node:stream';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { migrateTo, migrateToLatest } from '../db/database';
import { schemaVersionOf, writeArchive, type ArchiveOptions, type ArchiveResult } from '../archive/writeArchive';
import { readArchiveHeader, restoreArchive, type RestoreResult } from '../archive/restoreArchive';

/** The whole instance, table by table, to and from one `.kudzu` archive. */
export class ArchiveRepository {
  constructor(private readonly db: Kysely<Database>) {}

  write(output: Writable, options: ArchiveOptions): Promise<ArchiveResult> {
    return writeArchive(this.db, output, options);
  }

  /**
   * Restore into an empty database: a new one is brought to the archive's schema, filled,
   * then migrated onwards. `open` gives a fresh stream of the archive each time it is read.
   */
  async restore(open: () => Readable): Promise<RestoreResult & { migrated: string[] }> {
    const header = await readArchiveHeader(open());
    if ((await schemaVersionOf(this.db)) === '') await migrateTo(this.db, header.schemaVersion).catch(() => undefined);
    const result = await restoreArchive(this.db, open());
    return { ...result, migrated: await migrateToLatest(this.db) };
  }
}
