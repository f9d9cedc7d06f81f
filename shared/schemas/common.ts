import { z } from 'zod';
import { PRECISIONS, ROLES, TIERS } from '../privacy/roles';

export const idSchema = z.string().min(1).max(100);
export const roleSchema = z.enum(ROLES);
export const tierSchema = z.enum(TIERS);
export const precisionSchema = z.enum(PRECISIONS);
/** A calendar date, YYYY-MM-DD. */
export const dateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date must be written YYYY-MM-DD');
export const nameSchema = z.string().trim().min(1, 'a name is required').max(200, 'a name is at most 200 characters');
export const textSchema = z.string().max(5000, 'at most 5,000 characters');
