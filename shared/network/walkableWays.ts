/** OSM `highway` values a person can walk along (motorways, construction and proposals excluded). */
const WALKABLE_HIGHWAYS = new Set([
  'footway', 'pedestrian', 'path', 'steps', 'corridor', 'living_street', 'residential', 'service', 'unclassified',
  'road', 'track', 'cycleway', 'bridleway', 'tertiary', 'tertiary_link', 'secondary', 'secondary_link',
  'primary', 'primary_link', 'trunk', 'trunk_link', 'platform', 'crossing',
]);

const FOOT_ALLOWED = new Set(['yes', 'designated', 'permissive', 'official']);
const ACCESS_FORBIDDEN = new Set(['no', 'private']);

/** Whether an OSM way with these tags is usable on foot. */
export function isWalkableOsmWay(tags: Readonly<Record<string, string>>): boolean {
  const highway = tags.highway;
  if (highway === undefined || !WALKABLE_HIGHWAYS.has(highway)) return false;
  if (tags.foot !== undefined) return tags.foot !== 'no';
  if (tags.access !== undefined && ACCESS_FORBIDDEN.has(tags.access)) return FOOT_ALLOWED.has(tags.foot ?? '');
  return true;
}

/** Protomaps basemap v4 `roads` kinds nobody walks along: motorways, railways, ferries, lifts. */
const UNWALKABLE_ROAD_KINDS = new Set(['highway', 'rail', 'ferry', 'aerialway']);
const UNWALKABLE_ROAD_DETAILS = new Set(['busway', 'bus_guideway', 'raceway']);

/** Whether a Protomaps v4 `roads` feature (its `kind` and `kind_detail`) is usable on foot. */
export function isWalkableRoad(properties: Readonly<Record<string, unknown>>): boolean {
  const kind = String(properties.kind ?? '');
  if (UNWALKABLE_ROAD_KINDS.has(kind)) return false;
  return !UNWALKABLE_ROAD_DETAILS.has(String(properties.kind_detail ?? ''));
}
