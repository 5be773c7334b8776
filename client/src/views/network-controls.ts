// The side column of the network view: its title and summary, the search, the filters (kinds,
// which are also the legend; statuses; severities; missing links, overlaps, coordinators) and
// the legend of the links. The filters live in the URL: each control navigates, `sync` follows.
import { LINK_KINDS, LINK_KIND_LABELS, MECHANISM_KINDS, MECHANISM_KIND_LABELS, MECHANISM_STATUSES, MECHANISM_STATUS_LABELS, SEVERITIES, SEVERITY_LABELS, type MechanismKind } from '../../../model/vocabulary.ts';
import type { AppContext } from '../context.ts';
import { button, h, replace, uid } from '../dom.ts';
import { filtersToParams, type NetworkFilters } from '../lib/network.ts';
import { combobox, type Combobox, type ComboboxOptions } from '../ui/combobox.ts';
import { placeSearch, placeTag } from '../ui/place-search.ts';

export interface NetworkControls {
  el: HTMLElement;
  /** « Deux-Sèvres (79) : 12 dispositifs affichés sur 12… », announced politely. */
  summary: HTMLElement;
  search: Combobox;
  sync(filters: NetworkFilters): void;
  /** Mechanisms per kind, beside the legend. */
  setCounts(counts: Record<MechanismKind, number> | null): void;
  /** The themes of the mechanisms drawn, for the theme filter. */
  setThemes(themes: readonly { id: string; label: string }[]): void;
  /** The chosen place, as it reads (« code postal 79400 ») and what it keeps; null: none. */
  setPlace(text: string | null): void;
  destroy(): void;
}

function fieldset(legend: string, hint: string | null, children: HTMLElement[]): HTMLElement {
  const id = uid('fs');
  return h(
    'fieldset',
    { class: 'fr-fieldset app-fieldset', 'aria-labelledby': `${id}-legend` },
    h('legend', { class: 'fr-fieldset__legend fr-text--sm', id: `${id}-legend` }, legend, hint ? h('span', { class: 'fr-hint-text' }, hint) : null),
    children.map((c) => h('div', { class: 'fr-fieldset__element' }, c)),
  );
}

function toggle(label: string, hint: string, onChange: (on: boolean) => void) {
  const id = uid('bascule');
  const input = h('input', { type: 'checkbox', class: 'fr-toggle__input', id, 'aria-describedby': `${id}-hint` });
  input.addEventListener('change', () => onChange(input.checked));
  const el = h('div', { class: 'fr-toggle fr-toggle--label-left app-toggle' }, input, h('label', { class: 'fr-toggle__label', for: id }, label), h('p', { class: 'fr-hint-text', id: `${id}-hint` }, hint));
  return { el, input };
}

function toggled<T>(set: ReadonlySet<T>, value: T, on: boolean): Set<T> {
  const next = new Set(set);
  if (on) next.add(value);
  else next.delete(value);
  return next;
}

/** One checkbox per value, with an optional swatch and count after its label. */
function checkboxes<T extends string>(name: string, values: readonly T[], label: (v: T) => (HTMLElement | string)[], onChange: (value: T, on: boolean) => void) {
  const boxes = new Map<T, HTMLInputElement>();
  const elements = values.map((value) => {
    const id = uid(`${name}-${value}`);
    const input = h('input', { type: 'checkbox', id, name, value });
    input.addEventListener('change', () => onChange(value, input.checked));
    boxes.set(value, input);
    return h('div', { class: 'fr-checkbox-group fr-checkbox-group--sm' }, input, h('label', { class: 'fr-label', for: id }, label(value)));
  });
  return { boxes, elements };
}

