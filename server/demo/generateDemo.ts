/**
 * Kudzu Flats: the fictional demo neighbourhood, generated from a seed.
 *
 * It floats in open water in the mid-Atlantic (around 35° W, 42° N) so that it can never be
 * mistaken for a real place. The generator is pure and deterministic: the same seed gives
 * the same streets, blocks, people, groups, sites and links, byte for byte. Randomness comes
 * from a small seeded generator below; no clock is read.
 *
 * The layout is planned so that every screen has something to find:
 * - an irregular grid of streets with two avenues, a cross avenue, an old diagonal road and a
 *   park, between a creek (east) and a freight line (south);
 * - four neighbourhoods of uneven density, about 25,000 people in all;
 * - food sources bunched in the north-west and none in the south-east corner (a food desert
 *   around the Railyards, where the only pantry closed);
 * - groups whose governance ranges from exemplary to grant-dependent, too big or informal;
 * - links with mutual-support pacts, shared funds and flows, a few groups linked to no one,
 *   and clusters that hang on a single link (bridges) for federation planning to find.
 */
import type { LineString, Polygon, Position } from 'geojson';
import type { AreaInput } from '../../shared/schemas/area';
import type { GovernanceProfile, GroupInput, LinkInput } from '../../shared/schemas/group';
import type { SiteInput } from '../../shared/schemas/site';
import type { Precision, Role, Tier } from '../../shared/privacy/roles';
import { FUNCTION_TYPES, type CapacityUnit } from '../../shared/taxonomy/functionTypes';
import { pointInPolygon, ringCentroid, ringSignedArea } from '../../shared/geo/measure';
import { fromPlane, localPlaneAt } from '../../shared/geo/localPlane';
import {
  AVENUE_WORDS, CREEK_NAMES, DIAGONAL_NAMES, GROUP_WORDS, HOST_PLACES, NEIGHBOURHOOD_NAMES, PARK_NAMES,
  RAIL_NAMES, SITE_NAME_PATTERNS, STREET_SUFFIXES, STREET_WORDS,
} from '../../data/demo/names';

export const DEMO_LABEL = 'Kudzu Flats (fictional demo neighbourhood)';
export const DEMO_PLACE_NAME = 'Kudzu Flats';
export const DEMO_SEED = 1;
export const DEMO_CENTRE: [number, number] = [-35.0, 42.0];
/** For the demo accounts only; the README says so. */
export const DEMO_PASSWORD = 'kudzu-demo-password';
export const DEMO_POPULATION = 25_000;
/** The south-east corner has no food source within this many metres of it. */
export const FOOD_DESERT_CLEARANCE_METRES = 1400;

export type NeighbourhoodKey = keyof typeof NEIGHBOURHOOD_NAMES;
export type LandUse = 'residential' | 'mixed' | 'park' | 'industrial';

export interface DemoArea extends AreaInput { id: string }
export interface DemoStreet { id: string; name: string; kind: 'avenue' | 'street' | 'diagonal'; geometry: LineString }
export interface DemoBlock {
  id: string; name: string; areaId: string; landUse: LandUse; lowIncome: boolean; population: number; geometry: Polygon;
}
export interface DemoLandmark { id: string; name: string; kind: 'park' | 'creek' | 'rail'; geometry: Polygon | LineString }
export interface DemoGroup { id: string; input: GroupInput }
export interface DemoSite { id: string; input: SiteInput; closedOn: string | null }
export interface DemoLink { id: string; input: LinkInput }
export interface DemoUser { email: string; displayName: string; role: Exclude<Role, 'public'>; password: string }

export interface DemoNeighbourhood {
  label: string;
  seed: number;
  centre: [number, number];
  /** [west, south, east, north] of everything drawn. */
  bbox: [number, number, number, number];
  /** The district (the whole demo) first, then its neighbourhoods, which tile it. */
  areas: DemoArea[];
  streets: DemoStreet[];
  blocks: DemoBlock[];
  landmarks: DemoLandmark[];
  groups: DemoGroup[];
  sites: DemoSite[];
  links: DemoLink[];
  users: DemoUser[];
}

// ─── seeded randomness ────────────────────────────────────────────────────────────────

/** mulberry32: a tiny 32-bit generator, plenty for laying out a demo. */
class SeededRandom {
  private state: number;
  constructor(seed: number) { this.state = seed >>> 0; }

  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  between(low: number, high: number): number { return low + (high - low) * this.next(); }
  int(low: number, high: number): number { return low + Math.floor(this.next() * (high - low + 1)); }
  chance(probability: number): boolean { return this.next() < probability; }
  pick<T>(items: readonly T[]): T { return items[Math.floor(this.next() * items.length)]; }
  shuffled<T>(items: readonly T[]): T[] {
    const copy = [...items];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [copy[i], copy[j]] = [copy[j], copy[i]];
    }
    return copy;
  }
  weighted<T>(items: readonly T[], weight: (item: T) => number): T {
    const total = items.reduce((sum, item) => sum + weight(item), 0);
    let target = this.next() * total;
    for (const item of items) {
      target -= weight(item);
      if (target < 0) return item;
    }
    return items[items.length - 1];
  }
}

// ─── the local plane (metres east and north of the centre) ───────────────────────────

type Point = [number, number];
/** The demo was laid out at 111,320 m a degree of latitude; kept, so its coordinates stay as they were. */
const DEMO_PLANE = localPlaneAt(DEMO_CENTRE, 111_320);

function round7(value: number): number {
  return Math.round(value * 1e7) / 1e7;
}

type LonLat = [number, number];
type DemoPolygon = { type: 'Polygon'; coordinates: LonLat[][] };

function toLonLat([x, y]: Point): LonLat {
  const [longitude, latitude] = fromPlane(DEMO_PLANE, x, y);
  return [round7(longitude), round7(latitude)];
}

function distance(a: Point, b: Point): number {
  return Math.hypot(a[0] - b[0], a[1] - b[1]);
}

/** A straight line through `origin` along `direction`. */
interface Line { origin: Point; direction: Point }

function lineThrough(a: Point, b: Point): Line {
  return { origin: a, direction: [b[0] - a[0], b[1] - a[1]] };
}

/** Where two lines cross, and how far along the first one (0 at its origin, 1 at origin + direction). */
function intersect(a: Line, b: Line): { point: Point; along: number } {
  const denominator = a.direction[0] * b.direction[1] - a.direction[1] * b.direction[0];
  const dx = b.origin[0] - a.origin[0];
  const dy = b.origin[1] - a.origin[1];
  const along = (dx * b.direction[1] - dy * b.direction[0]) / denominator;
  return { point: [a.origin[0] + along * a.direction[0], a.origin[1] + along * a.direction[1]], along };
}

/** Which side of a line a point is on: positive left, negative right, 0 on it. */
function side(line: Line, [x, y]: Point): number {
  const value = line.direction[0] * (y - line.origin[1]) - line.direction[1] * (x - line.origin[0]);
  return Math.abs(value) < 1e-6 ? 0 : value;
}

function insideRing(point: Point, ring: readonly Point[]): boolean {
  return pointInPolygon(point, { type: 'Polygon', coordinates: [[...ring, ring[0]]] });
}

/** An open ring of plane points as a closed GeoJSON polygon. */
function polygonOf(ring: readonly Point[]): DemoPolygon {
  const positions = ring.map(toLonLat);
  return { type: 'Polygon', coordinates: [[...positions, positions[0]]] };
}

function lineStringOf(points: readonly Point[]): LineString {
  return { type: 'LineString', coordinates: points.map(toLonLat) };
}

// ─── streets, blocks, neighbourhoods ─────────────────────────────────────────────────

const HALF_WIDTH = 1250;
const HALF_HEIGHT = 1000;
/** North-south streets, shared by both halves (columns of blocks lie between them). */
const NORTH_SOUTH_COUNT = 12;
/** The north-south street that divides west from east. */
const DIVIDER_COLUMN = 5;
const AVENUE_COLUMNS = [3, 8];

/**
 * The two halves of the grid. The west keeps the old narrow rows; the east was laid out
 * later, with fewer, wider rows turned a little, so its streets meet the west's at
 * T-junctions along the divider. Both share the south edge, the cross avenue and the north
 * edge (rows 0, `divider` and `count - 1`), which also divide the neighbourhoods.
 */
type Half = 'west' | 'east';
const HALVES: readonly Half[] = ['west', 'east'];
const ROWS: Record<Half, { count: number; divider: number; interior: number; turn: number }> = {
  west: { count: 13, divider: 6, interior: 5, turn: 0 },
  east: { count: 11, divider: 5, interior: 4, turn: 60 },
};
const COLUMNS: Record<Half, [number, number]> = { west: [0, DIVIDER_COLUMN], east: [DIVIDER_COLUMN, NORTH_SOUTH_COUNT - 1] };

/** The park covers these cells of the west half (column, row ranges, inclusive). */
const PARK_CELLS = { columns: [1, 2], rows: [8, 9] } as const;
/** The diagonal runs between these two vertices of the west half (column, row). */
const DIAGONAL_FROM: [number, number] = [0, 2];
const DIAGONAL_TO: [number, number] = [DIVIDER_COLUMN, ROWS.west.divider];
/** Pieces of block smaller than this (where the diagonal clips a corner) become pocket parks. */
const POCKET_PARK_SQUARE_METRES = 2500;

interface StreetGrid {
  northSouth: Line[];
  /** East-west lines per half; the shared ones are the same objects in both. */
  rows: Record<Half, Line[]>;
  /** Where north-south street `column` meets east-west street `row` of a half. */
  vertex(half: Half, column: number, row: number): Point;
  diagonal: Line;
  /** Where the diagonal crosses each street it passes, by street key ("ns3", "west-ew4"). */
  diagonalCrossings: Map<string, Point>;
}

const isSharedRow = (half: Half, row: number) => row === 0 || row === ROWS[half].divider || row === ROWS[half].count - 1;

