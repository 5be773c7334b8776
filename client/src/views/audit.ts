// Journal: every write with its account, date, action and the state before and after; filters by
// account, mechanism and dates (in the URL); undo of a record's last change when nothing changed it
// since. Administrators see everything, ARS officers their scope (the server filters).
import { AUDIT_ACTION_LABELS, AUDIT_ACTIONS, AUDIT_ENTITIES, AUDIT_ENTITY_LABELS, type AuditAction } from '../../../model/vocabulary.ts';
import { api, cancellable, json, records, type AuditEntry, type AuditPage } from '../api.ts';
import type { AppContext, View, ViewFactory } from '../context.ts';
import { alertBox, button, emptyState, errorAlert, h, replace, uid, viewPage } from '../dom.ts';
import { accountLabel, AUDIT_FILTERS, auditFilters, auditQuery, importSummary, type AuditFilters } from '../lib/audit.ts';
import { entryTitle, fieldChanges, importUndoText, namesNeeded, undoText, type FieldChange, type ImportCounts, type NameBook } from '../lib/audit-changes.ts';
import { uncapitalize } from '../../../model/text.ts';
import { formatDateTime } from '../lib/format.ts';
import { Loader } from '../load.ts';
import { can, session } from '../session.ts';
import { askBeforeUndo, undoImport } from '../ui/undo.ts';

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
      fetch: async (signal) => {
        const page = await json(api.audit.$get({ query: auditQuery(chosen) }, cancellable(signal)));
        return { page, names: await nameBook(ctx, page.items, signal) };
      },
      done: ({ page, names }, signal) => replace(results, journalTable(page, names, { ctx, flash, filters: chosen, signal, reload: () => load(chosen) })),
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

/**
 * The names an entries page needs: mechanisms and people (the API's lists, shared with the other
 * views), the communes and EPCI of changed territories, and the records the entries themselves hold
 * (a deleted one keeps its name there).
 */
async function nameBook(ctx: AppContext, entries: readonly AuditEntry[], signal: AbortSignal): Promise<NameBook> {
  const [mechanisms, people] = await Promise.all([
    ctx.cached('journal|mechanisms', (s) => records.list('mechanisms', { limit: '10000' }, s), signal).catch(() => null),
    ctx.cached('journal|people', (s) => records.list('people', { limit: '10000' }, s), signal).catch(() => null),
  ]);
  const codes = [...namesNeeded(entries).territories].slice(0, 300);
  const described = await Promise.all(codes.map((code) => ctx.cached(`territory:${code}`, (s) => json(api.territories[':code'].$get({ param: { code } }, cancellable(s))), signal).catch(() => null)));
  const mechanismNames = new Map<string, string>();
  const personNames = new Map<string, string>();
  for (const e of entries) {
    const data = (e.after ?? e.before) as { name?: unknown; label?: unknown } | null;
    if (e.entity === 'mechanisms' && e.entityId && typeof data?.name === 'string') mechanismNames.set(e.entityId, data.name);
    if (e.entity === 'people' && e.entityId && typeof data?.label === 'string') personNames.set(e.entityId, data.label);
  }
  for (const r of mechanisms?.items ?? []) mechanismNames.set(r.id, r.data.name);
  for (const r of people?.items ?? []) personNames.set(r.id, r.data.label);
  const territories = new Map(described.filter((d) => d !== null).map((d) => [d.code, d.name]));
  return { mechanism: (id) => mechanismNames.get(id), person: (id) => personNames.get(id), territory: (code) => territories.get(code) };
}

