/**
 * The domains of life a community can govern for itself.
 * Each carries a colour for the screen and a fill pattern and marker shape that read
 * without colour (photocopies, black-and-white projectors).
 */
export type PatternName =
  | 'solid' | 'diagonal' | 'cross-hatch' | 'dots' | 'horizontal' | 'vertical'
  | 'grid' | 'zigzag' | 'checker' | 'rings' | 'bricks';

export type MarkerShape =
  | 'circle' | 'square' | 'triangle' | 'diamond' | 'pentagon' | 'hexagon'
  | 'star' | 'cross' | 'ring' | 'house' | 'drop';

export interface Domain {
  id: DomainId;
  label: string;
  /** A short description an assembly can read aloud. */
  description: string;
  colour: string;
  pattern: PatternName;
  shape: MarkerShape;
  /** One letter drawn inside the marker so the domain reads without colour or legend. */
  letter: string;
}

export const DOMAIN_IDS = [
  'food', 'housing', 'health', 'care', 'safety', 'education',
  'work', 'money', 'energy', 'communications', 'governance',
] as const;
export type DomainId = (typeof DOMAIN_IDS)[number];

export const DOMAINS: readonly Domain[] = [
  { id: 'food', label: 'Food', description: 'Growing, sharing and cooking food', colour: '#2e7d32', pattern: 'dots', shape: 'circle', letter: 'F' },
  { id: 'housing', label: 'Housing & land', description: 'Homes and land held outside the market', colour: '#8d4a1f', pattern: 'bricks', shape: 'house', letter: 'H' },
  { id: 'health', label: 'Health', description: 'Clinics, first aid and health workers', colour: '#c62828', pattern: 'cross-hatch', shape: 'cross', letter: '+' },
  { id: 'care', label: 'Care', description: 'Childcare and care for elders', colour: '#ad1457', pattern: 'rings', shape: 'drop', letter: 'C' },
  { id: 'safety', label: 'Safety & conflict', description: 'Mediation and transformative justice', colour: '#4527a0', pattern: 'diagonal', shape: 'diamond', letter: 'S' },
  { id: 'education', label: 'Education & culture', description: 'Free schools, libraries, skill shares', colour: '#1565c0', pattern: 'horizontal', shape: 'square', letter: 'E' },
  { id: 'work', label: 'Work & production', description: 'Worker co-ops, repair and making', colour: '#5d4037', pattern: 'vertical', shape: 'hexagon', letter: 'W' },
  { id: 'money', label: 'Money & exchange', description: 'Credit unions, time banks, mutual-aid funds', colour: '#f9a825', pattern: 'checker', shape: 'pentagon', letter: '$' },
  { id: 'energy', label: 'Energy & utilities', description: 'Community energy and utilities', colour: '#ef6c00', pattern: 'zigzag', shape: 'triangle', letter: 'N' },
  { id: 'communications', label: 'Communications', description: 'Mesh networks and community media', colour: '#00838f', pattern: 'grid', shape: 'ring', letter: 'M' },
  { id: 'governance', label: 'Governance', description: 'Assemblies, councils, block committees', colour: '#37474f', pattern: 'solid', shape: 'star', letter: 'G' },
];

const byId = new Map(DOMAINS.map((d) => [d.id, d]));

export function domainById(id: string): Domain | undefined {
  return byId.get(id as DomainId);
}

export function isDomainId(id: string): id is DomainId {
  return byId.has(id as DomainId);
}
