import { z } from 'zod';
import { LAYOUTS, PAPERS } from '../zine/paper';

export const ZINE_FORMATS = ['pdf', 'svg'] as const;

/** What to print: the audit, the file format, the imposition and the paper. */
export const zineRequestSchema = z.object({
  auditId: z.string().min(1, 'auditId is required'),
  format: z.enum(ZINE_FORMATS, { error: (issue) => `format must be pdf or svg, not “${String(issue.input)}”` }),
  layout: z.enum(LAYOUTS, { error: (issue) => `layout must be pages, booklet or mini, not “${String(issue.input)}”` }).default('pages'),
  paper: z.enum(PAPERS, { error: (issue) => `paper must be a4 or letter, not “${String(issue.input)}”` }).default('a4'),
  red: z.boolean().default(true),
});
export type ZineRequest = z.infer<typeof zineRequestSchema>;
export type ZineRequestInput = z.input<typeof zineRequestSchema>;
