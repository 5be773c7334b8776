// Journal: every write with its account, date, action and the state before and after; filters by
// account, mechanism and dates (in the URL: #/journal?compte=…&dispositif=…&du=…&au=…); undo of a
// record's last change when nothing changed it since. Administrators see everything, ARS officers
// their scope (the server filters).
import { queryString, request, type Query } from '../api.ts';
import type { AppContext, View, ViewFactory } from '../context.ts';
import { alertBox, button, emptyState, errorAlert, h, loading, replace, uid } from '../dom.ts';
import { can, session } from '../session.ts';

// The journal entry as the API sends it (type only: erased from the bundle).
export type { AuditEntry } from '../../../server/store.ts';
import type { AuditEntry } from '../../../server/store.ts';

export const ACTION_LABELS: Record<string, string> = {
  create: 'Création',
  update: 'Modification',
  delete: 'Suppression',
  import: 'Import',
  seed: 'Jeu de démonstration',
  undo: 'Annulation',
  password: 'Mot de passe',
  revoke: 'Révocation',
};
export const ENTITY_LABELS: Record<string, string> = {
  mechanisms: 'Dispositif',
  people: 'Personne',
  links: 'Lien',
  dataset: 'Jeu de données',
  accounts: 'Compte',
  tokens: 'Jeton d’accès',
};
const FIELD_LABELS: Record<string, string> = {
  name: 'nom',
  kind: 'type',
  status: 'statut',
  territory: 'territoire',
  dates: 'dates',
  priorities: 'priorités',
  objectives: 'objectifs',
  themes: 'thèmes',
  mentalHealthComponent: 'volet santé mentale',
  governance: 'gouvernance',
  coordinators: 'coordination',
  label: 'libellé',
  email: 'adresse électronique',
  phone: 'téléphone',
  trained: 'formation',
  from: 'de',
  to: 'vers',
  stage: 'étape',
  date: 'date',
  opinion: 'sens de l’avis',
  forms: 'formes',
  role: 'rôle',
  scope: 'périmètre',
  disabled: 'état',
  hasPassword: 'mot de passe',
  revokedAt: 'révocation',
};
const UNDOABLE = new Set(['mechanisms', 'people', 'links']);
const FILTERS = ['compte', 'dispositif', 'du', 'au', 'entite', 'action'] as const;
type Filters = Partial<Record<(typeof FILTERS)[number], string>>;

/** The fields that differ between two states, in French. */
export function changedFields(before: unknown, after: unknown): string[] {
  const a = (before && typeof before === 'object' ? before : {}) as Record<string, unknown>;
  const b = (after && typeof after === 'object' ? after : {}) as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((k) => k !== 'id');
  return keys.filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k])).map((k) => (Object.hasOwn(FIELD_LABELS, k) ? FIELD_LABELS[k] : k)); // k may be any extra field, `constructor` included
}

/** An import's summary entry: « dispositifs : 1 modifié ; liens : 2 créés ». */
export function importSummary(after: unknown): string[] {
  const counts = (after as { counts?: Record<string, { created: number; updated: number; removed: number }> } | null)?.counts;
  if (!counts) return [];
  const names: Record<string, string> = { mechanisms: 'dispositifs', people: 'personnes', links: 'liens' };
  const part = (n: number, word: string) => (n ? `${n} ${word}${n > 1 ? 's' : ''}` : '');
  return Object.entries(counts)
    .map(([k, c]) => [part(c.created, 'créé'), part(c.updated, 'modifié'), part(c.removed, 'supprimé')].filter(Boolean).join(', ') && `${names[k] ?? k} : ${[part(c.created, 'créé'), part(c.updated, 'modifié'), part(c.removed, 'supprimé')].filter(Boolean).join(', ')}`)
    .filter(Boolean) as string[];
}

export function accountLabel(account: AuditEntry['account']): string {
  if (!account) return 'Système (jeu de démonstration ou console)';
  if (account.email === null) return `Compte n° ${account.id} (supprimé)`;
  return account.name ? `${account.name} (${account.email})` : account.email;
}

const dateTime = (iso: string) => new Date(iso).toLocaleString('fr-FR', { dateStyle: 'short', timeStyle: 'medium' });

function readFilters(): Filters {
  const [, query = ''] = location.hash.split('?');
  const params = new URLSearchParams(query);
  const out: Filters = {};
  for (const key of FILTERS) {
    const value = params.get(key)?.trim();
    if (value) out[key] = value;
  }
  return out;
}

