// Département: a cytoscape compound diagram of one département: the PTSM, the territories
// (EPCI, communes) holding their mechanisms, avis edges green when received, red when missing,
// orange when late; CLS–CLSM links; export as PNG. A table under the diagram gives the same
// information as text.
import cytoscape from 'cytoscape';
import type { Mechanism } from '../../../model/schema.ts';
import { plural, agree } from '../../../model/text.ts';
import { AVIS_STAGE_LABELS, AVIS_STATE_LABELS, MECHANISM_KINDS, MECHANISM_KIND_LABELS } from '../../../model/vocabulary.ts';
import { api, cancellable, json, records, type AvisChecklist, type Graph } from '../api.ts';
import type { AppContext, View, ViewFactory } from '../context.ts';
import { badge, button, emptyState, h, replace, saveBlob, uid } from '../dom.ts';
import { stateBadgeType } from '../lib/avis.ts';
import type { Palette } from '../lib/colors.ts';
import { buildDiagram, territoryCodesFor, type Diagram, type TerritoryInfo } from '../lib/diagram.ts';
import { formatDate } from '../lib/format.ts';
import { apiScopeParams, scenarioParams, scopeKey, type AppState } from '../lib/state.ts';
import { overlay } from '../../../model/scenario.ts';
import { DEPARTEMENTS, departementName, departementsOfRegion } from '../lib/territories.ts';
import { Loader } from '../load.ts';
import { reportLink } from '../ui/report-link.ts';
import { diagramStyle } from './departement-style.ts';
import { showStateSummary } from './finding-state.ts';

export const DIAGRAM_MARK = 'articulation:diagram-drawn';

/** The département shown: the scope's, or the one picked when the scope is wider. */
function chosenDepartement(state: AppState): string | null {
  if (state.scope.level === 'departement') return state.scope.code;
  const dep = state.params.dep;
  return dep && DEPARTEMENTS.some((d) => d.code === dep) ? dep : null;
}

