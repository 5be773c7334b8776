// The report document model: a département (or région) report as plain data, built once and
// rendered by the PDF writer (server/report/pdf.ts), the screen and the print stylesheet
// ("one report model, several renderings", STYLE.md). Pure: no DOM, no node:*.
//
// Everything a reader reads is already French text here (titles, messages, names): a renderer
// lays out, it never translates a code. Numbers stay numbers with a format, so that every
// renderer writes them the same way through the helpers below. Dates are ISO and written in French
// by the helpers too. The valibot schema checks a report before it is rendered (a mismatch
// between a table's columns and its rows is a programming error, said by field).
import * as v from 'valibot';
import { formatDateFr, isCalendarDate } from './dates.ts';
import { SEVERITIES, SEVERITY_LABELS, type Severity } from './vocabulary.ts';
import { agree, capitalize, formatDecimal, formatInteger, listFr, plural } from './text.ts';

export const REPORT_FORMAT = 'articulation-report/1';
/** More lines than this make a chart unreadable; each renderer has a distinct style for each. */
export const REPORT_CHART_MAX_SERIES = 8;

// ---------------------------------------------------------------------------------------------
// Types (documented field by field: the contract between the report builder and the renderers)

/** How a number is written: 1 234 · 0,75 · 34,5 % (a percent value is already in %, 0–100, like `Share.percent`). */
export type ReportNumberFormat = 'integer' | 'decimal' | 'percent';
/** How a table column is written: numbers as above, `date` an ISO date written « 9 juin 2021 », `text` as is. */
export type ReportColumnFormat = ReportNumberFormat | 'date' | 'text';

export interface ReportDocument {
  format: typeof REPORT_FORMAT;
  /** The document's title: the PDF's Title, the cover's heading. « Rapport départemental — Deux-Sèvres » */
  title: string;
  cover: ReportCover;
  /** The body, in reading order; sections nest (a section's heading is a bookmark). */
  blocks: ReportBlock[];
}

export interface ReportCover {
  /** The territory as readers name it, repeated in every page's footer: « Deux-Sèvres (79) ». */
  territory: string;
  /** A line under the title: « Articulation des CLS, CLSM et PTSM ». */
  subtitle?: string;
  /** Reference date of every figure (ISO date), in every page's footer. */
  asOf: string;
  /** When the report was generated (ISO date-time with Z or an offset), written in Paris time. */
  generatedAt: string;
  /** Who generated it, as the reader's role allows: « Claire Martin (ARS, délégation des Deux-Sèvres) » or « un agent de l'ARS ». */
  generatedBy: string;
  /** The data version, shown as is in every page's footer: « version 128 du 7 décembre 2026 ». */
  dataVersion: string;
  /** Paragraphs under the cover's facts (scope, sources, reading guide). */
  notes?: string[];
}

export type ReportBlock = ReportSection | ReportParagraph | ReportKeyFigures | ReportChart | ReportMap | ReportTable | ReportFindings;

export interface ReportSection {
  kind: 'section';
  /** Heading, and its bookmark (nested sections: nested bookmarks, H1 → H2 → H3). */
  title: string;
  blocks: ReportBlock[];
  /** Start on a new page (print and PDF; the screen ignores it). */
  pageBreakBefore?: boolean;
}

export interface ReportParagraph {
  kind: 'paragraph';
  text: string;
  /** `note`: a remark set apart (a placeholder, an unknown value explained), in italics. */
  style?: 'normal' | 'note';
}

export interface ReportFigure {
  /** « CLSM actifs » */
  label: string;
  /** null: unknown, written « inconnu ». */
  value: number | null;
  format: ReportNumberFormat;
  /** A short line under the value: « sur 12 attendus », « 64 % de la population ». */
  detail?: string;
}

export interface ReportKeyFigures {
  kind: 'key-figures';
  figures: ReportFigure[];
}

export interface ReportSeries {
  label: string;
  /** One value per year of the chart (same length as `years`); null: no value that year. */
  values: (number | null)[];
}

