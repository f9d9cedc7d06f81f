/** Paper sizes and the page each layout prints on, in PostScript points (1/72 inch). */
export const PAPERS = ['a4', 'letter'] as const;
export type Paper = (typeof PAPERS)[number];

export const LAYOUTS = ['pages', 'booklet', 'mini'] as const;
export type Layout = (typeof LAYOUTS)[number];

export interface Size { width: number; height: number }

const MM = 72 / 25.4;

/** A sheet of paper held portrait. */
export const PAPER_SIZES: Record<Paper, Size> = {
  a4: { width: 210 * MM, height: 297 * MM },
  letter: { width: 8.5 * 72, height: 11 * 72 },
};

/**
 * The size of one zine page as it will be printed: the whole sheet for `pages`, half the
 * sheet for the folded `booklet`, one of the eight panels for the `mini` zine. Pages are laid
 * out at this size, so type and line sizes are the printed sizes.
 */
export function pageSize(paper: Paper, layout: Layout): Size {
  const sheet = PAPER_SIZES[paper];
  switch (layout) {
    case 'pages': return sheet;
    case 'booklet': return { width: sheet.height / 2, height: sheet.width };
    case 'mini': return { width: sheet.height / 4, height: sheet.width / 2 };
  }
}
