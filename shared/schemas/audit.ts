import { z } from 'zod';
import { DOMAIN_IDS } from '../taxonomy/domains';
import { LINK_KINDS, FLOWS } from './group';
import { siteGeometrySchema } from './geometry';
import { capacityUnitSchema, siteStatusSchema } from './site';
import { dateSchema, idSchema, tierSchema } from './common';
import {
  ANSWER_VALUES,
  AUDIT_STATUSES,
  CHALLENGE_STATUSES,
  MODERATION_STATES,
} from '../audit/types';
import type {
  Audit,
  AuditScores,
  AuditSnapshot,
  Challenge,
  ChallengeProposal,
  Check,
  CheckAnswer,
  ClosureProposal,
  DomainCoverage,
  Tally,
  Testimony,
} from '../audit/types';

/**
 * Inputs and outputs of the audit screens. Messages name the field, so a refusal reads as
 * a sentence next to the box that caused it.
 */

const domainSchema = z.enum(DOMAIN_IDS, { error: 'domain must be one of: ' + DOMAIN_IDS.join(', ') });
const answerValueSchema = z.enum(ANSWER_VALUES, { error: 'value must be pass, partial, fail, unknown or not_applicable' });
const versionSchema = (field: string) => z.number({ error: `${field} must be a number` }).int(`${field} must be a whole number`).min(1, `${field} must be 1 or more`);
const urlSchema = (field: string) => z.string().trim().max(500, `${field} is at most 500 characters`)
  .refine((value) => /^https?:\/\/\S+$/.test(value), `${field} must be a web address starting with http:// or https://`);
const shareSchema = (field: string) => z.number({ error: `${field} must be a number` }).min(0, `${field} must be between 0 and 1`).max(1, `${field} must be between 0 and 1`);
const requiredText = (field: string, max: number) => z.string({ error: `${field} is required` }).trim()
  .min(1, `${field} is required`).max(max, `${field} is at most ${max.toLocaleString('en-US')} characters`);
const optionalText = (field: string, max: number) => z.string().trim().max(max, `${field} is at most ${max.toLocaleString('en-US')} characters`).default('');
const instantSchema = z.string();

// ─── Audits ────────────────────────────────────────────────────────────────────────────

export const auditPeriodSchema = z.object({
  label: requiredText('period.label', 80),
  start: dateSchema,
  end: dateSchema,
}).refine((period) => period.start <= period.end, { message: 'period.end must be on or after period.start', path: ['end'] });

export const auditCreateSchema = z.object({
  areaId: idSchema,
  period: auditPeriodSchema,
  /** When the next audit is; challenges raised now are due then. */
  nextAuditOn: dateSchema,
}).refine((audit) => audit.nextAuditOn > audit.period.end, { message: 'nextAuditOn must be after the end of the period', path: ['nextAuditOn'] });
export type AuditCreateInput = z.infer<typeof auditCreateSchema>;

/** Open an audit for audit night, or return it to draft. */
export const auditTransitionSchema = z.object({ auditId: idSchema, version: versionSchema('version') });

export const auditPublishSchema = z.object({
  auditId: idSchema,
  version: versionSchema('version'),
  /** Must be true to publish while some checks are unknown; they are listed in the snapshot. */
  acknowledgeUnknown: z.boolean({ error: 'acknowledgeUnknown must be true or false' }).default(false),
});
export type AuditPublishInput = z.infer<typeof auditPublishSchema>;

export const auditRulesSchema = z.object({
  autonomousGroupScore: shareSchema('autonomousGroupScore'),
  governedCoverage: shareSchema('governedCoverage'),
  coverageWeight: shareSchema('coverageWeight'),
});

export const auditRulesUpdateSchema = auditRulesSchema.partial();

export const needEstimateInputSchema = z.object({
  auditId: idSchema,
  domain: domainSchema,
  need: z.number({ error: 'need must be a number' }).finite('need must be a number').min(0, 'need cannot be negative'),
  note: optionalText('note', 1000),
});
export type NeedEstimateInput = z.infer<typeof needEstimateInputSchema>;

