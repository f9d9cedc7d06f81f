import { auditorProcedure, participantProcedure, publicProcedure, router } from '../trpc';
import {
  nightAuditSchema,
  nightClaimSchema,
  nightJoinSchema,
  nightModerateSchema,
  nightOpenVoteSchema,
  nightProposalSchema,
  nightTestimonySchema,
  nightVoteSchema,
} from '../../../shared/schemas/night';

/**
 * Audit night. Phones (no account) join and then act as participants; the console is for
 * auditors and stewards. What screens see live arrives over GET /api/night/events.
 */
export const nightRouter = router({
  join: publicProcedure.input(nightJoinSchema).mutation(async ({ ctx, input }) => {
    const joined = await ctx.services.night.join(input, ctx.actor.now);
    ctx.setParticipantCookie?.(joined.token, joined.expiresAt);
    return { auditId: joined.auditId, expiresAt: joined.expiresAt.toISOString() };
  }),
  phone: participantProcedure.query(({ ctx }) => ctx.services.night.phone(ctx.participant, ctx.actor.now)),
  submitTestimony: participantProcedure.input(nightTestimonySchema).mutation(({ ctx, input }) => ctx.services.night.submitTestimony(ctx.participant, input, ctx.actor.now, ctx.clientAddress)),
  proposeSite: participantProcedure.input(nightProposalSchema).mutation(({ ctx, input }) => ctx.services.night.proposeSite(ctx.participant, input, ctx.actor.now, ctx.clientAddress)),
  claimChallenge: participantProcedure.input(nightClaimSchema).mutation(({ ctx, input }) => ctx.services.night.claimChallenge(ctx.participant, input, ctx.actor.now, ctx.clientAddress)),
  vote: participantProcedure.input(nightVoteSchema).mutation(({ ctx, input }) => ctx.services.night.vote(ctx.participant, input, ctx.actor.now, ctx.clientAddress)),
  /** The night's public state, for a screen that cannot hold an event stream (and the polling baseline). */
  state: publicProcedure.input(nightAuditSchema).query(({ ctx, input }) => ctx.services.night.liveState(input.auditId, { url: '', short: '', addresses: [] })),
  console: auditorProcedure.input(nightAuditSchema).query(({ ctx, input }) => ctx.services.night.console(ctx.actor, input.auditId)),
  moderate: auditorProcedure.input(nightModerateSchema).mutation(({ ctx, input }) => ctx.services.night.moderate(ctx.actor, input)),
  openVote: auditorProcedure.input(nightOpenVoteSchema).mutation(({ ctx, input }) => ctx.services.night.openVote(ctx.actor, input.auditId, input.challengeIds)),
  closeVote: auditorProcedure.input(nightAuditSchema).mutation(({ ctx, input }) => ctx.services.night.closeVote(ctx.actor, input.auditId)),
});
