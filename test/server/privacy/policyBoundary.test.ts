/**
 * Who may see what, and how precisely, is decided in one place: `server/privacy/policy.ts`.
 * This test reads the source of every service, router and HTTP route and fails when one of
 * them decides it itself — compares a role, tests a tier, or asks the tier helpers directly.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const watched = ['server/services', 'server/trpc/routers', 'server/http/routes.ts', 'server/import', 'server/export'];

/** What deciding privacy inline looks like in source. */
const inlineDecisions: { what: string; pattern: RegExp }[] = [
  { what: 'a role compared inline', pattern: /\brole\s*[!=]==?|[!=]==?\s*[\w.]*\brole\b/ },
  { what: 'a tier compared inline', pattern: /[!=]==?\s*'(public|members|stewards)'|'(public|members|stewards)'\s*[!=]==?/ },
  { what: 'a precision compared inline', pattern: /[!=]==?\s*'(exact|block|area|none)'|'(exact|block|area|none)'\s*[!=]==?/ },
  { what: 'a tier order written out', pattern: /\[\s*'public',\s*'members'/ },
  { what: 'the tier helpers called directly', pattern: /\b(canSeeTier|visibleTiers|seesExactLocations|roleAtLeast)\s*\(|\bTIERS\b|\bPRECISIONS\b/ },
];

function sourceFiles(path: string): string[] {
  const full = join(root, path);
  if (statSync(full).isFile()) return [full];
  return readdirSync(full).flatMap((name) => sourceFiles(join(path, name))).filter((file) => file.endsWith('.ts'));
}

/** Comments may talk about roles and tiers; only code is checked. */
function codeOf(text: string): string[] {
  return text.replace(/\/\*[\s\S]*?\*\//g, (comment) => comment.replace(/[^\n]/g, ' ')).split('\n').map((line) => line.replace(/\/\/.*$/, ''));
}

function inlineDecisionsInText(name: string, text: string): string[] {
  const found: string[] = [];
  codeOf(text).forEach((line, index) => {
    for (const { what, pattern } of inlineDecisions) {
      if (pattern.test(line)) found.push(`${name}:${index + 1}: ${what}: ${line.trim()}`);
    }
  });
  return found;
}

function inlineDecisionsIn(files: string[]): string[] {
  return files.flatMap((file) => inlineDecisionsInText(relative(root, file), readFileSync(file, 'utf8')));
}

describe('the audience policy is the one place privacy is decided', () => {
  it('no service, router, route, import, export or command compares roles, tiers or precisions itself', () => {
    const files = watched.flatMap(sourceFiles);
    expect(files.length).toBeGreaterThan(20);
    expect(inlineDecisionsIn(files)).toEqual([]);
  });

  it('the check finds each kind of inline decision, in code but not in comments', () => {
    const service = [
      "if (actor.viewer.role === 'public') return [];",
      "const hidden = row.visibility !== 'public';",
      "if (site.precision === 'exact') return site.geometry;",
      "const order = ['public', 'members', 'stewards'];",
      'if (canSeeTier(actor.viewer.role, tier)) keep(row);',
      "// the public sees only published audits: role === 'public'",
    ].join('\n');
    const found = inlineDecisionsInText('probe.ts', service);
    for (const what of ['a role compared inline', 'a tier compared inline', 'a precision compared inline', 'a tier order written out', 'the tier helpers called directly']) {
      expect(found.some((line) => line.includes(what))).toBe(true);
    }
    expect(found.some((line) => line.startsWith('probe.ts:6:'))).toBe(false);
  });

  it('repositories import no presenter: they follow an audience, and the presenters shape what leaves', () => {
    const repositories = sourceFiles('server/repositories').map((file) => [file, readFileSync(file, 'utf8')] as const);
    expect(repositories.filter(([, text]) => /from '\.\.\/privacy\/(audience|auditPresenter)'/.test(text)).map(([file]) => relative(root, file))).toEqual([]);
  });
});
