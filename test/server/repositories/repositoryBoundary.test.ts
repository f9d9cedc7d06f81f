/**
 * Repositories are the only database users (STYLE.md, habit 4). This test reads the source of
 * every file above them — services, presenters, routers, HTTP routes, the command line, import,
 * export and the demo loader — and fails when one imports Kysely or a table type, or (outside
 * the command line, which opens the database it is given) the database module.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const above = ['server/services', 'server/privacy', 'server/trpc', 'server/http', 'server/cli', 'server/main.ts', 'server/import', 'server/export', 'server/demo', 'server/zine'];
/** The command line and the process entry open the database and hand it to `createServices`. */
const opensTheDatabase = ['server/cli/', 'server/main.ts'];

/**
 * Files that still take table rows from the repositories (issue 7, item 2, not finished):
 * the list may only shrink. A file that no longer needs its table type must leave the list.
 */
const stillSeesRows = [
  'server/demo/loadDemo.ts',
  'server/import/importSites.ts',
  'server/services/access.service.ts',
  'server/services/area.service.ts',
  'server/services/site.service.ts',
  'server/services/siteRows.ts',
];

/**
 * The audit side is converted (issue 7, item 2): audits and their answers, need estimates,
 * tallies and testimonies, the checklist, challenges, audit night, accounts, sessions,
 * invitations, the change log, the taxonomy and the settings. Their snake_case column names
 * (read from the schema, less any the site side's tables share) must appear nowhere above
 * the repositories: neither read (`audit.period_end`) nor written (`{ audit_id: … }`).
 */
const SITE_SIDE_TABLES = ['sites', 'groups', 'links', 'areas', 'reference_features', 'reference_layers'];

function columnsByTable(schema: string): Map<string, string[]> {
  const interfaces = new Map([...schema.matchAll(/export interface (\w+) \{([^}]*)\}/g)].map((match) => [match[1], match[2]]));
  const database = interfaces.get('Database') ?? '';
  return new Map([...database.matchAll(/(\w+): (\w+);/g)].map(([, table, type]) => {
    const body = (interfaces.get(type) ?? '').replace(/\/\*[\s\S]*?\*\//g, '');
    return [table, [...body.matchAll(/(\w+)\??:/g)].map((match) => match[1])];
  }));
}

function auditSideColumns(schema: string): string[] {
  const tables = columnsByTable(schema);
  const siteSide = new Set(SITE_SIDE_TABLES.flatMap((table) => tables.get(table) ?? []));
  const auditSide = [...tables].filter(([table]) => !SITE_SIDE_TABLES.includes(table)).flatMap(([, columns]) => columns);
  return [...new Set(auditSide)].filter((column) => column.includes('_') && !siteSide.has(column)).sort();
}

/** Each place `text` reads or writes one of `columns` by name. */
function columnUses(name: string, text: string, columns: readonly string[]): Crossing[] {
  const pattern = new RegExp(`(?:\\.(${columns.join('|')})\\b)|(?:\\b(${columns.join('|')})\\s*:)`, 'g');
  return [...text.matchAll(pattern)].map((match) => ({ file: name, what: `uses the column ${match[1] ?? match[2]}` }));
}

function sourceFiles(path: string): string[] {
  const full = join(root, path);
  if (statSync(full).isFile()) return [full];
  return readdirSync(full).flatMap((name) => sourceFiles(join(path, name))).filter((file) => file.endsWith('.ts'));
}

/** The module each import statement of `text` names. */
function importsOf(text: string): string[] {
  return [...text.matchAll(/^\s*(?:import|export)\b[^;]*?\bfrom\s+'([^']+)'/gm), ...text.matchAll(/\bimport\(\s*'([^']+)'\s*\)/g)].map((match) => match[1]);
}

interface Crossing { file: string; what: string }

