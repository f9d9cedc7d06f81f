import KDBush from 'kdbush';

/**
 * A static k-d tree (KDBush) over points on the local plane, with an exact nearest-neighbour
 * query that KDBush itself does not offer. The query walks KDBush's kd-sorted arrays, nearer
 * half first, and skips any half whose splitting line is farther than the best point so far.
 */
export class PlanarPointIndex {
  readonly size: number;
  readonly pointX: Float64Array;
  readonly pointY: Float64Array;
  private readonly tree: KDBush;
  private readonly ids: Uint16Array | Uint32Array;
  private readonly coordinates: Float64Array;
  private readonly nodeSize: number;
  private queryX = 0;
  private queryY = 0;
  private bestSquared = Infinity;
  private bestId = -1;

  constructor(x: ArrayLike<number>, y: ArrayLike<number>, nodeSize = 16) {
    this.size = x.length;
    this.pointX = Float64Array.from(x);
    this.pointY = Float64Array.from(y);
    this.tree = new KDBush(Math.max(1, x.length), nodeSize, Float64Array);
    for (let i = 0; i < x.length; i++) this.tree.add(x[i], y[i]);
    if (x.length === 0) this.tree.add(Infinity, Infinity);
    this.tree.finish();
    this.ids = this.tree.ids;
    this.coordinates = this.tree.coords as Float64Array;
    this.nodeSize = this.tree.nodeSize;
  }

  /**
   * The index of the point nearest to (x, y), or -1 if the index is empty. `hint` is a point
   * likely to be near (e.g. the answer for the neighbouring cell): it starts the search with
   * a tight bound.
   */
  nearest(x: number, y: number, hint = -1): number {
    this.queryX = x;
    this.queryY = y;
    this.bestId = -1;
    this.bestSquared = Infinity;
    if (this.size === 0) return -1;
    if (hint >= 0) {
      this.bestId = hint;
      const dx = this.pointX[hint] - x, dy = this.pointY[hint] - y;
      this.bestSquared = dx * dx + dy * dy;
    }
    this.search(0, this.ids.length - 1, 0);
    return this.bestId;
  }

  /** Squared distance from the last `nearest` query to its answer. */
  get lastSquaredDistance(): number {
    return this.bestSquared;
  }

  /** Indices of all points within `radius` of (x, y). */
  within(x: number, y: number, radius: number): number[] {
    return this.size === 0 ? [] : this.tree.within(x, y, radius);
  }

  private search(left: number, right: number, axis: number): void {
    const { ids, coordinates, queryX, queryY } = this;
    if (right - left <= this.nodeSize) {
      for (let i = left; i <= right; i++) this.consider(i, ids, coordinates, queryX, queryY);
      return;
    }
    const middle = (left + right) >> 1;
    this.consider(middle, ids, coordinates, queryX, queryY);
    const delta = (axis === 0 ? queryX : queryY) - coordinates[2 * middle + axis];
    const nextAxis = 1 - axis;
    if (delta < 0) {
      this.search(left, middle - 1, nextAxis);
      if (delta * delta < this.bestSquared) this.search(middle + 1, right, nextAxis);
    } else {
      this.search(middle + 1, right, nextAxis);
      if (delta * delta < this.bestSquared) this.search(left, middle - 1, nextAxis);
    }
  }

  private consider(i: number, ids: Uint16Array | Uint32Array, coordinates: Float64Array, queryX: number, queryY: number): void {
    const dx = coordinates[2 * i] - queryX, dy = coordinates[2 * i + 1] - queryY;
    const squared = dx * dx + dy * dy;
    if (squared < this.bestSquared || (squared === this.bestSquared && ids[i] < this.bestId)) {
      this.bestSquared = squared;
      this.bestId = ids[i];
    }
  }
}