function writeFilters(filters: Filters): void {
  const params = new URLSearchParams();
  for (const key of FILTERS) if (filters[key]) params.set(key, filters[key]!);
  const query = params.toString();
  const hash = `#/journal${query ? `?${query}` : ''}`;
  if (hash !== location.hash) location.hash = hash;
}

export const auditView: ViewFactory = (root, ctx: AppContext): View => {
  let controller: AbortController | null = null;
  const flash = h('div', { 'aria-live': 'polite' });
  const results = h('div');
  const ids = Object.fromEntries(FILTERS.map((k) => [k, uid(k)])) as Record<(typeof FILTERS)[number], string>;
  const input = (key: (typeof FILTERS)[number], type: string, placeholder = '') => h('input', { class: 'fr-input', type, id: ids[key], name: key, placeholder });
  const fields = {
    compte: input('compte', 'search', 'ex. : agent@ars.sante.fr'),
    dispositif: input('dispositif', 'search', 'ex. : clsm-niort'),
    du: input('du', 'date'),
    au: input('au', 'date'),
    entite: h('select', { class: 'fr-select', id: ids.entite, name: 'entite' }, h('option', { value: '' }, 'Tous'), Object.entries(ENTITY_LABELS).map(([v, l]) => h('option', { value: v }, l))),
    action: h('select', { class: 'fr-select', id: ids.action, name: 'action' }, h('option', { value: '' }, 'Toutes'), Object.entries(ACTION_LABELS).map(([v, l]) => h('option', { value: v }, l))),
  };
  const group = (key: (typeof FILTERS)[number], label: string, hint?: string) =>
    h('div', { class: key === 'entite' || key === 'action' ? 'fr-select-group' : 'fr-input-group' }, h('label', { class: 'fr-label', for: ids[key] }, label, hint ? h('span', { class: 'fr-hint-text' }, hint) : null), fields[key]);
  const form = h(
    'form',
    { class: 'app-filters__row app-audit__filters', role: 'search', 'aria-label': 'Filtrer le journal' },
    group('compte', 'Compte', 'Adresse ou numéro'),
    group('dispositif', 'Dispositif', 'Identifiant : le dispositif et ses liens'),
    group('du', 'Du'),
    group('au', 'Au'),
    group('entite', 'Élément'),
    group('action', 'Action'),
    h('div', { class: 'app-audit__buttons' }, button('Filtrer', () => {}, { type: 'submit', icon: 'fr-icon-search-line' }), ' ', button('Tout afficher', () => writeFilters({}), { kind: 'secondary' })),
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const next: Filters = {};
    for (const key of FILTERS) {
      const value = (fields[key] as HTMLInputElement | HTMLSelectElement).value.trim();
      if (value) next[key] = value;
    }
    writeFilters(next);
  });

  const me = session.me();
  replace(
    root,
    h(
      'div',
      { class: 'fr-container fr-py-4w app-audit' },
      h('h1', { class: 'fr-h3' }, 'Journal des modifications'),
      h(
        'p',
        { class: 'fr-text--sm app-mention' },
        me.account?.role === 'admin'
          ? 'Toutes les écritures : qui, quand, quoi, avant et après. La dernière modification d’un dispositif, d’une personne ou d’un lien peut être annulée si rien ne l’a changé depuis.'
          : can.audit()
            ? `Les écritures de votre périmètre (${me.account?.scopeLabel ?? ''}) et les vôtres. La dernière modification d’une fiche de votre périmètre peut être annulée si rien ne l’a changée depuis.`
            : 'Le journal est réservé aux administrateurs et aux agents d’ARS.',
      ),
      form,
      flash,
      results,
    ),
  );

  async function load(filters: Filters, before?: number, into?: HTMLElement) {
    controller?.abort();
    controller = new AbortController();
    const signal = controller.signal;
    const query: Query = {
      account: filters.compte,
      mechanism: filters.dispositif,
      from: filters.du,
      to: filters.au,
      entity: filters.entite,
      action: filters.action,
      limit: 50,
      before,
    };
    const target = into ?? results;
    if (!into) replace(results, loading('Chargement du journal…'));
    try {
      const page = await request<{ items: AuditEntry[]; next: number | null }>(`/audit${queryString(query)}`, { signal });
      if (signal.aborted) return;
      if (!into && page.items.length === 0) {
        replace(results, emptyState('Aucune entrée', Object.keys(filters).length ? 'Aucune écriture ne correspond à ces filtres : modifiez-les.' : 'Le journal est vide.'));
        return;
      }
      const rows = page.items.flatMap((e) => entryRows(e, filters));
      if (!into) {
        const tbody = h('tbody', null, rows);
        const more = h('div', { class: 'fr-mt-2w' });
        replace(
          results,
          h(
            'div',
            { class: 'fr-table fr-table--sm app-audit__table' },
            h(
              'table',
              null,
              h('caption', null, 'Écritures, de la plus récente à la plus ancienne'),
              h('thead', null, h('tr', null, ['N°', 'Date', 'Compte', 'Action', 'Élément', 'Changements', ''].map((x) => h('th', { scope: 'col' }, x)))),
              tbody,
            ),
          ),
          more,
        );
        setMore(more, tbody, page.next, filters);
      } else {
        target.append(...rows);
      }
      return page.next;
    } catch (error) {
      if (signal.aborted) return;
      replace(results, errorAlert(error, 'Le journal n’a pas pu être chargé'));
    }
  }

  function setMore(more: HTMLElement, tbody: HTMLElement, next: number | null, filters: Filters) {
    replace(
      more,
      next === null
        ? null
        : button(
            'Entrées plus anciennes',
            async () => {
              const again = await load(filters, next, tbody);
              setMore(more, tbody, again ?? null, filters);
            },
            { kind: 'secondary', icon: 'fr-icon-arrow-go-back-line' },
          ),
    );
  }

  function entryRows(e: AuditEntry, filters: Filters): HTMLElement[] {
    const changes = e.entity === 'dataset' ? importSummary(e.after) : e.before === null ? (e.after === null ? [] : ['création']) : e.after === null ? ['suppression'] : changedFields(e.before, e.after);
    // Only a record's last change can be undone (the server refuses older ones).
    const undoable = can.undo() && e.latest && UNDOABLE.has(e.entity) && e.entityId !== null && !(e.entity === 'people' && e.after === null);
    const undo = undoable
      ? button(
          'Annuler',
          async (event) => {
            const b = event.currentTarget as HTMLButtonElement;
            b.disabled = true;
            try {
              await request(`/audit/${e.seq}/undo`, { method: 'POST' });
              ctx.invalidate();
              replace(flash, alertBox('success', `Modification n° ${e.seq} annulée : ${ENTITY_LABELS[e.entity]?.toLowerCase() ?? e.entity} « ${e.entityId} » est revenu à son état précédent.`, undefined, { small: true }));
              await load(filters);
            } catch (error) {
              b.disabled = false;
              replace(flash, errorAlert(error, `La modification n° ${e.seq} n’a pas été annulée`));
            }
          },
          { kind: 'tertiary', small: true, icon: 'fr-icon-arrow-go-back-line', attrs: { 'aria-label': `Annuler la modification n° ${e.seq}` } },
        )
      : null;
    const detail = h(
      'details',
      { class: 'app-audit__detail' },
      h('summary', { class: 'fr-text--sm' }, 'Avant / après'),
      h(
        'div',
        { class: 'app-audit__states' },
        h('div', null, h('p', { class: 'fr-text--xs fr-mb-1v' }, h('strong', null, 'Avant')), h('pre', { class: 'app-audit__json' }, e.before === null ? '—' : JSON.stringify(e.before, null, 2))),
        h('div', null, h('p', { class: 'fr-text--xs fr-mb-1v' }, h('strong', null, 'Après')), h('pre', { class: 'app-audit__json' }, e.after === null ? '—' : JSON.stringify(e.after, null, 2))),
      ),
    );
    return [
      h(
        'tr',
        { dataset: { seq: String(e.seq), action: e.action, entity: e.entity } },
        h('td', { class: 'app-num' }, String(e.seq)),
        h('td', null, dateTime(e.at)),
        h('td', null, accountLabel(e.account)),
        h('td', null, ACTION_LABELS[e.action] ?? e.action, e.undoOf ? h('span', { class: 'fr-text--xs app-mention' }, ` (de la n° ${e.undoOf})`) : null),
        h('td', null, ENTITY_LABELS[e.entity] ?? e.entity, e.entityId ? h('span', null, ' ', h('code', { class: 'fr-text--xs' }, e.entityId)) : null),
        h('td', null, changes.join(', ') || '—', detail),
        h('td', { class: 'app-actions' }, undo),
      ),
    ];
  }

  function sync() {
    const filters = readFilters();
    for (const key of FILTERS) (fields[key] as HTMLInputElement | HTMLSelectElement).value = filters[key] ?? '';
    void load(filters);
  }
  sync();

  return {
    update() {
      replace(flash);
      sync();
    },
    destroy() {
      controller?.abort();
    },
  };
};
