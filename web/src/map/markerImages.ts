/**
 * Draws each domain's marker on a canvas (shape in its colour, dark outline, the domain's
 * letter) and hands it to MapLibre, so a marker reads in colour and in greyscale alike.
 */
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { MarkerShape } from '$shared/taxonomy/domains';
import { MARKER_OUTLINE, letterColour, markerGeometry, markerPath, MARKER_SHAPES } from '$shared/map/markers';
import { APPROXIMATE_IMAGE, UNKNOWN_MARKER_IMAGE, markerImageName, type DomainStyle } from './styles/domainColours';

/** Marker radius in CSS pixels. */
export const MARKER_RADIUS = 13;
const PIXEL_RATIO = 2;
export const MARKER_FONT = '"Noto Sans", "Liberation Sans", Arial, sans-serif';

function canvas(size: number): { canvas: HTMLCanvasElement; context: CanvasRenderingContext2D } {
  const element = document.createElement('canvas');
  element.width = size;
  element.height = size;
  const context = element.getContext('2d');
  if (!context) throw new Error('this browser cannot draw on a canvas');
  return { canvas: element, context };
}

function asShape(shape: string): MarkerShape {
  return (MARKER_SHAPES as readonly string[]).includes(shape) ? (shape as MarkerShape) : 'circle';
}

/** One marker as image data at twice the CSS size. */
export function drawMarker(shape: string, colour: string, letter: string, radius = MARKER_RADIUS): ImageData {
  const r = radius * PIXEL_RATIO;
  const pad = 3 * PIXEL_RATIO;
  const size = Math.ceil(2 * r * 1.2 + 2 * pad);
  const centre: [number, number] = [size / 2, size / 2];
  const { context } = canvas(size);
  const geometry = markerGeometry(asShape(shape));
  const path = new Path2D(markerPath(asShape(shape), r, centre));
  if (geometry.rings.length > 1) {
    // The ring's open centre is filled white so the letter reads on it.
    context.fillStyle = '#ffffff';
    context.fill(new Path2D(markerPath(asShape(shape), r * 0.98, centre).split(' Z')[0] + ' Z'));
  }
  context.fillStyle = colour;
  context.fill(path, geometry.fillRule);
  context.lineJoin = 'round';
  context.lineWidth = 2.2 * PIXEL_RATIO;
  context.strokeStyle = MARKER_OUTLINE;
  context.stroke(path);
  const textColour = geometry.rings.length > 1 ? '#111111' : letterColour(colour);
  const fontSize = Math.round(r * geometry.letterSize);
  context.font = `700 ${fontSize}px ${MARKER_FONT}`;
  context.textAlign = 'center';
  context.textBaseline = 'middle';
  const x = centre[0] + geometry.letterCentre[0] * r;
  const y = centre[1] + geometry.letterCentre[1] * r + fontSize * 0.05;
  if (textColour === '#ffffff') {
    context.lineWidth = 2.5 * PIXEL_RATIO;
    context.strokeStyle = 'rgba(0,0,0,0.55)';
    context.strokeText(letter, x, y);
  }
  context.fillStyle = textColour;
  context.fillText(letter, x, y);
  return context.getImageData(0, 0, size, size);
}

/** The dashed ring drawn around a site whose shown location is approximate. */
export function drawApproximateRing(radius = MARKER_RADIUS * 1.75): ImageData {
  const r = radius * PIXEL_RATIO;
  const size = Math.ceil(2 * r + 8 * PIXEL_RATIO);
  const { context } = canvas(size);
  context.beginPath();
  context.arc(size / 2, size / 2, r, 0, Math.PI * 2);
  context.fillStyle = 'rgba(255,255,255,0.45)';
  context.fill();
  context.setLineDash([5 * PIXEL_RATIO, 4 * PIXEL_RATIO]);
  context.lineWidth = 2.5 * PIXEL_RATIO;
  context.strokeStyle = '#222222';
  context.stroke();
  return context.getImageData(0, 0, size, size);
}

/** Wait for the bold UI font so marker letters are drawn in it rather than a fallback. */
export async function loadMarkerFont(): Promise<void> {
  try {
    await document.fonts.load(`700 20px ${MARKER_FONT}`);
  } catch {
    // A fallback font still draws a readable letter.
  }
}

/** Add (or replace) every domain's marker and the approximate-location ring. */
export function addMarkerImages(map: MapLibreMap, domains: readonly DomainStyle[]): void {
  const put = (name: string, image: ImageData) => {
    if (map.hasImage(name)) map.updateImage(name, image);
    else map.addImage(name, image, { pixelRatio: PIXEL_RATIO });
  };
  for (const domain of domains) put(markerImageName(domain.id), drawMarker(domain.shape, domain.colour, domain.letter));
  put(UNKNOWN_MARKER_IMAGE, drawMarker('circle', '#9e9e9e', '?'));
  put(APPROXIMATE_IMAGE, drawApproximateRing());
}
