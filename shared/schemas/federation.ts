import { z } from 'zod';
import { DOMAIN_IDS } from '../taxonomy/domains';
import { FLOWS, LINK_KINDS, LINK_STATUSES } from './group';
import { idSchema } from './common';

/** The parts a recommendation's score is made of, in the order they are shown. */
export const REASON_KINDS = ['weak_domains', 'import_replacement', 'distance', 'existing_ties', 'resilience', 'headline'] as const;
export type ReasonKind = (typeof REASON_KINDS)[number];

export const REASON_LABELS: Record<ReasonKind, string> = {
  weak_domains: 'Weak domains strengthened',
  import_replacement: 'Imports replaced',
  distance: 'Nearness',
  existing_ties: 'Existing ties',
  resilience: 'Resilience',
  headline: 'Audit headline',
};

const weight = z.number({ error: 'a weight is a number from 0 to 10' }).min(0, 'a weight is at least 0').max(10, 'a weight is at most 10');
/** How much each part counts; visible and adjustable per network. */
export const federationWeightsSchema = z.object({
  weak_domains: weight, import_replacement: weight, distance: weight,
  existing_ties: weight, resilience: weight, headline: weight,
});
export type FederationWeights = z.infer<typeof federationWeightsSchema>;

export const DEFAULT_FEDERATION_WEIGHTS: Readonly<FederationWeights> = Object.freeze({
  weak_domains: 3, import_replacement: 2, distance: 1, existing_ties: 1, resilience: 2, headline: 3,
});

export const recommendInputSchema = z.object({
  groupId: idSchema.nullable().default(null),
  top: z.number().int().min(1, 'top is at least 1').max(100, 'top is at most 100').default(10),
});

export const reasonSchema = z.object({
  kind: z.enum(REASON_KINDS),
  /** 0..1: how strongly this part speaks for the link. */
  value: z.number(),
  weight: z.number(),
  /** value × weight: what it adds to the score. */
  points: z.number(),
  sentence: z.string(),
});
export type Reason = z.infer<typeof reasonSchema>;

export const recommendationSchema = z.object({
  fromGroupId: idSchema,
  toGroupId: idSchema,
  fromName: z.string(),
  toName: z.string(),
  score: z.number(),
  reasons: z.array(reasonSchema),
  /** "We would govern 5 of 8 assessed domains" when the link changes the headline. */
  headlineAfter: z.string().nullable(),
});
export type Recommendation = z.infer<typeof recommendationSchema>;

export const recommendationsSchema = z.object({
  groupId: idSchema.nullable(),
  weights: federationWeightsSchema,
  /** Which audit the domain and headline reasons read: its period label, or null when none is published. */
  auditLabel: z.string().nullable(),
  headlineNow: z.string().nullable(),
  candidateCount: z.number(),
  recommendations: z.array(recommendationSchema),
});
export type Recommendations = z.infer<typeof recommendationsSchema>;

/** The network as the network view draws it. */
export const networkNodeSchema = z.object({
  id: idSchema,
  name: z.string(),
  mainDomain: z.enum(DOMAIN_IDS).nullable(),
  domains: z.array(z.enum(DOMAIN_IDS)),
  participants: z.number().nullable(),
  /** Losing this group would split the network. */
  cutVertex: z.boolean(),
  /** Where the group's sites are, as the viewer is shown them (mean of its sites), or null. */
  position: z.tuple([z.number(), z.number()]).nullable(),
});
export const networkEdgeSchema = z.object({
  id: idSchema,
  fromGroupId: idSchema,
  toGroupId: idSchema,
  kind: z.enum(LINK_KINDS),
  flow: z.enum(FLOWS).nullable(),
  status: z.enum(LINK_STATUSES),
  /** The only tie between two parts of the network. */
  bridge: z.boolean(),
});
export const networkSchema = z.object({
  nodes: z.array(networkNodeSchema),
  edges: z.array(networkEdgeSchema),
});
export type NetworkNode = z.infer<typeof networkNodeSchema>;
export type NetworkEdge = z.infer<typeof networkEdgeSchema>;
export type Network = z.infer<typeof networkSchema>;

/** "Propose this pact": a challenge (when an audit is open for it) or a draft link for stewards. */
export const proposePactSchema = z.object({
  fromGroupId: idSchema,
  toGroupId: idSchema,
  as: z.enum(['challenge', 'draft_link']).default('challenge'),
  note: z.string().max(2000).default(''),
});
export type ProposePactInput = z.infer<typeof proposePactSchema>;
