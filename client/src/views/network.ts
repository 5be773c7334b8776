// Réseau: every mechanism of the scope as a sigma graph. Coloured by kind (legend = kind
// filter), sized by population covered; declared links coloured by kind; missing links
// (ghost, dashed) and overlaps (derived) as toggles; filters by kind, status, severity;
// accent-insensitive search that moves the camera; hover highlights neighbours; a click opens
// the side panel; an accessible list of the mechanisms shown under the graph.
// The side column is network-controls.ts, the drawing network-renderer.ts; this module holds
// the view's state (data, filters, selection) and its lifecycle.
import { MultiDirectedGraph } from 'graphology';
import type { Finding } from '../../../model/rules/types.ts';
import { agree, plural } from '../../../model/text.ts';
import { withSafeKeys } from '../../../model/safe-graph.ts';
import { MECHANISM_STATUS_LABELS, SEVERITIES, SEVERITY_LABELS, themeLabel } from '../../../model/vocabulary.ts';
import { api, cancellable, json, type Graph } from '../api.ts';
import type { AppContext, View, ViewFactory } from '../context.ts';
import { button, emptyState, errorAlert, h, replace, uid } from '../dom.ts';
import { formatDate, formatInt } from '../lib/format.ts';
import { filtersFromParams, filtersToParams, kindCounts, searchNodes, toSerializedGraph, type EdgeAttributes, type NetworkFilters, type NodeAttributes } from '../lib/network.ts';
import { apiScopeParams, scopeKey, type AppState } from '../lib/state.ts';
import { parsePlace } from '../lib/map.ts';
import { departementOrder, scopeLabel } from '../lib/territories.ts';
import { Loader } from '../load.ts';
import { networkControls, type NetworkControls } from './network-controls.ts';
import { MARKS, NetworkRenderer, type NetworkGraph } from './network-renderer.ts';
import { geographicLayout, type GeoLayout } from './network-geo.ts';
import { nodePanel } from './node-panel.ts';
import { placeLabel } from '../ui/place-search.ts';

export { MARKS };

const sameFilters = (a: NetworkFilters, b: NetworkFilters) => JSON.stringify(filtersToParams(a)) === JSON.stringify(filtersToParams(b));

