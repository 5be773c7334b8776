// Département: a cytoscape compound diagram of one département: the PTSM, the territories
// (EPCI, communes) holding their mechanisms, avis edges green when received, red when missing,
// orange when late; CLS–CLSM links; export as PNG. A table under the diagram gives the same
// information as text.
import cytoscape from 'cytoscape';
import type { AvisChecklist } from '../../../model/avis.ts';
import { AVIS_STATE_LABELS } from '../../../model/vocabulary.ts';
import type { Mechanism } from '../../../model/schema.ts';
import { AVIS_STAGE_LABELS, MECHANISM_KINDS, MECHANISM_KIND_LABELS } from '../../../model/vocabulary.ts';
import type { GraphView } from '../../../model/views.ts';
import { api } from '../api.ts';
import type { View, ViewFactory } from '../context.ts';
import { badge, button, emptyState, errorAlert, h, loading, replace, saveBlob, uid } from '../dom.ts';
import { buildDiagram, NODE_H, NODE_W, territoryCodesFor, type Diagram, type TerritoryInfo } from '../lib/diagram.ts';
import { plural } from '../lib/format.ts';
import { scopeKey, type AppState } from '../lib/state.ts';
import { DEPARTEMENTS, departementName, departementsOfRegion } from '../lib/territories.ts';
import { stateBadgeType } from '../lib/avis.ts';

export const DIAGRAM_MARK = 'articulation:diagram-drawn';

