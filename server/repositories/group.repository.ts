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

/**
 * Groups and links alike: the rows an audience may see, some by id, one by id, and inserts,
 * each row mapped to its domain object once.
 */
class KeptRecords<Row, Stored> {
  /** The table seen through the columns these reads use (a link has no name: it is ordered by id). */
  private readonly kept: Kysely<Record<string, { id: string; visibility: string; name: string }>>;

  constructor(
    protected readonly db: Kysely<Database>,
    private readonly table: 'groups' | 'links',
    private readonly order: 'name' | 'id',
    private readonly of: (row: Row) => Stored,
    private readonly rowOf: (stored: Stored) => Row,
  ) {
    this.kept = db as unknown as typeof this.kept;
  }

  private mapped(rows: readonly object[]): Stored[] {
    return rows.map((row) => this.of(row as Row));
  }

  async list(audience: Audience): Promise<Stored[]> {
    return this.mapped(await this.kept.selectFrom(this.table).selectAll().where('visibility', 'in', audience.tiers).orderBy(this.order).execute());
  }

  async byIds(ids: readonly string[]): Promise<Stored[]> {
    const found: Stored[] = [];
    for (let i = 0; i < ids.length; i += 500) found.push(...this.mapped(await this.kept.selectFrom(this.table).selectAll().where('id', 'in', ids.slice(i, i + 500)).execute()));
    return found;
  }

  async getRaw(id: string): Promise<Stored | undefined> {
    return this.mapped(await this.kept.selectFrom(this.table).selectAll().where('id', '=', id).execute())[0];
  }

  async insert(stored: Stored): Promise<void> {
    await this.insertMany([stored]);
  }

  async insertMany(records: readonly Stored[]): Promise<void> {
    for (let i = 0; i < records.length; i += 500) {
      await this.kept.insertInto(this.table).values(records.slice(i, i + 500).map((record) => this.rowOf(record) as unknown as { id: string; visibility: string; name: string })).execute();
    }
  }
}

export class GroupRepository extends KeptRecords<GroupTable, StoredGroup> {
  constructor(db: Kysely<Database>) {
    super(db, 'groups', 'name', groupOf, (group) => groupColumns(group) as GroupTable);
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

export class LinkRepository extends KeptRecords<LinkTable, StoredLink> {
  constructor(db: Kysely<Database>) {
    super(db, 'links', 'id', linkOf, linkRow);
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