export const departementView: ViewFactory = (root, ctx): View => {
  let state = ctx.state();
  let cy: cytoscape.Core | null = null;
  let dataKey = '';
  const controls = diagramControls(ctx, () => cy, () => exportPng());
  const canvas = h('div', { class: 'app-diagram__canvas', role: 'img', 'aria-label': 'Diagramme des dispositifs du département et de leurs liens ; le tableau sous le diagramme en donne le contenu' });
  const overlay = h('div', { class: 'app-diagram__overlay' });
  const legend = h('div', { class: 'app-diagram__legend' });
  const textAlt = h('div', { class: 'fr-mt-3w' });
  const selection = h('div', { class: 'app-diagram__selection', 'aria-live': 'polite' });
  const states = h('div', { class: 'app-diagram__states', 'aria-live': 'polite' });
  const wrapper = h('div', { class: 'fr-container--fluid app-diagram fr-px-3w fr-py-3w', dataset: { state: 'loading' } }, controls.el, states, legend, h('div', { class: 'app-diagram__stage' }, canvas, overlay), selection, textAlt);
  replace(root, wrapper);
  const setOverlay = (content: HTMLElement | null) => {
    replace(overlay, content);
    overlay.hidden = content === null;
  };
  const loader = new Loader(setOverlay);
  const teardown = () => {
    cy?.destroy();
    cy = null;
  };

  const exportPng = () => {
    if (!cy) return;
    const blob = cy.png({ output: 'blob', full: true, scale: 2, bg: '#ffffff', maxWidth: 8000, maxHeight: 8000 }) as unknown as Blob;
    saveBlob(blob, `diagramme-${chosenDepartement(state) ?? 'departement'}-${state.asOf}.png`);
    ctx.announce('Image PNG du diagramme téléchargée');
  };

  const draw = (d: Diagram, dep: string) => {
    teardown();
    replace(legend, legendList(ctx.palette));
    if (d.counts.mechanisms === 0) {
      wrapper.dataset.state = 'empty';
      controls.status.textContent = '';
      replace(textAlt);
      const toData = h('a', { class: 'fr-btn fr-btn--secondary', href: ctx.href({ view: 'donnees', resetParams: true }) }, 'Aller aux données');
      setOverlay(emptyState('Aucun dispositif actif dans ce département', `Aucun dispositif actif n’est enregistré dans ${departementName(dep)} au ${formatDate(state.asOf)}. Activez « Dispositifs non actifs », changez la date de référence, ou ajoutez des dispositifs dans l’onglet Données.`, toData));
      return;
    }
    setOverlay(null);
    const core = cytoscape({ container: canvas, elements: d.elements as cytoscape.ElementDefinition[], layout: { name: 'preset', fit: true, padding: 30 }, minZoom: 0.1, maxZoom: 3, boxSelectionEnabled: false, style: diagramStyle(ctx.palette) });
    cy = core;
    core.one('render', () => {
      performance.mark(DIAGRAM_MARK);
      wrapper.dataset.state = 'drawn';
      controls.exportButton.disabled = false;
    });
    core.on('tap', 'node.mechanism', (e) => ctx.navigate({ params: { noeud: e.target.id() } }, { replace: true }));
    core.on('tap', (e) => {
      if (e.target === core && state.params.noeud) ctx.navigate({ params: { noeud: null } }, { replace: true });
    });
    const a = d.counts.avis;
    controls.status.textContent = `${plural(d.counts.mechanisms, 'dispositif')} dans ${plural(d.counts.territories, 'territoire')} ; avis : ${a.received} ${agree(a.received, 'reçu')}, ${a.late} en retard, ${a.missing} ${agree(a.missing, 'manquant')}, ${a.awaited} ${agree(a.awaited, 'attendu')}.`;
    replace(textAlt, textAlternative(d, (id) => String(core.getElementById(id).data('name') ?? id)));
    highlightSelected();
  };

  const highlightSelected = () => {
    if (!cy) return;
    const id = state.params.noeud;
    cy.elements().removeClass('faded selected');
    if (!id || cy.getElementById(id).empty()) return replace(selection);
    const node = cy.getElementById(id);
    cy.elements('node.mechanism, edge').not(node.closedNeighborhood()).addClass('faded');
    node.addClass('selected');
    cy.animate({ center: { eles: node }, zoom: Math.max(cy.zoom(), 0.9) }, { duration: 300 });
    replace(selection, selectionLine(ctx, id, String(node.data('name')), String(node.data('kind')), String(node.data('status'))));
  };

  const load = () => {
    controls.sync(state);
    const dep = chosenDepartement(state);
    const key = `${dep}|${state.asOf}|${state.params.inactifs ?? ''}|${state.params.autres ?? ''}`;
    if (key === dataKey) return highlightSelected();
    dataKey = key;
    controls.exportButton.disabled = true;
    if (!dep) {
      loader.cancel();
      teardown();
      wrapper.dataset.state = 'empty';
      controls.title.textContent = 'Diagramme du département';
      controls.status.textContent = '';
      replace(legend);
      replace(textAlt);
      setOverlay(emptyState('Choisissez un département', 'Le diagramme montre un département à la fois : choisissez-le dans la liste ci-dessus, ou choisissez un département comme territoire en haut de page.'));
      return;
    }
    controls.title.textContent = `Diagramme : ${departementName(dep)} (${dep})`;
    wrapper.dataset.state = 'loading';
    const options = { includeInactive: state.params.inactifs === '1', otherLinks: state.params.autres === '1' };
    void loader.run({
      loading: 'Construction du diagramme…',
      failure: 'Le diagramme n’a pas pu être construit',
      fetch: (signal) => diagramData(ctx, dep, state.asOf, signal),
      done: (data, signal) => {
        draw(buildDiagram({ departement: { code: dep, name: departementName(dep) }, ...data, ...options }, ctx.palette), dep);
        // The states of the département's findings, as Constats counts them for this département.
        const scope = apiScopeParams({ asOf: state.asOf, scope: { level: 'departement', code: dep } });
        const pending = ctx.cached(`findings|${scopeKey({ level: 'departement', code: dep })}|${state.asOf}`, (s) => json(api.findings.$get({ query: scope }, cancellable(s))), signal);
        showStateSummary(states, ctx, pending.then((answer) => answer.findings));
      },
      failed: () => {
        dataKey = '';
        teardown();
        wrapper.dataset.state = 'error';
      },
    });
  };

  load();
  return {
    update(next) {
      state = next;
      load();
    },
    destroy() {
      loader.destroy();
      teardown();
    },
  };
};

