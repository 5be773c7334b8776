// Indicators (instruction of 13 May 2025, §III) as table rows and chart bars (pure).
import type { AreaIndicators, Indicators, KnownShare } from '../../../model/indicators.ts';
import { formatInt, formatPercent } from './format.ts';

export const METRIC_IDS = ['couverture-clsm', 'couverture-cls', 'couverture-cpts', 'couverture-ptsm', 'clsm-actifs', 'usagers-aidants', 'pleniere', 'avis', 'zones-blanches'] as const;
export type MetricId = (typeof METRIC_IDS)[number];

export interface Metric {
  id: MetricId;
  label: string;
  /** Short column header. */
  short: string;
  unit: 'percent' | 'count';
  value(area: AreaIndicators): number | null;
  /** Detail for the table cell (numerator / denominator). */
  detail?(area: AreaIndicators): string;
  /** What the percentage is taken over, for the header's explanation. */
  denominator?: string;
}

/** Both denominators of a governance share: « 4 / 5 renseignés ; 4 / 6 actifs (1 inconnu) ». */
function knownShareDetail(s: KnownShare): string {
  return `${s.count} / ${s.known} renseignés ; ${s.count} / ${s.active} actifs, soit ${formatPercent(s.percentOfActive)}${s.unknown ? ` (${s.unknown} inconnu${s.unknown > 1 ? 's' : ''})` : ''}`;
}

const GOVERNANCE_DENOMINATOR =
  'Pourcentage calculé sur les CLSM actifs dont la donnée est renseignée ; le détail donne aussi la part sur tous les CLSM actifs, les CLSM non renseignés comptant alors comme ne remplissant pas le critère (les deux dénominateurs de l’enquête nationale).';

export const METRICS: Record<MetricId, Metric> = {
  'couverture-clsm': {
    id: 'couverture-clsm',
    label: 'Population couverte par au moins un CLSM actif',
    short: 'Couverture CLSM',
    unit: 'percent',
    value: (a) => a.coverage.CLSM.percent,
    detail: (a) => `${formatInt(a.coverage.CLSM.count)} / ${formatInt(a.coverage.CLSM.total)} hab.`,
  },
  'couverture-cls': {
    id: 'couverture-cls',
    label: 'Population couverte par au moins un CLS actif',
    short: 'Couverture CLS',
    unit: 'percent',
    value: (a) => a.coverage.CLS.percent,
    detail: (a) => `${formatInt(a.coverage.CLS.count)} hab.`,
  },
  'couverture-cpts': {
    id: 'couverture-cpts',
    label: 'Population couverte par au moins une CPTS active',
    short: 'Couverture CPTS',
    unit: 'percent',
    value: (a) => a.coverage.CPTS.percent,
    detail: (a) => `${formatInt(a.coverage.CPTS.count)} hab.`,
  },
  'couverture-ptsm': {
    id: 'couverture-ptsm',
    label: 'Population couverte par au moins un PTSM actif',
    short: 'Couverture PTSM',
    unit: 'percent',
    value: (a) => a.coverage.PTSM.percent,
    detail: (a) => `${formatInt(a.coverage.PTSM.count)} hab.`,
  },
  'clsm-actifs': { id: 'clsm-actifs', label: 'CLSM actifs', short: 'CLSM actifs', unit: 'count', value: (a) => a.activeClsm },
  'usagers-aidants': {
    id: 'usagers-aidants',
    label: 'CLSM dont le COPIL inclut usagers et aidants',
    short: 'Usagers et aidants au COPIL',
    unit: 'percent',
    value: (a) => a.clsmUsersAndCarers.percentOfKnown,
    detail: (a) => knownShareDetail(a.clsmUsersAndCarers),
    denominator: GOVERNANCE_DENOMINATOR,
  },
  pleniere: {
    id: 'pleniere',
    label: 'CLSM tenant au moins une plénière par an',
    short: 'Plénière annuelle',
    unit: 'percent',
    value: (a) => a.clsmYearlyPlenary.percentOfKnown,
    detail: (a) => knownShareDetail(a.clsmYearlyPlenary),
    denominator: GOVERNANCE_DENOMINATOR,
  },
  avis: {
    id: 'avis',
    label: 'Avis des CLSM reçus à temps sur les PTSM',
    short: 'Avis PTSM reçus',
    unit: 'percent',
    value: (a) => a.avis.completion,
    detail: (a) => (a.avis.ptsms.length ? `${a.avis.received} / ${a.avis.expected} avis dus, ${a.avis.ptsms.length} PTSM${a.avis.awaited ? ` ; ${a.avis.awaited} attendu${a.avis.awaited > 1 ? 's' : ''} plus tard` : ''}` : 'aucun PTSM'),
    denominator: 'Avis reçus à temps parmi les avis dus à la date de référence (diagnostic ou projet déjà adopté), comme dans la liste de suivi des avis ; les avis attendus plus tard ne sont pas comptés.',
  },
  'zones-blanches': {
    id: 'zones-blanches',
    label: 'Population sans CLSM actif (zones blanches)',
    short: 'Zones blanches',
    unit: 'count',
    value: (a) => a.uncovered.population,
    detail: (a) => `${formatInt(a.uncovered.count)} commune${a.uncovered.count > 1 ? 's' : ''}`,
  },
};

