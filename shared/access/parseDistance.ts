import { KudzuError } from '../errors';

const METRES_PER_UNIT: Record<string, number> = {
  m: 1, metre: 1, metres: 1, meter: 1, meters: 1,
  km: 1000, kilometre: 1000, kilometres: 1000, kilometer: 1000, kilometers: 1000,
  mi: 1609.344, mile: 1609.344, miles: 1609.344,
  ft: 0.3048, foot: 0.3048, feet: 0.3048,
  yd: 0.9144, yard: 0.9144, yards: 0.9144,
};

/**
 * Reads a distance with its unit ("0.5mi", "800 m", "1.2 km", "500ft") as metres.
 * A bare number is refused: "0.5" could be miles or kilometres, and guessing wrong
 * silently changes who counts as having low access.
 */
export function parseDistance(text: string, field = 'distance'): number {
  const match = /^\s*(\d+(?:\.\d+)?|\.\d+)\s*([a-z]*)\s*$/i.exec(text);
  if (!match) {
    throw new KudzuError('BAD_INPUT', `${field}: "${text}" is not a distance; write a number and a unit, e.g. 0.5mi or 800m`, { field });
  }
  const [, amount, unit] = match;
  if (unit === '') {
    throw new KudzuError('BAD_INPUT', `${field}: "${text}" has no unit; write e.g. ${amount}mi, ${amount}km or ${amount}m`, { field });
  }
  const metresPerUnit = METRES_PER_UNIT[unit.toLowerCase()];
  if (metresPerUnit === undefined) {
    throw new KudzuError('BAD_INPUT', `${field}: unknown unit "${unit}" in "${text}"; use m, km, mi, ft or yd`, { field });
  }
  const metres = Number(amount) * metresPerUnit;
  if (!(metres > 0)) throw new KudzuError('BAD_INPUT', `${field}: "${text}" must be greater than zero`, { field });
  return metres;
}

/** A short label for a distance in the unit it was most likely given in ("0.5mi", "800m"). */
export function formatDistance(metres: number): string {
  const miles = metres / METRES_PER_UNIT.mi;
  if (Math.abs(miles * 4 - Math.round(miles * 4)) < 1e-9) return `${Number(miles.toFixed(2))}mi`;
  if (metres >= 1000 && Math.abs(metres / 100 - Math.round(metres / 100)) < 1e-9) return `${metres / 1000}km`;
  return `${Number(metres.toFixed(1))}m`;
}