/** A yearly line chart; its data table is rendered beside it (RGAA: a chart has a text table). */
export interface ReportChart {
  kind: 'chart';
  title: string;
  /** What the chart shows, for a reader who cannot see it (defaults to a summary of the series). */
  description?: string;
  format: ReportNumberFormat;
  /** Years in increasing order: each value is at 31 December (the current year at the reference date). */
  years: number[];
  /** One line each; at most REPORT_CHART_MAX_SERIES (8). */
  series: ReportSeries[];
}

export interface ReportMapCategory {
  /** Key used by `communes[].category` (not shown). */
  id: string;
  /** Legend text: « Couverte par un CLSM actif ». */
  label: string;
  /** Fill colour, #rrggbb. */
  colour: string;
}

export interface ReportMapData {
  /** Départements whose communes are drawn (their contour files under data/geo). */
  departements: string[];
  /** Legend order; when a city drawn whole (Lyon, Marseille) has arrondissements in several categories, `partialCategory` if given, else the first listed here. */
  categories: ReportMapCategory[];
  /** The category of a commune (INSEE code of a base commune, or of Lyon/Marseille as a whole). */
  communes: { code: string; category: string }[];
  /** The category of every drawn commune not listed (default: none, drawn grey as « Sans donnée »). */
  defaultCategory?: string;
  /** The category of a city drawn whole whose arrondissements fall into several (never « covered » for one arrondissement in nine); in the legend only when some city is in it. */
  partialCategory?: string;
}

/** Communes coloured by category, with a legend; `placeholder` when there is no map yet. */
export interface ReportMap {
  kind: 'map';
  title: string;
  /** What the map shows (defaults to the legend as a sentence, with counts). */
  description?: string;
  /** Exactly one of `data` and `placeholder`. */
  data?: ReportMapData;
  placeholder?: string;
}

export interface ReportColumn {
  label: string;
  /** Relative width (default 1): widths 3, 1, 1 give the first column 60 % of the table. */
  width?: number;
  /** Default `text`. Numbers are right-aligned. */
  format?: ReportColumnFormat;
}

/** A table cell: text, a number (written by its column's format), or null (written « — »). */
export type ReportCell = string | number | null;

/** A table: its header repeats on each page, a row is never cut across two pages. */
export interface ReportTable {
  kind: 'table';
  /** Caption above the table. */
  title?: string;
  columns: ReportColumn[];
  rows: ReportCell[][];
  /** Shown instead of the table when it has no rows: « Aucune commune non couverte. » */
  empty?: string;
}

export interface ReportFinding {
  severity: Severity;
  /** The rule's French title: « Avis du CLSM manquant sur le projet de PTSM ». */
  title: string;
  /** What it rests on, in words: « Loi (code de la santé publique) », « Référentiel (instruction du 13 mai 2025) ». */
  basis: string;
  message: string;
  /** Legal or framework reference: « CSP L.3221-2 IV ; instruction du 13 mai 2025, annexe 2 ». */
  reference: string;
  /** What would resolve it. */
  fix: string;
}

/** Findings; renderers group them by severity first (errors, warnings, information), keeping the given order inside a group. */
export interface ReportFindings {
  kind: 'findings';
  findings: ReportFinding[];
  /** Shown when there are none: « Aucun constat à cette date. » */
  empty?: string;
}

// ---------------------------------------------------------------------------------------------
// Schema: checks a report before rendering, naming the field at fault.

const Text = v.pipe(v.string('doit être un texte'), v.minLength(1, 'ne doit pas être vide'));
const OptionalText = v.optional(v.string('doit être un texte'));
const IsoDate = v.pipe(v.string('doit être une date AAAA-MM-JJ'), v.check(isCalendarDate, (i) => `« ${String(i.input)} » n'est pas une date AAAA-MM-JJ`));
const IsoDateTime = v.pipe(v.string('doit être une date et heure ISO'), v.isoTimestamp((i) => `« ${String(i.input)} » n'est pas une date et heure ISO (avec Z ou un décalage)`));
const NumberFormatSchema = v.picklist(['integer', 'decimal', 'percent'], (i) => `format inconnu « ${String(i.input)} »`);
const ColumnFormatSchema = v.picklist(['integer', 'decimal', 'percent', 'date', 'text'], (i) => `format inconnu « ${String(i.input)} »`);
const FiniteOrNull = v.nullable(v.pipe(v.number('doit être un nombre ou null'), v.finite('doit être un nombre fini')));

