/**
 * Who may see what. Roles rank public < member < auditor < steward; visibility tiers say
 * the lowest role that may see a thing. Location precision says how exactly a site's place
 * is shown to anyone below steward.
 */
export const ROLES = ['public', 'member', 'auditor', 'steward'] as const;
export type Role = (typeof ROLES)[number];

export const TIERS = ['public', 'members', 'stewards'] as const;
export type Tier = (typeof TIERS)[number];

export const PRECISIONS = ['exact', 'block', 'area', 'none'] as const;
export type Precision = (typeof PRECISIONS)[number];

const roleRank: Record<Role, number> = { public: 0, member: 1, auditor: 2, steward: 3 };
const tierRank: Record<Tier, number> = { public: 0, members: 1, stewards: 3 };

export function roleAtLeast(role: Role, minimum: Role): boolean {
  return roleRank[role] >= roleRank[minimum];
}

/** May someone with `role` see a thing at visibility `tier`? */
export function canSeeTier(role: Role, tier: Tier): boolean {
  return roleRank[role] >= tierRank[tier];
}

/** The tiers a role may see, for SQL filters. */
export function visibleTiers(role: Role): Tier[] {
  return TIERS.filter((tier) => canSeeTier(role, tier));
}

/** Only stewards receive exact locations of sites whose precision is degraded. */
export function seesExactLocations(role: Role): boolean {
  return role === 'steward';
}
