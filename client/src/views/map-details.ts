// What the Carte view shows beside the map: the panel of what is selected (a commune or a place
// and the mechanisms covering it, a mechanism's perimeter, a finding's place) and the table that
// says in text what the colours say (communes of a département; départements of a région or France).
import type { CityCoverage } from '../../../model/geo.ts';
import type { Finding } from '../../../model/rules/types.ts';
import { agree, plural } from '../../../model/text.ts';
import { MECHANISM_KINDS, MECHANISM_STATUS_LABELS, PLACE_TYPE_LABELS, themeLabel, type MechanismKind } from '../../../model/vocabulary.ts';
import type { PlaceAnswer } from '../api.ts';
import type { AppContext } from '../context.ts';
import { badge, button, h, uid, type Child } from '../dom.ts';
import { formatDate, formatInt, formatPercent } from '../lib/format.ts';
import { communeRows, communesAndPeople, departementRows, type CoverageIndex, type MapMode } from '../lib/map.ts';
import { departementName } from '../lib/territories.ts';
import { kindBadge } from '../ui/kind-badge.ts';
import { stateNote } from './finding-state.ts';

type Covering = PlaceAnswer['mechanisms'][number];

function panelFrame(title: string, close: () => void, ...children: Child[]): HTMLElement {
  const titleId = uid('carte-panneau');
  const closeButton = h('button', { class: 'fr-btn--close fr-btn', type: 'button', title: 'Fermer le panneau', onclick: close }, 'Fermer');
  return h(
    'div',
    { class: 'app-panel', role: 'region', 'aria-labelledby': titleId },
    h('div', { class: 'app-panel__close' }, closeButton),
    h('h2', { class: 'fr-h5 app-panel__title', id: titleId, tabindex: '-1' }, title),
    children,
  );
}

/** The card of a mechanism: its fiche in the network. */
const cardHref = (ctx: AppContext, id: string) => ctx.href({ view: 'reseau', resetParams: true, params: { noeud: id } });

function coveringItem(ctx: AppContext, m: Covering, place: PlaceAnswer['place'], showPerimeter: (id: string) => void): HTMLElement {
  const partial = m.communes.length < place.communes.length;
  return h(
    'li',
    { class: 'app-map__mechanism', dataset: { id: m.id, active: String(m.active) } },
    kindBadge(ctx.palette, m.kind),
    ' ',
    h('a', { class: 'fr-link fr-text--sm', href: cardHref(ctx, m.id) }, m.name),
    m.status && m.status !== 'active' ? h('span', { class: 'fr-text--xs app-mention' }, ` — ${MECHANISM_STATUS_LABELS[m.status].toLowerCase()}`) : null,
    !m.active && m.status === 'active' ? h('span', { class: 'fr-text--xs app-mention' }, ' — pas encore ou plus actif à cette date') : null,
    partial ? h('p', { class: 'fr-text--xs fr-mb-0' }, `${plural(m.communes.length, 'commune')} sur ${place.communes.length} (${formatInt(m.population)} hab.)`) : null,
    m.themes.length ? h('p', { class: 'fr-text--xs app-mention fr-mb-0' }, `Thèmes : ${m.themes.map(themeLabel).join(', ')}`) : null,
    button(['Voir son territoire', h('span', { class: 'fr-sr-only' }, ` : ${m.name}`)], () => showPerimeter(m.id), { kind: 'tertiary-no-outline', small: true }),
  );
}

