/**
 * The `.kudzu` archive: one gzip-compressed file of JSON lines, written and read as a
 * stream so an instance of any size passes through bounded memory.
 *
 *   line 1   {"kudzuArchive":1,"schemaVersion":"<last migration>","createdAt":"…","withAccounts":false}
 *   then, for each table, in an order that satisfies its foreign keys:
 *            {"table":"sites","columns":["id","name",…]}
 *            ["demo-site-001","Shingle Garden",…]            one JSON array per row, ordered by id
 *            {"end":"sites","rows":156,"sha256":"<hex of the row lines, each with its newline>"}
 *   last     {"manifest":{"sites":{"rows":156,"sha256":"…"},…},"sha256":"<hex of every line before this one>"}
 *
 * Every table the database holds is in it. Without `withAccounts`, users are kept (their
 * names are part of the record: who answered, who moderated) but their password hashes are
 * replaced by ACCOUNTS_LEFT_OUT, which no password matches; sessions and invitations are
 * left out. Restore refuses an archive that is truncated, whose checksums do not match,
 * that comes from a newer schema than this Kudzu knows, or a database that is not empty.
 */
export const ARCHIVE_FORMAT_VERSION = 1;

/** Tables in the order they can be inserted (a table after every table it refers to). */
export const TABLE_ORDER = [
  'domains', 'function_types', 'users', 'invitations', 'sessions', 'groups', 'sites', 'links', 'areas',
  'reference_features', 'audit_checks', 'audits', 'audit_night_plans', 'audit_answers', 'audit_need_estimates', 'audit_tallies',
  'audit_testimonies', 'challenges', 'change_log', 'settings',
  'night_state', 'night_events', 'night_participants', 'night_ballots', 'night_submissions',
];

/** Tables only an archive made with accounts holds. */
export const ACCOUNT_TABLES = new Set(['sessions', 'invitations', 'night_participants']);

/** The password hash of a user restored from an archive without accounts: no password matches it. */
export const ACCOUNTS_LEFT_OUT = 'archived-without-account-secrets';

/** Tables a fresh, migrated database already fills (the seed taxonomy, the privacy generation counter): restore replaces them. */
export const SEEDED_TABLES = new Set(['domains', 'function_types', 'privacy_generation']);

export interface ArchiveHeader {
  kudzuArchive: number;
  schemaVersion: string;
  createdAt: string;
  withAccounts: boolean;
}

export interface TableSummary {
  rows: number;
  sha256: string;
}

/** Tables sorted for insertion: the known order first, any newer table after them by name. */
export function orderTables(names: readonly string[]): string[] {
  const known = TABLE_ORDER.filter((name) => names.includes(name));
  const newer = names.filter((name) => !TABLE_ORDER.includes(name)).sort();
  return [...known, ...newer];
}
