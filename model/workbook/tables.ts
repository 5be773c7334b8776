// The product's other tables as workbooks: findings, the avis checklist of a PTSM, indicators
// by area (and by year when a series is given), uncovered communes. One generic builder
// (`tableSheet`: typed columns → French headers, widths, date and number formats), and one
// column list per table.
import type { AvisChecklist } from '../avis.ts';
import { DEADLINE_KIND_LABELS, type Deadline, type Deadlines } from '../echeances.ts';
import type { AreaIndicators } from '../indicators.ts';
import { countStates, FINDING_STATUS_LABELS, FINDING_STATUSES, type FindingState, type FindingStatus } from '../states/states.ts';
import { capitalize } from '../text.ts';
import {
  AVIS_STAGE_LABELS,
  AVIS_STAGES,
  AVIS_STATE_LABELS,
  BASIS_LABELS,
  CATEGORY_LABELS,
  INDICATOR_LABELS,
  MECHANISM_STATUS_LABELS,
  SEVERITY_LABELS,
  TERRITORY_TYPE_LABELS,
  type Basis,
  type Category,
  type MechanismStatus,
  type Severity,
} from '../vocabulary.ts';
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
  /** What the rule rests on (loi, referentiel, coherence). */
  basis: Basis;
  data?: { date?: string; [key: string]: unknown };
  /** Its state (docs/etats.md); absent: « à traiter ». */
  state?: FindingState;
}

