import type { Point, Polygon } from 'geojson';
import { addVertex, finishParcel, removeLastVertex, type LngLat } from '../map/drawing';

/** The drawing in progress: corners of a parcel, a picked point, or a site's new position. */
export class EditSession {
  vertices = $state.raw<LngLat[]>([]);
  cursor = $state.raw<LngLat | null>(null);
  /** Where a site being moved will go. */
  moveTo = $state.raw<LngLat | null>(null);
  /** A finished point or parcel waiting for the new-site form. */
  draft = $state.raw<Point | Polygon | null>(null);
  message = $state<string | null>(null);

  reset(): void {
    this.vertices = [];
    this.cursor = null;
    this.moveTo = null;
    this.draft = null;
    this.message = null;
  }

  pickPoint(lngLat: LngLat): void {
    this.draft = { type: 'Point', coordinates: [lngLat[0], lngLat[1]] };
  }

  addCorner(lngLat: LngLat): void {
    this.vertices = addVertex(this.vertices, lngLat);
    this.message = null;
  }

  undo(): void {
    this.vertices = removeLastVertex(this.vertices);
  }

  /** Close the parcel; on success it becomes the draft, otherwise `message` says why not. */
  finish(): boolean {
    const result = finishParcel(this.vertices);
    if (!result.ok) {
      this.message = result.message;
      return false;
    }
    this.draft = result.polygon;
    this.vertices = [];
    this.cursor = null;
    this.message = null;
    return true;
  }
}
