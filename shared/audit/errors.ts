import { KudzuError } from '../errors';
import type { KudzuErrorCode, KudzuErrorDetails } from '../errors';

/**
 * Why an audit operation was refused. The server's error formatter sees a KudzuError
 * (code CONFLICT, INVALID_STATE or BAD_INPUT); screens may switch on `reason` to say more.
 */
export type AuditErrorReason =
  | 'audit.illegal_transition'
  | 'audit.published_is_frozen'
  | 'audit.unknown_answers_not_acknowledged'
  | 'audit.no_headline'
  | 'audit.several_headlines'
  | 'answer.stale_version'
  | 'answer.not_applicable_not_allowed'
  | 'answer.check_retired'
  | 'answer.unknown_check'
  | 'checklist.duplicate_key'
  | 'checklist.unknown_check'
  | 'checklist.already_retired'
  | 'checklist.bad_weight'
  | 'challenge.illegal_transition'
  | 'challenge.evidence_required'
  | 'challenge.not_found';

const kudzuCodeFor: Record<AuditErrorReason, KudzuErrorCode> = {
  'audit.illegal_transition': 'INVALID_STATE',
  'audit.published_is_frozen': 'INVALID_STATE',
  'audit.unknown_answers_not_acknowledged': 'INVALID_STATE',
  'audit.no_headline': 'INVALID_STATE',
  'audit.several_headlines': 'INVALID_STATE',
  'answer.stale_version': 'CONFLICT',
  'answer.not_applicable_not_allowed': 'BAD_INPUT',
  'answer.check_retired': 'BAD_INPUT',
  'answer.unknown_check': 'NOT_FOUND',
  'checklist.duplicate_key': 'CONFLICT',
  'checklist.unknown_check': 'NOT_FOUND',
  'checklist.already_retired': 'INVALID_STATE',
  'checklist.bad_weight': 'BAD_INPUT',
  'challenge.illegal_transition': 'INVALID_STATE',
  'challenge.evidence_required': 'BAD_INPUT',
  'challenge.not_found': 'NOT_FOUND',
};

export class AuditError extends KudzuError {
  constructor(
    readonly reason: AuditErrorReason,
    message: string,
    details: KudzuErrorDetails = {},
  ) {
    super(kudzuCodeFor[reason], message, details);
  }
}

export function isAuditError(error: unknown): error is AuditError {
  return error instanceof AuditError;
}
