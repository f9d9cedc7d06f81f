/**
 * The network's own area: its districts (the area its audits cover), else its
 * neighbourhoods. Blocks and tracts are population layers and may reach far beyond it.
 * The map opens on it; places far outside it are asked about (see farFromArea.ts).
 */
import type { MultiPolygon, Polygon } from 'geojson';
import type { BBox } from './bbox';
import { bboxOf } from './bbox';

export interface AreaLike {
  name: string;
  kind: string;
  geometry: Polygon | MultiPolygon;
}

/** The areas that make up the network's area: its districts, else its neighbourhoods, else none. */
export function networkAreas<T extends AreaLike>(areas: readonly T[]): T[] {
  const districts = areas.filter((area) => area.kind === 'district');
  return districts.length > 0 ? districts : areas.filter((area) => area.kind === 'neighbourhood');
}

/** The box around the network's area, or null when it has none. */
export function networkBounds(areas: readonly AreaLike[]): BBox | null {
  const chosen = networkAreas(areas);
  if (chosen.length === 0) return null;
  const boxes = chosen.map((area) => bboxOf(area.geometry));
  return [Math.min(...boxes.map((b) => b[0])), Math.min(...boxes.map((b) => b[1])), Math.max(...boxes.map((b) => b[2])), Math.max(...boxes.map((b) => b[3]))];
}
