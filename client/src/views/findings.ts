// Constats: findings grouped by category and severity, filterable; each names its reference and
// its fix, and links to its subjects in the network and the département diagram.
import type { Finding } from '../../../model/rules/types.ts';
import { linkTitle } from '../../../model/labels.ts';
import { plural } from '../../../model/text.ts';
import { BASIS_LABELS, CATEGORIES, CATEGORY_LABELS, SEVERITIES, SEVERITY_LABELS, themeLabel } from '../../../model/vocabulary.ts';
import { api, cancellable, json, type Graph, type RuleInfo } from '../api.ts';
import type { AppContext, View, ViewFactory } from '../context.ts';
import { badge, button, debounce, emptyState, h, replace, uid, viewPage } from '../dom.ts';
import { countBySeverity, filterFindings, filtersFromParams, groupFindings, rulesIn, type FindingFilters } from '../lib/findings.ts';
import { formatDate, formatInt } from '../lib/format.ts';
import { apiScopeParams, scopeKey, type AppState } from '../lib/state.ts';
import { scopeLabel } from '../lib/territories.ts';
import { Loader } from '../load.ts';
import { can } from '../session.ts';
import { reportLink } from '../ui/report-link.ts';
import { supportDetails } from '../ui/support.ts';
import { workbookButtons, type WorkbookFormat } from '../ui/workbook-buttons.ts';

const PAGE = 40;

/** What the cards need besides the findings: rule titles, the names of the subjects (mechanisms, people, links). */
interface Catalogue {
  rules: Map<string, RuleInfo>;
  nodes: Map<string, { label: string; departements: readonly string[]; type: string; themes: readonly string[] }>;
  /** Declared links, named by their ends (« Avis du CLSM de Niort sur le PTSM des Deux-Sèvres (projet) »). */
  links: Map<string, string>;
}

/** The catalogue from the rules and the graph of the scope. */
function catalogueOf(rules: readonly RuleInfo[], graph: Graph | null): Catalogue {
  const nodes = new Map((graph?.nodes ?? []).map((n) => [n.id, { label: n.label, departements: n.departements ?? [], type: n.type, themes: n.themes ?? [] }]));
  const nameOf = (id: string) => nodes.get(id)?.label ?? id;
  const links = new Map<string, string>();
  for (const e of graph?.edges ?? []) if (e.type === 'link' && e.kind) links.set(e.id, linkTitle({ kind: e.kind, from: e.source, to: e.target, stage: e.stage }, nameOf));
  return { rules: new Map(rules.map((r) => [r.id, r])), nodes, links };
}