function layStreetGrid(random: SeededRandom): StreetGrid {
  const northSouth: Line[] = [];
  for (let i = 0; i < NORTH_SOUTH_COUNT; i++) {
    const base = -HALF_WIDTH + (2 * HALF_WIDTH * i) / (NORTH_SOUTH_COUNT - 1);
    const edge = i === 0 || i === NORTH_SOUTH_COUNT - 1;
    const x = base + (edge ? 0 : random.between(-40, 40));
    const lean = edge ? random.between(-8, 8) : random.between(-38, 38);
    northSouth.push(lineThrough([x - lean, -HALF_HEIGHT], [x + lean, HALF_HEIGHT]));
  }
  const rowLine = (y: number, lean: number) => lineThrough([-HALF_WIDTH, y - lean], [HALF_WIDTH, y + lean]);
  const south = rowLine(-HALF_HEIGHT, random.between(-6, 6));
  const divider = rowLine(random.between(-20, 20), random.between(-12, 12));
  const north = rowLine(HALF_HEIGHT, random.between(-6, 6));
  const interior = (from: number, to: number, half: Half) => Array.from({ length: ROWS[half].interior }, (_, k) =>
    rowLine(from + ((to - from) * (k + 1)) / (ROWS[half].interior + 1) + random.between(-25, 25), ROWS[half].turn + random.between(-15, 15)));
  const rows = {} as Record<Half, Line[]>;
  for (const half of HALVES) rows[half] = [south, ...interior(-HALF_HEIGHT, 0, half), divider, ...interior(0, HALF_HEIGHT, half), north];

  const cache = new Map<string, Point>();
  const vertex = (half: Half, column: number, row: number): Point => {
    const key = `${half}:${column}:${row}`;
    let point = cache.get(key);
    if (!point) { point = intersect(northSouth[column], rows[half][row]).point; cache.set(key, point); }
    return point;
  };
  const diagonal = lineThrough(vertex('west', ...DIAGONAL_FROM), vertex('west', ...DIAGONAL_TO));
  const diagonalCrossings = new Map<string, Point>();
  const crosses = (key: string, line: Line) => {
    const crossing = intersect(diagonal, line);
    if (crossing.along > 1e-9 && crossing.along < 1 - 1e-9) diagonalCrossings.set(key, crossing.point);
  };
  for (let i = COLUMNS.west[0]; i <= COLUMNS.west[1]; i++) crosses(`ns${i}`, northSouth[i]);
  rows.west.forEach((line, j) => crosses(`west-ew${j}`, line));
  return { northSouth, rows, vertex, diagonal, diagonalCrossings };
}

function parkRing(grid: StreetGrid): Point[] {
  return boundaryRing(grid, 'west', PARK_CELLS.columns[0], PARK_CELLS.columns[1] + 1, PARK_CELLS.rows[0], PARK_CELLS.rows[1] + 1);
}

/** The outline of a rectangle of cells in one half (vertex index ranges), through every vertex on its edge, counter-clockwise. */
function boundaryRing(grid: StreetGrid, half: Half, column0: number, column1: number, row0: number, row1: number): Point[] {
  const ring: Point[] = [];
  for (let i = column0; i < column1; i++) ring.push(grid.vertex(half, i, row0));
  for (let j = row0; j < row1; j++) ring.push(grid.vertex(half, column1, j));
  for (let i = column1; i > column0; i--) ring.push(grid.vertex(half, i, row1));
  for (let j = row1; j > row0; j--) ring.push(grid.vertex(half, column0, j));
  return ring;
}

/** The outline of the whole demo: the west half's west edge, the east half's east edge. */
function districtRing(grid: StreetGrid): Point[] {
  const ring: Point[] = [];
  const lastColumn = NORTH_SOUTH_COUNT - 1;
  for (let i = 0; i < lastColumn; i++) ring.push(grid.vertex(i < DIVIDER_COLUMN ? 'west' : 'east', i, 0));
  for (let j = 0; j < ROWS.east.count - 1; j++) ring.push(grid.vertex('east', lastColumn, j));
  for (let i = lastColumn; i > 0; i--) ring.push(i > DIVIDER_COLUMN ? grid.vertex('east', i, ROWS.east.count - 1) : grid.vertex('west', i, ROWS.west.count - 1));
  for (let j = ROWS.west.count - 1; j > 0; j--) ring.push(grid.vertex('west', 0, j));
  return ring;
}

interface PlannedStreet { name: string; kind: DemoStreet['kind']; points: Point[] }

interface StreetNames { northSouth: string[]; rows: Record<Half, string[]>; diagonal: string }

function nameStreets(random: SeededRandom): StreetNames {
  const words = random.shuffled(STREET_WORDS);
  const avenues = random.shuffled(AVENUE_WORDS);
  let nextWord = 0, nextAvenue = 0;
  const ordinary = () => `${words[nextWord++]} ${random.pick(STREET_SUFFIXES)}`;
  const northSouth = Array.from({ length: NORTH_SOUTH_COUNT }, (_, i) => (AVENUE_COLUMNS.includes(i) ? `${avenues[nextAvenue++]} Avenue` : ordinary()));
  const west = Array.from({ length: ROWS.west.count }, (_, j) => (j === ROWS.west.divider ? `${avenues[nextAvenue++]} Avenue` : ordinary()));
  const shared = new Map([[0, west[0]], [ROWS.east.divider, west[ROWS.west.divider]], [ROWS.east.count - 1, west[ROWS.west.count - 1]]]);
  const east = Array.from({ length: ROWS.east.count }, (_, j) => shared.get(j) ?? ordinary());
  return { northSouth, rows: { west, east }, diagonal: random.pick(DIAGONAL_NAMES) };
}

