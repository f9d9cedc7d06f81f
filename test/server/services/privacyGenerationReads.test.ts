/**
 * The privacy generation is read from the database, shared by everyone who asks at the same
 * time — but never answered from a read that began before someone asked, since a change
 * committed in between (in any process) would be missed.
 */
import { describe, expect, it } from 'vitest';
import { PrivacyGenerationReads } from '../../../server/services/privacyGenerationReads';

/** A database whose reads the test answers by hand, in order, with the generation stored then. */
function pacedDatabase() {
  let stored = 1;
  const pending: (() => void)[] = [];
  return {
    reads: () => pending.length,
    commitChange: () => { stored += 1; },
    answerNextRead: () => (pending.shift() as () => void)(),
    read: () => new Promise<number>((resolve) => {
      // The value is the one stored when the read began; the answer arrives when the test says.
      const value = stored;
      pending.push(() => resolve(value));
    }),
  };
}

const settled = () => new Promise((done) => setImmediate(done));

describe('reading the privacy generation for many requests at once', () => {
  it('answers everyone who asked while no read was under way with one read', async () => {
    const database = pacedDatabase();
    const reads = new PrivacyGenerationReads(database.read);
    const asked = Promise.all(Array.from({ length: 300 }, () => reads.current()));
    expect(database.reads()).toBe(1);
    database.answerNextRead();
    await settled();
    // Those who asked after the first read began wait for one more, shared by all of them.
    expect(database.reads()).toBe(1);
    database.answerNextRead();
    expect(new Set(await asked)).toEqual(new Set([1]));
  });

  it('never answers a request with a read that began before it asked, so a change committed in between is seen', async () => {
    const database = pacedDatabase();
    const reads = new PrivacyGenerationReads(database.read);
    const early = reads.current();
    database.commitChange(); // another process raises the generation while the first read is on its way
    const late = reads.current();
    database.answerNextRead();
    expect(await early).toBe(1); // that read began before the change
    expect(database.reads()).toBe(0);
    await settled();
    database.answerNextRead();
    expect(await late).toBe(2);
  });

  it('starts a fresh read for a request that comes after the last one ended', async () => {
    const database = pacedDatabase();
    const reads = new PrivacyGenerationReads(database.read);
    const first = reads.current();
    database.answerNextRead();
    expect(await first).toBe(1);
    database.commitChange();
    const second = reads.current();
    database.answerNextRead();
    expect(await second).toBe(2);
  });
});
