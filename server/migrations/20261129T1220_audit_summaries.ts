import type { Kysely } from 'kysely';

/**
 * A published audit keeps, beside its snapshot, the few figures lists and the trend chart
 * show (`summary`: headline, governed and assessed counts, each domain's score), so
 * `audits.list` and `audits.trend` never parse a snapshot. Filled at publication; here,
 * for audits already published, from their snapshots. Frozen once merged.
 */
interface StoredScores {
  scores: { headline: string; governedCount: number; assessedCount: number; domains: { domain: string; assessed: boolean; score: number | null; governed: boolean }[] };
}

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('audits').addColumn('summary', 'text').execute();
  const published = await db.selectFrom('audits').select(['id', 'snapshot']).where('status', '=', 'published').where('snapshot', 'is not', null).execute();
  for (const row of published as { id: string; snapshot: string }[]) {
    const { scores } = JSON.parse(row.snapshot) as StoredScores;
    const summary = {
      headline: scores.headline,
      governedCount: scores.governedCount,
      assessedCount: scores.assessedCount,
      domainScores: scores.domains.map(({ domain, assessed, score, governed }) => ({ domain, assessed, score, governed })),
    };
    await db.updateTable('audits').set({ summary: JSON.stringify(summary) }).where('id', '=', row.id).execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('audits').dropColumn('summary').execute();
}
