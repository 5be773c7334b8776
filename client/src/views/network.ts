// Réseau: every mechanism of the scope as a sigma graph. Coloured by kind (legend = kind
// filter), sized by population covered; declared links coloured by kind; missing links
// (ghost, dashed) and overlaps (derived) as toggles; filters by kind, status, severity;
// accent-insensitive search that moves the camera; hover highlights neighbours (reducers);
// a click opens the side panel. Layout: seeded positions grouped by département, then
// ForceAtlas2 in a worker.
import { MultiDirectedGraph } from 'graphology';
import Sigma from 'sigma';
import { EdgeArrowProgram, EdgeRectangleProgram } from 'sigma/rendering';
import { animateNodes } from 'sigma/utils';
import type { Finding } from '../../../model/rules/types.ts';
import { SEVERITIES, SEVERITY_LABELS } from '../../../model/rules/types.ts';
import { LINK_KINDS, LINK_KIND_LABELS, MECHANISM_KINDS, MECHANISM_KIND_LABELS, MECHANISM_STATUSES, MECHANISM_STATUS_LABELS } from '../../../model/vocabulary.ts';
import { withSafeKeys } from '../../../model/safe-graph.ts';
import type { GraphView } from '../../../model/views.ts';
import { api } from '../api.ts';
import type { AppContext, View, ViewFactory } from '../context.ts';
import { button, debounce, emptyState, errorAlert, h, loading, replace, uid } from '../dom.ts';
import { formatInt, plural } from '../lib/format.ts';
import {
  computeVisibility,
  filtersFromParams,
  filtersToParams,
  kindCounts,
  searchNodes,
  toSerializedGraph,
  type EdgeAttributes,
  type NetworkFilters,
  type NodeAttributes,
} from '../lib/network.ts';
import { computeHighlight, createEdgeReducer, createNodeReducer, EMPTY_VISIBILITY, type HighlightState } from '../lib/reducers.ts';
import { apiScopeParams, scopeKey, type AppState } from '../lib/state.ts';
import { departementName, departementOrder, scopeLabel } from '../lib/territories.ts';
import { combobox } from '../ui/combobox.ts';
import { EdgeDashedProgram } from './dashed-edge.ts';
import type { LayoutRequest, LayoutResponse } from './layout.worker.ts';
import { nodePanel } from './node-panel.ts';

type NetworkGraph = MultiDirectedGraph<NodeAttributes, EdgeAttributes>;

/** Marks the bench and the e2e tests read (performance.getEntriesByName). */
export const MARKS = { start: 'articulation:graph-start', data: 'articulation:graph-data', firstFrame: 'articulation:graph-first-frame', layout: 'articulation:graph-layout', interactive: 'articulation:graph-interactive' } as const;

