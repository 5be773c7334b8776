// Indicateurs: the indicators of the instruction of 13 May 2025 by région or département and for
// France, in a table and a simple bar chart (SVG; the table is its text alternative), and their
// yearly series as a line chart with a table beside it; CSV and workbook (XLSX, ODS) exports.
import type { Indicators } from '../../../model/indicators.ts';
import { agree } from '../../../model/text.ts';
import { api, cancellable, json } from '../api.ts';
import type { AppContext, View, ViewFactory } from '../context.ts';
import { button, emptyState, h, replace, saveBlob, svg, uid, viewPage } from '../dom.ts';
import { formatDate, formatInt, truncate } from '../lib/format.ts';
import { formatMetric, indicatorsCsv, metricFromParam, METRIC_IDS, METRICS, SERIES_AREAS, seriesLines, toBars, type Metric, type MetricId } from '../lib/indicators.ts';
import { apiScopeParams, type AppState } from '../lib/state.ts';
import { scopeLabel } from '../lib/territories.ts';
import { Loader } from '../load.ts';
import { reportLink } from '../ui/report-link.ts';
import { workbookButtons } from '../ui/workbook-buttons.ts';

type Level = 'region' | 'departement';
const levelOf = (state: AppState): Level => (state.params.niveau === 'departement' || state.scope.level === 'departement' ? 'departement' : 'region');
const levelWord = (level: Level) => (level === 'region' ? 'région' : 'département');

export const indicatorsView: ViewFactory = (root, ctx): View => {
  let state = ctx.state();
  let data: Indicators | null = null;
  let dataKey = '';
  const controls = filterControls(ctx);
  // « Rapport PDF » and, beside it, the indicators as a workbook (table, series by year, uncovered communes).
  const report = h('div');
  const workbook = h('div');
  const body = h('div');
  const loader = Loader.into(body);
  replace(
    root,
    viewPage(
      { title: 'Indicateurs', intro: 'Indicateurs de l’instruction du 13 mai 2025 (§ III) et couverture de la population, à la date de référence.' },
      h('div', { class: 'app-view-actions' }, report, workbook),
      controls.el,
      body,
    ),
  );

  const render = () => {
    if (data) replace(body, ...indicatorsContent(data, state, ctx));
  };
  const load = () => {
    const level = levelOf(state);
    const scope = apiScopeParams(state);
    controls.sync(level, metricFromParam(state.params.mesure));
    replace(report, reportLink(state, state.scope));
    replace(workbook, indicatorsWorkbookButtons(state, level));
    const key = `${level}|${scope.departement ?? ''}|${scope.region ?? ''}|${state.asOf}`;
    if (key === dataKey && data) return render();
    dataKey = key;
    data = null;
    void loader.run({
      loading: 'Calcul des indicateurs…',
      failure: 'Les indicateurs n’ont pas pu être calculés',
      fetch: (signal) => ctx.cached(`indicators|${key}`, (s) => json(api.indicators.$get({ query: { level, ...scope, uncoveredLimit: '60' } }, cancellable(s))), signal),
      done: (result) => {
        data = result;
        render();
      },
      failed: () => (dataKey = ''),
    });
  };

  load();
  return {
    update(next) {
      state = next;
      load();
    },
    destroy: () => loader.destroy(),
  };
};

function filterControls(ctx: AppContext) {
  const levelName = uid('niveau');
  const levelInputs = (['region', 'departement'] as const).map((level) => {
    const id = `${levelName}-${level}`;
    const input = h('input', { type: 'radio', id, name: levelName, value: level });
    input.addEventListener('change', () => input.checked && ctx.navigate({ params: { niveau: level === 'departement' ? 'departement' : null } }, { replace: true }));
    return { level, input, el: h('div', { class: 'fr-segmented__element' }, input, h('label', { class: 'fr-label', for: id }, `Par ${levelWord(level)}`)) };
  });
  const metricId = uid('mesure');
  const metricSelect = h('select', { class: 'fr-select', id: metricId, name: 'mesure' }, METRIC_IDS.map((id) => h('option', { value: id }, METRICS[id].label)));
  metricSelect.addEventListener('change', () => ctx.navigate({ params: { mesure: metricSelect.value === 'couverture-clsm' ? null : metricSelect.value } }, { replace: true }));
  const el = h(
    'div',
    { class: 'app-filters__row' },
    h('fieldset', { class: 'fr-segmented fr-segmented--sm' }, h('legend', { class: 'fr-segmented__legend' }, 'Niveau'), h('div', { class: 'fr-segmented__elements' }, levelInputs.map((l) => l.el))),
    h('div', { class: 'fr-select-group' }, h('label', { class: 'fr-label', for: metricId }, 'Indicateur du graphique'), metricSelect),
  );
  return {
    el,
    sync(level: Level, metric: MetricId) {
      for (const l of levelInputs) l.input.checked = l.level === level;
      metricSelect.value = metric;
    },
  };
}

