// Avis PTSM: pick a PTSM, see the checklist of CLSM avis from the API (the same computation
// as the findings), the completion gauge, and export it as CSV or as a workbook (XLSX, ODS).
import { avisStageText, datedEvent, DATE_EVENTS } from '../../../model/labels.ts';
import { capitalize, plural } from '../../../model/text.ts';
import { documentsList } from '../ui/documents.ts';
import { AVIS_STAGES, AVIS_STAGE_LABELS, AVIS_STATE_LABELS } from '../../../model/vocabulary.ts';
import { cancellable, json, api, records, type AvisChecklist, type EntityRecord } from '../api.ts';
import type { AppContext, View, ViewFactory } from '../context.ts';
import { badge, button, emptyState, h, replace, saveBlob, uid, viewPage } from '../dom.ts';
import { avisChecklistCsv, avisCsvFilename, completionLevel, stateBadgeType, statusLabel } from '../lib/avis.ts';
import { formatDate, formatPercent } from '../lib/format.ts';
import { apiScopeParams, scenarioParams, scopeKey, type AppState } from '../lib/state.ts';
import { scopeLabel } from '../lib/territories.ts';
import { Loader } from '../load.ts';
import { can } from '../session.ts';
import { workbookButtons } from '../ui/workbook-buttons.ts';

type Ptsm = EntityRecord<'mechanisms'>;

/** Active PTSMs first, then those in preparation, then the others; by name within each. */
const STATUS_RANK: Record<string, number> = { active: 0, project: 1, dormant: 2, ended: 3 };
export function sortPtsms(list: readonly Ptsm[]): Ptsm[] {
  return [...list].sort((a, b) => (STATUS_RANK[a.data.status] ?? 4) - (STATUS_RANK[b.data.status] ?? 4) || a.data.name.localeCompare(b.data.name, 'fr'));
}

export const avisView: ViewFactory = (root, ctx): View => {
  let state = ctx.state();
  let ptsms: Ptsm[] | null = null;
  const selectId = uid('ptsm');
  const select = h('select', { class: 'fr-select', id: selectId, name: 'ptsm' });
  select.addEventListener('change', () => ctx.navigate({ params: { ptsm: select.value || null } }));
  const picker = h('div', { class: 'fr-select-group app-avis__picker', hidden: true }, h('label', { class: 'fr-label', for: selectId }, 'Projet territorial de santé mentale', h('span', { class: 'fr-hint-text' }, 'PTSM du territoire choisi en haut de page, actifs ou en préparation')), select);
  const body = h('div');
  const loader = Loader.into(body);
  replace(
    root,
    viewPage(
      { title: 'Avis des CLSM sur le PTSM', intro: 'Chaque CLSM actif sur le territoire du PTSM donne son avis sur le diagnostic territorial partagé puis sur le projet, avant leur adoption par le directeur général de l’ARS (CSP L.3221-2 IV).' },
      picker,
      body,
    ),
  );

  const loadList = () => {
    ptsms = null;
    picker.hidden = true;
    const key = scopeKey(state.scope);
    const { departement, region } = apiScopeParams(state);
    void loader.run({
      loading: 'Recherche des PTSM…',
      failure: 'La liste des PTSM n’a pas pu être chargée',
      fetch: (signal) => ctx.cached(`ptsm-list|${key}`, (s) => records.list('mechanisms', { kind: 'PTSM', ...(departement ? { departement } : {}), ...(region ? { region } : {}) }, s), signal),
      done: (result) => {
        ptsms = sortPtsms(result.items);
        replace(select, ptsms.map((p) => h('option', { value: p.id }, `${p.data.name} — ${statusLabel(p.data.status)}${p.data.dates?.adopted ? `, ${datedEvent(p.data.dates.adopted, state.asOf, DATE_EVENTS.adopted)}` : ''}`)));
        pick();
      },
    });
  };

  const pick = () => {
    if (!ptsms) return;
    if (ptsms.length === 0) {
      picker.hidden = true;
      replace(body, noPtsm(ctx, state));
      return;
    }
    picker.hidden = false;
    const chosen = ptsms.find((p) => p.id === state.params.ptsm) ?? ptsms[0];
    select.value = chosen.id;
    void loader.run({
      loading: 'Calcul de la liste des avis…',
      failure: 'La liste des avis n’a pas pu être calculée',
      fetch: (signal) => ctx.cached(`avis|${chosen.id}|${state.asOf}`, (s) => json(api.ptsm[':id'].avis.$get({ param: { id: chosen.id }, query: { asOf: state.asOf, ...scenarioParams(state) } }, cancellable(s))), signal),
      done: (checklist) => replace(body, checklistSection(checklist, ctx)),
    });
  };

  loadList();
  return {
    update(next: AppState, previous: AppState) {
      state = next;
      if (scopeKey(next.scope) !== scopeKey(previous.scope)) loadList();
      else if (next.params.ptsm !== previous.params.ptsm || next.asOf !== previous.asOf) pick();
    },
    destroy: () => loader.destroy(),
  };
};

function noPtsm(ctx: AppContext, state: AppState): HTMLElement {
  return emptyState(
    'Aucun PTSM sur ce territoire',
    `Aucun projet territorial de santé mentale n’est enregistré pour ${scopeLabel(state.scope)}. Choisissez un département ou une région en haut de page, ou créez le PTSM dans l’onglet Données.`,
    can.createMechanisms() ? h('a', { class: 'fr-btn fr-btn--secondary', href: ctx.href({ view: 'donnees', resetParams: true, params: { onglet: 'dispositifs', nouveau: '1', type: 'PTSM' } }) }, 'Créer un PTSM') : null,
  );
}

