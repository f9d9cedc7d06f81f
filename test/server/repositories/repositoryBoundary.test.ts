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

/**
 * The code of a source file without its comments and the text of its strings (a template's
 * `${…}` stays, it is code): what is left reads properties, SQL in a string never does.
 */
function codeOnly(text: string): string {
  let code = '';
  const templates: number[] = []; // brace depth at which each open template's `${` started
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    const inTemplate = templates.length > 0 && templates[templates.length - 1] === -1;
    if (inTemplate) {
      if (c === '\\') i++;
      else if (c === '`') { templates.pop(); code += '``'; }
      else if (c === '$' && text[i + 1] === '{') { templates[templates.length - 1] = depth; depth++; i++; code += ' '; }
      continue;
    }
    if (c === '/' && text[i + 1] === '/') { while (i < text.length && text[i] !== '\n') i++; code += '\n'; continue; }
    if (c === '/' && text[i + 1] === '*') { const end = text.indexOf('*/', i + 2); i = end === -1 ? text.length : end + 1; continue; }
    if (c === "'" || c === '"') {
      for (i++; i < text.length && text[i] !== c; i++) if (text[i] === '\\') i++;
      code += `${c}${c}`;
      continue;
    }
    if (c === '`') { templates.push(-1); continue; }
    if (c === '{') depth++;
    if (c === '}') {
      depth--;
      if (templates.length > 0 && templates[templates.length - 1] === depth) { templates[templates.length - 1] = -1; continue; }
    }
    code += c;
  }
  return code;
}

/** The fields of the table interfaces `names` in server/db/schema.ts. */
function columnsOf(schema: string, names: readonly string[]): Set<string> {
  const columns = new Set<string>();
  for (const name of names) {
    const body = new RegExp(`export interface ${name} \\{([^}]*)\\}`).exec(schema)?.[1];
    if (!body) throw new Error(`no interface ${name} in db/schema.ts`);
    for (const match of codeOnly(body).matchAll(/(\w+)\??:/g)) columns.add(match[1]);
  }
  return columns;
}

/**
 * The snake_case columns that only the site side's tables have (sites, groups, links, areas,
 * reference features): a property of that name read above the repositories can only be a
 * table row of theirs leaking out. Columns another table shares (`group_id` of an audit
 * answer, `shown_geometry` of a challenge) are left to that table's side.
 */
function siteSideColumns(): string[] {
  const schema = readFileSync(join(root, 'server/db/schema.ts'), 'utf8');
  const tables = [...schema.matchAll(/export interface (\w+Table) \{/g)].map((match) => match[1]);
  const mine = ['SiteTable', 'GroupTable', 'LinkTable', 'AreaTable', 'ReferenceFeatureTable', 'ReferenceLayerTable'];
  const others = columnsOf(schema, tables.filter((table) => !mine.includes(table)));
  return [...columnsOf(schema, mine)].filter((column) => column.includes('_') && !others.has(column)).sort();
}

/**
 * Each read of a site-side column (`site.function_type`, `area?.centre_lon`, `row['from_group_id']`)
 * in a file's code. A GeoJSON feature's `properties` and OpenStreetMap `tags` are outside data
 * whose keys may be spelled like a column (`opening_hours`): reads from them are not rows.
 */
function siteRowReads(name: string, text: string, columns: readonly string[]): Crossing[] {
  const alternatives = columns.join('|');
  const dotted = new RegExp(`(?<!\\b(?:properties|tags)\\??)\\??\\.\\s*(${alternatives})\\b`, 'g');
  const bracketed = new RegExp(`(?<!\\b(?:properties|tags))\\[\\s*(['"])(${alternatives})\\1\\s*\\]`, 'g');
  const reads = [...[...codeOnly(text).matchAll(dotted)].map((match) => match[1]), ...[...text.matchAll(bracketed)].map((match) => match[2])];
  return reads.map((column) => ({ file: name, what: `reads .${column} of a table row` }));
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

  it('no file above the repositories imports a table type: they receive domain objects', () => {
    expect(crossings.filter((crossing) => crossing.what.startsWith('imports a table type'))).toEqual([]);
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

  it('no file above the repositories reads a snake_case column of a site, group, link, area or reference feature: they receive domain objects', () => {
    const columns = siteSideColumns();
    expect(columns).toEqual(expect.arrayContaining(['function_type', 'opening_hours', 'from_group_id', 'to_group_id', 'founded_on', 'centre_lon', 'min_lon']));
    expect(files.flatMap(({ name, text }) => siteRowReads(name, text, columns))).toEqual([]);
  });

  it('the column check finds a row read in code, and not the same words in SQL, strings or comments', () => {
    const columns = siteSideColumns();
    const probe = [
      "const kind = site.function_type;",
      "const centre = [area?.centre_lon, area?.centre_lat];",
      "const from = link['from_group_id'];",
      "const summary = `closed on ${site.closed_on}`;",
      "// a comment may name site.opened_on",
      "const query = sql`select sites.function_type from sites`;",
      "const column = 'sites.min_lon';",
      "const site = { functionType: row.functionType };",
      "const hours = feature.properties.opening_hours ?? tags.opening_hours;",
    ].join('\n');
    expect(siteRowReads('server/services/probe.ts', probe, columns).map((read) => read.what)).toEqual([
      'reads .function_type of a table row', 'reads .centre_lon of a table row', 'reads .centre_lat of a table row', 'reads .closed_on of a table row', 'reads .from_group_id of a table row',
    ]);
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
