import type { MultiPolygon, Polygon } from 'geojson';
import Papa from 'papaparse';
import type { AreaAccess } from './classifyAreas';
import { USDA_LILA_MEASURES, USDA_THRESHOLDS, type UsdaAreaAccess } from './usdaFoodAccess';

/** One row of the per-area table: values are numbers, or null for an empty cell. */
export type AccessTableRow = Record<string, string | number | null>;

export interface AccessTable {
  readonly columns: string[];
  readonly rows: AccessTableRow[];
}

/** The per-area table for one threshold: population, beyond, share, low_access and (with income flags) lila. */
export function accessTable(idColumn: string, ids: readonly string[], areas: readonly AreaAccess[], withLowIncome: boolean): AccessTable {
  const columns = [idColumn, 'population', 'beyond', 'share', 'low_access', ...(withLowIncome ? ['lila'] : [])];
  const rows = areas.map((area, index) => {
    const row: AccessTableRow = { [idColumn]: ids[index], ...accessCells(area, '') };
    if (withLowIncome) row.lila = flag(area.lowIncomeLowAccess);
    return row;
  });
  return { columns, rows };
}

/**
 * The per-area table in USDA mode: beyond, share and low_access at each Atlas distance
 * (applied to every area), then the three low-income-low-access measures.
 */
export function usdaAccessTable(idColumn: string, ids: readonly string[], areas: readonly UsdaAreaAccess[]): AccessTable {
  const columns = [
    idColumn,
    'population',
    ...USDA_THRESHOLDS.flatMap(({ label }) => [`beyond_${label}`, `share_${label}`, `low_access_${label}`]),
    ...USDA_LILA_MEASURES.map(({ label }) => `lila_${label}`),
  ];
  const rows = areas.map((area, index) => {
    const row: AccessTableRow = { [idColumn]: ids[index], population: roundPeople(area.population) };
    for (const { label } of USDA_THRESHOLDS) Object.assign(row, accessCells(area.byThreshold[label], `_${label}`));
    for (const { label } of USDA_LILA_MEASURES) row[`lila_${label}`] = flag(area.lowIncomeLowAccess[label]);
    return row;
  });
  return { columns, rows };
}

function accessCells(area: AreaAccess, suffix: string): AccessTableRow {
  const cells: AccessTableRow = {
    [`beyond${suffix}`]: roundPeople(area.beyond),
    [`share${suffix}`]: area.share === null ? null : Math.round(area.share * 10_000) / 10_000,
    [`low_access${suffix}`]: flag(area.lowAccess),
  };
  return suffix === '' ? { population: roundPeople(area.population), ...cells } : cells;
}

/** People are spread over cells as fractions; a tenth of a person is precision enough to show. */
function roundPeople(value: number | null): number | null {
  return value === null ? null : Math.round(value * 10) / 10;
}

function flag(value: boolean | null): number | null {
  return value === null ? null : value ? 1 : 0;
}

/** The table as CSV, one row per area, empty cells for unknowns: what `kudzu access --out x.csv` writes and the app downloads. */
export function accessTableCsv(table: AccessTable): string {
  const data = table.rows.map((row) => table.columns.map((column) => row[column] ?? ''));
  return Papa.unparse({ fields: table.columns, data }, { newline: '\n' }) + '\n';
}

/** The table as GeoJSON: each area's polygon with its row as properties. */
export function accessTableGeoJson(table: AccessTable, geometries: readonly (Polygon | MultiPolygon)[]): string {
  const features = geometries.map((geometry, index) => ({ type: 'Feature', geometry, properties: table.rows[index] }));
  return JSON.stringify({ type: 'FeatureCollection', features });
}
