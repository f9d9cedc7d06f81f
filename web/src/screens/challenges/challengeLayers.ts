import type { CircleLayerSpecification, ExpressionSpecification, SymbolLayerSpecification } from 'maplibre-gl';
import type { Feature, FeatureCollection, Point } from 'geojson';

/** The bold red of the headline challenge, everywhere it is shown. */
export const HEADLINE_RED = '#c4001a';

export const CHALLENGES_SOURCE = 'audit-challenges';
export const AUDIT_SITES_SOURCE = 'audit-sites';

export interface ChallengePoint { id: string; title: string; status: string; headline: boolean; point: [number, number] | null }
export interface AuditSitePoint { id: string; name: string; domain: string; status: string; change: 'opened' | 'closed' | 'same'; point: [number, number] | null }

export function challengesGeojson(challenges: readonly ChallengePoint[]): FeatureCollection<Point> {
  return {
    type: 'FeatureCollection',
    features: challenges.filter((challenge) => challenge.point !== null).map((challenge): Feature<Point> => ({
      type: 'Feature',
      id: challenge.id,
      geometry: { type: 'Point', coordinates: challenge.point as [number, number] },
      properties: { id: challenge.id, title: challenge.title, status: challenge.status, headline: challenge.headline ? 1 : 0 },
    })),
  } as FeatureCollection<Point>;
}

export function auditSitesGeojson(sites: readonly AuditSitePoint[]): FeatureCollection<Point> {
  return {
    type: 'FeatureCollection',
    features: sites.filter((site) => site.point !== null).map((site): Feature<Point> => ({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: site.point as [number, number] },
      properties: { id: site.id, name: site.name, domain: site.domain, status: site.status, change: site.change },
    })),
  } as FeatureCollection<Point>;
}

const isHeadline: ExpressionSpecification = ['==', ['get', 'headline'], 1];

/** Challenges: a ringed dot, the headline larger and in bold red with its title. */
export function challengeLayers(): (CircleLayerSpecification | SymbolLayerSpecification)[] {
  return [
    {
      id: 'challenge-points', type: 'circle', source: CHALLENGES_SOURCE,
      // The headline is drawn last, on top of any challenge at the same place.
      layout: { 'circle-sort-key': ['case', isHeadline, 1, 0] },
      paint: {
        'circle-radius': ['case', isHeadline, 14, 9],
        'circle-color': ['case', isHeadline, HEADLINE_RED, ['match', ['get', 'status'], 'solved', '#2e7d32', 'claimed', '#1d5fa8', '#7a4b00']],
        'circle-stroke-color': '#ffffff',
        'circle-stroke-width': ['case', isHeadline, 4, 2.5],
      },
    },
    {
      id: 'challenge-labels', type: 'symbol', source: CHALLENGES_SOURCE,
      layout: {
        'text-field': ['get', 'title'],
        'text-font': ['Noto Sans Bold'],
        'text-size': ['case', isHeadline, 17, 13],
        'text-offset': [0, 1.4],
        'text-anchor': 'top',
        'text-max-width': 14,
        'symbol-sort-key': ['case', isHeadline, 0, 1],
      },
      paint: {
        'text-color': ['case', isHeadline, HEADLINE_RED, '#3b2a00'],
        'text-halo-color': '#ffffff',
        'text-halo-width': 2,
      },
    },
  ];
}

/** Sites as they were at an audit: domain-coloured dots; opened since the last audit ringed green, closed ringed grey. */
export function auditSiteLayers(colours: ExpressionSpecification | string): CircleLayerSpecification[] {
  return [{
    id: 'audit-site-points', type: 'circle', source: AUDIT_SITES_SOURCE,
    paint: {
      'circle-radius': ['match', ['get', 'change'], 'same', 5, 7],
      'circle-color': ['case', ['==', ['get', 'status'], 'closed'], '#9e9e9e', colours] as ExpressionSpecification,
      'circle-stroke-color': ['match', ['get', 'change'], 'opened', '#00a651', 'closed', '#424242', '#ffffff'],
      'circle-stroke-width': ['match', ['get', 'change'], 'same', 1.5, 3.5],
      'circle-opacity': ['case', ['==', ['get', 'status'], 'closed'], 0.6, 0.95],
    },
  }];
}
