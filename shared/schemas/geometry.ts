import { z } from 'zod';

/** A [longitude, latitude] pair inside the valid ranges. */
export const positionSchema = z
  .tuple([z.number(), z.number()])
  .rest(z.number())
  .superRefine(([lon, lat], ctx) => {
    if (!Number.isFinite(lon) || lon < -180 || lon > 180) {
      ctx.addIssue({ code: 'custom', message: `longitude ${lon} is outside -180..180`, path: [0] });
    }
    if (!Number.isFinite(lat) || lat < -90 || lat > 90) {
      ctx.addIssue({ code: 'custom', message: `latitude ${lat} is outside -90..90`, path: [1] });
    }
  });

const ringSchema = z.array(positionSchema).superRefine((ring, ctx) => {
  if (ring.length < 4) {
    ctx.addIssue({ code: 'custom', message: `a polygon ring needs at least 4 positions, this one has ${ring.length}` });
    return;
  }
  const first = ring[0];
  const last = ring[ring.length - 1];
  if (first[0] !== last[0] || first[1] !== last[1]) {
    ctx.addIssue({ code: 'custom', message: 'the polygon ring does not close (its first and last positions differ)' });
  }
});

export const pointSchema = z.object({ type: z.literal('Point'), coordinates: positionSchema });
export const polygonSchema = z.object({ type: z.literal('Polygon'), coordinates: z.array(ringSchema).min(1, 'a polygon needs an outer ring') });
export const multiPolygonSchema = z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(z.array(ringSchema).min(1)).min(1) });

/** What a site may be drawn as: a point, or a polygon for parcels and gardens. */
export const siteGeometrySchema = z.discriminatedUnion('type', [pointSchema, polygonSchema, multiPolygonSchema]);
export const areaGeometrySchema = z.discriminatedUnion('type', [polygonSchema, multiPolygonSchema]);

export type SiteGeometry = z.infer<typeof siteGeometrySchema>;
export type AreaGeometry = z.infer<typeof areaGeometrySchema>;

export const bboxSchema = z
  .tuple([z.number().min(-180).max(180), z.number().min(-90).max(90), z.number().min(-180).max(180), z.number().min(-90).max(90)])
  .refine(([w, s, e, n]) => w <= e && s <= n, 'bbox must be [west, south, east, north] with west ≤ east and south ≤ north');
