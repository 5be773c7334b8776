// The side panel of a selected node: attributes, territory (communes, population), links,
// findings and an edit button.
import type { Finding } from '../../../model/rules/types.ts';
import { coordinatorText, datesText, objectiveLabel } from '../../../model/labels.ts';
import type { Mechanism } from '../../../model/schema.ts';
import { agree, plural } from '../../../model/text.ts';
import { COPIL_ROLE_LABELS, FUNDER_LABELS, LINK_KIND_LABELS, MECHANISM_KIND_LABELS, MECHANISM_STATUS_LABELS, PRIORITY_LABELS, SEVERITY_LABELS, themeLabel } from '../../../model/vocabulary.ts';
import { api, cancellable, json, records, type EntityRecord, type TerritoryDescription } from '../api.ts';
import type { AppContext } from '../context.ts';
import { badge, errorAlert, h, loading, replace, uid, type Child } from '../dom.ts';
import { severityBadgeType } from '../lib/findings.ts';
import { formatInt } from '../lib/format.ts';
import type { EdgeAttributes, NodeAttributes } from '../lib/network.ts';
import { departementName } from '../lib/territories.ts';
import { can } from '../session.ts';
import { kindBadge } from '../ui/kind-badge.ts';
import { supportDetails } from '../ui/support.ts';

type PanelEdge = EdgeAttributes & { id: string; source: string; target: string };

export interface PanelOptions {
  id: string;
  node: NodeAttributes;
  edges: PanelEdge[];
  labelOf: (id: string) => string;
  findings: (signal: AbortSignal) => Promise<Finding[]>;
  onSelect: (id: string) => void;
  onClose: () => void;
  /** Move the keyboard focus to the panel (when the user opened it, not on page load). */
  focus?: boolean;
}

export function nodePanel(region: HTMLElement, ctx: AppContext, options: PanelOptions): { id: string; destroy(): void } {
  const { id, node } = options;
  const controller = new AbortController();
  const signal = controller.signal;
  const titleId = uid('panneau');
  const isPerson = node.nodeType === 'person';
  const details = h('div', null, loading('Chargement de la fiche…'));
  const territory = h('div');
  const findingsEl = h('div', null, loading('Chargement des constats…'));
  const close = h('button', { class: 'fr-btn--close fr-btn', type: 'button', title: 'Fermer le panneau', 'aria-controls': titleId }, 'Fermer');
  close.addEventListener('click', options.onClose);
  const panel = h(
    'div',
    { class: 'app-panel', role: 'dialog', 'aria-modal': 'false', 'aria-labelledby': titleId },
    h('div', { class: 'app-panel__close' }, close),
    h('h2', { class: 'fr-h5 app-panel__title', id: titleId, tabindex: '-1' }, node.label),
    h(
      'p',
      { class: 'app-panel__badges' },
      node.kind ? kindBadge(ctx.palette, node.kind) : badge('Coordinateur', undefined, { noIcon: true }),
      node.status ? badge(MECHANISM_STATUS_LABELS[node.status], node.status === 'active' ? 'success' : node.status === 'project' ? 'new' : undefined, { noIcon: true }) : null,
      !isPerson && !node.active ? badge('Non actif à la date de référence', 'warning', { noIcon: true }) : null,
    ),
    node.kind ? h('p', { class: 'fr-text--sm app-mention' }, MECHANISM_KIND_LABELS[node.kind]) : null,
    panelActions(ctx, id, node),
    section('Fiche', details),
    isPerson ? null : section('Territoire', territory),
    node.themes.length ? section('Thèmes', themeLinks(ctx, id, node.themes)) : null,
    edgeSections(ctx, options),
    section('Constats', findingsEl),
  );
  replace(region, panel);
  region.onkeydown = (e) => {
    if (e.key === 'Escape') options.onClose();
  };

  const kind = isPerson ? ('people' as const) : ('mechanisms' as const);
  ctx
    .cached(`${kind}:${id}`, (s) => records.get(kind, id, s), signal)
    .then((record) => {
      if (signal.aborted) return;
      if (isPerson) return replace(details, personDetails(record as EntityRecord<'people'>, options));
      const m = (record as EntityRecord<'mechanisms'>).data as Mechanism;
      replace(details, mechanismDetails(m, node, options.labelOf, ctx.state().asOf));
      void showTerritory(territory, ctx, m, node, signal);
    })
    .catch((error: unknown) => {
      if (!signal.aborted) replace(details, errorAlert(error, 'Fiche indisponible'));
    });
  options
    .findings(signal)
    .then((all) => {
      if (!signal.aborted) replace(findingsEl, findingsList(ctx, id, all.filter((f) => f.subjects.includes(id))));
    })
    .catch((error: unknown) => {
      if (!signal.aborted) replace(findingsEl, errorAlert(error, 'Constats indisponibles'));
    });

  if (options.focus !== false) (panel.querySelector('h2') as HTMLElement).focus({ preventScroll: true });
  return {
    id,
    destroy() {
      controller.abort();
      region.onkeydown = null;
    },
  };
}

