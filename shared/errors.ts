/**
 * Errors a user can cause: a bad file, a bad field, a forbidden action. Each carries a
 * code and a message that names the row, field or permission, so it reaches the person as
 * a sentence rather than a stack trace.
 */
export type KudzuErrorCode =
  | 'BAD_INPUT'
  | 'NOT_FOUND'
  | 'FORBIDDEN'
  | 'UNAUTHENTICATED'
  | 'CONFLICT'
  | 'TOO_LARGE'
  | 'RATE_LIMITED'
  | 'INVALID_STATE';

export interface KudzuErrorDetails {
  /** The field at fault, as a dotted path ("geometry.coordinates.1"). */
  field?: string;
  /** The 1-based row (or feature number) in an imported file. */
  row?: number;
  /** The file at fault. */
  file?: string;
  /** The permission that was missing ("steward"). */
  permission?: string;
}

export class KudzuError extends Error {
  override readonly name = 'KudzuError';
  constructor(
    readonly code: KudzuErrorCode,
    message: string,
    readonly details: KudzuErrorDetails = {},
  ) {
    super(message);
  }
}

export function isKudzuError(error: unknown): error is KudzuError {
  return error instanceof KudzuError;
}
