/** New groups and links as the domain holds them, from what a person (or a file, or the demo) gives. */
import type { GroupInput, LinkInput } from '../../shared/schemas/group';
import type { StoredGroup, StoredLink } from '../domain/group';

export function newGroup(id: string, input: GroupInput, now: string): StoredGroup {
  return {
    id, name: input.name, description: input.description, website: input.website, foundedOn: input.foundedOn, visibility: input.visibility,
    governance: input.governance, domains: input.domains, produces: input.produces, imports: input.imports,
    version: 1, createdAt: now, updatedAt: now,
  };
}

/**
 * A new link, its flow already pointing the way it goes (`fromGroupId` gives to `toGroupId`);
 * active unless it is a draft waiting for a steward.
 */
export function newLink(id: string, input: Omit<LinkInput, 'flowDirection'>, now: string, { status = 'active', proposedBy = null }: Partial<Pick<StoredLink, 'status' | 'proposedBy'>> = {}): StoredLink {
  return {
    id, fromGroupId: input.fromGroupId, toGroupId: input.toGroupId, kind: input.kind, flow: input.flow, description: input.description,
    startedOn: input.startedOn, visibility: input.visibility, createdAt: now, status, proposedBy,
  };
}
