import { renameSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { openDatabase, migrateToLatest } from '../db/database';
import { createServices } from '../services';
import type { Actor } from '../services/context';
import { parseBasemap } from '../http/basemap';
import { parseArgs, rejectUnknown, requiredOption, stringOption } from './args';
import type { CommandIo } from './io';

const AUDIENCES = ['public', 'member'] as const;

/**
 * `zine --audit <id> | --latest --format pdf|svg --layout pages|booklet|mini --paper a4|letter
 * [--no-red] [--as public|member] [--basemap file.pmtiles] [--base-url URL] --out <file>`.
 * The zine holds only public data; `--as member` may also print a draft, watermarked DRAFT.
 */
export async function zineCommand(argv: string[], io: CommandIo): Promise<void> {
  const args = parseArgs(argv, new Set(['latest', 'no-red']));
  rejectUnknown(args, ['db', 'audit', 'latest', 'area', 'format', 'layout', 'paper', 'no-red', 'as', 'basemap', 'base-url', 'out'], 'zine');
  if (args.positionals.length > 0) throw new Error(`zine takes no positional arguments (got ${args.positionals.join(', ')}); name the audit with --audit <id> or --latest`);
  const auditOption = stringOption(args, 'audit');
  const latest = args.options.get('latest') === true || auditOption === 'latest';
  if (latest === (auditOption !== undefined && auditOption !== 'latest')) throw new Error('zine needs --audit <id> or --latest (one of them)');
  const as = stringOption(args, 'as') ?? 'public';
  if (!(AUDIENCES as readonly string[]).includes(as)) throw new Error(`--as must be public or member, not “${as}”`);
  const format = requiredOption(args, 'format');
  const out = resolve(requiredOption(args, 'out'));
  const basemap = parseBasemap(stringOption(args, 'basemap') ?? process.env.KUDZU_BASEMAP);
  const baseUrl = stringOption(args, 'base-url') ?? 'http://127.0.0.1:8787/';
  const database = openDatabase(stringOption(args, 'db'));
  try {
    await migrateToLatest(database.db);
    const services = createServices(database.db, { zine: { basemapFile: basemap.kind === 'pmtiles' ? basemap.file : undefined } });
    const actor: Actor = { viewer: { userId: null, displayName: 'kudzu command line', role: as as (typeof AUDIENCES)[number] }, now: new Date() };
    const auditId = latest ? await services.audits.latestPublishedId(actor, stringOption(args, 'area')) : (auditOption as string);
    const file = await services.zines.render(actor, {
      auditId,
      format: format as 'pdf',
      layout: (stringOption(args, 'layout') ?? 'pages') as 'pages',
      paper: (stringOption(args, 'paper') ?? 'a4') as 'a4',
      red: args.options.get('no-red') !== true,
    }, new URL(baseUrl).toString());
    const partial = `${out}.partial-${process.pid}`;
    writeFileSync(partial, file.bytes);
    renameSync(partial, out);
    io.log(`kudzu: wrote a ${file.pages}-page zine on ${file.sheets} sheet side${file.sheets === 1 ? '' : 's'} (${Math.round(file.bytes.length / 1024).toLocaleString('en')} KB) to ${out}`);
  } finally {
    await database.close();
  }
}
