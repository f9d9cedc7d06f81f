import { publicProcedure, router, stewardProcedure } from '../trpc';
import { acceptInviteSchema, inviteSchema, loginSchema } from '../../../shared/schemas/auth';
import { invitationLookupSchema } from '../../../shared/schemas/people';

export const authRouter = router({
  me: publicProcedure.query(({ ctx }) => ({ userId: ctx.viewer.userId, displayName: ctx.viewer.displayName, role: ctx.viewer.role })),
  login: publicProcedure.input(loginSchema).mutation(async ({ ctx, input }) => {
    const { token, viewer, expiresAt } = await ctx.services.auth.login(input.email, input.password, ctx.actor.now, ctx.clientAddress);
    ctx.setSessionCookie(token, expiresAt);
    return viewer;
  }),
  logout: publicProcedure.mutation(async ({ ctx }) => {
    await ctx.services.auth.logout(ctx.sessionToken);
    ctx.setSessionCookie(null);
    return { userId: null, displayName: null, role: 'public' as const };
  }),
  invite: stewardProcedure.input(inviteSchema).mutation(({ ctx, input }) => ctx.services.auth.invite(ctx.actor, input.role, input.note, input.expiresInDays)),
  invitation: publicProcedure.input(invitationLookupSchema).query(({ ctx, input }) => ctx.services.auth.invitation(input.token, ctx.actor.now)),
  acceptInvite: publicProcedure.input(acceptInviteSchema).mutation(({ ctx, input }) =>
    ctx.services.auth.acceptInvite(input.token, input.email, input.displayName, input.password, ctx.actor.now, ctx.clientAddress)),
});