function indicatorsContent(data: Indicators, state: AppState, ctx: AppContext): HTMLElement[] {
  if (data.areas.length === 0) return [emptyState('Aucun indicateur', `Aucun dispositif n’est enregistré sur ${scopeLabel(state.scope)}. Ajoutez des dispositifs ou importez un fichier dans l’onglet Données.`)];
  const level = levelOf(state);
  const metric = metricFromParam(state.params.mesure);
  const csv = () => saveBlob(new Blob([indicatorsCsv(data)], { type: 'text/csv;charset=utf-8' }), `indicateurs-${level}-${state.asOf}.csv`);
  return [
    barChart(data, metric, level, ctx),
    h(
      'div',
      { class: 'app-table-head' },
      h('h2', { class: 'fr-h5' }, `Tableau par ${levelWord(level)}, et pour la France, au ${formatDate(data.asOf)}`),
      button('Exporter en CSV', csv, { kind: 'secondary', small: true, icon: 'fr-icon-download-line' }),
    ),
    indicatorsTable(data, metric, level),
    denominatorNotes(),
    seriesSection(data, metric, ctx),
    uncovered(data, state, level),
  ];
}

/** The indicators' query for a workbook: the view's level, territory and date. */
const workbookQuery = (state: AppState, level: Level) => ({ level, ...apiScopeParams(state) });

/** The whole view as a workbook: the table by area, the series by year, every uncovered commune. */
function indicatorsWorkbookButtons(state: AppState, level: Level): HTMLElement {
  const note = `Classeur des indicateurs par ${levelWord(level)} : tableau, évolution par année, toutes les communes sans CLSM.`;
  return workbookButtons('Indicateurs', (format) => api.export.indicators.$get({ query: { ...workbookQuery(state, level), format } }), (format) => `indicateurs-${level}-${state.asOf}.${format}`, { small: true, note });
}

function barChart(ind: Indicators, metricId: MetricId, level: Level, ctx: AppContext): HTMLElement {
  const metric = METRICS[metricId];
  const bars = toBars(ind, metricId);
  const [rowH, labelW, valueW, width] = [26, 230, 80, 860];
  const plotW = width - labelW - valueW;
  const height = bars.length * rowH + 30;
  const titleId = uid('graphique');
  const grid = metric.unit === 'percent' ? [0, 25, 50, 75, 100] : [];
  const chart = svg(
    'svg',
    { viewBox: `0 0 ${width} ${height}`, width: '100%', role: 'img', 'aria-labelledby': titleId, class: 'app-chart__svg', preserveAspectRatio: 'xMinYMin meet' },
    svg('title', { id: titleId }, `${metric.label}, par ${levelWord(level)} (le tableau ci-dessous donne les valeurs)`),
    grid.map((g) =>
      svg(
        'g',
        {},
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
        svg('rect', { x: labelW, y: 5, width: Math.max(b.value === null ? 0 : 1, plotW * b.ratio), height: rowH - 10, fill: ctx.palette.kind.CLSM, rx: 2 }),
        svg('text', { x: labelW + plotW * b.ratio + 6, y: rowH / 2 + 4, 'font-size': 12, fill: ctx.palette.misc.text }, b.value === null ? 'non calculable' : b.text),
      ),
    ),
  );
  return h('figure', { class: 'app-chart fr-mb-4w' }, h('figcaption', { class: 'fr-text--md fr-mb-1w app-chart__caption' }, metric.label), chart);
}