function panelActions(ctx: AppContext, id: string, node: NodeAttributes): HTMLElement {
  const isPerson = node.nodeType === 'person';
  const dep = node.departements[0];
  const edit = ctx.href({ view: 'donnees', resetParams: true, params: { onglet: isPerson ? 'personnes' : 'dispositifs', modifier: id } });
  return h(
    'div',
    { class: 'app-panel__actions' },
    // Only for an account that may change this record (role and scope).
    (isPerson ? can.editPerson() : can.editMechanism(id)) ? h('a', { class: 'fr-btn fr-btn--sm fr-icon-edit-line fr-btn--icon-left', href: edit }, 'Modifier') : null,
    dep && !isPerson ? h('a', { class: 'fr-btn fr-btn--sm fr-btn--secondary fr-icon-map-pin-2-line fr-btn--icon-left', href: ctx.href({ view: 'departement', resetParams: true, params: { dep, noeud: id } }) }, 'Diagramme du département') : null,
    isPerson ? null : h('a', { class: 'fr-btn fr-btn--sm fr-btn--secondary fr-icon-road-map-line fr-btn--icon-left', href: ctx.href({ view: 'carte', resetParams: true, params: { dispositif: id } }) }, 'Voir sur la carte'),
  );
}

/** Each theme it works on, and who else works on it where it works (the Thèmes view around it). */
function themeLinks(ctx: AppContext, id: string, themes: readonly string[]): HTMLElement {
  return h(
    'ul',
    { class: 'app-panel__list' },
    themes.map((theme) =>
      h('li', null, h('span', { class: 'fr-text--sm' }, `${themeLabel(theme)} — `), h('a', { class: 'fr-link fr-text--sm', href: ctx.href({ view: 'themes', resetParams: true, params: { dispositif: id, theme } }) }, 'qui d’autre travaille sur ce thème ici ?')),
    ),
  );
}

/** Declared links, missing links (with « Créer ce lien ») and overlaps of the node. */
function edgeSections(ctx: AppContext, options: PanelOptions): HTMLElement[] {
  const { id } = options;
  const links = options.edges.filter((e) => e.edgeType === 'link' || e.edgeType === 'coordination');
  const ghosts = options.edges.filter((e) => e.edgeType === 'ghost');
  const overlaps = options.edges.filter((e) => e.edgeType === 'overlap');
  const other = (e: PanelEdge) => (e.source === id ? e.target : e.source);
  const endButton = (target: string) => h('button', { type: 'button', class: 'fr-link fr-text--sm app-linklike', onclick: () => options.onSelect(target) }, options.labelOf(target));
  const linkItem = (e: PanelEdge) =>
    h(
      'li',
      null,
      h('span', { class: 'app-dot app-dot--sm', style: `background:${e.edgeType === 'link' && e.kind ? ctx.palette.link[e.kind] : ctx.palette.misc.coordination}`, 'aria-hidden': 'true' }),
      e.source === id ? '→ ' : '← ',
      h('span', { class: 'app-mention' }, `${e.label} : `),
      endButton(other(e)),
    );
  const ghostItem = (e: PanelEdge) => {
    const stage = e.kind === 'avis' ? (e.stage ?? 'projet') : null;
    const create = can.editLink(e.source, e.target)
      ? h('a', { class: 'fr-link fr-text--sm', href: ctx.href({ view: 'donnees', resetParams: true, params: { onglet: 'liens', nouveau: '1', type: e.kind ?? null, de: e.source, vers: e.target, etape: stage } }) }, 'Créer ce lien')
      : null;
    return h('li', null, h('span', { class: 'app-line app-line--dashed app-line--sm', style: `color:${ctx.palette.misc.ghost}`, 'aria-hidden': 'true' }), `${e.kind ? LINK_KIND_LABELS[e.kind] : 'Lien'} ${e.source === id ? 'vers' : 'depuis'} `, endButton(other(e)), ' ', create);
  };
  return [
    section(`Liens déclarés (${links.length})`, links.length ? h('ul', { class: 'app-panel__list' }, links.map(linkItem)) : h('p', { class: 'fr-text--sm' }, 'Aucun lien déclaré.')),
    ghosts.length ? section(`Liens manquants (${ghosts.length})`, h('ul', { class: 'app-panel__list' }, ghosts.map(ghostItem))) : null,
    overlaps.length ? section(`Chevauchements (${overlaps.length})`, h('ul', { class: 'app-panel__list' }, overlaps.map((e) => h('li', null, h('span', { class: 'app-mention' }, `${e.label} avec `), endButton(other(e)))))) : null,
  ].filter((x): x is HTMLElement => x !== null);
}

