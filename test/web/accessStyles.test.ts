import { describe, expect, it } from 'vitest';
import { EMPTY_COLLECTION, styleProblems } from './styleProblems';
import { slotLayers } from '../../web/src/map/styles/sketchLayers';
import {
  ACCESS_BANDS, ACCESS_BEST_SOURCE, ACCESS_CELLS_SOURCE, ACCESS_SOURCES_SOURCE, ACCESS_WHATIF_SOURCE,
  accessBand, accessCellFeatures, accessCellLayers, accessOverlayLayers, accessPointFeatures, accessSource, hatchPattern,
} from '../../web/src/map/styles/access';

const empty = EMPTY_COLLECTION;

describe('the food-access layer style', () => {
  it('is a valid MapLibre style together with the plain background', () => {
    expect(styleProblems({
      [ACCESS_CELLS_SOURCE]: accessSource(empty), [ACCESS_WHATIF_SOURCE]: accessSource(empty),
      [ACCESS_SOURCES_SOURCE]: accessSource(empty), [ACCESS_BEST_SOURCE]: accessSource(empty),
    }, [...slotLayers(), ...accessCellLayers(), ...accessOverlayLayers()])).toEqual([]);
  });

  it('puts a distance within the threshold, up to twice it, and beyond (or unreachable) in three bands', () => {
    expect(accessBand(0, 800)).toBe('within');
    expect(accessBand(800, 800)).toBe('within');
    expect(accessBand(801, 800)).toBe('near');
    expect(accessBand(1600, 800)).toBe('near');
    expect(accessBand(1601, 800)).toBe('beyond');
    expect(accessBand(null, 800)).toBe('beyond');
  });

  it('reads in black and white: the bands get lighter to darker greys, and only the farthest is hatched', () => {
    const lightness = ACCESS_BANDS.map((band) => {
      const [r, g, b] = [1, 3, 5].map((i) => parseInt(band.fill.slice(i, i + 2), 16));
      expect(r === g && g === b).toBe(true);
      return r;
    });
    expect(lightness[0]).toBeGreaterThan(lightness[1]);
    expect(lightness[1]).toBeGreaterThan(lightness[2]);
    expect(ACCESS_BANDS.map((band) => band.hatched)).toEqual([false, false, true]);
    expect(accessCellLayers().find((layer) => layer.id === 'access-cells-hatch')).toMatchObject({ filter: ['==', ['get', 'band'], 'beyond'] });
  });

  it('draws each cell as a square around its centre, carrying its band', () => {
    const cells = accessCellFeatures({ lon: [10], lat: [50], population: [12], distance: [1700] }, [0.001, 0.0005], 800);
    expect(cells.features[0].geometry.coordinates[0]).toEqual([[9.999, 49.9995], [10.001, 49.9995], [10.001, 50.0005], [9.999, 50.0005], [9.999, 49.9995]]);
    expect(cells.features[0].properties).toEqual({ band: 'beyond', population: 12, distance: 1700 });
  });

  it('labels best sites with their rank', () => {
    const points = accessPointFeatures([{ lon: 1, lat: 2, label: '1', people: 640 }]);
    expect(points.features[0]).toMatchObject({ geometry: { coordinates: [1, 2] }, properties: { label: '1', people: 640 } });
  });

  it('hatches with diagonal lines: a tile whose opaque pixels lie on the diagonals and cover a fraction of it', () => {
    const { width, height, data } = hatchPattern(8, 1.6);
    expect(data.length).toBe(width * height * 4);
    let opaque = 0;
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        if (data[(y * width + x) * 4 + 3] > 0) {
          opaque++;
          expect(Math.min((x + y) % 8, 8 - ((x + y) % 8))).toBeLessThanOrEqual(1);
        }
      }
    }
    expect(opaque).toBe(24);
  });
});
