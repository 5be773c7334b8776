// Constats: findings grouped by category and severity, filterable; each names its reference and
// its fix, and links to its subjects in the network and the département diagram.
import { BASIS_LABELS, CATEGORIES, CATEGORY_LABELS, SEVERITIES, SEVERITY_LABELS, type Finding } from '../../../model/rules/types.ts';
import type { GraphView } from '../../../model/views.ts';
import { api, type RuleInfo } from '../api.ts';
import type { View, ViewFactory } from '../context.ts';
import { badge, button, debounce, emptyState, errorAlert, h, loading, replace, uid } from '../dom.ts';
import { countBySeverity, filterFindings, filtersFromParams, groupFindings, rulesIn, type FindingFilters } from '../lib/findings.ts';
import { formatInt, plural } from '../lib/format.ts';
import { apiScopeParams, scopeKey, type AppState } from '../lib/state.ts';
import { scopeLabel } from '../lib/territories.ts';
import { can } from '../session.ts';

const PAGE = 40;

export const findingsView: ViewFactory = (root, ctx): View => {
  let state = ctx.state();
  let all: Finding[] | null = null;
  let rules = new Map<string, RuleInfo>();
  let nodes = new Map<string, { label: string; departements: readonly string[]; type: string }>();
  let dataKey = '';
  let controller: AbortController | null = null;
  const shown = new Map<string, number>();

  const titleId = uid('titre');
  const counts = h('div', { class: 'app-counts', 'aria-live': 'polite' });
  const results = h('div', { class: 'app-findings' });
  const form = h('form', { class: 'app-filters', 'aria-label': 'Filtrer les constats', onsubmit: (e: Event) => e.preventDefault() });
  replace(
    root,
    h(
      'div',
      { class: 'fr-container fr-py-4w' },
      h('h1', { class: 'fr-h3', id: titleId }, 'Constats'),
      h('p', { class: 'fr-text--sm app-mention' }, 'Liens manquants, chevauchements, redondances et gouvernance, d’après les règles du référentiel (annexes 1 et 2), à la date de référence.'),
      counts,
      form,
      results,
    ),
  );

  let syncForm: (filters: FindingFilters) => void = () => {};

  function checkboxes<T extends string>(legend: string, name: string, values: readonly T[], labels: Record<T, string>, param: string) {
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
        input.addEventListener('change', () => {
          const selected = values.filter((x) => inputs.get(x)!.checked);
          ctx.navigate({ params: { [param]: selected.join(',') || null } }, { replace: true });
        });
        return h('div', { class: 'fr-fieldset__element fr-fieldset__element--inline' }, h('div', { class: 'fr-checkbox-group fr-checkbox-group--sm' }, input, h('label', { class: 'fr-label', for: inputId }, labels[v])));
      }),
    );
    return { el, sync: (selected: ReadonlySet<T>) => inputs.forEach((input, v) => (input.checked = selected.has(v))) };
  }

  /** Build the filter form once per data load; later URL changes only sync its controls (typing keeps the focus). */
  function buildForm() {
    const ruleId = uid('regle');
    const qId = uid('q');
    const severities = checkboxes('Gravité', 'gravite', SEVERITIES, SEVERITY_LABELS, 'gravite');
    const categories = checkboxes('Catégorie', 'categorie', CATEGORIES, CATEGORY_LABELS, 'categorie');
    const ruleSelect = h(
      'select',
      { class: 'fr-select', id: ruleId, name: 'regle' },
      h('option', { value: '' }, 'Toutes les règles'),
      rulesIn(all ?? []).map((r) => h('option', { value: r.rule }, `${rules.get(r.rule)?.docs.title ?? r.rule} (${r.count})`)),
    );
    ruleSelect.addEventListener('change', () => ctx.navigate({ params: { regle: ruleSelect.value || null } }, { replace: true }));
    const q = h('input', { class: 'fr-input', id: qId, type: 'search', name: 'q', placeholder: 'ex. : logement, niort, avis' });
    const onType = debounce(() => ctx.navigate({ params: { q: q.value.trim() || null } }, { replace: true }), 250);
    q.addEventListener('input', onType);
    const subjectTag = h('p', { class: 'fr-mt-1w' });
    replace(
      form,
      severities.el,
      categories.el,
      h(
        'div',
        { class: 'app-filters__row' },
        h('div', { class: 'fr-select-group' }, h('label', { class: 'fr-label', for: ruleId }, 'Règle'), ruleSelect),
        h('div', { class: 'fr-input-group' }, h('label', { class: 'fr-label', for: qId }, 'Rechercher', h('span', { class: 'fr-hint-text' }, 'Dans le message, la résolution, les dispositifs')), q),
      ),
      subjectTag,
    );
    syncForm = (filters) => {
      severities.sync(filters.severities);
      categories.sync(filters.categories);
      ruleSelect.value = filters.rule ?? '';
      if (document.activeElement !== q) q.value = filters.q ?? '';
      const subject = filters.subject;
      replace(
        subjectTag,
        subject
          ? h(
              'button',
              { type: 'button', class: 'fr-tag fr-tag--sm fr-tag--dismiss', 'aria-label': `Retirer le filtre ${nodes.get(subject)?.label ?? subject}`, onclick: () => ctx.navigate({ params: { sujet: null } }, { replace: true }) },
              `Dispositif : ${nodes.get(subject)?.label ?? subject}`,
            )
          : null,
      );
    };
  }

  function subjectLinks(id: string) {
    const node = nodes.get(id);
    const label = node?.label ?? id;
    const isMechanism = node ? node.type === 'mechanism' : !id.includes('--');
    const dep = node?.departements[0];
    return h(
      'li',
      { class: 'app-subject' },
      h('span', { class: 'app-subject__name' }, label),
      ' ',
      isMechanism
        ? h(
            'span',
            { class: 'app-subject__links' },
            h('a', { class: 'fr-link fr-text--xs', href: ctx.href({ view: 'reseau', resetParams: true, params: { noeud: id } }), 'aria-label': `${label} dans le réseau` }, 'Réseau'),
            dep ? h('a', { class: 'fr-link fr-text--xs', href: ctx.href({ view: 'departement', resetParams: true, params: { dep, noeud: id } }), 'aria-label': `${label} dans le diagramme du département` }, 'Diagramme') : null,
          )
        : null,
    );
  }

  function findingCard(f: Finding) {
    const rule = rules.get(f.rule);
    const link = f.fix.link;
    return h(
      'li',
      { class: 'app-finding', dataset: { rule: f.rule, severity: f.severity } },
      h('div', { class: 'app-finding__head' }, badge(SEVERITY_LABELS[f.severity], f.severity), h('span', { class: 'app-finding__rule' }, rule?.docs.title ?? f.rule), h('code', { class: 'app-finding__id fr-text--xs' }, f.rule)),
      h('p', { class: 'app-finding__message' }, f.message),
      h('p', { class: 'fr-text--sm fr-mb-1v' }, h('strong', null, 'Pour résoudre : '), f.fix.message),
      h('p', { class: 'fr-text--xs fr-mb-1v app-finding__basis', dataset: { basis: f.basis } }, h('strong', null, 'Fondement : '), BASIS_LABELS[f.basis], f.basis === 'loi' ? '' : ' (au plus un avertissement)'),
      h('p', { class: 'fr-text--xs app-mention fr-mb-1v' }, h('strong', null, 'Référence : '), f.reference),
      f.folded?.length ? h('p', { class: 'fr-text--xs app-mention fr-mb-1v' }, `Ce constat regroupe aussi : ${f.folded.map((id) => rules.get(id)?.docs.title ?? id).join(', ')} (même correction).`) : null,
      f.data?.sharedPopulation !== undefined ? h('p', { class: 'fr-text--xs fr-mb-1v' }, `Population partagée : ${formatInt(f.data.sharedPopulation)} habitants${f.data.sharedCommunes ? ` (${plural(f.data.sharedCommunes.length, 'commune')})` : ''}`) : null,
      h('ul', { class: 'app-subjects', 'aria-label': 'Dispositifs concernés' }, f.subjects.map(subjectLinks)),
      link && can.editLink(link.from, link.to)
        ? h(
            'a',
            {
              class: 'fr-btn fr-btn--sm fr-btn--secondary fr-icon-add-line fr-btn--icon-left',
              href: ctx.href({ view: 'donnees', resetParams: true, params: { onglet: 'liens', nouveau: '1', type: link.kind, de: link.from, vers: link.to, etape: link.stage ?? null } }),
            },
            'Créer le lien manquant',
          )
        : null,
    );
  }

  function render() {
    if (!all) return;
    const filters = filtersFromParams(state.params);
    syncForm(filters);
    const labelOf = (id: string) => nodes.get(id)?.label ?? id;
    const filtered = filterFindings(all, filters, labelOf);
    const total = countBySeverity(all);
    const shownCounts = countBySeverity(filtered);
    replace(
      counts,
      h(
        'p',
        { class: 'fr-mb-1w' },
        `${scopeLabel(state.scope)} : ${plural(all.length, 'constat')}`,
        filtered.length !== all.length ? `, dont ${formatInt(filtered.length)} affiché${filtered.length > 1 ? 's' : ''}` : '',
        ' — ',
        SEVERITIES.map((s) => [badge(`${shownCounts[s]} / ${total[s]} ${SEVERITY_LABELS[s].toLowerCase()}${total[s] > 1 ? 's' : ''}`, s), ' ']),
      ),
    );
    if (all.length === 0) {
      replace(results, emptyState('Aucun constat', `Aucune règle ne relève de manque, de chevauchement ni de redondance sur ${scopeLabel(state.scope)} au ${state.asOf}. Changez la date de référence ou le territoire en haut de page si vous attendiez des constats.`));
      return;
    }
    if (filtered.length === 0) {
      replace(results, emptyState('Aucun constat ne correspond aux filtres', 'Élargissez les filtres (gravité, catégorie, règle, recherche) ou réinitialisez-les.', button('Réinitialiser les filtres', () => ctx.navigate({ params: { gravite: null, categorie: null, regle: null, q: null, sujet: null } }, { replace: true }), { kind: 'secondary', small: true })));
      return;
    }
    replace(
      results,
      groupFindings(filtered).map((group) =>
        h(
          'section',
          { class: 'app-findings__category', 'aria-labelledby': `cat-${group.category}` },
          h('h2', { class: 'fr-h5', id: `cat-${group.category}` }, `${group.label} (${formatInt(group.total)})`),
          group.groups.map((sg) => {
            const key = `${group.category}/${sg.severity}`;
            const limit = shown.get(key) ?? PAGE;
            const list = h('ul', { class: 'app-findings__list' }, sg.findings.slice(0, limit).map(findingCard));
            return h(
              'div',
              { class: 'app-findings__severity' },
              h('h3', { class: 'fr-text--lg fr-mb-1w' }, `${sg.label} (${formatInt(sg.findings.length)})`),
              list,
              sg.findings.length > limit
                ? button(`Afficher ${Math.min(PAGE * 4, sg.findings.length - limit)} de plus (${formatInt(sg.findings.length - limit)} restants)`, () => {
                    shown.set(key, limit + PAGE * 4);
                    render();
                  }, { kind: 'tertiary', small: true })
                : null,
            );
          }),
        ),
      ),
    );
  }

  async function load() {
    const key = `${scopeKey(state.scope)}|${state.asOf}`;
    if (key === dataKey && all) {
      render();
      return;
    }
    dataKey = key;
    controller?.abort();
    const c = new AbortController();
    controller = c;
    all = null;
    shown.clear();
    form.hidden = true;
    replace(counts);
    replace(results, loading('Analyse des règles…'));
    try {
      const [findings, ruleList, graph] = await Promise.all([
        ctx.cached(`findings|${key}`, () => api.findings(apiScopeParams(state))),
        ctx.cached('rules', () => api.rules()).catch(() => [] as RuleInfo[]),
        ctx.cached(`graph|${key}`, () => api.graph({ ...apiScopeParams(state), people: true })).catch(() => null as GraphView | null),
      ]);
      if (c.signal.aborted) return;
      rules = new Map(ruleList.map((r) => [r.id, r]));
      nodes = new Map((graph?.nodes ?? []).map((n) => [n.id, { label: n.label, departements: n.departements ?? [], type: n.type }]));
      all = findings;
      form.hidden = false;
      buildForm();
      render();
    } catch (error) {
      if (c.signal.aborted) return;
      dataKey = '';
      replace(results, errorAlert(error, 'Les constats n’ont pas pu être chargés', button('Réessayer', () => void load(), { kind: 'secondary', small: true })));
    }
  }

  void load();
  return {
    update(next: AppState) {
      state = next;
      void load();
    },
    destroy() {
      controller?.abort();
    },
  };
};
