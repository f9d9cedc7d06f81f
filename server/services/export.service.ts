import type { Store } from '../repositories';
import type { Actor } from './context';
import { exportSites, type ExportAudience, type ExportFile, type ExportFormat } from '../export/exportSites';

/** The sites an audience may see, as a file in one of the export formats. */
export class ExportService {
  constructor(private readonly store: Store) {}

  sites(actor: Actor, format: ExportFormat, as: ExportAudience, baseUrl?: string): Promise<ExportFile> {
    return exportSites(this.store, actor, format, as, baseUrl);
  }
}
