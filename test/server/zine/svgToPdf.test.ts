import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { printableText, svgToPdf } from '../../../server/zine/svgToPdf';

/** One A6 sheet whose only text is `line`. */
function sheetSaying(line: string) {
  return { width: 298, height: 420, svg: `<svg xmlns="http://www.w3.org/2000/svg" width="298" height="420" viewBox="0 0 298 420"><text x="20" y="60" font-family="Noto Sans" font-size="12">${line}</text></svg>` };
}

describe('turning a zine sheet into a PDF', () => {
  it('prints a tally that moved as "9 -> 12" when the embedded font has no arrow, never as an empty box', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'kudzu-pdf-'));
    try {
      const path = join(folder, 'arrow.pdf');
      writeFileSync(path, await svgToPdf([sheetSaying('conflicts mediated by peers: 9 → 12')], { title: 'arrow' }));
      const text = execFileSync('pdftotext', [path, '-'], { encoding: 'utf8' });
      expect(text).toMatch(/conflicts mediated by peers: 9 (→|->) 12/);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('keeps a character the font draws, and swaps only the ones it lacks', () => {
    const svg = '<text>9 → 12, at least ≥ 50 %</text>';
    expect(printableText(svg, () => true)).toBe(svg);
    expect(printableText(svg, (codePoint) => codePoint !== 0x2192)).toBe('<text>9 -> 12, at least ≥ 50 %</text>');
  });
});
