import { router, stewardProcedure } from '../trpc';
import { revokeInvitationSchema, setRoleSchema } from '../../../shared/schemas/people';

/** The people page: accounts and their roles, invitations sent. Stewards only. */
export const peopleRouter = router({
  list: stewardProcedure.query(({ ctx }) => ctx.services.people.list(ctx.actor)),
  setRole: stewardProcedure.input(setRoleSchema).mutation(({ ctx, input }) => ctx.services.people.setRole(ctx.actor, input.userId, input.role)),
  revokeInvitation: stewardProcedure.input(revokeInvitationSchema).mutation(({ ctx, input }) => ctx.services.people.revokeInvitation(ctx.actor, input.invitationId)),
});