export const networkView: ViewFactory = (root, ctx): View => {
  let state = ctx.state();
  let filters = filtersFromParams(state.params);
  const refilter = () => {
    if (!graph) return;
    renderer.filter(effective());
    describe();
    list.render(graph, renderer.visibility);
  };
  const places = placeFilter(ctx, () => controls, refilter);
  const effective = (): NetworkFilters => {
    const covering = places.ids(filters.place, state.asOf);
    return covering ? { ...filters, covering } : filters;
  };
  let graph: NetworkGraph | null = null;
  let dataKey = '';
  let panel: ReturnType<typeof nodePanel> | null = null;
  /** A node clicked on the canvas is already in view: the camera does not move to it. */
  let clickedNode: string | null = null;
  const select = (id: string | null) => ctx.navigate({ params: { noeud: id } });

  const titleId = uid('titre-reseau');
  const controls = networkControls(ctx, titleId, () => filters, {
    search: (q) => (graph ? searchNodes(graph.mapNodes((id, a) => ({ id, label: a.label, folded: a.folded })), q, 8).map((hit) => ({ id: hit.id, label: hit.label, detail: describeNode(graph!, hit.id) })) : []),
    onSelect: (option) => {
      select(option.id);
      renderer.focus(option.id);
    },
  });
  const parts = stageParts({ zoomIn: () => renderer.zoomIn(), zoomOut: () => renderer.zoomOut(), recenter: () => renderer.recenter() });
  const layout = h('div', { class: 'app-network', dataset: { state: 'loading' } }, controls.el, parts.stage, parts.panelRegion);
  const listRegion = h('div', { class: 'app-network__list' });
  replace(root, layout, listRegion);
  const renderer = makeRenderer(ctx, parts, layout, {
    clickNode: (node) => {
      clickedNode = node;
      select(node);
    },
    clickStage: () => state.params.noeud && select(null),
  });
  const loader = new Loader(parts.setOverlay);
  const list = accessibleList(ctx, listRegion);

  const findings = (signal: AbortSignal): Promise<Finding[]> =>
    ctx.cached(`findings|${scopeKey(state.scope)}|${state.asOf}`, (s) => json(api.findings.$get({ query: apiScopeParams(state) }, cancellable(s))), signal).then((r) => r.findings);

  const describe = () => {
    if (!graph) return;
    const text = summaryText(graph, renderer.visibility, state);
    controls.summary.textContent = text;
    parts.description.textContent = `${text} Utilisez la recherche ou la liste sous le graphe pour parcourir les dispositifs au clavier.`;
    layout.dataset.visibleNodes = String(renderer.visibility.visibleNodes);
    layout.dataset.visibleEdges = String(renderer.visibility.visibleEdges);
  };

  const showPanel = () => {
    const selected = state.params.noeud ?? null;
    renderer.select(selected);
    if (panel?.id === selected && selected !== null) return;
    panel?.destroy();
    panel = openPanel(ctx, parts.panelRegion, graph, selected, state, {
      select,
      focus: (id) => renderer.focus(id),
      findings,
      interactive: renderer.interactive,
    });
    layout.classList.toggle('app-network--with-panel', !parts.panelRegion.hidden);
  };

  const build = (data: Graph, geo: GeoLayout | null) => {
    renderer.teardown();
    graph = null;
    controls.setCounts(null);
    if (!data.nodes.some((n) => n.type === 'mechanism')) {
      layout.dataset.state = 'empty';
      controls.summary.textContent = 'Aucun dispositif.';
      parts.setOverlay(noMechanism(ctx, state));
      list.render(null, renderer.visibility);
      return showPanel();
    }
    const g: NetworkGraph = withSafeKeys(new MultiDirectedGraph<NodeAttributes, EdgeAttributes>());
    g.import(toSerializedGraph(data, ctx.palette, { groupOrder: departementOrder, ...(geo ? { positions: geo.positions } : {}) }) as never);
    graph = g;
    parts.setOverlay(null);
    controls.setCounts(kindCounts(data.nodes));
    controls.setThemes(themesOf(data));
    renderer.draw(g, effective(), state.params.noeud ?? null, geo ? { fixed: true, background: geo.background } : {});
    layout.dataset.layout = geo ? 'geo' : 'forces';
    describe();
    showPanel();
    list.render(g, renderer.visibility);
  };

  const load = () => {
    const key = `${scopeKey(state.scope)}|${state.asOf}|${filters.geographic ? 'geo' : ''}`;
    if (key === dataKey) return;
    dataKey = key;
    for (const mark of Object.values(MARKS)) performance.clearMarks(mark);
    performance.mark(MARKS.start);
    layout.dataset.state = 'loading';
    void loader.run({
      loading: `Chargement du réseau — ${scopeLabel(state.scope)}…`,
      failure: 'Le réseau n’a pas pu être chargé',
      fetch: (signal) => networkData(ctx, state, filters.geographic, signal),
      done: ({ data, geo }) => {
        performance.mark(MARKS.data);
        build(data, geo);
      },
      failed: () => {
        layout.dataset.state = 'error';
        dataKey = '';
        renderer.teardown();
        graph = null;
        controls.summary.textContent = '';
      },
    });
  };

  controls.sync(filters);
  renderer.focusLater(state.params.noeud ?? null);
  load();
  places.load(filters.place, state.asOf);
  return {
    update(next: AppState, previous: AppState) {
      state = next;
      const nextFilters = filtersFromParams(next.params);
      const filtersChanged = !sameFilters(nextFilters, filters);
      filters = nextFilters;
      controls.sync(filters);
      places.load(filters.place, state.asOf);
      if (scopeKey(next.scope) !== scopeKey(previous.scope) || next.asOf !== previous.asOf || nextFilters.geographic !== (previous.params.disposition === 'geo')) {
        renderer.focusLater(next.params.noeud ?? null);
        return load();
      }
      if (filtersChanged) refilter();
      if (next.params.noeud !== previous.params.noeud) {
        showPanel();
        if (next.params.noeud && next.params.noeud !== clickedNode) renderer.focus(next.params.noeud);
      }
      clickedNode = null;
    },
    destroy() {
      loader.destroy();
      places.destroy();
      panel?.destroy();
      controls.destroy();
      renderer.destroy();
    },
  };
};

