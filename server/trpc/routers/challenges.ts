import { z } from 'zod';
import { auditorProcedure, memberProcedure, publicProcedure, router } from '../trpc';
import { idSchema } from '../../../shared/schemas/common';
import {
  challengeCarryOverSchema,
  challengeClaimSchema,
  challengeCreateSchema,
  challengeFromProposalSchema,
  challengeListSchema,
  challengeReleaseSchema,
  challengeSolveSchema,
  headlineChooseSchema,
} from '../../../shared/schemas/audit';

export const challengesRouter = router({
  list: publicProcedure.input(challengeListSchema).query(({ ctx, input }) => ctx.services.challenges.list(ctx.actor, input)),
  get: publicProcedure.input(z.object({ challengeId: idSchema })).query(({ ctx, input }) => ctx.services.challenges.get(ctx.actor, input.challengeId)),
  proposals: auditorProcedure.input(z.object({ auditId: idSchema })).query(({ ctx, input }) => ctx.services.challenges.proposals(ctx.actor, input.auditId)),
  create: auditorProcedure.input(challengeCreateSchema).mutation(({ ctx, input }) => ctx.services.challenges.create(ctx.actor, input)),
  fromProposal: auditorProcedure.input(challengeFromProposalSchema).mutation(({ ctx, input }) => ctx.services.challenges.fromProposal(ctx.actor, input.auditId, input.proposalKey)),
  claim: memberProcedure.input(challengeClaimSchema).mutation(({ ctx, input }) => ctx.services.challenges.claim(ctx.actor, input.challengeId, input.version, input.groupId)),
  release: memberProcedure.input(challengeReleaseSchema).mutation(({ ctx, input }) => ctx.services.challenges.release(ctx.actor, input.challengeId, input.version)),
  solve: memberProcedure.input(challengeSolveSchema).mutation(({ ctx, input }) => ctx.services.challenges.solve(ctx.actor, input)),
  carryOver: auditorProcedure.input(challengeCarryOverSchema).mutation(({ ctx, input }) => ctx.services.challenges.carryOver(ctx.actor, input.challengeId, input.version, input.toAuditId)),
  chooseHeadline: auditorProcedure.input(headlineChooseSchema).mutation(({ ctx, input }) => ctx.services.challenges.chooseHeadline(ctx.actor, input.auditId, input.challengeId)),
});