function crossingsIn(name: string, text: string): Crossing[] {
  const found: Crossing[] = [];
  for (const module of importsOf(text)) {
    if (module === 'kysely' || module.startsWith('kysely/')) found.push({ file: name, what: `imports ${module}` });
    if (/(^|\/)db\/schema$/.test(module)) found.push({ file: name, what: 'imports a table type (db/schema)' });
    if (/(^|\/)db\/database$/.test(module) && !opensTheDatabase.some((prefix) => name.startsWith(prefix))) found.push({ file: name, what: 'opens the database itself (db/database)' });
  }
  return found;
}

const files = above.flatMap(sourceFiles).map((file) => ({ name: relative(root, file), text: readFileSync(file, 'utf8') }));
const crossings = files.flatMap(({ name, text }) => crossingsIn(name, text));

describe('nothing above the repositories touches the database', () => {
  it('reads every service, presenter, router, route, command, import, export and demo file', () => {
    expect(files.length).toBeGreaterThan(60);
    expect(files.some(({ name }) => name === 'server/http/routes.ts')).toBe(true);
  });

  it('no file above the repositories imports Kysely or opens the database (the command line only opens it)', () => {
    expect(crossings.filter((crossing) => !crossing.what.startsWith('imports a table type'))).toEqual([]);
  });

  it('no file imports a table type, except the ones still being converted, and that list only shrinks', () => {
    const seeingRows = [...new Set(crossings.filter((crossing) => crossing.what.startsWith('imports a table type')).map((crossing) => crossing.file))].sort();
    expect(seeingRows).toEqual(stillSeesRows);
  });

  it('services hold the database as a Store and never reach for a handle', () => {
    const services = files.filter(({ name }) => name.startsWith('server/services/'));
    expect(services.filter(({ text }) => /Kysely<|\.selectFrom\(|\.transaction\(\)|handleOf\(/.test(text)).map(({ name }) => name)).toEqual([]);
    expect(files.filter(({ text }) => /services\.db\b/.test(text)).map(({ name }) => name)).toEqual([]);
  });

  it('the command line, the HTTP routes and the routers reach the data through services only', () => {
    const callers = files.filter(({ name }) => /^server\/(cli|http|trpc)\/|^server\/main\.ts$/.test(name));
    expect(callers.length).toBeGreaterThan(20);
    expect(callers.filter(({ text }) => importsOf(text).some((module) => /(^|\/)repositories(\/|$)/.test(module))).map(({ name }) => name)).toEqual([]);
  });

  it('no file above the repositories reads or writes a column of the audit side\'s tables', () => {
    const columns = auditSideColumns(readFileSync(join(root, 'server/db/schema.ts'), 'utf8'));
    expect(columns).toEqual(expect.arrayContaining(['period_end', 'snapshot_privacy', 'carried_over_to', 'vote_options', 'password_hash', 'entity_id', 'domain_id', 'check_key']));
    expect(columns).not.toContain('group_id');
    expect(files.flatMap(({ name, text }) => columnUses(name, text, columns))).toEqual([]);
  });

  it('the column check finds a read and a write, and leaves camelCase alone', () => {
    const columns = ['period_end', 'audit_id'];
    const probe = [
      'const end = row.period_end;',
      "await repos.audits.insertTally({ id, audit_id: input.auditId, name: 'x' });",
      'const fine = audit.period.end + tally.auditId;',
    ].join('\n');
    expect(columnUses('server/services/probe.ts', probe, columns).map((use) => use.what)).toEqual(['uses the column period_end', 'uses the column audit_id']);
  });

  it('the check finds each kind of crossing', () => {
    const probe = [
      "import type { Kysely } from 'kysely';",
      "import { sql } from 'kysely';",
      "import type { SiteTable } from '../db/schema';",
      "import { openDatabase } from '../db/database';",
      "const { loadDemo } = await import('../db/schema');",
      "import { repositories } from '../repositories';",
    ].join('\n');
    expect(crossingsIn('server/services/probe.ts', probe).map((crossing) => crossing.what)).toEqual([
      'imports kysely', 'imports kysely', 'imports a table type (db/schema)', 'opens the database itself (db/database)', 'imports a table type (db/schema)',
    ]);
    expect(crossingsIn('server/cli/probe.ts', "import { openDatabase } from '../db/database';")).toEqual([]);
  });
});
