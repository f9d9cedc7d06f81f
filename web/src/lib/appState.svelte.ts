import { createContext } from 'svelte';
import { DOMAINS } from '$shared/taxonomy/domains';
import { FUNCTION_TYPES } from '$shared/taxonomy/functionTypes';
import { trpc, userError, type UserError } from './trpc';
import { loadConfig, type AppConfig } from './config';
import { emptyFilters, tileQuery, type Filters } from './filters';
import { sitesSummaryUrl, takeEarlyResponse } from './earlyRequests';
import { SITE_TILES_PATH } from '$shared/map/siteTileQuery';
import type { DomainInfo, GroupSummary, SiteView, Taxonomy, Viewer } from './types';

export type EditMode = 'browse' | 'add-point' | 'draw-parcel' | 'move';

const PUBLIC: Viewer = { userId: null, displayName: null, role: 'public' };
/** How long an information message stays on screen. */
const INFO_NOTICE_MS = 8000;

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
  /**
   * Which drawing of the sites the map shows: raised by every reload (a filter, a sign-in, an
   * edit), so the map asks for fresh tiles. The server redraws tiles after an edit by itself;
   * this only tells the map to ask.
   */
  sitesVersion = $state(0);
  /** The count and bounds of the sites the tiles draw, for `sitesVersion` once it has arrived. */
  summary = $state.raw<{ count: number; bounds: [number, number, number, number] | null; version: number } | null>(null);
  sitesLoading = $state(false);
  sitesError = $state.raw<UserError | null>(null);
  /** Set once the first summary of the sites has arrived, for the "first render" measurement. */
  sitesLoadedAt = $state<number | null>(null);
  selectedId = $state<string | null>(null);
  /** The name of the selected site as the map or search had it, shown while the full site loads. */
  selectedName = $state<string | null>(null);
  /** The selected site in full (`sites.get`), once it has arrived; null while it loads. */
  selected = $state.raw<SiteView | null>(null);
  selectedError = $state.raw<UserError | null>(null);
  mode = $state<EditMode>('browse');
  /** The polygon being drawn is the network's area (from the set-up), not a site's parcel. */
  drawingArea = $state(false);
  /** A short message for everyone (saved, closed, conflict…), read out by screen readers. */
  notice = $state<{ text: string; tone: 'info' | 'error' } | null>(null);
  /** Where the map should fly next (set by search, read by the map). */
  flyTarget = $state.raw<{ lngLat: [number, number]; zoom: number } | null>(null);

  private request = 0;
  private noticeCount = 0;
  private selectedRequest = 0;

  isMember = $derived(this.viewer.role !== 'public');
  isSteward = $derived(this.viewer.role === 'steward');
  domainById = $derived(new Map(this.taxonomy.domains.map((d) => [d.id, d])));
  functionTypeById = $derived(new Map(this.taxonomy.functionTypes.map((t) => [t.id, t])));
  /** The tile URL (a template for MapLibre) for the filters and the current drawing. */
  sitesTiles = $derived(`${SITE_TILES_PATH}?${[tileQuery(this.filters), `v=${this.sitesVersion}`].filter(Boolean).join('&')}`);

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

  /**
   * Redraw the sites for the filters: new tiles for the map and their count and bounds; a
   * slower earlier answer never overwrites a newer one.
   */
  async loadSites(): Promise<void> {
    const version = ++this.sitesVersion;
    this.sitesLoading = true;
    const url = sitesSummaryUrl(tileQuery($state.snapshot(this.filters)));
    try {
      const response = await (takeEarlyResponse('sites', url) ?? fetch(url, { credentials: 'same-origin' }));
      const body = (await response.json()) as { count: number; bounds: [number, number, number, number] | null; error?: { message: string; code: string; field?: string } };
      if (version !== this.sitesVersion) return;
      if (!response.ok || body.error) {
        const message = body.error?.message ?? `the sites could not be loaded (the server answered ${response.status})`;
        this.sitesError = { message, field: body.error?.field ?? null, conflict: false, code: body.error?.code ?? null };
        return;
      }
      this.summary = { count: body.count, bounds: body.bounds, version };
      this.sitesError = null;
      this.sitesLoadedAt ??= performance.now();
    } catch (error) {
      if (version === this.sitesVersion) this.sitesError = userError(error);
    } finally {
      if (version === this.sitesVersion) this.sitesLoading = false;
    }
  }

  /**
   * Fetch the selected site in full, for the panel; a slower earlier answer never overwrites
   * a newer one. Called when the selection or the viewer changes.
   */
  async loadSelected(): Promise<void> {
    const request = ++this.selectedRequest;
    const id = this.selectedId;
    this.selectedError = null;
    if (this.selected?.id !== id) this.selected = null;
    if (id === null) return;
    try {
      const site = await trpc.sites.get.query({ id });
      if (request === this.selectedRequest) this.selected = site;
    } catch (error) {
      if (request === this.selectedRequest) this.selectedError = userError(error);
    }
  }

  /** Show one site as an edit returned it: the panel at once, the map from fresh tiles. */
  replaceSite(site: SiteView): void {
    if (this.selectedId === site.id) {
      this.selectedRequest++; // an earlier `sites.get` still on its way must not undo the edit
      this.selected = site;
    }
    void this.loadSites();
  }

  domain(id: string): DomainInfo | undefined {
    return this.domainById.get(id);
  }

  /**
   * Show a message. Information fades after a while so it never sits over the map on a
   * projector; an error stays until it is dismissed.
   */
  say(text: string, tone: 'info' | 'error' = 'info'): void {
    const said = ++this.noticeCount;
    this.notice = { text, tone };
    if (tone === 'info') setTimeout(() => { if (this.noticeCount === said) this.notice = null; }, INFO_NOTICE_MS);
  }

  async signOut(): Promise<void> {
    await trpc.auth.logout.mutate().catch(() => {});
    this.viewer = PUBLIC;
    this.selected = null; // what a member saw of a site is not what the public sees
    this.mode = 'browse';
    await Promise.all([this.loadSites(), this.refreshGroups()]);
    this.say('You are signed out. The map shows what the public sees.');
  }
}

/** The app's state, set by <App> and read by every screen beneath it (Svelte throws if it is missing). */
export const [getAppState, setAppState] = createContext<AppState>();
