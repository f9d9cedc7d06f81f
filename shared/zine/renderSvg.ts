/**
 * The one renderer: a page model to SVG, in points at print size. Pure and deterministic (no
 * clock, no randomness), so the same page always gives the same bytes. Only black, white,
 * black-on-white patterns and the optional spot red are ever written.
 */
import { markerGeometry, markerPath } from '../map/markers';
import { patternDefinition } from './patterns';
import { placeLabels, type Box, type LabelCandidate } from './placeLabels';
import { projectMap, scaleLengths } from './projectMap';
import { textWidth } from './textMetrics';
import type { FillPattern, Ink, MapElement, PageElement, PageModel, Paint, Stroke, TextElement } from './pageModel';

export const INKS: Record<Ink, string> = { black: '#000000', white: '#ffffff', red: '#e4002b' };
export const FONT_FAMILY = "'Noto Sans', 'Liberation Sans', sans-serif";

/** What the page's body needs declared once in `<defs>` (patterns are shared across pages on a sheet). */
interface RenderState {
  prefix: string;
  patterns: Set<FillPattern>;
  clips: string[];
  counter: number;
}

const number = (value: number) => String(Math.round(value * 100) / 100);

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[character] as string);
}

function paint(value: Paint, state: RenderState): string {
  if (value === 'none') return 'none';
  if (typeof value === 'string') return INKS[value];
  state.patterns.add(value.pattern);
  return `url(#zine-pattern-${value.pattern})`;
}

function strokeAttributes(stroke: Stroke | undefined): string {
  if (!stroke) return ' stroke="none"';
  const dash = stroke.dash && stroke.dash.length > 0 ? ` stroke-dasharray="${stroke.dash.map(number).join(' ')}"` : '';
  return ` stroke="${INKS[stroke.ink]}" stroke-width="${number(stroke.width)}" stroke-linejoin="round" stroke-linecap="round"${dash}`;
}

function renderText(element: TextElement): string {
  const size = element.size;
  const lineHeight = element.lineHeight ?? size * 1.25;
  const anchor = element.anchor ?? 'start';
  const lines = element.lines.map((line, index) => `<tspan x="${number(element.x)}" y="${number(element.y + index * lineHeight)}">${escapeXml(line)}</tspan>`).join('');
  return `<text font-family="${FONT_FAMILY}" font-size="${number(size)}"${element.bold ? ' font-weight="bold"' : ''} fill="${INKS[element.ink ?? 'black']}" text-anchor="${anchor}">${lines}</text>`;
}

function renderSymbol(shape: Parameters<typeof markerGeometry>[0], letter: string, x: number, y: number, radius: number): string {
  const geometry = markerGeometry(shape);
  const outline = Math.max(0.6, radius * 0.12);
  // Never under 8 pt, the smallest type that survives a photocopier.
  const letterSize = Math.max(radius * geometry.letterSize * 1.05, 8);
  const letterX = x + geometry.letterCentre[0] * radius;
  const letterY = y + geometry.letterCentre[1] * radius + letterSize * 0.36;
  const ring = geometry.rings.length > 1;
  return `<path d="${markerPath(shape, radius, [x, y])}" fill="${ring ? INKS.black : INKS.white}" fill-rule="${geometry.fillRule}" stroke="${INKS.black}" stroke-width="${number(outline)}" stroke-linejoin="round"/>`
    + `<text font-family="${FONT_FAMILY}" font-size="${number(letterSize)}" font-weight="bold" fill="${INKS.black}" text-anchor="middle" x="${number(letterX)}" y="${number(letterY)}">${escapeXml(letter)}</text>`;
}

function polylineData(points: readonly (readonly [number, number])[], close: boolean): string {
  if (points.length === 0) return '';
  return points.map(([x, y], index) => `${index === 0 ? 'M' : 'L'}${number(x)} ${number(y)}`).join(' ') + (close ? ' Z' : '');
}

/** Closer than this (points) and two vertices print as one. */
const PRINT_TOLERANCE = 0.6;

/**
 * A projected line or ring as print needs it: null when it lies wholly outside the frame,
 * otherwise without the vertices a printer could not tell apart from their neighbours.
 */
function printablePart(points: [number, number][], frame: Box, closed: boolean): [number, number][] | null {
  if (points.length === 0) return null;
  let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [x, y] of points) {
    if (x < minX) minX = x;
    if (x > maxX) maxX = x;
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
  }
  if (maxX < frame.minX || minX > frame.maxX || maxY < frame.minY || minY > frame.maxY) return null;
  const kept: [number, number][] = [points[0]];
  for (let i = 1; i < points.length - 1; i++) {
    const last = kept[kept.length - 1];
    if (Math.abs(points[i][0] - last[0]) + Math.abs(points[i][1] - last[1]) >= PRINT_TOLERANCE) kept.push(points[i]);
  }
  if (points.length > 1) kept.push(points[points.length - 1]);
  if (closed && kept.length < 3) return null;
  return kept;
}

