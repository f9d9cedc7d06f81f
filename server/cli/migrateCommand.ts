import { openDatabase, migrateToLatest } from '../db/database';
import { createServices } from '../services';
import { parseArgs, rejectUnknown, stringOption } from './args';
import type { CommandIo } from './io';

export async function migrateCommand(argv: string[], io: CommandIo): Promise<void> {
  const args = parseArgs(argv);
  rejectUnknown(args, ['db'], 'migrate');
  const database = openDatabase(stringOption(args, 'db'));
  try {
    const applied = await migrateToLatest(database.db);
    await createServices(database.db).taxonomy.seed();
    io.log(applied.length ? `kudzu: applied ${applied.join(', ')} to ${database.location}` : `kudzu: ${database.location} is up to date`);
  } finally {
    await database.close();
  }
}