/** The renderer, telling the layout's data attributes (read by the tests and the bench) where it stands. */
function makeRenderer(ctx: AppContext, parts: ReturnType<typeof stageParts>, layout: HTMLElement, on: Pick<ConstructorParameters<typeof NetworkRenderer>[3], 'clickNode' | 'clickStage'>): NetworkRenderer {
  return new NetworkRenderer(parts.container, parts.groupLayer, ctx.palette, {
    ...on,
    drawn: () => layout.dataset.state === 'loading' && (layout.dataset.state = 'drawn'),
    laidOut: (ms) => {
      layout.dataset.state = 'interactive';
      if (ms !== null) layout.dataset.layoutMs = String(ms);
    },
    layoutStatus: (text) => (parts.layoutStatus.textContent = text),
  });
}

/** The graph of the territory (shared with the other views), and its geographic layout when asked. */
async function networkData(ctx: AppContext, state: AppState, geographic: boolean, signal: AbortSignal): Promise<{ data: Graph; geo: GeoLayout | null }> {
  const { asOf: _asOf, ...territory } = apiScopeParams(state);
  const query = { ...apiScopeParams(state), people: 'true' as const };
  const data = await ctx.cached(`graph|${scopeKey(state.scope)}|${state.asOf}`, (s) => json(api.graph.$get({ query }, cancellable(s))), signal);
  return { data, geo: geographic ? await geographicLayout(ctx, state.scope, territory, data, signal) : null };
}

function noMechanism(ctx: AppContext, state: AppState): HTMLElement {
  const toData = h('a', { class: 'fr-btn fr-btn--secondary', href: ctx.href({ view: 'donnees', resetParams: true }) }, 'Aller aux données');
  return emptyState('Aucun dispositif sur ce territoire', `Aucun dispositif enregistré ne touche ${scopeLabel(state.scope)}. Choisissez un autre territoire en haut de page, ou ajoutez des dispositifs (ou importez un fichier) dans l’onglet Données.`, toData);
}

/**
 * The place filter: when the place (or the date) changes, which mechanisms cover it (the API's
 * answer); `changed` redraws once it is there. Until then nothing is filtered out.
 */
function placeFilter(ctx: AppContext, controls: () => NetworkControls, changed: () => void) {
  let covering: { key: string; ids: ReadonlySet<string> } | null = null;
  let wanted = '';
  const loader = new Loader(() => undefined);
  return {
    ids: (place: string | undefined, asOf: string) => (place && covering?.key === `${place}|${asOf}` ? covering.ids : undefined),
    load(place: string | undefined, asOf: string) {
      const key = place ? `${place}|${asOf}` : '';
      if (key === wanted) return;
      wanted = key;
      if (!place) {
        loader.cancel();
        return controls().setPlace(null);
      }
      void loader.run({
        loading: '',
        failure: '',
        fetch: (signal) => placeCovering(ctx, place, asOf, signal),
        done: ({ ids, label }) => {
          covering = { key, ids };
          controls().setPlace(`${label} (${ids.size} ${ids.size > 1 ? 'dispositifs' : 'dispositif'})`);
          changed();
        },
        failed: () => controls().setPlace(null),
      });
    },
    destroy: () => loader.destroy(),
  };
}