/** A commune or a place: its communes, and the mechanisms covering it (active ones first, as the API lists them). */
export function placePanel(ctx: AppContext, answer: PlaceAnswer, options: { city?: CityCoverage; mode: MapMode; close(): void; showPerimeter(id: string): void }): HTMLElement {
  const { place } = answer;
  const active = answer.mechanisms.filter((m) => m.active);
  const others = answer.mechanisms.filter((m) => !m.active);
  const list = (items: Covering[]) => h('ul', { class: 'app-panel__list app-map__mechanisms' }, items.map((m) => coveringItem(ctx, m, place, options.showPerimeter)));
  const title = place.type === 'commune' ? place.name : `${PLACE_TYPE_LABELS[place.type]} ${place.type === 'code-postal' ? place.code : place.name}`;
  const noClsm = place.type === 'commune' && !active.some((m) => m.kind === 'CLSM');
  return panelFrame(
    title,
    options.close,
    h('p', { class: 'fr-text--sm fr-mb-1w' }, `${formatInt(place.population)} habitants`, place.communes.length > 1 ? ` · ${plural(place.communes.length, 'commune')}` : '', ` · ${place.departements.map((d) => `${departementName(d)} (${d})`).join(', ')}`),
    options.city ? h('p', { class: 'fr-text--sm fr-mb-1w', dataset: { testid: 'ville-partielle' } }, `${options.mode === 'nombre' ? 'CLSM' : options.mode} : ${options.city.label}`) : null,
    noClsm && !options.city ? h('p', { class: 'fr-mb-1w' }, badge('Zone blanche : aucun CLSM actif', 'warning', { noIcon: true })) : null,
    place.communes.length > 1
      ? h('details', { class: 'app-details' }, h('summary', { class: 'fr-text--sm' }, `Ses ${place.communes.length} communes`), h('ul', { class: 'app-panel__communes fr-text--xs' }, place.communes.slice(0, 300).map((c) => h('li', null, `${c.name} (${c.code}) — ${formatInt(c.population)} hab.`))))
      : null,
    h('h3', { class: 'fr-text--md fr-mb-1w app-panel__subtitle' }, `${plural(active.length, 'dispositif actif', 'dispositifs actifs')} au ${formatDate(answer.asOf)}`),
    active.length ? list(active) : h('p', { class: 'fr-text--sm' }, 'Aucun dispositif actif ne couvre ce lieu à cette date.'),
    others.length ? [h('h3', { class: 'fr-text--md fr-mb-1w app-panel__subtitle' }, `Non actifs à cette date (${others.length})`), list(others)] : null,
  );
}

/** A mechanism whose perimeter is outlined. */
export function mechanismPanel(ctx: AppContext, m: { id: string; label: string; kind?: MechanismKind; themes?: readonly string[] }, perimeter: { communes: number; population: number; drawn: number }, close: () => void): HTMLElement {
  return panelFrame(
    m.label,
    close,
    m.kind ? h('p', { class: 'app-panel__badges' }, kindBadge(ctx.palette, m.kind)) : null,
    h('p', { class: 'fr-text--sm', dataset: { testid: 'perimetre' } }, `Territoire tracé sur la carte : ${plural(perimeter.communes, 'commune')}, ${formatInt(perimeter.population)} habitants.`),
    perimeter.drawn < perimeter.communes ? h('p', { class: 'fr-text--xs app-mention' }, `${perimeter.communes - perimeter.drawn} ${agree(perimeter.communes - perimeter.drawn, 'commune')} hors de la carte de ce territoire.`) : null,
    h('p', null, h('a', { class: 'fr-link fr-text--sm', href: cardHref(ctx, m.id) }, 'Sa fiche dans le réseau')),
    m.themes?.length
      ? h('ul', { class: 'app-panel__list' }, m.themes.map((t) => h('li', null, h('a', { class: 'fr-link fr-text--sm', href: ctx.href({ view: 'themes', resetParams: true, params: { dispositif: m.id, theme: t } }) }, `Qui d’autre travaille sur « ${themeLabel(t)} » ici ?`))))
      : null,
  );
}

/** A finding, where it is: shared communes (an overlap), or its subjects' territories. */
export function findingPanel(ctx: AppContext, f: Finding, legend: { label: string; colour: string }[], close: () => void): HTMLElement {
  return panelFrame(
    'Constat situé sur la carte',
    close,
    h('p', { class: 'fr-text--sm' }, f.message),
    stateNote(f),
    h('p', { class: 'fr-text--xs' }, h('strong', null, 'Pour résoudre : '), f.fix.message),
    f.data?.sharedPopulation !== undefined ? h('p', { class: 'fr-text--xs' }, `Communes partagées, tracées et voilées sur la carte : ${plural(f.data.sharedCommunes?.length ?? 0, 'commune')}, ${formatInt(f.data.sharedPopulation)} habitants.`) : null,
    legend.length ? h('ul', { class: 'app-panel__list fr-text--xs' }, legend.map((l) => h('li', null, h('span', { class: 'app-line app-line--thick', style: `background:${l.colour}`, 'aria-hidden': 'true' }), l.label))) : null,
    h('p', null, h('a', { class: 'fr-link fr-text--sm', href: ctx.href({ view: 'constats', resetParams: true, params: { sujet: f.subjects[0] } }) }, 'Voir dans l’onglet Constats')),
  );
}

const yes = (n: number) => (n > 0 ? String(n) : h('span', { class: 'app-mention' }, '0'));

/** A table that scrolls in its own region (reachable by keyboard), captioned, one header row. */
function scrollTable(caption: string, testid: string, headers: readonly string[], rows: HTMLElement[]): HTMLElement {
  return h(
    'div',
    { class: 'fr-table fr-table--sm app-map__table', tabindex: '0', role: 'region', 'aria-label': caption },
    h('table', { dataset: { testid } }, h('caption', null, caption), h('thead', null, h('tr', null, headers.map((x) => h('th', { scope: 'col' }, x)))), h('tbody', null, rows)),
  );
}

