import { z } from 'zod';
import { DOMAIN_IDS } from '../taxonomy/domains';
import { bboxSchema, multiPolygonSchema, polygonSchema, siteGeometrySchema } from './geometry';
import { dateSchema, idSchema, nameSchema, precisionSchema, textSchema, tierSchema } from './common';

export const capacityUnitSchema = z.enum(['households_per_week', 'people_per_week', 'people', 'households', 'kwh_per_month']);
export const siteStatusSchema = z.enum(['active', 'closed']);

/** The fields of a site a person writes, each required and without defaults. */
const siteFields = {
  name: nameSchema,
  functionType: z.string().min(1, 'a function type is required'),
  groupId: idSchema.nullable(),
  geometry: siteGeometrySchema,
  capacity: z.number().int('capacity is a whole number').min(0, 'capacity cannot be negative').nullable(),
  capacityUnit: capacityUnitSchema.nullable(),
  openingHours: z.string().max(500).nullable(),
  openedOn: dateSchema.nullable(),
  description: textSchema,
  address: z.string().max(300).nullable(),
  visibility: tierSchema,
  precision: precisionSchema,
};

/** What a member writes to create a site: anything left out takes its default. */
export const siteInputSchema = z.object({
  ...siteFields,
  groupId: siteFields.groupId.default(null),
  capacity: siteFields.capacity.default(null),
  capacityUnit: siteFields.capacityUnit.default(null),
  openingHours: siteFields.openingHours.default(null),
  openedOn: siteFields.openedOn.default(null),
  description: siteFields.description.default(''),
  address: siteFields.address.default(null),
  visibility: siteFields.visibility.default('public'),
  precision: siteFields.precision.default('exact'),
});
export type SiteInput = z.infer<typeof siteInputSchema>;

/** A new site from the app: its fields, and whether a place far outside the network's area is meant. */
export const siteCreateSchema = siteInputSchema.extend({ confirmFar: z.boolean().default(false) });

/**
 * A change to a site: only the fields given change. No defaults here, or an edit to one
 * field would quietly reset the others (a block-precision site back to exact).
 */
export const siteChangesSchema = z.object(siteFields).partial();
export type SiteChanges = z.infer<typeof siteChangesSchema>;

export const siteUpdateSchema = z.object({
  id: idSchema,
  /** The version the editor saw; a stale version is refused rather than overwritten. */
  version: z.number().int().min(1),
  changes: siteChangesSchema,
  /** A move to a place far outside the network's area is meant. */
  confirmFar: z.boolean().default(false),
});

export const siteCloseSchema = z.object({ id: idSchema, version: z.number().int().min(1), closedOn: dateSchema, reason: textSchema.default('') });

export const siteFilterSchema = z.object({
  bbox: bboxSchema.optional(),
  domains: z.array(z.enum(DOMAIN_IDS)).optional(),
  functionTypes: z.array(z.string()).optional(),
  groupIds: z.array(idSchema).optional(),
  status: z.enum(['active', 'closed', 'all']).default('active'),
  text: z.string().max(200).optional(),
  /** Show the map as it was on this date (sites opened by then and not yet closed). */
  asOf: dateSchema.optional(),
  limit: z.number().int().min(1).max(100_000).default(100_000),
});
export type SiteFilter = z.infer<typeof siteFilterSchema>;

/** A site as someone receives it, after visibility and location precision are applied. */
export const siteSchema = z.object({
  id: idSchema,
  name: z.string(),
  functionType: z.string(),
  domain: z.string(),
  groupId: idSchema.nullable(),
  groupName: z.string().nullable(),
  geometry: siteGeometrySchema.nullable(),
  /** True when the geometry shown is degraded from the real one. */
  locationDegraded: z.boolean(),
  capacity: z.number().nullable(),
  capacityUnit: capacityUnitSchema.nullable(),
  openingHours: z.string().nullable(),
  openedOn: dateSchema.nullable(),
  closedOn: dateSchema.nullable(),
  status: siteStatusSchema,
  description: z.string(),
  address: z.string().nullable(),
  visibility: tierSchema,
  precision: precisionSchema,
  version: z.number(),
  updatedAt: z.string(),
});
export type Site = z.infer<typeof siteSchema>;

const flagSchema = z.union([z.literal(0), z.literal(1)]);

/**
 * The sites a map draws, in columns: the i-th entry of every array is the i-th site. Made
 * from the `Site`s an actor receives (so privacy is already applied), about a tenth the size
 * of those sites as JSON. Repeated strings travel once, in small tables, and are referred to
 * by index; a point is rounded to 6 decimals (about 10 cm).
 */
export const siteMapSchema = z.object({
  ids: z.array(idSchema),
  names: z.array(z.string()),
  /** Each function type that occurs, with its domain. */
  functionTypes: z.array(z.object({ id: z.string(), domain: z.string() })),
  /** Per site: an index into `functionTypes`. */
  functionTypeIndexes: z.array(z.number().int().min(0)),
  /** Each group that occurs. */
  groupIds: z.array(idSchema),
  /** Per site: an index into `groupIds`, or -1 for no (visible) group. */
  groupIndexes: z.array(z.number().int().min(-1)),
  /** Per site: 1 when closed. */
  closed: z.array(flagSchema),
  /** Per site: 1 when the location shown is degraded from the real one. */
  degraded: z.array(flagSchema),
  /** Per site: the marker's longitude (a parcel's representative point), null when the location is not shown. */
  lon: z.array(z.number().nullable()),
  lat: z.array(z.number().nullable()),
  /** The sites drawn as polygons: the site's index and its outline. */
  parcels: z.array(z.object({ index: z.number().int().min(0), geometry: z.discriminatedUnion('type', [polygonSchema, multiPolygonSchema]) })),
});
export type SiteMap = z.infer<typeof siteMapSchema>;
