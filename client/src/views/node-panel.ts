// The side panel of a selected node: attributes, territory (communes, population), links,
// findings and an edit button.
import type { Finding } from '../../../model/rules/types.ts';
import { SEVERITY_LABELS } from '../../../model/rules/types.ts';
import type { Mechanism, Person } from '../../../model/schema.ts';
import {
  COPIL_ROLES,
  LINK_KIND_LABELS,
  MECHANISM_KIND_LABELS,
  MECHANISM_STATUS_LABELS,
  PRIORITY_LABELS,
  THEMES,
  type Priority,
} from '../../../model/vocabulary.ts';
import { api, type EntityRecord, type TerritoryDescription } from '../api.ts';
import type { AppContext } from '../context.ts';
import { badge, errorAlert, h, loading, replace, uid, type Child } from '../dom.ts';
import { formatDate, formatInt, formatNumber } from '../lib/format.ts';
import { severityBadgeType } from '../lib/findings.ts';
import type { EdgeAttributes, NodeAttributes } from '../lib/network.ts';
import { departementName } from '../lib/territories.ts';
import { can } from '../session.ts';

export interface PanelOptions {
  id: string;
  node: NodeAttributes;
  edges: (EdgeAttributes & { id: string; source: string; target: string })[];
  labelOf: (id: string) => string;
  findings: () => Promise<Finding[]>;
  onSelect: (id: string) => void;
  onClose: () => void;
  /** Move the keyboard focus to the panel (when the user opened it, not on page load). */
  focus?: boolean;
}

const themeLabel = (id: string) => THEMES.find((t) => t.id === id)?.label ?? id;
const roleLabel = (id: string) => COPIL_ROLES.find((r) => r.id === id)?.label ?? id;

