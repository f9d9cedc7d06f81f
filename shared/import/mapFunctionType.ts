/**
 * From what a source calls a place (OSM `kind`, a CSV `type` column) to a Kudzu function
 * type — or to an honest "this is not a site Kudzu keeps". Kudzu maps reclaimed functions:
 * a supermarket or a hospital is not one, so such rows are left out (and reported), and
 * the whole file can go into a reference layer instead, where food-access analysis can
 * use supermarkets as sources.
 */
import { KudzuError } from '../errors';

export interface FunctionTypeName {
  id: string;
  label: string;
}

export type TypeResolution =
  | { outcome: 'type'; functionType: string }
  | { outcome: 'skip'; reason: string }
  | { outcome: 'error'; message: string };

export interface TypeContext {
  /** Function types the database knows (id and label). */
  types: readonly FunctionTypeName[];
  /** The person's own mapping: source type → function type id, or "skip". */
  typeMap: Record<string, string>;
  /** For rows that give no type. */
  defaultType?: string;
  skipUnmapped: boolean;
}

type KindRule =
  | { type: string; onlyIfName?: RegExp; otherwise?: string }
  | { skip: string };

const notReclaimed = (kind: string) => ({ skip: `“${kind}” is not a reclaimed function (import the file with a layer name to keep such places as a reference layer)` });
const ambiguous = (kind: string) => ({ skip: `“${kind}” may or may not be run in common; map it in the type map (${kind}=<function type>) to import these` });

/** Known source types, keyed by their normalised spelling. */
export const SOURCE_KINDS: Readonly<Record<string, KindRule>> = {
  // OpenStreetMap / Protomaps `kind`
  garden: { type: 'community_garden', onlyIfName: /communit|people|comunidad/i, otherwise: 'an OSM garden not named as a community garden (ornamental and private gardens are not commons; map garden=community_garden to take them all)' },
  'community garden': { type: 'community_garden' },
  'social centre': { type: 'social_centre' },
  'social center': { type: 'social_centre' },
  'community centre': ambiguous('community_centre'),
  'community center': ambiguous('community_center'),
  'social facility': ambiguous('social_facility'),
  marketplace: ambiguous('marketplace'),
  supermarket: notReclaimed('supermarket'),
  convenience: notReclaimed('convenience'),
  greengrocer: notReclaimed('greengrocer'),
  hospital: notReclaimed('hospital'),
  clinic: notReclaimed('clinic'),
  doctors: notReclaimed('doctors'),
  pharmacy: notReclaimed('pharmacy'),
  // Allegheny County food sites (Pittsburgh) `type`
  'food bank site': { type: 'food_pantry' },
  'grow pgh garden': { type: 'community_garden' },
  'summer meal site': { type: 'community_kitchen' },
  'convenience store': notReclaimed('convenience store'),
  // common spellings
  'food bank': { type: 'food_pantry' },
  'food pantry': { type: 'food_pantry' },
  'community fridge': { type: 'community_fridge' },
  'free fridge': { type: 'community_fridge' },
  'community kitchen': { type: 'community_kitchen' },
  'community land trust': { type: 'community_land_trust' },
  'tool library': { type: 'tool_library' },
  'repair cafe': { type: 'repair_cafe' },
};

export function normaliseKind(kind: string): string {
  return kind.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/[’‘`]/g, "'").replace(/[_\s-]+/g, ' ').trim().toLowerCase();
}

export function mapFunctionType(kind: string | null, name: string | null, context: TypeContext): TypeResolution {
  return typeMapper(context)(kind, name);
}

/** The same mapping, with its lookup tables built once for many rows. */
export function typeMapper(context: TypeContext): (kind: string | null, name: string | null) => TypeResolution {
  const known = new Map<string, string>();
  for (const type of context.types) {
    known.set(normaliseKind(type.id), type.id);
    known.set(normaliseKind(type.label), type.id);
  }
  const userMap = new Map(Object.entries(context.typeMap).map(([from, to]) => [normaliseKind(from), to]));
  return (kind, name) => resolve(kind, name, context, known, userMap);
}

/** A type map or default type naming a function type that does not exist is refused before any row is read. */
export function checkTypeOptions(context: TypeContext): void {
  const ids = new Set(context.types.map((type) => type.id));
  if (context.defaultType && !ids.has(context.defaultType)) {
    throw new KudzuError('BAD_INPUT', `the default type “${context.defaultType}” is not a function type (known: ${[...ids].join(', ')})`, { field: 'defaultType' });
  }
  for (const [from, to] of Object.entries(context.typeMap)) {
    if (to.trim().toLowerCase() !== 'skip' && !ids.has(to)) {
      throw new KudzuError('BAD_INPUT', `the type map sends “${from}” to “${to}”, which is not a function type (or “skip”)`, { field: 'typeMap' });
    }
  }
}

function resolve(kind: string | null, name: string | null, context: TypeContext, known: Map<string, string>, userMap: Map<string, string>): TypeResolution {
  const raw = kind?.trim() ?? '';
  if (!raw) {
    if (context.defaultType) return { outcome: 'type', functionType: context.defaultType };
    if (context.skipUnmapped) return { outcome: 'skip', reason: 'no type given (left out: skip unmapped)' };
    return { outcome: 'error', message: 'no function type; choose a type column, a default type, or skip unmapped rows' };
  }
  const key = normaliseKind(raw);
  const chosen = userMap.get(key);
  if (chosen !== undefined) {
    if (chosen.trim().toLowerCase() === 'skip') return { outcome: 'skip', reason: `“${raw}” (left out by the type map)` };
    return { outcome: 'type', functionType: chosen };
  }
  const direct = known.get(key);
  if (direct) return { outcome: 'type', functionType: direct };
  const rule = SOURCE_KINDS[key];
  if (rule && 'skip' in rule) return { outcome: 'skip', reason: rule.skip };
  if (rule) {
    if (!rule.onlyIfName || (name && rule.onlyIfName.test(name))) return { outcome: 'type', functionType: rule.type };
    return { outcome: 'skip', reason: rule.otherwise ?? `“${raw}” does not look like a ${rule.type}` };
  }
  if (context.skipUnmapped) return { outcome: 'skip', reason: `no function type for “${raw}” (left out: skip unmapped)` };
  return { outcome: 'error', message: `unknown function type “${raw}”; add it to the type map (${raw}=<function type>) or skip unmapped rows` };
}

/**
 * A file named for one function type ("community-fridges-2021.json") says what every row
 * is, when the rows themselves do not.
 */
export function functionTypeFromFileName(fileName: string, types: readonly FunctionTypeName[]): string | null {
  const stem = ` ${fileName.replace(/\.[^.]*$/, '').toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim()} `;
  const matches = types.filter((type) => {
    const words = type.id.split('_');
    const singular = ` ${words.join(' ')} `;
    const plural = ` ${words.join(' ')}s `;
    return stem.includes(singular) || stem.includes(plural);
  });
  if (matches.length === 0) return null;
  // "community land trusts" also contains no shorter type; if several match, the longest wins.
  matches.sort((a, b) => b.id.length - a.id.length);
  return matches[0].id;
}