const CoverSchema = v.object({
  territory: Text,
  subtitle: OptionalText,
  asOf: IsoDate,
  generatedAt: IsoDateTime,
  generatedBy: Text,
  dataVersion: Text,
  notes: v.optional(v.array(Text)),
});

const ParagraphSchema = v.object({ kind: v.literal('paragraph'), text: Text, style: v.optional(v.picklist(['normal', 'note'])) });

const KeyFiguresSchema = v.object({
  kind: v.literal('key-figures'),
  figures: v.array(v.object({ label: Text, value: FiniteOrNull, format: NumberFormatSchema, detail: OptionalText })),
});

const ChartSchema = v.pipe(
  v.object({
    kind: v.literal('chart'),
    title: Text,
    description: OptionalText,
    format: NumberFormatSchema,
    years: v.pipe(v.array(v.pipe(v.number(), v.integer('doit être une année'))), v.minLength(1, 'au moins une année')),
    series: v.pipe(
      v.array(v.object({ label: Text, values: v.array(FiniteOrNull) })),
      v.minLength(1, 'au moins une série'),
      v.maxLength(REPORT_CHART_MAX_SERIES, `au plus ${REPORT_CHART_MAX_SERIES} séries`),
    ),
  }),
  v.check((c) => c.years.every((y, i) => i === 0 || y > c.years[i - 1]), 'les années doivent être croissantes'),
  v.check((c) => c.series.every((s) => s.values.length === c.years.length), (i) => `chaque série doit avoir une valeur par année (${(i.input as ReportChart).years.length})`),
);

