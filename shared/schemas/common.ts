import { z } from 'zod';
import { PRECISIONS, ROLES, TIERS } from '../privacy/roles';

export const idSchema = z.string().min(1).max(100);
export const roleSchema = z.enum(ROLES);
export const tierSchema = z.enum(TIERS);
export const precisionSchema = z.enum(PRECISIONS);
/** A calendar date, YYYY-MM-DD. */
export const dateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date must be written YYYY-MM-DD');
export const nameSchema = z.string().trim().min(1, 'a name is required').max(200, 'a name is at most 200 characters');
export const textSchema = z.string().max(5000, 'at most 5,000 characters');

/**
 * The dotted path of the first string (or key) in an input that holds U+0000, or null.
 * No field anywhere takes a NUL: PostgreSQL cannot store one in text, and no person types
 * one, so every API input is checked for it once, before its schema.
 */
export function fieldWithNul(value: unknown, path: readonly (string | number)[] = []): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? (path.length ? path.join('.') : 'input') : null;
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) {
      const found = fieldWithNul(value[index], [...path, index]);
      if (found) return found;
    }
    return null;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      if (key.includes('\u0000')) return [...path, key].join('.');
      const found = fieldWithNul(inner, [...path, key]);
      if (found) return found;
    }
  }
  return null;
}

export const NUL_MESSAGE = 'must not contain the NUL character (U+0000)';