function indicatorsTable(ind: Indicators, metricId: MetricId, level: Level): HTMLElement {
  const current = (id: MetricId) => ['app-num', id === metricId && 'app-col--current'];
  return h(
    'div',
    { class: 'fr-table fr-table--sm app-indicators' },
    h(
      'table',
      null,
      h('caption', { class: 'fr-sr-only' }, `Indicateurs au ${formatDate(ind.asOf)}`),
      h('thead', null, h('tr', null, h('th', { scope: 'col' }, level === 'region' ? 'Région' : 'Département'), h('th', { scope: 'col', class: 'app-num' }, 'Population'), METRIC_IDS.map((id) => h('th', { scope: 'col', class: current(id) }, METRICS[id].short, denominatorTip(METRICS[id]))))),
      h(
        'tbody',
        null,
        [...ind.areas, ind.france].map((a) =>
          h(
            'tr',
            { dataset: { code: a.code }, class: a.level === 'france' ? 'app-row--total' : undefined },
            h('th', { scope: 'row' }, a.level === 'france' ? 'France entière' : `${a.name} `, a.level === 'france' ? null : h('span', { class: 'app-mention fr-text--xs' }, `(${a.code})`)),
            h('td', { class: 'app-num' }, formatInt(a.population)),
            METRIC_IDS.map((id) => {
              const m = METRICS[id];
              return h('td', { class: current(id), title: m.detail?.(a) ?? '' }, formatMetric(m, m.value(a)), m.detail ? h('span', { class: 'app-cell-detail fr-text--xs' }, m.detail(a)) : null);
            }),
          ),
        ),
      ),
    ),
  );
}

function uncovered(ind: Indicators, state: AppState, level: Level): HTMLElement {
  return h(
    'section',
    { class: 'fr-mt-4w' },
    h(
      'div',
      { class: 'app-table-head' },
      h('h2', { class: 'fr-h5' }, 'Zones blanches : communes sans CLSM actif'),
      workbookButtons('Toutes les communes sans CLSM', (format) => api.export.uncovered.$get({ query: { ...workbookQuery(state, level), format } }), (format) => `communes-sans-clsm-${state.asOf}.${format}`, { small: true }),
    ),
    ind.areas.map((a) =>
      h(
        'details',
        { class: 'app-details' },
        h('summary', null, `${a.name} : ${formatInt(a.uncovered.count)} ${agree(a.uncovered.count, 'commune')}, ${formatInt(a.uncovered.population)} habitants`),
        h(
          'ul',
          { class: 'app-columns fr-text--sm' },
          a.uncovered.communes.slice(0, 60).map((c) => h('li', null, `${c.name} (${c.code}) — ${formatInt(c.population)} hab.`)),
          a.uncovered.count > 60 ? h('li', null, `… les plus peuplées seulement (${formatInt(a.uncovered.count)} au total)`) : null,
        ),
      ),
    ),
  );
}

/** A DSFR tooltip on a column header saying what the percentage is taken over (the notes under the table say it too). */
function denominatorTip(metric: Metric): HTMLElement[] | null {
  if (!metric.denominator) return null;
  const id = uid('denominateur');
  return [
    h('button', { class: 'fr-btn--tooltip fr-btn', type: 'button', 'aria-describedby': id }, `Dénominateur de « ${metric.short} »`),
    h('span', { class: 'fr-tooltip fr-placement', id, role: 'tooltip', 'aria-hidden': 'true' }, metric.denominator),
  ];
}

/** What each percentage is taken over, in words, under the table. */
function denominatorNotes(): HTMLElement {
  const withDenominator = METRIC_IDS.map((id) => METRICS[id]).filter((m) => m.denominator);
  return h(
    'div',
    { class: 'fr-text--sm app-mention fr-mt-1w', dataset: { testid: 'denominateurs' } },
    h('p', { class: 'fr-mb-1v' }, 'Dénominateurs :'),
    h(
      'ul',
      null,
      h('li', null, 'Couvertures : population des communes du territoire, chaque commune comptant pour tous les dispositifs qui la couvrent.'),
      h('li', null, 'CLSM actifs : chaque CLSM compté une fois, dans son département principal (celui qui réunit la plus grande part de sa population) et sa région.'),
      withDenominator.map((m) => h('li', null, `${m.short} : ${m.denominator}`)),
    ),
  );
}

