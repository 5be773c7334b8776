// Carte: the communes of the territory coloured by coverage at a date — by a kind of mechanism
// (zones blanches stand out) or by the number of mechanisms — from the API's one computation
// (/api/coverage, the analysis worker). A change of colouring repaints without reloading or
// rebuilding anything; a year of the slider loads that year's coverage. A click on a commune, a
// place searched, a mechanism or a finding shows who covers what, outlined on the map. The table
// beside it says the same in text. The canvas is map-canvas.ts, the controls map-controls.ts, the
// panels and table map-details.ts; this module holds the state and the loads.
import type { Finding } from '../../../model/rules/types.ts';
import { FINDING_STATUS_LABELS } from '../../../model/states/states.ts';
import { themeLabel } from '../../../model/vocabulary.ts';
import { api, cancellable, json, type Coverage, type Graph, type Perimeters, type PlaceAnswer } from '../api.ts';
import type { AppContext, View, ViewFactory } from '../context.ts';
import { h, replace, uid } from '../dom.ts';
import { statusOf } from '../lib/findings.ts';
import { formatDate } from '../lib/format.ts';
import { COUNT_CLASSES, CoverageIndex, featureValues, legendEntries, mapParams, scaleBar, sliderYears, yearDate, type ClassKey, type FeatureValue, type MapMode, type MapParams } from '../lib/map.ts';
import { searchNodes } from '../lib/network.ts';
import { apiScopeParams, scenarioParams, scopeKey, type AppState } from '../lib/state.ts';
import { scopeLabel } from '../lib/territories.ts';
import { Loader } from '../load.ts';
import { placeLabel } from '../ui/place-search.ts';
import { MapCanvas, type Fill } from './map-canvas.ts';
import { mapControls, mapStage, summaryLine } from './map-controls.ts';
import { stateSummary } from './finding-state.ts';
import { coverageTable, findingPanel, mechanismPanel, placePanel, scenarioChangesTable, zonesTable } from './map-details.ts';
import { loadLayer, type MapLayer } from './map-layers.ts';
import '../map.css';

/** Marks the bench reads (performance.getEntriesByName). */
export const MAP_MARKS = { start: 'articulation:map-start', firstFrame: 'articulation:map-first-frame' } as const;

/** What is drawn: the contours and the coverage they are painted with. */
interface Drawn {
  layer: MapLayer;
  coverage: Coverage;
  index: CoverageIndex;
  values: Map<string, FeatureValue>;
}

export const mapView: ViewFactory = (root, ctx): View => {
  const screen = new MapScreen(root, ctx);
  return { update: (next) => screen.update(next), destroy: () => screen.destroy() };
};

/** The view's state and its loads; each part of the page is built by map-controls.ts and map-details.ts. */
class MapScreen {
  private state: AppState;
  private params: MapParams;
  private drawn: Drawn | null = null;
  private layerShown: MapLayer | null = null;
  private dataKey = '';
  private catalogueKey = '';
  private selectionKey = '';
  private placeAnswer: PlaceAnswer | null = null;
  private graph: Graph | null = null;
  private modeChangedAt: number | null = null;
  private describeTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly colours: AppContext['palette']['map'];
  private readonly controls: ReturnType<typeof mapControls>;
  private readonly stage: ReturnType<typeof mapStage>;
  private readonly canvas: MapCanvas;
  /** Stripes: a partly covered city; in counting mode, each class hatched for zones blanches. */
  private readonly patterns: { partial: CanvasPattern; hatched: Map<ClassKey, CanvasPattern> };
  private readonly layout: HTMLElement;
  private readonly panelRegion = h('aside', { class: 'app-map__panel', hidden: true, 'aria-label': 'Sélection sur la carte' });
  /** The states of the findings the map can situate, as Constats counts them. */
  private readonly stateLine = h('div', { class: 'app-map__states', 'aria-live': 'polite' });
  private readonly tables = h('div', { class: 'app-map__tables' });
  /** In a scenario: the table of the communes whose coverage it changes, and their drawn features (outlined when nothing is selected). */
  private readonly scenarioTable = h('div');
  private scenarioChanged: Set<string> | null = null;
  private readonly loader: Loader;
  private readonly selection: Loader;

