import { renameSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { openDatabase, migrateToLatest } from '../db/database';
import { createServices } from '../services';
import type { Actor } from '../services/context';
import { parseArgs, rejectUnknown, requiredOption, stringOption } from './args';
import type { CommandIo } from './io';
import { REASON_LABELS, type Recommendations } from '../../shared/schemas/federation';

const AUDIENCES = ['public', 'member', 'steward'] as const;
type Audience = (typeof AUDIENCES)[number];

/**
 * `federation recommend [--group <id>] [--top 10] --as public|member|steward --format json|md --out <file>`:
 * the same recommendations the app shows, from the same service, for that audience.
 */
export async function federationCommand(argv: string[], io: CommandIo): Promise<void> {
  const [sub, ...rest] = argv;
  if (sub !== 'recommend') throw new Error(`federation needs recommend (got ${sub ? `“${sub}”` : 'nothing'})`);
  const args = parseArgs(rest);
  rejectUnknown(args, ['db', 'group', 'top', 'as', 'format', 'out'], 'federation recommend');
  const as = stringOption(args, 'as');
  if (!as) throw new Error('--as is required (public, member or steward)');
  if (!AUDIENCES.includes(as as Audience)) throw new Error(`--as must be public, member or steward, not “${as}”`);
  const format = requiredOption(args, 'format');
  if (format !== 'json' && format !== 'md') throw new Error(`--format must be json or md, not “${format}”`);
  const topText = stringOption(args, 'top') ?? '10';
  const top = Number(topText);
  if (!Number.isInteger(top) || top < 1 || top > 100) throw new Error(`--top must be a whole number from 1 to 100, not “${topText}”`);
  const out = resolve(requiredOption(args, 'out'));
  const database = openDatabase(stringOption(args, 'db'));
  try {
    await migrateToLatest(database.db);
    const actor: Actor = { viewer: { userId: null, displayName: 'kudzu command line', role: as as Audience }, now: new Date() };
    const result = await createServices(database.db).federation.recommend(actor, { groupId: stringOption(args, 'group') ?? null, top });
    const partial = `${out}.partial-${process.pid}`;
    writeFileSync(partial, format === 'json' ? JSON.stringify(result, null, 2) + '\n' : recommendationsMarkdown(result));
    renameSync(partial, out);
    io.log(`kudzu: wrote ${result.recommendations.length} recommendation${result.recommendations.length === 1 ? '' : 's'} for the ${as} audience to ${out}`);
  } finally {
    await database.close();
  }
}

/** Recommendations as Markdown: each candidate pact, its score, and every part with its sentence. */
export function recommendationsMarkdown(result: Recommendations): string {
  const escape = (text: string) => text.replace(/([\\`*_[\]<>|#])/g, '\\$1');
  const lines = ['# Which pact to make next', ''];
  if (result.auditLabel && result.headlineNow) lines.push(`From the ${escape(result.auditLabel)} audit: ${escape(result.headlineNow)}.`, '');
  lines.push(`Weights: ${Object.entries(result.weights).map(([kind, weight]) => `${REASON_LABELS[kind as keyof typeof REASON_LABELS].toLowerCase()} ${weight}`).join(', ')}. ${result.candidateCount} candidate pairs scored.`, '');
  result.recommendations.forEach((entry, index) => {
    lines.push(`## ${index + 1}. ${escape(entry.fromName)} and ${escape(entry.toName)} — score ${entry.score}`, '');
    if (entry.headlineAfter) lines.push(`**${escape(entry.headlineAfter)}**`, '');
    lines.push('| Part | Value × weight | Points | Why |', '| --- | --- | --- | --- |');
    for (const reason of entry.reasons) lines.push(`| ${REASON_LABELS[reason.kind]} | ${reason.value} × ${reason.weight} | ${reason.points} | ${escape(reason.sentence)} |`);
    lines.push('');
  });
  if (result.recommendations.length === 0) lines.push('No candidate pact has anything to say for it yet.', '');
  return lines.join('\n');
}
