import { getContext, setContext } from 'svelte';
import { DOMAINS } from '../../../shared/taxonomy/domains';
import { FUNCTION_TYPES } from '../../../shared/taxonomy/functionTypes';
import { trpc, userError, type UserError } from './trpc';
import { loadConfig, type AppConfig } from './config';
import { emptyFilters, siteQuery, type Filters } from './filters';
import type { DomainInfo, GroupSummary, SiteView, Taxonomy, Viewer } from './types';

export type EditMode = 'browse' | 'add-point' | 'draw-parcel' | 'move';

const KEY = Symbol('kudzu-app');
const PUBLIC: Viewer = { userId: null, displayName: null, role: 'public' };

/** Everything the screen shows, in one place: config, who is signed in, filters, sites. */
export class AppState {
  config = $state.raw<AppConfig | null>(null);
  viewer = $state.raw<Viewer>(PUBLIC);
  /** The seed taxonomy until the server's arrives (an unseeded database sends none). */
  taxonomy = $state.raw<Taxonomy>({
    domains: DOMAINS.map((d) => ({ ...d })),
    functionTypes: FUNCTION_TYPES.map((t) => ({ id: t.id, label: t.label, domain: t.domain, capacityUnit: t.capacityUnit })),
  });
  groups = $state.raw<GroupSummary[]>([]);
  filters = $state<Filters>(emptyFilters());
  sites = $state.raw<SiteView[]>([]);
  sitesLoading = $state(false);
  sitesError = $state.raw<UserError | null>(null);
  /** Set once the first list of sites has arrived, for the "first render" measurement. */
  sitesLoadedAt = $state<number | null>(null);
  selectedId = $state<string | null>(null);
  mode = $state<EditMode>('browse');
  /** A short message for everyone (saved, closed, conflict…), read out by screen readers. */
  notice = $state<{ text: string; tone: 'info' | 'error' } | null>(null);
  /** Where the map should fly next (set by search, read by the map). */
  flyTarget = $state.raw<{ lngLat: [number, number]; zoom: number } | null>(null);

  private request = 0;

  isMember = $derived(this.viewer.role !== 'public');
  isSteward = $derived(this.viewer.role === 'steward');
  domainById = $derived(new Map(this.taxonomy.domains.map((d) => [d.id, d])));
  functionTypeById = $derived(new Map(this.taxonomy.functionTypes.map((t) => [t.id, t])));
  selected = $derived(this.selectedId ? this.sites.find((s) => s.id === this.selectedId) ?? null : null);

  async start(): Promise<void> {
    await Promise.all([
      // The map starts as soon as it knows its basemap.
      loadConfig().then((config) => { this.config = config; }),
      this.refreshViewer(),
      trpc.taxonomy.get.query().then((t) => { if (t.domains.length && t.functionTypes.length) this.taxonomy = t; }).catch(() => {}),
      this.refreshGroups(),
    ]);
  }

  async refreshViewer(): Promise<void> {
    try {
      this.viewer = await trpc.auth.me.query();
    } catch {
      this.viewer = PUBLIC;
    }
  }

  async refreshGroups(): Promise<void> {
    try {
      this.groups = await trpc.groups.list.query();
    } catch {
      this.groups = [];
    }
  }

  /** Fetch the sites matching the filters; a slower earlier answer never overwrites a newer one. */
  async loadSites(): Promise<void> {
    const request = ++this.request;
    this.sitesLoading = true;
    try {
      const sites = await trpc.sites.list.query(siteQuery($state.snapshot(this.filters)));
      if (request !== this.request) return;
      this.sites = sites;
      this.sitesError = null;
      this.sitesLoadedAt ??= performance.now();
    } catch (error) {
      if (request !== this.request) return;
      this.sitesError = userError(error);
    } finally {
      if (request === this.request) this.sitesLoading = false;
    }
  }

  /** Replace one site in the list after an edit, without a full reload. */
  replaceSite(site: SiteView): void {
    const index = this.sites.findIndex((s) => s.id === site.id);
    this.sites = index < 0 ? [...this.sites, site] : this.sites.map((s) => (s.id === site.id ? site : s));
  }

  domain(id: string): DomainInfo | undefined {
    return this.domainById.get(id);
  }

  say(text: string, tone: 'info' | 'error' = 'info'): void {
    this.notice = { text, tone };
  }

  async signOut(): Promise<void> {
    await trpc.auth.logout.mutate().catch(() => {});
    this.viewer = PUBLIC;
    this.mode = 'browse';
    await Promise.all([this.loadSites(), this.refreshGroups()]);
    this.say('You are signed out. The map shows what the public sees.');
  }
}

export function setAppState(state: AppState): AppState {
  return setContext(KEY, state);
}

export function getAppState(): AppState {
  const state = getContext<AppState | undefined>(KEY);
  if (!state) throw new Error('AppState is missing: wrap the app in <App>');
  return state;
}
