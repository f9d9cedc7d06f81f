import type { DomainId } from './domains';

/** A kind of reclaimed function within a domain. The seed list; networks may add more. */
export interface FunctionType {
  id: string;
  label: string;
  domain: DomainId;
  /** What capacity is counted in, when the type has one. */
  capacityUnit: CapacityUnit | null;
}

/** A function type as a network keeps it: a retired one stays for the sites that have it, and is offered no more. */
export interface StoredFunctionType extends FunctionType {
  retired: boolean;
}

export type CapacityUnit = 'households_per_week' | 'people_per_week' | 'people' | 'households' | 'kwh_per_month';

export const FUNCTION_TYPES: readonly FunctionType[] = [
  // food
  { id: 'community_garden', label: 'Community garden', domain: 'food', capacityUnit: 'households_per_week' },
  { id: 'food_pantry', label: 'Food pantry', domain: 'food', capacityUnit: 'households_per_week' },
  { id: 'community_fridge', label: 'Community fridge', domain: 'food', capacityUnit: 'people_per_week' },
  { id: 'community_kitchen', label: 'Community kitchen', domain: 'food', capacityUnit: 'people_per_week' },
  { id: 'food_coop', label: 'Food co-op', domain: 'food', capacityUnit: 'households_per_week' },
  { id: 'csa', label: 'Community-supported agriculture', domain: 'food', capacityUnit: 'households_per_week' },
  { id: 'seed_library', label: 'Seed library', domain: 'food', capacityUnit: 'people_per_week' },
  // housing & land
  { id: 'community_land_trust', label: 'Community land trust', domain: 'housing', capacityUnit: 'households' },
  { id: 'housing_coop', label: 'Housing co-op', domain: 'housing', capacityUnit: 'households' },
  { id: 'tenant_union', label: 'Tenant union', domain: 'housing', capacityUnit: 'households' },
  { id: 'repair_fund', label: 'Repair fund', domain: 'housing', capacityUnit: 'households' },
  { id: 'eviction_defence', label: 'Eviction defence', domain: 'housing', capacityUnit: 'households' },
  // health
  { id: 'free_clinic', label: 'Free clinic', domain: 'health', capacityUnit: 'people_per_week' },
  { id: 'first_aid_collective', label: 'First-aid collective', domain: 'health', capacityUnit: 'people_per_week' },
  { id: 'community_health_workers', label: 'Community health workers', domain: 'health', capacityUnit: 'people_per_week' },
  // care
  { id: 'childcare_coop', label: 'Childcare co-op', domain: 'care', capacityUnit: 'people' },
  { id: 'elder_care_network', label: 'Elder-care network', domain: 'care', capacityUnit: 'people' },
  // safety & conflict
  { id: 'mediation_circle', label: 'Mediation circle', domain: 'safety', capacityUnit: 'people_per_week' },
  // education & culture
  { id: 'free_school', label: 'Free school', domain: 'education', capacityUnit: 'people' },
  { id: 'library', label: 'Library', domain: 'education', capacityUnit: 'people_per_week' },
  { id: 'skill_share', label: 'Skill share', domain: 'education', capacityUnit: 'people_per_week' },
  { id: 'social_centre', label: 'Social centre', domain: 'education', capacityUnit: 'people_per_week' },
  // work & production
  { id: 'worker_coop', label: 'Worker co-op', domain: 'work', capacityUnit: 'people' },
  { id: 'tool_library', label: 'Tool library', domain: 'work', capacityUnit: 'households_per_week' },
  { id: 'repair_cafe', label: 'Repair café', domain: 'work', capacityUnit: 'people_per_week' },
  { id: 'makerspace', label: 'Makerspace', domain: 'work', capacityUnit: 'people_per_week' },
  // money & exchange
  { id: 'credit_union', label: 'Credit union', domain: 'money', capacityUnit: 'households' },
  { id: 'time_bank', label: 'Time bank', domain: 'money', capacityUnit: 'people' },
  { id: 'mutual_aid_fund', label: 'Mutual-aid fund', domain: 'money', capacityUnit: 'households' },
  // energy & utilities
  { id: 'community_energy', label: 'Community energy', domain: 'energy', capacityUnit: 'households' },
  // communications
  { id: 'mesh_network', label: 'Mesh network', domain: 'communications', capacityUnit: 'households' },
  // governance
  { id: 'neighbourhood_assembly', label: 'Neighbourhood assembly', domain: 'governance', capacityUnit: 'people' },
  { id: 'block_committee', label: 'Block committee', domain: 'governance', capacityUnit: 'households' },
];
