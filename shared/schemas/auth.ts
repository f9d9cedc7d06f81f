import { z } from 'zod';
import { roleSchema } from './common';

export const emailSchema = z.string().trim().toLowerCase().email('that is not an email address').max(200);
export const passwordSchema = z.string().min(10, 'a password needs at least 10 characters').max(200);

export const loginSchema = z.object({ email: emailSchema, password: z.string().min(1).max(200) });
export const inviteSchema = z.object({ role: roleSchema.exclude(['public']), note: z.string().max(200).default(''), expiresInDays: z.number().int().min(1).max(90).default(14) });
export const acceptInviteSchema = z.object({ token: z.string().min(10).max(200), email: emailSchema, displayName: z.string().trim().min(1).max(100), password: passwordSchema });

export const viewerSchema = z.object({
  userId: z.string().nullable(),
  displayName: z.string().nullable(),
  role: roleSchema,
});
export type Viewer = z.infer<typeof viewerSchema>;
