/**
 * What each source type in a file became: how many rows, how many ready, left out or at
 * fault, the function type most of them map to, and — for a type that maps to nothing —
 * the existing function type whose name shares the most words with it, as a suggestion.
 */
import { normaliseKind, type FunctionTypeName } from './mapFunctionType';

export interface KindSummary {
  /** The source type as the file spells it; "" for rows that give none. */
  kind: string;
  rows: number;
  ready: number;
  leftOut: number;
  problems: number;
  /** The function type most of its rows became, or null when none did. */
  functionType: string | null;
  /** For a type that became nothing: the closest existing function type by shared words. */
  suggestion: string | null;
}

export type KindOutcome = { outcome: 'ready'; functionType: string } | { outcome: 'leftOut' } | { outcome: 'problem' };

/** Words too common among function types to say which one is meant. */
const WEAK_WORDS = new Set(['community', 'of', 'and', 'the', 'a', 'site', 'network', 'co', 'op']);

export class KindTally {
  private readonly byKey = new Map<string, KindSummary & { types: Map<string, number> }>();

  add(kind: string | null, result: KindOutcome): void {
    const text = kind?.trim() ?? '';
    const key = normaliseKind(text);
    let entry = this.byKey.get(key);
    if (!entry) {
      entry = { kind: text, rows: 0, ready: 0, leftOut: 0, problems: 0, functionType: null, suggestion: null, types: new Map() };
      this.byKey.set(key, entry);
    }
    entry.rows += 1;
    if (result.outcome === 'ready') {
      entry.ready += 1;
      entry.types.set(result.functionType, (entry.types.get(result.functionType) ?? 0) + 1);
    } else if (result.outcome === 'leftOut') entry.leftOut += 1;
    else entry.problems += 1;
  }

  summaries(types: readonly FunctionTypeName[]): KindSummary[] {
    return [...this.byKey.values()].map(({ types: counts, ...entry }) => {
      const functionType = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
      return { ...entry, functionType, suggestion: functionType === null && entry.kind ? suggestFunctionType(entry.kind, types) : null };
    }).sort((a, b) => b.rows - a.rows || a.kind.localeCompare(b.kind));
  }
}

function words(text: string): string[] {
  return normaliseKind(text).split(/[^a-z0-9]+/).filter((word) => word.length > 1 && !WEAK_WORDS.has(word))
    .map((word) => word.replace(/(ies)$/, 'y').replace(/s$/, ''));
}

/** "food bank" → Food pantry? No shared word, so no suggestion; "free fridges" → Community fridge. */
export function suggestFunctionType(kind: string, types: readonly FunctionTypeName[]): string | null {
  const wanted = new Set(words(kind));
  if (!wanted.size) return null;
  let best: { id: string; score: number } | null = null;
  for (const type of types) {
    const score = new Set([...words(type.id), ...words(type.label)].filter((word) => wanted.has(word))).size;
    if (score > 0 && (!best || score > best.score)) best = { id: type.id, score };
  }
  return best?.id ?? null;
}
