// Données: create, edit and delete mechanisms, people and links; import an articulation/1
// file with a dry-run preview (problems with their paths, then the diff) before confirming;
// export JSON, GEXF, GraphML. Long operations show their progress.
import type { Link, Mechanism, Person, StoredLink } from '../../../model/schema.ts';
import { LINK_KIND_LABELS, MECHANISM_KINDS, MECHANISM_KIND_LABELS, MECHANISM_STATUSES, MECHANISM_STATUS_LABELS, type LinkKind, type MechanismKind } from '../../../model/vocabulary.ts';
import { api, ApiError, downloadWithProgress, postWithProgress, queryString, type EntityKind, type EntityRecord, type ImportOutcome, type ListResult } from '../api.ts';
import type { View, ViewFactory } from '../context.ts';
import { alertBox, button, debounce, emptyState, errorAlert, h, loading, progressBar, replace, saveBlob, uid } from '../dom.ts';
import { formatDate, formatInt, plural } from '../lib/format.ts';
import { apiScopeParams, scopeKey, type AppState } from '../lib/state.ts';
import { scopeLabel } from '../lib/territories.ts';
import { can, session } from '../session.ts';
import { linkForm, mechanismForm, personForm, type MechanismOption } from './data-forms.ts';

const TABS = [
  { id: 'dispositifs', label: 'Dispositifs', entity: 'mechanisms' as const },
  { id: 'personnes', label: 'Personnes', entity: 'people' as const },
  { id: 'liens', label: 'Liens', entity: 'links' as const },
  { id: 'import', label: 'Import et export', entity: null },
] as const;
type TabId = (typeof TABS)[number]['id'];
const PAGE = 50;

