/** Printed sheet sides as SVG: pages placed by the imposition, cut lines marked. */
import { imposeSheets } from './impose';
import type { Layout, Paper } from './paper';
import type { FillPattern, PageModel } from './pageModel';
import { FONT_FAMILY, INKS, patternDefinitions, renderPageBody, svgDocument } from './renderSvg';

const number = (value: number) => String(Math.round(value * 100) / 100);

interface SheetParts { width: number; height: number; body: string; defs: string; patterns: Set<FillPattern> }

function sheetParts(pages: readonly PageModel[], layout: Layout, paper: Paper): SheetParts[] {
  return imposeSheets(pages.length, layout, paper).map((side, sideIndex) => {
    const patterns = new Set<FillPattern>();
    const defs: string[] = [];
    const bodies: string[] = [`<rect width="${number(side.size.width)}" height="${number(side.size.height)}" fill="${INKS.white}"/>`];
    side.pages.forEach((slot, slotIndex) => {
      if (slot.page === null) return;
      const page = pages[slot.page];
      const rendered = renderPageBody(page, `s${sideIndex}p${slotIndex}-`);
      for (const pattern of rendered.patterns) patterns.add(pattern);
      defs.push(rendered.defs);
      const transform = slot.rotated
        ? `translate(${number(slot.x + page.width)} ${number(slot.y + page.height)}) rotate(180)`
        : `translate(${number(slot.x)} ${number(slot.y)})`;
      bodies.push(`<g transform="${transform}">${rendered.body}</g>`);
    });
    for (const [x1, y1, x2, y2] of side.cuts) {
      bodies.push(`<path d="M${number(x1)} ${number(y1)} L${number(x2)} ${number(y2)}" fill="none" stroke="${INKS.black}" stroke-width="0.75" stroke-dasharray="6 3"/>`);
      bodies.push(`<rect x="${number((x1 + x2) / 2 - 45)}" y="${number(y1 - 5)}" width="90" height="10" fill="${INKS.white}"/>`);
      bodies.push(`<text font-family="${FONT_FAMILY}" font-size="8" fill="${INKS.black}" text-anchor="middle" x="${number((x1 + x2) / 2)}" y="${number(y1 + 2.8)}">cut along the dashes</text>`);
    }
    return { width: side.size.width, height: side.size.height, body: bodies.join(''), defs: defs.join(''), patterns };
  });
}

/** One SVG per printed sheet side, in print order, each `width` × `height` points. */
export function renderSheets(pages: readonly PageModel[], layout: Layout, paper: Paper, title?: string): { svg: string; width: number; height: number }[] {
  return sheetParts(pages, layout, paper).map((sheet) => ({
    svg: svgDocument(sheet.width, sheet.height, patternDefinitions(sheet.patterns) + sheet.defs, sheet.body, title),
    width: sheet.width,
    height: sheet.height,
  }));
}

/** Every sheet side in one SVG file, one below the other with a gap between. */
export function renderStackedSheets(pages: readonly PageModel[], layout: Layout, paper: Paper, title?: string): string {
  const sheets = sheetParts(pages, layout, paper);
  const gap = 18;
  const width = Math.max(...sheets.map((sheet) => sheet.width));
  const patterns = new Set<FillPattern>();
  let y = 0;
  const bodies: string[] = [];
  for (const sheet of sheets) {
    for (const pattern of sheet.patterns) patterns.add(pattern);
    bodies.push(`<g transform="translate(0 ${number(y)})">${sheet.body}<rect width="${number(sheet.width)}" height="${number(sheet.height)}" fill="none" stroke="${INKS.black}" stroke-width="0.5"/></g>`);
    y += sheet.height + gap;
  }
  return svgDocument(width, y - gap, patternDefinitions(patterns) + sheets.map((sheet) => sheet.defs).join(''), bodies.join(''), title);
}
