// Scénarios: plan changes before making them. The list (« Nouveau scénario », or from a file of
// proposed records), and one scenario (?id=): its changes, the forms that add more, its comparison
// with the current data at the reference date, and applying it. Every other view shows a
// scenario's state through the selector of the territory and date bar (scenario-bar.ts).
import { plural } from '../../../model/text.ts';
import { api, cancellable, json, type ScenarioView } from '../api.ts';
import type { AppContext, View, ViewFactory } from '../context.ts';
import { alertBox, badge, button, emptyState, errorAlert, h, replace, uid, viewPage } from '../dom.ts';
import { formatDateTime, formatDay } from '../lib/format.ts';
import type { AppState } from '../lib/state.ts';
import { Loader } from '../load.ts';
import { can } from '../session.ts';
import { textField } from '../ui/fields.ts';
import { scenarioChanges } from './scenario-changes.ts';
import { scenarioComparison } from './scenario-comparison.ts';

export const scenariosView: ViewFactory = (root, ctx): View => {
  const content = h('div');
  const loader = Loader.into(content);
  replace(root, content);
  let shownId: string | undefined;
  const show = (state: AppState, notice?: HTMLElement) => {
    shownId = state.params.id;
    if (shownId && /^\d+$/.test(shownId)) {
      const id = Number(shownId);
      void loader.run({
        loading: 'Chargement du scénario…',
        failure: 'Le scénario n’a pas pu être chargé',
        fetch: (signal) => json(api.scenarios[':id'].$get({ param: { id: String(id) } }, cancellable(signal))),
        done: (scenario, signal) => replace(content, scenarioPage(ctx, scenario, signal, (next) => show(ctx.state(), next), notice)),
      });
    } else {
      void loader.run({
        loading: 'Chargement des scénarios…',
        failure: 'Les scénarios n’ont pas pu être chargés',
        fetch: (signal) => json(api.scenarios.$get(undefined, cancellable(signal))),
        done: (list) => replace(content, listPage(ctx, list.items)),
      });
    }
  };
  show(ctx.state());
  return {
    update(next, previous) {
      if (next.params.id !== previous.params.id || next.asOf !== previous.asOf || next.scope !== previous.scope) show(next);
    },
    destroy: () => loader.destroy(),
  };
};

function listPage(ctx: AppContext, items: readonly ScenarioView[]): HTMLElement {
  const open = (s: ScenarioView) => ctx.href({ params: { id: String(s.id) }, resetParams: true });
  const table = items.length
    ? h(
        'div',
        { class: 'fr-table app-table' },
        h(
          'table',
          null,
          h('caption', null, 'Scénarios que vous pouvez consulter'),
          h('thead', null, h('tr', null, ['Nom', 'Auteur', 'Changements', 'État', 'Modifié le'].map((t) => h('th', { scope: 'col' }, t)))),
          h(
            'tbody',
            null,
            items.map((s) =>
              h(
                'tr',
                null,
                h('td', null, h('a', { class: 'fr-link', href: open(s) }, s.name)),
                h('td', null, s.author?.name ?? s.author?.email ?? 'compte supprimé'),
                h('td', null, String(s.changes.length)),
                h('td', null, stateBadge(s)),
                h('td', null, formatDateTime(s.updatedAt)),
              ),
            ),
          ),
        ),
      )
    : emptyState('Aucun scénario', 'Un scénario rassemble des changements proposés (créer un CLSM, terminer un CLS, ajouter un lien…) pour voir ce qu’ils changeraient avant de les faire.');
  return viewPage(
    {
      title: 'Scénarios',
      intro: 'Préparer des changements sans toucher aux données : voir les constats levés ou nouveaux, les indicateurs avant et après, les communes dont la couverture change, puis appliquer le scénario d’un coup.',
      class: 'app-scenarios',
    },
    can.write() ? newScenarioForms(ctx) : null,
    table,
  );
}

export function stateBadge(s: ScenarioView): HTMLElement {
  if (s.applied) return badge(`Appliqué le ${formatDay(s.applied.at)}`, 'success');
  if (s.conflicts.length) return badge(`${plural(s.conflicts.length, 'conflit')} avec les données`, 'warning');
  return badge('En préparation', 'info');
}