export const findingsView: ViewFactory = (root, ctx): View => {
  let state = ctx.state();
  let all: Finding[] | null = null;
  let catalogue: Catalogue = { rules: new Map(), nodes: new Map(), links: new Map() };
  // On paper, every finding (the screen shows the first ones of each group).
  let printing = false;
  let dataKey = '';
  const shown = new Map<string, number>();
  const counts = h('div', { class: 'app-counts', 'aria-live': 'polite' });
  // « Rapport PDF » and, beside it, the findings as a workbook (the filters the server knows).
  const report = h('div');
  const workbook = h('div');
  const actions = h('div', { class: 'app-view-actions' }, report, workbook);
  const results = h('div', { class: 'app-findings' });
  const form = h('form', { class: 'app-filters', 'aria-label': 'Filtrer les constats', onsubmit: (e: Event) => e.preventDefault() });
  let syncForm: (filters: FindingFilters) => void = () => {};
  const loader = Loader.into(results);
  replace(
    root,
    viewPage(
      { title: 'Constats', intro: 'Liens manquants, chevauchements, redondances et gouvernance, d’après les règles du référentiel (annexes 1 et 2), à la date de référence.' },
      actions,
      counts,
      form,
      results,
    ),
  );
  const beforePrint = () => {
    printing = true;
    render();
  };
  const afterPrint = () => {
    printing = false;
    render();
  };
  window.addEventListener('beforeprint', beforePrint);
  window.addEventListener('afterprint', afterPrint);

  const render = () => {
    if (!all) return;
    const filters = filtersFromParams(state.params);
    syncForm(filters);
    const filtered = filterFindings(all, filters, (id) => subjectName(id, catalogue), (id) => catalogue.nodes.get(id)?.themes ?? []);
    replace(counts, countsLine(all, filtered, state));
    replace(workbook, findingsWorkbookButtons(state, filters));
    replace(results, findingsList(all, filtered, { ctx, state, catalogue, shown, render, printing }));
  };

  const load = () => {
    const key = `${scopeKey(state.scope)}|${state.asOf}`;
    replace(report, reportLink(state, state.scope));
    if (key === dataKey && all) return render();
    dataKey = key;
    all = null;
    shown.clear();
    form.hidden = true;
    replace(counts);
    const scope = apiScopeParams(state);
    void loader.run({
      loading: 'Analyse des règles…',
      failure: 'Les constats n’ont pas pu être chargés',
      fetch: (signal) =>
        Promise.all([
          ctx.cached(`findings|${key}`, (s) => json(api.findings.$get({ query: scope }, cancellable(s))), signal),
          ctx.cached('rules', (s) => json(api.rules.$get(undefined, cancellable(s))), signal).then((r) => r.rules, () => [] as RuleInfo[]),
          ctx.cached(`graph|${key}`, (s) => json(api.graph.$get({ query: { ...scope, people: 'true' } }, cancellable(s))), signal).catch(() => null as Graph | null),
        ]),
      done: ([findings, rules, graph]) => {
        catalogue = catalogueOf(rules, graph);
        all = findings.findings;
        form.hidden = false;
        syncForm = filterForm(form, all, catalogue, ctx);
        render();
      },
      failed: () => (dataKey = ''),
    });
  };

  load();
  return {
    update(next: AppState) {
      state = next;
      load();
    },
    destroy() {
      loader.destroy();
      window.removeEventListener('beforeprint', beforePrint);
      window.removeEventListener('afterprint', afterPrint);
    },
  };
};

function checkboxes<T extends string>(ctx: AppContext, legend: string, name: string, values: readonly T[], labels: Record<T, string>) {
  const id = uid(name);
  const inputs = new Map<T, HTMLInputElement>();
  const el = h(
    'fieldset',
    { class: 'fr-fieldset app-fieldset app-fieldset--inline', 'aria-labelledby': `${id}-l` },
    h('legend', { class: 'fr-fieldset__legend fr-text--sm', id: `${id}-l` }, legend),
    values.map((v) => {
      const inputId = `${id}-${v}`;
      const input = h('input', { type: 'checkbox', id: inputId, name, value: v });
      inputs.set(v, input);
      input.addEventListener('change', () => ctx.navigate({ params: { [name]: values.filter((x) => inputs.get(x)!.checked).join(',') || null } }, { replace: true }));
      return h('div', { class: 'fr-fieldset__element fr-fieldset__element--inline' }, h('div', { class: 'fr-checkbox-group fr-checkbox-group--sm' }, input, h('label', { class: 'fr-label', for: inputId }, labels[v])));
    }),
  );
  return { el, sync: (selected: ReadonlySet<T>) => inputs.forEach((input, v) => (input.checked = selected.has(v))) };
}

