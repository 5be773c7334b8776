// The lists of the Données view: search and filters (in the URL), one page of records with the
// actions this account may take on each, pagination, and deletion with its confirmation (and,
// when the record is linked, the offer to delete what depends on it).
import { agree, plural } from '../../../model/text.ts';
import { datesText, linkDetails, linkTitle } from '../../../model/labels.ts';
import { LINK_KINDS, LINK_KIND_LABELS, MECHANISM_KINDS, MECHANISM_KIND_LABELS, MECHANISM_STATUSES, MECHANISM_STATUS_LABELS, THEMES, themeLabel } from '../../../model/vocabulary.ts';
import { api, ApiError, cancellable, json, records, type EntityKind, type EntityList, type EntityRecord } from '../api.ts';
import { alertBox, button, debounce, emptyState, errorAlert, h, replace, uid } from '../dom.ts';
import { listQuery, pageOf, PAGE, territoryQuery } from '../lib/data.ts';
import { formatInt } from '../lib/format.ts';
import { scopeKey } from '../lib/state.ts';
import { scopeLabel } from '../lib/territories.ts';
import { Loader } from '../load.ts';
import { parsePlace } from '../lib/map.ts';
import { placeLabel, placeSearch, placeTag } from '../ui/place-search.ts';
import { can } from '../session.ts';
import type { DataScreen } from './data.ts';

type AnyRecord = EntityRecord<'mechanisms'> | EntityRecord<'people'> | EntityRecord<'links'>;

const ADD_LABEL: Record<EntityKind, string> = { mechanisms: 'Ajouter un dispositif', people: 'Ajouter une personne', links: 'Ajouter un lien' };

export function entityList(env: DataScreen, entity: EntityKind): { destroy(): void } {
  const { ctx, state } = env;
  const results = h('div');
  const deleteRegion = h('div', { 'aria-live': 'polite' });
  const loader = Loader.into(results);
  const mayAdd = entity === 'mechanisms' ? can.createMechanisms() : can.write();
  const add = mayAdd
    ? h('a', { class: 'fr-btn fr-icon-add-line fr-btn--icon-left', href: ctx.href({ params: { nouveau: '1', modifier: null } }) }, ADD_LABEL[entity])
    : can.write()
      ? null
      : h('p', { class: 'fr-text--sm app-mention app-data__readonly' }, 'Lecture seule : votre rôle ne permet pas de modifier les données.');
  const filters = listFilters(env, entity);
  replace(env.body, h('div', { class: 'app-data__toolbar' }, filters.el, add), deleteRegion, results);
  if (document.activeElement === document.body && state.params.q) filters.q.focus();
  void loader.run({
    loading: 'Chargement de la liste…',
    failure: 'La liste n’a pas pu être chargée',
    fetch: async (signal) => {
      const list = (await records.list(entity, listQuery(state), signal)) as EntityList<EntityKind>;
      // Names of link ends, for readable rows.
      const names = new Map<string, string>();
      if (entity === 'links' && list.items.length) {
        const all = await ctx.cached(`mechanisms|${scopeKey(state.scope)}`, (s) => records.list('mechanisms', { ...territoryQuery(state), limit: '10000' }, s), signal);
        for (const r of all.items) names.set(r.id, r.data.name);
      }
      return { list, names };
    },
    done: ({ list, names }) => {
      if (list.total > 0) return replace(results, listTable(env, entity, list.items as AnyRecord[], list.total, names, deleteRegion), pagination(env, list.total));
      const filtered = Boolean(state.params.q || state.params.type || state.params.statut || state.params.lieu || state.params.theme);
      replace(
        results,
        filtered
          ? emptyState('Aucun résultat', 'Aucune fiche ne correspond à la recherche ou aux filtres : modifiez-les.')
          : emptyState('Rien d’enregistré sur ce territoire', `Aucune fiche pour ${scopeLabel(state.scope)}. Ajoutez-en une avec le bouton « ${ADD_LABEL[entity]} », importez un fichier dans « Import et export », ou choisissez un autre territoire en haut de page.`),
      );
    },
  });
  return {
    destroy() {
      loader.destroy();
      filters.destroy();
    },
  };
}