/** The mechanisms covering a place (`type:code`) at a date, and how the place reads. */
async function placeCovering(ctx: AppContext, place: string, asOf: string, signal: AbortSignal): Promise<{ ids: ReadonlySet<string>; label: string }> {
  const parsed = parsePlace(place);
  if (!parsed) throw new Error(`lieu illisible : « ${place} »`);
  const answer = await ctx.cached(`place|${place}|${asOf}|`, (s) => json(api.places[':type'][':code'].mechanisms.$get({ param: parsed, query: { asOf } }, cancellable(s))), signal);
  return { ids: new Set(answer.mechanisms.map((m) => m.id)), label: placeLabel(answer.place) };
}

/** The themes of the mechanisms drawn, by label. */
function themesOf(data: Graph): { id: string; label: string }[] {
  const ids = new Set<string>();
  for (const n of data.nodes) for (const t of n.themes ?? []) ids.add(t);
  return [...ids].map((id) => ({ id, label: themeLabel(id) })).sort((a, b) => a.label.localeCompare(b.label, 'fr'));
}

/** The side panel of the selected node (or why it cannot be shown); hidden when nothing is selected. */
function openPanel(
  ctx: AppContext,
  region: HTMLElement,
  graph: NetworkGraph | null,
  selected: string | null,
  state: AppState,
  on: { select(id: string | null): void; focus(id: string): void; findings(signal: AbortSignal): Promise<Finding[]>; interactive: boolean },
): ReturnType<typeof nodePanel> | null {
  region.hidden = selected === null || graph === null;
  if (!selected || !graph) return null;
  if (!graph.hasNode(selected)) {
    const close = button('Fermer', () => on.select(null), { kind: 'secondary', small: true });
    replace(region, errorAlert(new Error(`le dispositif demandé dans l’adresse (« ${selected} ») n’est pas dans le réseau de ${scopeLabel(state.scope)} au ${formatDate(state.asOf)}`), 'Dispositif introuvable', close));
    return null;
  }
  return nodePanel(region, ctx, {
    id: selected,
    node: graph.getNodeAttributes(selected),
    edges: graph.mapEdges(selected, (edge, a, source, target) => ({ id: edge, ...a, source, target })),
    labelOf: (id) => (graph.hasNode(id) ? graph.getNodeAttribute(id, 'label') : id),
    findings: on.findings,
    onSelect: (id) => {
      on.select(id);
      on.focus(id);
    },
    onClose: () => on.select(null),
    focus: on.interactive,
  });
}

function describeNode(graph: NetworkGraph, id: string): string {
  if (!graph.hasNode(id)) return '';
  const a = graph.getNodeAttributes(id);
  return a.nodeType === 'person' ? 'Coordinateur' : `${a.kind} · ${a.status ? MECHANISM_STATUS_LABELS[a.status] : ''}`;
}

function summaryText(graph: NetworkGraph, visibility: NetworkRenderer['visibility'], state: AppState): string {
  const mechanisms = graph.filterNodes((_n, a) => a.nodeType === 'mechanism').length;
  const shown = graph.filterNodes((n, a) => a.nodeType === 'mechanism' && !visibility.hiddenNodes.has(n)).length;
  const ghosts = graph.filterEdges((e, a) => a.edgeType === 'ghost' && !visibility.hiddenEdges.has(e)).length;
  const overlaps = graph.filterEdges((e, a) => a.edgeType === 'overlap' && !visibility.hiddenEdges.has(e)).length;
  return `${scopeLabel(state.scope)} : ${plural(shown, 'dispositif')} ${agree(shown, 'affiché')} sur ${formatInt(mechanisms)}, ${plural(ghosts, 'lien manquant', 'liens manquants')}, ${plural(overlaps, 'chevauchement')}.`;
}

