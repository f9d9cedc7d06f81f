/**
 * SVG sheets to one vector PDF (pdfkit + svg-to-pdfkit), with the fonts embedded: Noto Sans
 * from the npm package (or ../shared/data/fonts), else Liberation Sans from the system.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import PDFDocument from 'pdfkit';
import SVGtoPDF from 'svg-to-pdfkit';

interface FontFiles { regular: string; bold: string; name: string }

let cachedFonts: FontFiles | null | undefined;

/** The font files to embed, found once per process. */
export function zineFonts(): FontFiles | null {
  if (cachedFonts !== undefined) return cachedFonts;
  const candidates: FontFiles[] = [];
  try {
    const require = createRequire(import.meta.url);
    const files = join(dirname(require.resolve('@fontsource/noto-sans/package.json')), 'files');
    candidates.push({ name: 'Noto Sans', regular: join(files, 'noto-sans-latin-400-normal.woff'), bold: join(files, 'noto-sans-latin-700-normal.woff') });
  } catch {
    // not installed: try the shared data and the system fonts below
  }
  const shared = resolve(process.cwd(), '../shared/data/fonts');
  candidates.push({ name: 'Noto Sans', regular: join(shared, 'noto-sans-latin-400-normal.woff'), bold: join(shared, 'noto-sans-latin-700-normal.woff') });
  for (const folder of ['/usr/share/fonts/truetype/liberation', '/usr/share/fonts/truetype/liberation2']) {
    candidates.push({ name: 'Liberation Sans', regular: join(folder, 'LiberationSans-Regular.ttf'), bold: join(folder, 'LiberationSans-Bold.ttf') });
  }
  cachedFonts = candidates.find((fonts) => existsSync(fonts.regular) && existsSync(fonts.bold)) ?? null;
  return cachedFonts;
}

export interface PdfSheet { svg: string; width: number; height: number }

/** Sheets (each an SVG in points) as the pages of one PDF. */
export async function svgToPdf(sheets: readonly PdfSheet[], metadata: { title: string; subject?: string }): Promise<Buffer> {
  const fonts = zineFonts();
  const doc = new PDFDocument({ autoFirstPage: false, compress: true, info: { Title: metadata.title, Subject: metadata.subject ?? '', Creator: 'Kudzu', Producer: 'Kudzu', CreationDate: new Date(0) } });
  if (fonts) {
    doc.registerFont('zine-regular', fonts.regular);
    doc.registerFont('zine-bold', fonts.bold);
  }
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<void>((done, fail) => {
    doc.on('end', () => done());
    doc.on('error', fail);
  });
  for (const sheet of sheets) {
    doc.addPage({ size: [sheet.width, sheet.height], margin: 0 });
    SVGtoPDF(doc, sheet.svg, 0, 0, {
      width: sheet.width, height: sheet.height, assumePt: true, preserveAspectRatio: 'xMinYMin meet',
      fontCallback: (_family, bold) => (fonts ? (bold ? 'zine-bold' : 'zine-regular') : bold ? 'Helvetica-Bold' : 'Helvetica'),
      warningCallback: () => {},
    });
  }
  doc.end();
  await finished;
  return Buffer.concat(chunks);
}
