import { z } from 'zod';

/** Where a network stands in its set-up: what each screen needs to say what to do next. */
export interface NetworkStatus {
  areas: { id: string; name: string }[];
  sites: number;
  people: number | null;
  audits: number;
  populationLayer: string | null;
  /** Reference layers a population can come from, with their feature counts. */
  layers: { layer: string; features: number }[];
}

export const populationLayerSchema = z.object({
  layer: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,62}$/i, 'a layer name is letters, digits, - and _ (at most 63)').nullable(),
});
