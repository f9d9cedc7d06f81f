/**
 * Marker symbols as pure geometry, so the same shapes can be drawn on a canvas for the map,
 * as inline SVG in the legend, and later on a photocopied zine.
 *
 * Every shape lives in a box from -1 to 1 on both axes, y pointing down, centred on the
 * site's position. Shapes are rings of points (curves are approximated), which keeps bounds,
 * hit areas and path strings trivially computable.
 */
import type { MarkerShape } from '../taxonomy/domains';

export type Point = readonly [number, number];
export type Ring = readonly Point[];

export interface MarkerGeometry {
  /** Closed rings; with `evenodd`, inner rings punch holes (the ring shape). */
  rings: Ring[];
  fillRule: 'nonzero' | 'evenodd';
  /** Where the letter sits and how tall it may be, in the same unit box. */
  letterCentre: Point;
  letterSize: number;
}

export const MARKER_SHAPES: readonly MarkerShape[] = [
  'circle', 'square', 'triangle', 'diamond', 'pentagon', 'hexagon', 'star', 'cross', 'ring', 'house', 'drop',
];

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

/** A regular polygon with `sides` corners on a circle of `radius`, first corner at `startAngle` (radians, 0 = east). */
export function regularPolygon(sides: number, radius: number, startAngle = -Math.PI / 2, centre: Point = [0, 0]): Ring {
  const points: Point[] = [];
  for (let i = 0; i < sides; i++) {
    const angle = startAngle + (i * 2 * Math.PI) / sides;
    points.push([round(centre[0] + radius * Math.cos(angle)), round(centre[1] + radius * Math.sin(angle))]);
  }
  return points;
}

/** A star with `points` tips, alternating between the outer and inner radius. */
export function starPolygon(points: number, outer: number, inner: number): Ring {
  const result: Point[] = [];
  for (let i = 0; i < points * 2; i++) {
    const radius = i % 2 === 0 ? outer : inner;
    const angle = -Math.PI / 2 + (i * Math.PI) / points;
    result.push([round(radius * Math.cos(angle)), round(radius * Math.sin(angle))]);
  }
  return result;
}

function dropRing(): Ring {
  // A teardrop pointing up: a round belly centred a little below the middle and a tip at the top.
  const centre: Point = [0, 0.28];
  const radius = 0.72;
  const points: Point[] = [[0, -1]];
  const tangentAngle = Math.asin(radius / (centre[1] + 1)); // where the straight sides meet the belly
  const start = -Math.PI / 2 + (Math.PI / 2 - tangentAngle);
  const end = Math.PI + Math.PI / 2 - (Math.PI / 2 - tangentAngle);
  const steps = 28;
  for (let i = 0; i <= steps; i++) {
    const angle = start + ((end - start) * i) / steps;
    points.push([round(centre[0] + radius * Math.cos(angle)), round(centre[1] + radius * Math.sin(angle))]);
  }
  return points;
}

export function markerGeometry(shape: MarkerShape): MarkerGeometry {
  switch (shape) {
    case 'circle':
      return { rings: [regularPolygon(40, 0.92)], fillRule: 'nonzero', letterCentre: [0, 0], letterSize: 1.05 };
    case 'square':
      return { rings: [[[-0.82, -0.82], [0.82, -0.82], [0.82, 0.82], [-0.82, 0.82]]], fillRule: 'nonzero', letterCentre: [0, 0], letterSize: 1.05 };
    case 'triangle':
      return { rings: [regularPolygon(3, 1.12, -Math.PI / 2, [0, 0.22])], fillRule: 'nonzero', letterCentre: [0, 0.34], letterSize: 0.78 };
    case 'diamond':
      return { rings: [regularPolygon(4, 1, -Math.PI / 2)], fillRule: 'nonzero', letterCentre: [0, 0], letterSize: 0.85 };
    case 'pentagon':
      return { rings: [regularPolygon(5, 0.98, -Math.PI / 2, [0, 0.05])], fillRule: 'nonzero', letterCentre: [0, 0.08], letterSize: 0.95 };
    case 'hexagon':
      return { rings: [regularPolygon(6, 0.96, 0)], fillRule: 'nonzero', letterCentre: [0, 0], letterSize: 1.0 };
    case 'star':
      return { rings: [starPolygon(5, 1.05, 0.56)], fillRule: 'nonzero', letterCentre: [0, 0.06], letterSize: 0.7 };
    case 'cross': {
      const a = 0.36;
      const b = 0.95;
      return {
        rings: [[[-a, -b], [a, -b], [a, -a], [b, -a], [b, a], [a, a], [a, b], [-a, b], [-a, a], [-b, a], [-b, -a], [-a, -a]]],
        fillRule: 'nonzero', letterCentre: [0, 0], letterSize: 0.72,
      };
    }
    case 'ring':
      // A thick band: the letter sits in the open centre, dark on the light hole.
      return { rings: [regularPolygon(40, 0.95), regularPolygon(40, 0.55)], fillRule: 'evenodd', letterCentre: [0, 0], letterSize: 0.8 };
    case 'house':
      return {
        rings: [[[0, -1], [0.98, -0.16], [0.78, -0.16], [0.78, 0.9], [-0.78, 0.9], [-0.78, -0.16], [-0.98, -0.16]]],
        fillRule: 'nonzero', letterCentre: [0, 0.3], letterSize: 0.95,
      };
    case 'drop':
      return { rings: [dropRing()], fillRule: 'nonzero', letterCentre: [0, 0.3], letterSize: 0.9 };
  }
}

/** An SVG/Path2D path string for a shape, scaled to `radius` and moved to `centre`. */
export function markerPath(shape: MarkerShape, radius = 1, centre: Point = [0, 0]): string {
  return markerGeometry(shape).rings
    .map((ring) => ring.map(([x, y], i) => `${i === 0 ? 'M' : 'L'}${round(centre[0] + x * radius)} ${round(centre[1] + y * radius)}`).join(' ') + ' Z')
    .join(' ');
}

/** The box a shape covers, [minX, minY, maxX, maxY], in the unit box. */
export function markerBounds(shape: MarkerShape): [number, number, number, number] {
  const points = markerGeometry(shape).rings.flat();
  return [
    Math.min(...points.map((p) => p[0])), Math.min(...points.map((p) => p[1])),
    Math.max(...points.map((p) => p[0])), Math.max(...points.map((p) => p[1])),
  ];
}

/** Relative luminance of a `#rrggbb` colour (WCAG), 0 for black to 1 for white. */
export function luminance(hex: string): number {
  const match = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!match) return 0;
  const channel = (h: string) => {
    const c = parseInt(h, 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(match[1]) + 0.7152 * channel(match[2]) + 0.0722 * channel(match[3]);
}

/** The letter colour that stands out on a fill: near-black on light fills, white on dark ones. */
export function letterColour(fill: string): '#111111' | '#ffffff' {
  // Contrast against white vs against near-black; pick the larger.
  const l = luminance(fill);
  const withWhite = 1.05 / (l + 0.05);
  const withBlack = (l + 0.05) / (luminance('#111111') + 0.05);
  return withBlack > withWhite ? '#111111' : '#ffffff';
}

/** Outline colour for every marker: dark, so the shape reads on a photocopy. */
export const MARKER_OUTLINE = '#141414';
