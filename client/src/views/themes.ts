// Thèmes: who works on what on the territory — the matrix of themes × mechanisms the API computes
// (/api/themes), then the pairs of active mechanisms on the same theme whose territories meet,
// linked or not, side by side. A theme filter; from a mechanism's card, « qui d'autre travaille
// sur ce thème ici ? » opens this view around that mechanism (its territory and its neighbours').
import { plural } from '../../../model/text.ts';
import { MECHANISM_KIND_LABELS, MECHANISM_STATUS_LABELS } from '../../../model/vocabulary.ts';
import { api, cancellable, json, type ThemeMatrix } from '../api.ts';
import type { AppContext, View, ViewFactory } from '../context.ts';
import { badge, button, emptyState, h, replace, uid, viewPage } from '../dom.ts';
import { formatDate, formatInt } from '../lib/format.ts';
import { apiScopeParams, scenarioParams, scopeKey, type AppState } from '../lib/state.ts';
import { scopeLabel } from '../lib/territories.ts';
import { Loader } from '../load.ts';
import { can } from '../session.ts';
import '../map.css';

/** Rows of the matrix drawn at first (a national territory has thousands): « Afficher tout » for the rest. */
const ROWS = 200;
const PAIRS = 60;

export const themesView: ViewFactory = (root, ctx): View => {
  let state = ctx.state();
  let dataKey = '';
  let showAll = false;
  const themeId = uid('theme');
  const themeSelect = h('select', { class: 'fr-select', id: themeId, name: 'theme' }, h('option', { value: '' }, 'Tous les thèmes'));
  themeSelect.addEventListener('change', () => ctx.navigate({ params: { theme: themeSelect.value || null } }, { replace: true }));
  const around = h('div', { 'aria-live': 'polite' });
  const summary = h('p', { class: 'fr-text--sm', 'aria-live': 'polite' });
  const content = h('div', { class: 'app-themes' });
  const form = h('form', { class: 'app-filters__row', 'aria-label': 'Choisir un thème', onsubmit: (e: Event) => e.preventDefault() }, h('div', { class: 'fr-select-group' }, h('label', { class: 'fr-label', for: themeId }, 'Thème', h('span', { class: 'fr-hint-text' }, 'Les thèmes déclarés et ceux des groupes de travail')), themeSelect));
  replace(
    root,
    viewPage(
      { title: 'Thèmes', intro: 'Qui travaille sur quoi : les thèmes des dispositifs du territoire (leurs thèmes et ceux de leurs groupes de travail), puis les dispositifs actifs qui travaillent sur un même thème et dont les territoires se rencontrent, reliés ou non.' },
      around,
      form,
      summary,
      content,
    ),
  );
  const loader = Loader.into(content);

  const load = () => {
    const { theme, dispositif } = state.params;
    const key = `${scopeKey(state.scope)}|${state.asOf}|${theme ?? ''}|${dispositif ?? ''}`;
    if (key === dataKey) return;
    dataKey = key;
    const territory = dispositif ? { mechanism: dispositif, asOf: state.asOf, ...scenarioParams(state) } : apiScopeParams(state);
    const query = { ...territory, ...(theme ? { theme } : {}) };
    void loader.run({
      loading: 'Chargement des thèmes…',
      failure: 'Les thèmes n’ont pas pu être chargés',
      fetch: (signal) =>
        Promise.all([
          ctx.cached(`themes|${key}`, (s) => json(api.themes.$get({ query }, cancellable(s))), signal),
          // The theme list of the whole territory, for the filter, whatever theme is chosen.
          theme ? ctx.cached(`themes|${scopeKey(state.scope)}|${state.asOf}||${dispositif ?? ''}`, (s) => json(api.themes.$get({ query: territory }, cancellable(s))), signal) : null,
        ]),
      done: ([matrix, all]) => {
        syncThemes(themeSelect, (all ?? matrix).themes, theme);
        replace(around, aroundBanner(ctx, matrix));
        summary.textContent = summaryText(matrix, state);
        replace(content, matrixSection(ctx, matrix, showAll, () => ((showAll = true), (dataKey = ''), load())), pairsSection(ctx, matrix));
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

function syncThemes(select: HTMLSelectElement, themes: ThemeMatrix['themes'], current: string | undefined): void {
  replace(select, h('option', { value: '' }, 'Tous les thèmes'), themes.map((t) => h('option', { value: t.id }, `${t.label} (${t.mechanisms})`)));
  if (current && !themes.some((t) => t.id === current)) select.append(h('option', { value: current }, current));
  select.value = current ?? '';
}

function aroundBanner(ctx: AppContext, matrix: ThemeMatrix): HTMLElement | null {
  if (!matrix.around) return null;
  const back = h('a', { class: 'fr-link fr-text--sm', href: ctx.href({ params: { dispositif: null } }) }, 'Revenir au territoire choisi en haut de page');
  return h(
    'div',
    { class: 'fr-callout fr-mb-2w', dataset: { testid: 'autour' } },
    h('p', { class: 'fr-callout__text fr-text--md' }, `Autour de ${matrix.around.name} : les dispositifs dont le territoire rencontre le sien, et ses paires sur un même thème.`),
    back,
  );
}

function summaryText(matrix: ThemeMatrix, state: AppState): string {
  const where = matrix.around ? `Autour de ${matrix.around.name}` : scopeLabel(state.scope);
  return `${where}, au ${formatDate(matrix.asOf)} : ${plural(matrix.mechanisms.length, 'dispositif')} avec des thèmes, ${plural(matrix.themes.length, 'thème')}, ${plural(matrix.withoutTheme, 'dispositif')} sans thème déclaré ; ${plural(matrix.pairsTotal, 'paire')} sur un même thème dont les territoires se rencontrent.`;
}

const nodeHref = (ctx: AppContext, id: string) => ctx.href({ view: 'reseau', resetParams: true, params: { noeud: id } });

/** Themes × mechanisms: one row per mechanism, one column per theme. */
function matrixSection(ctx: AppContext, matrix: ThemeMatrix, showAll: boolean, more: () => void): HTMLElement {
  if (matrix.mechanisms.length === 0) {
    return emptyState('Aucun dispositif ne déclare ce thème ici', 'Choisissez un autre thème, un autre territoire en haut de page, ou renseignez les thèmes des dispositifs dans l’onglet Données (thèmes et groupes de travail).');
  }
  const rows = showAll ? matrix.mechanisms : matrix.mechanisms.slice(0, ROWS);
  const cell = (on: boolean, theme: string) => h('td', { class: 'app-themes__cell', dataset: { theme, on: String(on) } }, on ? [h('span', { 'aria-hidden': 'true' }, '●'), h('span', { class: 'fr-sr-only' }, 'oui')] : h('span', { class: 'fr-sr-only' }, 'non'));
  return h(
    'section',
    { 'aria-labelledby': 'themes-matrice' },
    h('h2', { class: 'fr-h5', id: 'themes-matrice' }, 'Qui travaille sur quoi'),
    h(
      'div',
      { class: 'fr-table fr-table--sm app-themes__matrix', tabindex: '0', role: 'region', 'aria-label': 'Thèmes de chaque dispositif' },
      h(
        'table',
        { dataset: { testid: 'matrice-themes' } },
        h('caption', { class: 'fr-sr-only' }, 'Thèmes de chaque dispositif'),
        h('thead', null, h('tr', null, h('th', { scope: 'col' }, 'Dispositif'), h('th', { scope: 'col' }, 'Statut'), matrix.themes.map((t) => h('th', { scope: 'col', dataset: { theme: t.id } }, t.label, h('br'), h('span', { class: 'fr-text--xs app-mention' }, `${t.active} ${t.active > 1 ? 'actifs' : 'actif'} / ${t.mechanisms}`))))),
        h(
          'tbody',
          null,
          rows.map((m) =>
            h(
              'tr',
              { dataset: { id: m.id } },
              h('th', { scope: 'row' }, h('abbr', { title: MECHANISM_KIND_LABELS[m.kind] }, m.kind), ' ', h('a', { class: 'fr-link fr-text--sm', href: nodeHref(ctx, m.id) }, m.name)),
              h('td', null, m.status ? MECHANISM_STATUS_LABELS[m.status] : 'Pas encore créé', m.active ? '' : h('span', { class: 'fr-text--xs app-mention' }, ' (non actif)')),
              matrix.themes.map((t) => cell(m.themes.includes(t.id), t.id)),
            ),
          ),
        ),
      ),
    ),
    rows.length < matrix.mechanisms.length ? button(`Afficher les ${formatInt(matrix.mechanisms.length)} dispositifs`, more, { kind: 'tertiary', small: true }) : null,
  );
}

/** Pairs on the same theme whose territories meet, side by side, linked or not. */
function pairsSection(ctx: AppContext, matrix: ThemeMatrix): HTMLElement {
  const byId = new Map(matrix.mechanisms.map((m) => [m.id, m]));
  const labels = new Map(matrix.themes.map((t) => [t.id, t.label]));
  const side = (id: string) => {
    const m = byId.get(id);
    return h('div', { class: 'app-themes__side' }, h('p', { class: 'fr-text--xs app-mention fr-mb-0' }, m ? MECHANISM_KIND_LABELS[m.kind] : ''), h('a', { class: 'fr-link', href: nodeHref(ctx, id) }, m?.name ?? id));
  };
  const list = matrix.pairs.slice(0, PAIRS);
  return h(
    'section',
    { 'aria-labelledby': 'themes-paires', class: 'fr-mt-4w' },
    h('h2', { class: 'fr-h5', id: 'themes-paires' }, `Sur un même thème, sur des territoires qui se rencontrent (${formatInt(matrix.pairsTotal)})`),
    list.length === 0
      ? h('p', { class: 'fr-text--sm' }, 'Aucune paire de dispositifs actifs ne travaille sur un même thème sur des territoires qui se rencontrent.')
      : h(
          'ul',
          { class: 'app-themes__pairs', dataset: { testid: 'paires' } },
          list.map((p) =>
            h(
              'li',
              { class: 'app-themes__pair', dataset: { a: p.a, b: p.b } },
              side(p.a),
              h(
                'div',
                { class: 'app-themes__between' },
                h('p', { class: 'fr-mb-1v' }, p.themes.map((t) => labels.get(t) ?? t).join(', ')),
                p.linked ? badge('Reliés', 'success', { noIcon: true }) : badge('Sans lien déclaré', 'warning', { noIcon: true }),
                h('p', { class: 'fr-text--xs app-mention fr-mb-0 fr-mt-1v' }, `${plural(p.sharedCommunes, 'commune')} en commun, ${formatInt(p.sharedPopulation)} hab.`),
                p.linked || !can.editLink(p.a, p.b) ? null : h('a', { class: 'fr-link fr-text--xs app-no-print', href: ctx.href({ view: 'donnees', resetParams: true, params: { onglet: 'liens', nouveau: '1', type: 'articulation', de: p.a, vers: p.b } }) }, 'Déclarer leur articulation'),
              ),
              side(p.b),
            ),
          ),
        ),
    matrix.pairsTotal > list.length ? h('p', { class: 'fr-text--sm' }, `Les ${list.length} premières paires (la plus grande population partagée d’abord) ; choisissez un thème pour voir les autres.`) : null,
  );
}