function listFilters(env: DataScreen, entity: EntityKind) {
  const { ctx, state } = env;
  const qId = uid('q');
  const q = h('input', { class: 'fr-input', type: 'search', id: qId, name: 'q', value: state.params.q ?? '', placeholder: entity === 'links' ? 'ex. : avis niort' : 'ex. : niort' });
  q.addEventListener('input', debounce(() => ctx.navigate({ params: { q: q.value.trim() || null, page: null } }, { replace: true }), 300));
  const select = (param: 'type' | 'statut' | 'theme', label: string, options: [string, string][]) => {
    const id = uid(param);
    const el = h('select', { class: 'fr-select', id, name: param }, h('option', { value: '' }, 'Tous'), options.map(([value, text]) => h('option', { value }, text)));
    el.value = state.params[param] ?? '';
    el.addEventListener('change', () => ctx.navigate({ params: { [param]: el.value || null, page: null } }, { replace: true }));
    return h('div', { class: 'fr-select-group' }, h('label', { class: 'fr-label', for: id }, label), el);
  };
  const el = h(
    'form',
    { class: 'app-filters__row app-data__filters', role: 'search', 'aria-label': 'Filtrer la liste', onsubmit: (e: Event) => e.preventDefault() },
    h('div', { class: 'fr-input-group' }, h('label', { class: 'fr-label', for: qId }, 'Rechercher', h('span', { class: 'fr-hint-text' }, 'Nom ou identifiant, sans tenir compte des accents')), q),
    entity === 'mechanisms' ? select('type', 'Type', MECHANISM_KINDS.map((k) => [k, `${k} — ${MECHANISM_KIND_LABELS[k]}`])) : null,
    entity === 'links' ? select('type', 'Type', LINK_KINDS.map((k) => [k, LINK_KIND_LABELS[k]])) : null,
    entity === 'mechanisms' ? select('statut', 'Statut', MECHANISM_STATUSES.map((s) => [s, MECHANISM_STATUS_LABELS[s]])) : null,
    entity === 'mechanisms' ? select('theme', 'Thème', themeOptions(state.params.theme)) : null,
  );
  if (entity !== 'mechanisms') return { el, q, destroy() {} };
  const place = placeFilter(env);
  return { el: h('div', null, el, place.el), q, destroy: place.destroy };
}

/** The shipped themes, and the one in the URL if users added it. */
function themeOptions(current: string | undefined): [string, string][] {
  const options: [string, string][] = THEMES.map((t) => [t.id, t.label]);
  if (current && !options.some(([id]) => id === current)) options.push([current, themeLabel(current)]);
  return options.sort((a, b) => a[1].localeCompare(b[1], 'fr'));
}

/** « Dispositifs qui couvrent un lieu »: a commune, an EPCI or a postal code, kept in the URL (lieu=type:code). */
function placeFilter(env: DataScreen): { el: HTMLElement; destroy(): void } {
  const { ctx, state } = env;
  const search = placeSearch({ label: 'Dispositifs qui couvrent un lieu', onSelect: (value) => ctx.navigate({ params: { lieu: value, page: null } }, { replace: true }) });
  const tag = h('p', { class: 'fr-mb-1w' });
  const chosen = parsePlace(state.params.lieu);
  const controller = new AbortController();
  if (chosen) {
    const remove = () => ctx.navigate({ params: { lieu: null, page: null } }, { replace: true });
    const show = (label: string) => replace(tag, placeTag(label, remove));
    show(chosen.type === 'code-postal' ? placeLabel({ ...chosen, name: chosen.code }) : chosen.code);
    if (chosen.type !== 'code-postal') {
      void ctx
        .cached(`territory:${chosen.code}`, (s) => json(api.territories[':code'].$get({ param: { code: chosen.code } }, cancellable(s))), controller.signal)
        .then((t) => show(`${t.name} (${chosen.code})`))
        .catch(() => undefined);
    }
  }
  return {
    el: h('div', { class: 'app-data__place' }, search.el, tag),
    destroy() {
      controller.abort();
      search.destroy();
    },
  };
}

