/**
 * The page model: everything a printed page shows, in points at print size, with no notion
 * of what the page is for. `renderSvg` turns it into SVG; the zine's pages and the time
 * capsule's map are both built from it.
 */
import type { MarkerShape, PatternName } from '../taxonomy/domains';

/** The only inks: black and white, the optional spot red, and black-on-white patterns. */
export type Ink = 'black' | 'white' | 'red';
export type FillPattern = PatternName | 'water';
export type Paint = Ink | 'none' | { pattern: FillPattern };

export type LonLat = readonly [number, number];

export interface Stroke {
  ink: Ink;
  /** Points at print size. */
  width: number;
  dash?: readonly number[];
}

export interface TextElement {
  kind: 'text';
  /** Where the first line's baseline starts (or is centred / ends, by `anchor`). */
  x: number;
  y: number;
  lines: readonly string[];
  size: number;
  lineHeight?: number;
  bold?: boolean;
  ink?: Ink;
  anchor?: 'start' | 'middle' | 'end';
}

export interface RectElement {
  kind: 'rect';
  x: number;
  y: number;
  width: number;
  height: number;
  fill: Paint;
  stroke?: Stroke;
}

export interface PathElement {
  kind: 'path';
  /** SVG path data in page points. */
  d: string;
  fill: Paint;
  stroke?: Stroke;
  fillRule?: 'nonzero' | 'evenodd';
}

export interface SymbolElement {
  kind: 'symbol';
  shape: MarkerShape;
  letter: string;
  x: number;
  y: number;
  radius: number;
}

/** A QR code as its module matrix, drawn as black squares. */
export interface QrElement {
  kind: 'qr';
  x: number;
  y: number;
  size: number;
  modules: readonly (readonly boolean[])[];
}

/** A feature on a map, in longitude/latitude. */
export interface MapFeature {
  geometry: 'line' | 'polygon';
  /** Lines, or polygon rings (outer first; evenodd holes). */
  parts: readonly (readonly LonLat[])[];
  fill?: Paint;
  stroke?: Stroke;
}

export interface MapSymbol {
  position: LonLat;
  shape: MarkerShape;
  letter: string;
  /** Shown less exactly to protect people: drawn with a dashed ring. */
  approximate: boolean;
  label?: string;
  /** Higher first; labels that would collide with an earlier one are dropped. */
  priority: number;
}

/** A free label (a street name, a place), placed centred on its position when it fits. */
export interface MapLabel {
  position: LonLat;
  text: string;
  priority: number;
  size?: number;
  italic?: boolean;
}

export interface MapElement {
  kind: 'map';
  x: number;
  y: number;
  width: number;
  height: number;
  /** [west, south, east, north] fitted into the frame (centred, aspect kept). */
  extent: readonly [number, number, number, number];
  features: readonly MapFeature[];
  symbols: readonly MapSymbol[];
  labels?: readonly MapLabel[];
  /** Points; the radius of each site symbol. */
  symbolRadius: number;
  labelSize: number;
  scaleBar?: boolean;
  northArrow?: boolean;
  /** Credit printed in the corner, e.g. "© OpenStreetMap contributors". */
  attribution?: string;
  frame?: Stroke;
}

export type PageElement = TextElement | RectElement | PathElement | SymbolElement | QrElement | MapElement;

export interface PageModel {
  width: number;
  height: number;
  elements: readonly PageElement[];
  /** A large diagonal word across the page (e.g. DRAFT), drawn as an outline. */
  watermark?: string;
  /** Title for the SVG document (read by screen readers). */
  title?: string;
}