export const departementView: ViewFactory = (root, ctx): View => {
  let state = ctx.state();
  let cy: cytoscape.Core | null = null;
  let controller: AbortController | null = null;
  let dataKey = '';
  let diagram: Diagram | null = null;

  const titleEl = h('h1', { class: 'fr-h3 fr-mb-1w' }, 'Diagramme du département');
  const pickerId = uid('dep');
  const picker = h('select', { class: 'fr-select', id: pickerId, name: 'dep' });
  picker.addEventListener('change', () => ctx.navigate({ params: { dep: picker.value || null, noeud: null } }));
  const pickerGroup = h('div', { class: 'fr-select-group app-diagram__picker' }, h('label', { class: 'fr-label', for: pickerId }, 'Département'), picker);
  const inactiveId = uid('inactifs');
  const inactive = h('input', { type: 'checkbox', id: inactiveId, class: 'fr-toggle__input' });
  inactive.addEventListener('change', () => ctx.navigate({ params: { inactifs: inactive.checked ? '1' : null } }, { replace: true }));
  const othersId = uid('autres');
  const others = h('input', { type: 'checkbox', id: othersId, class: 'fr-toggle__input' });
  others.addEventListener('change', () => ctx.navigate({ params: { autres: others.checked ? '1' : null } }, { replace: true }));
  const exportButton = button('Exporter en PNG', () => exportPng(), { kind: 'secondary', icon: 'fr-icon-image-line', disabled: true });
  const fitButton = button('Recentrer', () => cy?.animate({ fit: { eles: cy.elements(), padding: 30 } }, { duration: 300 }), { kind: 'tertiary', small: true, icon: 'fr-icon-fullscreen-line' });
  const status = h('p', { class: 'fr-text--sm app-mention', 'aria-live': 'polite' });
  const canvas = h('div', { class: 'app-diagram__canvas', role: 'img', 'aria-label': 'Diagramme des dispositifs du département et de leurs liens ; le tableau sous le diagramme en donne le contenu' });
  const overlay = h('div', { class: 'app-diagram__overlay' });
  const legend = h('div', { class: 'app-diagram__legend' });
  const textAlt = h('div', { class: 'fr-mt-3w' });
  const selection = h('div', { class: 'app-diagram__selection', 'aria-live': 'polite' });

  replace(
    root,
    h(
      'div',
      { class: 'fr-container--fluid app-diagram fr-px-3w fr-py-3w', dataset: { state: 'loading' } },
      h('div', { class: 'app-diagram__head' },
        h('div', null, titleEl, status),
        h('div', { class: 'app-diagram__controls' },
          pickerGroup,
          h('div', { class: 'fr-toggle fr-toggle--label-left' }, inactive, h('label', { class: 'fr-toggle__label', for: inactiveId }, 'Dispositifs non actifs')),
          h('div', { class: 'fr-toggle fr-toggle--label-left' }, others, h('label', { class: 'fr-toggle__label', for: othersId }, 'Autres liens')),
          fitButton,
          exportButton,
        ),
      ),
      legend,
      h('div', { class: 'app-diagram__stage' }, canvas, overlay),
      selection,
      textAlt,
    ),
  );
  const wrapper = root.firstElementChild as HTMLElement;

  function chosenDepartement(): string | null {
    if (state.scope.level === 'departement') return state.scope.code;
    const dep = state.params.dep;
    if (dep && DEPARTEMENTS.some((d) => d.code === dep)) return dep;
    return null;
  }

  function renderPicker() {
    const options = state.scope.level === 'region' ? departementsOfRegion(state.scope.code) : DEPARTEMENTS;
    const current = chosenDepartement();
    pickerGroup.hidden = state.scope.level === 'departement';
    replace(picker, h('option', { value: '', disabled: true, selected: !current }, 'Choisir un département'), options.map((d) => h('option', { value: d.code, selected: d.code === current }, `${d.code} — ${d.name}`)));
  }

  function setOverlay(content: HTMLElement | null) {
    replace(overlay, content);
    overlay.hidden = content === null;
  }

  async function load() {
    renderPicker();
    inactive.checked = state.params.inactifs === '1';
    others.checked = state.params.autres === '1';
    const dep = chosenDepartement();
    const key = `${dep}|${state.asOf}|${state.params.inactifs ?? ''}|${state.params.autres ?? ''}`;
    if (key === dataKey) return highlightSelected();
    dataKey = key;
    controller?.abort();
    const c = new AbortController();
    controller = c;
    exportButton.disabled = true;
    if (!dep) {
      teardown();
      wrapper.dataset.state = 'empty';
      titleEl.textContent = 'Diagramme du département';
      status.textContent = '';
      replace(legend);
      replace(textAlt);
      setOverlay(emptyState('Choisissez un département', 'Le diagramme montre un département à la fois : choisissez-le dans la liste ci-dessus, ou choisissez un département comme territoire en haut de page.'));
      return;
    }
    titleEl.textContent = `Diagramme : ${departementName(dep)} (${dep})`;
    wrapper.dataset.state = 'loading';
    setOverlay(loading('Construction du diagramme…'));
    try {
      const scopeParams = { departement: dep, asOf: state.asOf };
      const graphKey = `graph|${scopeKey({ level: 'departement', code: dep })}|${state.asOf}`;
      const [graph, list] = await Promise.all([
        ctx.cached(graphKey, () => api.graph({ ...scopeParams, people: true })) as Promise<GraphView>,
        ctx.cached(`mechanisms|departement:${dep}`, () => api.list('mechanisms', { departement: dep, limit: 10000 })),
      ]);
      if (c.signal.aborted) return;
      const mechanisms = new Map<string, Mechanism>(list.items.map((r) => [r.id, r.data]));
      const ptsms = graph.nodes.filter((n) => n.kind === 'PTSM' && (n.departements ?? []).includes(dep) && (n.active || n.status === 'project'));
      const codes = territoryCodesFor(mechanisms.values());
      const describe = (code: string) => ctx.cached(`territory:${code}`, () => api.territory(code)).catch(() => null);
      const [checklists, epci, communes] = await Promise.all([
        Promise.all(ptsms.map((p) => ctx.cached(`avis|${p.id}|${state.asOf}`, () => api.avis(p.id, { asOf: state.asOf })))),
        Promise.all(codes.epci.map(describe)),
        Promise.all(codes.communes.map(describe)),
      ]);
      if (c.signal.aborted) return;
      const territories = new Map<string, TerritoryInfo>();
      for (const d of epci) if (d) territories.set(d.code, { code: d.code, name: d.name, type: 'epci', communes: d.communes.map((x) => x.code) });
      for (const d of communes) if (d) territories.set(d.code, { code: d.code, name: d.name, type: 'commune', communes: [d.code] });
      diagram = buildDiagram(
        { departement: { code: dep, name: departementName(dep) }, graph, mechanisms, territories, checklists: checklists as AvisChecklist[], includeInactive: inactive.checked, otherLinks: others.checked },
        ctx.palette,
      );
      render(diagram, dep);
    } catch (error) {
      if (c.signal.aborted) return;
      dataKey = '';
      teardown();
      wrapper.dataset.state = 'error';
      setOverlay(errorAlert(error, 'Le diagramme n’a pas pu être construit', button('Réessayer', () => void load(), { kind: 'secondary', small: true })));
    }
  }

  function render(d: Diagram, dep: string) {
    teardown();
    renderLegend();
    if (d.counts.mechanisms === 0) {
      wrapper.dataset.state = 'empty';
      status.textContent = '';
      replace(textAlt);
      setOverlay(
        emptyState(
          'Aucun dispositif actif dans ce département',
          `Aucun dispositif actif n’est enregistré dans ${departementName(dep)} au ${state.asOf}. Activez « Dispositifs non actifs », changez la date de référence, ou ajoutez des dispositifs dans l’onglet Données.`,
          h('a', { class: 'fr-btn fr-btn--secondary', href: ctx.href({ view: 'donnees', resetParams: true }) }, 'Aller aux données'),
        ),
      );
      return;
    }
    setOverlay(null);
    const p = ctx.palette;
    cy = cytoscape({
      container: canvas,
      elements: d.elements as cytoscape.ElementDefinition[],
      layout: { name: 'preset', fit: true, padding: 30 },
      minZoom: 0.1,
      maxZoom: 3,
      boxSelectionEnabled: false,
      autoungrabify: false,
      style: [
        {
          selector: 'node.territory',
          style: {
            shape: 'round-rectangle',
            'background-color': p.misc.compoundEpci,
            'border-color': p.misc.border,
            'border-width': 1,
            label: 'data(label)',
            'text-valign': 'top',
            'text-halign': 'center',
            'text-margin-y': 22,
            'font-family': 'Marianne, Arial, sans-serif',
            'font-size': 13,
            'font-weight': 'bold',
            color: p.misc.text,
            padding: '22px',
          },
        },
        { selector: 'node.departement', style: { 'background-color': p.misc.compoundDepartement, 'border-color': p.misc.focus, 'border-width': 2, 'font-size': 18, color: p.misc.focus } },
        { selector: 'node.commune', style: { 'background-color': p.misc.compoundCommune, 'border-style': 'dashed', 'font-size': 12, 'font-weight': 'normal' } },
        { selector: 'node.group', style: { 'background-color': p.misc.compoundCommune, 'border-style': 'dotted', 'font-size': 12, 'font-weight': 'normal' } },
        {
          selector: 'node.mechanism',
          style: {
            shape: 'round-rectangle',
            width: NODE_W,
            height: NODE_H,
            'background-color': 'data(color)',
            label: 'data(label)',
            color: 'data(textColor)',
            'text-wrap': 'wrap',
            'text-max-width': `${NODE_W - 16}px`,
            'text-valign': 'center',
            'text-halign': 'center',
            'font-family': 'Marianne, Arial, sans-serif',
            'font-size': 12,
            'font-weight': 'bold',
            'border-width': 0,
          },
        },
        { selector: 'node.kind-PTSM', style: { 'border-width': 3, 'border-color': p.misc.textStrong } },
        { selector: 'node.inactive', style: { 'border-width': 2, 'border-style': 'dashed', 'border-color': p.misc.mention } },
        { selector: 'node.mechanism:selected, node.mechanism.selected', style: { 'border-width': 4, 'border-color': p.misc.focus, 'underlay-color': p.misc.focus, 'underlay-opacity': 0.15, 'underlay-padding': 6 } },
        {
          selector: 'edge',
          style: {
            width: 2,
            'line-color': 'data(color)',
            'target-arrow-color': 'data(color)',
            'target-arrow-shape': 'triangle',
            'curve-style': 'bezier',
            label: 'data(label)',
            'font-family': 'Marianne, Arial, sans-serif',
            'font-size': 10,
            color: p.misc.text,
            'text-background-color': '#ffffff',
            'text-background-opacity': 0.85,
            'text-background-padding': '2px',
            'text-rotation': 'autorotate',
            // Edge labels appear when zoomed in enough to read them.
            'min-zoomed-font-size': 8,
          },
        },
        { selector: 'edge.avis-missing', style: { width: 3, 'line-style': 'dashed' } },
        { selector: 'edge.avis-late', style: { width: 3 } },
        { selector: 'edge.avis-awaited', style: { 'line-style': 'dotted' } },
        { selector: 'edge.cls-clsm', style: { 'target-arrow-shape': 'none', width: 3 } },
        { selector: 'edge.ghost', style: { 'line-style': 'dashed', width: 2 } },
        { selector: 'edge.other-link', style: { width: 1, 'font-size': 9, 'line-opacity': 0.6 } },
        { selector: 'edge.faded, node.faded', style: { opacity: 0.25 } },
      ],
    });
    cy.one('render', () => {
      performance.mark(DIAGRAM_MARK);
      wrapper.dataset.state = 'drawn';
      exportButton.disabled = false;
    });
    cy.on('tap', 'node.mechanism', (e) => ctx.navigate({ params: { noeud: e.target.id() } }, { replace: true }));
    cy.on('tap', (e) => {
      if (e.target === cy && state.params.noeud) ctx.navigate({ params: { noeud: null } }, { replace: true });
    });
    const a = d.counts.avis;
    status.textContent = `${plural(d.counts.mechanisms, 'dispositif')} dans ${plural(d.counts.territories, 'territoire')} ; avis : ${a.received} reçu${a.received > 1 ? 's' : ''}, ${a.late} en retard, ${a.missing} manquant${a.missing > 1 ? 's' : ''}, ${a.awaited} attendu${a.awaited > 1 ? 's' : ''}.`;
    renderTextAlternative(d);
    highlightSelected();
  }

  function highlightSelected() {
    if (!cy || !diagram) return;
    const id = state.params.noeud;
    cy.elements().removeClass('faded selected');
    if (!id || cy.getElementById(id).empty()) {
      replace(selection);
      return;
    }
    const node = cy.getElementById(id);
    const neighbourhood = node.closedNeighborhood();
    cy.elements('node.mechanism, edge').not(neighbourhood).addClass('faded');
    node.addClass('selected');
    cy.animate({ center: { eles: node }, zoom: Math.max(cy.zoom(), 0.9) }, { duration: 300 });
    replace(
      selection,
      h('p', { class: 'fr-text--sm' },
        h('strong', null, String(node.data('name'))), ` (${node.data('kind')}, ${node.data('status')}) — `,
        h('a', { class: 'fr-link fr-text--sm', href: ctx.href({ view: 'reseau', resetParams: true, params: { noeud: id } }) }, 'ouvrir la fiche dans le réseau'),
        ' · ',
        h('a', { class: 'fr-link fr-text--sm', href: ctx.href({ view: 'constats', resetParams: true, params: { sujet: id } }) }, 'ses constats'),
      ),
    );
  }

  function renderLegend() {
    const p = ctx.palette;
    replace(
      legend,
      h('ul', { class: 'app-legend-inline fr-text--sm', 'aria-label': 'Légende du diagramme' },
        MECHANISM_KINDS.map((k) => h('li', null, h('span', { class: 'app-dot app-dot--square', style: `background:${p.kind[k]}`, 'aria-hidden': 'true' }), h('abbr', { title: MECHANISM_KIND_LABELS[k] }, k))),
        h('li', null, h('span', { class: 'app-line', style: `background:${p.avis.received}`, 'aria-hidden': 'true' }), 'Avis reçu'),
        h('li', null, h('span', { class: 'app-line app-line--dashed', style: `color:${p.avis.missing}`, 'aria-hidden': 'true' }), 'Avis manquant'),
        h('li', null, h('span', { class: 'app-line app-line--thick', style: `background:${p.avis.late}`, 'aria-hidden': 'true' }), 'Avis en retard'),
        h('li', null, h('span', { class: 'app-line app-line--dotted', style: `color:${p.avis.awaited}`, 'aria-hidden': 'true' }), 'Avis attendu'),
        h('li', null, h('span', { class: 'app-line app-line--thick', style: `background:${p.link['volet-sante-mentale']}`, 'aria-hidden': 'true' }), 'Lien CLS–CLSM'),
        h('li', null, h('span', { class: 'app-line app-line--dashed', style: `color:${p.misc.ghost}`, 'aria-hidden': 'true' }), 'Lien CLS–CLSM manquant'),
      ),
    );
  }

  function renderTextAlternative(d: Diagram) {
    const accordionId = uid('texte');
    replace(
      textAlt,
      h(
        'section',
        { class: 'fr-accordion' },
        h('h2', { class: 'fr-accordion__title' }, h('button', { class: 'fr-accordion__btn', type: 'button', 'aria-expanded': 'false', 'aria-controls': accordionId }, `Le diagramme en tableau (${d.avis.length} avis, ${d.clsClsm.length} liens CLS–CLSM)`)),
        h(
          'div',
          { class: 'fr-collapse', id: accordionId },
          d.avis.length
            ? h('div', { class: 'fr-table fr-table--sm' }, h('table', null,
                h('caption', null, 'Avis des CLSM sur les PTSM'),
                h('thead', null, h('tr', null, h('th', { scope: 'col' }, 'CLSM'), h('th', { scope: 'col' }, 'PTSM'), h('th', { scope: 'col' }, 'Étape'), h('th', { scope: 'col' }, 'État'))),
                h('tbody', null, d.avis.map((a) => h('tr', null, h('td', null, a.clsmName), h('td', null, a.ptsmName), h('td', null, AVIS_STAGE_LABELS[a.stage]), h('td', null, badge(AVIS_STATE_LABELS[a.state], stateBadgeType(a.state), { noIcon: true }))))),
              ))
            : h('p', null, 'Aucun avis attendu.'),
          d.clsClsm.length
            ? h('div', { class: 'fr-table fr-table--sm' }, h('table', null,
                h('caption', null, 'Liens entre CLS et CLSM'),
                h('thead', null, h('tr', null, h('th', { scope: 'col' }, 'CLS'), h('th', { scope: 'col' }, 'CLSM'), h('th', { scope: 'col' }, 'Lien'))),
                h('tbody', null, d.clsClsm.map((l) => h('tr', null, h('td', null, cy?.getElementById(l.cls).data('name') ?? l.cls), h('td', null, cy?.getElementById(l.clsm).data('name') ?? l.clsm), h('td', null, l.declared ? l.label : badge(l.label, 'error', { noIcon: true }))))),
              ))
            : null,
        ),
      ),
    );
  }

  function exportPng() {
    if (!cy) return;
    const dep = chosenDepartement() ?? 'departement';
    const blob = cy.png({ output: 'blob', full: true, scale: 2, bg: '#ffffff', maxWidth: 8000, maxHeight: 8000 }) as unknown as Blob;
    saveBlob(blob, `diagramme-${dep}-${state.asOf}.png`);
    ctx.announce('Image PNG du diagramme téléchargée');
  }

  function teardown() {
    cy?.destroy();
    cy = null;
  }

  void load();
  return {
    update(next: AppState) {
      state = next;
      void load();
    },
    destroy() {
      controller?.abort();
      teardown();
    },
  };
};
