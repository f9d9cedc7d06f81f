import { z } from 'zod';
import { memberProcedure, publicProcedure, router, stewardProcedure } from '../trpc';
import { DOMAIN_IDS } from '../../../shared/taxonomy/domains';
import { capacityUnitSchema } from '../../../shared/schemas/site';
import { idSchema } from '../../../shared/schemas/common';

export const taxonomyRouter = router({
  get: publicProcedure.query(({ ctx }) => ctx.services.taxonomy.get()),
  addFunctionType: stewardProcedure
    .input(z.object({ id: z.string().regex(/^[a-z][a-z0-9_]{1,49}$/, 'an id is lower-case letters, digits and underscores'), label: z.string().min(1).max(100), domain: z.enum(DOMAIN_IDS), capacityUnit: capacityUnitSchema.nullable().default(null) }))
    .mutation(({ ctx, input }) => ctx.services.taxonomy.addFunctionType(ctx.actor, input.id, input.label, input.domain, input.capacityUnit)),
});

export const changesRouter = router({
  recent: memberProcedure
    .input(z.object({
      limit: z.number().int().min(1).max(500).default(50),
      entityId: idSchema.optional(),
      /** The last entry of the page already shown: the entries older than it come next. */
      before: z.object({ at: z.string().min(1).max(40), id: idSchema }).optional(),
    }).default({ limit: 50 }))
    .query(({ ctx, input }) => ctx.services.changeLog.recent(ctx.actor, input.limit, input.entityId, input.before)),
});