const MapDataSchema = v.pipe(
  v.object({
    departements: v.pipe(v.array(v.pipe(v.string(), v.regex(/^(?:[0-9]{2}|2A|2B|9[78][0-9])$/, (i) => `« ${String(i.input)} » n'est pas un code département`))), v.minLength(1, 'au moins un département')),
    categories: v.pipe(
      v.array(v.object({ id: Text, label: Text, colour: v.pipe(v.string(), v.regex(/^#[0-9a-fA-F]{6}$/, (i) => `« ${String(i.input)} » n'est pas une couleur #rrggbb`)) })),
      v.minLength(1, 'au moins une catégorie'),
    ),
    communes: v.array(v.object({ code: Text, category: Text })),
    defaultCategory: OptionalText,
    partialCategory: OptionalText,
  }),
  v.check((d) => new Set(d.categories.map((c) => c.id)).size === d.categories.length, 'les identifiants de catégorie doivent être uniques'),
  v.check((d) => {
    const ids = new Set(d.categories.map((c) => c.id));
    return d.communes.every((c) => ids.has(c.category)) && [d.defaultCategory, d.partialCategory].every((id) => id === undefined || ids.has(id));
  }, 'chaque commune (et les catégories par défaut et partielle) doit désigner une catégorie de la légende'),
);

const MapSchema = v.pipe(
  v.object({ kind: v.literal('map'), title: Text, description: OptionalText, data: v.optional(MapDataSchema), placeholder: OptionalText }),
  v.check((m) => (m.data === undefined) !== (m.placeholder === undefined), 'une carte a soit des données (data), soit un texte de remplacement (placeholder)'),
);

const CellSchema = v.union([v.string(), FiniteOrNull], 'une cellule est un texte, un nombre ou null');
const TableSchema = v.pipe(
  v.object({
    kind: v.literal('table'),
    title: OptionalText,
    columns: v.pipe(v.array(v.object({ label: Text, width: v.optional(v.pipe(v.number(), v.gtValue(0, 'doit être positive'))), format: v.optional(ColumnFormatSchema) })), v.minLength(1, 'au moins une colonne')),
    rows: v.array(v.array(CellSchema)),
    empty: OptionalText,
  }),
  v.check((t) => t.rows.every((r) => r.length === t.columns.length), (i) => {
    const t = i.input as ReportTable;
    const at = t.rows.findIndex((r) => r.length !== t.columns.length);
    return `la ligne ${at + 1} a ${t.rows[at]?.length} cellules pour ${t.columns.length} colonnes`;
  }),
);

const FindingsSchema = v.object({
  kind: v.literal('findings'),
  findings: v.array(v.object({ severity: v.picklist(SEVERITIES), title: Text, basis: Text, message: Text, reference: Text, fix: Text })),
  empty: OptionalText,
});

const BlockSchema: v.GenericSchema<ReportBlock> = v.lazy((input) => {
  switch ((input as { kind?: unknown } | null)?.kind) {
    case 'section':
      return SectionSchema;
    case 'paragraph':
      return ParagraphSchema;
    case 'key-figures':
      return KeyFiguresSchema;
    case 'chart':
      return ChartSchema;
    case 'map':
      return MapSchema;
    case 'table':
      return TableSchema;
    case 'findings':
      return FindingsSchema;
    default:
      return v.never('bloc inconnu : kind doit valoir section, paragraph, key-figures, chart, map, table ou findings');
  }
}) as v.GenericSchema<ReportBlock>;

const SectionSchema: v.GenericSchema<ReportSection> = v.object({
  kind: v.literal('section'),
  title: Text,
  blocks: v.array(BlockSchema),
  pageBreakBefore: v.optional(v.boolean()),
});

export const ReportDocumentSchema: v.GenericSchema<ReportDocument> = v.object({
  format: v.literal(REPORT_FORMAT),
  title: Text,
  cover: CoverSchema,
  blocks: v.array(BlockSchema),
});

/** The report, checked; throws an Error listing each problem with its path (`blocks.2.rows`). */
export function checkReport(report: unknown): ReportDocument {
  const result = v.safeParse(ReportDocumentSchema, report);
  if (result.success) return result.output;
  const problems = result.issues.map((issue) => `${v.getDotPath(issue) ?? '(racine)'} : ${issue.message}`);
  throw new Error(`rapport invalide : ${problems.join(' ; ')}`);
}

// ---------------------------------------------------------------------------------------------
// Writing numbers, dates and French text, the same way in every rendering

const NARROW_NBSP = '\u202f';
const NBSP = '\u00a0';

/** A number as French readers write it; null → `missing`. */
export function formatNumber(value: number | null, format: ReportNumberFormat, missing = 'inconnu'): string {
  if (value === null) return missing;
  switch (format) {
    case 'integer':
      return formatInteger(value);
    case 'decimal':
      return formatDecimal(value);
    case 'percent':
      return `${formatDecimal(Math.round(value * 10) / 10)}${NARROW_NBSP}%`;
  }
}

/** A table cell written by its column's format (null → « — »). */
export function formatCell(cell: ReportCell, format: ReportColumnFormat = 'text'): string {
  if (cell === null) return '—';
  if (typeof cell === 'number') return format === 'text' || format === 'date' ? formatDecimal(cell) : formatNumber(cell, format);
  if (format === 'date' && isCalendarDate(cell)) return formatDateFr(cell);
  return cell;
}

/** Whether a column's cells are right-aligned (numbers). */
export function isNumericColumn(column: ReportColumn): boolean {
  return column.format === 'integer' || column.format === 'decimal' || column.format === 'percent';
}

const PARIS_TIME = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** « 7 décembre 2026 à 14 h 05 », in Paris time. */
export function formatDateTimeFr(iso: string): string {
  const parts = new Map(PARIS_TIME.formatToParts(new Date(iso)).map((p) => [p.type, p.value]));
  const date = `${parts.get('year')}-${parts.get('month')}-${parts.get('day')}`;
  return `${formatDateFr(date)} à ${parts.get('hour')}${NBSP}h${NBSP}${parts.get('minute')}`;
}

/**
 * French typography for running text: the typographic apostrophe, and no line break inside
 * « … » nor before ; : ! ? % (a non-breaking space, narrow before ; ! ? %). Only spaces already
 * there become non-breaking: an address (?v=1) or a time (14:05) is left alone.
 */
export function frenchTypography(text: string): string {
  return text
    .replace(/'/g, '’')
    .replace(/« +/g, `«${NBSP}`)
    .replace(/ +»/g, `${NBSP}»`)
    .replace(/ +:/g, `${NBSP}:`)
    .replace(/ +([;!?%])/g, `${NARROW_NBSP}$1`);
}

// ---------------------------------------------------------------------------------------------
// Cover and footer

/** The cover's facts, one line each, in reading order. */
export function coverLines(cover: ReportCover): string[] {
  return [`Situation au ${formatDateFr(cover.asOf)}`, `Généré le ${formatDateTimeFr(cover.generatedAt)} par ${cover.generatedBy}`, `Données : ${cover.dataVersion}`];
}

/** What every page carries (footer): the territory and the reference date, then the data version. */
export function pageFooterLines(report: ReportDocument): [string, string] {
  return [`${report.cover.territory} — situation au ${formatDateFr(report.cover.asOf)}`, `Données : ${report.cover.dataVersion}`];
}

/** « Page 3 / 12 » */
export function pageNumberLabel(page: number, pages: number): string {
  return `Page ${page} / ${pages}`;
}

// ---------------------------------------------------------------------------------------------
// Findings by severity

/** A severity as a noun inside a sentence (« erreur »): the vocabulary's label. */
const severityNoun = (severity: Severity) => SEVERITY_LABELS[severity].toLowerCase();

export interface FindingGroup {
  severity: Severity;
  /** « Erreurs (12) »: the group's heading and bookmark. */
  title: string;
  findings: ReportFinding[];
}

/** Findings grouped by severity, errors first; the given order is kept inside a group; empty groups are left out. */
export function groupFindingsBySeverity(findings: readonly ReportFinding[]): FindingGroup[] {
  const bySeverity = new Map<Severity, ReportFinding[]>(SEVERITIES.map((s) => [s, []]));
  for (const f of findings) bySeverity.get(f.severity)!.push(f);
  return SEVERITIES.filter((s) => bySeverity.get(s)!.length > 0).map((severity) => {
    const list = bySeverity.get(severity)!;
    return { severity, title: severityGroupTitle(severity, list.length), findings: list };
  });
}

/** A severity group's heading, plural whatever its count (« Erreurs (1) »): the PDF's, the print's and the screen's. */
export function severityGroupTitle(severity: Severity, count: number): string {
  return `${capitalize(agree(2, severityNoun(severity)))} (${count})`;
}

/** « 3 erreurs, 1 avertissement et 12 informations » (« aucun constat » when empty). */
export function findingCountsSentence(groups: readonly FindingGroup[]): string {
  if (groups.length === 0) return 'aucun constat';
  return listFr(groups.map((g) => plural(g.findings.length, severityNoun(g.severity))));
}

/** The label of a finding's severity: « Erreur ». */
export function severityLabel(severity: Severity): string {
  return SEVERITY_LABELS[severity];
}

// ---------------------------------------------------------------------------------------------
// Headings (bookmarks): what every rendering's outline or table of contents lists

export interface ReportHeading {
  /** 1 for a top-level section. */
  level: number;
  title: string;
}

/** Every heading in reading order: sections, and each findings block's severity groups one level below. */
export function reportHeadings(report: ReportDocument): ReportHeading[] {
  const out: ReportHeading[] = [];
  const walk = (blocks: readonly ReportBlock[], level: number) => {
    for (const block of blocks) {
      if (block.kind === 'section') {
        out.push({ level, title: block.title });
        walk(block.blocks, level + 1);
      } else if (block.kind === 'findings') {
        for (const g of groupFindingsBySeverity(block.findings)) out.push({ level, title: g.title });
      }
    }
  };
  walk(report.blocks, 1);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Charts and maps: their text equivalents

/** A sentence summing up a chart for those who cannot see it (the chart's `description` when given). */
export function chartDescription(chart: ReportChart): string {
  if (chart.description) return chart.description;
  const first = chart.years[0];
  const last = chart.years[chart.years.length - 1];
  const span = first === last ? `en ${first}` : `de ${first} à ${last}`;
  const series = chart.series.map((s) => {
    const known = s.values.map((value, i) => ({ value, year: chart.years[i] })).filter((p): p is { value: number; year: number } => p.value !== null);
    if (known.length === 0) return `${s.label} : aucune valeur`;
    const a = known[0];
    const b = known[known.length - 1];
    if (a === b) return `${s.label} : ${formatNumber(a.value, chart.format)} en ${a.year}`;
    return `${s.label} : ${formatNumber(a.value, chart.format)} en ${a.year}, ${formatNumber(b.value, chart.format)} en ${b.year}`;
  });
  return `${chart.title}, ${span}. ${series.join(' ; ')}. Valeurs dans le tableau qui suit.`;
}

/** The grey of communes with no category, and its legend label. */
export const MAP_NO_DATA = { id: '', label: 'Sans donnée', colour: '#e5e5e5' } as const;

export interface MapLegendEntry {
  label: string;
  colour: string;
  /** Drawn communes (a city drawn whole counts once). */
  communes: number;
}

export interface MapClassification {
  /** Fill colour of each drawn feature, by its code. */
  colourOf: Map<string, string>;
  /** In the categories' order, then « Sans donnée » when some communes have no category; categories with no commune are kept (count 0). */
  legend: MapLegendEntry[];
}

/**
 * The colour of each drawn feature and the legend's counts. `features` are the drawn communes
 * (`code`, and for Lyon/Marseille drawn whole, their `arrondissements`): a city takes its own
 * category if listed, else its arrondissements' when they share one, else `partialCategory` when
 * given, else the first category in legend order among its arrondissements'.
 */
export function classifyMap(data: ReportMapData, features: Iterable<{ code: string; arrondissements?: readonly string[] }>): MapClassification {
  const categoryOf = new Map(data.communes.map((c) => [c.code, c.category]));
  const order = new Map(data.categories.map((c, i) => [c.id, i]));
  const counts = new Map<string, number>(data.categories.map((c) => [c.id, 0]));
  const colourById = new Map(data.categories.map((c) => [c.id, c.colour]));
  const colourOf = new Map<string, string>();
  let noData = 0;
  for (const feature of features) {
    let category = categoryOf.get(feature.code);
    if (category === undefined && feature.arrondissements) {
      const seen = new Set<string>();
      for (const a of feature.arrondissements) {
        const c = categoryOf.get(a);
        if (c === undefined) continue;
        seen.add(c);
        if (category === undefined || order.get(c)! < order.get(category)!) category = c;
      }
      if (seen.size > 1 && data.partialCategory !== undefined) category = data.partialCategory;
    }
    category ??= data.defaultCategory;
    if (category === undefined) {
      noData++;
      colourOf.set(feature.code, MAP_NO_DATA.colour);
    } else {
      counts.set(category, counts.get(category)! + 1);
      colourOf.set(feature.code, colourById.get(category)!);
    }
  }
  const legend: MapLegendEntry[] = data.categories
    .filter((c) => c.id !== data.partialCategory || counts.get(c.id)! > 0)
    .map((c) => ({ label: c.label, colour: c.colour, communes: counts.get(c.id)! }));
  if (noData > 0) legend.push({ label: MAP_NO_DATA.label, colour: MAP_NO_DATA.colour, communes: noData });
  return { colourOf, legend };
}

/** A legend entry as text: « Couverte par un CLSM actif : 38 communes ». */
export function legendEntryText(entry: MapLegendEntry): string {
  return `${entry.label} : ${plural(entry.communes, 'commune')}`;
}

/** A sentence describing a map (its `description` when given), from the legend's counts. */
export function mapDescription(map: ReportMap, legend: readonly MapLegendEntry[]): string {
  if (map.description) return map.description;
  return `${map.title}. ${legend.map(legendEntryText).join(' ; ')}.`;
}