/** The canvas and what lies on it: toolbar, département names, overlay (loading, error, empty), description for screen readers; and the panel region. */
function stageParts(zoom: { zoomIn(): void; zoomOut(): void; recenter(): void }) {
  const canvasId = uid('graphe');
  const description = h('p', { id: `${canvasId}-desc`, class: 'fr-sr-only' });
  const container = h('div', { class: 'app-network__canvas', id: canvasId, role: 'img', 'aria-roledescription': 'graphe', 'aria-describedby': `${canvasId}-desc`, 'aria-label': 'Graphe des dispositifs et de leurs liens' });
  const overlay = h('div', { class: 'app-network__overlay' });
  const layoutStatus = h('span', { class: 'app-network__layout fr-text--xs', 'aria-live': 'polite' });
  const toolbar = h(
    'div',
    { class: 'app-network__toolbar', role: 'toolbar', 'aria-label': 'Navigation dans le graphe' },
    button('Zoom avant', zoom.zoomIn, { kind: 'tertiary', small: true, icon: 'fr-icon-zoom-in-line' }),
    button('Zoom arrière', zoom.zoomOut, { kind: 'tertiary', small: true, icon: 'fr-icon-zoom-out-line' }),
    button('Recentrer', zoom.recenter, { kind: 'tertiary', small: true, icon: 'fr-icon-fullscreen-line' }),
    layoutStatus,
  );
  const groupLayer = h('div', { class: 'app-network__groups', 'aria-hidden': 'true' });
  const setOverlay = (content: HTMLElement | null) => {
    replace(overlay, content);
    overlay.hidden = content === null;
  };
  return {
    stage: h('div', { class: 'app-network__stage' }, toolbar, container, groupLayer, overlay, description),
    container,
    groupLayer,
    description,
    layoutStatus,
    setOverlay,
    panelRegion: h('aside', { class: 'app-network__panel', hidden: true, 'aria-label': 'Détails du dispositif' }),
  };
}

/** The mechanisms shown, as a table for keyboard and screen-reader users; its rows are built when opened (a national graph has thousands). */
function accessibleList(ctx: AppContext, region: HTMLElement) {
  let open = false;
  const LIMIT = 300;
  return {
    render(graph: NetworkGraph | null, visibility: NetworkRenderer['visibility']) {
      if (!graph) return replace(region);
      const rows: { id: string; a: NodeAttributes }[] = [];
      graph.forEachNode((id, a) => {
        if (!visibility.hiddenNodes.has(id) && a.nodeType === 'mechanism') rows.push({ id, a });
      });
      const body = h('div');
      const details = h('details', { class: 'app-details app-network__details', open }, h('summary', { class: 'fr-h6 fr-mb-1w' }, `Liste des dispositifs affichés (${formatInt(rows.length)})`), body);
      const fill = () => {
        if (body.childElementCount) return;
        rows.sort((x, y) => x.a.label.localeCompare(y.a.label, 'fr'));
        const findings = (a: NodeAttributes) => SEVERITIES.filter((s) => a.findings[s] > 0).map((s) => plural(a.findings[s], SEVERITY_LABELS[s].toLowerCase())).join(', ') || '—';
        const row = ({ id, a }: { id: string; a: NodeAttributes }) =>
          h('tr', null, h('td', null, h('a', { href: ctx.href({ params: { noeud: id } }), class: 'fr-link fr-text--sm' }, a.label)), h('td', null, a.kind ?? ''), h('td', null, a.status ? MECHANISM_STATUS_LABELS[a.status] : ''), h('td', { class: 'app-num' }, formatInt(a.population)), h('td', null, findings(a)));
        replace(
          body,
          h(
            'div',
            { class: 'fr-table fr-table--sm' },
            h('table', null, h('caption', { class: 'fr-sr-only' }, 'Dispositifs affichés'), h('thead', null, h('tr', null, ['Dispositif', 'Type', 'Statut', 'Population', 'Constats'].map((x) => h('th', { scope: 'col' }, x)))), h('tbody', null, rows.slice(0, LIMIT).map(row))),
          ),
          rows.length > LIMIT ? h('p', { class: 'fr-text--sm' }, `Les ${LIMIT} premiers sont listés ; utilisez la recherche ou les filtres pour les autres.`) : null,
        );
      };
      details.addEventListener('toggle', () => {
        open = details.open;
        if (details.open) fill();
      });
      if (open) fill();
      replace(region, details);
    },
  };
}
