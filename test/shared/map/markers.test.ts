import { describe, expect, it } from 'vitest';
import { DOMAINS } from '../../../shared/taxonomy/domains';
import { MARKER_SHAPES, letterColour, luminance, markerBounds, markerGeometry, markerPath } from '../../../shared/map/markers';
import { signedArea } from '../../../web/src/map/drawing';

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

describe('marker shapes', () => {
  it.each(MARKER_SHAPES)('the %s fits the unit box and encloses an area', (shape) => {
    const [minX, minY, maxX, maxY] = markerBounds(shape);
    for (const value of [minX, minY, maxX, maxY]) expect(Math.abs(value)).toBeLessThanOrEqual(1.15);
    expect(maxX - minX).toBeGreaterThan(1.4);
    expect(maxY - minY).toBeGreaterThan(1.4);
    expect(Math.abs(signedArea(markerGeometry(shape).rings[0].map(([x, y]) => [x, y])))).toBeGreaterThan(1);
  });

  it.each(MARKER_SHAPES)('the %s keeps its letter inside the shape', (shape) => {
    const { letterCentre, letterSize } = markerGeometry(shape);
    expect(Math.abs(letterCentre[0])).toBeLessThan(0.5);
    expect(Math.abs(letterCentre[1])).toBeLessThan(0.5);
    expect(letterSize).toBeGreaterThan(0.6);
  });

  it('writes a closed SVG path scaled and moved to where it is drawn', () => {
    const path = markerPath('square', 10, [12, 12]);
    expect(path).toBe('M3.8 3.8 L20.2 3.8 L20.2 20.2 L3.8 20.2 Z');
  });

  it('gives the ring a hole, so it reads differently from the circle in black and white', () => {
    expect(markerGeometry('ring').rings).toHaveLength(2);
    expect(markerGeometry('ring').fillRule).toBe('evenodd');
    expect(markerGeometry('circle').rings).toHaveLength(1);
  });
});

describe('domain markers read without colour', () => {
  it('gives every domain its own shape and its own letter', () => {
    expect(new Set(DOMAINS.map((d) => d.shape)).size).toBe(DOMAINS.length);
    expect(new Set(DOMAINS.map((d) => d.letter)).size).toBe(DOMAINS.length);
  });

  it.each(DOMAINS.map((d) => [d.label, d.colour] as const))('draws the %s letter with enough contrast on its fill', (_label, colour) => {
    expect(contrast(letterColour(colour), colour)).toBeGreaterThanOrEqual(4.5);
  });

  it('puts a dark letter on light fills and a white one on dark fills', () => {
    expect(letterColour('#f9a825')).toBe('#111111');
    expect(letterColour('#1565c0')).toBe('#ffffff');
  });
});
