import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { FUNCTION_TYPES } from '../../../shared/taxonomy/functionTypes';
import { importOptionsSchema, type ImportOptionsInput } from '../../../shared/import/importOptions';

export const types = FUNCTION_TYPES.map((type) => ({ id: type.id, label: type.label }));

export function fixture(name: string): string {
  return readFileSync(fileURLToPath(new URL(`../../fixtures/import/${name}`, import.meta.url)), 'utf8');
}

export function options(input: ImportOptionsInput = {}) {
  return importOptionsSchema.parse(input);
}
