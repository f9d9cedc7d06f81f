import { z } from 'zod';
import { memberProcedure, publicProcedure, router, stewardProcedure } from '../trpc';
import { idSchema } from '../../../shared/schemas/common';
import { federationWeightsSchema, proposePactSchema, recommendInputSchema } from '../../../shared/schemas/federation';

export const federationRouter = router({
  network: publicProcedure.query(({ ctx }) => ctx.services.federation.network(ctx.actor)),
  recommend: publicProcedure.input(recommendInputSchema).query(({ ctx, input }) => ctx.services.federation.recommend(ctx.actor, input)),
  weights: publicProcedure.query(({ ctx }) => ctx.services.federation.weights()),
  setWeights: stewardProcedure.input(federationWeightsSchema).mutation(({ ctx, input }) => ctx.services.federation.setWeights(ctx.actor, input)),
  proposePact: memberProcedure.input(proposePactSchema).mutation(({ ctx, input }) => ctx.services.federation.proposePact(ctx.actor, input)),
  confirmLink: stewardProcedure.input(z.object({ id: idSchema })).mutation(({ ctx, input }) => ctx.services.groups.confirmLink(ctx.actor, input.id)),
});
