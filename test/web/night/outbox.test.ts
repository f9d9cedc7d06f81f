import { describe, expect, it } from 'vitest';
import { newKey, Outbox, type OutboxItem, type OutboxStore, type SendResult } from '../../../web/src/night/phone/outbox';

function memoryStore(initial: OutboxItem[] = []): OutboxStore & { saved: OutboxItem[] } {
  const store = { saved: initial, load: () => store.saved, save: (items: OutboxItem[]) => { store.saved = items; } };
  return store;
}

const item = (key: string, procedure: OutboxItem['procedure'] = 'night.submitTestimony'): OutboxItem => ({ key, procedure, input: { text: key }, summary: `Testimony: ${key}`, queuedAt: '2026-11-29T19:00:00Z' });

describe("a phone's outbox", () => {
  it('keeps what was made while offline, says it waits, and sends it in order once the server answers', async () => {
    let reachable = false;
    const sent: string[] = [];
    const outbox = new Outbox(memoryStore(), async (entry): Promise<SendResult> => {
      if (!reachable) return { kind: 'unreachable' };
      sent.push(entry.key);
      return { kind: 'sent' };
    });
    outbox.add(item('first-one'));
    outbox.add(item('second-one'));
    expect((await outbox.flush()).waiting.map((entry) => entry.key)).toEqual(['first-one', 'second-one']);
    reachable = true;
    const report = await outbox.flush();
    expect(sent).toEqual(['first-one', 'second-one']);
    expect(report.waiting).toEqual([]);
  });

  it('survives a reload: what waits is read back from storage with its key unchanged', () => {
    const store = memoryStore();
    new Outbox(store, async () => ({ kind: 'unreachable' })).add(item('kept-key-1'));
    expect(new Outbox(store, async () => ({ kind: 'unreachable' })).waiting.map((entry) => entry.key)).toEqual(['kept-key-1']);
  });

  it('sends each item once even when two flushes are asked at the same time', async () => {
    const sent: string[] = [];
    const outbox = new Outbox(memoryStore(), async (entry) => {
      sent.push(entry.key);
      await new Promise((done) => setTimeout(done, 5));
      return { kind: 'sent' };
    });
    outbox.add(item('only-once'));
    await Promise.all([outbox.flush(), outbox.flush()]);
    expect(sent).toEqual(['only-once']);
  });

  it('drops an item the server refused and reports its sentence', async () => {
    const outbox = new Outbox(memoryStore(), async () => ({ kind: 'refused', message: 'the vote has closed: no more votes' }));
    outbox.add(item('late-vote', 'night.vote'));
    const report = await outbox.flush();
    expect(report.refused.map((entry) => entry.message)).toEqual(['the vote has closed: no more votes']);
    expect(outbox.waiting).toEqual([]);
  });

  it('keeps only the latest vote waiting', () => {
    const outbox = new Outbox(memoryStore(), async () => ({ kind: 'unreachable' }));
    outbox.add(item('vote-one', 'night.vote'));
    outbox.add(item('testimony-1'));
    outbox.add(item('vote-two', 'night.vote'));
    expect(outbox.waiting.map((entry) => entry.key)).toEqual(['testimony-1', 'vote-two']);
  });

  it('makes keys of 32 hex digits from the random source it is given', () => {
    expect(newKey((bytes) => bytes.fill(171))).toBe('ab'.repeat(16));
    expect(newKey()).toMatch(/^[0-9a-f]{32}$/);
  });
});
