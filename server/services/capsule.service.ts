/**
 * The time capsule: a published audit as one self-contained HTML file. Its content is the
 * zine's content (the public edition of the audit, through the presenters in server/privacy)
 * and its map is the zine's map page, so a capsule holds nothing the public may not see.
 */
import type { Actor } from './context';
import type { ZineService } from './zine.service';
import { KudzuError } from '../../shared/errors';
import { capsuleHtml } from '../../shared/capsule/capsuleHtml';
import { pageSize } from '../../shared/zine/paper';
import { zineMapPage } from '../../shared/zine/zinePages';

export interface CapsuleFile {
  html: string;
  filename: string;
}

function slug(text: string): string {
  return text.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'audit';
}

export class CapsuleService {
  constructor(private readonly zines: ZineService) {}

  /** The capsule of a published audit; a draft is refused (INVALID_STATE), an unknown id not found. */
  async render(actor: Actor, auditId: string): Promise<CapsuleFile> {
    if (!auditId) throw new KudzuError('BAD_INPUT', 'name the audit for the time capsule (audit=<id>)', { field: 'auditId' });
    const content = await this.zines.content(actor, auditId, '');
    if (content.draft || !content.publishedOn) {
      throw new KudzuError('INVALID_STATE', `audit ${auditId} is not published; only a published audit can go in a time capsule`, { field: 'auditId' });
    }
    const mapPage = zineMapPage(content, { size: pageSize('a4', 'pages'), red: true, qr: [] });
    const html = capsuleHtml({ content, mapPage, madeAt: actor.now.toISOString() });
    return { html, filename: `${slug(content.areaName)}-${slug(content.periodLabel)}-time-capsule.html` };
  }
}
