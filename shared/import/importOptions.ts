import { z } from 'zod';
import { idSchema, precisionSchema, tierSchema } from '../schemas/common';
import { KudzuError } from '../errors';

const columnSchema = z.string().trim().min(1).max(200).optional();

/** What the person importing chooses: columns, how source types map to function types, tier and precision. */
export const importOptionsSchema = z.object({
  format: z.enum(['geojson', 'csv', 'json', 'kml', 'hsds', 'murmurations', 'osm']).optional(),
  /** OpenStreetMap only: which tagged features to read, "leisure=garden,amenity=food_sharing" (a key alone takes every value). */
  tags: z.string().trim().max(2000).optional(),
  nameColumn: columnSchema,
  latColumn: columnSchema,
  lonColumn: columnSchema,
  typeColumn: columnSchema,
  addressColumn: columnSchema,
  idColumn: columnSchema,
  /** Source type → function type id, or "skip" to leave those rows out. Keys are matched loosely (case, spaces, underscores). */
  typeMap: z.record(z.string(), z.string()).default({}),
  /** The function type for rows that give none (blank, or no type column). */
  defaultType: z.string().min(1).optional(),
  /** Leave rows whose type maps to nothing out (reported) instead of refusing the file. */
  skipUnmapped: z.boolean().default(false),
  /** Leave out rows that are likely duplicates of sites already in the database. */
  skipDuplicates: z.boolean().default(false),
  /** Import rows more than a few kilometres outside the network's area all the same (they are named first). */
  confirmFar: z.boolean().default(false),
  visibility: tierSchema.default('public'),
  precision: precisionSchema.default('exact'),
  groupId: idSchema.optional(),
  /** Put every feature in this reference layer instead of creating sites. */
  layer: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,62}$/i, 'a layer name is letters, digits, - and _ (at most 63)').optional(),
});
export type ImportOptions = z.infer<typeof importOptionsSchema>;
export type ImportOptionsInput = z.input<typeof importOptionsSchema>;

/** Read `"farmer's market=csa; garden=community_garden"` into a map. */
export function parseTypeMap(text: string): Record<string, string> {
  const map: Record<string, string> = {};
  for (const part of text.split(';')) {
    if (!part.trim()) continue;
    const at = part.lastIndexOf('=');
    const from = part.slice(0, at).trim();
    const to = part.slice(at + 1).trim();
    if (at < 0 || !from || !to) {
      throw new KudzuError('BAD_INPUT', `the type map entry “${part.trim()}” should read source type=function type`, { field: 'typeMap' });
    }
    map[from] = to;
  }
  return map;
}
