import type { Repositories } from '../repositories';
import type { Tier } from '../../shared/privacy/roles';

/** The settings key of the network's chosen population layer (a reference layer's name). */
export const POPULATION_LAYER_SETTING = 'population_layer';

/**
 * The reference layer the network chose for its population (set-up, population step), if it is
 * still there and the audience may see it; null otherwise.
 */
export async function chosenPopulationLayer(repos: Repositories, tiers: readonly Tier[]): Promise<string | null> {
  const chosen = (await repos.settings.get(POPULATION_LAYER_SETTING)) ?? null;
  if (chosen === null) return null;
  return (await repos.references.layers(tiers)).some((entry) => entry.layer === chosen) ? chosen : null;
}