function journalTable(page: AuditPage, names: NameBook, j: JournalContext): HTMLElement {
  const step = j.filters.etape ? alertBox('info', `Les fiches d’une même écriture (version des données ${j.filters.etape}) : un import et chacune des fiches qu’il a créées, modifiées ou supprimées.`, undefined, { small: true }) : null;
  if (page.items.length === 0 && step) return step;
  if (page.items.length === 0) return emptyState('Aucune entrée', Object.keys(j.filters).length ? 'Aucune écriture ne correspond à ces filtres : modifiez-les.' : 'Le journal est vide.');
  const tbody = h('tbody', null, page.items.map((e) => entryRow(e, names, j)));
  const more = h('div', { class: 'fr-mt-2w' });
  const showMore = (next: number | null) =>
    replace(
      more,
      next === null
        ? null
        : button('Entrées plus anciennes', async () => {
            try {
              const older = await json(api.audit.$get({ query: auditQuery(j.filters, next) }, cancellable(j.signal)));
              const olderNames = await nameBook(j.ctx, older.items, j.signal);
              tbody.append(...older.items.map((e) => entryRow(e, olderNames, j)));
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
      h('table', null, h('caption', null, 'Écritures, de la plus récente à la plus ancienne'), h('thead', null, h('tr', null, ['N°', 'Date', 'Compte', 'Action', 'Élément', 'Avant / après', 'Annulation'].map((x) => h('th', { scope: 'col', class: x === 'Annulation' ? 'app-actions' : undefined }, x)))), tbody),
    ),
    more,
  );
}

/** What an entry changed: an import's counts (and the dataset's title or scope), or the fields of its record (avant → après). */
function changesCell(e: AuditEntry, names: NameBook, j: JournalContext): HTMLElement {
  const lines = e.entity === 'dataset' ? datasetChanges(e, names) : fieldChanges(e.entity, e.before, e.after, names);
  // An import's own records are listed on their own page (the step's data version).
  const records = e.entity === 'dataset' && !j.filters.etape ? h('p', { class: 'fr-text--xs fr-mb-0' }, h('a', { class: 'fr-link fr-text--xs', href: j.ctx.href({ params: { ...Object.fromEntries(AUDIT_FILTERS.map((k) => [k, null])), etape: String(e.dataVersion) } }) }, 'Voir ses fiches')) : null;
  if (lines.length === 0) return h('td', null, '—', records);
  const kind = e.before === null ? 'Création' : e.after === null ? 'Suppression' : null;
  return h(
    'td',
    null,
    kind && e.entity !== 'dataset' ? h('p', { class: 'fr-text--xs fr-mb-1v app-mention' }, `${kind} :`) : null,
    h('ul', { class: 'app-changes fr-text--sm' }, lines.map((c) => h('li', null, c.label ? [h('span', { class: 'app-changes__label' }, `${c.label} : `), c.text] : c.text))),
    records,
  );
}

/** A step's counts, one line per kind, then the dataset's own fields it changed (its entry's `before` holds them when it did). */
function datasetChanges(e: AuditEntry, names: NameBook): FieldChange[] {
  const counts = importSummary(e.after).map((text) => ({ label: '', text }));
  const meta = (e.after as { meta?: unknown } | null)?.meta;
  return e.before !== null && meta ? [...counts, ...fieldChanges('dataset', e.before, meta, names)] : counts;
}

function entryRow(e: AuditEntry, names: NameBook, j: JournalContext): HTMLElement {
  // Only a record's last change can be undone (the server refuses older ones); an erased person stays erased.
  const undoable = can.undo() && e.latest && UNDOABLE.has(e.entity) && e.entityId !== null && !(e.entity === 'people' && e.after === null);
  // An import is undone as a whole, from its step (the server refuses it when its records changed since).
  const importStep = can.undo() && e.entity === 'dataset' && e.action === 'import';
  const title = entryTitle(e, names);
  const icon = 'fr-icon-arrow-go-back-line';
  const undo = importStep
    ? button('Annuler l’import', () => confirmImportUndo(e, j), { kind: 'tertiary', small: true, icon, attrs: { 'aria-label': `Annuler l’import n° ${e.seq}` } })
    : undoable
      ? button('Annuler', () => confirmUndo(e, title, names, j), { kind: 'tertiary', small: true, icon, attrs: { 'aria-label': `Annuler la modification n° ${e.seq}` } })
      : null;
  return h(
    'tr',
    { dataset: { seq: String(e.seq), action: e.action, entity: e.entity } },
    h('td', { class: 'app-num' }, String(e.seq)),
    h('td', null, formatDateTime(e.at)),
    h('td', null, accountLabel(e.account)),
    h('td', null, actionLabel(e.action), e.undoOf ? h('span', { class: 'fr-text--xs app-mention' }, ` (de la n° ${e.undoOf})`) : null),
    h('td', null, title),
    changesCell(e, names, j),
    h('td', { class: 'app-actions' }, undo),
  );
}

/** « Annuler » asks first, saying what the undo restores; then undoes and reloads. */
function confirmUndo(e: AuditEntry, title: string, names: NameBook, j: JournalContext): void {
  askBeforeUndo(j.flash, {
    question: `Annuler la modification n° ${e.seq} ?`,
    text: undoText(e, title, names),
    testid: 'annulation',
    run: async () => {
      await api.audit[':seq'].undo.$post({ param: { seq: String(e.seq) } });
      return `Modification n° ${e.seq} annulée : la fiche ${uncapitalize(title)} a retrouvé son état précédent.`;
    },
    failure: `La modification n° ${e.seq} n’a pas été annulée`,
    done: () => (j.ctx.invalidate(), j.reload()),
  });
}

/** « Annuler l’import » asks first too, saying what the whole step restores; a refusal (409) names the records changed since. */
function confirmImportUndo(e: AuditEntry, j: JournalContext): void {
  const after = (e.after ?? {}) as { counts?: ImportCounts; meta?: unknown };
  askBeforeUndo(j.flash, {
    question: `Annuler l’import n° ${e.seq} ?`,
    text: importUndoText(after.counts ?? {}, e.before !== null && after.meta !== undefined),
    testid: 'annulation-import',
    run: async () => `Import n° ${e.seq} annulé : ${await undoImport(e.seq)}.`,
    failure: `L’import n° ${e.seq} n’a pas été annulé`,
    done: () => (j.ctx.invalidate(), j.reload()),
  });
}
