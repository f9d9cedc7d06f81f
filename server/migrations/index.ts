import type { Migration } from 'kysely/migration';
import * as initial from './20261121T1200_initial';
import * as audits from './20261121T1300_audits';
import * as privacyGeneration from './20261129T0940_privacy_generation';
import * as federation from './20261129T1045_federation';

/** Every migration, by name; names sort in the order they run. */
export const migrations: Record<string, Migration> = {
  '20261121T1200_initial': initial,
  '20261121T1300_audits': audits,
  '20261129T0940_privacy_generation': privacyGeneration,
  '20261129T1045_federation': federation,
};
