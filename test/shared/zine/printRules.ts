/**
 * Print rules read off the SVG itself: what a photocopier would do to each colour, line
 * and letter. Used by the zine tests on every page and sheet.
 */
import { textWidth } from '../../../shared/zine/textMetrics';

export interface SvgTag { name: string; attributes: Record<string, string>; text: string }

/** Every element with its attributes (and, for text, its tspans' own positions and words). */
export function svgTags(svg: string): SvgTag[] {
  const tags: SvgTag[] = [];
  const pattern = /<([a-zA-Z]+)((?:\s+[a-zA-Z:-]+="[^"]*")*)\s*\/?>(?:([^<]*))?/g;
  for (const match of svg.matchAll(pattern)) {
    const attributes: Record<string, string> = {};
    for (const attribute of match[2].matchAll(/([a-zA-Z:-]+)="([^"]*)"/g)) attributes[attribute[1]] = attribute[2];
    tags.push({ name: match[1], attributes, text: match[3] ?? '' });
  }
  return tags;
}

const SPOT_RED = '#e4002b';

/** Ink a colour puts on paper, 0 for white to 1 for black; null for a colour that is not grey. */
function greyCoverage(colour: string): number | null {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(colour);
  if (!match) return null;
  const [r, g, b] = [match[1], match[2], match[3]].map((hex) => parseInt(hex, 16));
  if (r !== g || g !== b) return null;
  return 1 - r / 255;
}

/** Every way the SVG breaks the print rules, in words; empty when it keeps them all. */
export function printRuleViolations(svg: string, options: { red: boolean; bounds?: { width: number; height: number } }): string[] {
  const problems: string[] = [];
  const tags = svgTags(svg);
  let textContext: { size: number; bold: boolean; anchor: string } | null = null;
  for (const tag of tags) {
    const { attributes } = tag;
    for (const key of ['fill', 'stroke', 'color', 'stop-color']) {
      const value = attributes[key];
      if (value === undefined || value === 'none' || value.startsWith('url(#')) continue;
      const lower = value.toLowerCase();
      if (lower === SPOT_RED) {
        if (!options.red) problems.push(`spot red in <${tag.name} ${key}> though red is off`);
        continue;
      }
      const coverage = greyCoverage(lower);
      if (coverage === null) problems.push(`<${tag.name}> ${key}="${value}" is neither black, white, grey nor the spot red`);
      else if (coverage !== 0 && coverage !== 1 && (coverage < 0.2 || coverage > 0.8)) problems.push(`<${tag.name}> ${key}="${value}" is a ${Math.round(coverage * 100)} % grey (outside 20–80 %)`);
    }
    for (const key of ['opacity', 'fill-opacity', 'stroke-opacity']) {
      if (attributes[key] !== undefined && Number(attributes[key]) < 1) problems.push(`<${tag.name}> has ${key}="${attributes[key]}" (makes a grey)`);
    }
    if (attributes.stroke !== undefined && attributes.stroke !== 'none') {
      const width = attributes['stroke-width'] === undefined ? 1 : Number(attributes['stroke-width']);
      if (!(width >= 0.5)) problems.push(`<${tag.name}> line of ${width} pt (under 0.5 pt)`);
    }
    if (tag.name === 'text') {
      const size = Number(attributes['font-size']);
      if (!(size >= 8)) problems.push(`text of ${attributes['font-size']} pt (under 8 pt): “${tag.text}”`);
      textContext = { size, bold: attributes['font-weight'] === 'bold', anchor: attributes['text-anchor'] ?? 'start' };
    }
    const words = tag.text;
    if (options.bounds && textContext && (tag.name === 'text' || tag.name === 'tspan') && attributes.x !== undefined && words.trim() !== '') {
      const width = textWidth(words.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'"), textContext.size, textContext.bold);
      const x = Number(attributes.x);
      const left = textContext.anchor === 'middle' ? x - width / 2 : textContext.anchor === 'end' ? x - width : x;
      const y = Number(attributes.y);
      if (!attributes.transform && (left < -0.5 || left + width > options.bounds.width + 0.5 || y < 0 || y > options.bounds.height)) {
        problems.push(`text runs off the page at (${Math.round(left)}, ${Math.round(y)}), ${Math.round(width)} pt wide: “${words.slice(0, 40)}”`);
      }
    }
  }
  return problems;
}