/** A label on a white box, so it reads over streets and hatching (and on any photocopy). */
function boxedLabel(text: string, box: { x: number; y: number; width: number; height: number }, size: number, bold: boolean): string {
  return `<rect x="${number(box.x - 1)}" y="${number(box.y)}" width="${number(box.width + 2)}" height="${number(box.height)}" fill="${INKS.white}"/>`
    + `<text font-family="${FONT_FAMILY}" font-size="${number(size)}"${bold ? ' font-weight="bold"' : ''} fill="${INKS.black}" x="${number(box.x)}" y="${number(box.y + size * 0.92)}">${escapeXml(text)}</text>`;
}

function renderMap(map: MapElement, state: RenderState): string {
  const frame = { x: map.x, y: map.y, width: map.width, height: map.height };
  const projection = projectMap(frame, map.extent);
  // A nested viewport clips the map to its frame: the same picture as a clip path, but a PDF
  // converter need not measure everything inside it first (a clip path made it do so).
  const box = `x="${number(map.x)}" y="${number(map.y)}" width="${number(map.width)}" height="${number(map.height)}"`;
  const parts: string[] = [`<svg ${box} viewBox="${number(map.x)} ${number(map.y)} ${number(map.width)} ${number(map.height)}" overflow="hidden">`, `<rect ${box} fill="${INKS.white}"/>`];

  const visible = { minX: map.x - 20, minY: map.y - 20, maxX: map.x + map.width + 20, maxY: map.y + map.height + 20 };
  // Lines drawn one after another in the same ink and weight go in one path (one element to
  // draw, not hundreds); filled shapes stay apart, as even-odd filling would cut overlaps out.
  let run: { attributes: string; data: string[] } | null = null;
  const endRun = () => {
    if (run) parts.push(`<path d="${run.data.join(' ')}"${run.attributes}/>`);
    run = null;
  };
  for (const feature of map.features) {
    const close = feature.geometry === 'polygon';
    const d = feature.parts
      .map((part) => printablePart(part.map((position) => projection.project(position)), visible, close))
      .map((points) => (points ? polylineData(points, close) : ''))
      .filter((data) => data !== '').join(' ');
    if (d === '') continue;
    const attributes = ` fill="${close ? paint(feature.fill ?? 'none', state) : 'none'}"${close ? ' fill-rule="evenodd"' : ''}${strokeAttributes(feature.stroke)}`;
    if (close) {
      endRun();
      parts.push(`<path d="${d}"${attributes}/>`);
    } else if (run && run.attributes === attributes) {
      run.data.push(d);
    } else {
      endRun();
      run = { attributes, data: [d] };
    }
  }
  endRun();

  const radius = map.symbolRadius;
  const obstacles: Box[] = [];
  const projected = map.symbols.map((symbol) => projection.project(symbol.position));
  const drawOrder = map.symbols.map((_, index) => index).sort((a, b) => map.symbols[a].priority - map.symbols[b].priority || a - b);
  for (const index of drawOrder) {
    const symbol = map.symbols[index];
    const [x, y] = projected[index];
    if (symbol.approximate) {
      parts.push(`<circle cx="${number(x)}" cy="${number(y)}" r="${number(radius * 1.7)}" fill="none" stroke="${INKS.black}" stroke-width="0.7" stroke-dasharray="2 1.6"/>`);
    }
    parts.push(renderSymbol(symbol.shape, symbol.letter, x, y, radius));
    obstacles.push({ minX: x - radius * 1.1, minY: y - radius * 1.1, maxX: x + radius * 1.1, maxY: y + radius * 1.1 });
  }

  // Corner furniture is placed first so labels keep clear of it.
  const furniture: string[] = [];
  const inset = Math.max(4, map.labelSize * 0.6);
  if (map.scaleBar) {
    const lengths = scaleLengths(projection.metresPerPoint, map.width * 0.32);
    const size = Math.max(8, map.labelSize * 0.9);
    const barHeight = Math.max(2.5, size * 0.35);
    const widest = Math.max(lengths.metres.points, lengths.feet.points);
    const boxWidth = widest + textWidth(lengths.metres.label.length > lengths.feet.label.length ? lengths.metres.label : lengths.feet.label, size) + inset * 2 + 4;
    const boxHeight = barHeight * 2 + size * 2.6 + inset;
    const left = map.x + inset;
    const top = map.y + map.height - inset - boxHeight;
    obstacles.push({ minX: left, minY: top, maxX: left + boxWidth, maxY: top + boxHeight });
    const barLeft = left + inset / 2;
    const metreY = top + inset / 2 + size * 1.05;
    const footY = metreY + barHeight + size * 1.2;
    furniture.push(`<rect x="${number(left)}" y="${number(top)}" width="${number(boxWidth)}" height="${number(boxHeight)}" fill="${INKS.white}" stroke="${INKS.black}" stroke-width="0.5"/>`);
    const bar = (y: number, length: number) => {
      const half = length / 2;
      return `<rect x="${number(barLeft)}" y="${number(y)}" width="${number(half)}" height="${number(barHeight)}" fill="${INKS.black}" stroke="${INKS.black}" stroke-width="0.6"/>`
        + `<rect x="${number(barLeft + half)}" y="${number(y)}" width="${number(half)}" height="${number(barHeight)}" fill="${INKS.white}" stroke="${INKS.black}" stroke-width="0.6"/>`;
    };
    furniture.push(bar(metreY, lengths.metres.points), renderText({ kind: 'text', x: barLeft, y: metreY - size * 0.25, lines: ['0'], size }));
    furniture.push(renderText({ kind: 'text', x: barLeft + lengths.metres.points, y: metreY - size * 0.25, lines: [lengths.metres.label], size, anchor: 'middle' }));
    furniture.push(bar(footY, lengths.feet.points));
    furniture.push(renderText({ kind: 'text', x: barLeft + lengths.feet.points, y: footY + barHeight + size * 0.95, lines: [lengths.feet.label], size, anchor: 'middle' }));
  }
  if (map.northArrow) {
    const size = Math.max(8, map.labelSize);
    const height = size * 2.2;
    const width = size * 1.3;
    const cx = map.x + map.width - inset - width / 2;
    const top = map.y + inset;
    obstacles.push({ minX: cx - width / 2 - 2, minY: top - 2, maxX: cx + width / 2 + 2, maxY: top + height + size + 2 });
    furniture.push(`<rect x="${number(cx - width / 2 - 2)}" y="${number(top - 2)}" width="${number(width + 4)}" height="${number(height + size * 1.1 + 4)}" fill="${INKS.white}" stroke="none"/>`);
    furniture.push(`<path d="M${number(cx)} ${number(top)} L${number(cx + width / 2)} ${number(top + height)} L${number(cx)} ${number(top + height * 0.72)} Z" fill="${INKS.black}" stroke="${INKS.black}" stroke-width="0.6" stroke-linejoin="round"/>`);
    furniture.push(`<path d="M${number(cx)} ${number(top)} L${number(cx - width / 2)} ${number(top + height)} L${number(cx)} ${number(top + height * 0.72)} Z" fill="${INKS.white}" stroke="${INKS.black}" stroke-width="0.6" stroke-linejoin="round"/>`);
    furniture.push(renderText({ kind: 'text', x: cx, y: top + height + size * 1.0, lines: ['N'], size, bold: true, anchor: 'middle' }));
  }
  if (map.attribution) {
    const size = 8;
    const width = textWidth(map.attribution, size) + 6;
    const left = map.x + map.width - width;
    const top = map.y + map.height - size * 1.5;
    obstacles.push({ minX: left, minY: top, maxX: map.x + map.width, maxY: map.y + map.height });
    furniture.push(`<rect x="${number(left)}" y="${number(top)}" width="${number(width)}" height="${number(size * 1.5)}" fill="${INKS.white}" stroke="none"/>`);
    furniture.push(renderText({ kind: 'text', x: map.x + map.width - 3, y: map.y + map.height - size * 0.4, lines: [map.attribution], size, anchor: 'end' }));
  }

  // Labels: sites first by their priority, then free labels (streets, places).
  const size = map.labelSize;
  const height = size * 1.2;
  const candidates: (LabelCandidate & { text: string; bold: boolean })[] = [];
  map.symbols.forEach((symbol, index) => {
    if (!symbol.label) return;
    const [x, y] = projected[index];
    const width = textWidth(symbol.label, size, true);
    const gap = radius * 1.15;
    candidates.push({
      id: candidates.length, priority: 1000 + symbol.priority, width, height, text: symbol.label, bold: true,
      spots: [[x + gap, y - height / 2], [x - gap - width, y - height / 2], [x - width / 2, y - gap - height], [x - width / 2, y + gap]],
    });
  });
  for (const label of map.labels ?? []) {
    const [x, y] = projection.project(label.position);
    const labelSize = label.size ?? size;
    const width = textWidth(label.text, labelSize);
    candidates.push({ id: candidates.length, priority: label.priority, width, height: labelSize * 1.2, text: label.text, bold: false, spots: [[x - width / 2, y - labelSize * 0.6]] });
  }
  const frameBox = { minX: map.x + 1, minY: map.y + 1, maxX: map.x + map.width - 1, maxY: map.y + map.height - 1 };
  const placed = placeLabels(candidates, obstacles, frameBox);
  for (const spot of placed) {
    const candidate = candidates[spot.id];
    parts.push(boxedLabel(candidate.text, { x: spot.x, y: spot.y, width: candidate.width, height: candidate.height }, candidate.height / 1.2, candidate.bold));
  }
  parts.push(...furniture, '</svg>');
  if (map.frame) parts.push(`<rect x="${number(map.x)}" y="${number(map.y)}" width="${number(map.width)}" height="${number(map.height)}" fill="none"${strokeAttributes(map.frame)}/>`);
  return parts.join('');
}

