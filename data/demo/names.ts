/**
 * Word lists the demo generator (server/demo/generateDemo.ts) draws its fictional names
 * from. Every name in Kudzu Flats is made up: streets after weeds, wildflowers and old
 * trades, groups after sea birds and shore words (the demo floats in the mid-Atlantic).
 * Any likeness to a real street or organisation is a coincidence.
 */

/** The neighbourhoods, in the order the generator lays them out: north-west, north-east, south-west, south-east. */
export const NEIGHBOURHOOD_NAMES = {
  mill: 'Old Mill',
  creek: 'Creekside',
  terraces: 'Lower Terraces',
  yards: 'Railyards',
} as const;

/** First words of ordinary street names. */
export const STREET_WORDS = [
  'Bramble', 'Thistle', 'Sorrel', 'Yarrow', 'Tansy', 'Mallow', 'Burdock', 'Chicory', 'Clover', 'Vetch',
  'Teasel', 'Sumac', 'Elder', 'Hawthorn', 'Nettle', 'Plantain', 'Dock', 'Fennel', 'Mugwort', 'Comfrey',
  'Cooper', 'Tanner', 'Weaver', 'Chandler', 'Mason', 'Fuller', 'Carter', 'Sawyer', 'Dyer', 'Miller',
  'Loom', 'Spindle', 'Bobbin', 'Anvil', 'Lantern', 'Cistern', 'Quarry', 'Kiln', 'Wharf', 'Granary',
];

/** Endings of ordinary street names (repeated words are more likely). */
export const STREET_SUFFIXES = ['Street', 'Street', 'Street', 'Street', 'Lane', 'Row', 'Way', 'Place'];

/** Names of the few avenues. */
export const AVENUE_WORDS = ['Kudzu', 'Marram', 'Foundry', 'Meridian', 'Tidewater'];

/** The one diagonal, an old road older than the grid. */
export const DIAGONAL_NAMES = ['Old Post Road', 'Drovers Road', 'Ferry Road'];

export const PARK_NAMES = ['Tanager Commons', 'Heron Green', 'Millpond Park'];
export const CREEK_NAMES = ['Sallow Creek', 'Wick Creek', 'Alder Run'];
export const RAIL_NAMES = ['Flats Freight Line', 'Harbour Branch Railway', 'Sea Lane Rail Spur'];

/** First words of group and site names. */
export const GROUP_WORDS = [
  'Kestrel', 'Wren', 'Heron', 'Linnet', 'Starling', 'Magpie', 'Plover', 'Tern', 'Petrel', 'Curlew',
  'Gannet', 'Puffin', 'Lapwing', 'Sandpiper', 'Shearwater', 'Kittiwake', 'Hearth', 'Cornerstone', 'Driftwood', 'Saltmarsh',
  'Foghorn', 'Lighthouse', 'Tidepool', 'Dandelion', 'Marigold', 'Honeycomb', 'Seaglass', 'Eelgrass', 'Barnacle', 'Kelp',
  'Sandbar', 'Harbour', 'Anchor', 'Compass', 'Lodestar', 'Keel', 'Jetty', 'Breakwater', 'Estuary', 'Shingle',
];

/** Ordinary places a site can be "at", for names like "Fridge at the Laundromat". */
export const HOST_PLACES = [
  'the Laundromat', 'the Corner Shop', 'the Bus Shelter', 'the Barbershop', 'the Old Fire Station',
  'the Chapel Hall', 'the Print Works', 'the Tram Depot', 'the Bathhouse', 'the Boat Shed',
];

/**
 * Site name patterns per function type. Placeholders: {street} the nearest street,
 * {word} a word from GROUP_WORDS, {hood} the neighbourhood, {park} the park, {place} a HOST_PLACES entry,
 * {group} the running group's name.
 */
export const SITE_NAME_PATTERNS: Record<string, readonly string[]> = {
  community_garden: ['{street} Community Garden', '{word} Garden', '{word} Allotments', '{park} Garden Plots'],
  food_pantry: ['{street} Pantry', '{word} Pantry', 'Pantry at {place}'],
  community_fridge: ['{street} Fridge', 'Fridge at {place}', 'The {word} Fridge'],
  community_kitchen: ['{word} Kitchen', '{street} Community Kitchen', 'Kitchen at {place}'],
  food_coop: ['{word} Grocery', '{hood} Food Co-op Store', '{street} Co-op Grocery'],
  csa: ['{word} Farm Share Pickup', 'Veg Box Pickup at {place}', '{street} Share Pickup'],
  seed_library: ['{word} Seed Library', 'Seed Box at {place}', '{street} Seed Exchange'],
  community_land_trust: ['{street} Trust Homes', '{word} Yard (land trust)', '{street} Trust Parcel'],
  housing_coop: ['{word} House', '{street} Co-op Homes', '{word} Court'],
  tenant_union: ['{street} Tenants Committee', '{word} Buildings Tenants', '{hood} Tenants Office'],
  repair_fund: ['{street} Repair Fund', '{word} Roof Fund', 'Repair Fund at {place}'],
  eviction_defence: ['{street} Eviction Watch', '{word} Rapid Response', 'Eviction Defence Desk'],
  free_clinic: ['{word} Clinic', '{street} Free Clinic', 'Clinic at {place}'],
  first_aid_collective: ['{word} First Aid Post', '{street} Street Medics', 'First Aid at {place}'],
  community_health_workers: ['{street} Health Workers', '{word} Health Walk', 'Health Desk at {place}'],
  childcare_coop: ['{word} Nest', '{street} Playroom', '{word} Childcare Co-op'],
  elder_care_network: ['{street} Elder Circle', '{word} Visiting Network', 'Elders at {place}'],
  mediation_circle: ['{word} Circle', '{street} Mediation Room', 'Talking Circle at {place}'],
  free_school: ['{word} Free School', '{street} Schoolroom', 'Free School at {place}'],
  library: ['{word} Library', '{street} Reading Room', 'Library at {place}'],
  skill_share: ['{word} Skill Share', '{street} Workshop Night', 'Skill Share at {place}'],
  social_centre: ['{word} Social Centre', '{street} Social Club', 'The {word} Rooms'],
  worker_coop: ['{group}', '{group}, {street} Workshop', '{word} Works'],
  tool_library: ['{word} Tool Library', '{street} Tool Shed', 'Tool Library at {place}'],
  repair_cafe: ['{word} Repair Café', '{street} Fix-it Night', 'Repair Café at {place}'],
  makerspace: ['{word} Makerspace', '{street} Hackspace', 'Makerspace at {place}'],
  credit_union: ['{group}, {hood} Branch', '{group}, {street} Branch'],
  time_bank: ['{word} Time Bank Desk', '{street} Time Exchange', 'Time Bank at {place}'],
  mutual_aid_fund: ['{street} Mutual Aid Table', '{word} Fund Drop-in', 'Mutual Aid at {place}'],
  community_energy: ['{word} Solar Roof', '{street} Solar Array', '{word} Heat Pump Hub'],
  mesh_network: ['{word} Mesh Node', '{street} Rooftop Node', 'Mesh Node at {place}'],
  neighbourhood_assembly: ['{hood} Assembly', '{hood} Assembly Hall'],
  block_committee: ['{street} Block Committee', '{word} Block Committee', '{street} Block Meeting'],
};