/** The filter form, built once per data load; later URL changes only sync its controls (typing keeps the focus). */
function filterForm(form: HTMLElement, all: readonly Finding[], catalogue: Catalogue, ctx: AppContext): (filters: FindingFilters) => void {
  const ruleId = uid('regle');
  const qId = uid('q');
  const severities = checkboxes(ctx, 'Gravité', 'gravite', SEVERITIES, SEVERITY_LABELS);
  const categories = checkboxes(ctx, 'Catégorie', 'categorie', CATEGORIES, CATEGORY_LABELS);
  const ruleSelect = h(
    'select',
    { class: 'fr-select', id: ruleId, name: 'regle' },
    h('option', { value: '' }, 'Toutes les règles'),
    rulesIn(all).map((r) => h('option', { value: r.rule }, `${catalogue.rules.get(r.rule)?.docs.title ?? r.rule} (${r.count})`)),
  );
  ruleSelect.addEventListener('change', () => ctx.navigate({ params: { regle: ruleSelect.value || null } }, { replace: true }));
  const q = h('input', { class: 'fr-input', id: qId, type: 'search', name: 'q', placeholder: 'ex. : logement, niort, avis' });
  q.addEventListener('input', debounce(() => ctx.navigate({ params: { q: q.value.trim() || null } }, { replace: true }), 250));
  const subjectTag = h('p', { class: 'fr-mt-1w' });
  const theme = themeSelect(ctx, catalogue);
  replace(
    form,
    severities.el,
    categories.el,
    h(
      'div',
      { class: 'app-filters__row' },
      h('div', { class: 'fr-select-group' }, h('label', { class: 'fr-label', for: ruleId }, 'Règle'), ruleSelect),
      theme.el,
      h('div', { class: 'fr-input-group' }, h('label', { class: 'fr-label', for: qId }, 'Rechercher', h('span', { class: 'fr-hint-text' }, 'Dans le message, la résolution, les dispositifs')), q),
    ),
    subjectTag,
  );
  return (filters) => {
    severities.sync(filters.severities);
    categories.sync(filters.categories);
    ruleSelect.value = filters.rule ?? '';
    theme.sync(filters.theme);
    if (document.activeElement !== q) q.value = filters.q ?? '';
    const subject = filters.subject;
    const name = subject ? subjectName(subject, catalogue) : '';
    replace(
      subjectTag,
      subject
        ? h('button', { type: 'button', class: 'fr-tag fr-tag--sm fr-tag--dismiss', 'aria-label': `Retirer le filtre ${name}`, onclick: () => ctx.navigate({ params: { sujet: null } }, { replace: true }) }, `Dispositif : ${name}`)
        : null,
    );
  };
}

/** The theme filter: the themes the mechanisms of the territory work on. */
function themeSelect(ctx: AppContext, catalogue: Catalogue) {
  const id = uid('theme');
  const themes = new Set<string>();
  for (const n of catalogue.nodes.values()) for (const t of n.themes) themes.add(t);
  const options = [...themes].map((t) => ({ id: t, label: themeLabel(t) })).sort((a, b) => a.label.localeCompare(b.label, 'fr'));
  const select = h('select', { class: 'fr-select', id, name: 'theme' }, h('option', { value: '' }, 'Tous les thèmes'), options.map((o) => h('option', { value: o.id }, o.label)));
  select.addEventListener('change', () => ctx.navigate({ params: { theme: select.value || null } }, { replace: true }));
  return {
    el: h('div', { class: 'fr-select-group' }, h('label', { class: 'fr-label', for: id }, 'Thème', h('span', { class: 'fr-hint-text' }, 'Thème partagé ou travaillé par un dispositif concerné')), select),
    sync: (value: string | undefined) => (select.value = value && options.some((o) => o.id === value) ? value : ''),
  };
}

/** The findings as a workbook, with the filters the server knows (territory, date, severity, family, rule, subject). */
function findingsWorkbookButtons(state: AppState, filters: FindingFilters): HTMLElement {
  const query = (format: WorkbookFormat) => ({
    ...apiScopeParams(state),
    format,
    ...(filters.severities.size ? { severity: [...filters.severities].join(',') } : {}),
    ...(filters.categories.size ? { category: [...filters.categories].join(',') } : {}),
    ...(filters.rule ? { rule: filters.rule } : {}),
    ...(filters.subject ? { subject: filters.subject } : {}),
  });
  const note = `Classeur des constats${filters.q || filters.theme ? ' (filtres de gravité, de famille, de règle et de dispositif ; la recherche de texte et le thème n’y sont pas appliqués)' : ''} : gravité, fondement, référence, correction proposée.`;
  return workbookButtons('Constats', (format) => api.export.findings.$get({ query: query(format) }), (format) => `constats-${state.asOf}.${format}`, { small: true, note });
}