/** Findings, one per row; `nameOf` turns subject ids into names (people, mechanisms, links by their ends). */
export function findingsWorkbook(findings: readonly FindingRow[], nameOf: (id: string) => string, title = 'Constats'): WorkbookSpec {
  const columns: TableColumn<FindingRow>[] = [
    { header: 'Gravité', width: 14, value: (f) => SEVERITY_LABELS[f.severity] },
    { header: 'Famille', width: 18, value: (f) => CATEGORY_LABELS[f.category] },
    { header: 'Constat', width: 70, value: (f) => f.message },
    { header: 'Fondement', width: 24, value: (f) => BASIS_LABELS[f.basis] },
    { header: 'Référence', width: 40, value: (f) => f.reference },
    { header: 'Correction proposée', width: 50, value: (f) => f.fix.message },
    { header: 'Concerne', width: 40, value: (f) => f.subjects.map(nameOf).join(' ; ') },
    { header: 'Départements', width: 14, value: (f) => f.departements.join(', ') },
    { header: 'Date', width: 12, value: (f) => date(f.data?.date) },
    { header: 'État', width: 12, value: (f) => FINDING_STATUS_LABELS[f.state?.status ?? 'a-traiter'] },
    { header: 'Commentaire', width: 50, value: (f) => f.state?.comment ?? f.state?.reopened?.message ?? null },
    { header: 'État changé le', width: 14, value: (f) => date((f.state?.at ?? f.state?.reopened?.at)?.slice(0, 10)) },
    { header: 'Par', width: 24, value: (f) => f.state?.by ?? f.state?.reopened?.by ?? null },
  ];
  const counts = countStates(findings);
  const summary: TableColumn<FindingStatus>[] = [
    { header: 'État', width: 14, value: (s) => FINDING_STATUS_LABELS[s] },
    { header: 'Constats', width: 10, format: 'integer', value: (s) => counts[s] },
  ];
  return { title, sheets: [tableSheet('Constats', columns, findings), tableSheet('États', summary, FINDING_STATUSES)] };
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
  const totals: Total[] = [...AVIS_STAGES.map((s) => ({ stage: capitalize(AVIS_STAGE_LABELS[s]), totals: checklist.totals[s] })), { stage: 'Ensemble', totals: checklist.totals.all }];
  const summary: TableColumn<Total>[] = [
    { header: 'Étape', width: 30, value: (t) => t.stage },
    { header: 'Dus', width: 10, format: 'integer', value: (t) => t.totals.expected },
    { header: 'Reçus à temps', width: 12, format: 'integer', value: (t) => t.totals.received },
    { header: 'En retard', width: 10, format: 'integer', value: (t) => t.totals.late },
    { header: 'Manquants', width: 10, format: 'integer', value: (t) => t.totals.missing },
    { header: 'Attendus plus tard', width: 12, format: 'integer', value: (t) => t.totals.awaited },
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

/** The indicators of one area (model/indicators.ts). */
export type AreaRow = AreaIndicators;

const levelLabel = (level: AreaRow['level']) => (level === 'france' ? 'France' : capitalize(TERRITORY_TYPE_LABELS[level]));

function areaColumns<R>(area: (r: R) => AreaRow): TableColumn<R>[] {
  const percent = (header: string, value: (a: AreaRow) => number | null): TableColumn<R> => ({ header: `${header} (%)`, width: 18, format: 'percent', value: (r) => value(area(r)) });
  const count = (header: string, value: (a: AreaRow) => number): TableColumn<R> => ({ header, width: 14, format: 'integer', value: (r) => value(area(r)) });
  return [
    { header: 'Niveau', width: 14, value: (r) => levelLabel(area(r).level) },
    { header: 'Code', width: 8, value: (r) => area(r).code },
    { header: 'Territoire', width: 30, value: (r) => area(r).name },
    count('Population', (a) => a.population),
    count('Communes', (a) => a.communes),
    count(INDICATOR_LABELS['clsm-actifs'], (a) => a.activeClsm),
    percent(INDICATOR_LABELS['couverture-clsm'], (a) => a.coverage.CLSM.percent),
    percent(INDICATOR_LABELS['couverture-cls'], (a) => a.coverage.CLS.percent),
    percent(INDICATOR_LABELS['couverture-cpts'], (a) => a.coverage.CPTS.percent),
    percent(INDICATOR_LABELS['couverture-ptsm'], (a) => a.coverage.PTSM.percent),
    // Governance: both denominators (docs/indicateurs.md), and the CLSMs whose data is unknown.
    percent(`${INDICATOR_LABELS['usagers-aidants']}, parmi les renseignés`, (a) => a.clsmUsersAndCarers.percentOfKnown),
    percent(`${INDICATOR_LABELS['usagers-aidants']}, parmi les actifs`, (a) => a.clsmUsersAndCarers.percentOfActive),
    count('CLSM dont le COPIL est inconnu', (a) => a.clsmUsersAndCarers.unknown),
    percent(`${INDICATOR_LABELS.pleniere}, parmi les renseignés`, (a) => a.clsmYearlyPlenary.percentOfKnown),
    percent(`${INDICATOR_LABELS.pleniere}, parmi les actifs`, (a) => a.clsmYearlyPlenary.percentOfActive),
    count('CLSM dont la plénière est inconnue', (a) => a.clsmYearlyPlenary.unknown),
    percent(INDICATOR_LABELS.avis, (a) => a.avis.completion),
    count('Avis dus', (a) => a.avis.expected),
    count('Avis attendus plus tard', (a) => a.avis.awaited),
    count('Communes sans CLSM', (a) => a.uncovered.count),
    count(INDICATOR_LABELS['zones-blanches'], (a) => a.uncovered.population),
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

// --- Échéances ----------------------------------------------------------------------------------

/** What is due (model/echeances.ts): one row per date, coming then passed, with whom to contact. */
export function deadlinesWorkbook(due: Deadlines): WorkbookSpec {
  type Row = Deadline;
  const contacts = (d: Row) => d.contacts.map((c) => [c.label, c.email, c.phone].filter(Boolean).join(', ')).join(' ; ') || null;
  const columns: TableColumn<Row>[] = [
    { header: 'Date', width: 12, value: (d) => date(d.date) },
    { header: 'Passée', width: 8, value: (d) => (d.passed ? 'Oui' : 'Non') },
    { header: 'Échéance', width: 24, value: (d) => DEADLINE_KIND_LABELS[d.kind] },
    { header: 'Dispositif', width: 34, value: (d) => d.mechanism.name },
    { header: 'CLSM', width: 30, value: (d) => d.clsm?.name ?? null },
    { header: 'À faire', width: 70, value: (d) => d.message },
    { header: 'Contacts', width: 50, value: contacts },
    { header: 'Départements', width: 14, value: (d) => d.departements.join(', ') },
  ];
  return { title: `Échéances au ${due.asOf}`, sheets: [tableSheet('Échéances', columns, [...due.upcoming, ...due.passed])] };
}

// --- Scenario comparison -----------------------------------------------------------------------

export interface ComparisonTables {
  asOf: string;
  findings: { resolved: readonly FindingRow[]; new: readonly FindingRow[]; unchanged: readonly FindingRow[] };
  indicators: readonly { before: AreaRow; after: AreaRow }[];
  avisExpected: readonly { ptsmName: string; clsmName: string; stage: string }[];
  coverage: readonly { code: string; name: string; departement: string; population: number; gained: readonly string[]; lost: readonly string[] }[];
}

/** A scenario compared with the current data: findings resolved and new, indicators before → after, avis now expected, communes whose coverage changes. */
export function comparisonWorkbook(compared: ComparisonTables, nameOf: (id: string) => string): WorkbookSpec {
  const findingSheets = (['resolved', 'new'] as const).map((which) => {
    const sheet = findingsWorkbook(compared.findings[which], nameOf).sheets[0];
    return { ...sheet, name: which === 'resolved' ? 'Constats levés' : 'Nouveaux constats' };
  });
  type IndicatorRow = { state: string; area: AreaRow };
  const indicatorRows: IndicatorRow[] = compared.indicators.flatMap((pair) => [
    { state: 'Avant', area: pair.before },
    { state: 'Après', area: pair.after },
  ]);
  type Commune = ComparisonTables['coverage'][number];
  const kinds = (list: readonly string[]) => list.join(', ');
  return {
    title: `Comparaison du scénario au ${compared.asOf.split('-').reverse().join('-')}`,
    sheets: [
      ...findingSheets,
      tableSheet('Indicateurs avant et après', [{ header: 'État', width: 10, value: (r: IndicatorRow) => r.state }, ...areaColumns<IndicatorRow>((r) => r.area)], indicatorRows),
      tableSheet(
        'Avis désormais attendus',
        [
          { header: 'PTSM', width: 40, value: (r: ComparisonTables['avisExpected'][number]) => r.ptsmName },
          { header: 'CLSM', width: 40, value: (r: ComparisonTables['avisExpected'][number]) => r.clsmName },
          { header: 'Étape', width: 14, value: (r: ComparisonTables['avisExpected'][number]) => (Object.hasOwn(AVIS_STAGE_LABELS, r.stage) ? capitalize(AVIS_STAGE_LABELS[r.stage as keyof typeof AVIS_STAGE_LABELS]) : r.stage) },
        ],
        compared.avisExpected,
      ),
      tableSheet(
        'Couverture des communes',
        [
          { header: 'Code commune', width: 12, value: (r: Commune) => r.code },
          { header: 'Commune', width: 34, value: (r: Commune) => r.name },
          { header: 'Département', width: 12, value: (r: Commune) => r.departement },
          { header: 'Population', width: 14, format: 'integer', value: (r: Commune) => r.population },
          { header: 'Désormais couverte par', width: 24, value: (r: Commune) => kinds(r.gained) },
          { header: 'Plus couverte par', width: 24, value: (r: Commune) => kinds(r.lost) },
        ],
        compared.coverage,
      ),
    ],
  };
}
