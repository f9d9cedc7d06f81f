import { describe, expect, it } from 'vitest';
import { bookletOrder, imposeSheets, MINI_ZINE_ORDER, paddedPageCount } from '../../../shared/zine/impose';
import { PAPER_SIZES, pageSize } from '../../../shared/zine/paper';

describe('saddle-stitch booklet imposition', () => {
  it('puts the back and the cover on the outside of the outer sheet and the middle pages on the inside of the inner one', () => {
    // Pages counted from 0: [7, 0] is "8 | 1", the classic outer side.
    expect(bookletOrder(8)).toEqual([[7, 0], [1, 6], [5, 2], [3, 4]]);
  });

  it('pads the page count to a multiple of four with blanks at the end', () => {
    expect(paddedPageCount(6)).toBe(8);
    expect(paddedPageCount(8)).toBe(8);
    expect(paddedPageCount(9)).toBe(12);
    expect(bookletOrder(6)).toEqual([[null, 0], [1, null], [5, 2], [3, 4]]);
  });

  it('prints every page exactly once, each side two half-sheets wide', () => {
    const sides = imposeSheets(12, 'booklet', 'a4');
    expect(sides).toHaveLength(6);
    expect(sides.flatMap((side) => side.pages.map((slot) => slot.page)).sort((a, b) => (a ?? 0) - (b ?? 0))).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(sides[0].size).toEqual({ width: PAPER_SIZES.a4.height, height: PAPER_SIZES.a4.width });
    expect(sides[0].pages[1].x).toBeCloseTo(pageSize('a4', 'booklet').width);
  });
});

describe('one-sheet mini-zine imposition', () => {
  it('lays the top row upside down as 5 4 3 2 and the bottom row as 6 7 back cover', () => {
    expect(MINI_ZINE_ORDER.top.map((page) => page + 1)).toEqual([5, 4, 3, 2]);
    expect(MINI_ZINE_ORDER.bottom.map((page) => page + 1)).toEqual([6, 7, 8, 1]);
    const [sheet] = imposeSheets(8, 'mini', 'letter');
    expect(sheet.pages.filter((slot) => slot.rotated).map((slot) => slot.page)).toEqual([4, 3, 2, 1]);
    expect(sheet.pages.filter((slot) => !slot.rotated).map((slot) => slot.page)).toEqual([5, 6, 7, 0]);
  });

  it('uses one landscape side of the paper in eight equal panels and marks the cut across the two middle panels', () => {
    const [sheet, ...more] = imposeSheets(8, 'mini', 'a4');
    expect(more).toHaveLength(0);
    const panel = pageSize('a4', 'mini');
    expect(sheet.size.width).toBeCloseTo(panel.width * 4);
    expect(sheet.size.height).toBeCloseTo(panel.height * 2);
    expect(sheet.size.width).toBeGreaterThan(sheet.size.height);
    expect(sheet.cuts).toEqual([[panel.width, panel.height, panel.width * 3, panel.height]]);
  });
});

describe('pages layout', () => {
  it('prints one page per portrait sheet in reading order', () => {
    const sides = imposeSheets(8, 'pages', 'letter');
    expect(sides.map((side) => side.pages[0].page)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(sides[0].size).toEqual({ width: 612, height: 792 });
  });
});