function countsLine(all: readonly Finding[], filtered: readonly Finding[], state: AppState): HTMLElement {
  const total = countBySeverity(all);
  const shownCounts = countBySeverity(filtered);
  return h(
    'p',
    { class: 'fr-mb-1w' },
    `${scopeLabel(state.scope)} : ${plural(all.length, 'constat')}`,
    filtered.length !== all.length ? `, dont ${plural(filtered.length, 'affiché')}` : '',
    ' — ',
    SEVERITIES.map((s) => [badge(`${shownCounts[s]} / ${plural(total[s], SEVERITY_LABELS[s].toLowerCase())}`, s), ' ']),
  );
}

interface ListContext {
  ctx: AppContext;
  state: AppState;
  catalogue: Catalogue;
  /** How many cards each group shows (« Afficher … de plus »). */
  shown: Map<string, number>;
  render(): void;
  /** Being printed: every card. */
  printing: boolean;
}

function findingsList(all: readonly Finding[], filtered: readonly Finding[], l: ListContext): HTMLElement | HTMLElement[] {
  const { ctx, state } = l;
  if (all.length === 0) {
    return emptyState('Aucun constat', `Aucune règle ne relève de manque, de chevauchement ni de redondance sur ${scopeLabel(state.scope)} au ${formatDate(state.asOf)}. Changez la date de référence ou le territoire en haut de page si vous attendiez des constats.`);
  }
  if (filtered.length === 0) {
    const reset = button('Réinitialiser les filtres', () => ctx.navigate({ params: { gravite: null, categorie: null, regle: null, q: null, sujet: null, theme: null } }, { replace: true }), { kind: 'secondary', small: true });
    return emptyState('Aucun constat ne correspond aux filtres', 'Élargissez les filtres (gravité, catégorie, règle, recherche) ou réinitialisez-les.', reset);
  }
  // Severity first, as the PDF report and the engine order them; then the family of rules.
  return groupFindings(filtered).map((group) =>
    h(
      'section',
      { class: 'app-findings__severity', 'aria-labelledby': `gravite-${group.severity}`, dataset: { severity: group.severity } },
      h('h2', { class: 'fr-h5', id: `gravite-${group.severity}` }, group.title),
      group.groups.map((cg) => {
        const key = `${group.severity}/${cg.category}`;
        const limit = l.printing ? Infinity : (l.shown.get(key) ?? PAGE);
        const rest = cg.findings.length - limit;
        const more = () => {
          l.shown.set(key, limit + PAGE * 4);
          l.render();
        };
        return h(
          'div',
          { class: 'app-findings__category' },
          h('h3', { class: 'fr-text--lg fr-mb-1w' }, `${cg.label} (${formatInt(cg.findings.length)})`),
          h('ul', { class: 'app-findings__list' }, cg.findings.slice(0, limit).map((f) => findingCard(f, l))),
          rest > 0 ? button(`Afficher ${Math.min(PAGE * 4, rest)} de plus (${formatInt(rest)} restants)`, more, { kind: 'tertiary', small: true }) : null,
          rest > 0 ? h('p', { class: 'app-print-only fr-text--sm' }, `… et ${plural(rest, 'autre constat', 'autres constats')} de cette famille : le rapport PDF les donne tous.`) : null,
        );
      }),
    ),
  );
}

