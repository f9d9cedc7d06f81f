import type { GeoJSONSourceSpecification, LayerSpecification } from 'maplibre-gl';
import type { Story, StoryMap } from '$shared/night/story';
import { domainColourExpression, type DomainStyle } from './domainColours';

/**
 * The audit night's constellation: a dark veil over the basemap, every public site a star,
 * the links between groups as faint lines. Which stars are lit is data (a `state` property
 * per star, set for each step), so a step changes only the source's data.
 */
export const NIGHT_VEIL_SOURCE = 'night-veil';
export const NIGHT_STARS_SOURCE = 'night-stars';
export const NIGHT_LINKS_SOURCE = 'night-links';

export const OPENED_COLOUR = '#7ee787';
export const CLOSED_COLOUR = '#ff4d5e';

export type StarState = 'lit' | 'dim' | 'opened' | 'closed';

/** The whole world, to lay the veil over the basemap. */
export function veilData(): GeoJSON.FeatureCollection<GeoJSON.Polygon> {
  return { type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [[[-180, -85], [180, -85], [180, 85], [-180, 85], [-180, -85]]] } }] };
}

/** Every star with its state in this step; closed sites drawn where the previous audit showed them. */
export function starFeatures(story: Story, map: StoryMap): GeoJSON.FeatureCollection<GeoJSON.Point> {
  const lit = new Set(map.lit);
  const opened = new Set(map.opened);
  const closed = new Set(map.closed);
  const stateOf = (id: string): StarState => (opened.has(id) ? 'opened' : map.all || lit.has(id) ? 'lit' : 'dim');
  const features: GeoJSON.Feature<GeoJSON.Point>[] = story.stars.map((star) => ({
    type: 'Feature', properties: { id: star.id, domain: star.domain, state: stateOf(star.id) }, geometry: { type: 'Point', coordinates: star.point },
  }));
  for (const star of story.closedStars) {
    if (closed.has(star.id)) features.push({ type: 'Feature', properties: { id: star.id, domain: star.domain, state: 'closed' }, geometry: { type: 'Point', coordinates: star.point } });
  }
  return { type: 'FeatureCollection', features };
}

export function geojsonSource(data: GeoJSON.FeatureCollection): GeoJSONSourceSpecification {
  return { type: 'geojson', data };
}

/** The veil goes under every slot, so it dims the basemap and nothing else. */
export function nightVeilLayer(opacity = 0.86): LayerSpecification {
  return { id: 'night-veil', type: 'fill', source: NIGHT_VEIL_SOURCE, paint: { 'fill-color': '#000000', 'fill-opacity': opacity } };
}

/** Links faint and thin; stars with a glow in their domain's colour and a white core when lit. */
export function nightLayers(domains: readonly DomainStyle[]): LayerSpecification[] {
  const colour = domainColourExpression(domains, '#ffffff');
  const byState = <T>(lit: T, dim: T, opened: T, closed: T) =>
    ['match', ['get', 'state'], 'lit', lit, 'opened', opened, 'closed', closed, dim] as unknown as number;
  return [
    { id: 'night-links', type: 'line', source: NIGHT_LINKS_SOURCE, paint: { 'line-color': '#cfe8ff', 'line-width': 1.6, 'line-opacity': 0.28 }, layout: { 'line-cap': 'round', visibility: 'none' } },
    {
      id: 'night-star-glow', type: 'circle', source: NIGHT_STARS_SOURCE,
      paint: {
        'circle-radius': byState(16, 6, 24, 24),
        'circle-color': ['match', ['get', 'state'], 'opened', OPENED_COLOUR, 'closed', CLOSED_COLOUR, colour] as unknown as string,
        'circle-blur': 0.9,
        'circle-opacity': byState(0.75, 0.25, 0.9, 0.9),
      },
    },
    {
      id: 'night-star-core', type: 'circle', source: NIGHT_STARS_SOURCE,
      paint: {
        'circle-radius': byState(4.5, 2, 7, 6),
        'circle-color': ['match', ['get', 'state'], 'dim', colour, 'closed', '#000000', '#ffffff'] as unknown as string,
        'circle-opacity': byState(1, 0.55, 1, 1),
        'circle-stroke-width': byState(0, 0, 0, 3),
        'circle-stroke-color': CLOSED_COLOUR,
      },
    },
  ];
}

/** The box around every star (and every closed site), for framing; null with none. */
export function starBounds(story: Story): [[number, number], [number, number]] | null {
  const points = [...story.stars, ...story.closedStars].map((star) => star.point);
  if (points.length === 0) return null;
  const xs = points.map((point) => point[0]);
  const ys = points.map((point) => point[1]);
  return [[Math.min(...xs), Math.min(...ys)], [Math.max(...xs), Math.max(...ys)]];
}