export const networkView: ViewFactory = (root, ctx): View => {
  let state = ctx.state();
  let filters: NetworkFilters = filtersFromParams(state.params);
  let graph: NetworkGraph | null = null;
  let view: GraphView | null = null;
  let sigma: Sigma<NodeAttributes, EdgeAttributes> | null = null;
  let worker: Worker | null = null;
  let layoutRun = 0;
  let layoutDone = false;
  let dataKey = '';
  let loadController: AbortController | null = null;
  let findings: Finding[] | null = null;
  let stopAnimation: (() => void) | null = null;
  let highlight: HighlightState = computeHighlight({ hasNode: () => false, forEachNeighbor: () => {} }, null, null, EMPTY_VISIBILITY);
  let pendingCamera: string | null = state.params.noeud ?? null;
  /** A node clicked on the canvas is already in view: the camera does not move to it. */
  let clickedNode: string | null = null;

  // ---------------------------------------------------------------- DOM
  const titleId = uid('titre-reseau');
  const summary = h('p', { class: 'fr-text--sm app-network__summary', 'aria-live': 'polite' });
  const search = combobox({
    label: 'Rechercher un dispositif',
    hint: 'Nom ou identifiant, sans tenir compte des accents',
    placeholder: 'ex. : saint maixent, clsm niort',
    search: (q) => (graph ? searchNodes(graph.mapNodes((id, a) => ({ id, label: a.label, folded: a.folded })), q, 8).map((hit) => ({ id: hit.id, label: hit.label, detail: describeNode(hit.id) })) : []),
    onSelect: (option) => {
      pendingCamera = option.id;
      ctx.navigate({ params: { noeud: option.id } });
      focusCamera(option.id);
    },
    noResults: 'Aucun dispositif ne correspond',
  });

  const kindBoxes = new Map<string, HTMLInputElement>();
  const kindCountEls = new Map<string, HTMLElement>();
  const kindFieldset = fieldset(
    'Types de dispositifs (légende)',
    'Cochez pour n’afficher que ces types ; aucun coché : tous.',
    MECHANISM_KINDS.map((kind) => {
      const id = uid(`type-${kind}`);
      const input = h('input', { type: 'checkbox', id, name: 'types', value: kind });
      input.addEventListener('change', () => setFilters({ ...filters, kinds: toggled(filters.kinds, kind, input.checked) }));
      kindBoxes.set(kind, input);
      const count = h('span', { class: 'app-legend__count' });
      kindCountEls.set(kind, count);
      return h(
        'div',
        { class: 'fr-checkbox-group fr-checkbox-group--sm' },
        input,
        h('label', { class: 'fr-label', for: id }, h('span', { class: 'app-dot', style: `background:${ctx.palette.kind[kind]}`, 'aria-hidden': 'true' }), h('abbr', { title: MECHANISM_KIND_LABELS[kind] }, kind), count),
      );
    }),
  );
  const statusBoxes = new Map<string, HTMLInputElement>();
  const statusFieldset = fieldset(
    'Statut',
    null,
    MECHANISM_STATUSES.map((status) => {
      const id = uid(`statut-${status}`);
      const input = h('input', { type: 'checkbox', id, name: 'statuts', value: status });
      input.addEventListener('change', () => setFilters({ ...filters, statuses: toggled(filters.statuses, status, input.checked) }));
      statusBoxes.set(status, input);
      return h('div', { class: 'fr-checkbox-group fr-checkbox-group--sm' }, input, h('label', { class: 'fr-label', for: id }, MECHANISM_STATUS_LABELS[status]));
    }),
  );
  const severityBoxes = new Map<string, HTMLInputElement>();
  const severityFieldset = fieldset(
    'Constats',
    'N’afficher que les dispositifs ayant un constat de cette gravité.',
    SEVERITIES.map((sev) => {
      const id = uid(`gravite-${sev}`);
      const input = h('input', { type: 'checkbox', id, name: 'gravite', value: sev });
      input.addEventListener('change', () => setFilters({ ...filters, severities: toggled(filters.severities, sev, input.checked) }));
      severityBoxes.set(sev, input);
      return h('div', { class: 'fr-checkbox-group fr-checkbox-group--sm' }, input, h('label', { class: 'fr-label', for: id }, h('span', { class: 'app-dot', style: `background:${ctx.palette.severity[sev]}`, 'aria-hidden': 'true' }), SEVERITY_LABELS[sev]));
    }),
  );
  const toggleGhosts = toggle('Liens manquants', 'En tirets rouges : les liens que les règles attendent', (on) => setFilters({ ...filters, ghosts: on }));
  const toggleOverlaps = toggle('Chevauchements', 'En jaune : dispositifs de même type qui partagent des communes', (on) => setFilters({ ...filters, overlaps: on }));
  const togglePeople = toggle('Coordinateurs', 'Personnes qui coordonnent les dispositifs', (on) => setFilters({ ...filters, people: on }));
  const edgeLegend = h(
    'div',
    { class: 'app-legend-edges' },
    h('p', { class: 'fr-text--sm fr-mb-1v app-legend-edges__title' }, 'Liens'),
    h(
      'ul',
      { class: 'app-legend-edges__list' },
      LINK_KINDS.map((k) => h('li', null, h('span', { class: 'app-line', style: `background:${ctx.palette.link[k]}`, 'aria-hidden': 'true' }), LINK_KIND_LABELS[k])),
      h('li', null, h('span', { class: 'app-line app-line--dashed', style: `color:${ctx.palette.misc.ghost}`, 'aria-hidden': 'true' }), 'Lien manquant (constat)'),
      h('li', null, h('span', { class: 'app-line app-line--thick', style: `background:${ctx.palette.misc.overlap}`, 'aria-hidden': 'true' }), 'Chevauchement de territoires'),
    ),
    h('p', { class: 'fr-text--xs app-mention fr-mb-0' }, 'Taille des disques : population couverte. Teinte pâle : dispositif non actif à la date de référence.'),
  );
  const resetButton = button('Réinitialiser les filtres', () => ctx.navigate({ params: { types: null, statuts: null, gravite: null, manquants: null, chevauchements: null, personnes: null } }), {
    kind: 'tertiary',
    small: true,
    icon: 'fr-icon-refresh-line',
  });

  const side = h(
    'div',
    { class: 'app-network__side', role: 'region', 'aria-labelledby': titleId },
    h('h1', { class: 'fr-h4 fr-mb-1w', id: titleId }, 'Réseau des dispositifs'),
    summary,
    search.el,
    h('form', { class: 'app-network__filters', 'aria-label': 'Filtres du réseau', onsubmit: (e: Event) => e.preventDefault() }, kindFieldset, statusFieldset, severityFieldset, toggleGhosts.el, toggleOverlaps.el, togglePeople.el, resetButton),
    edgeLegend,
  );

  const canvasId = uid('graphe');
  const canvasDescription = h('p', { id: `${canvasId}-desc`, class: 'fr-sr-only' });
  const container = h('div', { class: 'app-network__canvas', id: canvasId, role: 'img', 'aria-roledescription': 'graphe', 'aria-describedby': `${canvasId}-desc`, 'aria-label': 'Graphe des dispositifs et de leurs liens' });
  const overlay = h('div', { class: 'app-network__overlay' });
  const zoomIn = button('Zoom avant', () => sigma?.getCamera().animatedZoom({ duration: 250 }), { kind: 'tertiary', small: true, icon: 'fr-icon-zoom-in-line', attrs: { class: 'fr-btn fr-btn--tertiary fr-btn--sm fr-icon-zoom-in-line fr-btn--icon-left' } });
  const zoomOut = button('Zoom arrière', () => sigma?.getCamera().animatedUnzoom({ duration: 250 }), { kind: 'tertiary', small: true, icon: 'fr-icon-zoom-out-line' });
  const recenter = button('Recentrer', () => sigma?.getCamera().animatedReset({ duration: 300 }), { kind: 'tertiary', small: true, icon: 'fr-icon-fullscreen-line' });
  const layoutStatus = h('span', { class: 'app-network__layout fr-text--xs', 'aria-live': 'polite' });
  const toolbar = h('div', { class: 'app-network__toolbar', role: 'toolbar', 'aria-label': 'Navigation dans le graphe' }, zoomIn, zoomOut, recenter, layoutStatus);
  const groupLayer = h('div', { class: 'app-network__groups', 'aria-hidden': 'true' });
  const stage = h('div', { class: 'app-network__stage' }, toolbar, container, groupLayer, overlay, canvasDescription);

  const panelRegion = h('aside', { class: 'app-network__panel', hidden: true, 'aria-label': 'Détails du dispositif' });
  const listRegion = h('div', { class: 'app-network__list' });
  const layout = h('div', { class: 'app-network', dataset: { state: 'loading' } }, side, stage, panelRegion);
  replace(root, layout, listRegion);

  // ---------------------------------------------------------------- helpers
  function fieldset(legend: string, hint: string | null, children: HTMLElement[]): HTMLElement {
    const id = uid('fs');
    return h(
      'fieldset',
      { class: 'fr-fieldset app-fieldset', 'aria-labelledby': `${id}-legend` },
      h('legend', { class: 'fr-fieldset__legend fr-text--sm', id: `${id}-legend` }, legend, hint ? h('span', { class: 'fr-hint-text' }, hint) : null),
      children.map((c) => h('div', { class: 'fr-fieldset__element' }, c)),
    );
  }
  function toggle(label: string, hint: string, onChange: (on: boolean) => void) {
    const id = uid('bascule');
    const input = h('input', { type: 'checkbox', class: 'fr-toggle__input', id, 'aria-describedby': `${id}-hint` });
    input.addEventListener('change', () => onChange(input.checked));
    const el = h('div', { class: 'fr-toggle fr-toggle--label-left app-toggle' }, input, h('label', { class: 'fr-toggle__label', for: id }, label), h('p', { class: 'fr-hint-text', id: `${id}-hint` }, hint));
    return { el, input };
  }
  function toggled<T>(set: ReadonlySet<T>, value: T, on: boolean): Set<T> {
    const next = new Set(set);
    if (on) next.add(value);
    else next.delete(value);
    return next;
  }
  function describeNode(id: string): string {
    if (!graph?.hasNode(id)) return '';
    const a = graph.getNodeAttributes(id);
    return a.nodeType === 'person' ? 'Coordinateur' : `${a.kind} · ${a.status ? MECHANISM_STATUS_LABELS[a.status] : ''}`;
  }
  function setFilters(next: NetworkFilters) {
    ctx.navigate({ params: filtersToParams(next) }, { replace: true });
  }
  function syncFilterControls() {
    for (const [k, input] of kindBoxes) input.checked = filters.kinds.has(k as never);
    for (const [k, input] of statusBoxes) input.checked = filters.statuses.has(k as never);
    for (const [k, input] of severityBoxes) input.checked = filters.severities.has(k as never);
    toggleGhosts.input.checked = filters.ghosts;
    toggleOverlaps.input.checked = filters.overlaps;
    togglePeople.input.checked = filters.people;
  }
  function setOverlay(content: HTMLElement | null) {
    replace(overlay, content);
    overlay.hidden = content === null;
  }

  // ---------------------------------------------------------------- data
  async function load() {
    const key = `${scopeKey(state.scope)}|${state.asOf}`;
    if (key === dataKey) return;
    dataKey = key;
    loadController?.abort();
    const controller = new AbortController();
    loadController = controller;
    for (const mark of Object.values(MARKS)) performance.clearMarks(mark);
    performance.mark(MARKS.start);
    layout.dataset.state = 'loading';
    setOverlay(loading(`Chargement du réseau — ${scopeLabel(state.scope)}…`));
    findings = null;
    try {
      const query = { ...apiScopeParams(state), people: true };
      const data = await ctx.cached(`graph|${key}`, () => api.graph(query));
      if (controller.signal.aborted) return;
      performance.mark(MARKS.data);
      view = data;
      build(data);
    } catch (error) {
      if ((error as Error)?.name === 'AbortError' || controller.signal.aborted) return;
      layout.dataset.state = 'error';
      dataKey = '';
      teardownRenderer();
      setOverlay(errorAlert(error, 'Le réseau n’a pas pu être chargé', button('Réessayer', () => load(), { kind: 'secondary', small: true, icon: 'fr-icon-refresh-line' })));
      summary.textContent = '';
    }
  }

  async function loadFindings(): Promise<Finding[]> {
    if (findings) return findings;
    const key = `findings|${scopeKey(state.scope)}|${state.asOf}`;
    findings = await ctx.cached(key, () => api.findings(apiScopeParams(state)));
    return findings;
  }

  function build(data: GraphView) {
    teardownRenderer();
    const mechanisms = data.nodes.filter((n) => n.type === 'mechanism');
    if (mechanisms.length === 0) {
      layout.dataset.state = 'empty';
      summary.textContent = 'Aucun dispositif.';
      setOverlay(
        emptyState(
          'Aucun dispositif sur ce territoire',
          `Aucun dispositif enregistré ne touche ${scopeLabel(state.scope)}. Choisissez un autre territoire en haut de page, ou ajoutez des dispositifs (ou importez un fichier) dans l’onglet Données.`,
          h('a', { class: 'fr-btn fr-btn--secondary', href: ctx.href({ view: 'donnees', resetParams: true }) }, 'Aller aux données'),
        ),
      );
      renderList();
      return;
    }
    const serialized = toSerializedGraph(data, ctx.palette, { groupOrder: departementOrder });
    const g: NetworkGraph = withSafeKeys(new MultiDirectedGraph<NodeAttributes, EdgeAttributes>());
    g.import(serialized as never);
    graph = g;
    setOverlay(null);
    const counts = kindCounts(data.nodes);
    for (const [k, el] of kindCountEls) el.textContent = ` (${counts[k as keyof typeof counts]})`;

    const nodeReducer = createNodeReducer(() => highlight, { dimmedNode: ctx.palette.misc.dimmed, dimmedEdge: ctx.palette.misc.dimmed, selected: ctx.palette.misc.focus });
    const edgeReducer = createEdgeReducer(() => highlight, { dimmedNode: ctx.palette.misc.dimmed, dimmedEdge: ctx.palette.misc.dimmed, selected: ctx.palette.misc.focus }, (e) => g.extremities(e) as [string, string]);
    // The state the reducers read is ready before sigma's constructor, which draws the first
    // frame synchronously: one full render, not three.
    highlight = computeHighlight(g, null, state.params.noeud ?? null, computeVisibility(g, filters));
    const renderer = new Sigma<NodeAttributes, EdgeAttributes>(g, container, {
      allowInvalidContainer: true,
      renderEdgeLabels: true,
      hideEdgesOnMove: true,
      hideLabelsOnMove: g.order > 1500,
      enableEdgeEvents: false,
      zIndex: true,
      labelFont: 'Marianne, Arial, sans-serif',
      labelSize: 12,
      labelWeight: '500',
      labelColor: { color: ctx.palette.misc.textStrong },
      edgeLabelFont: 'Marianne, Arial, sans-serif',
      edgeLabelSize: 11,
      edgeLabelColor: { color: ctx.palette.misc.text },
      labelDensity: g.order > 1000 ? 0.25 : g.order > 300 ? 0.5 : 1,
      labelGridCellSize: g.order > 300 ? 120 : 100,
      labelRenderedSizeThreshold: g.order > 1000 ? 12 : g.order > 300 ? 9 : 5,
      defaultEdgeType: 'line',
      defaultNodeColor: ctx.palette.misc.person,
      minCameraRatio: 0.03,
      maxCameraRatio: 4,
      stagePadding: 40,
      edgeProgramClasses: { arrow: EdgeArrowProgram, line: EdgeRectangleProgram, dashed: EdgeDashedProgram } as never,
      nodeReducer: nodeReducer as never,
      edgeReducer: edgeReducer as never,
    });
    sigma = renderer;
    requestAnimationFrame(() => {
      if (sigma !== renderer) return;
      performance.mark(MARKS.firstFrame);
      if (layout.dataset.state === 'loading') layout.dataset.state = 'drawn';
    });
    const hover = debounce((node: string | null) => setHover(node), 40);
    renderer.on('enterNode', ({ node }) => {
      container.style.cursor = 'pointer';
      hover(node);
    });
    renderer.on('leaveNode', () => {
      container.style.cursor = '';
      hover(null);
    });
    renderer.on('clickNode', ({ node }) => {
      hover.cancel();
      clickedNode = node;
      ctx.navigate({ params: { noeud: node } });
    });
    renderer.on('clickStage', () => {
      if (state.params.noeud) ctx.navigate({ params: { noeud: null } });
    });
    renderer.on('kill', () => hover.cancel());
    renderer.on('afterRender', positionGroupLabels);
    computeGroupLabels(g);
    describeVisibility(highlight.visibility);
    applySelection(false);
    startLayout(g);
    renderList();
  }

  // Département names above their clusters when several départements are drawn.
  let groupLabels: { cx: number; minY: number; maxY: number; el: HTMLElement }[] = [];
  function computeGroupLabels(g: NetworkGraph) {
    const boxes = new Map<string, { sx: number; n: number; minY: number; maxY: number }>();
    g.forEachNode((_id, a) => {
      const b = boxes.get(a.group);
      if (b) {
        b.sx += a.x;
        b.n++;
        b.minY = Math.min(b.minY, a.y);
        b.maxY = Math.max(b.maxY, a.y);
      } else boxes.set(a.group, { sx: a.x, n: 1, minY: a.y, maxY: a.y });
    });
    if (boxes.size < 2) {
      groupLabels = [];
      replace(groupLayer);
      return;
    }
    groupLabels = [...boxes.entries()].map(([code, b]) => ({ cx: b.sx / b.n, minY: b.minY, maxY: b.maxY, el: h('span', { class: 'app-network__group' }, code ? departementName(code) : 'Autres') }));
    replace(groupLayer, groupLabels.map((l) => l.el));
    positionGroupLabels();
  }
  function positionGroupLabels() {
    if (!sigma || groupLabels.length === 0) return;
    for (const l of groupLabels) {
      const a = sigma.graphToViewport({ x: l.cx, y: l.minY });
      const b = sigma.graphToViewport({ x: l.cx, y: l.maxY });
      l.el.style.transform = `translate(${Math.round(a.x)}px, ${Math.round(Math.min(a.y, b.y) - 22)}px) translateX(-50%)`;
    }
  }

  function startLayout(g: NetworkGraph) {
    layoutDone = false;
    const run = ++layoutRun;
    layoutStatus.textContent = 'Disposition en cours…';
    const request: LayoutRequest = {
      id: run,
      nodes: g.mapNodes((key, a) => ({ key, x: a.x, y: a.y, size: a.size, group: a.group })),
      edges: g.mapEdges((_e, a, source, target) => ({ source, target, weight: a.weight })),
    };
    const finish = (positions: Record<string, [number, number]> | null) => {
      if (run !== layoutRun || !sigma || graph !== g) return;
      const done = () => {
        if (run !== layoutRun) return;
        computeGroupLabels(g);
        layoutDone = true;
        layoutStatus.textContent = '';
        layout.dataset.state = 'interactive';
        requestAnimationFrame(() => {
          performance.mark(MARKS.interactive);
          if (pendingCamera) focusCamera(pendingCamera);
        });
      };
      if (!positions) return done();
      // Keyed by node ids: no prototype (an id may be `constructor`).
      const targets: Record<string, { x: number; y: number }> = Object.create(null);
      for (const [key, [x, y]] of Object.entries(positions)) targets[key] = { x, y };
      if (g.order > 500) {
        g.updateEachNodeAttributes((key, a) => {
          const p = targets[key];
          if (p) {
            a.x = p.x;
            a.y = p.y;
          }
          return a;
        }, { attributes: ['x', 'y'] });
        done();
      } else {
        stopAnimation = animateNodes(g, targets, { duration: g.order > 500 ? 0 : 300 }, done);
      }
    };
    try {
      worker ??= createWorker();
      if (!worker) throw new Error('pas de worker');
      worker.onmessage = (e: MessageEvent<LayoutResponse>) => {
        if (e.data.id !== run) return;
        performance.mark(MARKS.layout, { detail: { workerMs: e.data.ms, groups: e.data.groups } });
        layout.dataset.layoutMs = String(e.data.ms);
        finish(e.data.positions);
      };
      worker.onerror = () => {
        layoutStatus.textContent = 'Disposition simplifiée (calcul indisponible)';
        finish(null);
      };
      worker.postMessage(request);
    } catch {
      // No worker (very old browser): keep the grouped positions, which are already stable.
      finish(null);
    }
  }

  function applyFilters() {
    if (!graph || !sigma) return;
    const visibility = computeVisibility(graph, filters);
    highlight = computeHighlight(graph, highlight.hovered, state.params.noeud ?? null, visibility);
    sigma.refresh({ skipIndexation: true });
    describeVisibility(visibility);
  }

  function describeVisibility(visibility: HighlightState['visibility']) {
    if (!graph) return;
    const mechanisms = graph.filterNodes((_n, a) => a.nodeType === 'mechanism').length;
    const shownMechanisms = graph.filterNodes((n, a) => a.nodeType === 'mechanism' && !visibility.hiddenNodes.has(n)).length;
    const ghosts = graph.filterEdges((e, a) => a.edgeType === 'ghost' && !visibility.hiddenEdges.has(e)).length;
    const overlaps = graph.filterEdges((e, a) => a.edgeType === 'overlap' && !visibility.hiddenEdges.has(e)).length;
    summary.textContent = `${scopeLabel(state.scope)} : ${plural(shownMechanisms, 'dispositif')} affiché${shownMechanisms > 1 ? 's' : ''} sur ${formatInt(mechanisms)}, ${plural(ghosts, 'lien manquant', 'liens manquants')}, ${plural(overlaps, 'chevauchement')}.`;
    canvasDescription.textContent = `${summary.textContent} Utilisez la recherche ou la liste sous le graphe pour parcourir les dispositifs au clavier.`;
    layout.dataset.visibleNodes = String(visibility.visibleNodes);
    layout.dataset.visibleEdges = String(visibility.visibleEdges);
  }

  function setHover(node: string | null) {
    if (!graph || !sigma) return;
    if (highlight.hovered === node) return;
    highlight = computeHighlight(graph, node, state.params.noeud ?? null, highlight.visibility);
    sigma.refresh({ skipIndexation: true });
  }

  function applySelection(refresh = true) {
    const selected = state.params.noeud ?? null;
    if (graph && sigma && refresh) {
      const next = computeHighlight(graph, highlight.hovered, selected, highlight.visibility);
      const changed = next.focus !== highlight.focus || next.selected !== highlight.selected;
      highlight = next;
      if (changed) sigma.refresh({ skipIndexation: true });
    }
    if (!selected) {
      panelRegion.hidden = true;
      panel?.destroy();
      panel = null;
      layout.classList.remove('app-network--with-panel');
      return;
    }
    if (graph && !graph.hasNode(selected)) {
      panelRegion.hidden = false;
      layout.classList.add('app-network--with-panel');
      replace(
        panelRegion,
        errorAlert(new Error(`« ${selected} » n’est pas dans le réseau de ${scopeLabel(state.scope)} au ${state.asOf}`), 'Dispositif introuvable', button('Fermer', () => ctx.navigate({ params: { noeud: null } }), { kind: 'secondary', small: true })),
      );
      return;
    }
    if (!graph) return;
    panelRegion.hidden = false;
    layout.classList.add('app-network--with-panel');
    if (panel?.id === selected) return;
    panel?.destroy();
    panel = nodePanel(panelRegion, ctx, {
      id: selected,
      node: graph.getNodeAttributes(selected),
      edges: graph.mapEdges(selected, (edge, a, source, target) => ({ id: edge, ...a, source, target })),
      labelOf: (id) => (graph?.hasNode(id) ? graph.getNodeAttribute(id, 'label') : id),
      findings: loadFindings,
      onSelect: (id) => {
        pendingCamera = id;
        ctx.navigate({ params: { noeud: id } });
        focusCamera(id);
      },
      onClose: () => ctx.navigate({ params: { noeud: null } }),
      focus: layoutDone,
    });
  }
  let panel: ReturnType<typeof nodePanel> | null = null;

  function focusCamera(id: string) {
    if (!sigma || !graph?.hasNode(id)) return;
    if (!layoutDone) {
      pendingCamera = id;
      return;
    }
    pendingCamera = null;
    const display = sigma.getNodeDisplayData(id);
    if (!display) return;
    const camera = sigma.getCamera();
    camera.animate({ x: display.x, y: display.y, ratio: Math.min(camera.ratio, graph.order > 300 ? 0.15 : 0.5) }, { duration: 500 });
  }

  // An accessible list of the visible mechanisms, for keyboard and screen-reader users. Its rows
  // are built when it is opened (a national graph has thousands of them).
  let listOpen = false;
  function renderList() {
    if (!graph || !view) {
      replace(listRegion);
      return;
    }
    const g = graph;
    const rows: { id: string; a: NodeAttributes }[] = [];
    g.forEachNode((id, a) => {
      if (!highlight.visibility.hiddenNodes.has(id) && a.nodeType === 'mechanism') rows.push({ id, a });
    });
    const body = h('div');
    const details = h('details', { class: 'app-details app-network__details', open: listOpen }, h('summary', { class: 'fr-h6 fr-mb-1w' }, `Liste des dispositifs affichés (${formatInt(rows.length)})`), body);
    const fill = () => {
      if (body.childElementCount) return;
      rows.sort((x, y) => x.a.label.localeCompare(y.a.label, 'fr'));
      const limit = 300;
      replace(
        body,
        h(
          'div',
          { class: 'fr-table fr-table--sm' },
          h(
            'table',
            null,
            h('caption', { class: 'fr-sr-only' }, 'Dispositifs affichés'),
            h('thead', null, h('tr', null, h('th', { scope: 'col' }, 'Dispositif'), h('th', { scope: 'col' }, 'Type'), h('th', { scope: 'col' }, 'Statut'), h('th', { scope: 'col' }, 'Population'), h('th', { scope: 'col' }, 'Constats'))),
            h(
              'tbody',
              null,
              rows.slice(0, limit).map(({ id, a }) =>
                h(
                  'tr',
                  null,
                  h('td', null, h('a', { href: ctx.href({ params: { noeud: id } }), class: 'fr-link fr-text--sm' }, a.label)),
                  h('td', null, a.kind ?? ''),
                  h('td', null, a.status ? MECHANISM_STATUS_LABELS[a.status] : ''),
                  h('td', { class: 'app-num' }, formatInt(a.population)),
                  h('td', null, SEVERITIES.filter((sev) => a.findings[sev] > 0).map((sev) => `${a.findings[sev]} ${SEVERITY_LABELS[sev].toLowerCase()}${a.findings[sev] > 1 ? 's' : ''}`).join(', ') || '—'),
                ),
              ),
            ),
          ),
        ),
        rows.length > limit ? h('p', { class: 'fr-text--sm' }, `Les ${limit} premiers sont listés ; utilisez la recherche ou les filtres pour les autres.`) : null,
      );
    };
    details.addEventListener('toggle', () => {
      listOpen = details.open;
      if (details.open) fill();
    });
    if (listOpen) fill();
    replace(listRegion, details);
  }

  function teardownRenderer() {
    stopAnimation?.();
    stopAnimation = null;
    layoutRun++;
    panel?.destroy();
    panel = null;
    sigma?.kill();
    sigma = null;
    groupLabels = [];
    replace(groupLayer);
    graph = null;
    highlight = computeHighlight({ hasNode: () => false, forEachNeighbor: () => {} }, null, null, EMPTY_VISIBILITY);
  }

  function createWorker(): Worker | null {
    try {
      return new Worker(new URL('./layout.worker.ts', import.meta.url), { type: 'module', name: 'disposition-forceatlas2' });
    } catch {
      return null;
    }
  }

  // ---------------------------------------------------------------- lifecycle
  // The side panel (and window) changes the graph area: sigma's canvases must follow.
  let resizeFrame = 0;
  const resizeObserver = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(() => {
    cancelAnimationFrame(resizeFrame);
    resizeFrame = requestAnimationFrame(() => {
      if (!sigma) return;
      sigma.resize();
      sigma.refresh({ skipIndexation: true });
    });
  });
  resizeObserver?.observe(container);

  // The layout worker loads while the graph is fetched.
  worker = createWorker();
  // A read-only hook for the end-to-end tests and the UI bench: where a node is drawn.
  const hook = {
    nodeViewportPosition(id: string): { x: number; y: number } | null {
      if (!sigma || !graph?.hasNode(id)) return null;
      const a = graph.getNodeAttributes(id);
      return sigma.graphToViewport({ x: a.x, y: a.y });
    },
    layoutDone: () => layoutDone,
  };
  (window as unknown as { __articulationNetwork?: typeof hook }).__articulationNetwork = hook;

  syncFilterControls();
  void load();

  return {
    update(next: AppState, previous: AppState) {
      state = next;
      const nextFilters = filtersFromParams(next.params);
      const filtersChanged = JSON.stringify(filtersToParams(nextFilters)) !== JSON.stringify(filtersToParams(filters));
      filters = nextFilters;
      syncFilterControls();
      if (scopeKey(next.scope) !== scopeKey(previous.scope) || next.asOf !== previous.asOf) {
        pendingCamera = next.params.noeud ?? null;
        void load();
        return;
      }
      if (filtersChanged) {
        applyFilters();
        renderList();
      }
      if (next.params.noeud !== previous.params.noeud) {
        applySelection();
        if (next.params.noeud && next.params.noeud !== clickedNode) focusCamera(next.params.noeud);
      }
      clickedNode = null;
    },
    destroy() {
      resizeObserver?.disconnect();
      cancelAnimationFrame(resizeFrame);
      delete (window as unknown as { __articulationNetwork?: unknown }).__articulationNetwork;
      loadController?.abort();
      search.destroy();
      teardownRenderer();
      worker?.terminate();
      worker = null;
    },
  };
};

export type { AppContext };