/** Everything the diagram of a département needs: its graph, its mechanisms' records, the avis checklists of its PTSMs, the names of their territories. */
async function diagramData(ctx: AppContext, dep: string, asOf: string, signal: AbortSignal) {
  const inScenario = scenarioParams(ctx.state());
  const [graph, list, scenario] = await Promise.all([
    ctx.cached(`graph|${scopeKey({ level: 'departement', code: dep })}|${asOf}`, (s) => json(api.graph.$get({ query: { departement: dep, asOf, people: 'true', ...inScenario } }, cancellable(s))), signal),
    ctx.cached(`mechanisms|departement:${dep}`, (s) => records.list('mechanisms', { departement: dep, limit: '10000' }, s), signal),
    inScenario.scenario ? ctx.cached(`scenario|${inScenario.scenario}`, (s) => json(api.scenarios[':id'].$get({ param: { id: inScenario.scenario! } }, cancellable(s))), signal) : undefined,
  ]);
  // In a scenario, the mechanisms as it would make them (the one overlay of model/scenario.ts).
  const stored = list.items.map((r) => r.data);
  const shown = scenario ? overlay({ format: 'articulation/1', mechanisms: stored, people: [], links: [] }, scenario.changes.filter((c) => c.kind === 'mechanisms')).mechanisms : stored;
  const mechanisms = new Map<string, Mechanism>(shown.map((m) => [m.id, m]));
  const ptsms = graph.nodes.filter((n) => n.kind === 'PTSM' && (n.departements ?? []).includes(dep) && (n.active || n.status === 'project'));
  const codes = territoryCodesFor(mechanisms.values());
  const describe = (code: string) => ctx.cached(`territory:${code}`, (s) => json(api.territories[':code'].$get({ param: { code } }, cancellable(s))), signal).catch(() => null);
  const [checklists, epci, communes] = await Promise.all([
    Promise.all(ptsms.map((p) => ctx.cached(`avis|${p.id}|${asOf}`, (s) => json(api.ptsm[':id'].avis.$get({ param: { id: p.id }, query: { asOf, ...inScenario } }, cancellable(s))), signal))),
    Promise.all(codes.epci.map(describe)),
    Promise.all(codes.communes.map(describe)),
  ]);
  const territories = new Map<string, TerritoryInfo>();
  for (const d of epci) if (d) territories.set(d.code, { code: d.code, name: d.name, type: 'epci', communes: d.communes.map((x) => x.code) });
  for (const d of communes) if (d) territories.set(d.code, { code: d.code, name: d.name, type: 'commune', communes: [d.code] });
  return { graph: graph as Graph, mechanisms, territories, checklists: checklists as AvisChecklist[] };
}

function diagramControls(ctx: AppContext, core: () => cytoscape.Core | null, exportPng: () => void) {
  const title = h('h1', { class: 'fr-h3 fr-mb-1w' }, 'Diagramme du département');
  const status = h('p', { class: 'fr-text--sm app-mention', 'aria-live': 'polite' });
  const pickerId = uid('dep');
  const picker = h('select', { class: 'fr-select', id: pickerId, name: 'dep' });
  picker.addEventListener('change', () => ctx.navigate({ params: { dep: picker.value || null, noeud: null } }));
  const pickerGroup = h('div', { class: 'fr-select-group app-diagram__picker' }, h('label', { class: 'fr-label', for: pickerId }, 'Département'), picker);
  const toggle = (param: 'inactifs' | 'autres', label: string) => {
    const id = uid(param);
    const input = h('input', { type: 'checkbox', id, class: 'fr-toggle__input' });
    input.addEventListener('change', () => ctx.navigate({ params: { [param]: input.checked ? '1' : null } }, { replace: true }));
    return { input, el: h('div', { class: 'fr-toggle fr-toggle--label-left' }, input, h('label', { class: 'fr-toggle__label', for: id }, label)) };
  };
  const inactive = toggle('inactifs', 'Dispositifs non actifs');
  const others = toggle('autres', 'Autres liens');
  const exportButton = button('Exporter en PNG', exportPng, { kind: 'secondary', icon: 'fr-icon-image-line', disabled: true });
  const report = h('div', { class: 'app-view-actions' });
  const fit = button('Recentrer', () => core()?.animate({ fit: { eles: core()!.elements(), padding: 30 } }, { duration: 300 }), { kind: 'tertiary', small: true, icon: 'fr-icon-fullscreen-line' });
  const el = h('div', { class: 'app-diagram__head' }, h('div', null, title, status), h('div', { class: 'app-diagram__controls' }, pickerGroup, inactive.el, others.el, fit, exportButton, report));
  return {
    el,
    title,
    status,
    exportButton,
    sync(state: AppState) {
      const current = chosenDepartement(state);
      pickerGroup.hidden = state.scope.level === 'departement';
      const options = state.scope.level === 'region' ? departementsOfRegion(state.scope.code) : DEPARTEMENTS;
      replace(picker, h('option', { value: '', disabled: true, selected: !current }, 'Choisir un département'), options.map((d) => h('option', { value: d.code, selected: d.code === current }, `${d.code} — ${d.name}`)));
      inactive.input.checked = state.params.inactifs === '1';
      others.input.checked = state.params.autres === '1';
      replace(report, reportLink(state, current ? { level: 'departement', code: current } : state.scope));
    },
  };
}

