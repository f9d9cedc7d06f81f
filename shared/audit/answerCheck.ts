import { AuditError } from './errors';
import type { AnswerValue, Check, CheckAnswer, DateString, InstantString } from './types';

export interface AnswerCheckInput {
  auditId: string;
  groupId: string;
  checkKey: string;
  value: AnswerValue;
  evidence: string;
  evidenceUrl: string | null;
  answeredBy: string | null;
  /** The version the auditor saw: 0 when there was no answer yet. */
  expectedVersion: number;
}

/**
 * Record an answer, refusing a stale one (someone else answered since the auditor looked),
 * "not applicable" on a check that always applies, and checks retired before the audit.
 */
export function answerCheck(
  existing: CheckAnswer | null,
  input: AnswerCheckInput,
  checks: readonly Check[],
  context: { at: InstantString; asOf: DateString },
): CheckAnswer {
  const check = checks.find((candidate) => candidate.key === input.checkKey);
  if (!check) {
    throw new AuditError('answer.unknown_check', `checkKey "${input.checkKey}" is not a check of this audit`, { field: 'checkKey' });
  }
  if (check.retiredOn !== null && check.retiredOn <= context.asOf) {
    throw new AuditError('answer.check_retired', `the check "${check.question}" was retired on ${check.retiredOn} and is not asked at this audit`, { field: 'checkKey' });
  }
  if (input.value === 'not_applicable' && !check.mayNotApply) {
    throw new AuditError('answer.not_applicable_not_allowed', `value cannot be "not applicable": the check "${check.question}" applies to every group`, { field: 'value' });
  }
  const currentVersion = existing?.version ?? 0;
  if (input.expectedVersion !== currentVersion) {
    throw new AuditError(
      'answer.stale_version',
      `expectedVersion ${input.expectedVersion} is out of date: this answer is now at version ${currentVersion}${existing?.answeredBy ? `, last changed by ${existing.answeredBy}` : ''}; reload and answer again`,
      { field: 'expectedVersion' },
    );
  }
  return {
    auditId: input.auditId,
    groupId: input.groupId,
    checkKey: check.key,
    checkVersion: check.version,
    value: input.value,
    evidence: input.evidence,
    evidenceUrl: input.evidenceUrl,
    answeredBy: input.answeredBy,
    answeredAt: context.at,
    version: currentVersion + 1,
  };
}
