import { describe, expect, it } from 'vitest';
import { EMPTY_COLLECTION, styleProblems } from './styleProblems';
import { slotLayers } from '../../web/src/map/styles/sketchLayers';
import { NIGHT_LINKS_SOURCE, NIGHT_STARS_SOURCE, NIGHT_VEIL_SOURCE, geojsonSource, nightLayers, nightVeilLayer, starBounds, starFeatures, veilData } from '../../web/src/map/styles/nightLayers';
import { buildStory } from '../../shared/night/story';
import { DOMAINS } from '../../shared/taxonomy/domains';
import { CURRENT, PREVIOUS } from '../shared/audit/snapshots';

const domains = DOMAINS.map((domain) => ({ id: domain.id, label: domain.label, colour: domain.colour, pattern: domain.pattern, shape: domain.shape, letter: domain.letter }));
const empty = EMPTY_COLLECTION;

describe('the constellation on the map', () => {
  it('is a valid MapLibre style with the plain background and the layer slots', () => {
    expect(styleProblems(
      { [NIGHT_VEIL_SOURCE]: geojsonSource(veilData()), [NIGHT_STARS_SOURCE]: geojsonSource(empty), [NIGHT_LINKS_SOURCE]: geojsonSource(empty) },
      [nightVeilLayer(), ...slotLayers(), ...nightLayers(domains)],
    )).toEqual([]);
  });

  it('lights every star on the constellation, only the domain’s on a domain step', () => {
    const story = buildStory({ current: CURRENT, previous: PREVIOUS });
    const states = (key: string) => starFeatures(story, story.steps.find((step) => step.key === key)!.map).features.map((feature) => feature.properties!.state);
    expect(new Set(states('constellation'))).toEqual(new Set(['lit']));
    const housing = starFeatures(story, story.steps.find((step) => step.key === 'domain-food')!.map).features;
    expect(housing.filter((feature) => feature.properties!.state === 'lit').map((feature) => feature.properties!.domain)).toEqual(housing.filter((feature) => feature.properties!.domain === 'food').map(() => 'food'));
  });

  it('draws a closed site where it was, in the closed state, only on the changes step', () => {
    const story = buildStory({ current: CURRENT, previous: PREVIOUS });
    const changes = starFeatures(story, story.steps.find((step) => step.section === 'changes')!.map).features;
    expect(changes.filter((feature) => feature.properties!.state === 'closed').map((feature) => feature.geometry.coordinates)).toEqual([[-122.44, 37.773]]);
    expect(starFeatures(story, story.steps[0].map).features.some((feature) => feature.properties!.state === 'closed')).toBe(false);
    expect(starBounds(story)).toEqual([[-122.44, 37.77], [-122.41, 37.773]]);
  });
});
