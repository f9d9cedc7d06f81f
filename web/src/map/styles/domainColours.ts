import type { ExpressionSpecification } from 'maplibre-gl';

export interface DomainStyle {
  id: string;
  label: string;
  colour: string;
  pattern: string;
  shape: string;
  letter: string;
}

/** A `match` expression giving each domain's colour, grey for anything unknown. */
export function domainColourExpression(domains: readonly DomainStyle[], fallback = '#666666'): ExpressionSpecification | string {
  if (domains.length === 0) return fallback;
  const pairs = domains.flatMap((d) => [d.id, d.colour]);
  return ['match', ['get', 'domain'], ...pairs, fallback] as unknown as ExpressionSpecification;
}

/** The image name of a domain's marker, as added with `map.addImage`. */
export function markerImageName(domain: string): string {
  return `kudzu-marker-${domain}`;
}

export const APPROXIMATE_IMAGE = 'kudzu-approximate';
export const UNKNOWN_MARKER_IMAGE = 'kudzu-marker-unknown';