export const needEstimateRemoveSchema = z.object({ auditId: idSchema, domain: domainSchema });

// ─── Checks and answers ────────────────────────────────────────────────────────────────

const checkKeySchema = z.string().regex(/^[a-z][a-z0-9_]{0,59}$/, 'key must be lower-case letters, digits and underscores, starting with a letter');
const weightSchema = z.number({ error: 'weight must be a number' }).gt(0, 'weight must be above 0').max(10, 'weight is at most 10');

export const checkAddSchema = z.object({
  key: checkKeySchema,
  question: requiredText('question', 300),
  description: optionalText('description', 2000),
  weight: weightSchema.default(1),
  mayNotApply: z.boolean().default(false),
});
export type CheckAddInput = z.infer<typeof checkAddSchema>;

export const checkRewordSchema = z.object({
  key: checkKeySchema,
  question: requiredText('question', 300).optional(),
  description: z.string().trim().max(2000, 'description is at most 2,000 characters').optional(),
  mayNotApply: z.boolean().optional(),
}).refine((words) => words.question !== undefined || words.description !== undefined || words.mayNotApply !== undefined, { message: 'say what to change: question, description or mayNotApply', path: ['question'] });

export const checkReweightSchema = z.object({ key: checkKeySchema, weight: weightSchema });
export const checkRetireSchema = z.object({ key: checkKeySchema, retiredOn: dateSchema });

export const checkAnswerInputSchema = z.object({
  auditId: idSchema,
  groupId: idSchema,
  checkKey: checkKeySchema,
  value: answerValueSchema,
  evidence: optionalText('evidence', 2000),
  evidenceUrl: urlSchema('evidenceUrl').nullable().default(null),
  /** The answer's version the auditor saw; 0 when there was no answer yet. */
  expectedVersion: z.number({ error: 'expectedVersion must be a number' }).int('expectedVersion must be a whole number').min(0, 'expectedVersion must be 0 or more'),
});
export type CheckAnswerInput = z.infer<typeof checkAnswerInputSchema>;

/** Ask for likely answers read from a group's profile (suggestions only). */
export const answerSuggestionRequestSchema = z.object({ auditId: idSchema, groupId: idSchema });

// ─── Tallies and testimonies ───────────────────────────────────────────────────────────

const countSchema = z.number({ error: 'count must be a whole number ≥ 0' }).int('count must be a whole number ≥ 0').min(0, 'count must be a whole number ≥ 0');

export const tallyInputSchema = z.object({
  auditId: idSchema,
  name: requiredText('name', 200),
  count: countSchema,
  unit: requiredText('unit', 60),
  domain: domainSchema.nullable().default(null),
});
export type TallyInput = z.infer<typeof tallyInputSchema>;

export const tallyUpdateSchema = z.object({
  id: idSchema,
  changes: z.object({ name: requiredText('name', 200), count: countSchema, unit: requiredText('unit', 60), domain: domainSchema.nullable() }).partial(),
});
export const tallyRemoveSchema = z.object({ id: idSchema });

/** A testimony from anyone, often a phone at audit night; it waits for moderation. */
export const testimonySubmitSchema = z.object({
  auditId: idSchema,
  text: requiredText('text', 2000),
  pseudonym: z.string().trim().max(80, 'pseudonym is at most 80 characters').nullable().default(null)
    .transform((value) => (value === '' ? null : value)),
  consent: z.literal(true, { error: 'consent is required: the teller must agree to the testimony being shown' }),
  visibility: tierSchema.default('public'),
  domain: domainSchema.nullable().default(null),
});
export type TestimonySubmitInput = z.infer<typeof testimonySubmitSchema>;

export const testimonyModerateSchema = z.object({
  testimonyId: idSchema,
  decision: z.enum(['approved', 'rejected'], { error: 'decision must be approved or rejected' }),
  /** A moderator may lower who sees it (e.g. to members), never raise it past the teller's choice. */
  visibility: tierSchema.optional(),
});
export type TestimonyModerateInput = z.infer<typeof testimonyModerateSchema>;

