import { describe, expect, it } from 'vitest';
import { printAttribution } from '../../web/src/map/printAttribution';
import { OSM_ATTRIBUTION } from '../../web/src/map/styles/basemapStyle';

describe('the credit printed on a PNG of the map', () => {
  it('credits OpenStreetMap when the basemap source carries its attribution', () => {
    expect(printAttribution([OSM_ATTRIBUTION, undefined])).toBe('© OpenStreetMap contributors');
  });

  it('reads attributions written as HTML links and entities as plain text', () => {
    expect(printAttribution(['<a href="https://www.openstreetmap.org/copyright" target="_blank">&copy; OpenStreetMap</a> contributors']))
      .toBe('© OpenStreetMap contributors');
    expect(printAttribution(['Tiles &#169; Protomaps &amp; friends'])).toBe('Tiles © Protomaps & friends');
  });

  it('names each credit once, in the order of the sources', () => {
    expect(printAttribution(['© OpenStreetMap contributors', 'Kudzu Flats survey', '<b>© OpenStreetMap</b> contributors'])).toBe('© OpenStreetMap contributors · Kudzu Flats survey');
  });

  it('prints no credit when no source asks for one (the plain background with Kudzu’s own data)', () => {
    expect(printAttribution([undefined, null, '', '  '])).toBeNull();
  });
});
