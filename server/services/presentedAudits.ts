import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { Role } from '../../shared/privacy/roles';

/** What is kept per audience and generation: a published audit (`get`, `report`) or a challenge list. */
export type PresentationKind = 'get' | 'report' | 'challenges';

/**
 * A published audit never changes, so what each audience is shown of it is built once and
 * kept — keyed on the audit, the audience and the privacy generation (stored in the
 * database and raised by every change of a tier, precision, location or publication, and by
 * every write to a challenge), so a copy is never served after something it shows has
 * become more secret, in this process or any other. Concurrent requests for the same copy
 * share one build. Challenge lists are kept the same way.
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

/** One presentation as sent: the serialized answer, and the same bytes gzipped once. */
export interface PresentedBody {
  plain: Buffer;
  gzipped: Buffer;
}

const gzipped = promisify(gzip);

export async function presentedBody(text: string): Promise<PresentedBody> {
  const plain = Buffer.from(text, 'utf8');
  return { plain, gzipped: await gzipped(plain) };
}

/**
 * The entity tag of one presentation: it changes whenever what that audience is shown could.
 * `subject` names what is presented (an audit id, or a list's filter).
 */
export function presentationTag(kind: PresentationKind, subject: string, role: Role, generation: number): string {
  return createHash('sha256').update(JSON.stringify([kind, subject, role, generation])).digest('base64url').slice(0, 27);
}
