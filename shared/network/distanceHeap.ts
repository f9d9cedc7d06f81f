/**
 * A binary min-heap of (node, distance) pairs in typed arrays, for Dijkstra with lazy
 * deletion: a node may be pushed again with a shorter distance, and stale entries are skipped
 * by the caller when popped. Grows as needed; allocates nothing per push.
 */
export class DistanceHeap {
  private nodes: Int32Array;
  private distances: Float64Array;
  size = 0;

  constructor(capacity = 1024) {
    this.nodes = new Int32Array(capacity);
    this.distances = new Float64Array(capacity);
  }

  push(node: number, distance: number): void {
    if (this.size === this.nodes.length) this.grow();
    const { nodes, distances } = this;
    let position = this.size++;
    while (position > 0) {
      const parent = (position - 1) >> 1;
      if (distances[parent] <= distance) break;
      nodes[position] = nodes[parent];
      distances[position] = distances[parent];
      position = parent;
    }
    nodes[position] = node;
    distances[position] = distance;
  }

  /** Distance of the smallest entry (call only when not empty). */
  peekDistance(): number {
    return this.distances[0];
  }

  /** Removes the smallest entry and returns its node; read its distance first with peekDistance. */
  pop(): number {
    const { nodes, distances } = this;
    const top = nodes[0];
    const lastNode = nodes[--this.size];
    const lastDistance = distances[this.size];
    let position = 0;
    const half = this.size >> 1;
    while (position < half) {
      let child = 2 * position + 1;
      if (child + 1 < this.size && distances[child + 1] < distances[child]) child++;
      if (distances[child] >= lastDistance) break;
      nodes[position] = nodes[child];
      distances[position] = distances[child];
      position = child;
    }
    nodes[position] = lastNode;
    distances[position] = lastDistance;
    return top;
  }

  clear(): void {
    this.size = 0;
  }

  private grow(): void {
    const nodes = new Int32Array(this.nodes.length * 2);
    const distances = new Float64Array(this.distances.length * 2);
    nodes.set(this.nodes);
    distances.set(this.distances);
    this.nodes = nodes;
    this.distances = distances;
  }
}
