/**
 * Black-on-white fill patterns, one per domain (from the taxonomy) and one for water. Every
 * line is at least 0.6 pt and every tile is open enough not to fill in on a photocopier.
 */
import type { FillPattern } from './pageModel';

const LINE = 0.6;

/** The SVG `<pattern>` for a fill, its tile in page points. */
export function patternDefinition(name: FillPattern, id: string): string {
  const open = (size: number, width = size, height = size) =>
    `<pattern id="${id}" patternUnits="userSpaceOnUse" width="${width}" height="${height}"><rect width="${width}" height="${height}" fill="#ffffff"/>`;
  const line = (d: string) => `<path d="${d}" fill="none" stroke="#000000" stroke-width="${LINE}"/>`;
  switch (name) {
    case 'solid':
      return `${open(4)}<rect width="4" height="4" fill="#000000"/></pattern>`;
    case 'dots':
      return `${open(5)}<circle cx="2.5" cy="2.5" r="0.9" fill="#000000"/></pattern>`;
    case 'diagonal':
      return `${open(5)}${line('M-1 1 L1 -1 M0 5 L5 0 M4 6 L6 4')}</pattern>`;
    case 'cross-hatch':
      return `${open(6)}${line('M0 6 L6 0 M-1 1 L1 -1 M5 7 L7 5 M0 0 L6 6 M-1 5 L1 7 M5 -1 L7 1')}</pattern>`;
    case 'horizontal':
      return `${open(4)}${line('M0 2 L4 2')}</pattern>`;
    case 'vertical':
      return `${open(4)}${line('M2 0 L2 4')}</pattern>`;
    case 'grid':
      return `${open(6)}${line('M0 3 L6 3 M3 0 L3 6')}</pattern>`;
    case 'zigzag':
      return `${open(6)}${line('M0 4.5 L1.5 1.5 L3 4.5 L4.5 1.5 L6 4.5')}</pattern>`;
    case 'checker':
      return `${open(6)}<rect width="3" height="3" fill="#000000"/><rect x="3" y="3" width="3" height="3" fill="#000000"/></pattern>`;
    case 'rings':
      return `${open(7)}<circle cx="3.5" cy="3.5" r="2" fill="none" stroke="#000000" stroke-width="${LINE}"/></pattern>`;
    case 'bricks':
      return `${open(8, 8, 6)}${line('M0 0.3 L8 0.3 M0 3.3 L8 3.3 M2 0.3 L2 3.3 M6 3.3 L6 6')}</pattern>`;
    case 'water':
      return `${open(10, 10, 5)}${line('M0 2.5 Q2.5 0.8 5 2.5 T10 2.5')}</pattern>`;
  }
}
