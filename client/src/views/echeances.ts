// Échéances: what calls for action on the territory in the coming months, and what passed
// lately (model/echeances.ts): avis to collect before a planned PTSM adoption, PTSMs reaching five
// years, CLS ending, diagnostics adopted without a CLSM's avis — with the coordinators to contact
// (their contact details only for the roles that see personal data: the server decides).
import { formatDateFr } from '../../../model/dates.ts';
import { DEADLINE_KIND_LABELS, type Deadline } from '../../../model/echeances.ts';
import { plural } from '../../../model/text.ts';
import { api, cancellable, json } from '../api.ts';
import type { View, ViewFactory } from '../context.ts';
import { emptyState, h, replace, uid, viewPage } from '../dom.ts';
import { apiScopeParams, scopeKey, type AppState } from '../lib/state.ts';
import { scopeLabel } from '../lib/territories.ts';
import { Loader } from '../load.ts';
import { workbookButtons } from '../ui/workbook-buttons.ts';

const HORIZONS = ['3', '6', '12'] as const;

export const echeancesView: ViewFactory = (root, ctx): View => {
  let state = ctx.state();
  let dataKey = '';
  const horizonId = uid('horizon');
  const horizon = h('select', { class: 'fr-select', id: horizonId, name: 'mois' }, HORIZONS.map((m) => h('option', { value: m }, `${m} mois`)));
  horizon.addEventListener('change', () => ctx.navigate({ params: { mois: horizon.value === '6' ? null : horizon.value } }, { replace: true }));
  const head = h('div', { class: 'app-filters__row' }, h('div', { class: 'fr-select-group' }, h('label', { class: 'fr-label', for: horizonId }, 'Horizon', h('span', { class: 'fr-hint-text' }, 'Les échéances à venir dans ce délai ; les passées depuis douze mois.')), horizon));
  const body = h('div');
  const loader = Loader.into(body);
  replace(
    root,
    viewPage(
      { title: 'Échéances', intro: 'Ce qui appelle une action dans les mois à venir et ce qui est passé : avis des CLSM à recueillir avant l’adoption d’un PTSM, PTSM qui atteignent cinq ans, CLS qui prennent fin, diagnostics adoptés sans avis. Avec les coordinations à contacter.' },
      head,
      body,
    ),
  );
  const months = () => (HORIZONS as readonly string[]).includes(state.params.mois ?? '') ? state.params.mois! : '6';

  const load = () => {
    horizon.value = months();
    const key = `${scopeKey(state.scope)}|${state.asOf}|${months()}`;
    if (key === dataKey) return;
    dataKey = key;
    const query = { ...apiScopeParams(state), months: months() };
    void loader.run({
      loading: 'Calcul des échéances…',
      failure: 'Les échéances n’ont pas pu être chargées',
      fetch: (signal) => ctx.cached(`echeances|${key}`, (s) => json(api.echeances.$get({ query }, cancellable(s))), signal),
      done: (due) => {
        replace(
          body,
          h('p', { class: 'fr-mb-1w', 'data-testid': 'echeances-total' }, `${scopeLabel(state.scope)} : ${plural(due.upcoming.length, 'échéance')} d’ici au ${formatDateFr(due.until)}, ${plural(due.passed.length, 'échéance')} ${due.passed.length > 1 ? 'passées' : 'passée'} depuis le ${formatDateFr(due.since)}.`),
          workbookButtons('Échéances', (format) => api.export.echeances.$get({ query: { ...query, format } }), (format) => `echeances-${state.asOf}.${format}`, { small: true }),
          deadlineTable('À venir', due.upcoming, 'Aucune échéance dans ce délai.'),
          deadlineTable('Passées', due.passed, 'Aucune échéance passée depuis douze mois.'),
        );
      },
      failed: () => (dataKey = ''),
    });
  };

  load();
  return {
    update(next: AppState) {
      state = next;
      load();
    },
    destroy: () => loader.destroy(),
  };
};

function deadlineTable(title: string, rows: readonly Deadline[], empty: string): HTMLElement {
  const id = uid('echeances');
  if (rows.length === 0) return h('section', { 'aria-labelledby': id }, h('h2', { class: 'fr-h5', id }, title), emptyState(empty, ''));
  return h(
    'section',
    { 'aria-labelledby': id, class: 'fr-mt-3w' },
    h('h2', { class: 'fr-h5', id }, `${title} (${rows.length})`),
    h(
      'div',
      { class: 'fr-table fr-table--no-caption fr-table--layout-fixed' },
      h(
        'table',
        null,
        h('caption', null, title),
        h('thead', null, h('tr', null, ['Date', 'Échéance', 'À faire', 'Contacts'].map((c) => h('th', { scope: 'col' }, c)))),
        h(
          'tbody',
          null,
          rows.map((d) =>
            h(
              'tr',
              { dataset: { kind: d.kind } },
              h('td', null, formatDateFr(d.date)),
              h('td', null, DEADLINE_KIND_LABELS[d.kind]),
              h('td', null, d.message),
              h('td', null, d.contacts.length ? h('ul', { class: 'app-contacts' }, d.contacts.map(contactItem)) : 'Aucune coordination renseignée'),
            ),
          ),
        ),
      ),
    ),
  );
}

function contactItem(c: Deadline['contacts'][number]): HTMLElement {
  return h(
    'li',
    null,
    c.label,
    c.email ? [' — ', h('a', { class: 'fr-link fr-text--sm', href: `mailto:${c.email}` }, c.email)] : null,
    c.phone ? [' — ', h('a', { class: 'fr-link fr-text--sm', href: `tel:${c.phone.replace(/\s+/g, '')}` }, c.phone)] : null,
  );
}