function findingsList(ctx: AppContext, id: string, mine: readonly Finding[]): HTMLElement | HTMLElement[] {
  if (mine.length === 0) return h('p', { class: 'fr-text--sm' }, 'Aucun constat pour ce dispositif à la date de référence.');
  return [
    h(
      'ul',
      { class: 'app-panel__findings' },
      mine.map((f) =>
        h(
          'li',
          null,
          badge(SEVERITY_LABELS[f.severity], severityBadgeType(f.severity)),
          h('p', { class: 'fr-text--sm fr-mb-1v' }, f.message),
          h('p', { class: 'fr-text--xs app-mention fr-mb-1v' }, h('strong', null, 'Résolution : '), f.fix.message),
          h('p', { class: 'fr-text--xs app-mention fr-mb-0' }, h('strong', null, 'Référence : '), f.reference),
        ),
      ),
    ),
    h('a', { class: 'fr-link fr-text--sm', href: ctx.href({ view: 'constats', resetParams: true, params: { sujet: id } }) }, 'Voir ces constats dans l’onglet Constats'),
  ];
}

/** The declared perimeter with names and populations, then its communes (largest first). */
async function showTerritory(target: HTMLElement, ctx: AppContext, m: Mechanism, node: NodeAttributes, signal: AbortSignal): Promise<void> {
  const t = m.territory ?? {};
  const codes = [...(t.departements ?? []).map((c) => ['département', c] as const), ...(t.epci ?? []).map((c) => ['EPCI', c] as const), ...(t.communes ?? []).map((c) => ['commune', c] as const)];
  const population = h('p', { class: 'fr-text--sm fr-mb-1w' }, h('strong', null, 'Population couverte : '), `${formatInt(node.population)} habitants`, node.departements.length ? ` · ${node.departements.map((d) => `${departementName(d)} (${d})`).join(', ')}` : '');
  const declared = h('ul', { class: 'app-panel__list' });
  const communesEl = h('div');
  replace(target, population, h('p', { class: 'fr-text--sm fr-mb-1v' }, 'Périmètre déclaré :'), declared, communesEl);
  const shown = codes.slice(0, 25);
  const descriptions: (TerritoryDescription | null)[] = await Promise.all(
    shown.map(([, code]) => ctx.cached(`territory:${code}`, (s) => json(api.territories[':code'].$get({ param: { code } }, cancellable(s))), signal).catch(() => null)),
  );
  if (signal.aborted) return;
  replace(
    declared,
    shown.map(([type, code], i) => h('li', null, `${descriptions[i]?.name ?? code} `, h('span', { class: 'app-mention' }, `(${type} ${code}${descriptions[i] ? `, ${formatInt(descriptions[i]!.population)} hab.` : ''})`))),
    codes.length > shown.length ? h('li', null, `… et ${codes.length - shown.length} autres`) : null,
  );
  const communes = new Map<string, { name: string; population: number }>();
  for (const d of descriptions) for (const c of d?.communes ?? []) communes.set(c.code, c);
  if (communes.size === 0) return;
  const list = [...communes.entries()].sort((a, b) => b[1].population - a[1].population);
  replace(
    communesEl,
    h(
      'details',
      { class: 'app-details' },
      h('summary', { class: 'fr-text--sm' }, `${formatInt(communes.size)} ${agree(communes.size, 'commune')} (par population)`),
      h('ul', { class: 'app-panel__communes fr-text--xs' }, list.slice(0, 400).map(([code, c]) => h('li', null, `${c.name} (${code}) — ${formatInt(c.population)} hab.`)), list.length > 400 ? h('li', null, `… et ${list.length - 400} autres`) : null),
    ),
  );
}