/** A row's cells and how it is named in the actions' labels. */
function rowOf(entity: EntityKind, r: AnyRecord, names: ReadonlyMap<string, string>, asOf: string): { cells: HTMLElement[]; label: string } {
  if (entity === 'mechanisms') {
    const m = (r as EntityRecord<'mechanisms'>).data;
    const t = m.territory ?? {};
    const territory = [t.departements?.length ? plural(t.departements.length, 'département') : '', t.epci?.length ? `${t.epci.length} EPCI` : '', t.communes?.length ? plural(t.communes.length, 'commune') : ''].filter(Boolean).join(', ');
    const period = datesText(m.dates && { start: m.dates.start, end: m.dates.end }, asOf);
    return {
      label: `le dispositif ${m.name}`,
      cells: [h('th', { scope: 'row' }, m.name), h('td', null, h('abbr', { title: MECHANISM_KIND_LABELS[m.kind] }, m.kind)), h('td', null, MECHANISM_STATUS_LABELS[m.status]), h('td', null, territory || '—'), h('td', null, period || '—')],
    };
  }
  if (entity === 'people') {
    const p = (r as EntityRecord<'people'>).data;
    return { label: `la personne ${p.label}`, cells: [h('th', { scope: 'row' }, p.label), h('td', null, p.trained === undefined ? '—' : p.trained ? 'Oui' : 'Non')] };
  }
  const l = (r as EntityRecord<'links'>).data;
  const title = linkTitle(l, (id) => names.get(id) ?? id);
  return { label: `le lien « ${title} »`, cells: [h('th', { scope: 'row' }, title), h('td', null, LINK_KIND_LABELS[l.kind]), h('td', null, linkDetails(l, asOf) || '—')] };
}

const HEADS: Record<EntityKind, string[]> = {
  mechanisms: ['Nom', 'Type', 'Statut', 'Territoire', 'Période', 'Actions'],
  people: ['Libellé', 'Formé(e)', 'Actions'],
  links: ['Lien', 'Type', 'Précisions', 'Actions'],
};

function listTable(env: DataScreen, entity: EntityKind, items: AnyRecord[], total: number, names: ReadonlyMap<string, string>, deleteRegion: HTMLElement): HTMLElement {
  // Only the actions this account may take on this record (its role and scope).
  const mayEdit = (r: AnyRecord) => (entity === 'mechanisms' ? can.editMechanism(r.id) : entity === 'links' ? can.editLink((r as EntityRecord<'links'>).data.from, (r as EntityRecord<'links'>).data.to) : can.editPerson());
  const mayDelete = (r: AnyRecord) => mayEdit(r) && (entity !== 'mechanisms' || can.deleteMechanisms());
  const rows = items.map((r) => {
    const { cells, label } = rowOf(entity, r, names, env.state.asOf);
    const actions = h(
      'td',
      { class: 'app-actions' },
      mayEdit(r) ? h('a', { class: 'fr-btn fr-btn--sm fr-btn--tertiary fr-icon-edit-line fr-btn--icon-left', href: env.ctx.href({ params: { modifier: r.id, nouveau: null } }), 'aria-label': `Modifier ${label}` }, 'Modifier') : null,
      mayDelete(r) ? button('Supprimer', () => confirmDelete(env, entity, r, label, deleteRegion), { kind: 'tertiary', small: true, icon: 'fr-icon-delete-line', attrs: { 'aria-label': `Supprimer ${label}` } }) : null,
      mayEdit(r) ? null : h('span', { class: 'fr-text--xs app-mention' }, 'lecture seule'),
    );
    return h('tr', { dataset: { id: r.id } }, cells, actions);
  });
  return h(
    'div',
    { class: 'fr-table fr-table--sm app-data__table' },
    h('table', null, h('caption', null, `${formatInt(total)} ${agree(total, 'fiche')} — ${scopeLabel(env.state.scope)}`), h('thead', null, h('tr', null, HEADS[entity].map((x) => h('th', { scope: 'col', class: x === 'Actions' ? 'app-actions' : undefined }, x)))), h('tbody', null, rows)),
  );
}