function checklistSection(c: AvisChecklist, ctx: AppContext): HTMLElement {
  return h(
    'section',
    { class: 'app-avis', 'aria-labelledby': 'avis-titre', dataset: { ptsm: c.ptsm.id } },
    h(
      'div',
      { class: 'app-avis__head' },
      h(
        'div',
        null,
        h('h2', { class: 'fr-h5 fr-mb-1v', id: 'avis-titre' }, c.ptsm.name),
        h(
          'p',
          { class: 'fr-text--sm fr-mb-0' },
          badge(statusLabel(c.ptsm.status), c.ptsm.status === 'project' ? 'new' : c.ptsm.status === 'active' ? 'success' : undefined, { noIcon: true }),
          ` ${ptsmDates(c)} · situation au ${formatDate(c.asOf)}`,
        ),
      ),
      h(
        'div',
        { class: 'app-avis__exports' },
        button('Exporter en CSV', () => {
          saveBlob(new Blob([avisChecklistCsv(c)], { type: 'text/csv;charset=utf-8' }), avisCsvFilename(c));
          ctx.announce('Fichier CSV téléchargé');
        }, { kind: 'secondary', icon: 'fr-icon-download-line' }),
        workbookButtons('Liste des avis', (format) => api.export.ptsm[':id'].avis.$get({ param: { id: c.ptsm.id }, query: { asOf: c.asOf, format, ...scenarioParams(ctx.state()) } }), (format) => `avis-${c.ptsm.id}-${c.asOf}.${format}`, { small: true }),
      ),
    ),
    gauge(c),
    totalsTable(c),
    rowsTable(c, ctx),
  );
}

/** A PTSM's adoptions at the checklist's date: done, or planned (never a future date as done). */
function ptsmDates(c: AvisChecklist): string {
  const { diagnosticAdopted, adopted } = c.ptsm;
  const diagnostic = diagnosticAdopted ? datedEvent(diagnosticAdopted, c.asOf, DATE_EVENTS.diagnosticAdopted) : 'diagnostic : adoption non renseignée';
  const project = adopted ? datedEvent(adopted, c.asOf, DATE_EVENTS.projectAdopted) : 'projet : adoption non renseignée';
  return capitalize(`${diagnostic} · ${project}`);
}

function gauge(c: AvisChecklist): HTMLElement {
  const t = c.totals.all;
  return h(
    'div',
    { class: `app-gauge app-gauge--${completionLevel(c.completion)}` },
    h('p', { class: 'app-gauge__value', id: 'completion-avis' }, c.completion === null ? 'Sans objet' : formatPercent(c.completion)),
    h('p', { class: 'app-gauge__label fr-text--sm' }, c.completion === null ? 'Aucun avis n’est encore dû' : `des avis dus reçus à temps (${t.received} sur ${t.expected}${t.awaited ? ` ; ${plural(t.awaited, 'attendu')} plus tard` : ''})`),
    c.completion === null
      ? null
      : h(
          'div',
          { class: 'app-gauge__track', role: 'meter', 'aria-valuemin': '0', 'aria-valuemax': '100', 'aria-valuenow': String(c.completion), 'aria-labelledby': 'completion-avis', 'aria-valuetext': `${formatPercent(c.completion)} des avis dus reçus à temps` },
          h('div', { class: 'app-gauge__bar', style: `width:${Math.min(100, c.completion)}%` }),
        ),
  );
}

function totalsTable(c: AvisChecklist): HTMLElement {
  const rows = [...AVIS_STAGES.map((s) => [s, `Avis sur le ${AVIS_STAGE_LABELS[s]}`] as const), ['all', 'Total'] as const];
  return h(
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
        rows.map(([key, label]) =>
          h('tr', { dataset: { stage: key } }, h('th', { scope: 'row' }, label), (['expected', 'received', 'late', 'missing', 'awaited'] as const).map((k) => h('td', { class: 'app-num', dataset: { count: k } }, String(c.totals[key][k])))),
        ),
      ),
    ),
  );
}

function rowsTable(c: AvisChecklist, ctx: AppContext): HTMLElement {
  if (c.rows.length === 0) return emptyState('Aucun CLSM concerné', 'Aucun CLSM actif ne couvre une partie du territoire de ce PTSM : aucun avis n’est attendu. Le PTSM devrait encourager la création de CLSM (objectif « création-clsm »).');
  const cell = (row: AvisChecklist['rows'][number], stage: (typeof AVIS_STAGES)[number]) => {
    const s = row.stages[stage];
    const type = stateBadgeType(s.state);
    const create =
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
        : null;
    return h(
      'td',
      { dataset: { state: s.state } },
      badge(AVIS_STATE_LABELS[s.state], type, { noIcon: type === undefined }),
      h('span', { class: 'fr-text--xs app-avis__detail' }, ` ${avisStageText(s)}`),
      documentsList(s.link?.documents, `Documents de l’avis de ${row.clsm.name} sur le ${AVIS_STAGE_LABELS[stage]}`),
      create,
    );
  };
  return h(
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
            h('th', { scope: 'row' }, h('a', { class: 'fr-link fr-text--sm', href: ctx.href({ view: 'reseau', resetParams: true, params: { noeud: row.clsm.id } }) }, row.clsm.name), h('br'), h('span', { class: 'fr-text--xs app-mention' }, statusLabel(row.clsm.status))),
            AVIS_STAGES.map((stage) => cell(row, stage)),
          ),
        ),
      ),
    ),
  );
}