function section(title: string, body: Child): HTMLElement {
  return h('section', { class: 'app-panel__section' }, h('h3', { class: 'fr-text--md fr-mb-1w app-panel__subtitle' }, title), body);
}

function dl(rows: [string, Child][]): HTMLElement {
  return h('dl', { class: 'app-dl' }, rows.filter(([, v]) => v !== null && v !== undefined && v !== '').map(([k, v]) => [h('dt', null, k), h('dd', null, v)]));
}

const yesNo = (value: boolean | undefined) => (value === undefined ? null : value ? 'Oui' : 'Non');

function mechanismDetails(m: Mechanism, node: NodeAttributes, labelOf: (id: string) => string, asOf: string): HTMLElement[] {
  const gov = m.governance;
  const copil = gov?.copil;
  return [
    dl([
      // Dates said as done only when they have come at the reference date (« adoption prévue le … »).
      ['Dates', datesText(m.dates, asOf) || null],
      ['Volet santé mentale', yesNo(m.mentalHealthComponent)],
      ['Priorités', m.priorities?.length ? h('ul', { class: 'app-tight' }, m.priorities.map((p) => h('li', null, PRIORITY_LABELS[p]))) : null],
      ['Objectifs', m.objectives?.length ? m.objectives.map(objectiveLabel).join(', ') : null],
      ['Thèmes', m.themes?.length ? m.themes.map(themeLabel).join(', ') : null],
      ['COPIL', copil ? `${copil.roles?.length ? copil.roles.map((r) => COPIL_ROLE_LABELS[r]).join(' ; ') : 'composition inconnue'}${copil.meetingsPerYear !== undefined ? ` — ${plural(copil.meetingsPerYear, 'réunion')} par an` : ''}` : null],
      ['Plénière', gov?.plenaryPerYear !== undefined ? `${gov.plenaryPerYear} par an` : null],
      ['Groupes de travail', gov?.workingGroups?.length ? gov.workingGroups.map((w) => w.title ?? themeLabel(w.theme)).join(' ; ') : null],
      ['Charte', yesNo(gov?.charter)],
      ['Financements', gov?.funding?.length ? gov.funding.map((f) => FUNDER_LABELS[f]).join(', ') : null],
      ['Coordination', m.coordinators?.length ? m.coordinators.map((c) => coordinatorText(labelOf(c.person), c.fte)).join(' ; ') : null],
      ['Constats', `${plural(node.findings.error, 'erreur')}, ${plural(node.findings.warning, 'avertissement')}, ${plural(node.findings.info, 'information')}`],
    ]),
    supportDetails([['Identifiant', m.id]]),
  ];
}

/** A person: their name, what they coordinate (their role), training and contact. */
function personDetails(record: EntityRecord<'people'>, options: PanelOptions): HTMLElement[] {
  const p = record.data;
  const roles = options.edges
    .filter((e) => e.edgeType === 'coordination')
    .map((e) => `${options.labelOf(e.source === options.id ? e.target : e.source)}${e.label.replace(/^Coordination/, '')}`);
  return [
    dl([
      ['Rôle', roles.length ? `Coordination de : ${roles.join(' ; ')}` : 'Ne coordonne aucun dispositif de ce territoire'],
      ['Formé(e)', yesNo(p.trained)],
      ['Courriel', p.email ?? null],
      ['Téléphone', p.phone ?? null],
    ]),
    supportDetails([['Identifiant', p.id]]),
  ];
}
