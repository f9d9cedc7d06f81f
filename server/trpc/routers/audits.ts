import { z } from 'zod';
import { auditorProcedure, publicProcedure, router, stewardProcedure } from '../trpc';
import { idSchema } from '../../../shared/schemas/common';
import {
  answerSuggestionRequestSchema,
  auditIdSchema,
  auditCreateSchema,
  auditPublishSchema,
  auditTransitionSchema,
  checkAddSchema,
  checkAnswerInputSchema,
  checkRetireSchema,
  checkRewordSchema,
  checkReweightSchema,
  needEstimateInputSchema,
  needEstimateRemoveSchema,
  tallyInputSchema,
  tallyRemoveSchema,
  tallyUpdateSchema,
  testimonyModerateSchema,
  testimonySubmitSchema,
} from '../../../shared/schemas/audit';


export const auditsRouter = router({
  list: publicProcedure.input(z.object({ areaId: idSchema.optional() }).default({})).query(({ ctx, input }) => ctx.services.audits.list(ctx.actor, input)),
  get: publicProcedure.input(auditIdSchema).query(({ ctx, input }) => ctx.services.audits.get(ctx.actor, input.auditId)),
  report: publicProcedure.input(auditIdSchema).query(({ ctx, input }) => ctx.services.audits.report(ctx.actor, input.auditId)),
  trend: publicProcedure.input(z.object({ areaId: idSchema })).query(({ ctx, input }) => ctx.services.audits.trend(ctx.actor, input.areaId)),
  workspace: auditorProcedure.input(auditIdSchema).query(({ ctx, input }) => ctx.services.audits.workspace(ctx.actor, input.auditId)),
  suggestions: auditorProcedure.input(answerSuggestionRequestSchema).query(({ ctx, input }) => ctx.services.audits.suggestions(ctx.actor, input.auditId, input.groupId)),
  create: auditorProcedure.input(auditCreateSchema).mutation(({ ctx, input }) => ctx.services.audits.create(ctx.actor, input)),
  open: auditorProcedure.input(auditTransitionSchema).mutation(({ ctx, input }) => ctx.services.audits.open(ctx.actor, input.auditId, input.version)),
  returnToDraft: auditorProcedure.input(auditTransitionSchema).mutation(({ ctx, input }) => ctx.services.audits.returnToDraft(ctx.actor, input.auditId, input.version)),
  publish: auditorProcedure.input(auditPublishSchema).mutation(({ ctx, input }) => ctx.services.audits.publish(ctx.actor, input)),
  answer: auditorProcedure.input(checkAnswerInputSchema).mutation(({ ctx, input }) => ctx.services.audits.answer(ctx.actor, input)),
  setNeed: auditorProcedure.input(needEstimateInputSchema).mutation(({ ctx, input }) => ctx.services.audits.setNeed(ctx.actor, input)),
  removeNeed: auditorProcedure.input(needEstimateRemoveSchema).mutation(({ ctx, input }) => ctx.services.audits.removeNeed(ctx.actor, input.auditId, input.domain)),
  addTally: auditorProcedure.input(tallyInputSchema).mutation(({ ctx, input }) => ctx.services.audits.addTally(ctx.actor, input)),
  updateTally: auditorProcedure.input(tallyUpdateSchema).mutation(({ ctx, input }) => ctx.services.audits.updateTally(ctx.actor, input.id, input.changes)),
  removeTally: auditorProcedure.input(tallyRemoveSchema).mutation(({ ctx, input }) => ctx.services.audits.removeTally(ctx.actor, input.id)),
  submitTestimony: publicProcedure.input(testimonySubmitSchema).mutation(({ ctx, input }) => ctx.services.audits.submitTestimony(ctx.actor, input)),
  testimonies: auditorProcedure.input(auditIdSchema).query(({ ctx, input }) => ctx.services.audits.testimonies(ctx.actor, input.auditId)),
  moderateTestimony: auditorProcedure.input(testimonyModerateSchema).mutation(({ ctx, input }) => ctx.services.night.moderateTestimony(ctx.actor, input)),
});

/** The network's checklist: anyone reads it (it is the audit's method; each audit carries its own copy); stewards edit it. */
export const checksRouter = router({
  list: publicProcedure.query(({ ctx }) => ctx.services.audits.checklist(ctx.actor)),
  add: stewardProcedure.input(checkAddSchema).mutation(({ ctx, input }) => ctx.services.audits.addCheck(ctx.actor, input)),
  reword: stewardProcedure.input(checkRewordSchema).mutation(({ ctx, input }) => ctx.services.audits.rewordCheck(ctx.actor, input.key, input)),
  reweight: stewardProcedure.input(checkReweightSchema).mutation(({ ctx, input }) => ctx.services.audits.reweightCheck(ctx.actor, input.key, input.weight)),
  retire: stewardProcedure.input(checkRetireSchema).mutation(({ ctx, input }) => ctx.services.audits.retireCheck(ctx.actor, input.key, input.retiredOn)),
});
