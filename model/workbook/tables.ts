// The product's other tables as workbooks: findings, the avis checklist of a PTSM, indicators
// by area (and by year when a series is given), uncovered communes. One generic builder
// (`tableSheet`: typed columns → French headers, widths, date and number formats), and one
// column list per table. Inputs are typed structurally, so that added fields (a finding's
// `basis`, a yearly series) are written when present.
import { AVIS_STATE_LABELS, type AvisChecklist } from '../avis.ts';
import type { AreaIndicators } from '../indicators.ts';
import { CATEGORY_LABELS, SEVERITY_LABELS, type Category, type Severity } from '../rules/types.ts';
import { AVIS_STAGE_LABELS, AVIS_STAGES, MECHANISM_STATUS_LABELS, type MechanismStatus } from '../vocabulary.ts';
import type { ColumnSpec, OutCell, SheetSpec, WorkbookSpec } from './spec.ts';
import { labelOf, OPINIONS } from './vocab.ts';

export interface TableColumn<R> {
  header: string;
  width: number;
  format?: ColumnSpec['format'];
  value(row: R): OutCell;
}

/** A table as a sheet: French headers, widths, frozen header row; ISO date strings become date cells. */
export function tableSheet<R>(name: string, columns: readonly TableColumn<R>[], rows: readonly R[]): SheetSpec {
  return {
    name,
    columns: columns.map((c) => ({ header: c.header, width: c.width, ...(c.format ? { format: c.format } : {}), ...(c.width >= 40 ? { wrap: true } : {}) })),
    rows: rows.map((r) => columns.map((c) => c.value(r))),
    freezeHeader: true,
  };
}

const date = (iso: string | undefined | null): OutCell => (iso ? { date: iso } : null);

// --- Findings ----------------------------------------------------------------------------------

export interface FindingRow {
  severity: Severity;
  category: Category;
  message: string;
  reference: string;
  fix: { message: string };
  subjects: readonly string[];
  departements: readonly string[];
  /** What the rule rests on (loi, referentiel, coherence), when the finding carries it. */
  basis?: string;
  data?: { date?: string; [key: string]: unknown };
}

/** French words for a finding's basis (DOMAIN: what a rule rests on). */
export const BASIS_LABELS: Readonly<Record<string, string>> = {
  loi: 'Obligation légale',
  referentiel: 'Recommandation du référentiel',
  coherence: 'Incohérence des données',
};

/** Findings, one per row; `nameOf` turns subject ids into names (people and mechanisms). */
export function findingsWorkbook(findings: readonly FindingRow[], nameOf: (id: string) => string, title = 'Constats'): WorkbookSpec {
  const columns: TableColumn<FindingRow>[] = [
    { header: 'Gravité', width: 14, value: (f) => SEVERITY_LABELS[f.severity] },
    { header: 'Famille', width: 18, value: (f) => CATEGORY_LABELS[f.category] },
    { header: 'Constat', width: 70, value: (f) => f.message },
    { header: 'Fondement', width: 24, value: (f) => (f.basis ? (BASIS_LABELS[f.basis] ?? f.basis) : null) },
    { header: 'Référence', width: 40, value: (f) => f.reference },
    { header: 'Correction proposée', width: 50, value: (f) => f.fix.message },
    { header: 'Concerne', width: 40, value: (f) => f.subjects.map(nameOf).join(' ; ') },
    { header: 'Départements', width: 14, value: (f) => f.departements.join(', ') },
    { header: 'Date', width: 12, value: (f) => date(f.data?.date) },
  ];
  return { title, sheets: [tableSheet('Constats', columns, findings)] };
}

// --- Avis checklist -----------------------------------------------------------------------------

