/**
 * The zine's eight pages from its content: cover, map, tallies, domains, testimonies, what
 * changed, the challenge, the back page. Every page is laid out at its printed size, so text
 * is never under 8 pt and lines never under 0.5 pt; long text is wrapped and cut with an
 * ellipsis rather than overflowing.
 */
import { DOMAINS, domainById } from '../taxonomy/domains';
import { amount } from '../audit/words';
import type { Ink, MapFeature, MapLabel, MapSymbol, PageElement, PageModel, TextElement } from './pageModel';
import type { Size } from './paper';
import { projectMap } from './projectMap';
import { textWidth, truncate, wrapText } from './textMetrics';
import type { ZineContent, ZineMap } from './zineContent';

export interface ZineOptions {
  size: Size;
  /** Print the challenge in the spot red; false for a mono copier. */
  red: boolean;
  /** The QR code's modules for the live map's address. */
  qr: boolean[][];
}

export const MIN_TEXT = 8;

/** Type and spacing grow with the page, from an A7 mini-zine panel up to A4. */
interface Frame {
  width: number;
  height: number;
  k: number;
  margin: number;
  body: number;
  left: number;
  right: number;
  top: number;
  bottom: number;
  spot: Ink;
}

function frameOf(options: ZineOptions): Frame {
  const { width, height } = options.size;
  const k = Math.min(1.5, Math.sqrt(Math.min(width, height * 0.71) / 210));
  const margin = 14 * k;
  return {
    width, height, k, margin, body: Math.max(MIN_TEXT, 8 * k),
    left: margin, right: width - margin, top: margin, bottom: height - margin - MIN_TEXT * 1.6,
    spot: options.red ? 'red' : 'black',
  };
}

function text(x: number, y: number, lines: readonly string[], size: number, extra: Partial<TextElement> = {}): TextElement {
  return { kind: 'text', x, y, lines, size: Math.max(MIN_TEXT, size), ...extra };
}

/** A heading and a rule beneath it; returns the y where content starts. */
function heading(frame: Frame, title: string, elements: PageElement[]): number {
  const size = 15 * frame.k;
  const lines = wrapText(title, frame.right - frame.left, size, { bold: true, maxLines: 2 });
  elements.push(text(frame.left, frame.top + size, lines, size, { bold: true }));
  const ruleY = frame.top + size * 1.25 * lines.length + 2;
  elements.push({ kind: 'rect', x: frame.left, y: ruleY, width: frame.right - frame.left, height: 1.5 * frame.k, fill: 'black' });
  return ruleY + 1.5 * frame.k + frame.body * 1.2;
}

/**
 * The running foot: the page number, and the area and period where they fit — the area's name
 * without what it says in brackets when only that fits ("Kudzu Flats (fictional demo
 * neighbourhood)" → "Kudzu Flats"), cut only when even that does not.
 */
function footer(frame: Frame, number: number, content: ZineContent, elements: PageElement[]): void {
  const y = frame.height - frame.margin * 0.6;
  elements.push(text(frame.width / 2, y, [String(number)], MIN_TEXT, { anchor: 'middle', bold: true }));
  const available = frame.width / 2 - frame.margin - MIN_TEXT * 2;
  if (available <= 30) return;
  const shortName = content.areaName.replace(/\s*\([^)]*\)\s*$/, '');
  const label = [`${content.areaName} · ${content.periodLabel}`, `${shortName} · ${content.periodLabel}`, shortName]
    .find((candidate) => candidate && textWidth(candidate, MIN_TEXT) <= available) ?? truncate(shortName || content.areaName, available, MIN_TEXT);
  elements.push(text(frame.left, y, [label], MIN_TEXT));
}

function page(frame: Frame, content: ZineContent, number: number, title: string, elements: PageElement[]): PageModel {
  footer(frame, number, content, elements);
  return { width: frame.width, height: frame.height, elements, watermark: content.draft ? 'DRAFT' : undefined, title: `${content.areaName}, ${content.periodLabel}: ${title}` };
}

