import type { Readable, Writable } from 'node:stream';
import { repositories, type Store } from '../repositories';
import type { ArchiveOptions, ArchiveResult } from '../archive/writeArchive';
import type { RestoreResult } from '../archive/restoreArchive';

/** The whole instance to one `.kudzu` archive and back (see server/archive/archiveFormat.ts). */
export class ArchiveService {
  constructor(private readonly store: Store) {}

  write(output: Writable, options: ArchiveOptions): Promise<ArchiveResult> {
    return repositories(this.store).archive.write(output, options);
  }

  /** Into an empty database; `open` gives a fresh stream of the archive each time it is read. */
  restore(open: () => Readable): Promise<RestoreResult & { migrated: string[] }> {
    return repositories(this.store).archive.restore(open);
  }
}
