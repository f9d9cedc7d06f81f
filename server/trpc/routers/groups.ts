import { z } from 'zod';
import { memberProcedure, publicProcedure, router, stewardProcedure } from '../trpc';
import { idSchema } from '../../../shared/schemas/common';
import { groupInputSchema, groupUpdateSchema, linkInputSchema } from '../../../shared/schemas/group';

export const groupsRouter = router({
  list: publicProcedure.query(({ ctx }) => ctx.services.groups.list(ctx.actor)),
  get: publicProcedure.input(z.object({ id: idSchema })).query(({ ctx, input }) => ctx.services.groups.get(ctx.actor, input.id)),
  create: memberProcedure.input(groupInputSchema).mutation(({ ctx, input }) => ctx.services.groups.create(ctx.actor, input)),
  update: memberProcedure.input(groupUpdateSchema).mutation(({ ctx, input }) => ctx.services.groups.update(ctx.actor, input.id, input.version, input.changes)),
});

export const linksRouter = router({
  list: publicProcedure.query(({ ctx }) => ctx.services.groups.links(ctx.actor)),
  create: memberProcedure.input(linkInputSchema).mutation(({ ctx, input }) => ctx.services.groups.createLink(ctx.actor, input)),
  delete: stewardProcedure.input(z.object({ id: idSchema })).mutation(({ ctx, input }) => ctx.services.groups.deleteLink(ctx.actor, input.id)),
});