  constructor(
    root: HTMLElement,
    private readonly ctx: AppContext,
  ) {
    this.state = ctx.state();
    this.params = mapParams(this.state.params);
    this.colours = ctx.palette.map;
    const titleId = uid('titre-carte');
    this.controls = mapControls(ctx, titleId, {
      searchMechanisms: (q) => (this.graph ? searchNodes(this.graph.nodes.filter((n) => n.type === 'mechanism'), q, 8).map((hit) => ({ id: hit.id, label: hit.label })) : []),
      placeLabel: () => (this.placeAnswer && this.params.place?.code === this.placeAnswer.place.code ? placeLabel(this.placeAnswer.place) : null),
      modeChanging: () => (this.modeChangedAt = performance.now()),
    });
    this.stage = mapStage({ zoomIn: () => this.canvas.zoomBy(1.5), zoomOut: () => this.canvas.zoomBy(1 / 1.5), reset: () => this.canvas.reset() });
    this.canvas = this.createCanvas();
    this.patterns = {
      partial: this.canvas.stripes(this.colours.covered, this.colours.uncovered),
      hatched: new Map(COUNT_CLASSES.map((c) => [c.key, this.canvas.stripes(this.colours.uncovered, this.colours[c.key as 'count0'], 2)])),
    };
    this.controls.el.append(this.stateLine);
    this.layout = h('div', { class: 'app-map', dataset: { state: 'loading' } }, this.controls.el, this.stage.stage, this.panelRegion);
    replace(root, this.layout, this.tables);
    this.loader = new Loader(this.stage.setOverlay);
    this.selection = new Loader((content) => {
      replace(this.panelRegion, content);
      this.panelRegion.hidden = content === null;
    });
    this.controls.sync(this.params, [], this.state.asOf);
    this.load();
    this.loadCatalogue();
  }

  private createCanvas(): MapCanvas {
    const { ctx, colours, stage } = this;
    const canvas = new MapCanvas(
      mapLabel(this.state.scope),
      { noData: colours.noData, border: colours.border, departement: colours.departement, outline: colours.outline, halo: colours.border },
      {
        click: (code) => code && ctx.navigate({ params: { commune: code, lieu: null, dispositif: null, constat: null } }),
        hover: (code, x, y) => stage.showTooltip(code && this.drawn ? tooltipText(this.drawn, code, this.params.mode) : null, x, y),
        changed: () => {
          const bar = scaleBar(canvas.metresPerPixel());
          stage.setScale(bar.px, bar.label);
        },
      },
    );
    canvas.element.setAttribute('aria-describedby', stage.descriptionId);
    stage.frame.prepend(canvas.element);
    return canvas;
  }

  update(next: AppState): void {
    const previous = this.params;
    this.state = next;
    this.params = mapParams(next.params);
    if (previous.mode !== this.params.mode && this.drawn) this.repaint();
    this.syncControls();
    this.load();
    this.loadCatalogue();
    this.showSelection();
  }

  destroy(): void {
    clearTimeout(this.describeTimer);
    this.loader.destroy();
    this.selection.destroy();
    this.controls.destroy();
    this.canvas.destroy();
  }

  private date(): string {
    return yearDate(this.params.year, this.state.asOf);
  }

  private scopeQuery(): Record<string, string> {
    const { asOf: _asOf, ...territory } = apiScopeParams(this.state);
    return territory;
  }

  private syncControls(): void {
    this.controls.sync(this.params, this.drawn ? sliderYears(this.drawn.coverage.firstYear, this.state.asOf) : [], this.state.asOf);
  }

