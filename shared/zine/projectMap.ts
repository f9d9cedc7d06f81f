/** Web Mercator fitted into a frame on the page, and the scale bar's round lengths. */
import type { LonLat } from './pageModel';

export interface MapProjection {
  project(position: LonLat): [number, number];
  /** Ground metres per page point at the centre of the frame. */
  metresPerPoint: number;
}

const EARTH_RADIUS = 6378137;

function mercator([longitude, latitude]: LonLat): [number, number] {
  const clamped = Math.max(-85, Math.min(85, latitude));
  const x = (longitude * Math.PI) / 180;
  const y = Math.log(Math.tan(Math.PI / 4 + (clamped * Math.PI) / 360));
  return [x, y];
}

/** Fit `extent` into the frame, centred, keeping its shape. */
export function projectMap(frame: { x: number; y: number; width: number; height: number }, extent: readonly [number, number, number, number]): MapProjection {
  const [west, south, east, north] = extent;
  const [minX, minY] = mercator([west, south]);
  const [maxX, maxY] = mercator([east, north]);
  const spanX = Math.max(maxX - minX, 1e-9);
  const spanY = Math.max(maxY - minY, 1e-9);
  const scale = Math.min(frame.width / spanX, frame.height / spanY);
  const centreX = (minX + maxX) / 2;
  const centreY = (minY + maxY) / 2;
  const frameCentreX = frame.x + frame.width / 2;
  const frameCentreY = frame.y + frame.height / 2;
  const centreLatitude = (Math.atan(Math.sinh(centreY)) * 180) / Math.PI;
  return {
    project(position) {
      const [x, y] = mercator(position);
      return [frameCentreX + (x - centreX) * scale, frameCentreY - (y - centreY) * scale];
    },
    metresPerPoint: (EARTH_RADIUS * Math.cos((centreLatitude * Math.PI) / 180)) / scale,
  };
}

const METRE_STEPS = [5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10000, 20000, 50000];
const FOOT_STEPS = [10, 20, 50, 100, 200, 250, 500, 1000, 2000, 2640, 5280, 10560, 26400, 52800];
const FOOT = 0.3048;

export interface ScaleLength { ground: number; label: string; points: number }

/** The longest round length (metres, and feet or miles) that fits in `maxPoints`. */
export function scaleLengths(metresPerPoint: number, maxPoints: number): { metres: ScaleLength; feet: ScaleLength } {
  const pick = (steps: number[], unitMetres: number) => {
    let best = steps[0];
    for (const step of steps) if ((step * unitMetres) / metresPerPoint <= maxPoints) best = step;
    return best;
  };
  const metres = pick(METRE_STEPS, 1);
  const feet = pick(FOOT_STEPS, FOOT);
  return {
    metres: { ground: metres, label: metres >= 1000 ? `${metres / 1000} km` : `${metres} m`, points: metres / metresPerPoint },
    feet: {
      ground: feet,
      label: feet >= 2640 ? `${feet / 5280 === 0.5 ? '½' : feet / 5280} mi` : `${feet} ft`,
      points: (feet * FOOT) / metresPerPoint,
    },
  };
}