export function networkControls(ctx: AppContext, titleId: string, current: () => NetworkFilters, search: Omit<ComboboxOptions, 'label' | 'hint' | 'placeholder' | 'noResults'>): NetworkControls {
  const set = (next: NetworkFilters) => ctx.navigate({ params: filtersToParams(next) }, { replace: true });
  const summary = h('p', { class: 'fr-text--sm app-network__summary', 'aria-live': 'polite' });
  const searchBox = combobox({ ...search, label: 'Rechercher un dispositif', hint: 'Nom ou identifiant, sans tenir compte des accents', placeholder: 'ex. : saint maixent, clsm niort', noResults: 'Aucun dispositif ne correspond' });
  const countEls = new Map<MechanismKind, HTMLElement>(MECHANISM_KINDS.map((k) => [k, h('span', { class: 'app-legend__count' })]));
  const dot = (colour: string) => h('span', { class: 'app-dot', style: `background:${colour}`, 'aria-hidden': 'true' });
  const kinds = checkboxes('types', MECHANISM_KINDS, (k) => [dot(ctx.palette.kind[k]), h('abbr', { title: MECHANISM_KIND_LABELS[k] }, k), countEls.get(k)!], (k, on) => set({ ...current(), kinds: toggled(current().kinds, k, on) }));
  const statuses = checkboxes('statuts', MECHANISM_STATUSES, (s) => [MECHANISM_STATUS_LABELS[s]], (s, on) => set({ ...current(), statuses: toggled(current().statuses, s, on) }));
  const severities = checkboxes('gravite', SEVERITIES, (s) => [dot(ctx.palette.severity[s]), SEVERITY_LABELS[s]], (s, on) => set({ ...current(), severities: toggled(current().severities, s, on) }));
  const ghosts = toggle('Liens manquants', 'En tirets rouges : les liens que les règles attendent', (on) => set({ ...current(), ghosts: on }));
  const overlaps = toggle('Chevauchements', 'En jaune : dispositifs de même type qui partagent des communes', (on) => set({ ...current(), overlaps: on }));
  const people = toggle('Coordinateurs', 'Personnes qui coordonnent les dispositifs', (on) => set({ ...current(), people: on }));
  const reset = button('Réinitialiser les filtres', () => ctx.navigate({ params: { types: null, statuts: null, gravite: null, manquants: null, chevauchements: null, personnes: null, theme: null, lieu: null } }), { kind: 'tertiary', small: true, icon: 'fr-icon-refresh-line' });
  const layout = layoutChoice((geographic) => set({ ...current(), geographic }));
  const themeId = uid('theme');
  const theme = h('select', { class: 'fr-select', id: themeId, name: 'theme' }, h('option', { value: '' }, 'Tous les thèmes'));
  theme.addEventListener('change', () => set({ ...current(), theme: theme.value || undefined }));
  const places = placeSearch({ label: 'Dispositifs qui couvrent un lieu', onSelect: (value) => set({ ...current(), place: value }) });
  const placeRegion = h('p', { class: 'fr-mb-1w' });
  const form = h(
    'form',
    { class: 'app-network__filters', 'aria-label': 'Filtres du réseau', onsubmit: (e: Event) => e.preventDefault() },
    fieldset('Types de dispositifs (légende)', 'Cochez pour n’afficher que ces types ; aucun coché : tous.', kinds.elements),
    fieldset('Statut', null, statuses.elements),
    fieldset('Constats', 'N’afficher que les dispositifs ayant un constat de cette gravité.', severities.elements),
    h('div', { class: 'fr-select-group' }, h('label', { class: 'fr-label', for: themeId }, 'Thème', h('span', { class: 'fr-hint-text' }, 'N’afficher que les dispositifs qui y travaillent')), theme),
    ghosts.el,
    overlaps.el,
    people.el,
    reset,
  );
  const el = h(
    'div',
    { class: 'app-network__side', role: 'region', 'aria-labelledby': titleId },
    h('h1', { class: 'fr-h4 fr-mb-1w', id: titleId }, 'Réseau des dispositifs'),
    summary,
    searchBox.el,
    places.el,
    placeRegion,
    layout.el,
    form,
    linkLegend(ctx),
  );
  return {
    el,
    summary,
    search: searchBox,
    sync(filters) {
      for (const [k, input] of kinds.boxes) input.checked = filters.kinds.has(k);
      for (const [s, input] of statuses.boxes) input.checked = filters.statuses.has(s);
      for (const [s, input] of severities.boxes) input.checked = filters.severities.has(s);
      ghosts.input.checked = filters.ghosts;
      overlaps.input.checked = filters.overlaps;
      people.input.checked = filters.people;
      layout.sync(filters.geographic);
      if ([...theme.options].some((o) => o.value === (filters.theme ?? ''))) theme.value = filters.theme ?? '';
    },
    setThemes(themes) {
      const chosen = current().theme;
      replace(theme, h('option', { value: '' }, 'Tous les thèmes'), themes.map((t) => h('option', { value: t.id }, t.label)));
      theme.value = chosen && themes.some((t) => t.id === chosen) ? chosen : '';
    },
    setPlace(text) {
      replace(placeRegion, text ? placeTag(text, () => set({ ...current(), place: undefined, covering: undefined })) : null);
    },
    destroy() {
      searchBox.destroy();
      places.destroy();
    },
    setCounts(counts) {
      for (const [k, countEl] of countEls) countEl.textContent = counts ? ` (${counts[k]})` : '';
    },
  };
}

function linkLegend(ctx: AppContext): HTMLElement {
  const line = (modifier: string, style: string, text: string) => h('li', null, h('span', { class: `app-line ${modifier}`, style, 'aria-hidden': 'true' }), text);
  return h(
    'div',
    { class: 'app-legend-edges' },
    h('p', { class: 'fr-text--sm fr-mb-1v app-legend-edges__title' }, 'Liens'),
    h(
      'ul',
      { class: 'app-legend-edges__list' },
      LINK_KINDS.map((k) => line('', `background:${ctx.palette.link[k]}`, LINK_KIND_LABELS[k])),
      line('app-line--dashed', `color:${ctx.palette.misc.ghost}`, 'Lien manquant (constat)'),
      line('app-line--thick', `background:${ctx.palette.misc.overlap}`, 'Chevauchement de territoires'),
    ),
    h('p', { class: 'fr-text--xs app-mention fr-mb-0' }, 'Taille des disques : population couverte. Teinte pâle : dispositif non actif à la date de référence.'),
  );
}

/** The layout: ForceAtlas2 (the links pull) or geographic (each mechanism at its territory's centre). */
function layoutChoice(onChange: (geographic: boolean) => void) {
  const name = uid('disposition');
  const options = [
    { value: false, id: `${name}-forces`, label: 'Liens' },
    { value: true, id: `${name}-geo`, label: 'Géographique' },
  ];
  const inputs = options.map((o) => {
    const input = h('input', { type: 'radio', id: o.id, name, value: o.value ? 'geo' : 'forces' });
    input.addEventListener('change', () => input.checked && onChange(o.value));
    return { o, input, el: h('div', { class: 'fr-segmented__element' }, input, h('label', { class: 'fr-label', for: o.id }, o.label)) };
  });
  const el = h(
    'fieldset',
    { class: 'fr-segmented fr-segmented--sm app-network__disposition' },
    h('legend', { class: 'fr-segmented__legend fr-text--sm' }, 'Disposition', h('span', { class: 'fr-hint-text' }, 'Géographique : chaque dispositif au centre de son territoire, pondéré par la population')),
    h('div', { class: 'fr-segmented__elements' }, inputs.map((i) => i.el)),
  );
  return { el, sync: (geographic: boolean) => inputs.forEach((i) => (i.input.checked = i.o.value === geographic)) };
}
