import { describe, expect, it } from 'vitest';
import type { Polygon, Position } from 'geojson';
import { analyseFoodAccess, analysisPlane, type AccessArea } from '../../../shared/access/analyseFoodAccess';
import { buildWalkingNetwork } from '../../../shared/network/buildWalkingNetwork';

/** Streets every 0.001° (about 88 m east–west, 111 m north–south) over a small patch of a city. */
function streetGrid(): Position[][] {
  const lines: Position[][] = [];
  for (let i = 0; i <= 10; i++) {
    lines.push(Array.from({ length: 11 }, (_, j) => [-122.43 + i * 0.001, 37.76 + j * 0.001]));
    lines.push(Array.from({ length: 11 }, (_, j) => [-122.43 + j * 0.001, 37.76 + i * 0.001]));
  }
  return lines;
}

function square(west: number, south: number, size: number, population: number): AccessArea {
  const geometry: Polygon = { type: 'Polygon', coordinates: [[[west, south], [west + size, south], [west + size, south + size], [west, south + size], [west, south]]] };
  return { geometry, population, lowIncome: null, urban: null };
}

const sources: Position[] = [[-122.4285, 37.7613], [-122.4237, 37.7671]];
const options = { cellSize: 50, threshold: 400, mode: 'walk' as const };

describe('analyseFoodAccess with a prebuilt walking network', () => {
  const streets = streetGrid();
  const network = buildWalkingNetwork(streets);

  it('gives exactly the same walking distances as an analysis that builds its own, for areas on different planes', () => {
    const westSide = [square(-122.4295, 37.7605, 0.004, 800), square(-122.4255, 37.7605, 0.003, 500)];
    const eastSide = [square(-122.4240, 37.7640, 0.005, 1200)];
    for (const areas of [westSide, eastSide, westSide]) {
      const prebuilt = analyseFoodAccess(areas, sources, { ...options, network });
      const ownBuild = analyseFoodAccess(areas, sources, { ...options, streets });
      expect(prebuilt.distance).toEqual(ownBuild.distance);
      expect(prebuilt.areas).toEqual(ownBuild.areas);
      prebuilt.distance.forEach((walking, cell) => expect(walking).toBeGreaterThanOrEqual(prebuilt.straightDistance[cell]));
    }
  });

  it('walks within a micrometre of a network built on the analysis plane itself', () => {
    const areas = [square(-122.4240, 37.7640, 0.005, 1200)];
    const prebuilt = analyseFoodAccess(areas, sources, { ...options, network });
    const onAnalysisPlane = analyseFoodAccess(areas, sources, { ...options, network: buildWalkingNetwork(streets, { plane: analysisPlane(areas) }) });
    expect(prebuilt.distance.every(Number.isFinite)).toBe(true);
    prebuilt.distance.forEach((walking, cell) => expect(walking).toBeCloseTo(onAnalysisPlane.distance[cell], 6));
  });

  it('uses the network it is given rather than the street lines alongside it', () => {
    const areas = [square(-122.4295, 37.7605, 0.004, 800)];
    const withOnlyOneStreet = analyseFoodAccess(areas, sources, { ...options, network, streets: [streets[0]] });
    expect(withOnlyOneStreet.distance).toEqual(analyseFoodAccess(areas, sources, { ...options, network }).distance);
  });
});