function coverPage(content: ZineContent, frame: Frame): PageModel {
  const elements: PageElement[] = [];
  const width = frame.right - frame.left;
  let y = frame.top;
  const kicker = 9 * frame.k;
  elements.push(text(frame.left, y + kicker, [truncate(`Sovereignty audit · ${content.periodLabel}`, width, kicker, true)], kicker, { bold: true }));
  y += kicker * 1.6;
  // The area's name as large as fits in three lines, cut only when even 14 pt will not do.
  let titleSize = 24 * frame.k;
  const fits = (size: number) => {
    const lines = wrapText(content.areaName, width, size, { bold: true });
    return lines.length <= 3 && !lines.some((line) => line.endsWith('…'));
  };
  while (titleSize > 14 && !fits(titleSize)) titleSize -= 1;
  const titleLines = wrapText(content.areaName, width, titleSize, { bold: true, maxLines: 3 });
  elements.push(text(frame.left, y + titleSize, titleLines, titleSize, { bold: true, lineHeight: titleSize * 1.1 }));
  y += titleSize * 1.1 * titleLines.length + frame.body;
  elements.push({ kind: 'rect', x: frame.left, y, width, height: 3 * frame.k, fill: 'black' });
  y += frame.body * 2.2;
  elements.push(text(frame.left, y, ['we govern'], 12 * frame.k, { bold: true }));
  const bigSize = Math.min(64 * frame.k, (width / textWidth(`${content.governed} of ${content.total}`, 1, true)) * 0.95);
  y += bigSize * 0.95;
  elements.push(text(frame.left, y, [`${content.governed} of ${content.total}`], bigSize, { bold: true }));
  y += 12 * frame.k * 1.4;
  elements.push(text(frame.left, y, wrapText('domains of daily life, without landlords, bosses or bureaucrats', width, 11 * frame.k, { maxLines: 2 }), 11 * frame.k));
  y += 11 * frame.k * 1.25 * 2 + frame.body;
  const symbolsRow = frame.bottom - frame.body * 3.2;
  const headlineLines = Math.max(0, Math.floor((symbolsRow - y - frame.body) / (frame.body * 1.3)));
  if (headlineLines > 0) elements.push(text(frame.left, y, wrapText(content.headline, width, frame.body, { maxLines: Math.min(4, headlineLines) }), frame.body, { lineHeight: frame.body * 1.3 }));
  // Every domain's symbol, in a row: the key to the map inside.
  const radius = Math.min(8 * frame.k, width / (DOMAINS.length * 2.6));
  DOMAINS.forEach((domain, index) => {
    elements.push({ kind: 'symbol', shape: domain.shape, letter: domain.letter, x: frame.left + radius * 1.15 + index * ((width - radius * 2.3) / (DOMAINS.length - 1)), y: symbolsRow, radius });
  });
  elements.push(text(frame.left, symbolsRow + radius + frame.body * 1.4, wrapText('Made from the public map: no private names, no exact places that are kept safe.', width, MIN_TEXT, { maxLines: 2 }), MIN_TEXT));
  return page(frame, content, 1, 'cover', elements);
}

/** The map's features and symbols from the public map content. */
export function zineMapLayers(map: ZineMap, k: number): { features: MapFeature[]; symbols: MapSymbol[]; labels: MapLabel[] } {
  const features: MapFeature[] = [];
  for (const polygon of map.water) features.push({ geometry: 'polygon', parts: polygon, fill: { pattern: 'water' }, stroke: { ink: 'black', width: 0.5 } });
  for (const parcel of map.parcels) {
    const pattern = domainById(parcel.domain)?.pattern ?? 'diagonal';
    for (const polygon of parcel.polygons) features.push({ geometry: 'polygon', parts: polygon, fill: { pattern }, stroke: { ink: 'black', width: 0.75 } });
  }
  const minor = map.streets.filter((street) => !street.major);
  const major = map.streets.filter((street) => street.major);
  if (minor.length > 0) features.push({ geometry: 'line', parts: minor.flatMap((street) => street.parts), stroke: { ink: 'black', width: 0.6 * Math.min(k, 1.2) } });
  if (major.length > 0) features.push({ geometry: 'line', parts: major.flatMap((street) => street.parts), stroke: { ink: 'black', width: 1.4 * Math.min(k, 1.2) } });
  for (const polygon of map.outline) features.push({ geometry: 'line', parts: polygon, stroke: { ink: 'black', width: 1.5 * Math.min(k, 1.2), dash: [5, 2.5] } });
  const symbols: MapSymbol[] = map.sites.map((site) => {
    const domain = domainById(site.domain);
    return {
      position: site.position, shape: domain?.shape ?? 'circle', letter: domain?.letter ?? '?', approximate: site.approximate,
      // Exactly placed sites are labelled before approximate ones; shorter names fit more often.
      label: site.name, priority: (site.approximate ? 0 : 100) - Math.min(99, site.name.length),
    };
  });
  // Street names: the longest stretch of each named street, longer streets first.
  const longest = new Map<string, { position: [number, number]; length: number }>();
  for (const street of map.streets) {
    if (!street.name) continue;
    for (const part of street.parts) {
      if (part.length < 2) continue;
      const length = Math.hypot(part[part.length - 1][0] - part[0][0], part[part.length - 1][1] - part[0][1]);
      const known = longest.get(street.name);
      const middle = part[Math.floor(part.length / 2)];
      const position: [number, number] = part.length % 2 === 0 ? [(middle[0] + part[part.length / 2 - 1][0]) / 2, (middle[1] + part[part.length / 2 - 1][1]) / 2] : [middle[0], middle[1]];
      if (!known || length > known.length) longest.set(street.name, { position, length });
    }
  }
  const labels: MapLabel[] = [...longest.entries()].map(([name, { position, length }]) => ({ position, text: name, priority: Math.min(99, length * 1000) }));
  return { features, symbols, labels };
}