const num = (value: string) => h('td', { class: 'app-num' }, value);

/** In a scenario: the communes whose coverage it changes, outlined on the map, in words here. */
export function scenarioChangesTable(changes: readonly { code: string; name: string; population: number; gained: readonly string[]; lost: readonly string[] }[], select: (code: string) => void): HTMLElement {
  const caption = changes.length ? `Communes dont le scénario change la couverture (entourées sur la carte) : ${plural(changes.length, 'commune')}` : 'Le scénario ne change la couverture d’aucune commune à cette date';
  const rows = changes.map((c) =>
    h(
      'tr',
      { dataset: { code: c.code } },
      h('th', { scope: 'row' }, c.name, ' ', h('span', { class: 'fr-text--xs app-mention' }, c.code)),
      num(formatInt(c.population)),
      h('td', null, c.gained.join(', ') || '—'),
      h('td', null, c.lost.join(', ') || '—'),
      h('td', null, button(['Voir', h('span', { class: 'fr-sr-only' }, ` les dispositifs de ${c.name}`)], () => select(c.code), { kind: 'tertiary-no-outline', small: true })),
    ),
  );
  return scrollTable(caption, 'changements-scenario', ['Commune', 'Population', 'Désormais couverte par', 'Plus couverte par', 'Dispositifs'], rows);
}

/** The table equivalent of the map: communes (département) or départements (région, France). */
export function coverageTable(index: CoverageIndex, mode: MapMode, perCommune: boolean, nameOf: (code: string) => string, select: (code: string) => void): HTMLElement {
  const what = mode === 'nombre' ? 'dispositifs actifs' : mode;
  if (!perCommune) {
    const rows = departementRows(index, mode).map((r) =>
      h('tr', { dataset: { code: r.code } }, h('th', { scope: 'row' }, `${departementName(r.code)} (${r.code})`), num(formatInt(r.communes)), num(formatInt(r.population)), num(formatPercent(r.population ? (100 * r.coveredPopulation) / r.population : null)), num(formatInt(r.uncoveredCommunes)), num(formatInt(r.uncoveredPopulation))),
    );
    return scrollTable(`Couverture par département (${what})`, 'tableau-carte', ['Département', 'Communes', 'Population', `Population couverte (${what})`, 'Communes non couvertes', 'Leur population'], rows);
  }
  const rows = communeRows(index, mode, nameOf);
  const coveredLabel = mode === 'nombre' ? 'Sans CLSM' : `Couverte (${mode})`;
  const trs = rows.map((r) =>
    h(
      'tr',
      { dataset: { code: r.code, covered: String(r.covered), zone: String(r.zoneBlanche) } },
      h('th', { scope: 'row' }, r.name, ' ', h('span', { class: 'fr-text--xs app-mention' }, r.code)),
      num(formatInt(r.population)),
      h('td', null, mode === 'nombre' ? (r.zoneBlanche ? 'Zone blanche' : 'Non') : r.covered ? 'Oui' : mode === 'CLSM' ? 'Zone blanche' : 'Non'),
      MECHANISM_KINDS.map((k) => h('td', { class: 'app-num' }, yes(r.counts[k]))),
      num(String(r.mechanisms)),
      h('td', null, button(['Voir', h('span', { class: 'fr-sr-only' }, ` les dispositifs de ${r.name}`)], () => select(r.code), { kind: 'tertiary-no-outline', small: true })),
    ),
  );
  return scrollTable(`Couverture par commune, la plus peuplée d’abord (${plural(rows.length, 'commune')})`, 'tableau-carte', ['Commune', 'Population', coveredLabel, ...MECHANISM_KINDS, 'Total', 'Dispositifs'], trs);
}

/** The communes without the kind (zones blanches for CLSM), the most populated first, with their population. */
export function zonesTable(zones: { count: number; population: number; communes: readonly { code: string; name: string; population: number }[] }, kind: string): HTMLElement | null {
  if (zones.count === 0) return null;
  const title = kind === 'CLSM' ? 'Zones blanches (sans CLSM actif)' : `Communes sans ${kind} actif`;
  const caption = `${title} : ${communesAndPeople(zones.count, zones.population)}${zones.communes.length < zones.count ? ` — les ${zones.communes.length} plus peuplées` : ''}`;
  return scrollTable(caption, 'zones-blanches', ['Commune', 'Code', 'Population'], zones.communes.map((c) => h('tr', null, h('th', { scope: 'row' }, c.name), h('td', null, c.code), num(formatInt(c.population)))));
}
