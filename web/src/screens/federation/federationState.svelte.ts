import { trpc, userError, type UserError } from '../../lib/trpc';
import { DEFAULT_FEDERATION_WEIGHTS, type FederationWeights, type Network, type Recommendations } from '$shared/schemas/federation';

export type FederationTab = 'recommend' | 'groups' | 'weights';

/** What the federation planner shows: the network, the links on the map, recommendations, weights. */
export class FederationState {
  open = $state(false);
  tab = $state<FederationTab>('recommend');
  /** The network graph in place of the map. */
  graph = $state(false);
  /** Links drawn on the map. */
  linksOnMap = $state(false);
  network = $state.raw<Network | null>(null);
  networkError = $state.raw<UserError | null>(null);
  /** The group the panel and the recommendations are about; null for the whole network. */
  groupId = $state<string | null>(null);
  top = $state(10);
  recommendations = $state.raw<Recommendations | null>(null);
  recommending = $state(false);
  recommendError = $state.raw<UserError | null>(null);
  weights = $state<FederationWeights>({ ...DEFAULT_FEDERATION_WEIGHTS });

  private request = 0;

  async loadNetwork(): Promise<void> {
    try {
      this.network = await trpc.federation.network.query();
      this.networkError = null;
    } catch (error) {
      this.networkError = userError(error);
    }
  }

  async loadWeights(): Promise<void> {
    try {
      this.weights = await trpc.federation.weights.query();
    } catch {
      // The defaults stay shown; the recommendations report the weights they used.
    }
  }

  async recommend(): Promise<void> {
    const request = ++this.request;
    this.recommending = true;
    try {
      const result = await trpc.federation.recommend.query({ groupId: this.groupId, top: this.top });
      if (request !== this.request) return;
      this.recommendations = result;
      this.weights = { ...result.weights };
      this.recommendError = null;
    } catch (error) {
      if (request === this.request) this.recommendError = userError(error);
    } finally {
      if (request === this.request) this.recommending = false;
    }
  }

  /** After a group or link changes: the graph, the map's lines and the ranking all move. */
  async refresh(): Promise<void> {
    await Promise.all([this.loadNetwork(), this.recommendations ? this.recommend() : Promise.resolve()]);
  }
}
