/**
 * SVG sheets to one vector PDF (pdfkit + svg-to-pdfkit), with the fonts embedded: Noto Sans
 * from the npm package (or ../shared/data/fonts), else Liberation Sans from the system.
 */
import { existsSync, readFileSync } from 'node:fs';
import { inflateSync } from 'node:zlib';
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

/**
 * A WOFF 1.0 font unpacked to the plain TrueType/OpenType it wraps, so the PDF library does
 * not inflate its tables again for every document. Other files are returned as they are.
 */
export function unpackWoff(bytes: Buffer): Buffer {
  if (bytes.readUInt32BE(0) !== 0x774f4646) return bytes; // 'wOFF'
  const flavor = bytes.readUInt32BE(4);
  const count = bytes.readUInt16BE(12);
  const tables: { tag: number; checksum: number; data: Buffer }[] = [];
  for (let i = 0; i < count; i++) {
    const entry = 44 + i * 20;
    const offset = bytes.readUInt32BE(entry + 4);
    const compressed = bytes.readUInt32BE(entry + 8);
    const length = bytes.readUInt32BE(entry + 12);
    const raw = bytes.subarray(offset, offset + compressed);
    tables.push({ tag: bytes.readUInt32BE(entry), checksum: bytes.readUInt32BE(entry + 16), data: compressed < length ? inflateSync(raw) : raw });
  }
  let searchRange = 1;
  let selector = 0;
  while (searchRange * 2 <= count) { searchRange *= 2; selector++; }
  const header = Buffer.alloc(12 + count * 16);
  header.writeUInt32BE(flavor, 0);
  header.writeUInt16BE(count, 4);
  header.writeUInt16BE(searchRange * 16, 6);
  header.writeUInt16BE(selector, 8);
  header.writeUInt16BE(count * 16 - searchRange * 16, 10);
  const bodies: Buffer[] = [];
  let offset = header.length;
  tables.forEach((table, i) => {
    const padded = Buffer.alloc(Math.ceil(table.data.length / 4) * 4);
    table.data.copy(padded);
    header.writeUInt32BE(table.tag, 12 + i * 16);
    header.writeUInt32BE(table.checksum, 16 + i * 16);
    header.writeUInt32BE(offset, 20 + i * 16);
    header.writeUInt32BE(table.data.length, 24 + i * 16);
    bodies.push(padded);
    offset += padded.length;
  });
  return Buffer.concat([header, ...bodies]);
}

const unpacked = new Map<string, Buffer>();

function fontBytes(path: string): Buffer {
  let bytes = unpacked.get(path);
  if (!bytes) {
    bytes = unpackWoff(readFileSync(path));
    unpacked.set(path, bytes);
  }
  return bytes;
}

export interface PdfSheet { svg: string; width: number; height: number }

/**
 * Characters the page text uses that a subset font may not carry (Noto Sans's Latin subset has
 * no "→"), each with the plain stand-in printed instead of an empty box.
 */
const STAND_INS: Readonly<Record<string, string>> = { '→': '->', '←': '<-', '≥': '>=', '≤': '<=' };

/** The sheet's text with every character `has` says the font lacks replaced by its stand-in. */
export function printableText(svg: string, has: (codePoint: number) => boolean): string {
  let text = svg;
  for (const [character, standIn] of Object.entries(STAND_INS)) {
    if (text.includes(character) && !has(character.codePointAt(0)!)) text = text.replaceAll(character, standIn);
  }
  return text;
}

/** Whether the embedded font (pdfkit's, through the fontkit font it wraps) draws a code point. */
function glyphsOf(doc: PDFKit.PDFDocument, name: string): (codePoint: number) => boolean {
  doc.font(name);
  const font = (doc as unknown as { _font?: { font?: { hasGlyphForCodePoint?: (codePoint: number) => boolean } } })._font?.font;
  return (codePoint) => font?.hasGlyphForCodePoint?.(codePoint) ?? true;
}

/** Sheets (each an SVG in points) as the pages of one PDF. */
export async function svgToPdf(sheets: readonly PdfSheet[], metadata: { title: string; subject?: string }): Promise<Buffer> {
  const fonts = zineFonts();
  const doc = new PDFDocument({ autoFirstPage: false, compress: true, info: { Title: metadata.title, Subject: metadata.subject ?? '', Creator: 'Kudzu', Producer: 'Kudzu', CreationDate: new Date(0) } });
  let has: (codePoint: number) => boolean = () => true;
  if (fonts) {
    doc.registerFont('zine-regular', fontBytes(fonts.regular));
    doc.registerFont('zine-bold', fontBytes(fonts.bold));
    const regular = glyphsOf(doc, 'zine-regular');
    const bold = glyphsOf(doc, 'zine-bold');
    has = (codePoint) => regular(codePoint) && bold(codePoint);
  }
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<void>((done, fail) => {
    doc.on('end', () => done());
    doc.on('error', fail);
  });
  for (const sheet of sheets) {
    doc.addPage({ size: [sheet.width, sheet.height], margin: 0 });
    SVGtoPDF(doc, printableText(sheet.svg, has), 0, 0, {
      width: sheet.width, height: sheet.height, assumePt: true, preserveAspectRatio: 'xMinYMin meet',
      fontCallback: (_family, bold) => (fonts ? (bold ? 'zine-bold' : 'zine-regular') : bold ? 'Helvetica-Bold' : 'Helvetica'),
      warningCallback: () => {},
    });
  }
  doc.end();
  await finished;
  return Buffer.concat(chunks);
}
