import type { FontFacesSpecification, MLFontFace } from 'maplibre-gl';
import unicodeRanges from '@fontsource/noto-sans/unicode.json';

/** The font stacks our layers and the Protomaps basemap layers name. */
export const FONT_REGULAR = 'Noto Sans Regular';
export const FONT_MEDIUM = 'Noto Sans Medium';
const FONT_ITALIC = 'Noto Sans Italic';
export const FONT_BOLD = 'Noto Sans Bold';

const SUBSETS = ['latin', 'latin-ext', 'greek', 'cyrillic', 'cyrillic-ext', 'vietnamese'] as const;

const STACK_FILES: Record<string, { weight: number; style: 'normal' | 'italic' }> = {
  [FONT_REGULAR]: { weight: 400, style: 'normal' },
  [FONT_MEDIUM]: { weight: 500, style: 'normal' },
  [FONT_ITALIC]: { weight: 400, style: 'italic' },
  [FONT_BOLD]: { weight: 700, style: 'normal' },
};

/**
 * `font-faces` pointing every font stack at the Noto Sans files Kudzu serves itself, so map
 * labels render with no glyph server and no internet.
 *
 * @param fontsBase absolute URL of the font folder, e.g. `http://127.0.0.1:8787/fonts`
 */
export function localFontFaces(fontsBase: string): FontFacesSpecification {
  const base = fontsBase.replace(/\/+$/, '');
  const ranges = unicodeRanges as Record<string, string>;
  const faces: FontFacesSpecification = {};
  for (const [stack, { weight, style }] of Object.entries(STACK_FILES)) {
    faces[stack] = SUBSETS.map((subset): MLFontFace => ({
      url: `${base}/noto-sans-${subset}-${weight}-${style}.woff2`,
      'unicode-range': ranges[subset].split(',').map((range) => range.trim()),
    }));
  }
  return faces;
}
