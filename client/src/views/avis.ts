// Avis PTSM: pick a PTSM, see the checklist of CLSM avis from the API (the same computation
// as the findings), the completion gauge, and export it as CSV.
import type { AvisChecklist } from '../../../model/avis.ts';
import { AVIS_STATE_LABELS } from '../../../model/avis.ts';
import type { Mechanism } from '../../../model/schema.ts';
import { AVIS_STAGES, AVIS_STAGE_LABELS, MECHANISM_STATUS_LABELS } from '../../../model/vocabulary.ts';
import { api, type EntityRecord } from '../api.ts';
import type { View, ViewFactory } from '../context.ts';
import { badge, button, emptyState, errorAlert, h, loading, replace, saveBlob, uid } from '../dom.ts';
import { avisChecklistCsv, avisCsvFilename, completionLevel, stateBadgeType, stageSummary } from '../lib/avis.ts';
import { formatDate, formatPercent } from '../lib/format.ts';
import { apiScopeParams, scopeKey, type AppState } from '../lib/state.ts';
import { scopeLabel } from '../lib/territories.ts';
import { can } from '../session.ts';

export const avisView: ViewFactory = (root, ctx): View => {
  let state = ctx.state();
  let ptsms: EntityRecord<Mechanism>[] | null = null;
  let listKey = '';
  let controller: AbortController | null = null;
  let checklistController: AbortController | null = null;

  const selectId = uid('ptsm');
  const select = h('select', { class: 'fr-select', id: selectId, name: 'ptsm' });
  select.addEventListener('change', () => ctx.navigate({ params: { ptsm: select.value || null } }));
  const picker = h('div', { class: 'fr-select-group app-avis__picker' }, h('label', { class: 'fr-label', for: selectId }, 'Projet territorial de santé mentale', h('span', { class: 'fr-hint-text' }, 'PTSM du territoire choisi en haut de page, actifs ou en préparation')), select);
  const body = h('div');
  replace(
    root,
    h(
      'div',
      { class: 'fr-container fr-py-4w' },
      h('h1', { class: 'fr-h3' }, 'Avis des CLSM sur le PTSM'),
      h('p', { class: 'fr-text--sm app-mention' }, 'Chaque CLSM actif sur le territoire du PTSM donne son avis sur le diagnostic territorial partagé puis sur le projet, avant leur adoption par le directeur général de l’ARS (CSP L.3221-2 IV).'),
      picker,
      body,
    ),
  );

  async function loadList() {
    const key = scopeKey(state.scope);
    if (key === listKey && ptsms) return pick();
    listKey = key;
    controller?.abort();
    const c = new AbortController();
    controller = c;
    ptsms = null;
    picker.hidden = true;
    replace(body, loading('Recherche des PTSM…'));
    try {
      const scope = apiScopeParams(state);
      const result = await ctx.cached(`ptsm-list|${key}`, () => api.list('mechanisms', { kind: 'PTSM', ...(scope.departement ? { departement: scope.departement } : {}), ...(scope.region ? { region: scope.region } : {}) }));
      if (c.signal.aborted) return;
      ptsms = [...result.items].sort((a, b) => statusRank(a.data.status) - statusRank(b.data.status) || a.data.name.localeCompare(b.data.name, 'fr'));
      replace(
        select,
        ptsms.map((p) => h('option', { value: p.id }, `${p.data.name} — ${MECHANISM_STATUS_LABELS[p.data.status]}${p.data.dates?.adopted ? `, adopté le ${formatDate(p.data.dates.adopted)}` : ''}`)),
      );
      pick();
    } catch (error) {
      if (c.signal.aborted) return;
      listKey = '';
      replace(body, errorAlert(error, 'La liste des PTSM n’a pas pu être chargée', button('Réessayer', () => void loadList(), { kind: 'secondary', small: true })));
    }
  }

  function pick() {
    if (!ptsms) return;
    if (ptsms.length === 0) {
      picker.hidden = true;
      replace(
        body,
        emptyState(
          'Aucun PTSM sur ce territoire',
          `Aucun projet territorial de santé mentale n’est enregistré pour ${scopeLabel(state.scope)}. Choisissez un département ou une région en haut de page, ou créez le PTSM dans l’onglet Données.`,
          can.createMechanisms() ? h('a', { class: 'fr-btn fr-btn--secondary', href: ctx.href({ view: 'donnees', resetParams: true, params: { onglet: 'dispositifs', nouveau: '1', type: 'PTSM' } }) }, 'Créer un PTSM') : null,
        ),
      );
      return;
    }
    picker.hidden = false;
    const wanted = state.params.ptsm;
    const chosen = ptsms.find((p) => p.id === wanted) ?? ptsms[0];
    select.value = chosen.id;
    void loadChecklist(chosen.id);
  }

  async function loadChecklist(id: string) {
    checklistController?.abort();
    const c = new AbortController();
    checklistController = c;
    replace(body, loading('Calcul de la liste des avis…'));
    try {
      const checklist = await ctx.cached(`avis|${id}|${state.asOf}`, () => api.avis(id, { asOf: state.asOf }));
      if (c.signal.aborted) return;
      renderChecklist(checklist);
    } catch (error) {
      if (c.signal.aborted) return;
      replace(body, errorAlert(error, 'La liste des avis n’a pas pu être calculée', button('Réessayer', () => void loadChecklist(id), { kind: 'secondary', small: true })));
    }
  }

  function renderChecklist(c: AvisChecklist) {
    const level = completionLevel(c.completion);
    const t = c.totals;
    const gauge = h(
      'div',
      { class: `app-gauge app-gauge--${level}` },
      h('p', { class: 'app-gauge__value', id: 'completion-avis' }, c.completion === null ? 'Sans objet' : formatPercent(c.completion)),
      h('p', { class: 'app-gauge__label fr-text--sm' }, c.completion === null ? 'Aucun avis n’est encore dû' : `des avis dus reçus à temps (${t.all.received} sur ${t.all.expected}${t.all.awaited ? ` ; ${t.all.awaited} attendu${t.all.awaited > 1 ? 's' : ''} plus tard` : ''})`),
      c.completion === null
        ? null
        : h(
            'div',
            { class: 'app-gauge__track', role: 'meter', 'aria-valuemin': '0', 'aria-valuemax': '100', 'aria-valuenow': String(c.completion), 'aria-labelledby': 'completion-avis', 'aria-valuetext': `${formatPercent(c.completion)} des avis dus reçus à temps` },
            h('div', { class: 'app-gauge__bar', style: `width:${Math.min(100, c.completion)}%` }),
          ),
    );
    const totalsTable = h(
      'div',
      { class: 'fr-table fr-table--sm app-avis__totals' },
      h(
        'table',
        { dataset: { testid: 'avis-totaux' } },
        h('caption', null, 'Décompte des avis'),
        h('thead', null, h('tr', null, h('th', { scope: 'col' }, 'Étape'), ['Dus', 'Reçus à temps', 'En retard', 'Manquants', 'Attendus plus tard'].map((l) => h('th', { scope: 'col', class: 'app-num' }, l)))),
        h(
          'tbody',
          null,
          [...AVIS_STAGES.map((s) => [s, `Avis sur le ${AVIS_STAGE_LABELS[s]}`] as const), ['all', 'Total'] as const].map(([key, label]) => {
            const row = t[key as keyof typeof t];
            return h(
              'tr',
              { dataset: { stage: key } },
              h('th', { scope: 'row' }, label),
              (['expected', 'received', 'late', 'missing', 'awaited'] as const).map((k) => h('td', { class: 'app-num', dataset: { count: k } }, String(row[k]))),
            );
          }),
        ),
      ),
    );
    const rowsTable =
      c.rows.length === 0
        ? emptyState('Aucun CLSM concerné', 'Aucun CLSM actif ne couvre une partie du territoire de ce PTSM : aucun avis n’est attendu. Le PTSM devrait encourager la création de CLSM (objectif « création-clsm »).')
        : h(
            'div',
            { class: 'fr-table fr-table--sm app-avis__rows' },
            h(
              'table',
              null,
              h('caption', null, `CLSM concernés (${c.rows.length})`),
              h('thead', null, h('tr', null, h('th', { scope: 'col' }, 'CLSM'), AVIS_STAGES.map((s) => h('th', { scope: 'col' }, `Avis sur le ${AVIS_STAGE_LABELS[s]}`)))),
              h(
                'tbody',
                null,
                c.rows.map((row) =>
                  h(
                    'tr',
                    { dataset: { clsm: row.clsm.id } },
                    h('th', { scope: 'row' }, h('a', { class: 'fr-link fr-text--sm', href: ctx.href({ view: 'reseau', resetParams: true, params: { noeud: row.clsm.id } }) }, row.clsm.name), h('br'), h('span', { class: 'fr-text--xs app-mention' }, MECHANISM_STATUS_LABELS[row.clsm.status as keyof typeof MECHANISM_STATUS_LABELS] ?? row.clsm.status)),
                    AVIS_STAGES.map((stage) => {
                      const s = row.stages[stage];
                      const type = stateBadgeType(s.state);
                      return h(
                        'td',
                        { dataset: { state: s.state } },
                        badge(AVIS_STATE_LABELS[s.state], type, { noIcon: type === undefined }),
                        h('span', { class: 'fr-text--xs app-avis__detail' }, ` ${stageSummary(s)}`),
                        s.state === 'missing' || s.state === 'awaited'
                          ? h(
                              'a',
                              {
                                class: 'fr-link fr-text--xs app-avis__create',
                                href: ctx.href({ view: 'donnees', resetParams: true, params: { onglet: 'liens', nouveau: '1', type: 'avis', de: row.clsm.id, vers: c.ptsm.id, etape: stage } }),
                                'aria-label': `Enregistrer l’avis de ${row.clsm.name} sur le ${AVIS_STAGE_LABELS[stage]}`,
                              },
                              'Enregistrer l’avis',
                            )
                          : null,
                      );
                    }),
                  ),
                ),
              ),
            ),
          );
    replace(
      body,
      h(
        'section',
        { class: 'app-avis', 'aria-labelledby': 'avis-titre', dataset: { ptsm: c.ptsm.id } },
        h('div', { class: 'app-avis__head' },
          h('div', null,
            h('h2', { class: 'fr-h5 fr-mb-1v', id: 'avis-titre' }, c.ptsm.name),
            h('p', { class: 'fr-text--sm fr-mb-0' },
              badge(MECHANISM_STATUS_LABELS[c.ptsm.status as keyof typeof MECHANISM_STATUS_LABELS] ?? c.ptsm.status, c.ptsm.status === 'project' ? 'new' : c.ptsm.status === 'active' ? 'success' : undefined, { noIcon: true }),
              ` Diagnostic adopté : ${formatDate(c.ptsm.diagnosticAdopted)} · Projet adopté : ${formatDate(c.ptsm.adopted)} · au ${formatDate(c.asOf)}`,
            ),
          ),
          button('Exporter en CSV', () => {
            saveBlob(new Blob([avisChecklistCsv(c)], { type: 'text/csv;charset=utf-8' }), avisCsvFilename(c));
            ctx.announce('Fichier CSV téléchargé');
          }, { kind: 'secondary', icon: 'fr-icon-download-line' }),
        ),
        gauge,
        totalsTable,
        rowsTable,
      ),
    );
  }

  void loadList();
  return {
    update(next: AppState, previous: AppState) {
      state = next;
      if (scopeKey(next.scope) !== scopeKey(previous.scope)) void loadList();
      else if (next.params.ptsm !== previous.params.ptsm || next.asOf !== previous.asOf) pick();
    },
    destroy() {
      controller?.abort();
      checklistController?.abort();
    },
  };
};

function statusRank(status: string): number {
  return status === 'active' ? 0 : status === 'project' ? 1 : status === 'dormant' ? 2 : 3;
}