  /** Fill every commune from the coverage and the colouring: no fetch, no path rebuilt. */
  private repaint(): void {
    const { drawn, colours, patterns, layout } = this;
    if (!drawn) return;
    const values = featureValues(drawn.layer.features, drawn.index, this.params.mode);
    drawn.values = values;
    const counting = this.params.mode === 'nombre';
    const fill = (id: string): Fill | undefined => {
      const value = values.get(id);
      if (!value) return undefined;
      if (value.key === 'partial') return patterns.partial;
      return counting && value.zoneBlanche ? patterns.hatched.get(value.key) : colours[value.key];
    };
    this.canvas.paint(fill);
    layout.dataset.paints = String(this.canvas.paints);
    const started = this.modeChangedAt;
    this.modeChangedAt = null;
    // The picture first; its description (legend, tables: hundreds of rows) right after the frame.
    clearTimeout(this.describeTimer);
    requestAnimationFrame(() => {
      if (started !== null) layout.dataset.repaintMs = String(Math.round(performance.now() - started));
      if (!performance.getEntriesByName(MAP_MARKS.firstFrame).length) performance.mark(MAP_MARKS.firstFrame);
      this.describeTimer = setTimeout(() => {
        if (this.drawn !== drawn) return;
        this.describe(drawn);
        // Drawn and described: what the tests and the bench wait for.
        Object.assign(layout.dataset, { state: 'drawn', mode: this.params.mode, year: drawn.coverage.asOf.slice(0, 4) });
      });
    });
  }

  /** Legend, summary, description and tables: what the colours say, in words. */
  private describe(d: Drawn): void {
    const { params, colours, state } = this;
    const entries = legendEntries(d.index, params.mode);
    const cities = [...d.values.entries()]
      .filter(([, v]) => v.city?.state === 'partial')
      .map(([id, v]) => h('p', { class: 'fr-text--xs fr-mb-1v', dataset: { testid: 'ville-partielle' } }, `${d.layer.names.get(id) ?? id} : ${v.city!.label}`));
    const hatching = h('p', { class: 'fr-text--xs fr-mb-1v' }, h('span', { class: 'app-map__swatch app-map__swatch--hatch', style: `--hatch:${colours.uncovered}`, 'aria-hidden': 'true' }), 'Hachures : zones blanches (sans CLSM actif)');
    this.controls.setLegend(entries, (key) => swatchStyle(key, colours), params.mode === 'nombre' ? [...cities, hatching] : cities);
    const kind = params.mode === 'nombre' ? 'CLSM' : params.mode;
    const zones = d.coverage.byKind[kind].uncovered;
    const where = `${scopeLabel(state.scope)}, au ${formatDate(d.coverage.asOf)}${params.theme ? `, thème « ${themeLabel(params.theme)} »` : ''}`;
    const text = summaryLine(where, d.coverage.communes.length, zones, kind === 'CLSM' ? 'zones blanches' : `sans ${kind}`);
    this.controls.summary.textContent = text;
    this.stage.description.textContent = `${text} ${entries.map((e) => `${e.label} : ${e.communes} communes`).join(' ; ')}.`;
    const select = (code: string) => this.ctx.navigate({ params: { commune: d.layer.drawing.get(code) ?? code, lieu: null, dispositif: null, constat: null } });
    replace(
      this.tables,
      h('h2', { class: 'fr-h5 fr-mt-3w' }, 'La carte en tableau'),
      this.scenarioTable,
      coverageTable(d.index, params.mode, state.scope.level === 'departement', (code) => d.layer.names.get(code) ?? code, select),
      zonesTable(zones, kind),
    );
  }