function selectionLine(ctx: AppContext, id: string, name: string, kind: string, status: string): HTMLElement {
  return h(
    'p',
    { class: 'fr-text--sm' },
    h('strong', null, name),
    ` (${kind}, ${status}) — `,
    h('a', { class: 'fr-link fr-text--sm', href: ctx.href({ view: 'reseau', resetParams: true, params: { noeud: id } }) }, 'ouvrir la fiche dans le réseau'),
    ' · ',
    h('a', { class: 'fr-link fr-text--sm', href: ctx.href({ view: 'constats', resetParams: true, params: { sujet: id } }) }, 'ses constats'),
  );
}

function legendList(p: Palette): HTMLElement {
  const line = (modifier: string, colour: string, text: string) => {
    const style = modifier === 'app-line--dashed' || modifier === 'app-line--dotted' ? `color:${colour}` : `background:${colour}`;
    return h('li', null, h('span', { class: `app-line ${modifier}`, style, 'aria-hidden': 'true' }), text);
  };
  return h(
    'ul',
    { class: 'app-legend-inline fr-text--sm', 'aria-label': 'Légende du diagramme' },
    MECHANISM_KINDS.map((k) => h('li', null, h('span', { class: 'app-dot app-dot--square', style: `background:${p.kind[k]}`, 'aria-hidden': 'true' }), h('abbr', { title: MECHANISM_KIND_LABELS[k] }, k))),
    line('', p.avis.received, 'Avis reçu'),
    line('app-line--dashed', p.avis.missing, 'Avis manquant'),
    line('app-line--thick', p.avis.late, 'Avis en retard'),
    line('app-line--dotted', p.avis.awaited, 'Avis attendu'),
    line('app-line--thick', p.link['volet-sante-mentale'], 'Lien CLS–CLSM'),
    line('app-line--dashed', p.misc.ghost, 'Lien CLS–CLSM manquant'),
  );
}

/** The diagram as tables, in an accordion under it. */
function textAlternative(d: Diagram, nameOf: (id: string) => string): HTMLElement {
  const accordionId = uid('texte');
  const table = (caption: string, head: string[], rows: HTMLElement[]) =>
    h('div', { class: 'fr-table fr-table--sm' }, h('table', null, h('caption', null, caption), h('thead', null, h('tr', null, head.map((x) => h('th', { scope: 'col' }, x)))), h('tbody', null, rows)));
  return h(
    'section',
    { class: 'fr-accordion' },
    h('h2', { class: 'fr-accordion__title' }, h('button', { class: 'fr-accordion__btn', type: 'button', 'aria-expanded': 'false', 'aria-controls': accordionId }, `Le diagramme en tableau (${d.avis.length} avis, ${d.clsClsm.length} liens CLS–CLSM)`)),
    h(
      'div',
      { class: 'fr-collapse', id: accordionId },
      d.avis.length
        ? table('Avis des CLSM sur les PTSM', ['CLSM', 'PTSM', 'Étape', 'État'], d.avis.map((a) => h('tr', null, h('td', null, a.clsmName), h('td', null, a.ptsmName), h('td', null, AVIS_STAGE_LABELS[a.stage]), h('td', null, badge(AVIS_STATE_LABELS[a.state], stateBadgeType(a.state), { noIcon: true })))))
        : h('p', null, 'Aucun avis attendu.'),
      d.clsClsm.length
        ? table('Liens entre CLS et CLSM', ['CLS', 'CLSM', 'Lien'], d.clsClsm.map((l) => h('tr', null, h('td', null, nameOf(l.cls)), h('td', null, nameOf(l.clsm)), h('td', null, l.declared ? l.label : badge(l.label, 'error', { noIcon: true })))))
        : null,
    ),
  );
}
