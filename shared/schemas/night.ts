import { z } from 'zod';
import { idSchema } from './common';

/**
 * Audit night: what phones send (no account; a participant token in a cookie says which
 * phone) and what the console sends. Each phone submission carries an idempotency key, so
 * a retry after a dropped connection never makes a second one.
 */
const requiredText = (field: string, max: number) => z.string({ error: `${field} is required` }).trim()
  .min(1, `${field} is required`).max(max, `${field} is at most ${max.toLocaleString('en-US')} characters`);

export const idempotencyKeySchema = z.string({ error: 'key is required (one per submission, so a retry is not a duplicate)' })
  .regex(/^[A-Za-z0-9_-]{8,64}$/, 'key must be 8 to 64 letters, digits, - or _');

export const nightJoinSchema = z.object({
  /** The audit's id, or the short code of the join address. */
  auditId: idSchema.optional(),
  code: z.string().trim().regex(/^[A-Za-z0-9]{4,12}$/, 'code must be the 4 to 12 letters and digits after /n/').optional(),
}).refine((input) => input.auditId !== undefined || input.code !== undefined, { message: 'auditId or code is required', path: ['auditId'] });

export const TESTIMONY_MAX = 2000;

export const nightTestimonySchema = z.object({
  key: idempotencyKeySchema,
  text: requiredText('text', TESTIMONY_MAX),
  pseudonym: z.string().trim().max(80, 'pseudonym is at most 80 characters').nullable().default(null).transform((value) => (value === '' ? null : value)),
  consent: z.literal(true, { error: 'consent is required: the teller must agree to the testimony being shown' }),
});
export type NightTestimonyInput = z.infer<typeof nightTestimonySchema>;

const coordinate = (field: string, limit: number) => z.number({ error: `${field} must be a number` }).min(-limit, `${field} must be from -${limit} to ${limit}`).max(limit, `${field} must be from -${limit} to ${limit}`);

export const nightProposalSchema = z.object({
  key: idempotencyKeySchema,
  name: requiredText('name', 200),
  functionType: z.string({ error: 'functionType is required' }).min(1, 'functionType is required').max(100),
  lon: coordinate('lon', 180),
  lat: coordinate('lat', 90),
});
export type NightProposalInput = z.infer<typeof nightProposalSchema>;

export const nightClaimSchema = z.object({
  key: idempotencyKeySchema,
  challengeId: idSchema,
  /** The group that takes it on: one of the public groups the phone was shown. */
  groupId: idSchema,
});
export type NightClaimInput = z.infer<typeof nightClaimSchema>;

export const nightVoteSchema = z.object({
  key: idempotencyKeySchema,
  challengeId: idSchema,
});
export type NightVoteInput = z.infer<typeof nightVoteSchema>;

export const nightAuditSchema = z.object({ auditId: idSchema });

export const nightModerateSchema = z.object({
  /** A testimony's id, or a phone's proposal or claim (its submission id). */
  id: idSchema,
  kind: z.enum(['testimony', 'proposal', 'claim'], { error: 'kind must be testimony, proposal or claim' }),
  decision: z.enum(['approved', 'rejected'], { error: 'decision must be approved or rejected' }),
});
export type NightModerateInput = z.infer<typeof nightModerateSchema>;

export const nightOpenVoteSchema = z.object({
  auditId: idSchema,
  challengeIds: z.array(idSchema).min(2, 'challengeIds: put at least two challenges to the vote').max(12, 'challengeIds: at most 12 challenges in one vote'),
});
