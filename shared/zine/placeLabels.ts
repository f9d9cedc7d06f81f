/**
 * Labels that never collide: the most important are placed first, each at the first of its
 * candidate spots that stays inside the frame and clear of every symbol and placed label;
 * a label with no free spot is dropped.
 */
export interface Box { minX: number; minY: number; maxX: number; maxY: number }

export interface LabelCandidate {
  id: number;
  priority: number;
  width: number;
  height: number;
  /** Candidate boxes' top-left corners, in order of preference. */
  spots: readonly [number, number][];
}

export interface PlacedLabel { id: number; x: number; y: number }

export function overlaps(a: Box, b: Box): boolean {
  return a.minX < b.maxX && b.minX < a.maxX && a.minY < b.maxY && b.minY < a.maxY;
}

function inside(box: Box, frame: Box): boolean {
  return box.minX >= frame.minX && box.maxX <= frame.maxX && box.minY >= frame.minY && box.maxY <= frame.maxY;
}

export function placeLabels(candidates: readonly LabelCandidate[], obstacles: readonly Box[], frame: Box): PlacedLabel[] {
  const taken: Box[] = [...obstacles];
  const placed: PlacedLabel[] = [];
  const ordered = [...candidates].sort((a, b) => b.priority - a.priority || a.id - b.id);
  for (const candidate of ordered) {
    for (const [x, y] of candidate.spots) {
      const box = { minX: x, minY: y, maxX: x + candidate.width, maxY: y + candidate.height };
      if (!inside(box, frame) || taken.some((other) => overlaps(box, other))) continue;
      taken.push(box);
      placed.push({ id: candidate.id, x, y });
      break;
    }
  }
  return placed;
}
