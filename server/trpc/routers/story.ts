import { z } from 'zod';
import { publicProcedure, router, stewardProcedure } from '../trpc';
import { idSchema } from '../../../shared/schemas/common';
import { nightPlanInputSchema } from '../../../shared/schemas/story';

/** The audit night's projected story, and the steward's plan for it. */
export const storyRouter = router({
  get: publicProcedure.input(z.object({ auditId: idSchema })).query(({ ctx, input }) => ctx.services.story.presentation(ctx.actor, input.auditId)),
  setPlan: stewardProcedure.input(nightPlanInputSchema).mutation(({ ctx, input }) => ctx.services.story.setPlan(ctx.actor, input.auditId, input.plan)),
});
