// Journal: every write with its account, date, action and the state before and after; filters by
// account, mechanism and dates (in the URL); undo of a record's last change when nothing changed it
// since. Administrators see everything, ARS officers their scope (the server filters).
import { AUDIT_ACTION_LABELS, AUDIT_ACTIONS, AUDIT_ENTITIES, AUDIT_ENTITY_LABELS, type AuditAction } from '../../../model/vocabulary.ts';
import { api, cancellable, json, type AuditEntry, type AuditPage } from '../api.ts';
import type { AppContext, View, ViewFactory } from '../context.ts';
import { plural } from '../../../model/text.ts';
import { alertBox, button, emptyState, errorAlert, h, replace, uid, viewPage } from '../dom.ts';
import { accountLabel, AUDIT_FILTERS, auditFilters, auditQuery, describeChanges, entityLabel, type AuditFilters } from '../lib/audit.ts';
import { formatDateTime } from '../lib/format.ts';
import { Loader } from '../load.ts';
import { can, session } from '../session.ts';

const UNDOABLE = new Set(['mechanisms', 'people', 'links']);
const actionLabel = (action: string) => (Object.hasOwn(AUDIT_ACTION_LABELS, action) ? AUDIT_ACTION_LABELS[action as AuditAction] : action);

export const auditView: ViewFactory = (root, ctx): View => {
  const flash = h('div', { 'aria-live': 'polite' });
  const results = h('div');
  const loader = Loader.into(results);
  const filters = filterForm(ctx);
  const load = (chosen: AuditFilters) =>
    void loader.run({
      loading: 'Chargement du journal…',
      failure: 'Le journal n’a pas pu être chargé',
      fetch: (signal) => json(api.audit.$get({ query: auditQuery(chosen) }, cancellable(signal))),
      done: (page, signal) => replace(results, journalTable(page, { ctx, flash, filters: chosen, signal, reload: () => load(chosen) })),
    });
  const account = session.account();
  replace(
    root,
    viewPage(
      { title: 'Journal des modifications', class: 'app-audit' },
      h(
        'p',
        { class: 'fr-text--sm app-mention' },
        account?.role === 'admin'
          ? 'Toutes les écritures : qui, quand, quoi, avant et après. La dernière modification d’un dispositif, d’une personne ou d’un lien peut être annulée si rien ne l’a changé depuis.'
          : can.audit()
            ? `Les écritures de votre périmètre (${account?.scopeLabel ?? ''}) et les vôtres. La dernière modification d’une fiche de votre périmètre peut être annulée si rien ne l’a changée depuis.`
            : 'Le journal est réservé aux administrateurs et aux agents d’ARS.',
      ),
      filters.el,
      flash,
      results,
    ),
  );
  const sync = (params: Readonly<Record<string, string>>) => {
    const chosen = auditFilters(params);
    filters.set(chosen);
    load(chosen);
  };
  sync(ctx.state().params);
  return {
    update(next) {
      replace(flash);
      sync(next.params);
    },
    destroy: () => loader.destroy(),
  };
};

