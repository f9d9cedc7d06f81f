import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { detectFormat } from '../../../shared/import/parseSiteFile';
import { dataFile, skipRealData } from '../../helpers/sharedData';

describe.skipIf(skipRealData)('recognising a file’s format from its name and first characters', () => {
  const examples = ['service_full', 'organization_full', 'service_at_location_full', 'tabular'];

  it.each(examples)('takes the Open Referral example %s.json for HSDS', (name) => {
    const text = readFileSync(dataFile('hsds', 'openreferral-specification-3.x', 'examples', `${name}.json`), 'utf8');
    expect(detectFormat(`${name}.json`, text)).toBe('hsds');
  });

  it('takes the New York fridges (whose location_type is "bar") for a plain JSON list, not HSDS', () => {
    expect(detectFormat('community-fridges-2021.json', readFileSync(dataFile('nyc', 'community-fridges-2021.json'), 'utf8'))).toBe('json');
  });

  it('takes Murmurations profiles, KML and .osm.pbf for what they are', () => {
    expect(detectFormat('profiles.json', readFileSync(dataFile('murmurations', 'e2e_test_profiles_from_MurmurationsServices.json'), 'utf8'))).toBe('murmurations');
    expect(detectFormat('gardens.kml', '<?xml version="1.0"?><kml/>')).toBe('kml');
    expect(detectFormat('midtown.osm.pbf', '')).toBe('osm');
  });
});
