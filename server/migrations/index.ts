import type { Migration } from 'kysely/migration';
import * as initial from './20261121T1200_initial';
import * as audits from './20261121T1300_audits';
import * as privacyGeneration from './20261129T0940_privacy_generation';
import * as challengesFollowSites from './20261129T1030_challenges_follow_sites';
import * as referenceLayerTiers from './20261129T1031_reference_layer_tiers';
import * as federation from './20261129T1045_federation';
import * as auditSummaries from './20261129T1220_audit_summaries';
import * as sitesLastWrite from './20261129T1325_sites_last_write';
import * as auditNight from './20261129T1330_audit_night';
import * as nightPlans from './20261129T1331_night_plans';

/** Every migration, by name; names sort in the order they run. */
export const migrations: Record<string, Migration> = {
  '20261121T1200_initial': initial,
  '20261121T1300_audits': audits,
  '20261129T0940_privacy_generation': privacyGeneration,
  '20261129T1030_challenges_follow_sites': challengesFollowSites,
  '20261129T1031_reference_layer_tiers': referenceLayerTiers,
  '20261129T1045_federation': federation,
  '20261129T1220_audit_summaries': auditSummaries,
  '20261129T1325_sites_last_write': sitesLastWrite,
  '20261129T1330_audit_night': auditNight,
  '20261129T1331_night_plans': nightPlans,
};