  /**
   * In a scenario, the communes whose coverage it changes at the map's date (the comparison's,
   * from the one coverage of the rules): outlined on the map, listed in a table.
   */
  private loadScenarioChanges(d: Drawn): void {
    const { scenario } = scenarioParams(this.state);
    this.scenarioChanged = null;
    replace(this.scenarioTable);
    if (!scenario) return;
    const query = { ...this.scopeQuery(), asOf: this.date() };
    delete (query as { scenario?: string }).scenario;
    const select = (code: string) => this.ctx.navigate({ params: { commune: d.layer.drawing.get(code) ?? code, lieu: null, dispositif: null, constat: null } });
    void this.ctx
      .cached(`scenario-diff|${scenario}|${JSON.stringify(query)}`, (s) => json(api.scenarios[':id'].diff.$get({ param: { id: scenario }, query }, cancellable(s))), this.loader.signal)
      .then((diff) => {
        if (this.drawn !== d) return;
        const communes = diff.coverage?.communes ?? [];
        this.scenarioChanged = drawnOf(d, communes.map((c) => c.code));
        replace(this.scenarioTable, h('h3', { class: 'fr-h6 fr-mt-2w' }, 'Ce que le scénario change sur la carte'), scenarioChangesTable(communes, select));
        this.layout.dataset.scenarioChanges = String(communes.length);
        this.selectionKey = '';
        this.showSelection();
      })
      .catch(() => replace(this.scenarioTable, h('p', { class: 'fr-text--sm' }, 'Les communes dont le scénario change la couverture n’ont pas pu être chargées.')));
  }

  private load(): void {
    const key = `${scopeKey(this.state.scope)}|${this.date()}|${this.params.theme ?? ''}`;
    if (key === this.dataKey) return;
    if (!this.drawn) {
      performance.clearMarks(MAP_MARKS.firstFrame);
      performance.mark(MAP_MARKS.start);
    }
    this.dataKey = key;
    this.layout.dataset.state = this.drawn ? 'updating' : 'loading';
    const scope = this.state.scope;
    const query = { ...this.scopeQuery(), asOf: this.date(), ...(this.params.theme ? { theme: this.params.theme } : {}) };
    void this.loader.run({
      loading: this.drawn ? `Couverture au ${formatDate(query.asOf)}…` : `Chargement de la carte — ${scopeLabel(scope)}…`,
      failure: 'La carte n’a pas pu être chargée',
      fetch: (signal) => Promise.all([loadLayer(scope, signal), this.ctx.cached(`coverage|${key}`, (s) => json(api.coverage.$get({ query }, cancellable(s))), signal)]),
      done: ([layer, coverage]) => this.draw(layer, coverage),
      failed: () => {
        this.dataKey = '';
        this.layout.dataset.state = 'error';
      },
    });
  }

  private draw(layer: MapLayer, coverage: Coverage): void {
    this.stage.setOverlay(null);
    if (layer !== this.layerShown) {
      this.canvas.setLayer(layer.features, layer.borders);
      this.canvas.element.setAttribute('aria-label', mapLabel(this.state.scope));
      this.layerShown = layer;
      this.layout.dataset.communes = String(layer.features.length);
    }
    this.drawn = { layer, coverage, index: new CoverageIndex(coverage), values: new Map() };
    this.repaint();
    this.syncControls();
    this.selectionKey = '';
    this.showSelection();
    this.loadScenarioChanges(this.drawn);
  }

  /** Names for the mechanism search, themes for the filter, findings to situate: loaded beside the map, never before it. */
  private loadCatalogue(): void {
    const key = `${scopeKey(this.state.scope)}|${this.state.asOf}`;
    if (key === this.catalogueKey) return;
    this.catalogueKey = key;
    const scope = apiScopeParams(this.state);
    const signal = this.loader.signal;
    void this.ctx
      .cached(`graph|${key}`, (s) => json(api.graph.$get({ query: { ...scope, people: 'true' } }, cancellable(s))), signal)
      .then((g) => {
        this.graph = g;
        const themes = new Set<string>();
        for (const n of g.nodes) for (const t of n.themes ?? []) themes.add(t);
        this.controls.setThemes([...themes].map((id) => ({ id, label: themeLabel(id) })).sort((a, b) => a.label.localeCompare(b.label, 'fr')));
        this.syncControls();
      })
      .catch(() => undefined);
    void this.ctx
      .cached(`findings|${key}`, (s) => json(api.findings.$get({ query: scope }, cancellable(s))), signal)
      .then((r) => {
        const situated = r.findings.filter((f) => f.category === 'overlap' || f.category === 'missing-link');
        // The state before the message: what is still to handle stands out in the list (docs/etats.md).
        const label = (f: Finding) => `${FINDING_STATUS_LABELS[statusOf(f)]} — ${f.message.length > 100 ? `${f.message.slice(0, 99)}…` : f.message}`;
        this.controls.setFindings(situated.slice(0, 300).map((f) => ({ id: f.id, label: label(f) })));
        replace(this.stateLine, stateSummary(this.ctx, situated));
        this.syncControls();
      })
      .catch(() => undefined);
  }