function findingCard(f: Finding, l: ListContext): HTMLElement {
  const rule = l.catalogue.rules.get(f.rule);
  const link = f.fix.link;
  const ruleTitle = (id: string) => l.catalogue.rules.get(id)?.docs.title ?? 'règle du catalogue';
  return h(
    'li',
    { class: 'app-finding', dataset: { rule: f.rule, severity: f.severity } },
    h('div', { class: 'app-finding__head' }, badge(SEVERITY_LABELS[f.severity], f.severity), h('span', { class: 'app-finding__rule' }, rule?.docs.title ?? 'Constat')),
    h('p', { class: 'app-finding__message' }, f.message),
    h('p', { class: 'fr-text--sm fr-mb-1v' }, h('strong', null, 'Pour résoudre : '), f.fix.message),
    h('p', { class: 'fr-text--xs fr-mb-1v app-finding__basis', dataset: { basis: f.basis } }, h('strong', null, 'Fondement : '), BASIS_LABELS[f.basis], f.basis === 'loi' ? '' : ' (au plus un avertissement)'),
    h('p', { class: 'fr-text--xs app-mention fr-mb-1v' }, h('strong', null, 'Référence : '), f.reference),
    f.folded?.length ? h('p', { class: 'fr-text--xs app-mention fr-mb-1v' }, `Ce constat regroupe aussi : ${f.folded.map(ruleTitle).join(', ')} (même correction).`) : null,
    f.data?.sharedPopulation !== undefined ? h('p', { class: 'fr-text--xs fr-mb-1v' }, `Population partagée : ${formatInt(f.data.sharedPopulation)} habitants${f.data.sharedCommunes ? ` (${plural(f.data.sharedCommunes.length, 'commune')})` : ''}`) : null,
    h('ul', { class: 'app-subjects', 'aria-label': 'Dispositifs concernés' }, f.subjects.map((id) => subjectLinks(id, l))),
    f.category === 'overlap' || f.category === 'missing-link' || f.category === 'redundancy'
      ? h('p', { class: 'fr-mb-1v app-no-print' }, h('a', { class: 'fr-link fr-text--sm fr-icon-road-map-line fr-link--icon-left', href: l.ctx.href({ view: 'carte', resetParams: true, params: { constat: f.id } }) }, 'Voir sur la carte'))
      : null,
    link && can.editLink(link.from, link.to)
      ? h(
          'a',
          {
            class: 'fr-btn fr-btn--sm fr-btn--secondary fr-icon-add-line fr-btn--icon-left',
            href: l.ctx.href({ view: 'donnees', resetParams: true, params: { onglet: 'liens', nouveau: '1', type: link.kind, de: link.from, vers: link.to, etape: link.stage ?? null } }),
          },
          'Créer le lien manquant',
        )
      : null,
    // For support: the rule's code and the finding's, out of the way.
    supportDetails([
      ['Règle', f.rule],
      ['Constat', f.id],
      ...(f.folded?.length ? [['Règles regroupées', f.folded.join(', ')] as [string, string]] : []),
    ]),
  );
}

/** A subject's name: a mechanism's or a person's, a link named by its ends. */
function subjectName(id: string, catalogue: Catalogue): string {
  return catalogue.nodes.get(id)?.label ?? catalogue.links.get(id) ?? 'élément supprimé ou hors du territoire';
}

function subjectLinks(id: string, l: ListContext): HTMLElement {
  const node = l.catalogue.nodes.get(id);
  const label = subjectName(id, l.catalogue);
  const isMechanism = node?.type === 'mechanism';
  const dep = node?.departements[0];
  const href = (view: 'reseau' | 'departement', params: Record<string, string>) => l.ctx.href({ view, resetParams: true, params });
  return h(
    'li',
    { class: 'app-subject' },
    h('span', { class: 'app-subject__name' }, label),
    ' ',
    isMechanism
      ? h(
          'span',
          { class: 'app-subject__links' },
          h('a', { class: 'fr-link fr-text--xs', href: href('reseau', { noeud: id }), 'aria-label': `${label} dans le réseau` }, 'Réseau'),
          dep ? h('a', { class: 'fr-link fr-text--xs', href: href('departement', { dep, noeud: id }), 'aria-label': `${label} dans le diagramme du département` }, 'Diagramme') : null,
        )
      : null,
  );
}
