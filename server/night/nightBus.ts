import { EventEmitter } from 'node:events';
import pg from 'pg';

/**
 * How server processes tell each other that a night moved. The events themselves live in
 * the database; the bus only carries "night X has events up to seq N" and each process's
 * count of connected screens. On SQLite one process serves, so an in-process emitter is
 * enough; on PostgreSQL every process LISTENs on one channel and NOTIFYs it.
 */
export type BusMessage =
  | { kind: 'event'; auditId: string; seq: number }
  | { kind: 'presence'; server: string; auditId: string; count: number };

export interface NightBus {
  publish(message: BusMessage): Promise<void>;
  subscribe(listener: (message: BusMessage) => void): () => void;
  close(): Promise<void>;
}

export const NIGHT_CHANNEL = 'kudzu_night';

export class InProcessBus implements NightBus {
  private readonly emitter = new EventEmitter().setMaxListeners(0);

  async publish(message: BusMessage): Promise<void> {
    this.emitter.emit('message', message);
  }

  subscribe(listener: (message: BusMessage) => void): () => void {
    this.emitter.on('message', listener);
    return () => this.emitter.off('message', listener);
  }

  async close(): Promise<void> {
    this.emitter.removeAllListeners();
  }
}

/** LISTEN/NOTIFY on one dedicated connection; reconnects when the connection drops. */
export class PostgresBus implements NightBus {
  private readonly local = new InProcessBus();
  private client: pg.Client | null = null;
  private closed = false;
  private connecting: Promise<pg.Client> | null = null;

  constructor(private readonly url: string) {}

  async start(): Promise<this> {
    await this.connection();
    return this;
  }

  private connection(): Promise<pg.Client> {
    if (this.client) return Promise.resolve(this.client);
    this.connecting ??= (async () => {
      const client = new pg.Client({ connectionString: this.url });
      client.on('notification', (notification) => {
        if (notification.channel !== NIGHT_CHANNEL || !notification.payload) return;
        try {
          void this.local.publish(JSON.parse(notification.payload) as BusMessage);
        } catch {
          // Not ours: ignore.
        }
      });
      client.on('error', () => {
        this.client = null;
        if (!this.closed) setTimeout(() => void this.connection().catch(() => undefined), 1000);
      });
      await client.connect();
      await client.query(`LISTEN ${NIGHT_CHANNEL}`);
      this.client = client;
      this.connecting = null;
      return client;
    })().catch((error: unknown) => {
      this.connecting = null;
      throw error;
    });
    return this.connecting;
  }

  async publish(message: BusMessage): Promise<void> {
    const client = await this.connection();
    await client.query('select pg_notify($1, $2)', [NIGHT_CHANNEL, JSON.stringify(message)]);
  }

  subscribe(listener: (message: BusMessage) => void): () => void {
    return this.local.subscribe(listener);
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.local.close();
    await this.client?.end().catch(() => undefined);
    this.client = null;
  }
}
