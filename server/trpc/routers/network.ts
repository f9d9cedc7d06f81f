import { router, stewardProcedure } from '../trpc';
import { populationLayerSchema } from '../../../shared/schemas/network';

/** The network's set-up checklist and its population layer. */
export const networkRouter = router({
  status: stewardProcedure.query(({ ctx }) => ctx.services.network.status(ctx.actor)),
  setPopulationLayer: stewardProcedure.input(populationLayerSchema).mutation(({ ctx, input }) => ctx.services.network.setPopulationLayer(ctx.actor, input.layer)),
});
