import { describe, expect, it } from 'vitest';
import { databaseKinds } from '../helpers/databases';
import { seededNetworkPerFile } from '../helpers/perFile';
import { callerAs, refusal } from './fixtures';

const kinds = await databaseKinds();

describe.each(kinds)('a NUL character (U+0000) in input, on %s', (kind) => {
  const seeded = seededNetworkPerFile(kind);

  it('in a text search is refused as bad input naming the field, not a server error', async () => {
    const error = await refusal(callerAs(seeded.services, 'public').sites.list({ text: 'pan\u0000try' }));
    expect(error.code).toBe('BAD_REQUEST');
    expect(error.message).toBe('text: must not contain the NUL character (U+0000)');
  });

  it('in an id is refused as bad input naming the field', async () => {
    const error = await refusal(callerAs(seeded.services, 'public').sites.get({ id: `${seeded.publicPantry.id}\u0000` }));
    expect(error.code).toBe('BAD_REQUEST');
    expect(error.message).toBe('id: must not contain the NUL character (U+0000)');
  });

  it('in a testimony is refused, and nothing is written', async () => {
    const error = await refusal(callerAs(seeded.services, 'public').audits.submitTestimony({
      auditId: 'no-such-audit', text: 'we share \u0000 food here', consent: true,
    }));
    expect(error.code).toBe('BAD_REQUEST');
    expect(error.message).toBe('text: must not contain the NUL character (U+0000)');
    expect(await seeded.database.db.selectFrom('audit_testimonies').select('id').execute()).toEqual([]);
  });

  it('in a reference layer name is refused as bad input naming the field', async () => {
    const error = await refusal(callerAs(seeded.services, 'public').references.layer({ layer: 'demo\u0000blocks' }));
    expect(error.code).toBe('BAD_REQUEST');
    expect(error.message).toBe('layer: must not contain the NUL character (U+0000)');
  });

  it('deep inside a member\'s edit is refused naming the nested field, and the site is unchanged', async () => {
    const member = callerAs(seeded.services, 'member');
    const error = await refusal(member.sites.update({ id: seeded.publicPantry.id, version: seeded.publicPantry.version, changes: { description: 'open \u0000 daily' } }));
    expect(error.code).toBe('BAD_REQUEST');
    expect(error.message).toBe('changes.description: must not contain the NUL character (U+0000)');
    expect((await member.sites.get({ id: seeded.publicPantry.id })).version).toBe(seeded.publicPantry.version);
  });
});
