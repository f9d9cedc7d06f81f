import { userError, type UserError } from './trpc';

/**
 * What a form is doing with the server: `busy` while a request runs (a second submit is
 * ignored until it ends) and the error of the last one, naming its field, cleared when the
 * next starts.
 */
export class ServerCall {
  busy = $state(false);
  error = $state.raw<UserError | null>(null);

  /** Runs `work` unless a run is under way; true when it went through. */
  async run(work: () => Promise<void>): Promise<boolean> {
    if (this.busy) return false;
    this.busy = true;
    this.error = null;
    try {
      await work();
      return true;
    } catch (caught) {
      this.error = userError(caught);
      return false;
    } finally {
      this.busy = false;
    }
  }
}

/**
 * A screen's data: `read` runs when the screen opens, again whenever the viewer's role
 * changes (signing in or out), and on `reload`; a failure is kept in `error` for the screen
 * to say, and cleared by the next read that succeeds.
 */
export function readForViewer(viewer: () => unknown, read: () => Promise<void>): { readonly error: UserError | null; reload: () => Promise<void> } {
  let error = $state.raw<UserError | null>(null);
  async function reload(): Promise<void> {
    try {
      await read();
      error = null;
    } catch (caught) {
      error = userError(caught);
    }
  }
  $effect(() => {
    viewer();
    void reload();
  });
  return { get error() { return error; }, reload };
}