/** The map page alone, without its page number (the time capsule shows the page the zine prints). */
export function zineMapPage(content: ZineContent, options: ZineOptions): PageModel {
  return mapPage(content, frameOf(options), false);
}

function mapPage(content: ZineContent, frame: Frame, numbered = true): PageModel {
  const elements: PageElement[] = [];
  const top = heading(frame, 'The map', elements) - frame.body * 0.6;
  const width = frame.right - frame.left;
  const present = DOMAINS.filter((domain) => content.map.sites.some((site) => site.domain === domain.id) || content.map.parcels.some((parcel) => parcel.domain === domain.id));
  const parcelDomains = new Set(content.map.parcels.map((parcel) => parcel.domain));
  const approximate = content.map.sites.some((site) => site.approximate);
  const columns = Math.max(2, Math.min(3, Math.floor(width / (100 * frame.k))));
  const radius = Math.max(6, frame.body * 0.6);
  // Rows at least a symbol and a little apart, so the legend's symbols never touch.
  const rowHeight = Math.max(frame.body * (columns === 2 && frame.k < 1.2 ? 1.45 : 1.7), radius * 2 + 2);
  const symbolRadius = Math.max(6, 4.5 * frame.k);
  const layers = zineMapLayers(content.map, frame.k);
  // On a small page (a mini-zine panel) the map is a few centimetres wide: a site whose symbol
  // would sit mostly on top of one already drawn is left to the live map, and the legend says how many.
  const crowded = frame.k < 1.2;
  const columnWidth = width / columns;
  // A legend entry's label starts after its symbol, and after the hatching of the domain's
  // parcels when it has some (or the audit area's dashes): "wide". A label longer than its
  // column goes on to a second line, starting nearer a narrow symbol if that lets it fit whole.
  type Entry = { label: string; symbol: 'wide' | 'narrow' | 'none'; draw?: (x: number, y: number) => void };
  const linesAt = (label: string, indent: number) => wrapText(label, columnWidth - indent - radius * 0.3, frame.body, { maxLines: 2 });
  const indentOf = ({ label, symbol }: Entry) => (symbol === 'none' ? 0
    : symbol === 'wide' || linesAt(label, radius * 5.1).join(' ') === label ? radius * 5.1 : radius * 2.6);
  const labelLines = (entry: Entry) => linesAt(entry.label, indentOf(entry));
  const legendEntries = (leftOff: number): Entry[] => [
    ...present.map((domain): Entry => ({
      label: domain.label,
      symbol: parcelDomains.has(domain.id) ? 'wide' : 'narrow',
      draw: (x, y) => {
        elements.push({ kind: 'symbol', shape: domain.shape, letter: domain.letter, x: x + radius, y, radius });
        if (parcelDomains.has(domain.id)) elements.push({ kind: 'rect', x: x + radius * 2.3, y: y - radius, width: radius * 2, height: radius * 2, fill: { pattern: domain.pattern }, stroke: { ink: 'black', width: 0.6 } });
      },
    })),
    ...(approximate ? [{
      label: 'approximate place', symbol: 'narrow',
      draw: (x, y) => elements.push({ kind: 'path', d: circlePath(x + radius, y, radius * 0.95), fill: 'none', stroke: { ink: 'black', width: 0.7, dash: [2, 1.6] } }),
    } satisfies Entry] : []),
    ...(leftOff > 0 ? [{ label: `+${leftOff} on the live map`, symbol: 'none' } satisfies Entry] : []),
    {
      label: 'audit area', symbol: 'wide',
      draw: (x, y) => elements.push({ kind: 'path', d: `M${x} ${y} L${x + radius * 4.3} ${y}`, fill: 'none', stroke: { ink: 'black', width: 1.5 * Math.min(frame.k, 1.2), dash: [5, 2.5] } }),
    },
  ];
  const rowHeights = (entries: readonly Entry[]) => Array.from({ length: Math.ceil(entries.length / columns) }, (_, row) =>
    Math.max(rowHeight, ...entries.slice(row * columns, row * columns + columns).map((entry) => labelLines(entry).length * frame.body * 1.2 + frame.body * 0.3)));
  const legendHeight = (entries: readonly Entry[]) => rowHeights(entries).reduce((sum, height) => sum + height, 0);
  const heightWith = (entries: readonly Entry[]) => Math.max(40, Math.min(frame.bottom - top - (legendHeight(entries) + frame.body * 0.5), width * extentAspect(content.map.extent)));
  const thin = (height: number) => (crowded ? withoutCrowdedSymbols(layers.symbols, { x: frame.left, y: top, width, height }, content.map.extent, symbolRadius) : { symbols: [...layers.symbols], leftOff: 0 });
  let mapHeight = heightWith(legendEntries(0));
  let thinned = thin(mapHeight);
  if (thinned.leftOff > 0) {
    // One more legend entry says how many were left off; the map gives up the room for it.
    mapHeight = heightWith(legendEntries(thinned.leftOff));
    thinned = thin(mapHeight);
  }
  elements.push({
    kind: 'map', x: frame.left, y: top, width, height: mapHeight, extent: content.map.extent,
    features: layers.features, symbols: thinned.symbols, labels: layers.labels,
    symbolRadius, labelSize: Math.max(MIN_TEXT, 7 * frame.k),
    scaleBar: true, northArrow: true, attribution: content.map.attribution ?? undefined, frame: { ink: 'black', width: 0.8 },
  });
  if (content.map.sites.length === 0) {
    elements.push(text(frame.left + width / 2, top + mapHeight / 2, wrapText('No public sites to show for this audit.', width * 0.8, frame.body), frame.body, { anchor: 'middle', bold: true }));
  }
  const entries = legendEntries(thinned.leftOff);
  const heights = rowHeights(entries);
  entries.forEach((entry, index) => {
    const row = Math.floor(index / columns);
    const x = frame.left + (index % columns) * columnWidth;
    const rowTop = top + mapHeight + frame.body * 0.5 + heights.slice(0, row).reduce((sum, height) => sum + height, 0);
    // The symbol beside the first line; a label's second line under it.
    const y = rowTop + Math.max(rowHeight, frame.body * 1.2) / 2;
    entry.draw?.(x, y);
    elements.push(text(x + indentOf(entry), y + frame.body * 0.35, labelLines(entry), frame.body, { lineHeight: frame.body * 1.2 }));
  });
  if (!numbered) return { width: frame.width, height: frame.height, elements, watermark: content.draft ? 'DRAFT' : undefined, title: `${content.areaName}, ${content.periodLabel}: map` };
  return page(frame, content, 2, 'map', elements);
}

