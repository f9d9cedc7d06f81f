/**
 * The privacy generation: a token that changes whenever a tier or a precision changes
 * anywhere (a site's, a group's, a testimony's, a reference layer's). Every such change
 * passes through `privacyChanged`, inside the transaction that makes it, so anything kept
 * per audience (a presented audit, a report, an analysis) can be keyed on
 * `privacyGeneration` and is never served after what it shows became more secret.
 */
import { randomUUID } from 'node:crypto';
import type { Repositories } from '../repositories';

const KEY = 'privacy_generation';

export async function privacyChanged(repos: Repositories): Promise<void> {
  // A fresh token rather than a counter: two changes at once can never leave the same value.
  await repos.settings.set(KEY, randomUUID());
}

/** The current token; 'initial' until the first change. */
export async function privacyGeneration(repos: Repositories): Promise<string> {
  return (await repos.settings.get(KEY)) ?? 'initial';
}
