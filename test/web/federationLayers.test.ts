import { describe, expect, it } from 'vitest';
import { EMPTY_COLLECTION, styleProblems } from './styleProblems';
import { slotLayers } from '../../web/src/map/styles/sketchLayers';
import { FEDERATION_LINKS_SOURCE, arrowImage, federationLayers, linkFeatures, linksSource } from '../../web/src/map/styles/federationLayers';
import { layoutNetwork } from '../../web/src/screens/federation/networkLayout';
import type { NetworkEdge, NetworkNode } from '../../shared/schemas/federation';

const node = (id: string, position: [number, number] | null, participants: number | null = 20): NetworkNode => ({ id, name: id, mainDomain: 'food', domains: ['food'], participants, cutVertex: false, position });
const edge = (id: string, fromGroupId: string, toGroupId: string, kind: NetworkEdge['kind'], flow: NetworkEdge['flow'] = null): NetworkEdge => ({ id, fromGroupId, toGroupId, kind, flow, status: 'active', bridge: false });

describe('links on the map', () => {
  it('is a valid MapLibre style together with the plain background', () => {
    expect(styleProblems({ [FEDERATION_LINKS_SOURCE]: linksSource(EMPTY_COLLECTION) }, [...slotLayers(), ...federationLayers()])).toEqual([]);
  });

  it('draws one line per link between where its groups are shown, a flow pointing the way it goes, and none for a group shown nowhere', () => {
    const features = linkFeatures(
      [node('garden', [-35, 42]), node('kitchen', [-35.01, 42.01]), node('hidden-place', null)],
      [edge('l1', 'garden', 'kitchen', 'flow', 'food'), edge('l2', 'kitchen', 'hidden-place', 'mutual_support_pact')],
    ).features;
    expect(features).toHaveLength(1);
    expect(features[0].geometry.coordinates).toEqual([[-35, 42], [-35.01, 42.01]]);
    expect(features[0].properties).toMatchObject({ kind: 'flow', label: 'food' });
  });

  it('makes an arrowhead that points along the line (its tip on the right edge)', () => {
    const { width, data } = arrowImage(18);
    const alpha = (x: number, y: number) => data[(y * width + x) * 4 + 3];
    expect(alpha(16, 8)).toBe(255);
    expect(alpha(1, 8)).toBe(0);
  });
});

describe('the network layout', () => {
  it('places every group inside the box, the same way every time', () => {
    const nodes = ['a', 'b', 'c', 'd'].map((id) => node(id, null, id === 'a' ? 400 : null));
    const edges = [edge('1', 'a', 'b', 'mutual_support_pact'), edge('2', 'b', 'c', 'flow', 'food'), edge('3', 'c', 'a', 'shared_members')];
    const first = layoutNetwork(nodes, edges, 800, 600);
    const again = layoutNetwork(nodes, edges, 800, 600);
    expect(again.nodes.map((n) => [n.x, n.y])).toEqual(first.nodes.map((n) => [n.x, n.y]));
    for (const laid of first.nodes) {
      expect(laid.x).toBeGreaterThanOrEqual(0);
      expect(laid.x).toBeLessThanOrEqual(800);
      expect(laid.y).toBeGreaterThanOrEqual(0);
      expect(laid.y).toBeLessThanOrEqual(600);
    }
    expect(first.nodes[0].radius).toBeGreaterThan(first.nodes[1].radius);
    expect(first.edges).toHaveLength(3);
  });
});