/**
 * The symbols to draw where the map is too small for all: the highest priority first, each
 * kept unless its centre is within one radius of a symbol already kept (more than half hidden).
 */
function withoutCrowdedSymbols(
  symbols: readonly MapSymbol[], frame: { x: number; y: number; width: number; height: number }, extent: readonly [number, number, number, number], radius: number,
): { symbols: MapSymbol[]; leftOff: number } {
  const projection = projectMap(frame, extent);
  const order = symbols.map((_, index) => index).sort((a, b) => symbols[b].priority - symbols[a].priority || a - b);
  const kept: { index: number; at: [number, number] }[] = [];
  for (const index of order) {
    const at = projection.project(symbols[index].position);
    if (kept.some((other) => Math.hypot(other.at[0] - at[0], other.at[1] - at[1]) < radius)) continue;
    kept.push({ index, at });
  }
  const keptIndexes = new Set(kept.map((entry) => entry.index));
  return { symbols: symbols.filter((_, index) => keptIndexes.has(index)), leftOff: symbols.length - keptIndexes.size };
}

/** Height over width of an extent as Web Mercator draws it. */
function extentAspect([west, south, east, north]: readonly [number, number, number, number]): number {
  const y = (latitude: number) => Math.log(Math.tan(Math.PI / 4 + (latitude * Math.PI) / 360));
  const width = ((east - west) * Math.PI) / 180;
  return width > 0 ? (y(north) - y(south)) / width : 1;
}

