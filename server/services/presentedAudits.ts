import { createHash } from 'node:crypto';
import type { Role } from '../../shared/privacy/roles';

export type PresentationKind = 'get' | 'report';

/**
 * A published audit never changes, so what each audience is shown of it is built once and
 * kept — keyed on the audit, the audience and the privacy generation (stored in the
 * database and raised by every change of a tier, precision, location or publication), so a
 * copy is never served after something it shows has become more secret, in this process or
 * any other. Concurrent requests for the same copy share one build.
 */
export class PresentedAudits {
  private readonly entries = new Map<string, Promise<unknown>>();
  constructor(private readonly capacity = 500) {}

  getOrBuild<T>(tag: string, build: () => Promise<T>): Promise<T> {
    const existing = this.entries.get(tag);
    if (existing) return existing as Promise<T>;
    const built = build();
    this.entries.set(tag, built);
    built.catch(() => this.entries.delete(tag));
    // Keys of older generations are never asked for again; the oldest entries go first.
    while (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as string);
    return built;
  }
}

/** The entity tag of one presentation: it changes whenever what that audience is shown could. */
export function presentationTag(kind: PresentationKind, auditId: string, role: Role, generation: number): string {
  return createHash('sha256').update(JSON.stringify([kind, auditId, role, generation])).digest('base64url').slice(0, 27);
}
