// Indicators (instruction of 13 May 2025, §III) as table rows and chart bars (pure).
import type { AreaIndicators, Indicators } from '../../../model/indicators.ts';
import { agree } from '../../../model/text.ts';
import { formatInt, formatPercent } from './format.ts';

export const METRIC_IDS = ['couverture-clsm', 'couverture-cls', 'couverture-cpts', 'clsm-actifs', 'usagers-aidants', 'pleniere', 'avis', 'zones-blanches'] as const;
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
}

/** Mean completion of the PTSM avis touching the area (PTSM without expected avis left out). */
export function avisCompletion(area: AreaIndicators): number | null {
  const values = area.avis.map((a) => a.completion).filter((c): c is number => c !== null);
  if (values.length === 0) return null;
  return Math.round((10 * values.reduce((s, v) => s + v, 0)) / values.length) / 10;
}

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
  'clsm-actifs': { id: 'clsm-actifs', label: 'CLSM actifs', short: 'CLSM actifs', unit: 'count', value: (a) => a.activeClsm },
  'usagers-aidants': {
    id: 'usagers-aidants',
    label: 'CLSM dont le COPIL inclut usagers et aidants',
    short: 'Usagers et aidants au COPIL',
    unit: 'percent',
    value: (a) => a.clsmUsersAndCarers.percent,
    detail: (a) => `${a.clsmUsersAndCarers.count} / ${a.clsmUsersAndCarers.total}${a.clsmUsersAndCarers.unknown ? `, ${a.clsmUsersAndCarers.unknown} ${agree(a.clsmUsersAndCarers.unknown, 'inconnu')}` : ''}`,
  },
  pleniere: {
    id: 'pleniere',
    label: 'CLSM tenant au moins une plénière par an',
    short: 'Plénière annuelle',
    unit: 'percent',
    value: (a) => a.clsmYearlyPlenary.percent,
    detail: (a) => `${a.clsmYearlyPlenary.count} / ${a.clsmYearlyPlenary.total}${a.clsmYearlyPlenary.unknown ? `, ${a.clsmYearlyPlenary.unknown} ${agree(a.clsmYearlyPlenary.unknown, 'inconnu')}` : ''}`,
  },
  avis: {
    id: 'avis',
    label: 'Avis des CLSM reçus à temps sur le PTSM (moyenne des PTSM)',
    short: 'Avis PTSM reçus',
    unit: 'percent',
    value: avisCompletion,
    detail: (a) => (a.avis.length ? `${a.avis.reduce((s, p) => s + p.received, 0)} / ${a.avis.reduce((s, p) => s + p.expected, 0)} avis, ${a.avis.length} PTSM` : 'aucun PTSM'),
  },
  'zones-blanches': {
    id: 'zones-blanches',
    label: 'Population sans CLSM actif (zones blanches)',
    short: 'Zones blanches',
    unit: 'count',
    value: (a) => a.uncovered.population,
    detail: (a) => `${formatInt(a.uncovered.count)} ${agree(a.uncovered.count, 'commune')}`,
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
  const rows = indicators.areas.map((a) => [a.code, a.name, String(a.population), ...METRIC_IDS.map((id) => {
    const v = METRICS[id].value(a);
    return v === null ? '' : String(v).replace('.', ',');
  })]);
  return '\ufeff' + [header, ...rows].map((r) => r.map(cell).join(';')).join('\r\n') + '\r\n';
}
