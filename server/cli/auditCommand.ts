import { renameSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { openDatabase, migrateToLatest } from '../db/database';
import { createServices } from '../services';
import { systemActor, type Actor } from '../services/context';
import { parseInput } from '../services/validate';
import { auditCreateSchema } from '../../shared/schemas/audit';
import type { AuditReport } from '../services/auditReport';
import { parseArgs, rejectUnknown, requiredOption, stringOption } from './args';
import type { CommandIo } from './io';
import { UNIT_WORDS, amount, percent, tallyChange, unknownSentence } from '../../shared/audit/words';

const AUDIENCES = ['public', 'member'] as const;
type ReportAudience = (typeof AUDIENCES)[number];

/**
 * `audit list --out <file>`,
 * `audit start --area <id> --label <words> --from <date> --to <date> --next <date>` and
 * `audit report <id | --latest> [--area <id>] --as public|member --format json|md --out <file>`.
 * A report holds only what its audience may see, like the API.
 */
export async function auditCommand(argv: string[], io: CommandIo): Promise<void> {
  const [sub, ...rest] = argv;
  if (sub === 'list') return listAudits(rest, io);
  if (sub === 'report') return reportAudit(rest, io);
  if (sub === 'start') return startAudit(rest, io);
  throw new Error(`audit needs list, start or report (got ${sub ? `“${sub}”` : 'nothing'})`);
}

async function listAudits(argv: string[], io: CommandIo): Promise<void> {
  const args = parseArgs(argv);
  rejectUnknown(args, ['db', 'out', 'as', 'area'], 'audit list');
  const as = audienceOption(args, 'member');
  const out = resolve(requiredOption(args, 'out'));
  await withServices(args, async (services) => {
    const audits = await services.audits.list(actorAs(as), { areaId: stringOption(args, 'area') });
    writeAtomically(out, JSON.stringify({ audience: as, audits }, null, 2) + '\n');
    io.log(`kudzu: wrote ${audits.length} audit${audits.length === 1 ? '' : 's'} for the ${as} audience to ${out}`);
  });
}

/** Start a draft audit for an area, as the API does (refused while the area has one in progress). */
async function startAudit(argv: string[], io: CommandIo): Promise<void> {
  const args = parseArgs(argv);
  rejectUnknown(args, ['db', 'area', 'label', 'from', 'to', 'next'], 'audit start');
  const input = parseInput(auditCreateSchema, {
    areaId: requiredOption(args, 'area'),
    period: { label: requiredOption(args, 'label'), start: requiredOption(args, 'from'), end: requiredOption(args, 'to') },
    nextAuditOn: requiredOption(args, 'next'),
  });
  await withServices(args, async (services) => {
    const audit = await services.audits.create(systemActor(), input);
    io.log(`kudzu: started the draft audit “${audit.period.label}” (${audit.id}); open it in the app to answer its checks`);
  });
}

async function reportAudit(argv: string[], io: CommandIo): Promise<void> {
  const args = parseArgs(argv, new Set(['latest']));
  rejectUnknown(args, ['db', 'out', 'as', 'format', 'latest', 'area'], 'audit report');
  const latest = args.options.get('latest') === true;
  const [id, ...extra] = args.positionals;
  if (extra.length > 0) throw new Error(`audit report takes one audit id (got ${args.positionals.join(', ')})`);
  if (latest === (id !== undefined)) throw new Error('audit report needs an audit id or --latest (one of them)');
  const as = audienceOption(args);
  const format = requiredOption(args, 'format');
  if (format !== 'json' && format !== 'md') throw new Error(`--format must be json or md, not “${format}”`);
  const out = resolve(requiredOption(args, 'out'));
  await withServices(args, async (services) => {
    const actor = actorAs(as);
    const auditId = id ?? await services.audits.latestPublishedId(actor, stringOption(args, 'area'));
    const report = await services.audits.report(actor, auditId);
    writeAtomically(out, format === 'json' ? JSON.stringify(report, null, 2) + '\n' : reportMarkdown(report));
    io.log(`kudzu: wrote the ${report.period.label} audit of ${report.areaName} for the ${as} audience to ${out}`);
  });
}

function audienceOption(args: ReturnType<typeof parseArgs>, fallback?: ReportAudience): ReportAudience {
  const as = stringOption(args, 'as') ?? fallback;
  if (!as) throw new Error('--as is required (public or member)');
  if (!AUDIENCES.includes(as as ReportAudience)) throw new Error(`--as must be public or member, not “${as}”`);
  return as as ReportAudience;
}

function actorAs(role: ReportAudience): Actor {
  return { viewer: { userId: null, displayName: 'kudzu command line', role }, now: new Date() };
}

async function withServices(args: ReturnType<typeof parseArgs>, work: (services: ReturnType<typeof createServices>) => Promise<void>): Promise<void> {
  const database = openDatabase(stringOption(args, 'db'));
  try {
    await migrateToLatest(database.db);
    await work(createServices(database.db));
  } finally {
    await database.close();
  }
}

function writeAtomically(out: string, text: string): void {
  const partial = `${out}.partial-${process.pid}`;
  writeFileSync(partial, text);
  renameSync(partial, out);
}

/** The report as Markdown an assembly can read aloud: headline first, then why. */
export function reportMarkdown(report: AuditReport): string {
  const lines: string[] = [];
  const push = (...more: string[]) => lines.push(...more);
  const escape = (text: string) => text.replace(/([\\`*_[\]<>|#])/g, '\\$1');
  push(`# ${escape(report.areaName)} — audit ${escape(report.period.label)}`, '');
  push(report.preview ? `_Preview of a ${report.status} audit: figures come from the live map and may change._` : `Published ${report.publishedAt?.slice(0, 10) ?? ''}. Next audit: ${report.nextAuditOn ?? 'not set'}.`, '');
  push(`## ${escape(report.headline.text)}`, '');
  for (const reason of report.reasons) push(`- ${escape(reason)}`);
  push('');
  if (report.headlineChallenge) {
    push('## The headline challenge', '', `**${escape(report.headlineChallenge.title)}**${report.headlineChallenge.dueOn ? ` — due ${report.headlineChallenge.dueOn}` : ''}`, '');
    if (report.headlineChallenge.description) push(escape(report.headlineChallenge.description), '');
  }
  push('## Domains', '', '| Domain | Governed | Score | Coverage | Need |', '| --- | --- | --- | --- | --- |');
  for (const domain of report.domains) {
    push(`| ${escape(domain.label)} | ${domain.assessed ? (domain.governed ? 'yes' : 'no') : 'not assessed'} | ${domain.score === null ? '—' : percent(domain.score)} | ${domain.coverage === null ? '—' : percent(domain.coverage)} | ${domain.need === null ? '—' : `${amount(domain.need)} ${UNIT_WORDS[domain.unit]}`} |`);
  }
  push('');
  for (const domain of report.domains.filter((entry) => entry.assessed)) {
    push(`### ${escape(domain.label)}`, '');
    for (const reason of domain.reasons) push(`- ${escape(reason)}`);
    push('');
  }
  if (report.tallies.length > 0) {
    push('## Tallies', '');
    for (const tally of report.tallies) push(`- **${amount(tally.count)}** ${escape(tally.name)}`);
    push('');
  }
  if (report.unknowns.count > 0) {
    push('## Unknown answers', '', `${unknownSentence({ ...report.unknowns, preview: report.preview })} Unknown counts as 0, never as a pass.`, '');
  }
  if (report.testimonies.length > 0) {
    push('## Testimonies', '');
    for (const testimony of report.testimonies) push(`> ${escape(testimony.text)}`, `> — ${escape(testimony.teller)}`, '');
  }
  if (report.diff && report.previous) {
    push(`## Since ${escape(report.previous.label)}`, '');
    for (const reason of report.diff.reasons) push(`- ${escape(reason)}`);
    if (report.diff.sitesOpened.length) push(`- Opened: ${report.diff.sitesOpened.map((site) => escape(site.name)).join(', ')}`);
    if (report.diff.sitesClosed.length) push(`- Closed: ${report.diff.sitesClosed.map((site) => escape(site.name)).join(', ')}`);
    for (const tally of [...report.diff.talliesUp, ...report.diff.talliesDown]) push(`- ${escape(tallyChange(tally))}`);
    push('');
  }
  const others = report.challenges.filter((challenge) => challenge.id !== report.headlineChallenge?.id);
  if (others.length > 0) {
    push('## Other open challenges', '');
    for (const challenge of others) push(`- ${escape(challenge.title)} (${challenge.status.replace('_', ' ')})`);
    push('');
  }
  return lines.join('\n');
}

