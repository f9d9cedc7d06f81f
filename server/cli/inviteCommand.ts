import { openDatabase, migrateToLatest } from '../db/database';
import { createServices } from '../services';
import { systemActor } from '../services/context';
import { parseArgs, rejectUnknown, requiredOption, stringOption } from './args';
import type { CommandIo } from './io';

/** The way into a new instance: whoever runs the server can invite the first steward. */
export async function inviteCommand(argv: string[], io: CommandIo): Promise<void> {
  const args = parseArgs(argv);
  rejectUnknown(args, ['db', 'role', 'base-url', 'days'], 'invite');
  const role = requiredOption(args, 'role');
  if (role !== 'member' && role !== 'auditor' && role !== 'steward') throw new Error(`--role must be member, auditor or steward, not “${role}”`);
  const database = openDatabase(stringOption(args, 'db'));
  try {
    await migrateToLatest(database.db);
    const services = createServices(database.db);
    const days = Number(stringOption(args, 'days') ?? 14);
    const { token, expiresAt } = await services.auth.invite(systemActor(), role, 'from the command line', days);
    const base = (stringOption(args, 'base-url') ?? 'http://localhost:8787').replace(/\/$/, '');
    io.log(`${base}/#/join/${token}`);
    io.log(`kudzu: invitation for a ${role}, valid until ${expiresAt.slice(0, 10)}`);
  } finally {
    await database.close();
  }
}
