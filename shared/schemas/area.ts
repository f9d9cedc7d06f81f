import { z } from 'zod';
import { areaGeometrySchema } from './geometry';
import { idSchema, nameSchema } from './common';

export const areaInputSchema = z.object({
  name: nameSchema,
  kind: z.enum(['neighbourhood', 'block', 'tract', 'district']).default('neighbourhood'),
  geometry: areaGeometrySchema,
  population: z.number().int().min(0).nullable().default(null),
  /** Extra attributes carried from the source (income flags, ids). */
  properties: z.record(z.string(), z.unknown()).default({}),
});
export type AreaInput = z.infer<typeof areaInputSchema>;

export const areaSchema = z.object({
  id: idSchema,
  name: z.string(),
  kind: z.string(),
  geometry: areaGeometrySchema,
  population: z.number().nullable(),
  properties: z.record(z.string(), z.unknown()),
});
export type Area = z.infer<typeof areaSchema>;

/** A polygon file to read for outlines (nothing is written): GeoJSON or KML text. */
export const areaFileSchema = z.object({
  fileName: z.string().trim().min(1, 'fileName is required').max(200),
  text: z.string().min(1, 'the file is empty').max(1_900_000, 'the file is larger than 1.9 MB; simplify it or pick the one outline you need'),
});