// ─── Challenges ────────────────────────────────────────────────────────────────────────

export const challengeLocationInputSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('site'), siteId: idSchema }),
  z.object({ kind: z.literal('area'), areaId: idSchema }),
], { error: 'location must be a site (siteId) or an area (areaId)' });

/** One audit, named by id. */
export const auditIdSchema = z.object({ auditId: idSchema });

/** Which challenges to list: an audit's (raised there or carried over to it), an area's, or all. */
export const challengeListSchema = z.object({ auditId: idSchema.optional(), areaId: idSchema.optional() }).default({});

/** A challenge made by hand. */
export const challengeCreateSchema = z.object({
  auditId: idSchema,
  title: requiredText('title', 200),
  description: optionalText('description', 5000),
  domain: domainSchema.nullable().default(null),
  location: challengeLocationInputSchema,
  /** Defaults to the audit's next-audit date. */
  dueOn: dateSchema.nullable().default(null),
});
export type ChallengeCreateInput = z.infer<typeof challengeCreateSchema>;

/** Raise one of proposeChallenges' proposals, named by its key. */
export const challengeFromProposalSchema = z.object({
  auditId: idSchema,
  proposalKey: z.string().min(1, 'proposalKey is required').max(300, 'proposalKey is at most 300 characters'),
});

export const challengeClaimSchema = z.object({ challengeId: idSchema, version: versionSchema('version'), groupId: idSchema });
export const challengeReleaseSchema = z.object({ challengeId: idSchema, version: versionSchema('version') });

export const challengeSolveSchema = z.object({
  challengeId: idSchema,
  version: versionSchema('version'),
  evidence: requiredText('evidence', 5000),
  evidenceUrl: urlSchema('evidenceUrl').nullable().default(null),
  /** Open a follow-on challenge at once. */
  sequel: z.object({ title: requiredText('sequel.title', 200), description: optionalText('sequel.description', 5000) }).nullable().default(null),
});
export type ChallengeSolveInput = z.infer<typeof challengeSolveSchema>;

export const challengeCarryOverSchema = z.object({ challengeId: idSchema, version: versionSchema('version'), toAuditId: idSchema });

export const headlineChooseSchema = z.object({ auditId: idSchema, challengeId: idSchema });

// ─── Outputs ───────────────────────────────────────────────────────────────────────────

export const checkSchema = z.object({
  key: z.string(),
  version: z.number(),
  question: z.string(),
  description: z.string(),
  weight: z.number(),
  mayNotApply: z.boolean(),
  addedOn: dateSchema.nullable(),
  retiredOn: dateSchema.nullable(),
});

export const checkAnswerSchema = z.object({
  auditId: idSchema,
  groupId: idSchema,
  checkKey: z.string(),
  checkVersion: z.number(),
  value: z.enum(ANSWER_VALUES),
  evidence: z.string(),
  evidenceUrl: z.string().nullable(),
  answeredBy: z.string().nullable(),
  answeredAt: instantSchema.nullable(),
  version: z.number(),
});

export const auditSchema = z.object({
  id: idSchema,
  areaId: idSchema,
  period: z.object({ label: z.string(), start: dateSchema, end: dateSchema }),
  nextAuditOn: dateSchema.nullable(),
  status: z.enum(AUDIT_STATUSES),
  openedAt: instantSchema.nullable(),
  publishedAt: instantSchema.nullable(),
  version: z.number(),
});

export const tallySchema = z.object({
  id: idSchema,
  auditId: idSchema,
  name: z.string(),
  count: z.number(),
  unit: z.string(),
  domain: z.enum(DOMAIN_IDS).nullable(),
});