/** The checklist of one PTSM: a row per CLSM with each stage's state, date and opinion; a summary sheet. */
export function avisChecklistWorkbook(checklist: AvisChecklist): WorkbookSpec {
  type Row = AvisChecklist['rows'][number];
  const columns: TableColumn<Row>[] = [
    { header: 'CLSM', width: 40, value: (r) => r.clsm.name },
    { header: 'Statut du CLSM', width: 14, value: (r) => MECHANISM_STATUS_LABELS[r.clsm.status as MechanismStatus] ?? r.clsm.status },
  ];
  for (const stage of AVIS_STAGES) {
    const label = stage === 'diagnostic' ? 'diagnostic' : 'projet';
    columns.push(
      { header: `Avis sur le ${label} : état`, width: 16, value: (r) => AVIS_STATE_LABELS[r.stages[stage].state] },
      { header: `Avis sur le ${label} : date`, width: 14, value: (r) => date(r.stages[stage].link?.date) },
      { header: `Avis sur le ${label} : sens`, width: 22, value: (r) => (r.stages[stage].link?.opinion ? labelOf(OPINIONS, r.stages[stage].link!.opinion!) : null) },
      { header: `Avis sur le ${label} : dû avant le`, width: 14, value: (r) => date(r.stages[stage].due) },
    );
  }
  type Total = { stage: string; totals: AvisChecklist['totals']['all'] };
  const totals: Total[] = [...AVIS_STAGES.map((s) => ({ stage: AVIS_STAGE_LABELS[s], totals: checklist.totals[s] })), { stage: 'Ensemble', totals: checklist.totals.all }];
  const summary: TableColumn<Total>[] = [
    { header: 'Étape', width: 30, value: (t) => t.stage },
    { header: 'Attendus', width: 10, format: 'integer', value: (t) => t.totals.expected },
    { header: 'Reçus à temps', width: 12, format: 'integer', value: (t) => t.totals.received },
    { header: 'En retard', width: 10, format: 'integer', value: (t) => t.totals.late },
    { header: 'Manquants', width: 10, format: 'integer', value: (t) => t.totals.missing },
    { header: 'En attente', width: 10, format: 'integer', value: (t) => t.totals.awaited },
  ];
  const info = tableSheet('PTSM', [
    { header: 'PTSM', width: 40, value: (x: { k: string; v: OutCell }) => x.k },
    { header: 'Valeur', width: 40, value: (x: { k: string; v: OutCell }) => x.v },
  ], [
    { k: 'Nom', v: checklist.ptsm.name },
    { k: 'Adoption du diagnostic', v: date(checklist.ptsm.diagnosticAdopted) },
    { k: 'Adoption du projet', v: date(checklist.ptsm.adopted) },
    { k: 'Date de référence', v: date(checklist.asOf) },
    { k: 'Taux de recueil (%)', v: checklist.completion },
  ]);
  return { title: `Avis des CLSM — ${checklist.ptsm.name}`, sheets: [tableSheet('Avis des CLSM', columns, checklist.rows), tableSheet('Synthèse', summary, totals), info] };
}

// --- Indicators --------------------------------------------------------------------------------

/** An area's indicators (model/indicators.ts), as this table writes them. */
export type AreaRow = AreaIndicators;

const LEVEL_LABELS: Readonly<Record<string, string>> = { france: 'France', region: 'Région', departement: 'Département' };

