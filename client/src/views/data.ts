// Données: create, edit and delete mechanisms, people and links; import an articulation/1
// file with a dry-run preview; export. This module holds the tabs and decides which screen the
// URL asks for: a list (data-list.ts), a form (data-forms.ts, opened here once its data is
// loaded) or the import and export (data-exchange.ts).
import { records, type EntityKind } from '../api.ts';
import type { AppContext, View, ViewFactory } from '../context.ts';
import { alertBox, h, replace, uid, viewPage } from '../dom.ts';
import { DATA_PARAMS, DATA_TABS, dataTab, linkPrefill, mechanismPrefill, screenKey, territoryQuery } from '../lib/data.ts';
import type { AppState } from '../lib/state.ts';
import { Loader } from '../load.ts';
import { can, session } from '../session.ts';
import { importExport } from './data-exchange.ts';
import { linkForm, mechanismForm, personForm, type MechanismOption } from './data-forms.ts';
import { entityList } from './data-list.ts';

/** What a screen of the view receives. */
export interface DataScreen {
  ctx: AppContext;
  state: AppState;
  body: HTMLElement;
  /** A message above the screen (an alert), or null to clear it. */
  flash(el: HTMLElement | null): void;
  /** Draw the screen again (after a delete, a reload). */
  refresh(): void;
  /** Leave a form for its list, with a message shown there. */
  backToList(message?: string): void;
}

export const dataView: ViewFactory = (root, ctx): View => {
  let state = ctx.state();
  let shownKey = '';
  let screen: { destroy(): void } | null = null;
  /** A message to show after the navigation that follows it (« enregistré » back on the list). */
  let pendingFlash: HTMLElement | null = null;
  const tabs = tabBar(ctx);
  const flashRegion = h('div', { 'aria-live': 'polite' });
  const body = h('div', { class: 'app-data__body' });
  const showFlash = (el: HTMLElement | null) => replace(flashRegion, el);
  replace(
    root,
    viewPage(
      { title: 'Données', intro: 'Dispositifs, personnes et liens enregistrés. Les listes suivent le territoire choisi en haut de page ; l’import et l’export portent sur tout le jeu de données.', class: 'app-data' },
      tabs.el,
      flashRegion,
      body,
    ),
  );

  const render = (force = false) => {
    const tab = dataTab(state.params);
    tabs.sync(tab.id);
    const key = screenKey(state);
    if (key === shownKey && !force) return;
    shownKey = key;
    screen?.destroy();
    const env: DataScreen = {
      ctx,
      state,
      body,
      flash: showFlash,
      refresh: () => render(true),
      backToList(message) {
        pendingFlash = message ? alertBox('success', message, undefined, { small: true }) : null;
        ctx.navigate({ params: { modifier: null, nouveau: null, de: null, vers: null, etape: null, type: null } });
      },
    };
    if (tab.entity === null) screen = importExport(env);
    else if (state.params.modifier || state.params.nouveau) screen = openForm(env, tab.entity, state.params.modifier ?? null);
    else screen = entityList(env, tab.entity);
  };

  render();
  return {
    update(next, previous) {
      state = next;
      const sameScreen = dataTab(next.params).id === dataTab(previous.params).id && next.params.modifier === previous.params.modifier && next.params.nouveau === previous.params.nouveau;
      if (pendingFlash) showFlash(pendingFlash);
      else if (!sameScreen) showFlash(null);
      pendingFlash = null;
      render();
    },
    destroy: () => screen?.destroy(),
  };
};

function tabBar(ctx: AppContext) {
  const name = uid('onglet');
  const inputs = DATA_TABS.map((t) => {
    const id = `${name}-${t.id}`;
    const input = h('input', { type: 'radio', id, name, value: t.id });
    const leave = Object.fromEntries(DATA_PARAMS.map((p) => [p, null]));
    input.addEventListener('change', () => input.checked && ctx.navigate({ params: { ...leave, onglet: t.id === 'dispositifs' ? null : t.id } }));
    return { id: t.id, input, el: h('div', { class: 'fr-segmented__element' }, input, h('label', { class: 'fr-label', for: id }, t.label)) };
  });
  return {
    el: h('fieldset', { class: 'fr-segmented app-data__tabs' }, h('legend', { class: 'fr-segmented__legend fr-sr-only' }, 'Type de données'), h('div', { class: 'fr-segmented__elements' }, inputs.map((i) => i.el))),
    sync: (tab: string) => inputs.forEach((i) => (i.input.checked = i.id === tab)),
  };
}