/** « Nouveau scénario », empty or from a file of proposed records (articulation/1 or a workbook). */
function newScenarioForms(ctx: AppContext): HTMLElement {
  const status = h('div', { 'aria-live': 'polite' });
  const name = textField({ label: 'Nom du scénario', name: 'nom', required: true, placeholder: 'ex. : CLSM du Thouarsais en 2026' });
  const description = textField({ label: 'Description (facultatif)', name: 'description' });
  const fileId = uid('fichier');
  const file = h('input', { class: 'fr-upload', type: 'file', id: fileId, name: 'fichier', accept: '.json,.xlsx,.ods,.csv,application/json,text/csv' });
  const opened = (s: ScenarioView) => {
    ctx.invalidate();
    ctx.navigate({ params: { id: String(s.id) }, resetParams: true });
  };
  const submit = async (event: Event) => {
    event.preventDefault();
    const chosen = file.files?.[0];
    replace(status);
    try {
      if (!name.get().trim()) throw new Error('donnez un nom au scénario');
      if (chosen) {
        const type = chosen.type || (chosen.name.endsWith('.csv') ? 'text/csv' : chosen.name.endsWith('.json') ? 'application/json' : 'application/octet-stream');
        // The file is the body, as for an import (the server reads it as a merge, writes nothing).
        opened(await json(api.scenarios.import.$post({ query: { name: name.get(), fileName: chosen.name } }, { init: { body: chosen, headers: { 'Content-Type': type } } })));
      } else {
        opened(await json(api.scenarios.$post({ json: { name: name.get(), description: description.get() || null, changes: [] } })));
      }
    } catch (error) {
      replace(status, errorAlert(error, 'Le scénario n’a pas été créé'));
    }
  };
  return h(
    'form',
    { class: 'app-scenario-new fr-mb-4w fr-no-print', 'aria-labelledby': 'nouveau-scenario', onsubmit: submit },
    h('h2', { class: 'fr-h5', id: 'nouveau-scenario' }, 'Nouveau scénario'),
    name.el,
    description.el,
    h(
      'div',
      { class: 'fr-upload-group fr-mb-2w' },
      h('label', { class: 'fr-label', for: fileId }, 'Ou depuis un fichier de fiches proposées (facultatif)', h('span', { class: 'fr-hint-text' }, 'Document articulation/1 (JSON) ou classeur XLSX, ODS, CSV : lu comme un import en fusion, rien n’est écrit dans les données')),
      file,
    ),
    button('Nouveau scénario', () => undefined, { type: 'submit', icon: 'fr-icon-add-line' }),
    status,
  );
}

/** One scenario: what it proposes, the forms that add to it, what it would change, applying it. */
function scenarioPage(ctx: AppContext, scenario: ScenarioView, signal: AbortSignal, reload: (notice?: HTMLElement) => void, notice?: HTMLElement): HTMLElement {
  const state = ctx.state();
  const flash = h('div', { 'aria-live': 'polite' }, notice);
  const enter = h('a', { class: 'fr-btn fr-btn--secondary fr-btn--sm fr-icon-eye-line fr-btn--icon-left', href: ctx.href({ view: 'reseau', scenario: scenario.id, resetParams: true }) }, 'Voir les vues dans ce scénario');
  const meta = h(
    'p',
    { class: 'fr-text--sm' },
    stateBadge(scenario),
    ` Préparé par ${scenario.author?.name ?? scenario.author?.email ?? 'un compte supprimé'}, modifié le ${formatDateTime(scenario.updatedAt)}`,
    scenario.applied ? ` ; appliqué le ${formatDateTime(scenario.applied.at)} par ${scenario.applied.by?.name ?? scenario.applied.by?.email ?? 'un compte supprimé'}` : '',
    '.',
  );
  const conflicts = scenario.conflicts.length
    ? alertBox('warning', 'Des fiches ont changé depuis la préparation du scénario', h('ul', null, scenario.conflicts.map((c) => h('li', null, c.message))))
    : null;
  return viewPage(
    { title: `Scénario « ${scenario.name} »`, intro: scenario.description ?? undefined, class: 'app-scenarios' },
    h('p', { class: 'fr-no-print' }, h('a', { class: 'fr-link fr-icon-arrow-left-line fr-link--icon-left', href: ctx.href({ params: {}, resetParams: true }) }, 'Tous les scénarios')),
    meta,
    h('div', { class: 'fr-btns-group fr-btns-group--inline fr-btns-group--sm fr-mb-2w fr-no-print' }, enter),
    flash,
    conflicts,
    scenarioChanges(ctx, scenario, { signal, flash, reload }),
    scenario.changes.length ? scenarioComparison(ctx, scenario, state, { signal, flash, reload }) : null,
  );
}
