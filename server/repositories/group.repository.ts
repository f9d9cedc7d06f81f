import type { Kysely } from 'kysely';
import type { Database, GroupTable, LinkTable } from '../db/schema';
import { PrivacyGenerationRepository, touchesPrivacy } from './privacyGeneration.repository';
import type { Audience } from '../privacy/policy';
import type { GroupChange, StoredGroup, StoredLink } from '../domain/group';
import { governanceProfileSchema, type Group, type Link } from '../../shared/schemas/group';
import type { Tier } from '../../shared/privacy/roles';

function groupOf(row: GroupTable): StoredGroup {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    website: row.website,
    foundedOn: row.founded_on,
    visibility: row.visibility as Tier,
    governance: governanceProfileSchema.parse(JSON.parse(row.governance)),
    domains: JSON.parse(row.domains) as Group['domains'],
    produces: JSON.parse(row.produces) as Group['produces'],
    imports: JSON.parse(row.imports) as Group['imports'],
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** The columns a change writes: only those of the fields it names. */
function groupColumns(change: GroupChange & Partial<Pick<StoredGroup, 'id' | 'version' | 'createdAt'>>): Partial<GroupTable> {
  const columns: Partial<GroupTable> = {};
  const plain: [keyof typeof change, keyof GroupTable][] = [
    ['id', 'id'], ['name', 'name'], ['description', 'description'], ['website', 'website'], ['foundedOn', 'founded_on'],
    ['visibility', 'visibility'], ['version', 'version'], ['createdAt', 'created_at'], ['updatedAt', 'updated_at'],
  ];
  for (const [field, column] of plain) {
    if (change[field] !== undefined) (columns as Record<string, unknown>)[column] = change[field];
  }
  for (const field of ['governance', 'domains', 'produces', 'imports'] as const) {
    if (change[field] !== undefined) columns[field] = JSON.stringify(change[field]);
  }
  return columns;
}

function linkOf(row: LinkTable): StoredLink {
  return {
    id: row.id,
    fromGroupId: row.from_group_id,
    toGroupId: row.to_group_id,
    kind: row.kind as Link['kind'],
    flow: row.flow as Link['flow'],
    description: row.description,
    startedOn: row.started_on,
    visibility: row.visibility as Tier,
    status: row.status as Link['status'],
    createdAt: row.created_at,
    proposedBy: row.proposed_by,
  };
}

function linkRow(link: StoredLink): LinkTable {
  return {
    id: link.id, from_group_id: link.fromGroupId, to_group_id: link.toGroupId, kind: link.kind, flow: link.flow,
    description: link.description, started_on: link.startedOn, visibility: link.visibility, created_at: link.createdAt,
    status: link.status, proposed_by: link.proposedBy,
  };
}

/** Run `work` over `items` 500 at a time (one statement each, well under every bound-parameter limit), collecting what it returns. */
async function inChunks<Item, Result>(items: readonly Item[], work: (chunk: Item[]) => Promise<Result[]>): Promise<Result[]> {
  const results: Result[] = [];
  for (let i = 0; i < items.length; i += 500) results.push(...await work(items.slice(i, i + 500)));
  return results;
}

export class GroupRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async list(audience: Audience): Promise<StoredGroup[]> {
    return (await this.db.selectFrom('groups').selectAll().where('visibility', 'in', audience.tiers).orderBy('name').execute()).map(groupOf);
  }

  async byIds(ids: readonly string[]): Promise<StoredGroup[]> {
    return inChunks(ids, async (chunk) => (await this.db.selectFrom('groups').selectAll().where('id', 'in', chunk).execute()).map(groupOf));
  }

  async getRaw(id: string): Promise<StoredGroup | undefined> {
    const row = await this.db.selectFrom('groups').selectAll().where('id', '=', id).executeTakeFirst();
    return row && groupOf(row);
  }

  async insert(group: StoredGroup): Promise<void> {
    await this.insertMany([group]);
  }

  async insertMany(groups: readonly StoredGroup[]): Promise<void> {
    await inChunks(groups, async (chunk) => [await this.db.insertInto('groups').values(chunk.map((group) => groupColumns(group) as GroupTable)).execute()]);
  }

  /** Update only if the group is still at `expectedVersion`; returns false when someone else saved first. */
  async update(id: string, expectedVersion: number, change: GroupChange): Promise<boolean> {
    const changes = groupColumns(change);
    const result = await this.db.updateTable('groups').set({ ...changes, version: expectedVersion + 1 })
      .where('id', '=', id).where('version', '=', expectedVersion).executeTakeFirst();
    const updated = Number(result.numUpdatedRows) === 1;
    if (updated && touchesPrivacy(changes)) await new PrivacyGenerationRepository(this.db).bump();
    return updated;
  }

  async delete(id: string): Promise<void> {
    await this.db.deleteFrom('groups').where('id', '=', id).execute();
    await new PrivacyGenerationRepository(this.db).bump();
  }

  async count(): Promise<number> {
    const row = await this.db.selectFrom('groups').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  }
}

export class LinkRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async list(audience: Audience): Promise<StoredLink[]> {
    return (await this.db.selectFrom('links').selectAll().where('visibility', 'in', audience.tiers).orderBy('id').execute()).map(linkOf);
  }

  async byIds(ids: readonly string[]): Promise<StoredLink[]> {
    return inChunks(ids, async (chunk) => (await this.db.selectFrom('links').selectAll().where('id', 'in', chunk).execute()).map(linkOf));
  }

  async getRaw(id: string): Promise<StoredLink | undefined> {
    const row = await this.db.selectFrom('links').selectAll().where('id', '=', id).executeTakeFirst();
    return row && linkOf(row);
  }

  async insert(link: StoredLink): Promise<void> {
    await this.insertMany([link]);
  }

  async insertMany(links: readonly StoredLink[]): Promise<void> {
    await inChunks(links, async (chunk) => [await this.db.insertInto('links').values(chunk.map(linkRow)).execute()]);
  }

  /** Every link between two groups, either way. */
  async between(a: string, b: string): Promise<StoredLink[]> {
    const rows = await this.db.selectFrom('links').selectAll()
      .where((eb) => eb.or([
        eb.and([eb('from_group_id', '=', a), eb('to_group_id', '=', b)]),
        eb.and([eb('from_group_id', '=', b), eb('to_group_id', '=', a)]),
      ]))
      .execute();
    return rows.map(linkOf);
  }

  async setStatus(id: string, status: StoredLink['status']): Promise<void> {
    await this.db.updateTable('links').set({ status }).where('id', '=', id).execute();
  }

  async delete(id: string): Promise<void> {
    await this.db.deleteFrom('links').where('id', '=', id).execute();
    await new PrivacyGenerationRepository(this.db).bump();
  }
}
