/**
 * `--tags leisure=garden,amenity=food_sharing,shop` → which OpenStreetMap features to read,
 * and what source type each one is: the value of the first tag that matched ("garden"),
 * or "community garden" for a garden OSM marks as one (garden:type=community).
 */
import { KudzuError } from '../errors';

export interface TagFilter {
  matches(tags: Readonly<Record<string, string>>): boolean;
  kindOf(tags: Readonly<Record<string, string>>): string | null;
  readonly text: string;
}

export const DEFAULT_OSM_TAGS = 'leisure=garden,amenity=community_centre,amenity=social_centre,amenity=social_facility,amenity=food_sharing,amenity=food_bank,amenity=marketplace';

export function parseTagFilter(text: string): TagFilter {
  const pairs = text.split(',').map((part) => part.trim()).filter(Boolean).map((part) => {
    const at = part.indexOf('=');
    const key = (at < 0 ? part : part.slice(0, at)).trim();
    const value = at < 0 ? null : part.slice(at + 1).trim();
    if (!/^[a-z0-9_:]+$/i.test(key) || value === '') {
      throw new KudzuError('BAD_INPUT', `the tag filter “${part}” should read key=value or key (such as leisure=garden or amenity)`, { field: 'tags' });
    }
    return { key, value };
  });
  if (!pairs.length) throw new KudzuError('BAD_INPUT', 'name at least one tag to read, such as leisure=garden', { field: 'tags' });
  const matching = (tags: Readonly<Record<string, string>>) => pairs.find(({ key, value }) => tags[key] !== undefined && (value === null || tags[key] === value));
  return {
    text: pairs.map(({ key, value }) => (value === null ? key : `${key}=${value}`)).join(','),
    matches: (tags) => matching(tags) !== undefined,
    kindOf: (tags) => {
      const found = matching(tags);
      if (!found) return null;
      const value = tags[found.key];
      if (found.key === 'leisure' && value === 'garden' && tags['garden:type'] === 'community') return 'community garden';
      return value;
    },
  };
}