function circlePath(x: number, y: number, r: number): string {
  return `M${x - r} ${y} A${r} ${r} 0 1 0 ${x + r} ${y} A${r} ${r} 0 1 0 ${x - r} ${y} Z`;
}

/** As many blocks as fit, then a note saying how many more are on the live map. */
function fitBlocks<T>(items: readonly T[], start: number, end: number, height: (item: T) => number, noteHeight: number): { kept: T[]; dropped: number } {
  const kept: T[] = [];
  let y = start;
  for (const [index, item] of items.entries()) {
    const needed = height(item);
    const roomLeft = end - y - (index < items.length - 1 ? noteHeight : 0);
    if (needed > roomLeft) break;
    kept.push(item);
    y += needed;
  }
  return { kept, dropped: items.length - kept.length };
}

function moreNote(frame: Frame, y: number, dropped: number, what: string, elements: PageElement[]): void {
  if (dropped > 0) elements.push(text(frame.left, y, [truncate(`…and ${dropped} more ${what} on the live map`, frame.right - frame.left, frame.body)], frame.body, { bold: true }));
}

function talliesPage(content: ZineContent, frame: Frame): PageModel {
  const elements: PageElement[] = [];
  let y = heading(frame, 'What we did, counted', elements);
  const width = frame.right - frame.left;
  if (content.tallies.length === 0) {
    elements.push(text(frame.left, y, wrapText('No tallies were counted at this audit.', width, frame.body), frame.body));
    return page(frame, content, 3, 'tallies', elements);
  }
  const numberSize = Math.max(20, 34 * frame.k);
  const labelLines = 2;
  const blockHeight = numberSize * 0.95 + frame.body * 1.25 * labelLines + frame.body * 0.9;
  const { kept, dropped } = fitBlocks(content.tallies, y, frame.bottom, () => blockHeight, frame.body * 1.5);
  for (const tally of kept) {
    const figure = amount(tally.count);
    const size = Math.min(numberSize, width / textWidth(figure, 1, true));
    elements.push(text(frame.left, y + numberSize * 0.8, [figure], size, { bold: true }));
    elements.push(text(frame.left, y + numberSize * 0.95 + frame.body, wrapText(tally.name, width, frame.body, { maxLines: labelLines }), frame.body));
    y += blockHeight;
  }
  moreNote(frame, y + frame.body * 0.5, dropped, dropped === 1 ? 'tally' : 'tallies', elements);
  return page(frame, content, 3, 'tallies', elements);
}

function domainsPage(content: ZineContent, frame: Frame): PageModel {
  const elements: PageElement[] = [];
  let y = heading(frame, 'Domain by domain', elements);
  const radius = Math.max(6, frame.body * 0.75);
  const textLeft = frame.left + radius * 2.6;
  const textWidthAvailable = frame.right - textLeft;
  const line = frame.body * 1.22;
  const room = frame.bottom - y;
  const reasonLines = Math.max(0, Math.min(3, Math.floor(room / (content.domains.length * line) - 1.25)));
  for (const domain of content.domains) {
    const info = domainById(domain.id);
    const status = !domain.assessed ? 'not assessed' : domain.governed ? 'we govern it' : 'not yet';
    const said = domain.reason?.startsWith(`${domain.label}: `) ? domain.reason.slice(domain.label.length + 2) : domain.reason;
    const reason = said && reasonLines > 0 ? wrapText(said.charAt(0).toUpperCase() + said.slice(1), textWidthAvailable, frame.body, { maxLines: reasonLines }) : [];
    const height = line * (1 + reason.length) + frame.body * 0.3;
    if (y + height > frame.bottom) break;
    if (info) elements.push({ kind: 'symbol', shape: info.shape, letter: info.letter, x: frame.left + radius, y: y + frame.body * 0.1 - frame.body * 0.3, radius });
    const statusWidth = textWidth(status, frame.body, true);
    elements.push(text(textLeft, y + frame.body * 0.1, [truncate(domain.label, textWidthAvailable - statusWidth - frame.body, frame.body, true)], frame.body, { bold: true }));
    elements.push(text(frame.right, y + frame.body * 0.1, [status], frame.body, { anchor: 'end', bold: domain.governed }));
    if (reason.length > 0) elements.push(text(textLeft, y + frame.body * 0.1 + line, reason, frame.body, { lineHeight: line }));
    y += height;
  }
  return page(frame, content, 4, 'domains', elements);
}

