import { trpc, userError, type UserError } from '../../lib/trpc';
import { layerLabel } from '$shared/access/layerLabel';
import { functionTypeLabels } from '$shared/taxonomy/functionTypeLabels';
import type { AccessBestSitesResult, AccessDownloadInput, AccessLayers, AccessParamsInput, AccessResult, AccessWhatIfResult } from '$shared/schemas/access';

export type AccessTool = 'none' | 'whatif';
export type SourceChoice = 'sites' | 'layer';

/** What the access panel and the access layer share: the choices, the result, the tools. */
export class AccessState {
  open = $state(false);
  layers = $state.raw<AccessLayers | null>(null);

  // Choices.
  populationLayer = $state('');
  sourceChoice = $state<SourceChoice>('sites');
  functionTypes = $state<string[]>([]);
  sourceLayer = $state('');
  sourceProperty = $state('');
  sourceValue = $state('');
  openAt = $state('');
  mode = $state<'line' | 'walk' | 'usda'>('line');
  weightBy = $state<'even' | 'buildings'>('even');
  threshold = $state('0.5mi');
  cellSize = $state('100m');
  tableBy = $state('population');

  // Results.
  result = $state.raw<AccessResult | null>(null);
  running = $state(false);
  error = $state.raw<UserError | null>(null);
  tool = $state<AccessTool>('none');
  whatIf = $state.raw<(AccessWhatIfResult & { point: [number, number] }) | null>(null);
  best = $state.raw<AccessBestSitesResult | null>(null);
  bestCount = $state(5);
  bestRunning = $state(false);
  downloading = $state<string | null>(null);

  /** The parameters of the analysis on screen: what-ifs and best sites must use the same ones. */
  private analysed: AccessParamsInput | null = null;

  async loadLayers(): Promise<void> {
    try {
      const layers = await trpc.access.layers.query();
      this.layers = layers;
      if (!this.populationLayer && layers.populationLayer) {
        // The network's own population, as a steward chose it in the set-up.
        this.populationLayer = `layer:${layers.populationLayer}`;
      } else if (!this.populationLayer) {
        const population = layers.layers.find((layer) => layer.population);
        this.populationLayer = population ? `layer:${population.layer}` : layers.areaKinds.find((kind) => kind.withPopulation > 0) ? `areas:${layers.areaKinds.find((kind) => kind.withPopulation > 0)!.kind}` : '';
      }
      if (this.functionTypes.length === 0) this.functionTypes = [...layers.defaults.functionTypes];
    } catch (error) {
      this.error = userError(error);
    }
  }

  /** Whether there is anything to analyse: a layer or a kind of area with people in it. */
  get hasPopulation(): boolean {
    return !!this.layers && (this.layers.layers.some((layer) => layer.population) || this.layers.areaKinds.some((kind) => kind.withPopulation > 0));
  }

  /** USDA mode uses the Atlas's ½-km cells and its own distances, and classifies the population polygons themselves. */
  chooseMode(mode: 'line' | 'walk' | 'usda'): void {
    if (mode === 'usda') {
      if (this.cellSize.trim() === '100m') this.cellSize = '500m';
      this.tableBy = 'population';
    } else if (this.mode === 'usda' && this.cellSize.trim() === '500m') {
      this.cellSize = '100m';
    }
    this.mode = mode;
  }

  params(): AccessParamsInput {
    const [populationKind, populationName] = splitChoice(this.populationLayer);
    const [tableKind, tableName] = splitChoice(this.tableBy);
    return {
      population: populationKind === 'areas' ? { kind: 'areas', areaKind: populationName } : { kind: 'layer', layer: populationName },
      sources: this.sourceChoice === 'sites'
        ? { kind: 'sites', functionTypes: [...this.functionTypes] }
        : {
          kind: 'layer', layer: this.sourceLayer,
          ...(this.sourceProperty ? { property: this.sourceProperty, values: this.sourceValue.split(',').map((value) => value.trim()).filter(Boolean) } : {}),
        },
      ...(this.openAt.trim() ? { openAt: this.openAt.trim() } : {}),
      mode: this.mode,
      weightBy: this.weightBy,
      threshold: this.threshold.trim(),
      cellSize: this.cellSize.trim(),
      tableBy: tableKind === 'areas' ? { kind: 'areas', areaKind: tableName } : { kind: 'population' },
    };
  }

  async analyse(): Promise<void> {
    const params = this.params();
    this.running = true;
    this.error = null;
    try {
      this.result = await trpc.access.analyse.query(params);
      this.analysed = params;
      this.whatIf = null;
      this.best = null;
    } catch (error) {
      this.error = userError(error);
    } finally {
      this.running = false;
    }
  }

  async tryPoint(point: [number, number]): Promise<void> {
    if (!this.analysed) return;
    try {
      const answer = await trpc.access.whatIf.query({ ...this.analysed, point });
      this.whatIf = { ...answer, point };
    } catch (error) {
      this.error = userError(error);
    }
  }

  async findBest(candidates: 'cells' | 'sites' = 'cells'): Promise<void> {
    if (!this.analysed) return;
    this.bestRunning = true;
    try {
      this.best = await trpc.access.bestSites.query({ ...this.analysed, k: this.bestCount, candidates });
    } catch (error) {
      this.error = userError(error);
    } finally {
      this.bestRunning = false;
    }
  }

  /** Saves the analysis on screen as a file: the table or the map layer, as CSV or GeoJSON. */
  async download(what: AccessDownloadInput['what'], format: AccessDownloadInput['format']): Promise<void> {
    if (!this.analysed) return;
    this.downloading = `${what}-${format}`;
    try {
      const file = await trpc.access.download.query({ ...this.analysed, what, format });
      const url = URL.createObjectURL(new Blob([file.text], { type: file.contentType }));
      const link = document.createElement('a');
      link.href = url;
      link.download = file.fileName;
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (error) {
      this.error = userError(error);
    } finally {
      this.downloading = null;
    }
  }

  /** A plain description of the analysis on screen, for a challenge's text. */
  basis(): string {
    const result = this.result;
    if (!result || !this.analysed) return '';
    const sources = this.analysed.sources;
    const what = sources?.kind === 'layer'
      ? `${layerLabel(sources.layer)}${sources.property ? ` where ${sources.property} = ${(sources.values ?? []).join(' or ')}` : ''}`
      : (sources?.functionTypes ?? []).map(functionTypeLabels()).join(', ');
    return `${result.mode === 'usda' ? 'USDA Atlas rules, straight-line' : result.mode === 'walk' ? 'walking' : 'straight-line'} distance, threshold ${result.thresholdLabel}, ${result.cellSize} m cells, sources: ${what}`;
  }
}

function splitChoice(choice: string): [string, string] {
  const at = choice.indexOf(':');
  return at < 0 ? [choice, ''] : [choice.slice(0, at), choice.slice(at + 1)];
}
