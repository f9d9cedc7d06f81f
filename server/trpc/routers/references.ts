import { z } from 'zod';
import { publicProcedure, router } from '../trpc';
import { bboxSchema } from '../../../shared/schemas/geometry';

export const referencesRouter = router({
  layers: publicProcedure.query(({ ctx }) => ctx.services.references.layers(ctx.actor)),
  layer: publicProcedure
    .input(z.object({ layer: z.string().min(1).max(100), bbox: bboxSchema.optional() }))
    .query(({ ctx, input }) => ctx.services.references.layer(ctx.actor, input.layer, input.bbox)),
});
