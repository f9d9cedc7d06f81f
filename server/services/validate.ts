import type { z } from 'zod';
import { KudzuError } from '../../shared/errors';

/**
 * Services validate what they are given, whoever calls them (API, command line, import,
 * tests): a bad field becomes a BAD_INPUT error naming it.
 */
export function parseInput<Schema extends z.ZodType>(schema: Schema, value: unknown): z.output<Schema> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue.path.join('.');
  throw new KudzuError('BAD_INPUT', `${field || 'input'}: ${issue.message}`, field ? { field } : {});
}
