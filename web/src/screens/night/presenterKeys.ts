/** What a key (or a presentation clicker, which sends the same keys) does on the projector. */
export type PresenterAction = 'next' | 'back' | 'first' | 'last' | 'blank' | 'fullscreen' | 'leave';

const ACTIONS: Record<string, PresenterAction> = {
  ArrowRight: 'next', PageDown: 'next', ' ': 'next', Spacebar: 'next',
  ArrowLeft: 'back', PageUp: 'back',
  Home: 'first', End: 'last',
  b: 'blank', B: 'blank', '.': 'blank',
  f: 'fullscreen', F: 'fullscreen',
  Escape: 'leave', Esc: 'leave',
};

/** The action of a key's `KeyboardEvent.key`, or null for a key the projector ignores. */
export function stepAfterKey(key: string): PresenterAction | null {
  return ACTIONS[key] ?? null;
}