function renderElement(element: PageElement, state: RenderState): string {
  switch (element.kind) {
    case 'text': return renderText(element);
    case 'rect':
      return `<rect x="${number(element.x)}" y="${number(element.y)}" width="${number(element.width)}" height="${number(element.height)}" fill="${paint(element.fill, state)}"${strokeAttributes(element.stroke)}/>`;
    case 'path':
      return `<path d="${element.d}" fill="${paint(element.fill, state)}"${element.fillRule ? ` fill-rule="${element.fillRule}"` : ''}${strokeAttributes(element.stroke)}/>`;
    case 'symbol': return renderSymbol(element.shape, element.letter, element.x, element.y, element.radius);
    case 'qr': {
      const count = element.modules.length;
      const cell = element.size / (count + 8);
      const origin = (offset: number) => offset + cell * 4;
      const squares: string[] = [];
      element.modules.forEach((row, rowIndex) => row.forEach((dark, columnIndex) => {
        if (dark) squares.push(`M${number(origin(element.x) + columnIndex * cell)} ${number(origin(element.y) + rowIndex * cell)}h${number(cell)}v${number(cell)}h-${number(cell)}Z`);
      }));
      return `<rect x="${number(element.x)}" y="${number(element.y)}" width="${number(element.size)}" height="${number(element.size)}" fill="${INKS.white}"/><path d="${squares.join('')}" fill="${INKS.black}"/>`;
    }
    case 'map': return renderMap(element, state);
  }
}