/** The yearly series of the selected metric: a line chart (France and up to SERIES_AREAS areas) and the table beside it. */
function seriesSection(ind: Indicators, metricId: MetricId, ctx: AppContext): HTMLElement {
  const metric = METRICS[metricId];
  const { years, asOf, lines } = seriesLines(ind, metricId);
  const titleId = uid('evolution');
  const section = (...content: (HTMLElement | null)[]) => h('section', { class: 'fr-mt-4w', 'aria-labelledby': titleId }, ...content);
  if (years.length < 2) {
    return section(h('h2', { class: 'fr-h5', id: titleId }, 'Évolution par année'), h('p', { class: 'fr-text--sm' }, 'Les données ne couvrent qu’une année : pas encore d’évolution à montrer.'));
  }
  const drawn = lines.slice(0, SERIES_AREAS + 1);
  const table = h(
    'div',
    { class: 'fr-table fr-table--sm app-series__table' },
    h(
      'table',
      { dataset: { testid: 'serie-annuelle' } },
      h('caption', null, `${metric.label}, par année`),
      h('thead', null, h('tr', null, h('th', { scope: 'col' }, 'Année'), lines.map((l) => h('th', { scope: 'col', class: 'app-num' }, l.name)))),
      h('tbody', null, years.map((year, i) => h('tr', null, h('th', { scope: 'row' }, asOf[i].endsWith('-12-31') ? String(year) : `${year} (au ${formatDate(asOf[i])})`), lines.map((l) => h('td', { class: 'app-num' }, formatMetric(metric, l.values[i])))))),
    ),
  );
  return section(
    h('h2', { class: 'fr-h5', id: titleId }, 'Évolution par année, au 31 décembre'),
    h('p', { class: 'fr-text--sm app-mention' }, `${metric.label}. Statuts datés : un dispositif compte les années où il était actif.${lines.length > drawn.length ? ` Le graphique montre la France et les ${SERIES_AREAS} premiers territoires ; le tableau les donne tous.` : ''}`),
    h('div', { class: 'app-series' }, seriesChart(ind, metricId, ctx), table),
  );
}

/** The line chart of the series: distinct dash patterns as well as colours; the table beside it holds every value. */
function seriesChart(ind: Indicators, metricId: MetricId, ctx: AppContext): HTMLElement {
  const palette = ctx.palette;
  const metric = METRICS[metricId];
  const { years, lines, max } = seriesLines(ind, metricId);
  const drawn = lines.slice(0, SERIES_AREAS + 1);
  const colours = [palette.misc.textStrong, palette.kind.CLSM, palette.kind.PTSM, palette.kind.CLS, palette.kind.CPTS, palette.kind.DAC];
  const dashes = ['', '6 3', '2 3', '8 3 2 3', '4 4', '1 2'];
  const [width, height, left, right, top, bottom] = [640, 280, 48, 16, 12, 32];
  const x = (i: number) => left + ((width - left - right) * i) / (years.length - 1);
  const y = (v: number) => top + (height - top - bottom) * (1 - v / max);
  const chartTitle = uid('courbes');
  const ticks = metric.unit === 'percent' ? [0, 25, 50, 75, 100] : [0, Math.round(max / 2), max];
  const step = Math.max(1, Math.ceil(years.length / 8));
  const svgEl = svg(
    'svg',
    { viewBox: `0 0 ${width} ${height}`, width: '100%', role: 'img', 'aria-labelledby': chartTitle, class: 'app-chart__svg' },
    svg('title', { id: chartTitle }, `${metric.label}, au 31 décembre de chaque année (le tableau à côté donne les valeurs)`),
    ticks.map((v) => svg('g', {}, svg('line', { x1: left, x2: width - right, y1: y(v), y2: y(v), stroke: palette.misc.border }), svg('text', { x: left - 6, y: y(v) + 4, 'text-anchor': 'end', 'font-size': 11, fill: palette.misc.mention }, metric.unit === 'percent' ? `${v} %` : formatMetric(metric, v)))),
    years.map((year, i) => (i % step === 0 || i === years.length - 1 ? svg('text', { x: x(i), y: height - 10, 'text-anchor': 'middle', 'font-size': 11, fill: palette.misc.mention }, String(year)) : null)),
    drawn.map((line, k) => {
      const points = line.values.map((v, i) => (v === null ? null : `${x(i)},${y(v)}`)).filter((p): p is string => p !== null);
      return svg(
        'g',
        {},
        svg('polyline', { points: points.join(' '), fill: 'none', stroke: colours[k], 'stroke-width': k === 0 ? 3 : 2, 'stroke-dasharray': dashes[k] }),
        line.values.map((v, i) => (v === null ? null : svg('circle', { cx: x(i), cy: y(v), r: 3, fill: colours[k] }, svg('title', {}, `${line.name}, ${years[i]} : ${formatMetric(metric, v)}`)))),
      );
    }),
  );
  const legend = h(
    'ul',
    { class: 'app-legend-inline fr-text--sm' },
    drawn.map((line, k) => h('li', null, svg('svg', { width: 28, height: 10, 'aria-hidden': 'true' }, svg('line', { x1: 0, x2: 28, y1: 5, y2: 5, stroke: colours[k], 'stroke-width': 3, 'stroke-dasharray': dashes[k] })), ` ${line.name}`)),
  );
  return h('figure', { class: 'app-chart' }, svgEl, legend);
}
