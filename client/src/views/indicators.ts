// Indicateurs: the indicators of the instruction of 13 May 2025 by région or département, in a
// table and a simple bar chart (SVG; the table is its text alternative).
import type { Indicators } from '../../../model/indicators.ts';
import { api } from '../api.ts';
import type { View, ViewFactory } from '../context.ts';
import { button, emptyState, errorAlert, h, loading, replace, saveBlob, svg, uid } from '../dom.ts';
import { formatDate, formatInt } from '../lib/format.ts';
import { formatMetric, indicatorsCsv, metricFromParam, METRIC_IDS, METRICS, toBars, type MetricId } from '../lib/indicators.ts';
import { apiScopeParams, type AppState } from '../lib/state.ts';
import { scopeLabel } from '../lib/territories.ts';

export const indicatorsView: ViewFactory = (root, ctx): View => {
  let state = ctx.state();
  let data: Indicators | null = null;
  let dataKey = '';
  let controller: AbortController | null = null;

  const levelName = uid('niveau');
  const levelInputs = (['region', 'departement'] as const).map((level) => {
    const id = `${levelName}-${level}`;
    const input = h('input', { type: 'radio', id, name: levelName, value: level });
    input.addEventListener('change', () => input.checked && ctx.navigate({ params: { niveau: level === 'departement' ? 'departement' : null } }, { replace: true }));
    return { level, input, el: h('div', { class: 'fr-segmented__element' }, input, h('label', { class: 'fr-label', for: id }, level === 'region' ? 'Par région' : 'Par département')) };
  });
  const metricId = uid('mesure');
  const metricSelect = h('select', { class: 'fr-select', id: metricId, name: 'mesure' }, METRIC_IDS.map((id) => h('option', { value: id }, METRICS[id].label)));
  metricSelect.addEventListener('change', () => ctx.navigate({ params: { mesure: metricSelect.value === 'couverture-clsm' ? null : metricSelect.value } }, { replace: true }));
  const chart = h('figure', { class: 'app-chart fr-mb-4w' });
  const table = h('div');
  const body = h('div');
  replace(
    root,
    h(
      'div',
      { class: 'fr-container fr-py-4w' },
      h('h1', { class: 'fr-h3' }, 'Indicateurs'),
      h('p', { class: 'fr-text--sm app-mention' }, 'Indicateurs de l’instruction du 13 mai 2025 (§ III) et couverture de la population, à la date de référence.'),
      h(
        'div',
        { class: 'app-filters__row' },
        h('fieldset', { class: 'fr-segmented fr-segmented--sm' }, h('legend', { class: 'fr-segmented__legend' }, 'Niveau'), h('div', { class: 'fr-segmented__elements' }, levelInputs.map((l) => l.el))),
        h('div', { class: 'fr-select-group' }, h('label', { class: 'fr-label', for: metricId }, 'Indicateur du graphique'), metricSelect),
      ),
      body,
    ),
  );

  const level = () => (state.params.niveau === 'departement' || state.scope.level === 'departement' ? 'departement' : 'region');

  async function load() {
    const scope = apiScopeParams(state);
    const key = `${level()}|${scope.departement ?? ''}|${scope.region ?? ''}|${state.asOf}`;
    for (const l of levelInputs) l.input.checked = l.level === level();
    metricSelect.value = metricFromParam(state.params.mesure);
    if (key === dataKey && data) return render();
    dataKey = key;
    controller?.abort();
    const c = new AbortController();
    controller = c;
    data = null;
    replace(body, loading('Calcul des indicateurs…'));
    try {
      const result = await ctx.cached(`indicators|${key}`, () => api.indicators({ level: level(), ...scope, uncoveredLimit: 60 }));
      if (c.signal.aborted) return;
      data = result;
      render();
    } catch (error) {
      if (c.signal.aborted) return;
      dataKey = '';
      replace(body, errorAlert(error, 'Les indicateurs n’ont pas pu être calculés', button('Réessayer', () => void load(), { kind: 'secondary', small: true })));
    }
  }

  function render() {
    if (!data) return;
    if (data.areas.length === 0) {
      replace(body, emptyState('Aucun indicateur', `Aucun dispositif n’est enregistré sur ${scopeLabel(state.scope)}. Ajoutez des dispositifs ou importez un fichier dans l’onglet Données.`));
      return;
    }
    const metric = metricFromParam(state.params.mesure);
    renderChart(data, metric);
    renderTable(data, metric);
    replace(
      body,
      chart,
      h('div', { class: 'app-table-head' }, h('h2', { class: 'fr-h5' }, `Tableau par ${level() === 'region' ? 'région' : 'département'}, au ${formatDate(data!.asOf)}`), button('Exporter en CSV', () => saveBlob(new Blob([indicatorsCsv(data!)], { type: 'text/csv;charset=utf-8' }), `indicateurs-${level()}-${state.asOf}.csv`), { kind: 'secondary', small: true, icon: 'fr-icon-download-line' })),
      table,
      uncovered(data),
    );
  }

  function renderChart(ind: Indicators, metricId: MetricId) {
    const metric = METRICS[metricId];
    const bars = toBars(ind, metricId);
    const rowH = 26;
    const labelW = 230;
    const valueW = 80;
    const width = 860;
    const plotW = width - labelW - valueW;
    const height = bars.length * rowH + 30;
    const titleId = uid('graphique');
    const colour = ctx.palette.kind.CLSM;
    const grid = metric.unit === 'percent' ? [0, 25, 50, 75, 100] : [];
    const el = svg(
      'svg',
      { viewBox: `0 0 ${width} ${height}`, width: '100%', role: 'img', 'aria-labelledby': titleId, class: 'app-chart__svg', preserveAspectRatio: 'xMinYMin meet' },
      svg('title', { id: titleId }, `${metric.label}, par ${level() === 'region' ? 'région' : 'département'} (le tableau ci-dessous donne les valeurs)`),
      grid.map((g) =>
        svg('g', {},
          svg('line', { x1: labelW + (plotW * g) / 100, x2: labelW + (plotW * g) / 100, y1: 0, y2: bars.length * rowH, stroke: ctx.palette.misc.border, 'stroke-width': 1 }),
          svg('text', { x: labelW + (plotW * g) / 100, y: bars.length * rowH + 18, 'text-anchor': 'middle', 'font-size': 11, fill: ctx.palette.misc.mention }, `${g} %`),
        ),
      ),
      bars.map((b, i) =>
        svg(
          'g',
          { transform: `translate(0, ${i * rowH})` },
          svg('title', {}, `${b.name} : ${b.text}`),
          svg('text', { x: labelW - 8, y: rowH / 2 + 4, 'text-anchor': 'end', 'font-size': 12, fill: ctx.palette.misc.textStrong }, truncate(b.name, 30)),
          svg('rect', { x: labelW, y: 5, width: Math.max(b.value === null ? 0 : 1, plotW * b.ratio), height: rowH - 10, fill: colour, rx: 2 }),
          svg('text', { x: labelW + plotW * b.ratio + 6, y: rowH / 2 + 4, 'font-size': 12, fill: ctx.palette.misc.text }, b.value === null ? 'non calculable' : b.text),
        ),
      ),
    );
    replace(chart, h('figcaption', { class: 'fr-text--md fr-mb-1w app-chart__caption' }, metric.label), el);
  }

  function renderTable(ind: Indicators, metricId: MetricId) {
    replace(
      table,
      h(
        'div',
        { class: 'fr-table fr-table--sm app-indicators' },
        h(
          'table',
          null,
          h('caption', { class: 'fr-sr-only' }, `Indicateurs au ${formatDate(ind.asOf)}`),
          h('thead', null, h('tr', null, h('th', { scope: 'col' }, level() === 'region' ? 'Région' : 'Département'), h('th', { scope: 'col', class: 'app-num' }, 'Population'), METRIC_IDS.map((id) => h('th', { scope: 'col', class: ['app-num', id === metricId && 'app-col--current'] }, METRICS[id].short)))),
          h(
            'tbody',
            null,
            ind.areas.map((a) =>
              h(
                'tr',
                { dataset: { code: a.code } },
                h('th', { scope: 'row' }, `${a.name} `, h('span', { class: 'app-mention fr-text--xs' }, `(${a.code})`)),
                h('td', { class: 'app-num' }, formatInt(a.population)),
                METRIC_IDS.map((id) => {
                  const m = METRICS[id];
                  return h('td', { class: ['app-num', id === metricId && 'app-col--current'], title: m.detail?.(a) ?? '' }, formatMetric(m, m.value(a)), m.detail ? h('span', { class: 'app-cell-detail fr-text--xs' }, m.detail(a)) : null);
                }),
              ),
            ),
          ),
        ),
      ),
    );
  }

  function uncovered(ind: Indicators) {
    return h(
      'section',
      { class: 'fr-mt-4w' },
      h('h2', { class: 'fr-h5' }, 'Zones blanches : communes sans CLSM actif'),
      ind.areas.map((a) =>
        h(
          'details',
          { class: 'app-details' },
          h('summary', null, `${a.name} : ${formatInt(a.uncovered.count)} commune${a.uncovered.count > 1 ? 's' : ''}, ${formatInt(a.uncovered.population)} habitants`),
          h('ul', { class: 'app-columns fr-text--sm' }, a.uncovered.communes.slice(0, 60).map((c) => h('li', null, `${c.name} (${c.code}) — ${formatInt(c.population)} hab.`)), a.uncovered.count > 60 ? h('li', null, `… les plus peuplées seulement (${formatInt(a.uncovered.count)} au total)`) : null),
        ),
      ),
    );
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

function truncate(text: string, n: number): string {
  return text.length > n ? `${text.slice(0, n - 1)}…` : text;
}
