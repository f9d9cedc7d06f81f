import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const WEB = join(ROOT, 'web', 'src');
const COLOUR_LITERAL = /#[0-9a-fA-F]{3,8}\b|\brgba?\(|\bhsla?\(/g;

function svelteFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return svelteFiles(path);
    return entry.name.endsWith('.svelte') ? [path] : [];
  });
}

function declaredVariables(block: string): string[] {
  return [...block.matchAll(/(--[\w-]+)\s*:/g)].map((match) => match[1]).sort();
}

describe('colours come from the theme', () => {
  it('no component style block writes a colour literal', () => {
    const literals = svelteFiles(WEB)
      .map((path) => relative(ROOT, path))
      .flatMap((path) => {
        const styles = [...readFileSync(join(ROOT, path), 'utf8').matchAll(/<style>([\s\S]*?)<\/style>/g)].map((match) => match[1]).join('\n');
        return [...styles.matchAll(COLOUR_LITERAL)].map((match) => `${path}: ${match[0]}`);
      });
    expect(literals).toEqual([]);
  });

  it('the contrast theme gives every colour variable a value of its own', () => {
    const css = readFileSync(join(WEB, 'theme.css'), 'utf8');
    const light = /:root\s*\{([\s\S]*?)\n\}/.exec(css)?.[1] ?? '';
    const contrast = /:root\[data-theme='contrast'\]\s*\{([\s\S]*?)\n\}/.exec(css)?.[1] ?? '';
    expect(declaredVariables(light).length).toBeGreaterThan(40);
    expect(declaredVariables(contrast)).toEqual(declaredVariables(light));
  });

  it('every variable a component uses is defined by the theme', () => {
    const defined = new Set(declaredVariables(readFileSync(join(WEB, 'theme.css'), 'utf8')));
    const unknown = svelteFiles(WEB).flatMap((path) => {
      const text = readFileSync(path, 'utf8');
      // Variables a component sets for itself (style:--colour=…, --red: …) are its own business.
      const local = new Set([...text.matchAll(/style:(--[\w-]+)/g), ...text.matchAll(/(--[\w-]+)\s*:/g)].map((match) => match[1]));
      return [...text.matchAll(/var\((--[\w-]+)/g)].map((match) => match[1])
        .filter((name) => !defined.has(name) && !local.has(name))
        .map((name) => `${relative(ROOT, path)}: ${name}`);
    });
    expect(unknown).toEqual([]);
  });
});