/** Why this account cannot use the form (its role or scope), or null. The server checks again. */
function formRefusal(entity: EntityKind, id: string | null, link?: { from: string; to: string }): string | null {
  const account = session.account();
  const role = account?.roleLabel ?? 'visiteur';
  if (!can.write()) return `Votre rôle (${role}) permet de consulter les données, pas de les modifier.`;
  if (entity === 'mechanisms' && id === null && !can.createMechanisms()) return `Votre rôle (${role}) ne permet pas de créer un dispositif : demandez-le à l’ARS.`;
  if (entity === 'mechanisms' && id !== null && !can.editMechanism(id)) return `Ce dispositif n’est pas dans votre périmètre (${account?.scopeLabel ?? ''}).`;
  if (entity === 'links' && link && !can.editLink(link.from, link.to)) return `Ce lien ne touche aucun dispositif de votre périmètre (${account?.scopeLabel ?? ''}).`;
  return null;
}

function backLink(ctx: AppContext): HTMLElement {
  return h('p', null, h('a', { class: 'fr-link fr-icon-arrow-go-back-line fr-link--icon-left fr-mb-2w app-back', href: ctx.href({ params: { modifier: null, nouveau: null, de: null, vers: null, etape: null } }) }, 'Retour à la liste'));
}

function refused(env: DataScreen, message: string): { destroy(): void } {
  replace(env.body, backLink(env.ctx), alertBox('info', 'Modification non autorisée', h('p', null, message, ' Un administrateur de l’application peut modifier vos droits.')));
  return { destroy() {} };
}

/** A form, once the record and what its fields offer (people, mechanisms) are loaded. */
function openForm(env: DataScreen, entity: EntityKind, id: string | null): { destroy(): void } {
  const { ctx, state } = env;
  // An existing link is checked once loaded (its ends decide); a prefilled one by its ends.
  const prefill = linkPrefill(state.params);
  const early = entity === 'links' ? formRefusal('links', null, id === null && prefill.from && prefill.to ? { from: prefill.from, to: prefill.to } : undefined) : formRefusal(entity, id);
  if (early) return refused(env, early);
  const container = h('div');
  let form: { destroy(): void } | null = null;
  const callbacks = { onDone: (message: string) => env.backToList(message), onCancel: () => env.backToList() };
  const loader = Loader.into(env.body);
  const show = (build: () => { destroy(): void }) => {
    replace(env.body, backLink(ctx), container);
    form = build();
  };
  const failure = id ? `La fiche « ${id} » n’a pas pu être chargée` : 'Le formulaire n’a pas pu être préparé';
  const loading = id ? 'Chargement de la fiche…' : 'Préparation du formulaire…';
  if (entity === 'mechanisms') {
    void loader.run({
      loading,
      failure,
      fetch: (signal) => Promise.all([id ? records.get('mechanisms', id, signal) : null, records.list('people', { limit: '10000' }, signal)]),
      done: ([record, people]) => show(() => mechanismForm(container, ctx, record, people.items.map((p) => ({ id: p.id, label: p.data.label })), callbacks, id ? {} : mechanismPrefill(state.params))),
    });
  } else if (entity === 'people') {
    void loader.run({ loading, failure, fetch: (signal) => (id ? records.get('people', id, signal) : Promise.resolve(null)), done: (record) => show(() => personForm(container, ctx, record, callbacks)) });
  } else {
    void loader.run({
      loading,
      failure,
      fetch: (signal) => linkFormData(state, id, signal),
      done: ({ record, options }) => {
        const refusal = record ? formRefusal('links', record.id, record.data) : null;
        if (refusal) return void refused(env, refusal);
        if (!id && prefill.from) env.flash(alertBox('info', 'Lien proposé par un constat', 'Le formulaire est prérempli avec le lien que les règles attendent. Complétez la date et, pour un avis, son sens, puis enregistrez : le constat disparaîtra.', { small: true }));
        show(() => linkForm(container, ctx, record, options, callbacks, id ? {} : prefill));
      },
    });
  }
  return {
    destroy() {
      loader.destroy();
      form?.destroy();
    },
  };
}

/** The link edited (if any) and the mechanisms its ends may be: those of the scope, and its own ends wherever they are. */
async function linkFormData(state: AppState, id: string | null, signal: AbortSignal) {
  const [record, list] = await Promise.all([id ? records.get('links', id, signal) : null, records.list('mechanisms', { ...territoryQuery(state), limit: '10000' }, signal)]);
  const options: MechanismOption[] = list.items.map((r) => ({ id: r.id, name: r.data.name, kind: r.data.kind }));
  const wanted = [record?.data.from, record?.data.to, state.params.de, state.params.vers].filter((x): x is string => Boolean(x) && !options.some((o) => o.id === x));
  for (const extra of await Promise.all([...new Set(wanted)].map((w) => records.get('mechanisms', w, signal).catch(() => null)))) {
    if (extra) options.push({ id: extra.id, name: extra.data.name, kind: extra.data.kind });
  }
  return { record, options };
}