function areaColumns<R>(area: (r: R) => AreaRow): TableColumn<R>[] {
  return [
    { header: 'Niveau', width: 14, value: (r) => LEVEL_LABELS[area(r).level] ?? area(r).level },
    { header: 'Code', width: 8, value: (r) => area(r).code },
    { header: 'Territoire', width: 30, value: (r) => area(r).name },
    { header: 'Population', width: 14, format: 'integer', value: (r) => area(r).population },
    { header: 'Communes', width: 10, format: 'integer', value: (r) => area(r).communes },
    { header: 'CLSM actifs', width: 10, format: 'integer', value: (r) => area(r).activeClsm },
    { header: 'Population couverte par un CLSM (%)', width: 16, format: 'percent', value: (r) => area(r).coverage.CLSM.percent },
    { header: 'Population couverte par un CLS (%)', width: 16, format: 'percent', value: (r) => area(r).coverage.CLS.percent },
    { header: 'Population couverte par une CPTS (%)', width: 16, format: 'percent', value: (r) => area(r).coverage.CPTS.percent },
    { header: 'Population couverte par un PTSM (%)', width: 16, format: 'percent', value: (r) => area(r).coverage.PTSM.percent },
    // The two denominators of the governance shares (docs: indicators): CLSMs whose data is known, and all active CLSMs.
    { header: 'CLSM avec usagers et aidants au COPIL (% des COPIL connus)', width: 18, format: 'percent', value: (r) => area(r).clsmUsersAndCarers.percentOfKnown },
    { header: 'CLSM avec usagers et aidants au COPIL (% des CLSM actifs)', width: 18, format: 'percent', value: (r) => area(r).clsmUsersAndCarers.percentOfActive },
    { header: 'CLSM dont le COPIL est inconnu', width: 14, format: 'integer', value: (r) => area(r).clsmUsersAndCarers.unknown },
    { header: 'CLSM tenant une plénière annuelle (% des CLSM renseignés)', width: 18, format: 'percent', value: (r) => area(r).clsmYearlyPlenary.percentOfKnown },
    { header: 'CLSM tenant une plénière annuelle (% des CLSM actifs)', width: 18, format: 'percent', value: (r) => area(r).clsmYearlyPlenary.percentOfActive },
    { header: 'CLSM dont la plénière est inconnue', width: 14, format: 'integer', value: (r) => area(r).clsmYearlyPlenary.unknown },
    { header: 'Communes sans CLSM', width: 12, format: 'integer', value: (r) => area(r).uncovered.count },
    { header: 'Population sans CLSM', width: 14, format: 'integer', value: (r) => area(r).uncovered.population },
  ];
}

/** Indicators by area at a date; with a series, a second sheet by year; a third lists the uncovered communes. */
export function indicatorsWorkbook(indicators: { asOf: string; areas: readonly AreaRow[]; france?: AreaRow }, series: readonly { year: number; areas: readonly AreaRow[]; france?: AreaRow }[] = []): WorkbookSpec {
  const areas = indicators.france ? [indicators.france, ...indicators.areas] : [...indicators.areas];
  const sheets = [tableSheet(`Indicateurs au ${indicators.asOf.split('-').reverse().join('-')}`, areaColumns<AreaRow>((a) => a), areas)];
  if (series.length > 0) {
    type YearRow = { year: number; area: AreaRow };
    const rows: YearRow[] = series.flatMap((s) => (s.france ? [s.france, ...s.areas] : [...s.areas]).map((area) => ({ year: s.year, area })));
    sheets.push(tableSheet('Par année', [{ header: 'Année (au 31 décembre)', width: 12, value: (r: YearRow) => r.year }, ...areaColumns<YearRow>((r) => r.area)], rows));
  }
  sheets.push(uncoveredSheet(indicators.areas));
  return { title: 'Indicateurs', sheets };
}

/** Communes covered by no active CLSM (« zones blanches »), by area, most populated first. */
export function uncoveredCommunesWorkbook(areas: readonly AreaRow[]): WorkbookSpec {
  return { title: 'Communes sans CLSM', sheets: [uncoveredSheet(areas)] };
}

function uncoveredSheet(areas: readonly AreaRow[]): SheetSpec {
  type Row = { area: AreaRow; commune: { code: string; name: string; population: number } };
  const rows: Row[] = areas.flatMap((area) => area.uncovered.communes.map((commune) => ({ area, commune })));
  return tableSheet(
    'Communes sans CLSM',
    [
      { header: 'Territoire', width: 30, value: (r: Row) => r.area.name },
      { header: 'Code commune', width: 12, value: (r: Row) => r.commune.code },
      { header: 'Commune', width: 34, value: (r: Row) => r.commune.name },
      { header: 'Population', width: 14, format: 'integer', value: (r: Row) => r.commune.population },
    ],
    rows,
  );
}
