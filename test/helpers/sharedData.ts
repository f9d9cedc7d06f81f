import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

/** The repository's root, and the real-data folder beside it (../shared/data). */
export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
export const sharedData = join(repoRoot, '..', 'shared', 'data');
export const sharedDataPresent = existsSync(sharedData);
export const sharedDataRequired = process.env.KUDZU_REQUIRE_SHARED_DATA === '1';

/** The path of a real data file; throws in CI if the folder is missing. */
export function dataFile(...parts: string[]): string {
  if (!sharedDataPresent && sharedDataRequired) throw new Error(`KUDZU_REQUIRE_SHARED_DATA=1 but ${sharedData} is missing`);
  return join(sharedData, ...parts);
}

/** Why real-data tests skip here, or null when they run. */
export const sharedDataSkipReason = sharedDataPresent ? null : `the real-data folder ${sharedData} is absent`;

/**
 * True where real-data tests should skip: the folder is absent and nobody requires it.
 * With KUDZU_REQUIRE_SHARED_DATA=1 (CI) they run, and fail on the missing files.
 */
export const skipRealData = !sharedDataPresent && !sharedDataRequired;
