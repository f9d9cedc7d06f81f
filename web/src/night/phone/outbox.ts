/**
 * A phone's outbox for audit night: what a participant submits is queued here first (kept in
 * localStorage, so a reload or a dropped Wi-Fi loses nothing) and sent in order when the
 * server can be reached. Each item carries its idempotency key from the moment it is made,
 * so sending it twice (a reply lost on the way back) never makes a second submission.
 */
export type NightProcedure = 'night.submitTestimony' | 'night.proposeSite' | 'night.claimChallenge' | 'night.vote';

export interface OutboxItem {
  key: string;
  procedure: NightProcedure;
  input: Record<string, unknown>;
  /** What the phone shows while it waits ("Testimony: The fridge fed us…"). */
  summary: string;
  queuedAt: string;
}

/** The answer to one try: stored, refused by the server (with its sentence), or not reached. */
export type SendResult = { kind: 'sent' } | { kind: 'refused'; message: string } | { kind: 'unreachable' };

export interface OutboxStore {
  load(): OutboxItem[];
  save(items: OutboxItem[]): void;
}

export function localStore(name: string, storage: Pick<Storage, 'getItem' | 'setItem'> = localStorage): OutboxStore {
  return {
    load: () => {
      try {
        const items = JSON.parse(storage.getItem(name) ?? '[]') as unknown;
        return Array.isArray(items) ? (items as OutboxItem[]) : [];
      } catch {
        return [];
      }
    },
    save: (items) => storage.setItem(name, JSON.stringify(items)),
  };
}

/** An idempotency key from the browser's random source (crypto.randomUUID needs HTTPS; a hall's LAN has none). */
export function newKey(random: (bytes: Uint8Array<ArrayBuffer>) => Uint8Array<ArrayBuffer> = (bytes) => crypto.getRandomValues(bytes)): string {
  return Array.from(random(new Uint8Array(16)), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

export interface FlushReport {
  sent: OutboxItem[];
  refused: { item: OutboxItem; message: string }[];
  waiting: OutboxItem[];
}

export class Outbox {
  private items: OutboxItem[];
  private flushing: Promise<FlushReport> | null = null;

  constructor(private readonly store: OutboxStore, private readonly send: (item: OutboxItem) => Promise<SendResult>) {
    this.items = store.load();
  }

  get waiting(): readonly OutboxItem[] {
    return this.items;
  }

  add(item: OutboxItem): void {
    // A vote replaces a vote still waiting: only the latest choice matters.
    if (item.procedure === 'night.vote') this.items = this.items.filter((other) => other.procedure !== 'night.vote');
    this.items = [...this.items, item];
    this.store.save(this.items);
  }

  /** Send what waits, oldest first; stop at the first that cannot reach the server. One flush at a time. */
  flush(): Promise<FlushReport> {
    this.flushing ??= this.run().finally(() => {
      this.flushing = null;
    });
    return this.flushing;
  }

  private async run(): Promise<FlushReport> {
    const report: FlushReport = { sent: [], refused: [], waiting: [] };
    for (const item of [...this.items]) {
      const result = await this.send(item);
      if (result.kind === 'unreachable') break;
      this.items = this.items.filter((other) => other.key !== item.key);
      this.store.save(this.items);
      if (result.kind === 'sent') report.sent.push(item);
      else report.refused.push({ item, message: result.message });
    }
    report.waiting = [...this.items];
    return report;
  }
}