function testimoniesPage(content: ZineContent, frame: Frame): PageModel {
  const elements: PageElement[] = [];
  let y = heading(frame, 'In our words', elements);
  const width = frame.right - frame.left;
  const line = frame.body * 1.3;
  if (content.testimonies.length === 0) {
    elements.push(text(frame.left, y, wrapText('No testimonies were shared for publication at this audit.', width, frame.body), frame.body));
    return page(frame, content, 5, 'testimonies', elements);
  }
  // Each testimony may take a fair share of the page, and at most eight lines.
  const share = Math.max(2, Math.min(8, Math.floor((frame.bottom - y) / line / Math.min(content.testimonies.length, 4)) - 2));
  const blocks = content.testimonies.map((testimony) => ({
    lines: wrapText(`“${testimony.text}”`, width - frame.body, frame.body, { maxLines: share }),
    teller: truncate(`— ${testimony.teller}`, width - frame.body, frame.body, true),
  }));
  const { kept, dropped } = fitBlocks(blocks, y, frame.bottom, (block) => line * (block.lines.length + 1) + frame.body * 0.8, frame.body * 1.5);
  for (const block of kept) {
    elements.push({ kind: 'rect', x: frame.left, y: y - frame.body, width: 1.5 * frame.k, height: line * (block.lines.length + 1) - frame.body * 0.2, fill: 'black' });
    elements.push(text(frame.left + frame.body, y, block.lines, frame.body, { lineHeight: line }));
    elements.push(text(frame.left + frame.body, y + line * block.lines.length, [block.teller], frame.body, { bold: true }));
    y += line * (block.lines.length + 1) + frame.body * 0.8;
  }
  moreNote(frame, y, dropped, dropped === 1 ? 'testimony' : 'testimonies', elements);
  return page(frame, content, 5, 'testimonies', elements);
}

function changesPage(content: ZineContent, frame: Frame): PageModel {
  const elements: PageElement[] = [];
  const width = frame.right - frame.left;
  let y = heading(frame, content.changes ? `Since ${content.changes.since}` : 'What changed', elements);
  const line = frame.body * 1.28;
  if (!content.changes || content.changes.lines.length === 0) {
    const words = content.changes ? 'Nothing changed since the last audit.' : `This is the first published audit of ${content.areaName}: nothing to compare with yet.`;
    elements.push(text(frame.left, y, wrapText(words, width, frame.body), frame.body, { lineHeight: line }));
    return page(frame, content, 6, 'what changed', elements);
  }
  const blocks = content.changes.lines.map((entry) => wrapText(entry, width - frame.body * 1.2, frame.body, { maxLines: 3 }));
  const { kept, dropped } = fitBlocks(blocks, y, frame.bottom, (lines) => line * lines.length + frame.body * 0.5, frame.body * 1.5);
  for (const lines of kept) {
    elements.push({ kind: 'rect', x: frame.left, y: y - frame.body * 0.45, width: frame.body * 0.4, height: frame.body * 0.4, fill: 'black' });
    elements.push(text(frame.left + frame.body * 1.2, y, lines, frame.body, { lineHeight: line }));
    y += line * lines.length + frame.body * 0.5;
  }
  moreNote(frame, y, dropped, dropped === 1 ? 'change' : 'changes', elements);
  return page(frame, content, 6, 'what changed', elements);
}

