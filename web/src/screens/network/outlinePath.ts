import type { AreaGeometry } from '$shared/schemas/geometry';

/**
 * An SVG path of an outline fitted into a width × height box: longitude scaled by the cosine
 * of the middle latitude so the shape is not squashed. Winding does not matter here (d3-geo
 * would read a counter-clockwise ring as the whole globe minus the polygon).
 */
export function outlinePath(geometry: AreaGeometry, width: number, height: number, margin = 6): string {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  const positions = polygons.flat(2);
  const lons = positions.map((p) => p[0]);
  const lats = positions.map((p) => p[1]);
  const [west, east, south, north] = [Math.min(...lons), Math.max(...lons), Math.min(...lats), Math.max(...lats)];
  const squash = Math.cos((((south + north) / 2) * Math.PI) / 180);
  const spanX = Math.max((east - west) * squash, 1e-9);
  const spanY = Math.max(north - south, 1e-9);
  const scale = Math.min((width - 2 * margin) / spanX, (height - 2 * margin) / spanY);
  const offsetX = (width - spanX * scale) / 2;
  const offsetY = (height - spanY * scale) / 2;
  const point = (p: number[]) => `${(offsetX + (p[0] - west) * squash * scale).toFixed(1)},${(offsetY + (north - p[1]) * scale).toFixed(1)}`;
  return polygons.map((polygon) => polygon.map((ring) => `M${ring.map(point).join('L')}Z`).join('')).join('');
}
