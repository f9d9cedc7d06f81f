/**
 * Zines: the audit as the public sees it, laid out as eight printed pages and imposed on
 * sheets, as SVG or vector PDF. Data enters only through the public edition of the audit
 * (the presenters in server/privacy), so a zine cannot carry what the public may not see.
 */
import type { Actor } from './context';
import { PUBLIC_VIEWER } from './auth.service';
import type { AuditService } from './audit.service';
import type { AreaService } from './area.service';
import type { ReferenceService } from './reference.service';
import type { AuditReport } from './auditReport';
import { KudzuError } from '../../shared/errors';
import { zineRequestSchema, type ZineRequest, type ZineRequestInput } from '../../shared/schemas/zine';
import { pageSize } from '../../shared/zine/paper';
import type { PageModel } from '../../shared/zine/pageModel';
import { qrModules } from '../../shared/zine/qrModules';
import { renderSheets, renderStackedSheets } from '../../shared/zine/renderSheets';
import { renderSvg } from '../../shared/zine/renderSvg';
import type { ZineContent } from '../../shared/zine/zineContent';
import { tallyChange } from '../../shared/audit/words';
import { zinePages } from '../../shared/zine/zinePages';
import { buildZineMap } from '../zine/zineMap';
import { svgToPdf } from '../zine/svgToPdf';

export interface ZineServiceOptions {
  /** The server's PMTiles basemap, whose `roads` and `water` the map draws. */
  basemapFile?: string;
}

export interface ZineFile {
  bytes: Buffer;
  contentType: string;
  filename: string;
  pages: number;
  sheets: number;
}

function changesOf(report: AuditReport): ZineContent['changes'] {
  if (!report.diff || !report.previous) return null;
  const diff = report.diff;
  const lines = [
    ...diff.reasons,
    ...(diff.sitesOpened.length > 0 ? [`Opened: ${diff.sitesOpened.map((site) => site.name).join(', ')}`] : []),
    ...(diff.sitesClosed.length > 0 ? [`Closed: ${diff.sitesClosed.map((site) => site.name).join(', ')}`] : []),
    ...[...diff.talliesUp, ...diff.talliesDown].map(tallyChange),
  ];
  return { since: report.previous.label, lines };
}

function slug(text: string): string {
  return text.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'zine';
}

export class ZineService {
  constructor(
    private readonly audits: AuditService,
    private readonly areas: AreaService,
    private readonly references: ReferenceService,
    private readonly options: ZineServiceOptions = {},
  ) {}

  /** What the zine says: the public edition of the audit and its public map. */
  async content(actor: Actor, auditId: string, liveMapUrl: string): Promise<ZineContent> {
    const { report, snapshot, approximateSiteIds } = await this.audits.publicEdition(actor, auditId);
    const area = await this.areas.get(report.areaId);
    const map = await buildZineMap({
      sites: snapshot.sites,
      approximateSiteIds,
      area: area.geometry,
      basemapFile: this.options.basemapFile,
      streetLayer: () => this.streetLayer({ viewer: PUBLIC_VIEWER, now: actor.now }),
    });
    return {
      areaName: report.areaName,
      periodLabel: report.period.label,
      publishedOn: report.publishedAt ? report.publishedAt.slice(0, 10) : null,
      draft: report.preview,
      governed: report.headline.governed,
      total: report.headline.total,
      headline: report.headline.text,
      tallies: report.tallies.map((tally) => ({ count: tally.count, name: tally.name, unit: tally.unit })),
      domains: report.domains.map((domain) => ({ id: domain.domain, label: domain.label, assessed: domain.assessed, governed: domain.governed, reason: domain.reasons[0] ?? null })),
      testimonies: report.testimonies.map((testimony) => ({ text: testimony.text, teller: testimony.teller })),
      changes: changesOf(report),
      challenge: report.headlineChallenge ? { title: report.headlineChallenge.title, description: report.headlineChallenge.description, dueOn: report.headlineChallenge.dueOn } : null,
      liveMapUrl,
      map,
    };
  }

  /** The eight pages at the size the request prints them. */
  async pages(actor: Actor, input: ZineRequestInput, liveMapUrl: string): Promise<{ request: ZineRequest; content: ZineContent; pages: PageModel[] }> {
    const request = parseZineRequest(input);
    const content = await this.content(actor, request.auditId, liveMapUrl);
    const pages = zinePages(content, { size: pageSize(request.paper, request.layout), red: request.red, qr: qrModules(liveMapUrl) });
    return { request, content, pages };
  }

  /** One page alone as SVG (for previews), 1-based. */
  async pagePreview(actor: Actor, input: ZineRequestInput, page: number, liveMapUrl: string): Promise<string> {
    const { pages } = await this.pages(actor, input, liveMapUrl);
    if (!Number.isInteger(page) || page < 1 || page > pages.length) throw new KudzuError('BAD_INPUT', `page must be a whole number from 1 to ${pages.length}, not “${page}”`, { field: 'page' });
    return renderSvg(pages[page - 1]);
  }

  /** The whole zine as one file: a PDF with one page per printed sheet side, or one SVG. */
  async render(actor: Actor, input: ZineRequestInput, liveMapUrl: string): Promise<ZineFile> {
    const { request, content, pages } = await this.pages(actor, input, liveMapUrl);
    const title = `${content.areaName} — audit ${content.periodLabel}`;
    const name = `${slug(content.areaName)}-${slug(content.periodLabel)}-zine-${request.layout}-${request.paper}${request.red ? '' : '-mono'}`;
    if (request.format === 'svg') {
      const svg = renderStackedSheets(pages, request.layout, request.paper, title);
      const sheets = renderSheets(pages, request.layout, request.paper).length;
      return { bytes: Buffer.from(svg, 'utf8'), contentType: 'image/svg+xml', filename: `${name}.svg`, pages: pages.length, sheets };
    }
    const sheets = renderSheets(pages, request.layout, request.paper, title);
    const bytes = await svgToPdf(sheets, { title, subject: content.headline });
    return { bytes, contentType: 'application/pdf', filename: `${name}.pdf`, pages: pages.length, sheets: sheets.length };
  }

  /** The street layer the public may see: a zine is the public edition, whoever asks. */
  private async streetLayer(publicActor: Actor) {
    const layers = await this.references.layers(publicActor);
    const streets = layers.find((layer) => /street|road/i.test(layer.layer));
    return streets ? this.references.layer(publicActor, streets.layer) : null;
  }
}

/** A zine request with a clear sentence for each wrong field. */
export function parseZineRequest(input: ZineRequestInput): ZineRequest {
  const parsed = zineRequestSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new KudzuError('BAD_INPUT', issue.message, { field: String(issue.path[0] ?? 'zine') });
  }
  return parsed.data;
}
