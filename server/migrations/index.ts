import type { Migration } from 'kysely/migration';
import * as initial from './20261121T1200_initial';

/** Every migration, by name; names sort in the order they run. */
export const migrations: Record<string, Migration> = {
  '20261121T1200_initial': initial,
};
