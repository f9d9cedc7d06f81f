import { z } from 'zod';
import { dateSchema, idSchema, nameSchema, textSchema, tierSchema } from './common';
import { DOMAIN_IDS } from '../taxonomy/domains';

/** How a group governs itself, as it describes itself; audits answer checks against it. */
export const governanceProfileSchema = z.object({
  constitutionUrl: z.string().max(500).nullable().default(null),
  decisionMaking: z.string().max(500).default(''),
  meetingCadence: z.string().max(200).default(''),
  activeParticipants: z.number().int().min(0).nullable().default(null),
  /** Share of revenue by source, in percent; need not sum to 100 when unknown. */
  revenueMix: z.object({
    members: z.number().min(0).max(100).default(0),
    commons: z.number().min(0).max(100).default(0),
    market: z.number().min(0).max(100).default(0),
    grants: z.number().min(0).max(100).default(0),
    state: z.number().min(0).max(100).default(0),
  }).default({ members: 0, commons: 0, market: 0, grants: 0, state: 0 }),
  grantsWithPoliticalStrings: z.boolean().default(false),
  partnershipsDisclosed: z.boolean().default(true),
  beneficiariesDecide: z.boolean().default(false),
  assetsHeldInCommon: z.boolean().nullable().default(null),
});
export type GovernanceProfile = z.infer<typeof governanceProfileSchema>;

export const LINK_KINDS = ['mutual_support_pact', 'shared_fund', 'shared_members', 'flow'] as const;
export const FLOWS = ['food', 'money', 'labour', 'space', 'skills', 'tools'] as const;
/** A draft link was proposed and waits for a steward to confirm it; only active links count. */
export const LINK_STATUSES = ['active', 'draft'] as const;
export const FLOW_DIRECTIONS = ['from_to', 'to_from'] as const;

/** Where a group still gets something from outside the network. */
export const OUTSIDE_SOURCES = ['landlords', 'shops', 'grants', 'state'] as const;

/** One thing a group gets from outside: "food from shops", "space from landlords". */
export const importEntrySchema = z.object({
  flow: z.enum(FLOWS, { error: `a flow is one of ${FLOWS.join(', ')}` }),
  from: z.enum(OUTSIDE_SOURCES, { error: `from is one of ${OUTSIDE_SOURCES.join(', ')}` }),
});
export type ImportEntry = z.infer<typeof importEntrySchema>;

const groupFields = {
  name: nameSchema,
  description: textSchema,
  website: z.string().max(500).nullable(),
  foundedOn: dateSchema.nullable(),
  visibility: tierSchema,
  governance: governanceProfileSchema,
  /** The domains of life the group works in, main domain first; empty means "read them from its sites". */
  domains: z.array(z.enum(DOMAIN_IDS)).max(DOMAIN_IDS.length),
  /** What the group produces, by the link flow categories. */
  produces: z.array(z.enum(FLOWS)).max(FLOWS.length),
  /** What it still gets from outside the network, and from whom. */
  imports: z.array(importEntrySchema).max(FLOWS.length * OUTSIDE_SOURCES.length),
};

export const groupInputSchema = z.object({
  ...groupFields,
  description: groupFields.description.default(''),
  website: groupFields.website.default(null),
  foundedOn: groupFields.foundedOn.default(null),
  visibility: groupFields.visibility.default('public'),
  governance: groupFields.governance.default(governanceProfileSchema.parse({})),
  domains: groupFields.domains.default([]),
  produces: groupFields.produces.default([]),
  imports: groupFields.imports.default([]),
});
export type GroupInput = z.infer<typeof groupInputSchema>;

/** A change to a group: only the fields given change (no defaults, which would reset the rest). */
export const groupChangesSchema = z.object(groupFields).partial();
export type GroupChanges = z.infer<typeof groupChangesSchema>;
export const groupUpdateSchema = z.object({ id: idSchema, version: z.number().int().min(1), changes: groupChangesSchema });

export const groupSchema = z.object({
  id: idSchema,
  name: z.string(),
  description: z.string(),
  website: z.string().nullable(),
  foundedOn: dateSchema.nullable(),
  visibility: tierSchema,
  governance: governanceProfileSchema,
  domains: z.array(z.enum(DOMAIN_IDS)),
  produces: z.array(z.enum(FLOWS)),
  imports: z.array(importEntrySchema),
  version: z.number(),
  updatedAt: z.string(),
});
export type Group = z.infer<typeof groupSchema>;

export const linkInputSchema = z.object({
  fromGroupId: idSchema,
  toGroupId: idSchema,
  kind: z.enum(LINK_KINDS),
  /** What a flow carries; required when kind is "flow". */
  flow: z.enum(FLOWS).nullable().default(null),
  /** Which way a flow goes: from the first group to the second, or back. Required for flows, absent otherwise. */
  flowDirection: z.enum(FLOW_DIRECTIONS).nullable().default(null),
  description: textSchema.default(''),
  startedOn: dateSchema.nullable().default(null),
  visibility: tierSchema.default('public'),
}).superRefine((link, ctx) => {
  if (link.kind === 'flow' && !link.flow) ctx.addIssue({ code: 'custom', path: ['flow'], message: 'a flow link must say what it carries (food, money, labour, space, skills or tools)' });
  if (link.kind === 'flow' && !link.flowDirection) ctx.addIssue({ code: 'custom', path: ['flowDirection'], message: 'a flow must say which way it goes: from this group to the other, or from the other to this one' });
  if (link.kind !== 'flow' && link.flowDirection) ctx.addIssue({ code: 'custom', path: ['flowDirection'], message: 'only a flow has a direction; a pact, shared fund or shared members join both ways' });
  if (link.kind !== 'flow' && link.flow) ctx.addIssue({ code: 'custom', path: ['flow'], message: 'only a flow link carries something; leave flow empty for a pact, shared fund or shared members' });
  if (link.fromGroupId === link.toGroupId) ctx.addIssue({ code: 'custom', path: ['toGroupId'], message: 'a link joins two different groups' });
});
export type LinkInput = z.infer<typeof linkInputSchema>;

export const linkSchema = z.object({
  id: idSchema,
  fromGroupId: idSchema,
  toGroupId: idSchema,
  kind: z.enum(LINK_KINDS),
  flow: z.enum(FLOWS).nullable(),
  description: z.string(),
  startedOn: dateSchema.nullable(),
  visibility: tierSchema,
  status: z.enum(LINK_STATUSES),
});
export type Link = z.infer<typeof linkSchema>;