  private showSelection(): void {
    const { params, drawn } = this;
    const key = JSON.stringify([params.commune, params.place, params.mechanism, params.finding, this.date(), params.theme, this.dataKey]);
    if (key === this.selectionKey || !drawn) return;
    this.selectionKey = key;
    if (!params.commune && !params.place && !params.mechanism && !params.finding) {
      this.selection.cancel();
      // In a scenario, nothing selected: the communes whose coverage it changes stay outlined.
      const changed = this.scenarioChanged;
      this.canvas.setHighlight(changed?.size ? [{ outlines: drawn.layer.outline(changed), fills: changed }] : []);
      replace(this.panelRegion);
      this.panelRegion.hidden = true;
      return;
    }
    const close = () => this.ctx.navigate({ params: { commune: null, lieu: null, dispositif: null, constat: null } });
    const env: SelectionEnv = { ctx: this.ctx, state: this.state, params, d: drawn, date: this.date(), scopeQuery: this.scopeQuery(), close, canvas: this.canvas, colours: this.colours, graph: () => this.graph };
    void this.selection.run({
      loading: 'Chargement de la sélection…',
      failure: 'La sélection n’a pas pu être chargée',
      fetch: (signal) => selectionContent(env, signal),
      done: ({ panel, answer }) => {
        this.placeAnswer = answer ?? this.placeAnswer;
        this.panelRegion.hidden = false;
        replace(this.panelRegion, panel);
        this.syncControls();
        this.layout.dataset.selection = key;
      },
    });
  }
}

interface SelectionEnv {
  ctx: AppContext;
  state: AppState;
  params: MapParams;
  d: Drawn;
  date: string;
  scopeQuery: Record<string, string>;
  close(): void;
  canvas: MapCanvas;
  colours: AppContext['palette']['map'];
  graph(): Graph | null;
}

/** The drawn features standing for some base communes (Lyon's arrondissements are Lyon). */
function drawnOf(d: Drawn, codes: Iterable<string>): Set<string> {
  const out = new Set<string>();
  for (const code of codes) {
    const id = d.layer.drawing.get(code);
    if (id) out.add(id);
  }
  return out;
}

/** Load what is selected, outline it, and build its panel. */
async function selectionContent(env: SelectionEnv, signal: AbortSignal): Promise<{ panel: HTMLElement; answer?: PlaceAnswer }> {
  const { ctx, params, d, canvas } = env;
  const showPerimeter = (id: string) => ctx.navigate({ params: { dispositif: id, commune: null, lieu: null, constat: null } });
  if (params.commune || params.place) {
    const [type, code] = params.place ? [params.place.type, params.place.code] : (['commune', params.commune!] as const);
    const query = { asOf: env.date, ...(params.theme ? { theme: params.theme } : {}), ...scenarioParams(env.state) };
    const answer = await ctx.cached(`place|${type}:${code}|${env.date}|${params.theme ?? ''}`, (s) => json(api.places[':type'][':code'].mechanisms.$get({ param: { type, code }, query }, cancellable(s))), signal);
    const ids = drawnOf(d, answer.place.communes.map((c) => c.code));
    canvas.setHighlight([{ outlines: d.layer.outline(ids), fills: ids }]);
    const city = params.commune ? d.values.get(params.commune)?.city : undefined;
    return { panel: placePanel(ctx, answer, { city, mode: params.mode, close: env.close, showPerimeter }), answer };
  }
  const perimeters = await ctx.cached(`perimeters|${scopeKey(env.state.scope)}`, (s) => json(api.perimeters.$get({ query: env.scopeQuery }, cancellable(s))), signal);
  if (params.mechanism) return { panel: mechanismSelection(env, perimeters, params.mechanism) };
  const findings = await ctx.cached(`findings|${scopeKey(env.state.scope)}|${env.state.asOf}`, (s) => json(api.findings.$get({ query: apiScopeParams(env.state) }, cancellable(s))), signal);
  const finding = findings.findings.find((f) => f.id === params.finding);
  if (!finding) throw new Error(`ce constat n’existe pas ou plus sur ${scopeLabel(env.state.scope)} au ${formatDate(env.state.asOf)}`);
  return { panel: findingSelection(env, perimeters, finding) };
}

