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
const watched = ['server/services', 'server/trpc/routers', 'server/http/routes.ts', 'server/import', 'server/export', 'server/cli'];

/** What deciding privacy inline looks like in source. */
const inlineDecisions: { what: string; pattern: RegExp }[] = [
  { what: 'a role compared inline', pattern: /\brole\s*[!=]==?|[!=]==?\s*[\w.]*\brole\b/ },
  { what: 'a tier compared inline', pattern: /[!=]==?\s*'(public|members|stewards)'|'(public|members|stewards)'\s*[!=]==?/ },
  { what: 'a precision compared inline', pattern: /[!=]==?\s*'(exact|block|area|none)'|'(exact|block|area|none)'\s*[!=]==?/ },
  { what: 'a tier order written out', pattern: /\[\s*'public',\s*'members'/ },
  { what: 'the tier helpers called directly', pattern: /\b(canSeeTier|visibleTiers|seesExactLocations|roleAtLeast)\s*\(|\bTIERS\b|\bPRECISIONS\b/ },
  { what: 'the audience built by hand', pattern: /\baudienceFor\s*\(/ },
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

function inlineDecisionsIn(files: string[]): string[] {
  const found: string[] = [];
  for (const file of files) {
    codeOf(readFileSync(file, 'utf8')).forEach((line, index) => {
      for (const { what, pattern } of inlineDecisions) {
        if (pattern.test(line)) found.push(`${relative(root, file)}:${index + 1}: ${what}: ${line.trim()}`);
      }
    });
  }
  return found;
}

describe('the audience policy is the one place privacy is decided', () => {
  it('no service, router, route, import, export or command compares roles, tiers or precisions itself', () => {
    const files = watched.flatMap(sourceFiles);
    expect(files.length).toBeGreaterThan(20);
    expect(inlineDecisionsIn(files)).toEqual([]);
  });

  it('the check finds an inline decision when there is one', () => {
    const probe = join(root, 'test/server/privacy/policyBoundary.test.ts');
    const text = readFileSync(probe, 'utf8');
    expect(text).toContain("if (actor.viewer.role === 'public') return [];".replace('', ''));
    expect(inlineDecisionsIn([probe]).some((line) => line.includes('a role compared inline'))).toBe(true);
  });

  it('presenters and repositories do not reach across: presenters read no table types, repositories import no presenter', () => {
    const presenters = sourceFiles('server/privacy').map((file) => [file, readFileSync(file, 'utf8')] as const);
    expect(presenters.filter(([, text]) => /from '\.\.\/db\/schema'/.test(text)).map(([file]) => relative(root, file))).toEqual([]);
    const repositories = sourceFiles('server/repositories').map((file) => [file, readFileSync(file, 'utf8')] as const);
    expect(repositories.filter(([, text]) => /from '\.\.\/privacy\/(audience|auditPresenter)'/.test(text)).map(([file]) => relative(root, file))).toEqual([]);
  });
});