function filterForm(ctx: AppContext) {
  const ids = Object.fromEntries(AUDIT_FILTERS.map((k) => [k, uid(k)])) as Record<(typeof AUDIT_FILTERS)[number], string>;
  const input = (key: (typeof AUDIT_FILTERS)[number], type: string, placeholder = '') => h('input', { class: 'fr-input', type, id: ids[key], name: key, placeholder });
  const fields: Record<(typeof AUDIT_FILTERS)[number], HTMLInputElement | HTMLSelectElement> = {
    compte: input('compte', 'search', 'ex. : agent@ars.sante.fr'),
    dispositif: input('dispositif', 'search', 'ex. : clsm-niort'),
    du: input('du', 'date'),
    au: input('au', 'date'),
    entite: h('select', { class: 'fr-select', id: ids.entite, name: 'entite' }, h('option', { value: '' }, 'Tous'), AUDIT_ENTITIES.map((v) => h('option', { value: v }, AUDIT_ENTITY_LABELS[v]))),
    action: h('select', { class: 'fr-select', id: ids.action, name: 'action' }, h('option', { value: '' }, 'Toutes'), AUDIT_ACTIONS.map((v) => h('option', { value: v }, AUDIT_ACTION_LABELS[v]))),
  };
  const group = (key: (typeof AUDIT_FILTERS)[number], label: string, hint?: string) =>
    h('div', { class: key === 'entite' || key === 'action' ? 'fr-select-group' : 'fr-input-group' }, h('label', { class: 'fr-label', for: ids[key] }, label, hint ? h('span', { class: 'fr-hint-text' }, hint) : null), fields[key]);
  const show = (chosen: AuditFilters) => ctx.navigate({ params: { ...Object.fromEntries(AUDIT_FILTERS.map((k) => [k, chosen[k] ?? null])), etape: null } });
  const el = h(
    'form',
    { class: 'app-filters__row app-audit__filters', role: 'search', 'aria-label': 'Filtrer le journal' },
    group('compte', 'Compte', 'Adresse ou numéro'),
    group('dispositif', 'Dispositif', 'Identifiant : le dispositif et ses liens'),
    group('du', 'Du'),
    group('au', 'Au'),
    group('entite', 'Élément'),
    group('action', 'Action'),
    h('div', { class: 'app-audit__buttons' }, button('Filtrer', () => {}, { type: 'submit', icon: 'fr-icon-search-line' }), ' ', button('Tout afficher', () => show({}), { kind: 'secondary' })),
  );
  el.addEventListener('submit', (e) => {
    e.preventDefault();
    show(auditFilters(Object.fromEntries(AUDIT_FILTERS.map((k) => [k, fields[k].value]))));
  });
  return { el, set: (chosen: AuditFilters) => AUDIT_FILTERS.forEach((k) => (fields[k].value = chosen[k] ?? '')) };
}

interface JournalContext {
  ctx: AppContext;
  flash: HTMLElement;
  filters: AuditFilters;
  signal: AbortSignal;
  reload(): void;
}

function journalTable(page: AuditPage, j: JournalContext): HTMLElement {
  const step = j.filters.etape ? alertBox('info', `Les fiches d’une même écriture (version des données ${j.filters.etape}) : un import et chacune des fiches qu’il a créées, modifiées ou supprimées.`, undefined, { small: true }) : null;
  if (page.items.length === 0 && step) return step;
  if (page.items.length === 0) return emptyState('Aucune entrée', Object.keys(j.filters).length ? 'Aucune écriture ne correspond à ces filtres : modifiez-les.' : 'Le journal est vide.');
  const tbody = h('tbody', null, page.items.map((e) => entryRow(e, j)));
  const more = h('div', { class: 'fr-mt-2w' });
  const showMore = (next: number | null) =>
    replace(
      more,
      next === null
        ? null
        : button('Entrées plus anciennes', async () => {
            try {
              const older = await json(api.audit.$get({ query: auditQuery(j.filters, next) }, cancellable(j.signal)));
              tbody.append(...older.items.map((e) => entryRow(e, j)));
              showMore(older.next);
            } catch (error) {
              if (!j.signal.aborted) replace(more, errorAlert(error, 'Les entrées plus anciennes n’ont pas pu être chargées'));
            }
          }, { kind: 'secondary', icon: 'fr-icon-arrow-go-back-line' }),
    );
  showMore(page.next);
  return h(
    'div',
    null,
    step,
    h(
      'div',
      { class: 'fr-table fr-table--sm app-audit__table' },
      h('table', null, h('caption', null, 'Écritures, de la plus récente à la plus ancienne'), h('thead', null, h('tr', null, ['N°', 'Date', 'Compte', 'Action', 'Élément', 'Changements', 'Annulation'].map((x) => h('th', { scope: 'col' }, x)))), tbody),
    ),
    more,
  );
}

