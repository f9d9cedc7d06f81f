import type { Repositories } from '../repositories';
import { DEFAULT_AUDIT_RULES } from '../../shared/audit/scoreAudit';
import type { AuditRules } from '../../shared/audit/types';

/** The settings key of the network's governed thresholds (JSON of `AuditRules`). */
export const THRESHOLDS_SETTING = 'audit_rules';

/**
 * The thresholds the network governs, which a new audit copies: as stewards last set them;
 * before they ever did, those of the network's latest audit (a network that set thresholds per
 * audit carries on from them); with no audit either, Kudzu's defaults.
 */
export async function networkThresholds(repos: Repositories): Promise<AuditRules> {
  const stored = await repos.settings.getJson(THRESHOLDS_SETTING) as Partial<AuditRules> | undefined;
  if (stored) return { ...DEFAULT_AUDIT_RULES, ...stored };
  const [latest] = await repos.audits.summaries();
  const row = latest ? await repos.audits.get(latest.id) : undefined;
  return { ...DEFAULT_AUDIT_RULES, ...(row?.rules ?? {}) };
}
