/**
 * Imposition: which zine page goes where on which printed sheet side. Pages are numbered
 * from 0 (the cover); `null` is a blank.
 */
import { PAPER_SIZES, pageSize, type Layout, type Paper, type Size } from './paper';

export interface PlacedPage {
  /** The zine page, or null for a blank. */
  page: number | null;
  /** Top-left corner of the page's slot on the sheet. */
  x: number;
  y: number;
  /** Upside down (rotated 180° about the slot's centre). */
  rotated: boolean;
}

export interface SheetSide {
  size: Size;
  pages: PlacedPage[];
  /** Cut lines to mark, as [x1, y1, x2, y2]. */
  cuts: [number, number, number, number][];
}

/** Page count padded up to a multiple of four, as a saddle-stitched booklet needs. */
export function paddedPageCount(count: number): number {
  return Math.max(4, Math.ceil(count / 4) * 4);
}

/**
 * Saddle-stitch order: for each printed side, the [left, right] pages. Side 1 of the outer
 * sheet carries the last page and the cover; the sides alternate so that, folded and nested,
 * the pages read in order.
 */
export function bookletOrder(count: number): [number | null, number | null][] {
  const total = paddedPageCount(count);
  const slot = (index: number) => (index < count ? index : null);
  const sides: [number | null, number | null][] = [];
  for (let side = 0; side < total / 2; side++) {
    const low = side;
    const high = total - 1 - side;
    sides.push(side % 2 === 0 ? [slot(high), slot(low)] : [slot(low), slot(high)]);
  }
  return sides;
}

/**
 * The one-sheet mini-zine: a landscape sheet in 2 rows × 4 columns. The top row is printed
 * upside down (pages 5, 4, 3, 2 from the left, counting the cover as 1); the bottom row holds
 * 6, 7, the back cover and the front cover. Folded along the middle and cut along the centre
 * of the two inner panels, it becomes an eight-page booklet.
 */
export const MINI_ZINE_ORDER: { top: number[]; bottom: number[] } = {
  top: [4, 3, 2, 1],
  bottom: [5, 6, 7, 0],
};

export function imposeSheets(pageCount: number, layout: Layout, paper: Paper): SheetSide[] {
  const sheet = PAPER_SIZES[paper];
  const page = pageSize(paper, layout);
  const landscape: Size = { width: sheet.height, height: sheet.width };
  switch (layout) {
    case 'pages':
      return Array.from({ length: pageCount }, (_, index) => ({ size: sheet, pages: [{ page: index, x: 0, y: 0, rotated: false }], cuts: [] }));
    case 'booklet':
      return bookletOrder(pageCount).map(([left, right]) => ({
        size: landscape,
        pages: [{ page: left, x: 0, y: 0, rotated: false }, { page: right, x: page.width, y: 0, rotated: false }],
        cuts: [],
      }));
    case 'mini': {
      const slot = (index: number) => (index < pageCount ? index : null);
      const pages: PlacedPage[] = [
        ...MINI_ZINE_ORDER.top.map((index, column) => ({ page: slot(index), x: column * page.width, y: 0, rotated: true })),
        ...MINI_ZINE_ORDER.bottom.map((index, column) => ({ page: slot(index), x: column * page.width, y: page.height, rotated: false })),
      ];
      return [{ size: landscape, pages, cuts: [[page.width, page.height, 3 * page.width, page.height]] }];
    }
  }
}
