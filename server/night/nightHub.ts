import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { NightBus, BusMessage } from './nightBus';
import type { NightService } from '../services/night.service';
import { KudzuError } from '../../shared/errors';
import { applyNightEvent, type LiveJoin, type LiveNightState } from '../../shared/night/live';

/**
 * One process's Server-Sent Events connections, grouped by night. Each night's events are
 * read from the database once per wake-up (not once per screen), folded into the night's
 * state and serialized once; every screen then gets the same bytes. Connections, catch-up
 * and wake-ups of one night run one after another, so a screen never misses an event that
 * lands while it connects.
 */
interface Screen {
  response: ServerResponse;
  sent: number;
  /** A console: also told when something waits for moderation (phones and projectors are not). */
  queue: boolean;
}

interface NightRoom {
  auditId: string;
  screens: Set<Screen>;
  /** The state at `cursor`, without the join block (added per connection). */
  state: LiveNightState | null;
  cursor: number;
  /** Serialized messages since the room was loaded, by seq, for catch-up. */
  frames: Frame[];
  chain: Promise<void>;
  /** A catch-up is already waiting in the chain: further wake-ups join it. */
  queued: boolean;
  presence: Map<string, { count: number; at: number }>;
  presenceTimer: ReturnType<typeof setTimeout> | null;
}

export interface HubOptions {
  /** Keep-alive comment interval (ms). */
  heartbeatMs?: number;
  /** How often each process re-announces its count of screens (ms). */
  presenceMs?: number;
}

const FRAME_LIMIT = 20_000;

interface Frame {
  seq: number;
  frame: string;
  /** Only for consoles (queue.changed). */
  queue: boolean;
}

function framesFor(frames: readonly Frame[], after: number, screen: Pick<Screen, 'queue'>): string {
  return frames.filter((frame) => frame.seq > after && (screen.queue || !frame.queue)).map((frame) => frame.frame).join('');
}