export const testimonySchema = z.object({
  id: idSchema,
  auditId: idSchema,
  text: z.string(),
  pseudonym: z.string().nullable(),
  consent: z.boolean(),
  visibility: tierSchema,
  moderation: z.enum(MODERATION_STATES),
  domain: z.enum(DOMAIN_IDS).nullable(),
  submittedAt: instantSchema,
});

export const challengeSourceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('manual') }),
  z.object({ kind: z.literal('coverage'), domain: z.enum(DOMAIN_IDS) }),
  z.object({ kind: z.literal('check'), groupId: idSchema, checkKey: z.string() }),
  z.object({ kind: z.literal('site_closed'), siteId: idSchema, functionType: z.string() }),
  z.object({ kind: z.literal('food_access'), zoneId: z.string(), people: z.number() }),
  z.object({ kind: z.literal('federation'), fromGroupId: idSchema, toGroupId: idSchema }),
]);

export const challengeLocationSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('site'), siteId: idSchema, geometry: siteGeometrySchema.nullable() }),
  z.object({ kind: z.literal('area'), areaId: idSchema }),
]);

export const challengeSchema = z.object({
  id: idSchema,
  auditId: idSchema,
  title: z.string(),
  description: z.string(),
  domain: z.enum(DOMAIN_IDS).nullable(),
  source: challengeSourceSchema,
  location: challengeLocationSchema,
  status: z.enum(CHALLENGE_STATUSES),
  claimedByGroupId: idSchema.nullable(),
  solvedEvidence: z.string().nullable(),
  solvedEvidenceUrl: z.string().nullable(),
  dueOn: dateSchema.nullable(),
  carriedOverTo: z.array(idSchema),
  sequelOf: idSchema.nullable(),
  headline: z.boolean(),
  createdAt: instantSchema,
  history: z.array(z.object({
    at: instantSchema,
    from: z.enum(CHALLENGE_STATUSES).nullable(),
    to: z.enum(CHALLENGE_STATUSES),
    by: z.string().nullable(),
    note: z.string(),
  })),
  version: z.number(),
});

export const challengeProposalSchema = z.object({
  key: z.string(),
  title: z.string(),
  description: z.string(),
  domain: z.enum(DOMAIN_IDS).nullable(),
  source: challengeSourceSchema,
  location: challengeLocationSchema,
});

export const closureProposalSchema = z.object({ challengeId: idSchema, reason: z.string() });

export const domainCoverageSchema = z.object({
  domain: z.enum(DOMAIN_IDS),
  unit: capacityUnitSchema,
  need: z.number().nullable(),
  needSource: z.enum(['assembly', 'default', 'none']),
  needReason: z.string(),
  autonomousCapacity: z.number(),
  totalCapacity: z.number(),
  coverage: z.number().nullable(),
  activeSiteCount: z.number(),
  autonomousSiteIds: z.array(idSchema),
  sites: z.array(z.object({
    siteId: idSchema,
    siteName: z.string(),
    groupId: idSchema.nullable(),
    capacity: z.number().nullable(),
    counted: z.boolean(),
    reason: z.string(),
  })),
});

const checkContributionSchema = z.object({
  checkKey: z.string(),
  question: z.string(),
  weight: z.number(),
  value: z.enum(ANSWER_VALUES),
  unanswered: z.boolean(),
  points: z.number(),
  possible: z.number(),
});

const domainContributionSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('coverage'), coverage: z.number().nullable(), threshold: z.number(), weight: z.number(), points: z.number() }),
  z.object({ kind: z.literal('groups'), meanGroupScore: z.number().nullable(), groupIds: z.array(idSchema), weight: z.number(), points: z.number() }),
  z.object({
    kind: z.literal('check'),
    checkKey: z.string(),
    question: z.string(),
    failingGroupIds: z.array(idSchema),
    partialGroupIds: z.array(idSchema),
    unknownGroupIds: z.array(idSchema),
  }),
]);

const unknownAnswerSchema = z.object({ groupId: idSchema, checkKey: z.string(), answered: z.boolean() });

