import { memberProcedure, publicProcedure, router } from '../trpc';
import { accessBestSitesSchema, accessDownloadSchema, accessParamsSchema, accessToChallengeSchema, accessWhatIfSchema } from '../../../shared/schemas/access';

/** Food access on the app's data: what can be analysed, the analysis, what-ifs, best next sites, downloads, a challenge from a finding. */
export const accessRouter = router({
  layers: publicProcedure.query(({ ctx }) => ctx.services.access.layers(ctx.actor)),
  analyse: publicProcedure.input(accessParamsSchema).query(({ ctx, input }) => ctx.services.access.analyse(ctx.actor, input)),
  whatIf: publicProcedure.input(accessWhatIfSchema).query(({ ctx, input }) => ctx.services.access.whatIf(ctx.actor, input)),
  bestSites: publicProcedure.input(accessBestSitesSchema).query(({ ctx, input }) => ctx.services.access.bestSites(ctx.actor, input)),
  download: publicProcedure.input(accessDownloadSchema).query(({ ctx, input }) => ctx.services.access.download(ctx.actor, input)),
  toChallenge: memberProcedure.input(accessToChallengeSchema).mutation(({ ctx, input }) => ctx.services.access.toChallenge(ctx.actor, input)),
});
