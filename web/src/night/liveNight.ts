/**
 * Subscribe to an audit night's live state over Server-Sent Events.
 *
 *   const stop = subscribeNight(auditId, (state) => render(state));
 *   …
 *   stop();
 *
 * The browser's EventSource reconnects by itself and sends `Last-Event-ID`; when it gives up
 * (the server was down, or answered with an error), this client opens a new one after a
 * pause, passing the last event it saw as `lastEventId`, so nothing is missed either way.
 * Only public content ever arrives here (see shared/night/live.ts).
 */
import { applyNightEvent, NIGHT_EVENT_TYPES, type LiveNightState, type NightEvent } from '$shared/night/live';

export type { LiveNightState } from '$shared/night/live';

export interface NightSubscriptionOptions {
  /** Base of the server's URL ('' for the page's own origin). */
  origin?: string;
  /** Called when the connection drops or returns (for a "reconnecting…" hint). */
  onConnection?: (connected: boolean) => void;
  /** Called with each event folded in (after onState), e.g. for a "new testimony" animation. */
  onEvent?: (event: NightEvent) => void;
  /** Wait before reopening a closed connection (ms). */
  retryMs?: number;
  /** Also be told when something waits for moderation (`queue.changed`; the console). */
  queue?: boolean;
}

/** The URL of a night's event stream. */
export function nightEventsUrl(auditId: string, lastEventId?: number, origin = '', queue = false): string {
  const query = new URLSearchParams({ audit: auditId });
  if (queue) query.set('queue', '1');
  if (lastEventId !== undefined && lastEventId > 0) query.set('lastEventId', String(lastEventId));
  return `${origin}/api/night/events?${query.toString()}`;
}

export function subscribeNight(auditId: string, onState: (state: LiveNightState) => void, options: NightSubscriptionOptions = {}): () => void {
  let state: LiveNightState | null = null;
  let source: EventSource | null = null;
  let stopped = false;
  let retry: ReturnType<typeof setTimeout> | null = null;

  const open = () => {
    if (stopped) return;
    const current = new EventSource(nightEventsUrl(auditId, state?.seq, options.origin ?? '', options.queue));
    source = current;
    current.addEventListener('open', () => options.onConnection?.(true));
    current.addEventListener('snapshot', (message) => {
      state = JSON.parse((message as MessageEvent<string>).data) as LiveNightState;
      onState(state);
    });
    current.addEventListener('presence', (message) => {
      if (!state) return;
      state = { ...state, connected: (JSON.parse((message as MessageEvent<string>).data) as { connected: number }).connected };
      onState(state);
    });
    for (const type of NIGHT_EVENT_TYPES) {
      current.addEventListener(type, (message) => {
        if (!state) return;
        const event = JSON.parse((message as MessageEvent<string>).data) as NightEvent;
        state = applyNightEvent(state, event);
        onState(state);
        options.onEvent?.(event);
      });
    }
    current.addEventListener('error', () => {
      options.onConnection?.(false);
      if (current.readyState === EventSource.CLOSED && !stopped) {
        retry = setTimeout(open, options.retryMs ?? 2000);
      }
    });
  };
  open();

  return () => {
    stopped = true;
    if (retry) clearTimeout(retry);
    source?.close();
  };
}
