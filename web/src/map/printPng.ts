/**
 * The current map view as a PNG at print resolution: 300 dots per inch at the chosen paper
 * size, drawn by an offscreen map with the live map's style, sources and camera, so the
 * screen's map is never resized. Portrait or landscape follows the shape of the view. The
 * sources' credits ("© OpenStreetMap contributors" under an OSM basemap) are printed in the
 * bottom-right corner, as the screen shows them.
 */
import type { Map as MapLibreMap } from 'maplibre-gl';
import { addMarkerImages } from './markerImages';
import { printAttribution } from './printAttribution';
import type { DomainStyle } from './styles/domainColours';

export const PRINT_DPI = 300;
/** Paper sizes in millimetres, portrait. */
export const PRINT_PAPERS = { a4: { label: 'A4', width: 210, height: 297 }, letter: { label: 'Letter', width: 215.9, height: 279.4 } } as const;
export type PrintPaper = keyof typeof PRINT_PAPERS;

/** The PNG's size in pixels: the paper at 300 dpi, landscape when the view is wider than tall. */
export function printPixels(paper: PrintPaper, landscape: boolean): { width: number; height: number } {
  const size = PRINT_PAPERS[paper];
  const short = Math.round((size.width / 25.4) * PRINT_DPI);
  const long = Math.round((size.height / 25.4) * PRINT_DPI);
  return landscape ? { width: long, height: short } : { width: short, height: long };
}

/** CSS pixels are 1/96 inch: 300 dpi is this many device pixels to each. */
const RATIO = PRINT_DPI / 96;
/** The credit's type size: 9 pt at 300 dpi (8 pt is the least a photocopy keeps legible). */
const CREDIT_PIXELS = Math.round((9 / 72) * PRINT_DPI);

/** The credit on a white box in the bottom-right corner. */
function drawCredit(context: CanvasRenderingContext2D, credit: string, width: number, height: number): void {
  const padding = Math.round(CREDIT_PIXELS * 0.35);
  context.font = `${CREDIT_PIXELS}px 'Noto Sans', 'Liberation Sans', sans-serif`;
  const textWidth = Math.ceil(context.measureText(credit).width);
  const boxWidth = Math.min(width, textWidth + padding * 2);
  const boxHeight = Math.round(CREDIT_PIXELS * 1.5);
  context.fillStyle = '#ffffff';
  context.fillRect(width - boxWidth, height - boxHeight, boxWidth, boxHeight);
  context.fillStyle = '#000000';
  context.textAlign = 'right';
  context.textBaseline = 'alphabetic';
  context.fillText(credit, width - padding, height - Math.round(CREDIT_PIXELS * 0.42), width - padding * 2);
}

export async function renderPrintPng(map: MapLibreMap, domains: readonly DomainStyle[], paper: PrintPaper): Promise<Blob> {
  const view = map.getContainer();
  const { width, height } = printPixels(paper, view.clientWidth > view.clientHeight);
  const container = document.createElement('div');
  // Whole CSS pixels at least as large as the paper; the few extra device pixels are cropped.
  Object.assign(container.style, { position: 'fixed', left: '-100000px', top: '0', width: `${Math.ceil(width / RATIO)}px`, height: `${Math.ceil(height / RATIO)}px`, visibility: 'hidden' });
  document.body.appendChild(container);
  const bounds = map.getBounds();
  const style = map.getStyle();
  const credit = printAttribution(Object.entries(style.sources).map(([id, source]) => {
    const loaded = map.getSource(id) as { attribution?: string } | undefined;
    return loaded?.attribution ?? ('attribution' in source ? source.attribution : undefined);
  }));
  const { Map: OffscreenMap } = await import('maplibre-gl');
  const offscreen = new OffscreenMap({
    container,
    style,
    bounds: [bounds.getWest(), bounds.getSouth(), bounds.getEast(), bounds.getNorth()],
    bearing: map.getBearing(),
    pixelRatio: RATIO,
    maxCanvasSize: [8192, 8192],
    interactive: false,
    attributionControl: false,
    fadeDuration: 0,
    canvasContextAttributes: { preserveDrawingBuffer: true },
  });
  try {
    offscreen.on('styleimagemissing', (event) => {
      if (event.id.startsWith('kudzu-')) addMarkerImages(offscreen, domains);
    });
    await new Promise<void>((done, fail) => {
      offscreen.once('load', () => addMarkerImages(offscreen, domains));
      offscreen.once('error', (event) => fail(event.error));
      offscreen.once('idle', () => done());
    });
    const source = offscreen.getCanvas();
    const page = document.createElement('canvas');
    page.width = width;
    page.height = height;
    const context = page.getContext('2d');
    if (!context) throw new Error('this browser cannot draw the PNG');
    context.fillStyle = '#ffffff';
    context.fillRect(0, 0, width, height);
    context.drawImage(source, Math.floor((source.width - width) / 2), Math.floor((source.height - height) / 2), width, height, 0, 0, width, height);
    if (credit) drawCredit(context, credit, width, height);
    return await new Promise<Blob>((done, fail) => page.toBlob((blob) => (blob ? done(blob) : fail(new Error('the PNG could not be made'))), 'image/png'));
  } finally {
    offscreen.remove();
    container.remove();
  }
}
