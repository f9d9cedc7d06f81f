import { z } from 'zod';
import { publicProcedure, router, stewardProcedure } from '../trpc';
import { idSchema } from '../../../shared/schemas/common';
import { areaFileSchema, areaInputSchema } from '../../../shared/schemas/area';

export const areasRouter = router({
  list: publicProcedure.input(z.object({ kind: z.string().max(40).optional() }).default({})).query(({ ctx, input }) => ctx.services.areas.list(input.kind)),
  get: publicProcedure.input(z.object({ id: idSchema })).query(({ ctx, input }) => ctx.services.areas.get(input.id)),
  readFile: stewardProcedure.input(areaFileSchema).mutation(({ ctx, input }) => ctx.services.areas.readFile(ctx.actor, input.fileName, input.text)),
  create: stewardProcedure.input(areaInputSchema).mutation(({ ctx, input }) => ctx.services.areas.create(ctx.actor, input)),
  delete: stewardProcedure.input(z.object({ id: idSchema })).mutation(({ ctx, input }) => ctx.services.areas.delete(ctx.actor, input.id)),
});