export const dataView: ViewFactory = (root, ctx): View => {
  let state = ctx.state();
  let controller: AbortController | null = null;
  let formHandle: { destroy(): void } | null = null;
  /** A message to show after the navigation that follows it (e.g. « enregistré » back on the list). */
  let pendingFlash: HTMLElement | null = null;
  let renderedKey = '';

  const tabName = uid('onglet');
  const tabInputs = new Map<TabId, HTMLInputElement>();
  const tabs = h(
    'fieldset',
    { class: 'fr-segmented app-data__tabs' },
    h('legend', { class: 'fr-segmented__legend fr-sr-only' }, 'Type de données'),
    h(
      'div',
      { class: 'fr-segmented__elements' },
      TABS.map((t) => {
        const id = `${tabName}-${t.id}`;
        const input = h('input', { type: 'radio', id, name: tabName, value: t.id });
        input.addEventListener('change', () => input.checked && ctx.navigate({ params: { onglet: t.id === 'dispositifs' ? null : t.id, modifier: null, nouveau: null, page: null, q: null, type: null, statut: null } }));
        tabInputs.set(t.id, input);
        return h('div', { class: 'fr-segmented__element' }, input, h('label', { class: 'fr-label', for: id }, t.label));
      }),
    ),
  );
  const flashRegion = h('div', { 'aria-live': 'polite' });
  const body = h('div', { class: 'app-data__body' });
  replace(
    root,
    h(
      'div',
      { class: 'fr-container fr-py-4w app-data' },
      h('h1', { class: 'fr-h3' }, 'Données'),
      h('p', { class: 'fr-text--sm app-mention' }, 'Dispositifs, personnes et liens enregistrés. Les listes suivent le territoire choisi en haut de page ; l’import et l’export portent sur tout le jeu de données.'),
      tabs,
      flashRegion,
      body,
    ),
  );

  const tab = (): TabId => (TABS.some((t) => t.id === state.params.onglet) ? (state.params.onglet as TabId) : 'dispositifs');

  function showFlash(el: HTMLElement | null) {
    replace(flashRegion, el);
  }

  function render(force = false) {
    const key = JSON.stringify([tab(), state.params.modifier, state.params.nouveau, state.params.page, state.params.q, state.params.type, state.params.statut, scopeKey(state.scope), state.params.de, state.params.vers, state.params.etape]);
    for (const [id, input] of tabInputs) input.checked = id === tab();
    if (key === renderedKey && !force) return;
    renderedKey = key;
    controller?.abort();
    controller = new AbortController();
    formHandle?.destroy();
    formHandle = null;
    const t = TABS.find((x) => x.id === tab())!;
    if (t.entity === null) return renderImportExport();
    if (state.params.modifier) return void openForm(t.entity, state.params.modifier, controller.signal);
    if (state.params.nouveau) return void openForm(t.entity, null, controller.signal);
    void renderList(t.entity, controller.signal);
  }

  function backToList(message?: string) {
    pendingFlash = message ? alertBox('success', message, undefined, { small: true }) : null;
    ctx.navigate({ params: { modifier: null, nouveau: null, de: null, vers: null, etape: null, type: null } });
  }

  // ------------------------------------------------------------------ forms
  /** Why this account cannot use the form (its role or scope), or null. The server checks again. */
  function formRefusal(entity: EntityKind, id: string | null, link?: { from: string; to: string }): string | null {
    const role = session.me().account?.roleLabel ?? 'visiteur';
    if (!can.write()) return `Votre rôle (${role}) permet de consulter les données, pas de les modifier.`;
    if (entity === 'mechanisms' && id === null && !can.createMechanisms()) return `Votre rôle (${role}) ne permet pas de créer un dispositif : demandez-le à l’ARS.`;
    if (entity === 'mechanisms' && id !== null && !can.editMechanism(id)) return `Ce dispositif n’est pas dans votre périmètre (${session.me().account?.scopeLabel ?? ''}).`;
    if (entity === 'links' && link && !can.editLink(link.from, link.to)) return `Ce lien ne touche aucun dispositif de votre périmètre (${session.me().account?.scopeLabel ?? ''}).`;
    return null;
  }

  function refused(message: string) {
    replace(body, backLink(), alertBox('info', 'Modification non autorisée', h('p', null, message, ' Un administrateur de l’application peut modifier vos droits.')));
  }

  async function openForm(entity: EntityKind, id: string | null, signal: AbortSignal) {
    // An existing link is checked once loaded (its ends decide); a prefilled one by its ends.
    const prefilled = state.params.de && state.params.vers ? { from: state.params.de, to: state.params.vers } : undefined;
    const early = entity === 'links' ? formRefusal('links', null, id === null ? prefilled : undefined) : formRefusal(entity, id);
    if (early) return refused(early);
    replace(body, loading(id ? 'Chargement de la fiche…' : 'Préparation du formulaire…'));
    try {
      const callbacks = {
        onDone: (message: string) => backToList(message),
        onCancel: () => backToList(),
      };
      const container = h('div');
      if (entity === 'mechanisms') {
        const [record, people] = await Promise.all([id ? api.get('mechanisms', id, signal) : Promise.resolve(null), api.list('people', { limit: 10000 }, signal)]);
        if (signal.aborted) return;
        replace(body, backLink(), container);
        const prefill = id ? {} : { ...(state.params.type && (MECHANISM_KINDS as readonly string[]).includes(state.params.type) ? { kind: state.params.type } : {}) };
        formHandle = mechanismForm(container, ctx, record, people.items.map((p) => ({ id: p.id, label: p.data.label })), callbacks, prefill);
      } else if (entity === 'people') {
        const record = id ? await api.get('people', id, signal) : null;
        if (signal.aborted) return;
        replace(body, backLink(), container);
        formHandle = personForm(container, ctx, record, callbacks);
      } else {
        const scope = apiScopeParams(state);
        const [record, list] = await Promise.all([
          id ? api.get('links', id, signal) : Promise.resolve(null),
          api.list('mechanisms', { ...(scope.departement ? { departement: scope.departement } : {}), ...(scope.region ? { region: scope.region } : {}), limit: 10000 }, signal),
        ]);
        if (signal.aborted) return;
        if (record) {
          const refusal = formRefusal('links', record.id, record.data);
          if (refusal) return refused(refusal);
        }
        const options: MechanismOption[] = list.items.map((r) => ({ id: r.id, name: r.data.name, kind: r.data.kind }));
        // The ends of a prefilled or edited link may lie outside the scope: fetch them too.
        const wanted = [record?.data.from, record?.data.to, state.params.de, state.params.vers].filter((x): x is string => Boolean(x) && !options.some((o) => o.id === x));
        for (const extra of await Promise.all(wanted.map((w) => api.get('mechanisms', w, signal).catch(() => null)))) {
          if (extra) options.push({ id: extra.id, name: extra.data.name, kind: extra.data.kind });
        }
        if (signal.aborted) return;
        replace(body, backLink(), container);
        const prefill: Partial<Link> = id
          ? {}
          : {
              ...(state.params.type ? { kind: state.params.type as LinkKind } : {}),
              ...(state.params.de ? { from: state.params.de } : {}),
              ...(state.params.vers ? { to: state.params.vers } : {}),
              ...(state.params.etape === 'diagnostic' || state.params.etape === 'projet' ? { stage: state.params.etape } : {}),
            };
        if (!id && prefill.from) {
          showFlash(alertBox('info', 'Lien proposé par un constat', 'Le formulaire est prérempli avec le lien que les règles attendent. Complétez la date et, pour un avis, son sens, puis enregistrez : le constat disparaîtra.', { small: true }));
        }
        formHandle = linkForm(container, ctx, record, options, callbacks, prefill);
      }
    } catch (error) {
      if (signal.aborted) return;
      replace(body, backLink(), errorAlert(error, id ? `La fiche « ${id} » n’a pas pu être chargée` : 'Le formulaire n’a pas pu être préparé'));
    }
  }

  function backLink() {
    const a = h('a', { class: 'fr-link fr-icon-arrow-go-back-line fr-link--icon-left fr-mb-2w app-back', href: ctx.href({ params: { modifier: null, nouveau: null, de: null, vers: null, etape: null } }) }, 'Retour à la liste');
    return h('p', null, a);
  }

  // ------------------------------------------------------------------ lists
  async function renderList(entity: EntityKind, signal: AbortSignal) {
    const page = Math.max(0, Number(state.params.page ?? 0) || 0);
    const scope = apiScopeParams(state);
    const q = state.params.q ?? '';
    const filters = h('form', { class: 'app-filters__row app-data__filters', role: 'search', 'aria-label': 'Filtrer la liste', onsubmit: (e: Event) => e.preventDefault() });
    const qId = uid('q');
    const qInput = h('input', { class: 'fr-input', type: 'search', id: qId, name: 'q', value: q, placeholder: entity === 'links' ? 'ex. : avis niort' : 'ex. : niort' });
    const typed = debounce(() => ctx.navigate({ params: { q: qInput.value.trim() || null, page: null } }, { replace: true }), 300);
    qInput.addEventListener('input', typed);
    filters.appendChild(h('div', { class: 'fr-input-group' }, h('label', { class: 'fr-label', for: qId }, 'Rechercher', h('span', { class: 'fr-hint-text' }, 'Nom ou identifiant, sans tenir compte des accents')), qInput));
    if (entity === 'mechanisms' || entity === 'links') {
      const typeId = uid('type');
      const typeSelect = h(
        'select',
        { class: 'fr-select', id: typeId, name: 'type' },
        h('option', { value: '' }, 'Tous'),
        entity === 'mechanisms' ? MECHANISM_KINDS.map((k) => h('option', { value: k }, `${k} — ${MECHANISM_KIND_LABELS[k]}`)) : Object.entries(LINK_KIND_LABELS).map(([k, l]) => h('option', { value: k }, l)),
      );
      typeSelect.value = state.params.type ?? '';
      typeSelect.addEventListener('change', () => ctx.navigate({ params: { type: typeSelect.value || null, page: null } }, { replace: true }));
      filters.appendChild(h('div', { class: 'fr-select-group' }, h('label', { class: 'fr-label', for: typeId }, 'Type'), typeSelect));
    }
    if (entity === 'mechanisms') {
      const statusId = uid('statut');
      const statusSelect = h('select', { class: 'fr-select', id: statusId, name: 'statut' }, h('option', { value: '' }, 'Tous'), MECHANISM_STATUSES.map((s) => h('option', { value: s }, MECHANISM_STATUS_LABELS[s])));
      statusSelect.value = state.params.statut ?? '';
      statusSelect.addEventListener('change', () => ctx.navigate({ params: { statut: statusSelect.value || null, page: null } }, { replace: true }));
      filters.appendChild(h('div', { class: 'fr-select-group' }, h('label', { class: 'fr-label', for: statusId }, 'Statut'), statusSelect));
    }
    const addLabel = entity === 'mechanisms' ? 'Ajouter un dispositif' : entity === 'people' ? 'Ajouter une personne' : 'Ajouter un lien';
    const mayAdd = entity === 'mechanisms' ? can.createMechanisms() : entity === 'people' ? can.createPeople() : can.write();
    const add = mayAdd
      ? h('a', { class: 'fr-btn fr-icon-add-line fr-btn--icon-left', href: ctx.href({ params: { nouveau: '1', modifier: null } }) }, addLabel)
      : h('p', { class: 'fr-text--sm app-mention app-data__readonly' }, can.write() ? '' : 'Lecture seule : votre rôle ne permet pas de modifier les données.');
    const results = h('div', null, loading('Chargement de la liste…'));
    const deleteRegion = h('div', { 'aria-live': 'polite' });
    replace(body, h('div', { class: 'app-data__toolbar' }, filters, add), deleteRegion, results);
    if (document.activeElement === document.body && q) qInput.focus();
    try {
      const query = {
        ...(scope.departement ? { departement: scope.departement } : {}),
        ...(scope.region ? { region: scope.region } : {}),
        ...(q ? { q } : {}),
        ...(state.params.type ? { kind: state.params.type } : {}),
        ...(state.params.statut ? { status: state.params.statut } : {}),
        limit: PAGE,
        offset: page * PAGE,
      };
      const list = (await api.list(entity, query, signal)) as ListResult<Mechanism | Person | StoredLink>;
      if (signal.aborted) return;
      // Names of link ends, for readable rows.
      let names = new Map<string, string>();
      if (entity === 'links' && list.items.length) {
        const all = await ctx.cached(`mechanisms|${scopeKey(state.scope)}`, () => api.list('mechanisms', { ...(scope.departement ? { departement: scope.departement } : {}), ...(scope.region ? { region: scope.region } : {}), limit: 10000 }));
        names = new Map(all.items.map((r) => [r.id, r.data.name]));
      }
      if (signal.aborted) return;
      if (list.total === 0) {
        const filtered = Boolean(q || state.params.type || state.params.statut);
        replace(
          results,
          emptyState(
            filtered ? 'Aucun résultat' : 'Rien d’enregistré sur ce territoire',
            filtered
              ? 'Aucune fiche ne correspond à la recherche ou aux filtres : modifiez-les.'
              : `Aucune fiche pour ${scopeLabel(state.scope)}. Ajoutez-en une avec le bouton « ${addLabel} », importez un fichier dans « Import et export », ou choisissez un autre territoire en haut de page.`,
          ),
        );
        return;
      }
      replace(results, listTable(entity, list, names, deleteRegion), pagination(list.total, page));
    } catch (error) {
      if (signal.aborted) return;
      replace(results, errorAlert(error, 'La liste n’a pas pu être chargée', button('Réessayer', () => render(true), { kind: 'secondary', small: true })));
    }
  }

  function listTable(entity: EntityKind, list: ListResult<Mechanism | Person | StoredLink>, names: Map<string, string>, deleteRegion: HTMLElement) {
    // Only the actions this account may take on this record (its role and scope).
    const mayEdit = (r: EntityRecord<unknown>) =>
      entity === 'mechanisms' ? can.editMechanism(r.id) : entity === 'links' ? can.editLink((r.data as StoredLink).from, (r.data as StoredLink).to) : can.editPerson();
    const mayDelete = (r: EntityRecord<unknown>) => mayEdit(r) && (entity !== 'mechanisms' || can.deleteMechanisms());
    const actions = (r: EntityRecord<unknown>, label: string) =>
      h(
        'td',
        { class: 'app-actions' },
        mayEdit(r) ? h('a', { class: 'fr-btn fr-btn--sm fr-btn--tertiary fr-icon-edit-line fr-btn--icon-left', href: ctx.href({ params: { modifier: r.id, nouveau: null } }), 'aria-label': `Modifier ${label}` }, 'Modifier') : null,
        mayDelete(r) ? button('Supprimer', () => confirmDelete(entity, r, label, deleteRegion), { kind: 'tertiary', small: true, icon: 'fr-icon-delete-line', attrs: { 'aria-label': `Supprimer ${label}` } }) : null,
        mayEdit(r) ? null : h('span', { class: 'fr-text--xs app-mention' }, 'lecture seule'),
      );
    let head: string[];
    let rows: HTMLElement[];
    if (entity === 'mechanisms') {
      head = ['Nom', 'Type', 'Statut', 'Territoire', 'Période', 'Actions'];
      rows = (list.items as EntityRecord<Mechanism>[]).map((r) => {
        const m = r.data;
        const t = m.territory ?? {};
        const territory = [t.departements?.length ? plural(t.departements.length, 'département') : '', t.epci?.length ? `${t.epci.length} EPCI` : '', t.communes?.length ? plural(t.communes.length, 'commune') : ''].filter(Boolean).join(', ');
        return h(
          'tr',
          { dataset: { id: r.id } },
          h('th', { scope: 'row' }, m.name, h('br'), h('code', { class: 'fr-text--xs' }, r.id)),
          h('td', null, h('abbr', { title: MECHANISM_KIND_LABELS[m.kind as MechanismKind] }, m.kind)),
          h('td', null, MECHANISM_STATUS_LABELS[m.status]),
          h('td', null, territory || '—'),
          h('td', null, m.dates?.start || m.dates?.end ? `${formatDate(m.dates?.start)} → ${m.dates?.end ? formatDate(m.dates.end) : '…'}` : '—'),
          actions(r, `le dispositif ${m.name}`),
        );
      });
    } else if (entity === 'people') {
      head = ['Libellé', 'Identifiant', 'Formé(e)', 'Actions'];
      rows = (list.items as EntityRecord<Person>[]).map((r) =>
        h('tr', { dataset: { id: r.id } }, h('th', { scope: 'row' }, r.data.label), h('td', null, h('code', { class: 'fr-text--xs' }, r.id)), h('td', null, r.data.trained === undefined ? '—' : r.data.trained ? 'Oui' : 'Non'), actions(r, `la personne ${r.data.label}`)),
      );
    } else {
      head = ['Type', 'De', 'Vers', 'Détails', 'Actions'];
      rows = (list.items as EntityRecord<StoredLink>[]).map((r) => {
        const l = r.data;
        const details = [l.stage ? `étape : ${l.stage}` : '', l.date ? formatDate(l.date) : '', l.opinion ?? ''].filter(Boolean).join(' · ');
        return h(
          'tr',
          { dataset: { id: r.id } },
          h('th', { scope: 'row' }, LINK_KIND_LABELS[l.kind]),
          h('td', null, names.get(l.from) ?? l.from),
          h('td', null, names.get(l.to) ?? l.to),
          h('td', null, details || '—'),
          actions(r, `le lien ${LINK_KIND_LABELS[l.kind]} de ${names.get(l.from) ?? l.from} vers ${names.get(l.to) ?? l.to}`),
        );
      });
    }
    return h(
      'div',
      { class: 'fr-table fr-table--sm app-data__table' },
      h('table', null, h('caption', null, `${formatInt(list.total)} fiche${list.total > 1 ? 's' : ''} — ${scopeLabel(state.scope)}`), h('thead', null, h('tr', null, head.map((x) => h('th', { scope: 'col' }, x)))), h('tbody', null, rows)),
    );
  }

  function pagination(total: number, page: number) {
    const pages = Math.ceil(total / PAGE);
    if (pages <= 1) return null;
    const link = (p: number, label: string, cls: string, disabled: boolean) =>
      h('li', null, disabled ? h('a', { class: `fr-pagination__link ${cls}`, 'aria-disabled': 'true', role: 'link' }, label) : h('a', { class: `fr-pagination__link ${cls}`, href: ctx.href({ params: { page: p ? String(p) : null } }) }, label));
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

  function confirmDelete(entity: EntityKind, record: EntityRecord<unknown>, label: string, region: HTMLElement, cascade = false, refusal?: ApiError) {
    const run = async () => {
      confirmButton.disabled = true;
      try {
        const outcome = await api.remove(entity, record.id, record.version, cascade);
        ctx.invalidate();
        const extra = outcome.cascaded.links.length ? ` ainsi que ${plural(outcome.cascaded.links.length, 'lien')}` : outcome.cascaded.mechanisms.length ? ` (retirée de ${plural(outcome.cascaded.mechanisms.length, 'dispositif')})` : '';
        showFlash(alertBox('success', `Suppression effectuée : ${label}${extra}.`, undefined, { small: true }));
        render(true);
      } catch (error) {
        if (error instanceof ApiError && error.status === 409 && (Array.isArray(error.body.links) || Array.isArray(error.body.mechanisms)) && !cascade) {
          confirmDelete(entity, record, label, region, true, error);
          return;
        }
        if (error instanceof ApiError && error.status === 409 && error.body.current) {
          replace(region, alertBox('warning', 'Cette fiche a été modifiée entre-temps', h('p', null, `${error.message}. Rechargez la liste pour voir la version actuelle avant de la supprimer.`), { actions: button('Recharger la liste', () => render(true), { small: true, icon: 'fr-icon-refresh-line' }) }));
          return;
        }
        replace(region, errorAlert(error, 'La suppression a été refusée'));
      }
    };
    const confirmButton = button(cascade ? 'Supprimer avec ses liens' : 'Confirmer la suppression', () => void run(), { icon: 'fr-icon-delete-line' });
    const cancel = button('Annuler', () => replace(region), { kind: 'secondary' });
    replace(
      region,
      alertBox(
        'warning',
        cascade ? 'Cette fiche est reliée à d’autres' : `Supprimer ${label} ?`,
        cascade && refusal
          ? h('div', null, h('p', null, refusal.message), h('ul', null, refusal.issues.slice(0, 30).map((i) => h('li', null, i.message))), h('p', null, 'Supprimer aussi ces éléments, ou annuler ?'))
          : h('p', null, 'La suppression est enregistrée dans le journal, mais elle ne peut pas être annulée ici.'),
        { actions: [confirmButton, ' ', cancel] },
      ),
    );
    confirmButton.focus();
  }

  // ------------------------------------------------------------------ import / export
  function renderImportExport() {
    const fileId = uid('fichier');
    const fileInput = h('input', { class: 'fr-upload', type: 'file', id: fileId, name: 'fichier', accept: '.json,application/json' });
    const modeName = uid('mode');
    const modes = [
      { value: 'merge', label: 'Fusionner', hint: 'Ajoute les fiches nouvelles et remplace celles de même identifiant ; garde les autres.' },
      { value: 'replace', label: 'Remplacer', hint: 'Le fichier devient le jeu de données complet : les fiches absentes du fichier sont supprimées.' },
    ];
    const modeInputs = modes.map((m, i) => h('input', { type: 'radio', id: `${modeName}-${m.value}`, name: modeName, value: m.value, checked: i === 0, disabled: m.value === 'replace' ? !can.importReplace() : !can.importMerge() }));
    if (!can.importReplace()) modes[1] = { ...modes[1], hint: `${modes[1].hint} Réservé aux administrateurs.` };
    const mode = () => (modeInputs.find((i) => i.checked)?.value ?? 'merge') as 'merge' | 'replace';
    const preview = h('div', { 'aria-live': 'polite' });
    const previewButton = button('Prévisualiser l’import', () => void runPreview(), { icon: 'fr-icon-eye-line' });
    let pendingText: string | null = null;
    let abort: (() => void) | null = null;

    async function readFile(file: File, bar: ReturnType<typeof progressBar>): Promise<string> {
      return new Promise((resolve, reject) => {
        const reader = new FileReader();
        reader.onprogress = (e) => bar.set(e.lengthComputable ? (100 * e.loaded) / e.total : null, `Lecture du fichier… ${formatInt(Math.round(e.loaded / 1024))} Ko`);
        reader.onerror = () => reject(new Error('le fichier n’a pas pu être lu'));
        reader.onload = () => resolve(String(reader.result ?? ''));
        reader.readAsText(file, 'utf-8');
      });
    }

    async function send(text: string, dryRun: boolean, bar: ReturnType<typeof progressBar>): Promise<ImportOutcome> {
      const { promise, abort: a } = postWithProgress<ImportOutcome>(`/import${queryString({ mode: mode(), ...(dryRun ? { dryRun: true } : {}) })}`, text, (p) => {
        if (p.phase === 'upload') bar.set(p.total ? (100 * p.loaded) / p.total : null, `Envoi… ${formatInt(Math.round(p.loaded / 1024))} Ko`);
        else if (p.phase === 'server') bar.set(null, dryRun ? 'Vérification par le serveur…' : 'Import en cours…');
        else bar.set(null, 'Réception du résultat…');
      });
      abort = a;
      try {
        return await promise;
      } finally {
        abort = null;
      }
    }

    async function runPreview() {
      const file = fileInput.files?.[0];
      if (!file) {
        replace(preview, alertBox('error', 'Choisissez d’abord un fichier', 'Sélectionnez un fichier JSON au format articulation/1.', { small: true }));
        fileInput.focus();
        return;
      }
      const bar = progressBar('Préparation de l’import');
      const cancel = button('Annuler', () => abort?.(), { kind: 'tertiary', small: true });
      replace(preview, bar.el, cancel);
      previewButton.disabled = true;
      try {
        const text = await readFile(file, bar);
        try {
          JSON.parse(text);
        } catch (e) {
          replace(preview, alertBox('error', 'Ce fichier n’est pas du JSON valide', h('p', null, `${(e as Error).message}. Vérifiez qu’il s’agit bien d’un export articulation/1.`)));
          return;
        }
        const outcome = await send(text, true, bar);
        pendingText = text;
        showPreview(outcome, file.name);
      } catch (error) {
        if ((error as Error)?.name === 'AbortError') replace(preview, alertBox('info', 'Import annulé', undefined, { small: true }));
        else replace(preview, errorAlert(error, 'La prévisualisation a échoué'));
      } finally {
        previewButton.disabled = false;
      }
    }

    function showPreview(outcome: ImportOutcome, filename: string) {
      if (!outcome.valid) {
        replace(
          preview,
          alertBox('error', `Le fichier contient ${plural(outcome.problemCount, 'problème')} : rien ne sera importé`, `Corrigez « ${filename} » puis prévisualisez à nouveau. Chaque problème indique son emplacement dans le fichier.`),
          h(
            'div',
            { class: 'fr-table fr-table--sm app-import__problems' },
            h(
              'table',
              null,
              h('caption', null, `Problèmes${outcome.problems.length < outcome.problemCount ? ` (les ${outcome.problems.length} premiers)` : ''}`),
              h('thead', null, h('tr', null, h('th', { scope: 'col' }, 'Emplacement'), h('th', { scope: 'col' }, 'Problème'), h('th', { scope: 'col' }, 'Valeur'))),
              h('tbody', null, outcome.problems.map((p) => h('tr', null, h('td', null, h('code', null, p.path)), h('td', null, p.message), h('td', null, p.value === undefined ? '' : h('code', { class: 'fr-text--xs' }, truncate(JSON.stringify(p.value), 80)))))),
            ),
          ),
          diffTable(outcome, 'Aperçu (indicatif) des changements'),
        );
        return;
      }
      const confirm = button(outcome.changed ? `Confirmer l’import (${outcome.mode === 'replace' ? 'remplacement' : 'fusion'})` : 'Rien à importer', () => void runImport(), { icon: 'fr-icon-upload-line', disabled: !outcome.changed });
      replace(
        preview,
        alertBox(outcome.changed ? 'info' : 'success', outcome.changed ? 'Le fichier est valide : vérifiez les changements avant de confirmer' : 'Le fichier est valide et identique aux données enregistrées', outcome.mode === 'replace' ? 'Mode remplacement : les fiches marquées « supprimées » disparaîtront.' : 'Mode fusion : aucune fiche existante ne sera supprimée.'),
        diffTable(outcome, 'Changements'),
        h('div', { class: 'fr-btns-group fr-btns-group--inline-md fr-btns-group--icon-left' }, confirm, button('Annuler', () => replace(preview), { kind: 'secondary' })),
      );
      confirm.focus();
    }

    async function runImport() {
      if (!pendingText) return;
      const bar = progressBar('Import');
      replace(preview, bar.el);
      try {
        const outcome = await send(pendingText, false, bar);
        ctx.invalidate();
        pendingText = null;
        const created = outcome.diff.mechanisms.created.length + outcome.diff.people.created.length + outcome.diff.links.created.length;
        const updated = outcome.diff.mechanisms.updated.length + outcome.diff.people.updated.length + outcome.diff.links.updated.length;
        const removed = outcome.diff.mechanisms.removed.length + outcome.diff.people.removed.length + outcome.diff.links.removed.length;
        replace(preview, alertBox('success', 'Import terminé', `${plural(created, 'fiche créée', 'fiches créées')}, ${plural(updated, 'modifiée', 'modifiées')}, ${plural(removed, 'supprimée', 'supprimées')} (version des données ${outcome.dataVersion}).`));
        ctx.announce('Import terminé');
      } catch (error) {
        replace(preview, errorAlert(error, 'L’import a échoué : rien n’a été modifié'));
      }
    }

    const exportStatus = h('div', { 'aria-live': 'polite' });
    const exportButton = (format: 'json' | 'gexf' | 'graphml', label: string, ext: string) =>
      button(`Exporter en ${label}`, async () => {
        const bar = progressBar(`Export ${label}`);
        bar.set(null, `Préparation de l’export ${label}…`);
        replace(exportStatus, bar.el);
        try {
          const { blob, filename } = await downloadWithProgress(`/export${queryString({ format })}`, (p) => bar.set(p.total ? (100 * p.loaded) / p.total : null, `Téléchargement… ${formatInt(Math.round(p.loaded / 1024))} Ko`));
          saveBlob(blob, filename ?? `articulation.${ext}`);
          replace(exportStatus, alertBox('success', `Export ${label} téléchargé (${formatInt(Math.round(blob.size / 1024))} Ko)`, undefined, { small: true }));
        } catch (error) {
          replace(exportStatus, errorAlert(error, `L’export ${label} a échoué`));
        }
      }, { kind: 'secondary', icon: 'fr-icon-download-line' });

    const importSection = can.importMerge()
      ? null
      : h(
          'section',
          { class: 'fr-mb-6w', 'aria-labelledby': 'import-titre' },
          h('h2', { class: 'fr-h4', id: 'import-titre' }, 'Importer un fichier'),
          alertBox('info', 'Import non autorisé', `Votre rôle (${session.me().account?.roleLabel ?? 'visiteur'}) permet d’exporter les données, pas d’en importer.`, { small: true }),
        );
    replace(
      body,
      importSection ??
      h(
        'section',
        { class: 'fr-mb-6w', 'aria-labelledby': 'import-titre' },
        h('h2', { class: 'fr-h4', id: 'import-titre' }, 'Importer un fichier'),
        h('p', { class: 'fr-text--sm' }, 'Le fichier est d’abord vérifié sans rien modifier : vous voyez ses problèmes (avec leur emplacement) ou la liste des changements, puis vous confirmez.'),
        h('div', { class: 'fr-upload-group fr-mb-2w' }, h('label', { class: 'fr-label', for: fileId }, 'Fichier au format articulation/1', h('span', { class: 'fr-hint-text' }, 'Format JSON (.json), tel que produit par l’export ci-dessous.')), fileInput),
        h(
          'fieldset',
          { class: 'fr-fieldset', 'aria-labelledby': `${modeName}-legend` },
          h('legend', { class: 'fr-fieldset__legend fr-fieldset__legend--regular', id: `${modeName}-legend` }, 'Mode d’import'),
          modes.map((m, i) =>
            h('div', { class: 'fr-fieldset__element' }, h('div', { class: 'fr-radio-group' }, modeInputs[i], h('label', { class: 'fr-label', for: `${modeName}-${m.value}` }, m.label, h('span', { class: 'fr-hint-text' }, m.hint)))),
          ),
        ),
        previewButton,
        h('div', { class: 'fr-mt-3w' }, preview),
      ),
      h(
        'section',
        { 'aria-labelledby': 'export-titre' },
        h('h2', { class: 'fr-h4', id: 'export-titre' }, 'Exporter'),
        h('p', { class: 'fr-text--sm' }, 'Tout le jeu de données : JSON (articulation/1, réimportable), GEXF (Gephi) ou GraphML (yEd, Cytoscape).'),
        can.write() && session.me().permissions?.fullExport
          ? null
          : h('p', { class: 'fr-text--sm app-mention' }, 'Pour votre rôle, les exports ne contiennent pas les données personnelles : chaque personne y est remplacée par un pseudonyme, sans nom ni coordonnées.'),
        h('div', { class: 'fr-btns-group fr-btns-group--inline-md fr-btns-group--icon-left' }, exportButton('json', 'JSON', 'json'), exportButton('gexf', 'GEXF', 'gexf'), exportButton('graphml', 'GraphML', 'graphml')),
        exportStatus,
      ),
    );
    fileInput.addEventListener('change', () => {
      pendingText = null;
      replace(preview);
    });
  }

  function diffTable(outcome: ImportOutcome, caption: string) {
    const label: Record<EntityKind, string> = { mechanisms: 'Dispositifs', people: 'Personnes', links: 'Liens' };
    const entities: EntityKind[] = ['mechanisms', 'people', 'links'];
    const ids = (list: string[]) => (list.length ? h('details', { class: 'app-details' }, h('summary', null, formatInt(list.length)), h('p', { class: 'fr-text--xs' }, list.slice(0, 200).join(', '), list.length > 200 ? ` … (+${list.length - 200})` : '')) : '0');
    return h(
      'div',
      { class: 'fr-table fr-table--sm app-import__diff' },
      h(
        'table',
        { dataset: { testid: 'diff' } },
        h('caption', null, caption),
        h('thead', null, h('tr', null, ['', 'Créés', 'Modifiés', 'Supprimés', 'Inchangés'].map((x) => h('th', { scope: 'col' }, x)))),
        h(
          'tbody',
          null,
          entities.map((e) => {
            const d = outcome.diff[e];
            return h('tr', { dataset: { entity: e } }, h('th', { scope: 'row' }, label[e]), h('td', null, ids(d.created)), h('td', null, ids(d.updated)), h('td', null, ids(d.removed)), h('td', null, formatInt(d.unchanged)));
          }),
        ),
      ),
    );
  }

  render();
  return {
    update(next: AppState, previous: AppState) {
      state = next;
      const sameTab = (next.params.onglet ?? '') === (previous.params.onglet ?? '');
      const sameForm = next.params.modifier === previous.params.modifier && next.params.nouveau === previous.params.nouveau;
      if (pendingFlash) {
        showFlash(pendingFlash);
        pendingFlash = null;
      } else if (!(sameTab && sameForm)) {
        showFlash(null);
      }
      render();
    },
    destroy() {
      controller?.abort();
      formHandle?.destroy();
    },
  };
};

function truncate(text: string, n: number): string {
  return text.length > n ? `${text.slice(0, n - 1)}…` : text;
}
