import { z } from 'zod';
import { memberProcedure, publicProcedure, router, stewardProcedure } from '../trpc';
import { idSchema } from '../../../shared/schemas/common';
import { siteCloseSchema, siteCreateSchema, siteFilterSchema, siteUpdateSchema } from '../../../shared/schemas/site';

export const sitesRouter = router({
  list: publicProcedure.input(siteFilterSchema).query(({ ctx, input }) => ctx.services.sites.list(ctx.actor, input)),
  map: publicProcedure.input(siteFilterSchema).query(({ ctx, input }) => ctx.services.sites.forMap(ctx.actor, input)),
  get: publicProcedure.input(z.object({ id: idSchema })).query(({ ctx, input }) => ctx.services.sites.get(ctx.actor, input.id)),
  /** The site's open challenges and its group's check results at the latest published audit. */
  context: publicProcedure.input(z.object({ id: idSchema })).query(({ ctx, input }) => ctx.services.siteContext.context(ctx.actor, input.id)),
  create: memberProcedure.input(siteCreateSchema).mutation(({ ctx, input: { confirmFar, ...site } }) => ctx.services.sites.create(ctx.actor, site, { confirmFar })),
  update: memberProcedure.input(siteUpdateSchema).mutation(({ ctx, input }) => ctx.services.sites.update(ctx.actor, input.id, input.version, input.changes, { confirmFar: input.confirmFar })),
  close: memberProcedure.input(siteCloseSchema).mutation(({ ctx, input }) => ctx.services.sites.close(ctx.actor, input.id, input.version, input.closedOn, input.reason)),
  delete: stewardProcedure.input(z.object({ id: idSchema })).mutation(({ ctx, input }) => ctx.services.sites.delete(ctx.actor, input.id)),
});
