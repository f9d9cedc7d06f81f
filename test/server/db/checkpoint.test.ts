/**
 * SQLite keeps recent writes in its write-ahead log (`kudzu.sqlite-wal`): a copy of the
 * `.sqlite` file alone holds them only once they are checkpointed into it.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { copyFileSync, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkpointEvery, migrateToLatest, openDatabase } from '../../../server/db/database';
import { SettingsRepository } from '../../../server/repositories/settings.repository';

async function settingInCopyOf(file: string, directory: string): Promise<string | null> {
  const copy = join(directory, `copy-${Math.random().toString(36).slice(2)}.sqlite`);
  copyFileSync(file, copy);
  const database = openDatabase(copy);
  try {
    return (await new SettingsRepository(database.db).get('backup-test').catch(() => null)) ?? null;
  } finally {
    await database.close();
  }
}

describe('checkpointing the SQLite write-ahead log', () => {
  let directory: string;
  let file: string;
  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 'kudzu-checkpoint-'));
    file = join(directory, 'kudzu.sqlite');
  });
  afterEach(() => rmSync(directory, { recursive: true, force: true }));

  it('a copy of the database file alone misses recent writes until a checkpoint puts them in it', async () => {
    const database = openDatabase(file);
    await migrateToLatest(database.db);
    await new SettingsRepository(database.db).set('backup-test', 'kept');
    expect(statSync(`${file}-wal`).size).toBeGreaterThan(0);
    expect(await settingInCopyOf(file, directory)).toBeNull();
    expect(await database.checkpoint()).toBe(true);
    expect(statSync(`${file}-wal`).size).toBe(0);
    expect(await settingInCopyOf(file, directory)).toBe('kept');
    await database.close();
  });

  it('closing checkpoints, so the file is whole after a shutdown', async () => {
    const database = openDatabase(file);
    await migrateToLatest(database.db);
    await new SettingsRepository(database.db).set('backup-test', 'kept at close');
    await database.close();
    expect(existsSync(`${file}-wal`) ? statSync(`${file}-wal`).size : 0).toBe(0);
    expect(await settingInCopyOf(file, directory)).toBe('kept at close');
  });

  it('the timer checkpoints while the database stays open', async () => {
    const database = openDatabase(file);
    await migrateToLatest(database.db);
    const failures: unknown[] = [];
    const stop = checkpointEvery(database, 20, (error) => failures.push(error));
    await new SettingsRepository(database.db).set('backup-test', 'kept by the timer');
    await new Promise((done) => setTimeout(done, 150));
    stop();
    expect(failures).toEqual([]);
    expect(await settingInCopyOf(file, directory)).toBe('kept by the timer');
    await database.close();
  });
});
