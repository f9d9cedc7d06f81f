import { FUNCTION_TYPES } from './functionTypes';

/**
 * Function types by their human names, for every screen, file and line of the command line:
 * the network's own labels (its taxonomy, seed types and those stewards added), and for an id no
 * label is known for, its words without underscores ("seed_swap" → "seed swap"), never the id.
 */
export function functionTypeLabels(types: readonly { id: string; label: string }[] = FUNCTION_TYPES): (id: string) => string {
  const labels = new Map(types.map((type) => [type.id, type.label]));
  return (id) => labels.get(id) ?? id.replace(/_/g, ' ');
}