function pagination(env: DataScreen, total: number): HTMLElement | null {
  const page = pageOf(env.state.params);
  const pages = Math.ceil(total / PAGE);
  if (pages <= 1) return null;
  const link = (p: number, label: string, cls: string, disabled: boolean) =>
    h('li', null, disabled ? h('a', { class: `fr-pagination__link ${cls}`, 'aria-disabled': 'true', role: 'link' }, label) : h('a', { class: `fr-pagination__link ${cls}`, href: env.ctx.href({ params: { page: p ? String(p) : null } }) }, label));
  return h(
    'nav',
    { role: 'navigation', class: 'fr-pagination fr-mt-2w', 'aria-label': 'Pagination' },
    h(
      'ul',
      { class: 'fr-pagination__list' },
      link(page - 1, 'Page précédente', 'fr-pagination__link--prev fr-pagination__link--lg-label', page === 0),
      h('li', null, h('span', { class: 'fr-pagination__link', 'aria-current': 'page' }, `Page ${page + 1} sur ${pages}`)),
      link(page + 1, 'Page suivante', 'fr-pagination__link--next fr-pagination__link--lg-label', page >= pages - 1),
    ),
  );
}

function confirmDelete(env: DataScreen, entity: EntityKind, record: AnyRecord, label: string, region: HTMLElement, refusal?: ApiError): void {
  const cascade = refusal !== undefined;
  const run = async () => {
    confirmButton.disabled = true;
    try {
      const outcome = await records.remove(entity, record.id, record.version, cascade);
      env.ctx.invalidate();
      const extra = outcome.cascaded.links.length ? ` ainsi que ${plural(outcome.cascaded.links.length, 'lien')}` : outcome.cascaded.mechanisms.length ? ` (retirée de ${plural(outcome.cascaded.mechanisms.length, 'dispositif')})` : '';
      env.flash(alertBox('success', `Suppression effectuée : ${label}${extra}.`, undefined, { small: true }));
      env.refresh();
    } catch (error) {
      const conflict = error instanceof ApiError && error.status === 409;
      // Linked records: say which, and offer to delete them too.
      if (conflict && !cascade && (Array.isArray(error.body.links) || Array.isArray(error.body.mechanisms))) return confirmDelete(env, entity, record, label, region, error);
      if (conflict && error.body.current) {
        const reload = button('Recharger la liste', () => env.refresh(), { small: true, icon: 'fr-icon-refresh-line' });
        return replace(region, alertBox('warning', 'Cette fiche a été modifiée entre-temps', h('p', null, `${error.message}. Rechargez la liste pour voir la version actuelle avant de la supprimer.`), { actions: reload }));
      }
      replace(region, errorAlert(error, 'La suppression a été refusée'));
    }
  };
  const confirmButton = button(cascade ? 'Supprimer avec ses liens' : 'Confirmer la suppression', () => void run(), { icon: 'fr-icon-delete-line' });
  const text = refusal
    ? h('div', null, h('p', null, refusal.message), h('ul', null, refusal.issues.slice(0, 30).map((i) => h('li', null, i.message))), h('p', null, 'Supprimer aussi ces éléments, ou annuler ?'))
    : h('p', null, 'La suppression est enregistrée dans le journal, mais elle ne peut pas être annulée ici.');
  replace(region, alertBox('warning', cascade ? 'Cette fiche est reliée à d’autres' : `Supprimer ${label} ?`, text, { actions: [confirmButton, ' ', button('Annuler', () => replace(region), { kind: 'secondary' })] }));
  confirmButton.focus();
}
