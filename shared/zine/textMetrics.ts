/**
 * Text widths without a font engine: a per-character estimate for Noto Sans (a little wide on
 * purpose, so wrapped text never runs past its box when the real font is drawn).
 */
const NARROW = new Set([...'il.,:;!|\'`ijtfr()[]{} ']);
const WIDE = new Set([...'mwMW@%&']);

function characterWidth(character: string, bold: boolean): number {
  let width: number;
  if (NARROW.has(character)) width = character === ' ' ? 0.27 : 0.3;
  else if (WIDE.has(character)) width = 0.9;
  else if (/[A-Z]/.test(character)) width = 0.68;
  else if (/[0-9]/.test(character)) width = 0.58;
  else width = 0.57;
  return bold ? width * 1.07 : width;
}

/** Estimated width of `text` at `size` points. */
export function textWidth(text: string, size: number, bold = false): number {
  let em = 0;
  for (const character of text) em += characterWidth(character, bold);
  return em * size;
}

const ELLIPSIS = '…';

/** Cut `text` so it fits `width`, ending with an ellipsis when anything was cut. */
export function truncate(text: string, width: number, size: number, bold = false): string {
  if (textWidth(text, size, bold) <= width) return text;
  const characters = [...text];
  while (characters.length > 0 && textWidth(characters.join('') + ELLIPSIS, size, bold) > width) characters.pop();
  return characters.join('').trimEnd() + ELLIPSIS;
}

/** `text` shortened as needed so that it and a final ellipsis fit `width`. */
function endWithEllipsis(text: string, width: number, size: number, bold: boolean): string {
  const characters = [...text.trimEnd()];
  while (characters.length > 0 && textWidth(characters.join('') + ELLIPSIS, size, bold) > width) characters.pop();
  return characters.join('').trimEnd() + ELLIPSIS;
}

/**
 * Wrap `text` into lines no wider than `width`; with `maxLines`, the last line ends in an
 * ellipsis when text is left over. A word longer than a line is cut.
 */
export function wrapText(text: string, width: number, size: number, options: { bold?: boolean; maxLines?: number } = {}): string[] {
  const bold = options.bold ?? false;
  const maxLines = options.maxLines ?? Infinity;
  if (maxLines <= 0) return [];
  const lines: string[] = [];
  const paragraphs = text.replace(/\r\n?/g, '\n').split('\n');
  let overflow = false;
  for (const paragraph of paragraphs) {
    const words = paragraph.split(/\s+/).filter((word) => word !== '');
    let line = '';
    for (const word of words) {
      const candidate = line === '' ? word : `${line} ${word}`;
      if (textWidth(candidate, size, bold) <= width) { line = candidate; continue; }
      if (line !== '') lines.push(line);
      line = textWidth(word, size, bold) <= width ? word : truncate(word, width, size, bold);
    }
    lines.push(line);
    if (lines.length > maxLines) { overflow = true; break; }
  }
  while (lines.length > 1 && lines[lines.length - 1] === '' && lines.length > maxLines) lines.pop();
  if (lines.length > maxLines) overflow = true;
  if (!overflow) return lines;
  const kept = lines.slice(0, maxLines);
  const last = kept[kept.length - 1];
  kept[kept.length - 1] = endWithEllipsis(last, width, size, bold);
  return kept;
}