export function nodePanel(region: HTMLElement, ctx: AppContext, options: PanelOptions): { id: string; destroy(): void } {
  const { id, node } = options;
  const controller = new AbortController();
  const titleId = uid('panneau');
  const details = h('div', null, loading('Chargement de la fiche…'));
  const territory = h('div');
  const findingsEl = h('div', null, loading('Chargement des constats…'));
  const isPerson = node.nodeType === 'person';
  const depForDiagram = node.departements[0];

  const close = h('button', { class: 'fr-btn--close fr-btn', type: 'button', title: 'Fermer le panneau', 'aria-controls': titleId }, 'Fermer');
  close.addEventListener('click', options.onClose);
  const editHref = ctx.href({ view: 'donnees', resetParams: true, params: { onglet: isPerson ? 'personnes' : 'dispositifs', modifier: id } });
  const diagramHref = depForDiagram ? ctx.href({ view: 'departement', resetParams: true, params: { dep: depForDiagram, noeud: id } }) : null;

  const links = options.edges.filter((e) => e.edgeType === 'link' || e.edgeType === 'coordination');
  const ghosts = options.edges.filter((e) => e.edgeType === 'ghost');
  const overlaps = options.edges.filter((e) => e.edgeType === 'overlap');
  const other = (e: { source: string; target: string }) => (e.source === id ? e.target : e.source);
  const endButton = (target: string) => {
    const b = h('button', { type: 'button', class: 'fr-link fr-text--sm app-linklike' }, options.labelOf(target));
    b.addEventListener('click', () => options.onSelect(target));
    return b;
  };
  const edgeItem = (e: EdgeAttributes & { source: string; target: string }) =>
    h(
      'li',
      null,
      h('span', { class: 'app-dot app-dot--sm', style: `background:${e.edgeType === 'link' && e.kind ? ctx.palette.link[e.kind] : ctx.palette.misc.coordination}`, 'aria-hidden': 'true' }),
      e.source === id ? '→ ' : '← ',
      h('span', { class: 'app-mention' }, `${e.label} : `),
      endButton(other(e)),
    );

  const panel = h(
    'div',
    { class: 'app-panel', role: 'dialog', 'aria-modal': 'false', 'aria-labelledby': titleId },
    h('div', { class: 'app-panel__close' }, close),
    h('h2', { class: 'fr-h5 app-panel__title', id: titleId, tabindex: '-1' }, node.label),
    h(
      'p',
      { class: 'app-panel__badges' },
      node.kind ? h('span', { class: 'fr-badge fr-badge--sm app-kind-badge', style: `--kind:${ctx.palette.kind[node.kind]}` }, node.kind) : badge('Coordinateur', undefined, { noIcon: true }),
      node.status ? badge(MECHANISM_STATUS_LABELS[node.status], node.status === 'active' ? 'success' : node.status === 'project' ? 'new' : undefined, { noIcon: true }) : null,
      !isPerson && !node.active ? badge('Non actif à la date de référence', 'warning', { noIcon: true }) : null,
    ),
    node.kind ? h('p', { class: 'fr-text--sm app-mention' }, MECHANISM_KIND_LABELS[node.kind]) : null,
    h('div', { class: 'app-panel__actions' },
      // Only for an account that may change this record (role and scope).
      (isPerson ? can.editPerson() : can.editMechanism(id)) ? h('a', { class: 'fr-btn fr-btn--sm fr-icon-edit-line fr-btn--icon-left', href: editHref }, 'Modifier') : null,
      diagramHref && !isPerson ? h('a', { class: 'fr-btn fr-btn--sm fr-btn--secondary fr-icon-map-pin-2-line fr-btn--icon-left', href: diagramHref }, 'Diagramme du département') : null,
    ),
    section('Fiche', details),
    isPerson ? null : section('Territoire', territory),
    section(
      `Liens déclarés (${links.length})`,
      links.length ? h('ul', { class: 'app-panel__list' }, links.map(edgeItem)) : h('p', { class: 'fr-text--sm' }, 'Aucun lien déclaré.'),
    ),
    ghosts.length
      ? section(
          `Liens manquants (${ghosts.length})`,
          h(
            'ul',
            { class: 'app-panel__list' },
            ghosts.map((e) =>
              h(
                'li',
                null,
                h('span', { class: 'app-line app-line--dashed app-line--sm', style: `color:${ctx.palette.misc.ghost}`, 'aria-hidden': 'true' }),
                `${e.kind ? LINK_KIND_LABELS[e.kind] : 'Lien'} ${e.source === id ? 'vers' : 'depuis'} `,
                endButton(other(e)),
                ' ',
                can.editLink(e.source, e.target) && h(
                  'a',
                  {
                    class: 'fr-link fr-text--sm',
                    href: ctx.href({ view: 'donnees', resetParams: true, params: { onglet: 'liens', nouveau: '1', type: e.kind ?? null, de: e.source, vers: e.target, etape: stageOfGhost(e) } }),
                  },
                  'Créer ce lien',
                ),
              ),
            ),
          ),
        )
      : null,
    overlaps.length
      ? section(
          `Chevauchements (${overlaps.length})`,
          h('ul', { class: 'app-panel__list' }, overlaps.map((e) => h('li', null, h('span', { class: 'app-mention' }, `${e.label} avec `), endButton(other(e))))),
        )
      : null,
    section('Constats', findingsEl),
  );
  replace(region, panel);
  region.onkeydown = (e) => {
    if (e.key === 'Escape') options.onClose();
  };

  // ---- the record
  const entity = isPerson ? ('people' as const) : ('mechanisms' as const);
  ctx
    .cached(`${entity}:${id}`, () => api.get(entity, id))
    .then((record) => {
      if (controller.signal.aborted) return;
      if (isPerson) replace(details, personDetails(record as EntityRecord<Person>));
      else {
        const m = (record as EntityRecord<Mechanism>).data;
        replace(details, mechanismDetails(m, node));
        renderTerritory(m);
      }
    })
    .catch((error) => {
      if (!controller.signal.aborted) replace(details, errorAlert(error, 'Fiche indisponible'));
    });

  options
    .findings()
    .then((all) => {
      if (controller.signal.aborted) return;
      const mine = all.filter((f) => f.subjects.includes(id));
      if (mine.length === 0) {
        replace(findingsEl, h('p', { class: 'fr-text--sm' }, 'Aucun constat pour ce dispositif à la date de référence.'));
        return;
      }
      replace(
        findingsEl,
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
      );
    })
    .catch((error) => {
      if (!controller.signal.aborted) replace(findingsEl, errorAlert(error, 'Constats indisponibles'));
    });

  function renderTerritory(m: Mechanism) {
    const t = m.territory ?? {};
    const codes = [...(t.departements ?? []).map((c) => ['département', c] as const), ...(t.epci ?? []).map((c) => ['EPCI', c] as const), ...(t.communes ?? []).map((c) => ['commune', c] as const)];
    const population = h('p', { class: 'fr-text--sm fr-mb-1w' }, h('strong', null, 'Population couverte : '), `${formatInt(node.population)} habitants`, node.departements.length ? ` · ${node.departements.map((d) => `${departementName(d)} (${d})`).join(', ')}` : '');
    const declared = h('ul', { class: 'app-panel__list' });
    const communesEl = h('div');
    replace(territory, population, h('p', { class: 'fr-text--sm fr-mb-1v' }, 'Périmètre déclaré :'), declared, communesEl);
    const shown = codes.slice(0, 25);
    const descriptions: (TerritoryDescription | null)[] = [];
    Promise.all(
      shown.map(([, code], i) =>
        ctx
          .cached(`territory:${code}`, () => api.territory(code))
          .then((d) => (descriptions[i] = d))
          .catch(() => (descriptions[i] = null)),
      ),
    ).then(() => {
      if (controller.signal.aborted) return;
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
          h('summary', { class: 'fr-text--sm' }, `${formatInt(communes.size)} commune${communes.size > 1 ? 's' : ''} (par population)`),
          h('ul', { class: 'app-panel__communes fr-text--xs' }, list.slice(0, 400).map(([code, c]) => h('li', null, `${c.name} (${code}) — ${formatInt(c.population)} hab.`)), list.length > 400 ? h('li', null, `… et ${list.length - 400} autres`) : null),
        ),
      );
    });
  }

  if (options.focus !== false) (panel.querySelector('h2') as HTMLElement).focus({ preventScroll: true });
  return {
    id,
    destroy() {
      controller.abort();
      region.onkeydown = null;
    },
  };
}

