import { AuditError } from './errors';
import type { Check, DateString } from './types';

/**
 * Edits a network makes to its checklist. Each returns a new list; none mutates. Rewording
 * or reweighting bumps the check's version; retiring keeps the check so old audits still
 * read. Audits copy the checks they ask (checksForAudit), so edits never change them.
 */

export interface NewCheck {
  key: string;
  question: string;
  description: string;
  weight: number;
  mayNotApply: boolean;
}

export function addCheck(checklist: readonly Check[], check: NewCheck, on: DateString): Check[] {
  if (checklist.some((existing) => existing.key === check.key)) {
    throw new AuditError('checklist.duplicate_key', `key "${check.key}" is already used by another check; pick another`, { field: 'key' });
  }
  assertWeight(check.weight);
  return [...checklist, { ...check, version: 1, addedOn: on, retiredOn: null }];
}

export function rewordCheck(
  checklist: readonly Check[],
  key: string,
  words: { question?: string; description?: string; mayNotApply?: boolean },
): Check[] {
  return replace(checklist, key, (check) => ({
    ...check,
    question: words.question ?? check.question,
    description: words.description ?? check.description,
    mayNotApply: words.mayNotApply ?? check.mayNotApply,
    version: check.version + 1,
  }));
}

export function reweightCheck(checklist: readonly Check[], key: string, weight: number): Check[] {
  assertWeight(weight);
  return replace(checklist, key, (check) => ({ ...check, weight, version: check.version + 1 }));
}

export function retireCheck(checklist: readonly Check[], key: string, on: DateString): Check[] {
  return replace(checklist, key, (check) => {
    if (check.retiredOn !== null) {
      throw new AuditError('checklist.already_retired', `the check "${key}" was already retired on ${check.retiredOn}`, { field: 'key' });
    }
    return { ...check, retiredOn: on };
  });
}

/** The checks an audit on this date asks, copied so later edits leave the audit alone. */
export function checksForAudit(checklist: readonly Check[], on: DateString): Check[] {
  return checklist
    .filter((check) => check.retiredOn === null || check.retiredOn > on)
    .map((check) => ({ ...check, retiredOn: null }));
}

function replace(checklist: readonly Check[], key: string, change: (check: Check) => Check): Check[] {
  if (!checklist.some((check) => check.key === key)) {
    throw new AuditError('checklist.unknown_check', `key "${key}" is not a check in this checklist`, { field: 'key' });
  }
  return checklist.map((check) => (check.key === key ? change(check) : check));
}

function assertWeight(weight: number): void {
  if (!Number.isFinite(weight) || weight <= 0 || weight > 10) {
    throw new AuditError('checklist.bad_weight', `weight must be a number above 0 and at most 10, got ${weight}`, { field: 'weight' });
  }
}