/** « Annuler l’import »: the whole step at once (409 listing the records changed since, shown as issues). */
function importUndo(e: AuditEntry, j: JournalContext): HTMLElement {
  return button(
    'Annuler l’import',
    async (event) => {
      const b = event.currentTarget as HTMLButtonElement;
      b.disabled = true;
      try {
        const done = await json(api.audit[':seq'].undo.$post({ param: { seq: String(e.seq) } }));
        j.ctx.invalidate();
        const diff = 'reverted' in done && done.reverted ? done.reverted.diff : undefined;
        const count = diff ? (['mechanisms', 'people', 'links'] as const).reduce((n, k) => n + diff[k].created.length + diff[k].updated.length + diff[k].removed.length, 0) : 0;
        replace(j.flash, alertBox('success', `Import n° ${e.seq} annulé : ${plural(count, 'fiche remise', 'fiches remises')} dans leur état d’avant, en une seule étape.`, undefined, { small: true }));
        j.reload();
      } catch (error) {
        b.disabled = false;
        replace(j.flash, errorAlert(error, `L’import n° ${e.seq} n’a pas été annulé`));
      }
    },
    { kind: 'tertiary', small: true, icon: 'fr-icon-arrow-go-back-line', attrs: { 'aria-label': `Annuler l’import n° ${e.seq}` } },
  );
}

function entryRow(e: AuditEntry, j: JournalContext): HTMLElement {
  const importStep = e.entity === 'dataset' && e.action === 'import';
  // Only a record's last change can be undone (the server refuses older ones); an erased person stays erased.
  const undoable = can.undo() && e.latest && UNDOABLE.has(e.entity) && e.entityId !== null && !(e.entity === 'people' && e.after === null);
  const undo = importStep && can.undo() ? importUndo(e, j) : undoable
    ? button(
        'Annuler',
        async (event) => {
          const b = event.currentTarget as HTMLButtonElement;
          b.disabled = true;
          try {
            await api.audit[':seq'].undo.$post({ param: { seq: String(e.seq) } });
            j.ctx.invalidate();
            replace(j.flash, alertBox('success', `Modification n° ${e.seq} annulée : ${entityLabel(e.entity).toLowerCase()} « ${e.entityId} » est revenu à son état précédent.`, undefined, { small: true }));
            j.reload();
          } catch (error) {
            b.disabled = false;
            replace(j.flash, errorAlert(error, `La modification n° ${e.seq} n’a pas été annulée`));
          }
        },
        { kind: 'tertiary', small: true, icon: 'fr-icon-arrow-go-back-line', attrs: { 'aria-label': `Annuler la modification n° ${e.seq}` } },
      )
    : null;
  const state = (label: string, value: unknown) => h('div', null, h('p', { class: 'fr-text--xs fr-mb-1v' }, h('strong', null, label)), h('pre', { class: 'app-audit__json', tabindex: '0' }, value === null ? '—' : JSON.stringify(value, null, 2)));
  const detail = h('details', { class: 'app-audit__detail' }, h('summary', { class: 'fr-text--sm' }, 'Avant / après'), h('div', { class: 'app-audit__states' }, state('Avant', e.before), state('Après', e.after)));
  return h(
    'tr',
    { dataset: { seq: String(e.seq), action: e.action, entity: e.entity } },
    h('td', { class: 'app-num' }, String(e.seq)),
    h('td', null, formatDateTime(e.at)),
    h('td', null, accountLabel(e.account)),
    h('td', null, actionLabel(e.action), e.undoOf ? h('span', { class: 'fr-text--xs app-mention' }, ` (de la n° ${e.undoOf})`) : null),
    h('td', null, entityLabel(e.entity), e.entityId ? h('span', null, ' ', h('code', { class: 'fr-text--xs' }, e.entityId)) : null),
    h(
      'td',
      null,
      describeChanges(e).join(', ') || '—',
      e.entity === 'dataset' && !j.filters.etape ? h('span', null, ' ', h('a', { class: 'fr-link fr-text--xs', href: j.ctx.href({ params: { ...Object.fromEntries(AUDIT_FILTERS.map((k) => [k, null])), etape: String(e.dataVersion) } }) }, 'Voir ses fiches')) : null,
      detail,
    ),
    h('td', { class: 'app-actions' }, undo),
  );
}
