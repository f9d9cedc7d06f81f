import type { AuditRules } from '../../../../shared/audit/types';

export type ThresholdKey = keyof AuditRules;

/** Each of the network's thresholds in words: the form's label, and the sentence the method page reads. */
export const THRESHOLD_WORDS: Record<ThresholdKey, { label: string; help: string; sentence: (percent: string) => string }> = {
  autonomousGroupScore: {
    label: 'A group counts as self-governed from',
    help: 'its share of the checklist’s weight answered yes',
    sentence: (percent) => `A group counts as self-governed when its answers earn at least ${percent} of the weight of the checks that apply to it.`,
  },
  governedCoverage: {
    label: 'A domain counts as governed from',
    help: 'of the need covered by self-governed groups’ sites',
    sentence: (percent) => `A domain of life counts as governed when the sites of self-governed groups cover at least ${percent} of the need in the area.`,
  },
  coverageWeight: {
    label: 'Weight of coverage in a domain’s score',
    help: 'the rest is the groups’ checklist score',
    sentence: (percent) => `A domain’s score is ${percent} its coverage and the rest its groups’ checklist score.`,
  },
};

export const THRESHOLD_KEYS = Object.keys(THRESHOLD_WORDS) as ThresholdKey[];

/** A share (0..1) as a whole percentage, as the forms and the method page write it. */
export const asPercent = (share: number) => `${Math.round(share * 100)} %`;
