import type { StreetGraph } from './streetGraph';

/** Where a point meets the streets: the nearest segment, how far along it, and how far off. */
export interface NetworkSnaps {
  readonly segment: Int32Array;
  /** Position along the segment from its start node (0) to its end node (1). */
  readonly fraction: Float64Array;
  /** Straight-line distance from the point to the street (the off-network leg), metres. */
  readonly offset: Float64Array;
}

/**
 * A uniform bucket grid over a street graph's segments (those of the largest connected
 * component unless told otherwise), answering "nearest segment to this point" by searching
 * rings of buckets outward until no closer segment can remain.
 */
export class SegmentIndex {
  private readonly minX: number;
  private readonly minY: number;
  private readonly columns: number;
  private readonly rows: number;
  private readonly offsets: Int32Array;
  private readonly items: Int32Array;

  constructor(private readonly graph: StreetGraph, readonly bucketSize = 100, onlyLargestComponent = true) {
    const { nodeX, nodeY, segmentStart, segmentEnd, component, largestComponent } = graph;
    const included: number[] = [];
    let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
    for (let s = 0; s < graph.segmentCount; s++) {
      const a = segmentStart[s], b = segmentEnd[s];
      if (onlyLargestComponent && component[a] !== largestComponent) continue;
      included.push(s);
      minX = Math.min(minX, nodeX[a], nodeX[b]);
      maxX = Math.max(maxX, nodeX[a], nodeX[b]);
      minY = Math.min(minY, nodeY[a], nodeY[b]);
      maxY = Math.max(maxY, nodeY[a], nodeY[b]);
    }
    if (included.length === 0) { minX = minY = maxX = maxY = 0; }
    this.minX = minX;
    this.minY = minY;
    this.columns = Math.floor((maxX - minX) / bucketSize) + 1;
    this.rows = Math.floor((maxY - minY) / bucketSize) + 1;

    const counts = new Int32Array(this.columns * this.rows + 1);
    const eachBucket = (segment: number, visit: (bucket: number) => void) => {
      const a = segmentStart[segment], b = segmentEnd[segment];
      const firstColumn = this.columnOf(Math.min(nodeX[a], nodeX[b])), lastColumn = this.columnOf(Math.max(nodeX[a], nodeX[b]));
      const firstRow = this.rowOf(Math.min(nodeY[a], nodeY[b])), lastRow = this.rowOf(Math.max(nodeY[a], nodeY[b]));
      for (let row = firstRow; row <= lastRow; row++) {
        for (let column = firstColumn; column <= lastColumn; column++) visit(row * this.columns + column);
      }
    };
    for (const segment of included) eachBucket(segment, (bucket) => counts[bucket + 1]++);
    for (let i = 0; i < this.columns * this.rows; i++) counts[i + 1] += counts[i];
    this.offsets = counts;
    this.items = new Int32Array(counts[this.columns * this.rows]);
    const fill = counts.slice(0, this.columns * this.rows);
    for (const segment of included) eachBucket(segment, (bucket) => { this.items[fill[bucket]++] = segment; });
  }

  /** Snaps each point to its nearest segment. */
  snap(x: ArrayLike<number>, y: ArrayLike<number>): NetworkSnaps {
    const count = x.length;
    const segment = new Int32Array(count).fill(-1);
    const fraction = new Float64Array(count);
    const offset = new Float64Array(count).fill(Infinity);
    const nearest = { segment: -1, fraction: 0, squared: Infinity };
    for (let i = 0; i < count; i++) {
      this.nearestSegment(x[i], y[i], nearest);
      segment[i] = nearest.segment;
      fraction[i] = nearest.fraction;
      offset[i] = Math.sqrt(nearest.squared);
    }
    return { segment, fraction, offset };
  }

  /** Writes the nearest segment to (x, y) into `result` (segment −1 if the index is empty). */
  nearestSegment(x: number, y: number, result: { segment: number; fraction: number; squared: number }): void {
    result.segment = -1;
    result.squared = Infinity;
    result.fraction = 0;
    if (this.items.length === 0) return;
    const column = Math.floor((x - this.minX) / this.bucketSize);
    const row = Math.floor((y - this.minY) / this.bucketSize);
    const maximumRing = Math.max(this.columns, this.rows) + Math.abs(column) + Math.abs(row);
    for (let ring = 0; ring <= maximumRing; ring++) {
      for (let r = row - ring; r <= row + ring; r++) {
        if (r < 0 || r >= this.rows) continue;
        const onEdgeRow = r === row - ring || r === row + ring;
        const step = onEdgeRow ? 1 : 2 * ring;
        for (let c = column - ring; c <= column + ring; c += step || 1) {
          if (c < 0 || c >= this.columns) continue;
          this.considerBucket(r * this.columns + c, x, y, result);
        }
      }
      // Every bucket outside this ring is at least `ring` bucket widths away.
      const reach = ring * this.bucketSize;
      if (result.segment >= 0 && result.squared <= reach * reach) return;
    }
  }

  private considerBucket(bucket: number, x: number, y: number, result: { segment: number; fraction: number; squared: number }): void {
    const { nodeX, nodeY, segmentStart, segmentEnd } = this.graph;
    for (let i = this.offsets[bucket]; i < this.offsets[bucket + 1]; i++) {
      const segment = this.items[i];
      const a = segmentStart[segment], b = segmentEnd[segment];
      const ax = nodeX[a], ay = nodeY[a];
      const dx = nodeX[b] - ax, dy = nodeY[b] - ay;
      const lengthSquared = dx * dx + dy * dy;
      let t = lengthSquared > 0 ? ((x - ax) * dx + (y - ay) * dy) / lengthSquared : 0;
      t = t < 0 ? 0 : t > 1 ? 1 : t;
      const px = ax + t * dx - x, py = ay + t * dy - y;
      const squared = px * px + py * py;
      if (squared < result.squared || (squared === result.squared && segment < result.segment)) {
        result.squared = squared;
        result.segment = segment;
        result.fraction = t;
      }
    }
  }

  private columnOf(x: number): number {
    return Math.floor((x - this.minX) / this.bucketSize);
  }

  private rowOf(y: number): number {
    return Math.floor((y - this.minY) / this.bucketSize);
  }
}