/** Points in order along a street, each place once. */
function distinctPoints(points: Point[], order: (a: Point, b: Point) => number): Point[] {
  const seen = new Set<string>();
  return points.sort(order).filter(([x, y]) => {
    const key = `${x},${y}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Streets as line strings whose vertices are the exact crossings they share with other
 * streets, so a street graph built from them is connected. Stretches inside the park are left out.
 */
function planStreets(grid: StreetGrid, names: StreetNames): PlannedStreet[] {
  const park = parkRing(grid);
  const parkCentre = ringCentroid(park) as Point;
  const parkInterior = park.map(([x, y]): Point => [parkCentre[0] + (x - parkCentre[0]) * 0.98, parkCentre[1] + (y - parkCentre[1]) * 0.98]);
  const split = (name: string, kind: DemoStreet['kind'], points: Point[]): PlannedStreet[] => {
    const pieces: PlannedStreet[] = [];
    let current: Point[] = [points[0]];
    for (let k = 1; k < points.length; k++) {
      const middle: Point = [(points[k - 1][0] + points[k][0]) / 2, (points[k - 1][1] + points[k][1]) / 2];
      if (insideRing(middle, parkInterior)) {
        if (current.length > 1) pieces.push({ name, kind, points: current });
        current = [points[k]];
      } else {
        current.push(points[k]);
      }
    }
    if (current.length > 1) pieces.push({ name, kind, points: current });
    return pieces;
  };
  const byY = (a: Point, b: Point) => a[1] - b[1];
  const byX = (a: Point, b: Point) => a[0] - b[0];
  const streets: PlannedStreet[] = [];
  grid.northSouth.forEach((_, i) => {
    const points: Point[] = [];
    for (const half of HALVES) {
      if (i < COLUMNS[half][0] || i > COLUMNS[half][1]) continue;
      for (let j = 0; j < ROWS[half].count; j++) points.push(grid.vertex(half, i, j));
    }
    const crossing = grid.diagonalCrossings.get(`ns${i}`);
    if (crossing) points.push(crossing);
    streets.push(...split(names.northSouth[i], AVENUE_COLUMNS.includes(i) ? 'avenue' : 'street', distinctPoints(points, byY)));
  });
  for (const half of HALVES) {
    for (let j = 0; j < ROWS[half].count; j++) {
      const shared = isSharedRow(half, j);
      if (half === 'east' && shared) continue; // drawn once, with the west half
      const points: Point[] = [];
      for (let i = COLUMNS[half][0]; i <= COLUMNS[half][1]; i++) points.push(grid.vertex(half, i, j));
      if (shared) {
        const eastRow = j === 0 ? 0 : j === ROWS.west.divider ? ROWS.east.divider : ROWS.east.count - 1;
        for (let i = COLUMNS.east[0]; i <= COLUMNS.east[1]; i++) points.push(grid.vertex('east', i, eastRow));
      }
      const crossing = half === 'west' ? grid.diagonalCrossings.get(`west-ew${j}`) : undefined;
      if (crossing) points.push(crossing);
      const kind = half === 'west' && j === ROWS.west.divider ? 'avenue' : 'street';
      streets.push(...split(names.rows[half][j], kind, distinctPoints(points, byX)));
    }
  }
  const from = grid.vertex('west', ...DIAGONAL_FROM);
  const diagonalPoints = [from, ...grid.diagonalCrossings.values(), grid.vertex('west', ...DIAGONAL_TO)]
    .sort((a, b) => distance(a, from) - distance(b, from));
  streets.push({ name: names.diagonal, kind: 'diagonal', points: diagonalPoints });
  return streets;
}

interface PlannedBlock { name: string; ring: Point[]; centre: Point; areaSquareMetres: number; hood: NeighbourhoodKey; landUse: LandUse }

function neighbourhoodOf(half: Half, row: number): NeighbourhoodKey {
  const north = row >= ROWS[half].divider;
  if (half === 'west') return north ? 'mill' : 'terraces';
  return north ? 'creek' : 'yards';
}

/** Split a convex cell along the diagonal where the diagonal passes through it. */
function splitByDiagonal(grid: StreetGrid, corners: Point[], edgeStreets: string[]): Point[][] {
  const signs = corners.map((corner) => side(grid.diagonal, corner));
  if (!(signs.some((s) => s > 0) && signs.some((s) => s < 0))) return [corners];
  const left: Point[] = [];
  const right: Point[] = [];
  for (let k = 0; k < corners.length; k++) {
    const next = (k + 1) % corners.length;
    if (signs[k] >= 0) left.push(corners[k]);
    if (signs[k] <= 0) right.push(corners[k]);
    if ((signs[k] > 0 && signs[next] < 0) || (signs[k] < 0 && signs[next] > 0)) {
      const crossing = grid.diagonalCrossings.get(edgeStreets[k]);
      if (!crossing) return [corners]; // the diagonal's line, but beyond its ends
      left.push(crossing);
      right.push(crossing);
    }
  }
  return left.length >= 3 && right.length >= 3 ? [left, right] : [corners];
}

function planBlocks(grid: StreetGrid, random: SeededRandom, desertCorner: Point): PlannedBlock[] {
  const blocks: PlannedBlock[] = [];
  for (const half of HALVES) {
    const { count, divider } = ROWS[half];
    for (let row = 0; row < count - 1; row++) {
      for (let column = COLUMNS[half][0]; column < COLUMNS[half][1]; column++) {
        const corners = [grid.vertex(half, column, row), grid.vertex(half, column + 1, row), grid.vertex(half, column + 1, row + 1), grid.vertex(half, column, row + 1)];
        const pieces = half === 'west' ? splitByDiagonal(grid, corners, [`west-ew${row}`, `ns${column + 1}`, `west-ew${row + 1}`, `ns${column}`]) : [corners];
        const hood = neighbourhoodOf(half, row);
        const inPark = half === 'west' && column >= PARK_CELLS.columns[0] && column <= PARK_CELLS.columns[1] && row >= PARK_CELLS.rows[0] && row <= PARK_CELLS.rows[1];
        const alongAvenue = AVENUE_COLUMNS.includes(column) || AVENUE_COLUMNS.includes(column + 1) || row === divider || row + 1 === divider;
        pieces.forEach((ring, piece) => {
          const centre = ringCentroid(ring) as Point;
          const areaSquareMetres = Math.abs(ringSignedArea(ring));
          let landUse: LandUse = 'residential';
          // A sliver the diagonal cuts off a corner is a pocket park, not a place people live.
          if (inPark || areaSquareMetres < POCKET_PARK_SQUARE_METRES) landUse = 'park';
          else if (hood === 'yards' && row === 0 && distance(centre, desertCorner) > 500 && random.chance(0.6)) landUse = 'industrial';
          else if (alongAvenue && random.chance(0.5)) landUse = 'mixed';
          const suffix = pieces.length > 1 ? 'ab'[piece] : '';
          blocks.push({ name: `Block ${column + 1}-${row + 1}${suffix}`, ring, centre, areaSquareMetres, hood, landUse });
        });
      }
    }
  }
  return blocks;
}

/** People per square metre, relative: the old mill streets and the terraces are densest. */
const DENSITY: Record<NeighbourhoodKey, number> = { mill: 1.3, creek: 0.85, terraces: 1.15, yards: 0.7 };

/** Spread exactly `total` people over blocks by weight (largest remainder keeps the sum exact). */
function allocatePopulation(blocks: PlannedBlock[], random: SeededRandom, desertCorner: Point, total: number): number[] {
  const weights = blocks.map((block) => {
    if (block.landUse === 'park' || block.landUse === 'industrial') return 0;
    let weight = block.areaSquareMetres * DENSITY[block.hood] * random.between(0.65, 1.35);
    if (block.landUse === 'mixed') weight *= 0.8;
    // Depot Flats: the towers in the far south-east corner, where the food desert is.
    if (distance(block.centre, desertCorner) < 450) weight *= 2.2;
    return weight;
  });
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (w / sum) * total);
  const counts = exact.map(Math.floor);
  let left = total - counts.reduce((a, b) => a + b, 0);
  const byRemainder = exact.map((value, index) => ({ index, remainder: value - Math.floor(value) })).sort((a, b) => b.remainder - a.remainder || a.index - b.index);
  for (const { index } of byRemainder) {
    if (left <= 0) break;
    counts[index] += 1;
    left -= 1;
  }
  return counts;
}

// ─── groups ──────────────────────────────────────────────────────────────────────────

type Archetype = 'exemplary' | 'grant_dependent' | 'too_big' | 'informal' | 'market' | 'state_partner' | 'young';
type Placement = NeighbourhoodKey | 'any';

interface SiteSpec {
  type: string;
  count?: number;
  hood?: Placement;
  parcel?: boolean;
  visibility?: Tier;
  precision?: Precision;
  /** Closed some time before the demo's present. */
  closed?: boolean;
  /** Placed in the food desert (only for a closed food site: the desert has no open one). */
  desert?: boolean;
  inPark?: boolean;
}

interface GroupSpec {
  key: string;
  /** Placeholders: {word}, {hood}, {flats}, {park}. */
  name: string;
  archetype: Archetype;
  hood: Placement;
  about: string;
  visibility?: Tier;
  assets?: boolean | null;
  profile?: Partial<GovernanceProfile>;
  sites: SiteSpec[];
}

const GROUP_SPECS: readonly GroupSpec[] = [
  { key: 'gardens', name: '{word} Garden Collective', archetype: 'exemplary', hood: 'mill', assets: true,
    about: 'Runs shared gardens on vacant lots; plots are free and decided at the monthly garden assembly.',
    sites: [{ type: 'community_garden', count: 3, parcel: true }, { type: 'community_garden', hood: 'terraces', parcel: true }, { type: 'community_garden', hood: 'creek', parcel: true }, { type: 'seed_library' }] },
  { key: 'commons', name: 'Friends of {park}', archetype: 'informal', hood: 'mill',
    about: 'Neighbours who look after the park and its garden plots.',
    sites: [{ type: 'community_garden', parcel: true, inPark: true }, { type: 'community_garden', parcel: true }] },
  { key: 'growers', name: '{hood} Growers', archetype: 'grant_dependent', hood: 'terraces', assets: false,
    about: 'A growing project on rented land, funded mostly by a foundation grant.',
    sites: [{ type: 'community_garden', parcel: true, closed: true }, { type: 'community_garden', parcel: true }, { type: 'csa' }] },
  { key: 'pantry', name: '{word} Pantry Network', archetype: 'grant_dependent', hood: 'mill',
    about: 'Weekly groceries for anyone who asks, no questions. Most of the food is bought with grant money.',
    sites: [{ type: 'food_pantry' }, { type: 'food_pantry', hood: 'terraces' }, { type: 'food_pantry', hood: 'creek' }, { type: 'food_pantry', desert: true, closed: true }, { type: 'community_fridge' }] },
  { key: 'fridges', name: '{word} Fridge Collective', archetype: 'informal', hood: 'any',
    about: 'Keeps street fridges stocked and clean: take what you need, leave what you can.',
    sites: [{ type: 'community_fridge', count: 4 }, { type: 'community_fridge', closed: true }] },
  { key: 'kitchen', name: '{word} Community Kitchen', archetype: 'exemplary', hood: 'mill', assets: true,
    about: 'Cooks a free hot meal five days a week with food from the gardens and the pantry network.',
    sites: [{ type: 'community_kitchen', count: 2 }, { type: 'food_pantry' }] },
  { key: 'foodcoop', name: '{flats} Food Co-op', archetype: 'too_big', hood: 'creek', assets: true, profile: { activeParticipants: 260 },
    about: 'A member-owned grocery with about 1,800 member households; a sliding scale keeps it affordable.',
    sites: [{ type: 'food_coop' }, { type: 'food_coop', hood: 'mill' }, { type: 'csa' }] },
  { key: 'bakery', name: '{word} Bakery Workers’ Co-op', archetype: 'market', hood: 'terraces',
    about: 'A bakery owned by the people who work in it; day-old bread goes to the fridges.',
    sites: [{ type: 'worker_coop' }, { type: 'community_kitchen' }] },
  { key: 'farmshare', name: '{word} Farm Share', archetype: 'market', hood: 'creek',
    about: 'Weekly vegetable boxes from a farm outside town, paid in advance by members.',
    sites: [{ type: 'csa' }, { type: 'food_coop', hood: 'terraces' }] },
  { key: 'seeds', name: '{word} Seed Savers', archetype: 'informal', hood: 'terraces',
    about: 'Saves and swaps seeds adapted to the salty air.',
    sites: [{ type: 'seed_library', count: 2 }] },
  { key: 'clt', name: '{flats} Community Land Trust', archetype: 'too_big', hood: 'terraces', assets: true, profile: { activeParticipants: 240, beneficiariesDecide: true },
    about: 'Holds land in trust so homes stay permanently affordable; residents hold a third of the board seats.',
    sites: [{ type: 'community_land_trust', count: 2, parcel: true }, { type: 'community_land_trust', count: 2, parcel: true, hood: 'yards' }, { type: 'community_land_trust', parcel: true, hood: 'mill' }, { type: 'community_garden', parcel: true }] },
  { key: 'housingA', name: '{word} Housing Co-operative', archetype: 'exemplary', hood: 'mill', assets: true,
    about: 'Three buildings owned and run by the people who live in them.',
    sites: [{ type: 'housing_coop', count: 3 }] },
  { key: 'housingB', name: '{word} Court Housing Co-op', archetype: 'state_partner', hood: 'creek', assets: true,
    about: 'Tenant-managed homes on city land, under a management agreement with the housing authority.',
    sites: [{ type: 'housing_coop', count: 2 }, { type: 'housing_coop', hood: 'yards' }] },
  { key: 'tenants', name: '{flats} Tenants Union', archetype: 'too_big', hood: 'any', profile: { activeParticipants: 420, beneficiariesDecide: true },
    about: 'Organises tenants building by building against rent rises, repairs ignored and evictions.',
    sites: [{ type: 'tenant_union', hood: 'yards' }, { type: 'tenant_union', count: 2, precision: 'block' }, { type: 'tenant_union', count: 3, precision: 'block', visibility: 'members' }] },
  { key: 'eviction', name: '{word} Eviction Defence Network', archetype: 'exemplary', hood: 'any', visibility: 'members',
    about: 'A phone tree that turns out neighbours when a bailiff comes. Members only.',
    sites: [{ type: 'eviction_defence', count: 2, precision: 'block', visibility: 'members' }, { type: 'eviction_defence', precision: 'block', visibility: 'stewards' }] },
  { key: 'repairfund', name: '{word} Home Repair Fund', archetype: 'grant_dependent', hood: 'yards',
    about: 'Grants and volunteer labour for repairs landlords and owners cannot afford.',
    sites: [{ type: 'repair_fund', count: 3, hood: 'any' }] },
  { key: 'clinic', name: '{word} Free Clinic', archetype: 'grant_dependent', hood: 'terraces', profile: { grantsWithPoliticalStrings: true },
    about: 'Evening clinics with volunteer nurses; its main grant forbids it to campaign.',
    sites: [{ type: 'free_clinic', count: 2 }] },
  { key: 'medics', name: '{word} First Aid Collective', archetype: 'exemplary', hood: 'any',
    about: 'Trains neighbours in first aid and staffs first-aid posts at events.',
    sites: [{ type: 'first_aid_collective', count: 4 }] },
  { key: 'chw', name: '{hood} Health Workers', archetype: 'state_partner', hood: 'yards',
    about: 'Community health workers who visit people at home; paid through a city programme.',
    sites: [{ type: 'community_health_workers', count: 2 }, { type: 'community_health_workers', precision: 'block' }, { type: 'free_clinic', closed: true }] },
  { key: 'childcare', name: '{word} Childcare Co-op', archetype: 'exemplary', hood: 'mill',
    about: 'Parents take turns looking after each other’s children.',
    sites: [{ type: 'childcare_coop', count: 2 }, { type: 'childcare_coop', precision: 'block' }, { type: 'childcare_coop', precision: 'block', visibility: 'members' }] },
  { key: 'playgroup', name: 'Little {word} Playgroup', archetype: 'young', hood: 'yards',
    about: 'A new parents’ playgroup, started in 2025.',
    sites: [{ type: 'childcare_coop' }, { type: 'childcare_coop', closed: true }] },
  { key: 'elders', name: '{word} Elder Care Network', archetype: 'grant_dependent', hood: 'creek',
    about: 'Visits, shopping and company for elders living alone.',
    sites: [{ type: 'elder_care_network' }, { type: 'elder_care_network', precision: 'block' }, { type: 'elder_care_network', precision: 'area' }, { type: 'elder_care_network', visibility: 'members' }] },
  { key: 'mediation', name: '{word} Mediation Circle', archetype: 'exemplary', hood: 'any',
    about: 'Trained neighbours help people in a dispute talk it through, without police or courts.',
    sites: [{ type: 'mediation_circle', count: 2 }, { type: 'mediation_circle', precision: 'area' }, { type: 'mediation_circle', visibility: 'members' }] },
  { key: 'tj', name: '{word} Transformative Justice Collective', archetype: 'exemplary', hood: 'any', visibility: 'members',
    about: 'Accountability processes after harm. Members only; meeting places are not published.',
    sites: [{ type: 'mediation_circle', precision: 'area', visibility: 'members' }, { type: 'mediation_circle', precision: 'none', visibility: 'stewards' }] },
  { key: 'freeschool', name: '{word} Free School', archetype: 'exemplary', hood: 'terraces',
    about: 'Free classes for all ages, taught by whoever knows something.',
    sites: [{ type: 'free_school', count: 3 }] },
  { key: 'library', name: '{flats} People’s Library', archetype: 'grant_dependent', hood: 'any',
    about: 'Reading rooms and little libraries, half of it paid for by a city grant.',
    sites: [{ type: 'library', count: 5 }] },
  { key: 'skillshare', name: '{word} Skill Share', archetype: 'informal', hood: 'any',
    about: 'Evening workshops: bike repair, tax forms, sewing, coding.',
    sites: [{ type: 'skill_share', count: 5 }, { type: 'skill_share', closed: true }] },
  { key: 'socialcentre', name: '{word} Social Centre', archetype: 'exemplary', hood: 'creek', assets: true,
    about: 'A building the neighbourhood bought together: meeting rooms, a café, space for anyone organising.',
    sites: [{ type: 'social_centre', count: 2 }, { type: 'social_centre', hood: 'yards', closed: true }, { type: 'community_kitchen' }] },
  { key: 'makers', name: '{word} Makerspace', archetype: 'market', hood: 'yards', assets: true,
    about: 'Shared workshop space with machines, open to members for a monthly fee.',
    sites: [{ type: 'makerspace', count: 3 }] },
  { key: 'tools', name: '{word} Tool Library', archetype: 'exemplary', hood: 'terraces', assets: true,
    about: 'Lends ladders, drills and garden tools for free.',
    sites: [{ type: 'tool_library', count: 2 }, { type: 'tool_library', hood: 'creek' }] },
  { key: 'repaircafe', name: '{word} Repair Café', archetype: 'informal', hood: 'any',
    about: 'Bring something broken; fix it with a volunteer.',
    sites: [{ type: 'repair_cafe', count: 3 }, { type: 'repair_cafe', closed: true }] },
  { key: 'print', name: '{word} Print Co-op', archetype: 'market', hood: 'mill', assets: true,
    about: 'A worker-owned print shop; prints the zines at cost.',
    sites: [{ type: 'worker_coop', count: 2 }] },
  { key: 'builders', name: '{word} Builders’ Co-operative', archetype: 'market', hood: 'yards', assets: true,
    about: 'Carpenters, plumbers and electricians who own their firm together.',
    sites: [{ type: 'worker_coop', count: 2 }] },
  { key: 'cleaning', name: '{word} Cleaning Co-operative', archetype: 'market', hood: 'yards', profile: { partnershipsDisclosed: false },
    about: 'A cleaning firm owned by its workers; its largest contract has never been made public.',
    sites: [{ type: 'worker_coop' }, { type: 'worker_coop', closed: true }] },
  { key: 'bikes', name: '{word} Bike Workers’ Co-op', archetype: 'market', hood: 'creek', assets: true,
    about: 'Bike repair and cargo-bike deliveries, owned by the riders.',
    sites: [{ type: 'worker_coop' }] },
  { key: 'credit', name: '{flats} Community Credit Union', archetype: 'too_big', hood: 'creek', assets: true,
    profile: { activeParticipants: 3200, revenueMix: { members: 12, commons: 3, market: 80, grants: 0, state: 5 }, beneficiariesDecide: true },
    about: 'A member-owned credit union with about 3,200 members; one member, one vote at the annual meeting.',
    sites: [{ type: 'credit_union' }, { type: 'credit_union', hood: 'terraces' }] },
  { key: 'timebank', name: '{word} Time Bank', archetype: 'exemplary', hood: 'any',
    about: 'An hour of help earns an hour of help, whatever the job.',
    sites: [{ type: 'time_bank', count: 2 }, { type: 'time_bank', closed: true }] },
  { key: 'mutualaid', name: '{flats} Mutual Aid Fund', archetype: 'exemplary', hood: 'any', visibility: 'members',
    about: 'A pooled fund for rent, bills and emergencies, decided by the people who pay in. Members only.',
    sites: [{ type: 'mutual_aid_fund', precision: 'block' }, { type: 'mutual_aid_fund', count: 2, precision: 'block', visibility: 'members' },
      { type: 'mutual_aid_fund', precision: 'area', visibility: 'members' }, { type: 'mutual_aid_fund', precision: 'none', visibility: 'stewards' }, { type: 'mutual_aid_fund' }] },
  { key: 'energy', name: '{word} Community Energy Co-op', archetype: 'grant_dependent', hood: 'creek', assets: true,
    about: 'Solar roofs and a shared heat-pump scheme, built with a state energy grant.',
    sites: [{ type: 'community_energy', count: 2, parcel: true }, { type: 'community_energy', count: 3, hood: 'any' }] },
  { key: 'mesh', name: '{word} Mesh', archetype: 'informal', hood: 'any',
    about: 'Rooftop radios that keep the neighbourhood online when the providers do not.',
    sites: [{ type: 'mesh_network', count: 4 }, { type: 'mesh_network', visibility: 'members' }, { type: 'mesh_network', closed: true }] },
  { key: 'assembly', name: '{flats} Neighbourhood Assembly', archetype: 'exemplary', hood: 'any', profile: { activeParticipants: 140, beneficiariesDecide: true },
    about: 'The open assembly of the four neighbourhoods; it runs the quarterly audit night.',
    sites: [{ type: 'neighbourhood_assembly', hood: 'mill' }, { type: 'neighbourhood_assembly', hood: 'creek' }, { type: 'neighbourhood_assembly', hood: 'terraces' }, { type: 'neighbourhood_assembly', hood: 'yards' }] },
  { key: 'blocks', name: '{flats} Block Committees', archetype: 'informal', hood: 'any',
    about: 'Street-by-street committees: snow, noise, parties, looking out for each other.',
    sites: [{ type: 'block_committee', count: 6 }, { type: 'block_committee', count: 2, visibility: 'members' }] },
];

/** Sites run by no group: the little free pantries and fridges people put up on their own. */
const UNAFFILIATED_SITES: readonly SiteSpec[] = [
  { type: 'food_pantry', hood: 'terraces' },
  { type: 'community_fridge', hood: 'mill' },
  { type: 'community_fridge', hood: 'creek' },
  { type: 'library', hood: 'any' },
];

/**
 * What each group produces and what it still gets from outside the network, by the link
 * flow categories: the data import replacement reads (a kitchen that cooks food the co-op
 * buys from shops; land the trust holds that growers rent from landlords).
 */
const ECONOMY: Readonly<Record<string, Pick<GroupInput, 'produces' | 'imports'> & { domains?: GroupInput['domains'] }>> = {
  gardens: { produces: ['food'], imports: [{ flow: 'tools', from: 'shops' }] },
  commons: { produces: ['food'], imports: [] },
  growers: { produces: ['food'], imports: [{ flow: 'space', from: 'landlords' }, { flow: 'money', from: 'grants' }] },
  pantry: { produces: [], imports: [{ flow: 'food', from: 'shops' }, { flow: 'money', from: 'grants' }] },
  fridges: { produces: [], imports: [{ flow: 'food', from: 'shops' }] },
  kitchen: { produces: ['food'], imports: [], domains: ['food', 'care'] },
  foodcoop: { produces: ['food'], imports: [{ flow: 'food', from: 'shops' }] },
  bakery: { produces: ['food'], imports: [{ flow: 'food', from: 'shops' }, { flow: 'space', from: 'landlords' }] },
  farmshare: { produces: ['food'], imports: [] },
  seeds: { produces: ['food'], imports: [] },
  clt: { produces: ['space'], imports: [{ flow: 'money', from: 'grants' }] },
  housingA: { produces: ['space'], imports: [] },
  housingB: { produces: ['space'], imports: [{ flow: 'space', from: 'state' }] },
  tenants: { produces: ['labour'], imports: [{ flow: 'space', from: 'landlords' }] },
  eviction: { produces: ['labour'], imports: [] },
  repairfund: { produces: ['money'], imports: [{ flow: 'money', from: 'grants' }] },
  clinic: { produces: ['skills'], imports: [{ flow: 'money', from: 'grants' }, { flow: 'space', from: 'landlords' }] },
  medics: { produces: ['skills'], imports: [] },
  chw: { produces: ['labour'], imports: [{ flow: 'money', from: 'state' }] },
  childcare: { produces: ['labour'], imports: [{ flow: 'space', from: 'landlords' }] },
  playgroup: { produces: [], imports: [{ flow: 'space', from: 'landlords' }] },
  elders: { produces: ['labour'], imports: [{ flow: 'money', from: 'grants' }, { flow: 'food', from: 'shops' }] },
  mediation: { produces: ['skills'], imports: [] },
  tj: { produces: ['skills'], imports: [] },
  freeschool: { produces: ['skills'], imports: [{ flow: 'space', from: 'landlords' }] },
  library: { produces: ['skills', 'space'], imports: [{ flow: 'money', from: 'state' }] },
  skillshare: { produces: ['skills'], imports: [] },
  socialcentre: { produces: ['space'], imports: [], domains: ['education', 'governance'] },
  makers: { produces: ['tools', 'skills'], imports: [{ flow: 'space', from: 'landlords' }] },
  tools: { produces: ['tools'], imports: [] },
  repaircafe: { produces: ['skills'], imports: [{ flow: 'tools', from: 'shops' }] },
  print: { produces: ['labour'], imports: [] },
  builders: { produces: ['labour'], imports: [{ flow: 'tools', from: 'shops' }] },
  cleaning: { produces: ['labour'], imports: [] },
  bikes: { produces: ['labour', 'skills'], imports: [{ flow: 'tools', from: 'shops' }, { flow: 'space', from: 'landlords' }] },
  credit: { produces: ['money'], imports: [] },
  timebank: { produces: ['labour'], imports: [] },
  mutualaid: { produces: ['money'], imports: [] },
  energy: { produces: [], imports: [{ flow: 'money', from: 'state' }] },
  mesh: { produces: ['skills'], imports: [{ flow: 'tools', from: 'shops' }] },
  assembly: { produces: ['labour'], imports: [{ flow: 'space', from: 'landlords' }] },
  blocks: { produces: ['labour'], imports: [] },
};

/** Pairs of groups and what joins them, by group key. Two clusters hang on one link each. */
const LINK_SPECS: readonly [string, string, LinkInput['kind'], LinkInput['flow'], string][] = [
  // food
  ['gardens', 'kitchen', 'flow', 'food', 'Vegetables from the gardens for the hot meals.'],
  ['gardens', 'pantry', 'flow', 'food', 'Surplus harvest for the pantry shelves.'],
  ['commons', 'gardens', 'shared_members', null, 'Many gardeners work plots in both.'],
  ['growers', 'pantry', 'flow', 'food', 'Harvest shares for the pantries.'],
  ['farmshare', 'foodcoop', 'flow', 'food', 'The co-op stocks the farm’s vegetables.'],
  ['farmshare', 'kitchen', 'flow', 'food', 'Unclaimed boxes go to the kitchen.'],
  ['bakery', 'fridges', 'flow', 'food', 'Day-old bread, every morning.'],
  ['pantry', 'fridges', 'mutual_support_pact', null, 'They cover each other’s shifts and share a van.'],
  ['kitchen', 'pantry', 'mutual_support_pact', null, 'A standing pact: the kitchen cooks what the pantry cannot hand out raw.'],
  ['foodcoop', 'bakery', 'flow', 'money', 'The co-op buys its bread from the bakery.'],
  ['seeds', 'gardens', 'flow', 'food', 'Seedlings and saved seed each spring.'],
  ['seeds', 'growers', 'shared_members', null, 'The seed savers started as growers.'],
  ['socialcentre', 'kitchen', 'flow', 'space', 'The kitchen cooks in the social centre’s kitchen.'],
  ['foodcoop', 'fridges', 'flow', 'food', 'Produce near its date goes to the fridges.'],
  // housing and land
  ['clt', 'housingA', 'mutual_support_pact', null, 'The trust holds the land under the co-op’s buildings.'],
  ['clt', 'commons', 'flow', 'space', 'Land lent for garden plots.'],
  ['clt', 'gardens', 'flow', 'space', 'Two lots held by the trust are gardened by the collective.'],
  ['tenants', 'eviction', 'shared_members', null, 'Tenant organisers answer the eviction phone tree.'],
  ['eviction', 'mutualaid', 'shared_fund', null, 'An emergency rent fund both draw on.'],
  ['repairfund', 'housingB', 'flow', 'money', 'Repair grants for the court’s roofs.'],
  ['builders', 'repairfund', 'flow', 'labour', 'The builders do the fund’s repairs at cost.'],
  ['tenants', 'clt', 'mutual_support_pact', null, 'Tenants facing sale get first call on trust homes.'],
  ['housingB', 'housingA', 'shared_members', null, 'Members sit on each other’s boards.'],
  // health and care: this cluster joins the rest through the kitchen–elders link alone
  ['medics', 'clinic', 'mutual_support_pact', null, 'Medics staff the clinic’s front desk; the clinic trains the medics.'],
  ['chw', 'clinic', 'flow', 'labour', 'Health workers refer and accompany patients.'],
  ['chw', 'elders', 'shared_members', null, 'The same health workers visit elders.'],
  ['kitchen', 'elders', 'flow', 'food', 'Meals delivered to elders who cannot come in.'],
  ['socialcentre', 'childcare', 'flow', 'space', 'The childcare co-op meets in the social centre.'],
  // safety
  ['mediation', 'tenants', 'mutual_support_pact', null, 'Mediators help with disputes between neighbours in organised buildings.'],
  ['tj', 'mediation', 'shared_members', null, 'Some mediators also hold accountability processes.'],
  // education and culture
  ['socialcentre', 'freeschool', 'flow', 'space', 'Classrooms in the social centre.'],
  ['socialcentre', 'skillshare', 'flow', 'space', 'Workshop nights in the back room.'],
  ['library', 'freeschool', 'flow', 'skills', 'Librarians teach reading groups.'],
  ['skillshare', 'timebank', 'shared_members', null, 'Teachers are paid in time-bank hours.'],
  ['makers', 'freeschool', 'flow', 'skills', 'Woodwork and electronics classes.'],
  ['library', 'assembly', 'flow', 'space', 'The reading room hosts the Old Mill assembly.'],
  // work and money
  ['credit', 'builders', 'flow', 'money', 'A loan for the builders’ van and tools.'],
  ['credit', 'bakery', 'flow', 'money', 'A loan for the bakery’s oven.'],
  ['credit', 'print', 'flow', 'money', 'A loan for the print co-op’s press.'],
  ['credit', 'clt', 'flow', 'money', 'Mortgages for land-trust homes.'],
  ['print', 'assembly', 'flow', 'labour', 'Prints the assembly’s minutes and the audit zine.'],
  ['cleaning', 'builders', 'shared_members', null, 'Several worker-owners work shifts in both.'],
  ['tools', 'gardens', 'flow', 'tools', 'Garden tools on long loan.'],
  ['tools', 'repairfund', 'flow', 'tools', 'Ladders and drills for repair jobs.'],
  ['repaircafe', 'tools', 'mutual_support_pact', null, 'Fixers mend the library’s tools; the library lends the fixers theirs.'],
  ['makers', 'repaircafe', 'flow', 'skills', 'Makers volunteer at repair nights.'],
  ['timebank', 'skillshare', 'flow', 'labour', 'Time-bank members run workshops.'],
  ['mutualaid', 'pantry', 'flow', 'money', 'Money for the pantry when the grant runs short.'],
  ['foodcoop', 'credit', 'shared_members', null, 'Most co-op members bank with the credit union.'],
  ['cleaning', 'socialcentre', 'flow', 'labour', 'Cleans the social centre at cost.'],
  ['mutualaid', 'timebank', 'shared_fund', null, 'A shared hardship fund.'],
  // energy and communications: this pair joins the rest through the makerspace alone
  ['energy', 'mesh', 'mutual_support_pact', null, 'Mesh nodes run on the co-op’s solar roofs; the mesh monitors the panels.'],
  ['makers', 'mesh', 'flow', 'tools', 'The makerspace builds the mesh radios.'],
  // governance
  ['assembly', 'blocks', 'shared_members', null, 'Block committees send delegates to the assembly.'],
  ['assembly', 'socialcentre', 'mutual_support_pact', null, 'The assembly meets at the social centre; the centre answers to the assembly.'],
  ['blocks', 'fridges', 'flow', 'labour', 'Block committees clean the fridges on their streets.'],
  ['assembly', 'tenants', 'mutual_support_pact', null, 'The assembly backs every rent strike the union calls.'],
  ['assembly', 'mediation', 'flow', 'skills', 'Mediators facilitate the assembly’s hardest meetings.'],
  ['medics', 'assembly', 'flow', 'skills', 'First aid at every assembly and audit night.'],
];

// ─── governance profiles ─────────────────────────────────────────────────────────────

function slugOf(name: string): string {
  return name.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

/** Revenue shares in whole percent that add up to 100. */
function revenue(members: number, commons: number, market: number, grants: number, state: number): GovernanceProfile['revenueMix'] {
  const parts = [members, commons, market, grants, state].map((p) => Math.max(0, Math.round(p)));
  const total = parts.reduce((a, b) => a + b, 0);
  const scaled = parts.map((p) => Math.floor((p / total) * 100));
  scaled[scaled.indexOf(Math.max(...scaled))] += 100 - scaled.reduce((a, b) => a + b, 0);
  return { members: scaled[0], commons: scaled[1], market: scaled[2], grants: scaled[3], state: scaled[4] };
}

function governanceFor(spec: GroupSpec, name: string, random: SeededRandom): GovernanceProfile {
  const constitution = `https://kudzu-flats.example/${slugOf(name)}/constitution`;
  const assets = spec.assets ?? null;
  let profile: GovernanceProfile;
  switch (spec.archetype) {
    case 'exemplary':
      profile = {
        constitutionUrl: constitution,
        decisionMaking: random.pick(['Consensus, with a two-thirds vote when consensus fails; facilitation rotates every meeting.',
          'Sociocratic circles deciding by consent; any delegate can be recalled by a simple majority.',
          'Majority vote at an open monthly assembly; facilitators rotate and any delegate is recallable at any time.']),
        meetingCadence: random.pick(['weekly, minutes posted', 'every other Tuesday, minutes posted', 'first Saturday of the month, minutes posted']),
        activeParticipants: random.int(14, 110),
        revenueMix: revenue(random.between(45, 65), random.between(15, 30), random.between(0, 15), random.between(0, 10), 0),
        grantsWithPoliticalStrings: false, partnershipsDisclosed: true, beneficiariesDecide: true, assetsHeldInCommon: assets,
      };
      break;
    case 'grant_dependent':
      profile = {
        constitutionUrl: random.chance(0.5) ? constitution : null,
        decisionMaking: 'A paid coordinator proposes; a volunteer board decides.',
        meetingCadence: 'quarterly board meeting',
        activeParticipants: random.int(12, 70),
        revenueMix: revenue(random.between(5, 15), random.between(0, 8), random.between(0, 10), random.between(45, 62), random.between(8, 22)),
        grantsWithPoliticalStrings: false, partnershipsDisclosed: true, beneficiariesDecide: false, assetsHeldInCommon: assets,
      };
      break;
    case 'too_big':
      profile = {
        constitutionUrl: constitution,
        decisionMaking: 'An elected board; members vote at the annual general meeting.',
        meetingCadence: 'monthly board meeting; annual general meeting',
        activeParticipants: random.int(180, 400),
        revenueMix: revenue(random.between(35, 50), random.between(5, 15), random.between(25, 45), random.between(0, 12), 0),
        grantsWithPoliticalStrings: false, partnershipsDisclosed: true, beneficiariesDecide: false, assetsHeldInCommon: assets,
      };
      break;
    case 'informal':
      profile = {
        constitutionUrl: null,
        decisionMaking: 'Whoever turns up decides, informally.',
        meetingCadence: random.pick(['when needed', 'now and then, on the group chat']),
        activeParticipants: random.chance(0.5) ? random.int(5, 25) : null,
        revenueMix: { members: 0, commons: 0, market: 0, grants: 0, state: 0 },
        grantsWithPoliticalStrings: false, partnershipsDisclosed: true, beneficiariesDecide: false, assetsHeldInCommon: assets,
      };
      break;
    case 'market':
      profile = {
        constitutionUrl: constitution,
        decisionMaking: 'One worker-owner, one vote; a weekly workers’ meeting.',
        meetingCadence: 'weekly workers’ meeting',
        activeParticipants: random.int(4, 24),
        revenueMix: revenue(random.between(3, 12), random.between(0, 6), random.between(75, 90), random.between(0, 5), 0),
        grantsWithPoliticalStrings: false, partnershipsDisclosed: true, beneficiariesDecide: false, assetsHeldInCommon: assets,
      };
      break;
    case 'state_partner':
      profile = {
        constitutionUrl: random.chance(0.5) ? constitution : null,
        decisionMaking: 'A steering group with city officers decides; members are consulted.',
        meetingCadence: 'monthly steering group',
        activeParticipants: random.int(10, 40),
        revenueMix: revenue(random.between(5, 10), 0, random.between(0, 10), random.between(10, 20), random.between(50, 68)),
        grantsWithPoliticalStrings: false, partnershipsDisclosed: false, beneficiariesDecide: false, assetsHeldInCommon: assets,
      };
      break;
    case 'young':
      profile = {
        constitutionUrl: null,
        decisionMaking: 'Still working it out: consensus for now.',
        meetingCadence: 'fortnightly',
        activeParticipants: random.int(5, 12),
        revenueMix: revenue(90, 10, 0, 0, 0),
        grantsWithPoliticalStrings: false, partnershipsDisclosed: true, beneficiariesDecide: true, assetsHeldInCommon: assets,
      };
      break;
  }
  return { ...profile, ...spec.profile };
}

// ─── dates ───────────────────────────────────────────────────────────────────────────

const DAY_MS = 86_400_000;
const dayNumber = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / DAY_MS;
const isoDay = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);

function dateBetween(random: SeededRandom, from: string, to: string): string {
  return isoDay(random.int(dayNumber(from), dayNumber(to)));
}

const laterOf = (a: string, b: string) => (a > b ? a : b);

/** The demo's present: nothing in it opens or closes after this day. */
const LAST_DAY = '2026-10-31';

function foundedOn(archetype: Archetype, random: SeededRandom): string {
  switch (archetype) {
    case 'too_big': return dateBetween(random, '1996-01-01', '2012-12-31');
    case 'young': return dateBetween(random, '2025-01-15', '2025-06-30');
    default: return dateBetween(random, '2009-01-01', '2021-12-31');
  }
}

// ─── sites ───────────────────────────────────────────────────────────────────────────

const CAPACITY_RANGE: Record<string, [number, number]> = {
  community_garden: [8, 40], food_pantry: [40, 160], community_fridge: [80, 300], community_kitchen: [100, 400],
  food_coop: [150, 600], csa: [20, 80], seed_library: [10, 40],
  community_land_trust: [8, 60], housing_coop: [12, 80], tenant_union: [40, 400], repair_fund: [5, 30], eviction_defence: [10, 60],
  free_clinic: [40, 150], first_aid_collective: [20, 80], community_health_workers: [30, 120],
  childcare_coop: [8, 30], elder_care_network: [10, 40], mediation_circle: [3, 15],
  free_school: [15, 80], library: [50, 300], skill_share: [10, 60], social_centre: [100, 400],
  worker_coop: [4, 25], tool_library: [20, 80], repair_cafe: [15, 60], makerspace: [20, 80],
  credit_union: [800, 1600], time_bank: [60, 300], mutual_aid_fund: [20, 150],
  community_energy: [20, 200], mesh_network: [40, 400], neighbourhood_assembly: [40, 250], block_committee: [20, 80],
};

const OPENING_HOURS: Record<string, readonly (string | null)[]> = {
  community_garden: ['Mo-Su 08:00-20:00', 'Apr-Oct Mo-Su 07:00-21:00', 'Sa,Su 09:00-17:00; We 17:00-20:00'],
  food_pantry: ['Tu,Th 16:00-19:00; Sa 10:00-13:00', 'Mo,We,Fr 10:00-14:00', 'Sa 09:00-12:00'],
  community_fridge: ['24/7'],
  community_kitchen: ['Mo-Fr 12:00-14:00', 'Mo-Fr 17:30-19:30', 'Tu-Sa 12:00-15:00'],
  food_coop: ['Mo-Sa 08:00-20:00; Su 10:00-16:00', 'Mo-Fr 10:00-19:00; Sa 09:00-17:00'],
  csa: ['Th 16:00-19:00', 'Sa 09:00-12:00'],
  seed_library: ['Sa 10:00-13:00', 'Mo-Fr 10:00-18:00'],
  community_land_trust: [null, 'We 18:00-20:00'],
  housing_coop: [null],
  tenant_union: ['Mo 18:30-20:30', 'Th 18:00-20:00', null],
  repair_fund: ['Tu 17:00-19:00', null],
  eviction_defence: ['24/7', null],
  free_clinic: ['Tu,Th 17:00-21:00', 'Mo,We 18:00-21:00; Sa 10:00-14:00'],
  first_aid_collective: ['Sa 12:00-18:00', 'Fr,Sa 20:00-02:00', null],
  community_health_workers: ['Mo-Fr 09:00-17:00', 'Mo-Th 10:00-16:00'],
  childcare_coop: ['Mo-Fr 08:00-18:00', 'Mo-Fr 07:30-13:00'],
  elder_care_network: ['Mo-Fr 10:00-16:00', null],
  mediation_circle: ['We 19:00-21:00', 'Mo 18:00-20:00', null],
  free_school: ['Mo-Th 16:00-20:00; Sa 10:00-14:00', 'Tu,Th 18:00-21:00'],
  library: ['Mo-Fr 10:00-18:00; Sa 09:00-13:00', 'Tu-Sa 11:00-19:00', '24/7'],
  skill_share: ['We 18:30-21:00', 'Th 19:00-21:00', 'Su 14:00-17:00'],
  social_centre: ['Mo-Su 10:00-23:00', 'Tu-Su 12:00-22:00'],
  worker_coop: ['Mo-Fr 07:00-15:00', 'Mo-Sa 06:00-14:00', 'Mo-Fr 09:00-17:30'],
  tool_library: ['Sa 10:00-14:00; We 17:00-19:00', 'Tu,Th 16:00-19:00'],
  repair_cafe: ['Sa 13:00-17:00', 'Su 12:00-16:00'],
  makerspace: ['Mo-Fr 16:00-22:00; Sa,Su 10:00-20:00', 'Tu-Su 12:00-22:00'],
  credit_union: ['Mo-Fr 09:30-17:00; Sa 09:30-12:30', 'Mo-Fr 10:00-16:00'],
  time_bank: ['Tu 10:00-13:00', 'Mo,Th 14:00-17:00'],
  mutual_aid_fund: ['Su 14:00-17:00', null],
  community_energy: [null],
  mesh_network: ['24/7'],
  neighbourhood_assembly: ['Mo 19:00-21:00', 'Th 19:00-21:00', 'Su 15:00-18:00'],
  block_committee: [null, 'Tu 19:00-20:30'],
};

const SITE_DESCRIPTIONS: Record<string, string> = {
  community_garden: 'Shared plots and a common bed anyone may harvest from.',
  food_pantry: 'Groceries for anyone who asks.',
  community_fridge: 'A street fridge: take what you need, leave what you can.',
  community_kitchen: 'A free hot meal, cooked by volunteers.',
  food_coop: 'A member-owned grocery with sliding-scale prices.',
  csa: 'Pickup point for weekly vegetable shares.',
  seed_library: 'Borrow seeds in spring, bring back saved seed in autumn.',
  community_land_trust: 'Land held in trust for permanently affordable homes.',
  housing_coop: 'Homes owned and run by the people who live in them.',
  tenant_union: 'Tenants organising together in these buildings.',
  repair_fund: 'Money and hands for urgent home repairs.',
  eviction_defence: 'Rapid response when someone is threatened with eviction.',
  free_clinic: 'Free consultations with volunteer nurses and doctors.',
  first_aid_collective: 'First aid and first-aid training.',
  community_health_workers: 'Health workers who visit people at home.',
  childcare_coop: 'Parents take turns looking after the children.',
  elder_care_network: 'Visits, errands and company for elders.',
  mediation_circle: 'Help talking a conflict through, without police or courts.',
  free_school: 'Free classes for all ages.',
  library: 'Books to borrow, a quiet room, a warm place.',
  skill_share: 'Neighbours teaching neighbours.',
  social_centre: 'A place to meet, eat and organise.',
  worker_coop: 'A business owned by its workers.',
  tool_library: 'Borrow tools instead of buying them.',
  repair_cafe: 'Bring something broken and fix it with a volunteer.',
  makerspace: 'A shared workshop with machines and help.',
  credit_union: 'Savings and loans owned by the members.',
  time_bank: 'Trade hours of help, not money.',
  mutual_aid_fund: 'A pooled fund for emergencies, decided by its members.',
  community_energy: 'Neighbour-owned renewable energy.',
  mesh_network: 'A rooftop radio node of the community network.',
  neighbourhood_assembly: 'The open assembly of the neighbourhood.',
  block_committee: 'Neighbours on this block, meeting regularly.',
};

const FICTIONAL_NOTE = ' (Fictional: part of the Kudzu Flats demo.)';

const FOOD_TYPES = new Set(FUNCTION_TYPES.filter((t) => t.domain === 'food').map((t) => t.id));
const TYPE_BY_ID = new Map(FUNCTION_TYPES.map((t) => [t.id, t]));

interface Placed { geometry: SiteInput['geometry']; point: Point }

interface World {
  random: SeededRandom;
  blocks: PlannedBlock[];
  populations: number[];
  streets: PlannedStreet[];
  desertCorner: Point;
  parkName: string;
  usedNames: Set<string>;
  /** Street addresses given so far, and whether any site there has a degraded location. */
  usedAddresses: Map<string, { degraded: boolean }>;
}

/**
 * A street address for a site that never pins a degraded site: a degraded site (shown only
 * at its block, area or nowhere) shares no address with any other site, or an exact
 * neighbour's address would reveal where it is. On a clash the number moves along the same
 * side of the street until it is free.
 */
function claimAddress(world: World, address: { street: string; number: number }, degraded: boolean): string {
  const clashes = (text: string) => {
    const used = world.usedAddresses.get(text);
    return used !== undefined && (degraded || used.degraded);
  };
  let number = address.number;
  while (clashes(`${number} ${address.street}`)) number += 2;
  const text = `${number} ${address.street}`;
  world.usedAddresses.set(text, { degraded: degraded || (world.usedAddresses.get(text)?.degraded ?? false) });
  return text;
}

function placeSite(world: World, spec: SiteSpec, placement: Placement): Placed {
  const { random, blocks, populations, desertCorner } = world;
  const activeFood = FOOD_TYPES.has(spec.type) && !spec.closed;
  const eligible = (index: number, anyHood: boolean) => {
    const block = blocks[index];
    if (spec.inPark) return block.landUse === 'park' && block.areaSquareMetres > 10_000;
    if (block.landUse === 'park') return false;
    if (!anyHood && placement !== 'any' && block.hood !== placement) return false;
    if (spec.desert) return distance(block.centre, desertCorner) < 450;
    if (activeFood) return distance(block.centre, desertCorner) > FOOD_DESERT_CLEARANCE_METRES + 120;
    return true;
  };
  let candidates = blocks.map((_, index) => index).filter((index) => eligible(index, false));
  if (candidates.length === 0) candidates = blocks.map((_, index) => index).filter((index) => eligible(index, true));
  for (let attempt = 0; attempt < 50; attempt++) {
    const block = blocks[random.weighted(candidates, (index) => populations[index] + 60)];
    const point = pointInBlock(random, block);
    if (activeFood && distance(point, desertCorner) <= FOOD_DESERT_CLEARANCE_METRES) continue;
    if (!spec.parcel) return { geometry: { type: 'Point', coordinates: toLonLat(point) }, point };
    const parcel = parcelAround(random, block, point);
    if (parcel) return { geometry: polygonOf(parcel), point: ringCentroid(parcel) as Point };
  }
  throw new Error(`the demo generator could not place a ${spec.type} site`);
}

/** A random point well inside a (convex) block: drawn inside, then pulled towards its centre. */
function pointInBlock(random: SeededRandom, block: PlannedBlock): Point {
  const xs = block.ring.map((p) => p[0]);
  const ys = block.ring.map((p) => p[1]);
  for (;;) {
    const candidate: Point = [random.between(Math.min(...xs), Math.max(...xs)), random.between(Math.min(...ys), Math.max(...ys))];
    if (!insideRing(candidate, block.ring)) continue;
    return [block.centre[0] + (candidate[0] - block.centre[0]) * 0.7, block.centre[1] + (candidate[1] - block.centre[1]) * 0.7];
  }
}

/** A small rectangular parcel (a garden, a lot) around a point, turned like the block, inside it. */
function parcelAround(random: SeededRandom, block: PlannedBlock, point: Point): Point[] | null {
  const [a, b] = block.ring;
  const angle = Math.atan2(b[1] - a[1], b[0] - a[0]);
  const ux: Point = [Math.cos(angle), Math.sin(angle)];
  const uy: Point = [-Math.sin(angle), Math.cos(angle)];
  let halfWidth = random.between(16, 32);
  let halfDepth = random.between(10, 22);
  for (let shrink = 0; shrink < 4; shrink++) {
    const corner = (sx: number, sy: number): Point => [
      point[0] + sx * halfWidth * ux[0] + sy * halfDepth * uy[0],
      point[1] + sx * halfWidth * ux[1] + sy * halfDepth * uy[1],
    ];
    const ring = [corner(-1, -1), corner(1, -1), corner(1, 1), corner(-1, 1)];
    if (ring.every((p) => insideRing(p, block.ring))) return ring;
    halfWidth *= 0.7;
    halfDepth *= 0.7;
  }
  return null;
}

/** The street nearest a point, and a house number along it (odd on the left, even on the right). */
function addressAt(streets: PlannedStreet[], point: Point): { street: string; number: number } {
  let best = { street: streets[0].name, number: 1, gap: Infinity };
  for (const street of streets) {
    let along = 0;
    for (let k = 1; k < street.points.length; k++) {
      const [ax, ay] = street.points[k - 1];
      const [bx, by] = street.points[k];
      const length = Math.hypot(bx - ax, by - ay);
      const t = Math.max(0, Math.min(1, ((point[0] - ax) * (bx - ax) + (point[1] - ay) * (by - ay)) / (length * length)));
      const gap = Math.hypot(point[0] - (ax + t * (bx - ax)), point[1] - (ay + t * (by - ay)));
      if (gap < best.gap) {
        const left = (bx - ax) * (point[1] - ay) - (by - ay) * (point[0] - ax) > 0;
        const base = Math.max(1, Math.round((along + t * length) / 8));
        best = { street: street.name, number: base * 2 - (left ? 1 : 0), gap };
      }
      along += length;
    }
  }
  return { street: best.street, number: best.number };
}

function nameSite(world: World, type: string, fill: Record<string, string>): string {
  const { random, usedNames } = world;
  const patterns = random.shuffled(SITE_NAME_PATTERNS[type] ?? ['{word} ' + (TYPE_BY_ID.get(type)?.label ?? type)]);
  const render = (pattern: string) => pattern
    .replace('{word}', () => random.pick(GROUP_WORDS))
    .replace('{place}', () => random.pick(HOST_PLACES))
    .replace(/\{(street|hood|park|group)\}/g, (_, key: string) => fill[key]);
  for (let round = 0; round < 4; round++) {
    for (const pattern of patterns) {
      const name = render(pattern);
      if (!usedNames.has(name)) { usedNames.add(name); return name; }
    }
  }
  for (let n = 2; ; n++) {
    const name = `${render(patterns[0])} ${n}`;
    if (!usedNames.has(name)) { usedNames.add(name); return name; }
  }
}

function capacityFor(random: SeededRandom, type: string): number | null {
  const range = CAPACITY_RANGE[type];
  if (!range || random.chance(0.05)) return null;
  const value = random.int(range[0], range[1]);
  return value >= 40 ? Math.round(value / 5) * 5 : value;
}

function buildSite(world: World, spec: SiteSpec, placement: Placement, group: { id: string; name: string; foundedOn: string } | null, id: string): DemoSite {
  const { random } = world;
  const placed = placeSite(world, spec, placement);
  const block = world.blocks.find((b) => insideRing(placed.point, b.ring)) ?? world.blocks[0];
  const address = addressAt(world.streets, placed.point);
  const name = nameSite(world, spec.type, {
    street: address.street, hood: NEIGHBOURHOOD_NAMES[block.hood], park: world.parkName, group: group?.name ?? DEMO_PLACE_NAME,
  });
  const type = TYPE_BY_ID.get(spec.type);
  if (!type) throw new Error(`unknown function type ${spec.type} in the demo`);
  const earliest = laterOf('2019-01-01', group?.foundedOn ?? '2019-01-01');
  const openedOn = dateBetween(random, earliest, spec.closed ? '2025-06-30' : '2026-09-30');
  const closedOn = spec.closed ? dateBetween(random, laterOf(isoDay(dayNumber(openedOn) + 200), '2023-01-01'), LAST_DAY) : null;
  const precision = spec.precision ?? 'exact';
  const input: SiteInput = {
    name,
    functionType: spec.type,
    groupId: group?.id ?? null,
    geometry: placed.geometry,
    capacity: capacityFor(random, spec.type),
    capacityUnit: type.capacityUnit as CapacityUnit | null,
    openingHours: random.pick(OPENING_HOURS[spec.type] ?? [null]),
    openedOn,
    description: (SITE_DESCRIPTIONS[spec.type] ?? '') + FICTIONAL_NOTE,
    address: precision === 'none' ? null : claimAddress(world, address, precision !== 'exact'),
    visibility: spec.visibility ?? 'public',
    precision,
  };
  return { id, input, closedOn };
}

// ─── the whole neighbourhood ─────────────────────────────────────────────────────────

const pad = (n: number, width: number) => String(n).padStart(width, '0');

export function generateDemo(seed: number = DEMO_SEED): DemoNeighbourhood {
  const random = new SeededRandom(seed);
  const grid = layStreetGrid(random);
  const streetNames = nameStreets(random);
  const plannedStreets = planStreets(grid, streetNames);
  const desertCorner = grid.vertex('east', NORTH_SOUTH_COUNT - 1, 0);
  const plannedBlocks = planBlocks(grid, random, desertCorner);
  const populations = allocatePopulation(plannedBlocks, random, desertCorner, DEMO_POPULATION);
  const parkName = random.pick(PARK_NAMES);

  // Areas: the district, then the four neighbourhoods that tile it.
  const hoodKeys = Object.keys(NEIGHBOURHOOD_NAMES) as NeighbourhoodKey[];
  const areaId = (key: NeighbourhoodKey) => `demo-area-${slugOf(NEIGHBOURHOOD_NAMES[key])}`;
  const hoodRanges: Record<NeighbourhoodKey, [Half, number, number, number, number]> = {
    mill: ['west', ...COLUMNS.west, ROWS.west.divider, ROWS.west.count - 1],
    creek: ['east', ...COLUMNS.east, ROWS.east.divider, ROWS.east.count - 1],
    terraces: ['west', ...COLUMNS.west, 0, ROWS.west.divider],
    yards: ['east', ...COLUMNS.east, 0, ROWS.east.divider],
  };
  const lowIncome = plannedBlocks.map((block) => random.chance({ mill: 0.2, creek: 0.1, terraces: 0.5, yards: 0.85 }[block.hood]));
  const areas: DemoArea[] = [{
    id: 'demo-area-kudzu-flats', name: DEMO_LABEL, kind: 'district',
    geometry: polygonOf(districtRing(grid)),
    population: DEMO_POPULATION,
    properties: { fictional: true, generatedWith: 'kudzu demo', seed },
  }];
  for (const key of hoodKeys) {
    const members = plannedBlocks.map((block, index) => ({ block, index })).filter(({ block }) => block.hood === key);
    const people = members.reduce((sum, { index }) => sum + populations[index], 0);
    const poorPeople = members.reduce((sum, { index }) => sum + (lowIncome[index] ? populations[index] : 0), 0);
    areas.push({
      id: areaId(key), name: NEIGHBOURHOOD_NAMES[key], kind: 'neighbourhood',
      geometry: polygonOf(boundaryRing(grid, ...hoodRanges[key])),
      population: people,
      properties: { fictional: true, blocks: members.length, lowIncomeShare: Math.round((poorPeople / Math.max(1, people)) * 100) / 100 },
    });
  }

  const streets: DemoStreet[] = plannedStreets.map((street, index) => ({
    id: `demo-street-${pad(index + 1, 3)}`, name: street.name, kind: street.kind, geometry: lineStringOf(street.points),
  }));
  const blocks: DemoBlock[] = plannedBlocks.map((block, index) => ({
    id: `demo-block-${pad(index + 1, 3)}`, name: block.name, areaId: areaId(block.hood), landUse: block.landUse,
    lowIncome: block.landUse !== 'park' && block.landUse !== 'industrial' && lowIncome[index],
    population: populations[index], geometry: polygonOf(block.ring),
  }));

  // Landmarks: the park, the creek along the east edge, the freight line along the south.
  const east = grid.northSouth[NORTH_SOUTH_COUNT - 1];
  const south = grid.rows.west[0];
  const phase = random.between(0, Math.PI * 2);
  const creek: Point[] = [];
  for (let y = -HALF_HEIGHT - 150; y <= HALF_HEIGHT + 150; y += 100) {
    const x = intersect(east, lineThrough([0, y], [1, y])).point[0];
    creek.push([x + 75 + 30 * Math.sin(y / 170 + phase), y]);
  }
  const rail: Point[] = [];
  for (let x = -HALF_WIDTH - 150; x <= HALF_WIDTH + 150; x += 310) {
    rail.push([x, intersect(south, lineThrough([x, 0], [x, 1])).point[1] - 45]);
  }
  const landmarks: DemoLandmark[] = [
    { id: 'demo-landmark-park', name: parkName, kind: 'park', geometry: polygonOf(parkRing(grid)) },
    { id: 'demo-landmark-creek', name: random.pick(CREEK_NAMES), kind: 'creek', geometry: lineStringOf(creek) },
    { id: 'demo-landmark-rail', name: random.pick(RAIL_NAMES), kind: 'rail', geometry: lineStringOf(rail) },
  ];

  // Groups.
  const words = random.shuffled(GROUP_WORDS);
  let nextWord = 0;
  const groups: DemoGroup[] = [];
  const groupByKey = new Map<string, { id: string; name: string; foundedOn: string; spec: GroupSpec }>();
  GROUP_SPECS.forEach((spec, index) => {
    const id = `demo-group-${pad(index + 1, 2)}`;
    const home: NeighbourhoodKey = spec.hood === 'any' ? 'mill' : spec.hood;
    const name = spec.name
      .replace('{word}', () => words[nextWord++])
      .replace('{hood}', NEIGHBOURHOOD_NAMES[home])
      .replace('{flats}', DEMO_PLACE_NAME)
      .replace('{park}', parkName);
    const founded = foundedOn(spec.archetype, random);
    const input: GroupInput = {
      name,
      description: spec.about + FICTIONAL_NOTE,
      website: random.chance(0.5) ? `https://kudzu-flats.example/${slugOf(name)}` : null,
      foundedOn: founded,
      visibility: spec.visibility ?? 'public',
      governance: governanceFor(spec, name, random),
      domains: ECONOMY[spec.key]?.domains ?? [],
      produces: ECONOMY[spec.key]?.produces ?? [],
      imports: ECONOMY[spec.key]?.imports ?? [],
    };
    groups.push({ id, input });
    groupByKey.set(spec.key, { id, name, foundedOn: founded, spec });
  });

  // Sites.
  const world: World = { random, blocks: plannedBlocks, populations, streets: plannedStreets, desertCorner, parkName, usedNames: new Set(), usedAddresses: new Map() };
  const sites: DemoSite[] = [];
  const nextSiteId = () => `demo-site-${pad(sites.length + 1, 3)}`;
  for (const spec of GROUP_SPECS) {
    const group = groupByKey.get(spec.key)!;
    for (const siteSpec of spec.sites) {
      for (let n = 0; n < (siteSpec.count ?? 1); n++) {
        sites.push(buildSite(world, siteSpec, siteSpec.hood ?? spec.hood, group, nextSiteId()));
      }
    }
  }
  for (const siteSpec of UNAFFILIATED_SITES) sites.push(buildSite(world, siteSpec, siteSpec.hood ?? 'any', null, nextSiteId()));

  // Links.
  const links: DemoLink[] = LINK_SPECS.map(([fromKey, toKey, kind, flow, description], index) => {
    const from = groupByKey.get(fromKey);
    const to = groupByKey.get(toKey);
    if (!from || !to) throw new Error(`the demo links unknown groups ${fromKey} and ${toKey}`);
    const hidden = [from.spec.visibility, to.spec.visibility].includes('members');
    return {
      id: `demo-link-${pad(index + 1, 2)}`,
      input: {
        fromGroupId: from.id, toGroupId: to.id, kind, flow, flowDirection: kind === 'flow' ? 'from_to' : null, description: description + FICTIONAL_NOTE,
        startedOn: dateBetween(random, laterOf(laterOf(from.foundedOn, to.foundedOn), '2018-01-01'), LAST_DAY),
        visibility: hidden ? 'members' : 'public',
      },
    };
  });

  const users: DemoUser[] = [
    { email: 'steward@kudzu.example', displayName: 'Demo steward', role: 'steward', password: DEMO_PASSWORD },
    { email: 'auditor@kudzu.example', displayName: 'Demo auditor', role: 'auditor', password: DEMO_PASSWORD },
    { email: 'member@kudzu.example', displayName: 'Demo member', role: 'member', password: DEMO_PASSWORD },
  ];

  const everything: Position[] = [];
  for (const area of areas) if (area.geometry.type === 'Polygon') everything.push(...area.geometry.coordinates[0]);
  for (const street of streets) everything.push(...street.geometry.coordinates);
  for (const landmark of landmarks) everything.push(...(landmark.geometry.type === 'Polygon' ? landmark.geometry.coordinates[0] : landmark.geometry.coordinates));
  const bbox: [number, number, number, number] = [
    Math.min(...everything.map((p) => p[0])), Math.min(...everything.map((p) => p[1])),
    Math.max(...everything.map((p) => p[0])), Math.max(...everything.map((p) => p[1])),
  ];

  return { label: DEMO_LABEL, seed, centre: [DEMO_CENTRE[0], DEMO_CENTRE[1]], bbox, areas, streets, blocks, landmarks, groups, sites, links, users };
}
