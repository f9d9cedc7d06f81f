/**
 * The offline time capsule: a published audit as one self-contained HTML page that opens from
 * a USB stick with no network and no server. It is built only from the zine's content (already
 * the public edition at public precision) and the zine's map page drawn by the same renderer,
 * inline. It loads nothing: a strict Content-Security-Policy in the file forbids every fetch,
 * there is no script, and every piece of text is escaped.
 */
import type { PageModel } from '../zine/pageModel';
import { amount } from '../audit/words';
import { escapeXml, patternDefinitions, renderPageBody } from '../zine/renderSvg';
import type { ZineContent } from '../zine/zineContent';

/** Nothing may load; only the inline style sheet and inline SVG presentation apply. */
export const CAPSULE_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; font-src 'none'; base-uri 'none'; form-action 'none'";

export interface CapsuleInput {
  content: ZineContent;
  /** The zine's map page (`zineMapPage`), drawn inline. */
  mapPage: PageModel;
  /** When the capsule was made (ISO 8601); passed in, never read from a clock here. */
  madeAt: string;
}

const escape = escapeXml;

const STYLE = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; font-family: 'Noto Sans', 'Liberation Sans', Arial, sans-serif; color: #111; background: #f6f5f0; line-height: 1.45; }
main { max-width: 60rem; margin: 0 auto; padding: 1.5rem 1.25rem 3rem; background: #fff; }
header { border-bottom: 3px solid #111; padding-bottom: 0.75rem; margin-bottom: 1.25rem; }
.eyebrow { margin: 0; font-size: 0.9rem; text-transform: uppercase; letter-spacing: 0.06em; }
h1 { margin: 0.25rem 0; font-size: clamp(1.6rem, 4vw, 2.6rem); line-height: 1.15; }
.headline { font-size: clamp(1.2rem, 3vw, 1.6rem); font-weight: 700; margin: 0.5rem 0 0; }
.made { margin: 0.5rem 0 0; font-size: 0.9rem; color: #444; }
h2 { font-size: 1.25rem; border-bottom: 1.5px solid #111; padding-bottom: 0.2rem; margin: 2rem 0 0.75rem; }
.map { margin-top: 1.5rem; }
.map svg { display: block; width: 100%; height: auto; }
.challenge { border: 3px solid #e4002b; color: #e4002b; padding: 0.75rem 1rem; margin: 1.25rem 0; }
.challenge h2 { color: #e4002b; border-color: #e4002b; margin-top: 0; }
.challenge p { margin: 0.3rem 0; }
.tallies { display: grid; grid-template-columns: repeat(auto-fill, minmax(11rem, 1fr)); gap: 0.75rem; padding: 0; list-style: none; }
.tallies li { border: 1px solid #111; padding: 0.5rem 0.75rem; }
.tallies .count { display: block; font-size: 1.6rem; font-weight: 700; }
.domains { list-style: none; padding: 0; margin: 0; }
.domains li { padding: 0.5rem 0; border-bottom: 1px solid #ddd; }
.domains .state { font-weight: 700; }
.domains .reason { display: block; color: #333; }
blockquote { margin: 0 0 1rem; padding: 0.25rem 0 0.25rem 1rem; border-left: 3px solid #111; }
blockquote footer { font-size: 0.9rem; color: #444; }
.note { font-size: 0.85rem; color: #444; }
`.trim();

function domainState(domain: ZineContent['domains'][number]): string {
  if (!domain.assessed) return 'not assessed';
  return domain.governed ? 'governed' : 'not governed';
}

/** Where the page's drawing ends (the legend's last row), so a screen is not given the paper's blank foot. */
function drawnBottom(page: PageModel): number {
  let bottom = 0;
  for (const element of page.elements) {
    if (element.kind === 'text') bottom = Math.max(bottom, element.y + (element.lines.length - 1) * (element.lineHeight ?? element.size * 1.25) + element.size * 0.3);
    else if (element.kind === 'symbol') bottom = Math.max(bottom, element.y + element.radius);
    else if (element.kind === 'rect' || element.kind === 'map') bottom = Math.max(bottom, element.y + element.height);
  }
  return Math.min(page.height, bottom + 14);
}

/** The map page as inline SVG (no namespace URL: HTML parses inline `<svg>` itself). */
function inlineMap(page: PageModel): string {
  const rendered = renderPageBody(page, 'capsule-');
  const defs = patternDefinitions(rendered.patterns) + rendered.defs;
  const size = (value: number) => String(Math.round(value * 100) / 100);
  return `<svg viewBox="0 0 ${size(page.width)} ${size(drawnBottom(page))}" role="img" aria-label="${escape(page.title ?? 'Map')}">`
    + (page.title ? `<title>${escape(page.title)}</title>` : '')
    + (defs ? `<defs>${defs}</defs>` : '') + rendered.body + '</svg>';
}

/** The whole capsule as one HTML document. */
export function capsuleHtml({ content, mapPage, madeAt }: CapsuleInput): string {
  const title = `${content.areaName}, audit ${content.periodLabel}`;
  const challenge = content.challenge
    ? `<section class="challenge" data-part="challenge"><h2>The challenge</h2><p><strong>${escape(content.challenge.title)}</strong></p>`
      + (content.challenge.description ? `<p>${escape(content.challenge.description)}</p>` : '')
      + (content.challenge.dueOn ? `<p>Due by ${escape(content.challenge.dueOn)}</p>` : '') + '</section>'
    : '';
  const tallies = content.tallies.length > 0
    ? `<ul class="tallies">${content.tallies.map((tally) => `<li><span class="count">${escape(amount(tally.count))}</span> ${escape(tally.name)}${tally.unit ? ` <span class="note">(${escape(tally.unit)})</span>` : ''}</li>`).join('')}</ul>`
    : '<p class="note">No tallies were recorded.</p>';
  const domains = `<ul class="domains">${content.domains.map((domain) => `<li><span class="state">${escape(domain.label)}: ${escape(domainState(domain))}</span>${domain.reason ? `<span class="reason">${escape(domain.reason)}</span>` : ''}</li>`).join('')}</ul>`;
  const testimonies = content.testimonies.length > 0
    ? content.testimonies.map((testimony) => `<blockquote><p>${escape(testimony.text)}</p><footer>— ${escape(testimony.teller)}</footer></blockquote>`).join('')
    : '<p class="note">No testimonies were shared publicly.</p>';
  const changes = content.changes && content.changes.lines.length > 0
    ? `<section><h2>What changed since ${escape(content.changes.since)}</h2><ul>${content.changes.lines.map((line) => `<li>${escape(line)}</li>`).join('')}</ul></section>`
    : '';
  return '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
    + `<meta http-equiv="Content-Security-Policy" content="${escape(CAPSULE_CSP)}">`
    + '<meta name="viewport" content="width=device-width, initial-scale=1">'
    + '<meta name="referrer" content="no-referrer">'
    + `<title>${escape(title)} — time capsule</title><style>${STYLE}</style></head><body><main>`
    + `<header><p class="eyebrow">Community audit · time capsule</p><h1>${escape(content.areaName)} — ${escape(content.periodLabel)}</h1>`
    + `<p class="headline" data-part="headline">${escape(content.headline)}</p>`
    + `<p class="made">${content.publishedOn ? `Published ${escape(content.publishedOn)}. ` : ''}This copy was made ${escape(madeAt.slice(0, 16).replace('T', ' '))} UTC and holds only what the public may see.</p></header>`
    + challenge
    + `<section class="map" data-part="map">${inlineMap(mapPage)}</section>`
    + `<section data-part="domains"><h2>Domains</h2>${domains}</section>`
    + `<section data-part="tallies"><h2>Tallies</h2>${tallies}</section>`
    + `<section data-part="testimonies"><h2>Testimonies</h2>${testimonies}</section>`
    + changes
    + `<p class="note">${content.map.attribution ? `Map data ${escape(content.map.attribution)}. ` : ''}${content.map.sites.some((site) => site.approximate) ? 'Sites drawn with a dashed ring are shown at an approximate place.' : ''}</p>`
    + '</main></body></html>\n';
}
