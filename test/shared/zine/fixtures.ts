import type { ZineContent } from '../../../shared/zine/zineContent';

/** A small public zine: a grid of streets, a few sites (one approximate, one parcel), all pages filled. */
export function zineFixture(overrides: Partial<ZineContent> = {}): ZineContent {
  const streets = [0, 1, 2, 3, 4].flatMap((i) => [
    { parts: [[[-30 + i * 0.004, 40], [-30 + i * 0.004, 40.016]] as [number, number][]], major: i === 2, name: i === 2 ? 'Main Avenue' : `Street ${i}` },
    { parts: [[[-30, 40 + i * 0.004], [-29.984, 40 + i * 0.004]] as [number, number][]], major: false, name: `Row ${i}` },
  ]);
  return {
    areaName: 'Test Flats',
    periodLabel: '2026 Q3',
    publishedOn: '2026-10-04',
    draft: false,
    governed: 3,
    total: 5,
    headline: 'We govern 3 of 5 assessed domains',
    tallies: [{ count: 73, name: 'families housed without landlords', unit: 'families' }, { count: 12, name: 'conflicts mediated by peers', unit: 'conflicts' }],
    domains: [
      { id: 'food', label: 'Food', assessed: true, governed: true, reason: 'Food: coverage 80 % of need from 4 autonomous sites' },
      { id: 'housing', label: 'Housing & land', assessed: true, governed: false, reason: 'Housing & land: coverage 10 % of need' },
      { id: 'energy', label: 'Energy & utilities', assessed: false, governed: false, reason: null },
    ],
    testimonies: [{ text: 'I learned to fix bikes at the repair café.', teller: 'Dee' }],
    changes: { since: '2026 Q2', lines: ['We govern 3 domains, +1 since the last audit.', 'Opened: Corner Fridge'] },
    challenge: { title: 'Open a second pantry', description: 'Food reaches 80 % of need; the east side walks too far.', dueOn: '2026-12-31' },
    liveMapUrl: 'http://kudzu.example/',
    map: {
      extent: [-30.001, 39.999, -29.983, 40.017],
      streets,
      water: [[[[-29.99, 40.0], [-29.984, 40.0], [-29.984, 40.004], [-29.99, 40.004], [-29.99, 40.0]]]],
      outline: [[[[-30, 40], [-29.984, 40], [-29.984, 40.016], [-30, 40.016], [-30, 40]]]],
      sites: [
        { name: 'Corner Fridge', domain: 'food', position: [-29.995, 40.006], approximate: false },
        { name: 'Tenants Union', domain: 'housing', position: [-29.99, 40.01], approximate: true },
        { name: 'Orchard Garden', domain: 'food', position: [-29.987, 40.013], approximate: false },
      ],
      parcels: [{ domain: 'food', polygons: [[[[-29.988, 40.012], [-29.986, 40.012], [-29.986, 40.014], [-29.988, 40.014], [-29.988, 40.012]]]] }],
      attribution: '© OpenStreetMap contributors',
    },
    ...overrides,
  };
}