export interface RenderedBody { body: string; defs: string; patterns: Set<FillPattern> }

/** A page's drawing without the SVG wrapper, for placing several pages on one sheet. */
export function renderPageBody(page: PageModel, prefix = 'p0-'): RenderedBody {
  const state: RenderState = { prefix, patterns: new Set(), clips: [], counter: 0 };
  const parts = [`<rect width="${number(page.width)}" height="${number(page.height)}" fill="${INKS.white}"/>`];
  for (const element of page.elements) parts.push(renderElement(element, state));
  if (page.watermark) {
    const size = Math.min(page.width, page.height) * 0.28;
    parts.push(`<text font-family="${FONT_FAMILY}" font-size="${number(size)}" font-weight="bold" fill="none" stroke="${INKS.black}" stroke-width="1" text-anchor="middle" x="${number(page.width / 2)}" y="${number(page.height / 2 + size * 0.35)}" transform="rotate(-35 ${number(page.width / 2)} ${number(page.height / 2)})">${escapeXml(page.watermark)}</text>`);
  }
  return { body: parts.join(''), defs: state.clips.join(''), patterns: state.patterns };
}

export function patternDefinitions(patterns: Iterable<FillPattern>): string {
  return [...patterns].sort().map((name) => patternDefinition(name, `zine-pattern-${name}`)).join('');
}

/** An SVG document of `width` × `height` points. */
export function svgDocument(width: number, height: number, defs: string, body: string, title?: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="${number(width)}pt" height="${number(height)}pt" viewBox="0 0 ${number(width)} ${number(height)}">`
    + (title ? `<title>${escapeXml(title)}</title>` : '')
    + (defs ? `<defs>${defs}</defs>` : '') + body + '</svg>\n';
}

/** One page as a standalone SVG document. */
export function renderSvg(page: PageModel): string {
  const rendered = renderPageBody(page);
  return svgDocument(page.width, page.height, patternDefinitions(rendered.patterns) + rendered.defs, rendered.body, page.title);
}