export const auditScoresSchema = z.object({
  groups: z.array(z.object({
    groupId: idSchema,
    groupName: z.string(),
    score: z.number().nullable(),
    points: z.number(),
    possible: z.number(),
    autonomous: z.boolean(),
    counts: z.object({ pass: z.number(), partial: z.number(), fail: z.number(), unknown: z.number(), notApplicable: z.number(), unanswered: z.number() }),
    contributions: z.array(checkContributionSchema),
    reasons: z.array(z.string()),
  })),
  domains: z.array(z.object({
    domain: z.enum(DOMAIN_IDS),
    label: z.string(),
    assessed: z.boolean(),
    governed: z.boolean(),
    score: z.number().nullable(),
    coverage: z.number().nullable(),
    groupIds: z.array(idSchema),
    reasons: z.array(z.string()),
    contributions: z.array(domainContributionSchema),
  })),
  governedCount: z.number(),
  assessedCount: z.number(),
  notAssessedCount: z.number(),
  headline: z.string(),
  reasons: z.array(z.string()),
  unknowns: z.array(unknownAnswerSchema),
});

export const auditSiteSchema = z.object({
  id: idSchema,
  name: z.string(),
  functionType: z.string(),
  domain: z.enum(DOMAIN_IDS),
  groupId: idSchema.nullable(),
  geometry: siteGeometrySchema.nullable(),
  capacity: z.number().nullable(),
  capacityUnit: capacityUnitSchema.nullable(),
  status: siteStatusSchema,
  openedOn: dateSchema.nullable(),
  closedOn: dateSchema.nullable(),
});

export const auditSnapshotSchema = z.object({
  auditId: idSchema,
  area: z.object({ id: idSchema, name: z.string(), population: z.number().nullable() }),
  period: z.object({ label: z.string(), start: dateSchema, end: dateSchema }),
  nextAuditOn: dateSchema.nullable(),
  publishedAt: instantSchema,
  rules: auditRulesSchema,
  sites: z.array(auditSiteSchema),
  groups: z.array(z.object({ id: idSchema, name: z.string() })),
  links: z.array(z.object({
    id: idSchema,
    fromGroupId: idSchema,
    toGroupId: idSchema,
    kind: z.enum(LINK_KINDS),
    flow: z.enum(FLOWS).nullable(),
  })),
  checks: z.array(checkSchema),
  answers: z.array(checkAnswerSchema),
  needEstimates: z.array(z.object({ domain: z.enum(DOMAIN_IDS), need: z.number(), note: z.string() })),
  coverage: z.array(domainCoverageSchema),
  scores: auditScoresSchema,
  tallies: z.array(tallySchema),
  testimonies: z.array(testimonySchema),
  challenges: z.array(challengeSchema),
  headlineChallengeId: idSchema.nullable(),
  unknowns: z.array(unknownAnswerSchema),
  acknowledgedUnknown: z.boolean(),
});


// The schemas above describe the same shapes as shared/audit/types.ts; these lines fail to
// compile if the two drift apart.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const agree = <T extends true>(value: T) => value;
agree<Same<z.infer<typeof checkSchema>, Check>>(true);
agree<Same<z.infer<typeof checkAnswerSchema>, CheckAnswer>>(true);
agree<Same<z.infer<typeof auditSchema>, Audit>>(true);
agree<Same<z.infer<typeof tallySchema>, Tally>>(true);
agree<Same<z.infer<typeof testimonySchema>, Testimony>>(true);
agree<Same<z.infer<typeof challengeSchema>, Challenge>>(true);
agree<Same<z.infer<typeof challengeProposalSchema>, ChallengeProposal>>(true);
agree<Same<z.infer<typeof closureProposalSchema>, ClosureProposal>>(true);
agree<Same<z.infer<typeof domainCoverageSchema>, DomainCoverage>>(true);
agree<Same<z.infer<typeof auditScoresSchema>, AuditScores>>(true);
agree<Same<z.infer<typeof auditSnapshotSchema>, AuditSnapshot>>(true);
