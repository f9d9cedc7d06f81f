import { randomUUID } from 'node:crypto';
import { inTransaction, repositories, type Store } from '../repositories';
import { presentGroup, presentLink } from '../privacy/audience';
import { assertMayChangePrivacy, assertMayGiveTier } from '../privacy/policy';
import { audienceOf, requireRole, type Actor } from './context';
import { found, logChange, staleVersion } from './site.service';
import { newGroup, newLink } from './groupRecords';
import { KudzuError } from '../../shared/errors';
import { groupChangesSchema, groupInputSchema, linkInputSchema, type Group, type GroupChanges, type Link } from '../../shared/schemas/group';
import type { z } from 'zod';
import { parseInput } from './validate';
import type { ImportEntry } from '../../shared/schemas/group';

/** Each flow-and-source pair once. */
function uniqueImports(imports: readonly ImportEntry[]): ImportEntry[] {
  const seen = new Set<string>();
  return imports.filter((entry) => {
    const key = `${entry.flow}:${entry.from}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export class GroupService {
  constructor(private readonly db: Store) {}

  async list(actor: Actor): Promise<Group[]> {
    const audience = audienceOf(actor);
    return (await repositories(this.db).groups.list(audience)).map((row) => presentGroup(row, audience)).filter((g): g is Group => g !== null);
  }

  async get(actor: Actor, id: string): Promise<Group> {
    const row = await repositories(this.db).groups.getRaw(id);
    const group = row ? presentGroup(row, audienceOf(actor)) : null;
    if (!group) throw new KudzuError('NOT_FOUND', `no group with id ${id}`, { field: 'id' });
    return group;
  }

  async create(actor: Actor, draft: z.input<typeof groupInputSchema>): Promise<Group> {
    requireRole(actor, 'member', 'adding a group');
    const input = parseInput(groupInputSchema, draft);
    assertMayGiveTier(actor, input.visibility);
    const id = randomUUID();
    const now = actor.now.toISOString();
    await inTransaction(this.db, async (repos) => {
      const group = newGroup(id, { ...input, imports: uniqueImports(input.imports) }, now);
      await repos.groups.insert(group);
      await logChange(repos, actor, 'create', group, `added group “${input.name}”`, 'group');
    });
    return this.get(actor, id);
  }

  async update(actor: Actor, id: string, version: number, draft: GroupChanges): Promise<Group> {
    requireRole(actor, 'member', 'editing a group');
    const changes = parseInput(groupChangesSchema, draft);
    const current = await this.get(actor, id);
    const merged = groupInputSchema.parse({ ...current, ...changes });
    assertMayChangePrivacy(actor, current, merged);
    await inTransaction(this.db, async (repos) => {
      const ok = await repos.groups.update(id, version, { ...merged, imports: uniqueImports(merged.imports), updatedAt: actor.now.toISOString() });
      if (!ok) throw staleVersion('group', id);
      await logChange(repos, actor, 'update', { id, visibility: merged.visibility }, `changed ${Object.keys(changes).join(', ')} of group “${merged.name}”`, 'group');
    });
    return this.get(actor, id);
  }

  async links(actor: Actor): Promise<Link[]> {
    const audience = audienceOf(actor);
    const repos = repositories(this.db);
    const visible = new Set((await repos.groups.list(audience)).map((g) => g.id));
    return (await repos.links.list(audience)).map((row) => presentLink(row, audience, visible)).filter((l): l is Link => l !== null);
  }

  /**
   * Add a link between two groups the actor may see. A flow is stored pointing the way it
   * goes (from the giver to the receiver). Refused with the field named, and nothing
   * written: a link to itself, to a group the actor cannot see, or one the two groups
   * already have (same kind, and for a flow the same thing the same way).
   */
  async createLink(actor: Actor, draft: z.input<typeof linkInputSchema>, status: 'active' | 'draft' = 'active'): Promise<Link> {
    requireRole(actor, 'member', 'adding a link');
    const input = parseInput(linkInputSchema, draft);
    assertMayGiveTier(actor, input.visibility);
    const audience = audienceOf(actor);
    const [from, to] = input.flowDirection === 'to_from' ? [input.toGroupId, input.fromGroupId] : [input.fromGroupId, input.toGroupId];
    const id = randomUUID();
    await inTransaction(this.db, async (repos) => {
      for (const [field, groupId] of [['fromGroupId', input.fromGroupId], ['toGroupId', input.toGroupId]] as const) {
        const group = await repos.groups.getRaw(groupId);
        if (!group || !presentGroup(group, audience)) throw new KudzuError('BAD_INPUT', `${field}: no group with id ${groupId}`, { field });
      }
      const existing = await repos.links.between(input.fromGroupId, input.toGroupId);
      const duplicate = existing.find((link) => link.kind === input.kind && (input.kind !== 'flow' || (link.flow === input.flow && link.fromGroupId === from)));
      if (duplicate) {
        const what = input.kind === 'flow' ? `a flow of ${input.flow} that way` : `a ${input.kind.replace(/_/g, ' ')}`;
        throw new KudzuError('CONFLICT', `toGroupId: these two groups already have ${what}${duplicate.status === 'draft' ? ' (a draft waiting for a steward)' : ''}`, { field: 'toGroupId' });
      }
      const link = newLink(id, { ...input, fromGroupId: from, toGroupId: to }, actor.now.toISOString(), { status, proposedBy: status === 'draft' ? actor.viewer.userId : null });
      await repos.links.insert(link);
      await logChange(repos, actor, 'create', link, `${status === 'draft' ? 'proposed a draft link' : 'linked two groups'} (${input.kind.replace(/_/g, ' ')}${input.flow ? `: ${input.flow}` : ''})`, 'link');
    });
    return this.link(actor, id);
  }

  /** One link as the actor sees it. */
  private async link(actor: Actor, id: string): Promise<Link> {
    const link = (await this.links(actor)).find((l) => l.id === id);
    if (!link) throw new KudzuError('NOT_FOUND', `no link with id ${id}`);
    return link;
  }

  /** A steward confirms a draft link: from then on it counts. */
  async confirmLink(actor: Actor, id: string): Promise<Link> {
    requireRole(actor, 'steward', 'confirming a link');
    await inTransaction(this.db, async (repos) => {
      const link = found(await repos.links.getRaw(id), `id: no link with id ${id}`);
      if (link.status !== 'draft') throw new KudzuError('INVALID_STATE', `id: link ${id} is already confirmed`, { field: 'id' });
      await repos.links.setStatus(id, 'active');
      await logChange(repos, actor, 'update', link, 'confirmed a draft link between two groups', 'link');
    });
    return this.link(actor, id);
  }

  async deleteLink(actor: Actor, id: string): Promise<void> {
    requireRole(actor, 'steward', 'removing a link');
    await inTransaction(this.db, async (repos) => {
      const link = found(await repos.links.getRaw(id), `no link with id ${id}`);
      await repos.links.delete(id);
      await logChange(repos, actor, 'delete', link, 'removed a link between two groups', 'link');
    });
  }
}