export function formatMetric(metric: Metric, value: number | null): string {
  return metric.unit === 'percent' ? formatPercent(value) : formatInt(value);
}

export interface Bar {
  code: string;
  name: string;
  value: number | null;
  /** 0–1 of the chart's width. */
  ratio: number;
  text: string;
}

/** Bars of one metric, largest first, not computable last; percentages scale to 100. */
export function toBars(indicators: Indicators, metricId: MetricId): Bar[] {
  const metric = METRICS[metricId];
  const values = indicators.areas.map((a) => ({ code: a.code, name: a.name, value: metric.value(a) }));
  const max = metric.unit === 'percent' ? 100 : Math.max(1, ...values.map((v) => v.value ?? 0));
  return values
    .map((v) => ({ ...v, ratio: v.value === null ? 0 : Math.max(0, Math.min(1, v.value / max)), text: formatMetric(metric, v.value) }))
    .sort((a, b) => (b.value ?? -1) - (a.value ?? -1) || a.name.localeCompare(b.name, 'fr'));
}

export function metricFromParam(value: string | undefined): MetricId {
  return (METRIC_IDS as readonly string[]).includes(value ?? '') ? (value as MetricId) : 'couverture-clsm';
}

/** The table as CSV (same conventions as the avis export). */
export function indicatorsCsv(indicators: Indicators): string {
  const cell = (v: string) => (/[";\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const header = ['Code', 'Nom', 'Population', ...METRIC_IDS.map((id) => METRICS[id].label)];
  const rows = [...indicators.areas, indicators.france].map((a) => [a.code, a.name, String(a.population), ...METRIC_IDS.map((id) => {
    const v = METRICS[id].value(a);
    return v === null ? '' : String(v).replace('.', ',');
  })]);
  return '\ufeff' + [header, ...rows].map((r) => r.map(cell).join(';')).join('\r\n') + '\r\n';
}

export interface SeriesLine {
  code: string;
  name: string;
  /** One value per year of `years`; null where not computable. */
  values: (number | null)[];
}

/** How many areas the yearly chart draws beside France; the table holds them all. */
export const SERIES_AREAS = 5;

/**
 * The yearly series of one metric as lines: France first, then the areas listed (at most
 * `SERIES_AREAS` on the chart), and the scale's top (100 for percentages).
 */
export function seriesLines(indicators: Indicators, metricId: MetricId): { years: number[]; asOf: string[]; lines: SeriesLine[]; max: number } {
  const metric = METRICS[metricId];
  const years = indicators.series.map((y) => y.year);
  const france: SeriesLine = { code: indicators.france.code, name: indicators.france.name, values: indicators.series.map((y) => metric.value(y.france)) };
  const areas: SeriesLine[] = indicators.areas.map((a) => ({
    code: a.code,
    name: a.name,
    values: indicators.series.map((y) => {
      const area = y.areas.find((x) => x.code === a.code);
      return area ? metric.value(area) : null;
    }),
  }));
  const lines = [france, ...areas];
  const top = Math.max(1, ...lines.flatMap((l) => l.values.map((v) => v ?? 0)));
  return { years, asOf: indicators.series.map((y) => y.asOf), lines, max: metric.unit === 'percent' ? 100 : top };
}
