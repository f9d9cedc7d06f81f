import { inTransaction, repositories, type Store } from '../repositories';
import { requireRole, type Actor } from './context';
import { logChange } from './site.service';
import { assertMayChangeRole } from '../privacy/policy';
import { KudzuError } from '../../shared/errors';
import type { People, Person } from '../../shared/schemas/people';
import type { Role } from '../../shared/privacy/roles';

/** The people page: who has an account and with what role, and the invitations sent. Stewards only. */
export class PeopleService {
  constructor(private readonly db: Store) {}

  async list(actor: Actor): Promise<People> {
    requireRole(actor, 'steward', 'seeing the people of the network');
    const repos = repositories(this.db);
    const now = actor.now.toISOString();
    const people = (await repos.users.list()).filter((user) => !user.disabled).map((user): Person => ({
      id: user.id, email: user.email, displayName: user.displayName, role: user.role, joinedAt: user.createdAt, isYou: user.id === actor.viewer.userId,
    }));
    const invitations = (await repos.invitations.list()).map((invitation) => ({
      id: invitation.id, role: invitation.role, note: invitation.note, createdAt: invitation.createdAt, expiresAt: invitation.expiresAt,
      status: invitation.acceptedBy ? 'accepted' as const : invitation.expiresAt <= now ? 'expired' as const : 'waiting' as const,
      acceptedBy: invitation.acceptedName,
    }));
    return { people, invitations };
  }

  async setRole(actor: Actor, userId: string, role: Exclude<Role, 'public'>): Promise<Person> {
    return inTransaction(this.db, async (repos) => {
      const user = await repos.users.byId(userId);
      if (!user || user.disabled) throw new KudzuError('NOT_FOUND', `no account with id ${userId}`, { field: 'userId' });
      assertMayChangeRole(actor, { id: user.id, displayName: user.displayName }, role);
      const before = user.role;
      await repos.users.setRole(user.id, role);
      await logChange(repos, actor, 'update', { id: user.id, visibility: 'stewards' }, `made ${user.displayName} a ${role} (was a ${before})`, 'person');
      return { id: user.id, email: user.email, displayName: user.displayName, role, joinedAt: user.createdAt, isYou: false };
    });
  }

  async revokeInvitation(actor: Actor, invitationId: string): Promise<void> {
    requireRole(actor, 'steward', 'withdrawing an invitation');
    await inTransaction(this.db, async (repos) => {
      const invitation = await repos.invitations.get(invitationId);
      if (!invitation) throw new KudzuError('NOT_FOUND', `no invitation with id ${invitationId}`, { field: 'invitationId' });
      if (invitation.acceptedBy) throw new KudzuError('INVALID_STATE', 'this invitation has already been used; change the person\'s role instead', { field: 'invitationId' });
      if (!(await repos.invitations.revoke(invitationId))) throw new KudzuError('INVALID_STATE', 'this invitation has already been used', { field: 'invitationId' });
      await logChange(repos, actor, 'delete', { id: invitationId, visibility: 'stewards' }, `withdrew an invitation for a ${invitation.role}`, 'invitation');
    });
  }
}
