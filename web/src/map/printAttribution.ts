/**
 * The credit a printed map must carry: every source's attribution (MapLibre keeps them as
 * HTML, e.g. `<a href="…">© OpenStreetMap</a> contributors`) as plain text, each once.
 * Null when no source asks for one, as on the plain background with Kudzu's own data.
 */
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', copy: '©' };

function plainText(html: string): string {
  return html
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(#\d+|#x[0-9a-f]+|[a-z]+);/gi, (entity, name: string) => {
      if (name.startsWith('#x') || name.startsWith('#X')) return String.fromCodePoint(parseInt(name.slice(2), 16));
      if (name.startsWith('#')) return String.fromCodePoint(Number(name.slice(1)));
      return ENTITIES[name.toLowerCase()] ?? entity;
    })
    .replace(/\s+/g, ' ')
    .trim();
}

export function printAttribution(attributions: readonly (string | null | undefined)[]): string | null {
  const credits: string[] = [];
  for (const attribution of attributions) {
    if (!attribution) continue;
    const text = plainText(attribution);
    if (text !== '' && !credits.includes(text)) credits.push(text);
  }
  return credits.length > 0 ? credits.join(' · ') : null;
}