export function sseFrame(event: string, data: unknown, id?: number): string {
  return `${id !== undefined ? `id: ${id}\n` : ''}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

export class NightHub {
  readonly server = randomUUID();
  private readonly rooms = new Map<string, NightRoom>();
  private readonly unsubscribe: () => void;
  private readonly heartbeat: ReturnType<typeof setInterval>;
  private readonly announcer: ReturnType<typeof setInterval>;

  constructor(private readonly night: NightService, private readonly bus: NightBus, private readonly now: () => Date, options: HubOptions = {}) {
    this.unsubscribe = bus.subscribe((message) => this.onMessage(message));
    this.heartbeat = setInterval(() => {
      for (const room of this.rooms.values()) for (const screen of room.screens) screen.response.write(': ping\n\n');
    }, options.heartbeatMs ?? 15_000);
    this.heartbeat.unref();
    this.announcer = setInterval(() => {
      for (const room of this.rooms.values()) void this.announcePresence(room);
    }, options.presenceMs ?? 20_000);
    this.announcer.unref();
  }

  /** Screens connected to this process, for a night (or all). */
  localCount(auditId?: string): number {
    if (auditId) return this.rooms.get(auditId)?.screens.size ?? 0;
    let total = 0;
    for (const room of this.rooms.values()) total += room.screens.size;
    return total;
  }

  /** Screens connected to every process serving this night (as last announced). */
  connected(auditId: string): number {
    const room = this.rooms.get(auditId);
    if (!room) return 0;
    const fresh = this.now().getTime() - 60_000;
    let total = room.screens.size;
    for (const [server, entry] of room.presence) if (server !== this.server && entry.at >= fresh) total += entry.count;
    return total;
  }

  private room(auditId: string): NightRoom {
    let room = this.rooms.get(auditId);
    if (!room) {
      room = { auditId, screens: new Set(), state: null, cursor: 0, frames: [], chain: Promise.resolve(), queued: false, presence: new Map(), presenceTimer: null };
      this.rooms.set(auditId, room);
    }
    return room;
  }

  private serial(room: NightRoom, work: () => Promise<void>): Promise<void> {
    const next = room.chain.then(work, work);
    room.chain = next.catch(() => undefined);
    return next;
  }

  /**
   * Read what the night stored since the room's cursor, fold it in, and send it to every screen
   * behind, in one write per screen. A vote count superseded by a later one in the same batch
   * is not sent (counts are whole, not increments), so a burst of votes costs one frame.
   */
  private async catchUp(room: NightRoom): Promise<void> {
    if (!room.state) {
      room.state = await this.night.liveState(room.auditId, { url: '', short: '', addresses: [] });
      room.cursor = room.state.seq;
      return;
    }
    const events = await this.night.eventsAfter(room.auditId, room.cursor);
    if (events.length === 0) return;
    const batch: Frame[] = [];
    events.forEach((event, index) => {
      room.state = applyNightEvent(room.state!, event);
      const superseded = event.type === 'vote.counted' && events.slice(index + 1).some((later) => later.type.startsWith('vote.'));
      if (!superseded) batch.push({ seq: event.seq, frame: sseFrame(event.type, event, event.seq), queue: event.type === 'queue.changed' });
    });
    room.cursor = events[events.length - 1].seq;
    room.frames.push(...batch);
    for (const screen of room.screens) {
      const text = framesFor(batch, screen.sent, screen);
      if (text) screen.response.write(text);
      screen.sent = room.cursor;
    }
    if (room.frames.length > FRAME_LIMIT) room.frames.splice(0, room.frames.length - FRAME_LIMIT);
  }

  private onMessage(message: BusMessage): void {
    const room = this.rooms.get(message.auditId);
    if (!room) return;
    if (message.kind === 'event') {
      if (message.seq <= room.cursor || room.screens.size === 0 || room.queued) return;
      room.queued = true;
      void this.serial(room, () => {
        room.queued = false;
        return this.catchUp(room);
      }).catch((error: unknown) => console.error('kudzu: night catch-up failed', error));
      return;
    }
    if (message.server === this.server) return;
    room.presence.set(message.server, { count: message.count, at: this.now().getTime() });
    this.schedulePresence(room, false);
  }

  private async announcePresence(room: NightRoom): Promise<void> {
    await this.bus.publish({ kind: 'presence', server: this.server, auditId: room.auditId, count: room.screens.size }).catch(() => undefined);
  }

  /** Tell screens the new count (and other processes ours), at most once a second. */
  private schedulePresence(room: NightRoom, announce: boolean): void {
    if (announce) void this.announcePresence(room);
    if (room.presenceTimer) return;
    room.presenceTimer = setTimeout(() => {
      room.presenceTimer = null;
      const frame = sseFrame('presence', { connected: this.connected(room.auditId) });
      for (const screen of room.screens) screen.response.write(frame);
    }, 1000);
  }

  /**
   * Serve one screen: the whole state (or, given the last event it saw, only what it missed),
   * then every event as it happens, until it goes away.
   */
  async connect(response: ServerResponse, auditId: string, lastEventId: number | null, join: LiveJoin, options: { queue?: boolean } = {}): Promise<void> {
    // Refuses an unknown or draft audit before any stream starts.
    const last = await this.night.lastSeq(auditId);
    if (lastEventId !== null && lastEventId > last) {
      throw new KudzuError('BAD_INPUT', `Last-Event-ID ${lastEventId} is not an event of this night (its last is ${last}); events are numbered per night`, { field: 'lastEventId' });
    }
    const room = this.room(auditId);
    await this.serial(room, async () => {
      await this.catchUp(room);
      response.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-cache, no-store', Connection: 'keep-alive', 'X-Accel-Buffering': 'no' });
      response.write('retry: 2000\n\n');
      const screen: Screen = { response, sent: room.cursor, queue: options.queue === true };
      if (lastEventId === null) {
        response.write(sseFrame('snapshot', { ...room.state!, join, connected: this.connected(auditId) + 1 }, room.cursor));
      } else {
        const oldest = room.frames[0]?.seq ?? room.cursor + 1;
        if (lastEventId + 1 >= oldest) {
          response.write(framesFor(room.frames, lastEventId, screen));
        } else {
          for (const event of await this.night.eventsAfter(auditId, lastEventId)) if (event.seq <= room.cursor && (screen.queue || event.type !== 'queue.changed')) response.write(sseFrame(event.type, event, event.seq));
        }
      }
      room.screens.add(screen);
      response.on('close', () => {
        room.screens.delete(screen);
        this.schedulePresence(room, true);
      });
      this.schedulePresence(room, true);
    });
  }

  async close(): Promise<void> {
    this.unsubscribe();
    clearInterval(this.heartbeat);
    clearInterval(this.announcer);
    for (const room of this.rooms.values()) {
      if (room.presenceTimer) clearTimeout(room.presenceTimer);
      for (const screen of room.screens) screen.response.end();
    }
    this.rooms.clear();
  }
}

