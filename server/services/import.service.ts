import type { Store } from '../repositories';
import type { Actor } from './context';
import { commitImport, previewImport, type ImportFile, type ImportHooks, type ImportResult } from '../import/importSites';
import type { ImportOptionsInput } from '../../shared/import/importOptions';

/** Sites, groups, links and reference layers read from a file: checked first, then written in one transaction. */
export class ImportService {
  constructor(private readonly store: Store) {}

  /** What the file would write, and every problem in it; nothing is written. */
  preview(actor: Actor, file: ImportFile, options: ImportOptionsInput = {}): Promise<ImportResult> {
    return previewImport(this.store, actor, file, options);
  }

  /** Write the file, all of it or (on any error) none of it. */
  commit(actor: Actor, file: ImportFile, options: ImportOptionsInput = {}, hooks: ImportHooks = {}): Promise<ImportResult> {
    return commitImport(this.store, actor, file, options, hooks);
  }
}
