import { describe, expect, it } from 'vitest';
import { ServerCall } from '../../web/src/lib/serverCall.svelte';

describe('a form’s call to the server', () => {
  it('is busy while the request runs, and ignores a second submit until it ends', async () => {
    const call = new ServerCall();
    let finish = () => {};
    let runs = 0;
    const first = call.run(() => new Promise<void>((resolve) => { runs++; finish = resolve; }));
    expect(call.busy).toBe(true);
    await expect(call.run(async () => { runs++; })).resolves.toBe(false);
    finish();
    await expect(first).resolves.toBe(true);
    expect(call.busy).toBe(false);
    expect(runs).toBe(1);
  });

  it('keeps the error of a failed request, and clears it when the next one starts', async () => {
    const call = new ServerCall();
    await expect(call.run(async () => { throw new Error('the name is empty'); })).resolves.toBe(false);
    expect(call.error?.message).toBe('the name is empty');
    expect(call.busy).toBe(false);
    let seen: unknown = 'unread';
    await call.run(async () => { seen = call.error; });
    expect(seen).toBeNull();
    expect(call.error).toBeNull();
  });
});