function challengePage(content: ZineContent, frame: Frame): PageModel {
  const elements: PageElement[] = [];
  const width = frame.right - frame.left;
  let y = heading(frame, 'Our challenge', elements);
  const challenge = content.challenge;
  if (!challenge) {
    elements.push(text(frame.left, y, wrapText('No headline challenge was chosen at this audit.', width, frame.body), frame.body));
    return page(frame, content, 7, 'challenge', elements);
  }
  const inner = width - frame.body * 2;
  const titleSize = 20 * frame.k;
  const titleLines = wrapText(challenge.title, inner, titleSize, { bold: true, maxLines: 4 });
  const boxTop = y - frame.body * 0.4;
  y += frame.body * 0.8;
  elements.push(text(frame.left + frame.body, y + titleSize * 0.8, titleLines, titleSize, { bold: true, ink: frame.spot, lineHeight: titleSize * 1.15 }));
  y += titleSize * 1.15 * titleLines.length + frame.body * 0.6;
  if (challenge.dueOn) {
    const dueSize = 13 * frame.k;
    elements.push(text(frame.left + frame.body, y + dueSize * 0.8, [`Due ${challenge.dueOn}`], dueSize, { bold: true, ink: frame.spot }));
    y += dueSize * 1.5;
  }
  const line = frame.body * 1.3;
  const room = Math.floor((frame.bottom - y - frame.body * 5) / line);
  if (challenge.description && room > 0) {
    const lines = wrapText(challenge.description, inner, frame.body, { maxLines: room });
    elements.push(text(frame.left + frame.body, y + frame.body, lines, frame.body, { lineHeight: line }));
    y += line * lines.length + frame.body;
  }
  elements.push({ kind: 'rect', x: frame.left, y: boxTop, width, height: y - boxTop + frame.body * 0.5, fill: 'none', stroke: { ink: frame.spot, width: 3 * frame.k } });
  y += frame.body * 2.4;
  elements.push(text(frame.left, y, wrapText('Solved by the next audit, together. Claim it on the live map, or come to the next assembly.', width, frame.body, { maxLines: 3 }), frame.body, { lineHeight: line }));
  return page(frame, content, 7, 'challenge', elements);
}

function backPage(content: ZineContent, frame: Frame, qr: boolean[][]): PageModel {
  const elements: PageElement[] = [];
  const width = frame.right - frame.left;
  let y = heading(frame, 'Find us, join us', elements);
  const size = Math.min(width * 0.75, (frame.bottom - y) * 0.55, 260);
  elements.push({ kind: 'qr', x: frame.left + (width - size) / 2, y, size, modules: qr });
  y += size + frame.body * 1.4;
  elements.push(text(frame.left + width / 2, y, wrapText(content.liveMapUrl, width, frame.body, { bold: true, maxLines: 2 }), frame.body, { anchor: 'middle', bold: true }));
  y += frame.body * 3;
  const line = frame.body * 1.3;
  const join = `Scan the code for the live map of ${content.areaName}. Anyone can come to the audit night; members add sites, testimonies and challenges. Ask at any site on the map how to join.`;
  const room = Math.max(1, Math.floor((frame.bottom - y - frame.body * 3) / line));
  const lines = wrapText(join, width, frame.body, { maxLines: room });
  elements.push(text(frame.left, y, lines, frame.body, { lineHeight: line }));
  y += line * lines.length + frame.body;
  const credit = [`Made with Kudzu from the public map${content.publishedOn ? `, published ${content.publishedOn}` : ''}.`, content.map.attribution ? `Streets ${content.map.attribution}.` : ''].filter(Boolean).join(' ');
  if (y < frame.bottom) elements.push(text(frame.left, y, wrapText(credit, width, MIN_TEXT, { maxLines: Math.max(1, Math.floor((frame.bottom - y) / (MIN_TEXT * 1.25)) + 1) }), MIN_TEXT));
  return page(frame, content, 8, 'back page', elements);
}

/** The eight pages, in reading order. */
export function zinePages(content: ZineContent, options: ZineOptions): PageModel[] {
  const frame = frameOf(options);
  return [
    coverPage(content, frame),
    mapPage(content, frame),
    talliesPage(content, frame),
    domainsPage(content, frame),
    testimoniesPage(content, frame),
    changesPage(content, frame),
    challengePage(content, frame),
    backPage(content, frame, options.qr),
  ];
}

