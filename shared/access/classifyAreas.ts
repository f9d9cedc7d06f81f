/** When an area counts as low access: enough people beyond the threshold, or a large enough share. */
export interface LowAccessRule {
  readonly minimumPeople: number;
  readonly minimumShare: number;
}

/** The Food Access Research Atlas rule: at least 500 people or at least 33 % of the area. */
export const LOW_ACCESS_RULE: LowAccessRule = { minimumPeople: 500, minimumShare: 0.33 };

const ROUNDING_TOLERANCE = 1e-6;

/** Access in one area at one threshold. Null where the area has no population figure. */
export interface AreaAccess {
  readonly population: number | null;
  readonly beyond: number | null;
  readonly share: number | null;
  readonly lowAccess: boolean | null;
  /** Low income and low access; null where the area has no population or no income flag. */
  readonly lowIncomeLowAccess: boolean | null;
}

export interface AreaCells {
  /** Which area each cell's people belong to (-1: none). */
  readonly cellArea: Int32Array;
  readonly population: Float64Array;
}

export interface AreaFacts {
  /** False for an area whose source has no population figure: reported empty, never guessed. */
  readonly hasPopulation: boolean;
  readonly lowIncome: boolean | null;
}

/**
 * Per area: its people, those whose distance to the nearest source is more than the
 * threshold, their share, and the low-access and low-income-low-access flags.
 */
export function classifyAreas(
  areas: readonly AreaFacts[],
  cells: AreaCells,
  distance: Float64Array,
  threshold: number,
  rule: LowAccessRule = LOW_ACCESS_RULE,
): AreaAccess[] {
  const population = new Float64Array(areas.length);
  const beyond = new Float64Array(areas.length);
  const { cellArea } = cells;
  for (let i = 0; i < cellArea.length; i++) {
    const area = cellArea[i];
    if (area < 0) continue;
    population[area] += cells.population[i];
    if (distance[i] > threshold) beyond[area] += cells.population[i];
  }
  return areas.map((facts, area) => classifyArea(facts, population[area], beyond[area], rule));
}

export function classifyArea(facts: AreaFacts, population: number, beyond: number, rule: LowAccessRule = LOW_ACCESS_RULE): AreaAccess {
  if (!facts.hasPopulation) {
    return { population: null, beyond: null, share: null, lowAccess: null, lowIncomeLowAccess: null };
  }
  const share = population > 0 ? beyond / population : null;
  // People are spread over cells as fractions; a tolerance keeps 499.9999999 from missing 500.
  const lowAccess = beyond >= rule.minimumPeople - ROUNDING_TOLERANCE || (share !== null && share >= rule.minimumShare - ROUNDING_TOLERANCE / Math.max(1, population));
  return {
    population,
    beyond,
    share,
    lowAccess,
    lowIncomeLowAccess: facts.lowIncome === null ? null : facts.lowIncome && lowAccess,
  };
}