function stageOfGhost(e: EdgeAttributes): string | null {
  return e.kind === 'avis' ? (e.stage ?? 'projet') : null;
}

function section(title: string, body: Child): HTMLElement {
  return h('section', { class: 'app-panel__section' }, h('h3', { class: 'fr-text--md fr-mb-1w app-panel__subtitle' }, title), body);
}

function dl(rows: [string, Child][]): HTMLElement {
  return h('dl', { class: 'app-dl' }, rows.filter(([, v]) => v !== null && v !== undefined && v !== '').map(([k, v]) => [h('dt', null, k), h('dd', null, v)]));
}

function mechanismDetails(m: Mechanism, node: NodeAttributes): HTMLElement {
  const d = m.dates ?? {};
  const gov = m.governance;
  const rows: [string, Child][] = [
    ['Identifiant', h('code', null, m.id)],
    ['Début', d.start ? formatDate(d.start) : null],
    ['Fin', d.end ? formatDate(d.end) : null],
    ['Signature', d.signed ? formatDate(d.signed) : null],
    ['Diagnostic adopté', d.diagnosticAdopted ? formatDate(d.diagnosticAdopted) : null],
    ['Projet adopté', d.adopted ? formatDate(d.adopted) : null],
    ['Volet santé mentale', m.mentalHealthComponent === undefined ? null : m.mentalHealthComponent ? 'Oui' : 'Non'],
    ['Priorités', m.priorities?.length ? h('ul', { class: 'app-tight' }, m.priorities.map((p) => h('li', null, PRIORITY_LABELS[p as Priority] ?? p))) : null],
    ['Objectifs', m.objectives?.length ? m.objectives.join(', ') : null],
    ['Thèmes', m.themes?.length ? m.themes.map(themeLabel).join(', ') : null],
    ['COPIL', gov?.copil ? `${gov.copil.roles?.length ? gov.copil.roles.map(roleLabel).join(' ; ') : 'composition inconnue'}${gov.copil.meetingsPerYear !== undefined ? ` — ${gov.copil.meetingsPerYear} réunion(s)/an` : ''}` : null],
    ['Plénière', gov?.plenaryPerYear !== undefined ? `${gov.plenaryPerYear} par an` : null],
    ['Groupes de travail', gov?.workingGroups?.length ? gov.workingGroups.map((w) => w.title ?? themeLabel(w.theme)).join(' ; ') : null],
    ['Charte', gov?.charter === undefined ? null : gov.charter ? 'Oui' : 'Non'],
    ['Financements', gov?.funding?.length ? gov.funding.join(', ') : null],
    ['Coordination', m.coordinators?.length ? m.coordinators.map((c) => `${c.person}${c.fte !== undefined ? ` (${formatNumber(c.fte)} ETP)` : ''}`).join(' ; ') : null],
    ['Constats', `${node.findings.error} erreur(s), ${node.findings.warning} avertissement(s), ${node.findings.info} information(s)`],
  ];
  return dl(rows);
}

function personDetails(record: EntityRecord<Person>): HTMLElement {
  const p = record.data;
  return dl([
    ['Identifiant', h('code', null, p.id)],
    ['Formé(e)', p.trained === undefined ? null : p.trained ? 'Oui' : 'Non'],
    ['Courriel', p.email ?? null],
    ['Téléphone', p.phone ?? null],
  ]);
}
