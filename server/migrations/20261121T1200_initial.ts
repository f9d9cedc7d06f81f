import { sql, type Kysely } from 'kysely';

/**
 * The first schema. Frozen once merged: later changes go in new migrations.
 * Types are chosen to mean the same on SQLite and PostgreSQL.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const double = sql`double precision`;

  await db.schema.createTable('domains')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('colour', 'text', (c) => c.notNull())
    .addColumn('pattern', 'text', (c) => c.notNull())
    .addColumn('shape', 'text', (c) => c.notNull())
    .addColumn('letter', 'text', (c) => c.notNull())
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  await db.schema.createTable('function_types')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('domain_id', 'text', (c) => c.notNull().references('domains.id'))
    .addColumn('capacity_unit', 'text')
    .addColumn('retired', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  await db.schema.createTable('users')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  await db.schema.createTable('invitations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('accepted_by', 'text')
    .addColumn('accepted_at', 'text')
    .execute();

  await db.schema.createTable('sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema.createTable('groups')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('website', 'text')
    .addColumn('founded_on', 'text')
    .addColumn('visibility', 'text', (c) => c.notNull())
    .addColumn('governance', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema.createTable('sites')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('function_type', 'text', (c) => c.notNull().references('function_types.id'))
    .addColumn('domain', 'text', (c) => c.notNull())
    .addColumn('group_id', 'text', (c) => c.references('groups.id').onDelete('set null'))
    .addColumn('geometry', 'text', (c) => c.notNull())
    .addColumn('lon', double, (c) => c.notNull())
    .addColumn('lat', double, (c) => c.notNull())
    .addColumn('min_lon', double, (c) => c.notNull())
    .addColumn('min_lat', double, (c) => c.notNull())
    .addColumn('max_lon', double, (c) => c.notNull())
    .addColumn('max_lat', double, (c) => c.notNull())
    .addColumn('shown_geometry', 'text')
    .addColumn('shown_lon', double)
    .addColumn('shown_lat', double)
    .addColumn('capacity', 'integer')
    .addColumn('capacity_unit', 'text')
    .addColumn('opening_hours', 'text')
    .addColumn('opened_on', 'text')
    .addColumn('closed_on', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('address', 'text')
    .addColumn('visibility', 'text', (c) => c.notNull())
    .addColumn('precision', 'text', (c) => c.notNull())
    .addColumn('source', 'text')
    .addColumn('source_ref', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('updated_by', 'text')
    .execute();
  await db.schema.createIndex('sites_shown_position').on('sites').columns(['shown_lon', 'shown_lat']).execute();
  await db.schema.createIndex('sites_position').on('sites').columns(['lon', 'lat']).execute();
  await db.schema.createIndex('sites_group').on('sites').column('group_id').execute();
  await db.schema.createIndex('sites_function_type').on('sites').column('function_type').execute();
  await db.schema.createIndex('sites_source').on('sites').columns(['source', 'source_ref']).execute();

  await db.schema.createTable('links')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('from_group_id', 'text', (c) => c.notNull().references('groups.id').onDelete('cascade'))
    .addColumn('to_group_id', 'text', (c) => c.notNull().references('groups.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('flow', 'text')
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('started_on', 'text')
    .addColumn('visibility', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema.createTable('areas')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('geometry', 'text', (c) => c.notNull())
    .addColumn('population', 'integer')
    .addColumn('properties', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('min_lon', double, (c) => c.notNull())
    .addColumn('min_lat', double, (c) => c.notNull())
    .addColumn('max_lon', double, (c) => c.notNull())
    .addColumn('max_lat', double, (c) => c.notNull())
    .addColumn('centre_lon', double, (c) => c.notNull())
    .addColumn('centre_lat', double, (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema.createTable('reference_features')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('layer', 'text', (c) => c.notNull())
    .addColumn('name', 'text')
    .addColumn('geometry', 'text', (c) => c.notNull())
    .addColumn('properties', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('min_lon', double, (c) => c.notNull())
    .addColumn('min_lat', double, (c) => c.notNull())
    .addColumn('max_lon', double, (c) => c.notNull())
    .addColumn('max_lat', double, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('reference_features_layer').on('reference_features').column('layer').execute();

  await db.schema.createTable('change_log')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text')
    .addColumn('user_name', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('visibility', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('change_log_at').on('change_log').column('at').execute();

  await db.schema.createTable('settings')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['settings', 'change_log', 'reference_features', 'areas', 'links', 'sites', 'groups', 'sessions', 'invitations', 'users', 'function_types', 'domains']) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
