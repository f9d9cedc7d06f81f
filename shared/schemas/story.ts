import { z } from 'zod';
import { idSchema } from './common';
import { STORY_SECTIONS } from '../night/story';

/**
 * The steward's plan for an audit night: the five sections of the story in the order they
 * are shown, each shown or skipped. Every section appears exactly once, and at least one
 * is shown, so a plan can never lose a section by accident.
 */
export const nightPlanSchema = z.object({
  sections: z.array(z.object({
    section: z.enum(STORY_SECTIONS, { error: `sections[].section must be one of: ${STORY_SECTIONS.join(', ')}` }),
    shown: z.boolean({ error: 'sections[].shown must be true or false' }),
  }), { error: 'sections must be a list of the story\'s sections' }),
}).superRefine((plan, context) => {
  const seen = new Set<string>();
  plan.sections.forEach((entry, index) => {
    if (seen.has(entry.section)) context.addIssue({ code: 'custom', path: ['sections', index, 'section'], message: `sections: “${entry.section}” is listed twice; list each section once` });
    seen.add(entry.section);
  });
  const missing = STORY_SECTIONS.filter((section) => !seen.has(section));
  if (missing.length > 0) context.addIssue({ code: 'custom', path: ['sections'], message: `sections must list every section once; missing: ${missing.join(', ')}` });
  if (plan.sections.length > 0 && !plan.sections.some((entry) => entry.shown)) context.addIssue({ code: 'custom', path: ['sections'], message: 'sections: show at least one section, or there is nothing to present' });
});

export const nightPlanInputSchema = z.object({ auditId: idSchema, plan: nightPlanSchema });
