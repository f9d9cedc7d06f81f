/** A reference layer's name in words: the demo's layers by what they are, others with their separators as spaces ("sf tracts"). */
export function layerLabel(layer: string): string {
  const demo: Record<string, string> = { demo_blocks: 'Kudzu Flats blocks (demo)', demo_streets: 'Kudzu Flats streets (demo)', demo_landmarks: 'Kudzu Flats landmarks (demo)' };
  if (demo[layer]) return demo[layer];
  return layer.replace(/[_-]+/g, ' ').trim();
}
