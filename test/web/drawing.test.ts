import { describe, expect, it } from 'vitest';
import type { Polygon } from 'geojson';
import { addVertex, edgesCross, finishParcel, moveGeometry, removeLastVertex, signedArea, sketchFeatures, type LngLat } from '../../web/src/map/drawing';

const square: LngLat[] = [[-35, 42], [-34.999, 42], [-34.999, 42.001], [-35, 42.001]];

describe('drawing a parcel', () => {
  it('adds a corner per click but only one for the two clicks of a double-click', () => {
    let corners = addVertex([], [-35, 42]);
    corners = addVertex(corners, [-34.999, 42]);
    corners = addVertex(corners, [-34.999, 42]);
    expect(corners).toEqual([[-35, 42], [-34.999, 42]]);
  });

  it('undoes the last corner', () => {
    expect(removeLastVertex(square)).toEqual(square.slice(0, 3));
  });

  it('closes the corners into a counter-clockwise polygon ring', () => {
    const clockwise = [...square].reverse();
    const result = finishParcel(clockwise);
    expect(result.ok).toBe(true);
    const ring = (result as { polygon: Polygon }).polygon.coordinates[0];
    expect(ring).toHaveLength(5);
    expect(ring[0]).toEqual(ring[4]);
    expect(signedArea(ring.slice(0, -1))).toBeGreaterThan(0);
  });

  it('refuses fewer than three corners and says how many there are', () => {
    expect(finishParcel(square.slice(0, 2))).toEqual({ ok: false, message: 'a parcel needs at least 3 corners; you have placed 2' });
  });

  it('refuses a bow-tie whose edges cross', () => {
    const bowTie: LngLat[] = [square[0], square[2], square[1], square[3]];
    expect(edgesCross(bowTie)).toBe(true);
    const result = finishParcel(bowTie);
    expect(result.ok).toBe(false);
    expect((result as { message: string }).message).toMatch(/cross/);
  });

  it('refuses corners on one line', () => {
    expect(finishParcel([[-35, 42], [-34.999, 42], [-34.998, 42]]).ok).toBe(false);
  });

  it('shows the corners, the outline to the cursor and a preview fill while drawing', () => {
    const features = sketchFeatures(square.slice(0, 2), square[2]).features;
    expect(features.map((f) => f.geometry.type)).toEqual(['Point', 'Point', 'LineString', 'Polygon']);
  });
});

describe('moving a site', () => {
  it('puts a point where it was dropped', () => {
    expect(moveGeometry({ type: 'Point', coordinates: [-35, 42] }, [-35, 42], [-34.9, 42.1])).toEqual({ type: 'Point', coordinates: [-34.9, 42.1] });
  });

  it('shifts every corner of a parcel by the handle’s offset', () => {
    const parcel: Polygon = { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 0]]] };
    expect(moveGeometry(parcel, [0.5, 0.5], [1.5, 0.25]).coordinates[0]).toEqual([[1, -0.25], [2, -0.25], [2, 0.75], [1, -0.25]]);
  });
});
