/**
 * What a link from elsewhere opens the map on: `/?group=<id>` (the group's sites) or
 * `/?site=<id>` (the site's panel) — where a Murmurations profile's page sends a reader.
 */
export type LinkedEntity = { kind: 'group' | 'site'; id: string };

export function linkedEntity(search: string): LinkedEntity | null {
  const params = new URLSearchParams(search);
  for (const kind of ['group', 'site'] as const) {
    const id = params.get(kind)?.trim();
    if (id) return { kind, id };
  }
  return null;
}
