import { publicProcedure, router, stewardProcedure } from '../trpc';
import { populationLayerSchema } from '../../../shared/schemas/network';
import { auditRulesUpdateSchema } from '../../../shared/schemas/audit';

/** The network's set-up checklist, its population layer and the thresholds it governs. */
export const networkRouter = router({
  status: stewardProcedure.query(({ ctx }) => ctx.services.network.status(ctx.actor)),
  setPopulationLayer: stewardProcedure.input(populationLayerSchema).mutation(({ ctx, input }) => ctx.services.network.setPopulationLayer(ctx.actor, input.layer)),
  thresholds: publicProcedure.query(({ ctx }) => ctx.services.network.thresholds(ctx.actor)),
  setThresholds: stewardProcedure.input(auditRulesUpdateSchema).mutation(({ ctx, input }) => ctx.services.network.setThresholds(ctx.actor, input)),
});
