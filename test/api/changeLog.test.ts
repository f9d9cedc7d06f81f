import { describe, expect, it } from 'vitest';
import { databaseKinds } from '../helpers/databases';
import { seededNetworkPerFile } from '../helpers/perFile';
import { callerAs } from './fixtures';

const kinds = await databaseKinds();

describe.each(kinds)('the change log, read page by page, on %s', (kind) => {
  const seeded = seededNetworkPerFile(kind);

  it('pages back through the whole log with “before”: every entry once, newest first, as one long read gives it', async () => {
    const steward = callerAs(seeded.services, 'steward');
    for (let index = 0; index < 7; index++) {
      await steward.sites.create({ name: `Fridge ${index + 1}`, functionType: 'community_fridge', geometry: { type: 'Point', coordinates: [-122.41 + index * 0.001, 37.77] } });
    }
    const member = callerAs(seeded.services, 'member');
    const whole = await member.changes.recent({ limit: 500 });
    expect(whole.length).toBeGreaterThan(7);
    const read: typeof whole = [];
    let page = await member.changes.recent({ limit: 3 });
    while (page.length > 0) {
      read.push(...page);
      const last = page.at(-1)!;
      page = await member.changes.recent({ limit: 3, before: { at: last.at, id: last.id } });
    }
    expect(read.map((entry) => entry.id)).toEqual(whole.map((entry) => entry.id));
    expect(new Set(read.map((entry) => entry.id)).size).toBe(read.length);
  });

  it('an older page holds only what the member may see, like the first', async () => {
    const member = callerAs(seeded.services, 'member');
    const [first] = await member.changes.recent({ limit: 1 });
    const older = await member.changes.recent({ limit: 500, before: { at: first.at, id: first.id } });
    expect(JSON.stringify(older)).not.toContain('Safe House');
    expect(JSON.stringify(await callerAs(seeded.services, 'steward').changes.recent({ limit: 500, before: { at: first.at, id: first.id } }))).toContain('Safe House');
  });
});