function perimeterCodes(perimeters: Perimeters, id: string): string[] | undefined {
  return perimeters.mechanisms.find((m) => m.id === id)?.communes.map((i) => perimeters.communes[i]);
}

function mechanismSelection(env: SelectionEnv, perimeters: Perimeters, id: string): HTMLElement {
  const codes = perimeterCodes(perimeters, id);
  if (!codes) throw new Error(`« ${id} » ne touche pas ${scopeLabel(env.state.scope)}`);
  const ids = drawnOf(env.d, codes);
  env.canvas.setHighlight([{ outlines: env.d.layer.outline(ids), fills: ids }]);
  const node = env.graph()?.nodes.find((n) => n.id === id);
  const population = codes.reduce((sum, code) => sum + (perimeters.populations[perimeters.communes.indexOf(code)] ?? 0), 0);
  const drawnCount = codes.filter((c) => env.d.layer.drawing.has(c)).length;
  return mechanismPanel(env.ctx, { id, label: node?.label ?? id, kind: node?.kind, themes: node?.themes }, { communes: codes.length, population, drawn: drawnCount }, env.close);
}

/** A finding's place: its shared communes (an overlap), else each subject's territory in its own colour. */
function findingSelection(env: SelectionEnv, perimeters: Perimeters, f: Finding): HTMLElement {
  const { d, canvas, colours } = env;
  const nameOf = (id: string) => env.graph()?.nodes.find((n) => n.id === id)?.label ?? id;
  const shared = f.data?.sharedCommunes;
  if (shared?.length) {
    const ids = drawnOf(d, shared);
    canvas.setHighlight([{ outlines: d.layer.outline(ids), fills: ids, colour: colours.highlight }]);
    return findingPanel(env.ctx, f, [], env.close);
  }
  const subjects = f.subjects.filter((id) => perimeterCodes(perimeters, id));
  // The wider territory first (a PTSM's), then the subject inside it (the CLSM that owes its avis) over it.
  const groups = subjects.map((id, i) => ({ id, ids: drawnOf(d, perimeterCodes(perimeters, id)!), colour: i === 0 ? colours.highlight : colours.outline }));
  canvas.setHighlight([...groups].reverse().map((g, i) => ({ outlines: d.layer.outline(g.ids), fills: i === groups.length - 1 ? g.ids : undefined, colour: g.colour })));
  return findingPanel(env.ctx, f, groups.map((g) => ({ label: nameOf(g.id), colour: g.colour })), env.close);
}

function mapLabel(scope: AppState['scope']): string {
  return `Carte des communes — ${scopeLabel(scope)}. Cliquez une commune pour voir les dispositifs qui la couvrent ; le tableau sous la carte donne les mêmes informations.`;
}

function swatchStyle(key: ClassKey, colours: AppContext['palette']['map']): string {
  if (key === 'partial') return `background: repeating-linear-gradient(135deg, ${colours.covered} 0 3px, ${colours.uncovered} 3px 6px)`;
  return `background:${colours[key]}`;
}

function tooltipText(d: Drawn, id: string, mode: MapMode): string {
  const value = d.values.get(id);
  const name = d.layer.names.get(id) ?? id;
  if (!value) return name;
  if (value.city) return `${name} — ${value.city.label}`;
  const what = mode === 'nombre' ? 'dispositifs actifs' : mode;
  return `${name} — ${value.count} ${what}${value.zoneBlanche ? ' (zone blanche)' : ''}`;
}
