// One import of a workbook, from the read file to the preview, as the API, the write worker and
// the CLI run it (the browser's assistant runs `analyseWorkbook` itself, then sends its mapping):
//
//   planWorkbookImport(workbook, { mapping?, saved?, territories, current, mode, edits, skip })
//     matching 'automatic'  every header matched a field or a synonym exactly: applied, said back
//              'given'      the caller's mapping (API `mapping`, CLI `--mapping FILE`) is applied
//              'proposed'   some matches are only likely: proposed, not applied (errors until confirmed)
//
// A mapping as the API and the CLI take it (`MappingInput`) names sheets and columns by their
// headers, so that a person can write it; `index` and `headerRow` are optional.
import * as v from 'valibot';
import { plural } from '../text.ts';
import { SHEET_FIELDS } from './columns.ts';
import { analyseWorkbook, headerKey, headersOf, missingFields, type ColumnTarget, type SavedMapping, type SheetAnalysis, type SheetMapping, type WorkbookAnalysis } from './mapping.ts';
import { previewImport, type ImportPreview, type PreviewOptions } from './preview.ts';
import { SHEET_KINDS, SHEET_NAMES, type ImportProblem, type RawWorkbook, type SheetKind } from './types.ts';

const FIELD_LIST = (kind: SheetKind) => SHEET_FIELDS[kind].map((f) => `${f.key} (${f.header})`).join(', ');

const TargetSchema = v.pipe(
  v.looseObject({}, 'doit être un objet { "field": … }, { "extra": … } ou { "ignore": true }'),
  v.check(
    (t) => (typeof t.field === 'string' && t.field !== '') || (typeof t.extra === 'string' && t.extra.trim() !== '') || t.ignore === true,
    'doit être { "field": "clé du champ" }, { "extra": "nom du champ libre" } ou { "ignore": true }',
  ),
  v.transform((t): ColumnTarget => (typeof t.field === 'string' && t.field !== '' ? { field: t.field } : typeof t.extra === 'string' && t.extra.trim() !== '' ? { extra: t.extra.trim() } : { ignore: true })),
);

const SheetMappingInputSchema = v.object(
  {
    sheet: v.pipe(v.string('doit être le nom d’une feuille'), v.minLength(1, 'ne doit pas être vide')),
    kind: v.picklist(SHEET_KINDS, (issue) => `contenu inconnu « ${String(issue.input)} » (attendu : ${SHEET_KINDS.map((k) => `${k} pour ${SHEET_NAMES[k]}`).join(', ')})`),
    headerRow: v.optional(v.pipe(v.number('doit être un numéro de ligne'), v.integer('doit être un entier'), v.minValue(1, 'doit être au moins 1'))),
    columns: v.pipe(
      v.array(
        v.object(
          {
            header: v.string('doit être l’en-tête de la colonne'),
            index: v.optional(v.pipe(v.number('doit être un numéro de colonne (A = 0)'), v.integer('doit être un entier'), v.minValue(0, 'doit être positif'))),
            target: TargetSchema,
          },
          'doit être un objet { "header", "target" }',
        ),
        'doit être une liste de colonnes',
      ),
      v.maxLength(1000, 'au plus 1000 colonnes'),
    ),
  },
  'doit être un objet { "sheet", "kind", "columns" }',
);

/** The mapping a caller gives: for each sheet to import, where its columns go. */
export const MappingInputSchema = v.pipe(v.array(SheetMappingInputSchema, 'doit être une liste de feuilles [{ "sheet", "kind", "columns" }]'), v.maxLength(100, 'au plus 100 feuilles'));
export type MappingInput = v.InferOutput<typeof MappingInputSchema>;

/** Corrections typed in the assistant's preview, and rows left out. */
export const EditsSchema = v.pipe(
  v.array(
    v.object({
      sheet: v.string('doit être le nom d’une feuille'),
      row: v.pipe(v.number('doit être un numéro de ligne'), v.integer('doit être un entier'), v.minValue(1, 'doit être au moins 1')),
      column: v.string('doit être l’en-tête de la colonne'),
      value: v.pipe(v.string('doit être un texte'), v.maxLength(10_000, 'au plus 10 000 caractères')),
    }),
    'doit être une liste de corrections [{ "sheet", "row", "column", "value" }]',
  ),
  v.maxLength(10_000, 'au plus 10 000 corrections'),
);
export const SkipSchema = v.pipe(
  v.array(
    v.object({ sheet: v.string('doit être le nom d’une feuille'), row: v.pipe(v.number('doit être un numéro de ligne'), v.integer('doit être un entier'), v.minValue(1, 'doit être au moins 1')) }),
    'doit être une liste de lignes [{ "sheet", "row" }]',
  ),
  v.maxLength(100_000, 'au plus 100 000 lignes'),
);

/** A workbook's mappings in the form to give back (API `mapping`, CLI `--mapping FILE`). */
export function mappingInputOf(mappings: readonly SheetMapping[]): MappingInput {
  return mappings.map((m) => ({ sheet: m.sheet, kind: m.kind, headerRow: m.headerRow, columns: m.columns.map((c) => ({ header: c.header, index: c.index, target: c.target })) }));
}

/**
 * A given mapping on the workbook: the sheets it lists, and only those, are imported; in each,
 * the columns it names go where it says, the others to the field their header matches exactly
 * (else an extra field). Every mistake (unknown sheet, column or field; a field given twice) is
 * an error naming it and listing what exists.
 */
export function applyMapping(workbook: RawWorkbook, analysis: WorkbookAnalysis, input: MappingInput): { mappings: SheetMapping[]; problems: ImportProblem[] } {
  const problems: ImportProblem[] = [];
  const mappings: SheetMapping[] = [];
  const names = workbook.sheets.map((s) => `« ${s.name} »`).join(', ');
  for (const given of input) {
    const sheet = workbook.sheets.find((s) => s.name === given.sheet) ?? workbook.sheets.find((s) => headerKey(s.name) === headerKey(given.sheet));
    if (!sheet) {
      problems.push({ severity: 'error', message: `correspondance des colonnes : feuille « ${given.sheet} » introuvable dans le classeur (feuilles : ${names})` });
      continue;
    }
    const found = analysis.sheets.find((s) => s.sheet === sheet.name);
    const headerRow = given.headerRow ?? found?.headerRow ?? 1;
    const headers = headersOf(sheet, headerRow - 1);
    const error = (message: string, column?: string) => problems.push({ severity: 'error', sheet: sheet.name, ...(column ? { column } : {}), message });
    const targets = new Map<number, ColumnTarget>();
    for (const c of given.columns) {
      const index = c.index ?? headers.findIndex((h) => h !== '' && headerKey(h) === headerKey(c.header));
      if (index < 0 || index >= headers.length || headers[index] === '') {
        error(`correspondance des colonnes : colonne « ${c.header} » introuvable ligne ${headerRow} (colonnes : ${headers.filter(Boolean).map((h) => `« ${h} »`).join(', ') || 'aucune'})`, c.header);
        continue;
      }
      if (c.index !== undefined && headerKey(headers[index]) !== headerKey(c.header)) {
        error(`correspondance des colonnes : la colonne n° ${index + 1} s'intitule « ${headers[index]} », pas « ${c.header} »`, c.header);
        continue;
      }
      const target = c.target;
      if ('field' in target && !SHEET_FIELDS[given.kind].some((f) => f.key === target.field)) {
        error(`correspondance des colonnes : champ inconnu « ${target.field} » pour la colonne « ${c.header} » (champs de la feuille ${SHEET_NAMES[given.kind]} : ${FIELD_LIST(given.kind)})`, c.header);
        continue;
      }
      targets.set(index, c.target);
    }
    const exact = found?.role === given.kind ? new Map(found.suggestions.filter((s) => s.quality === 'exact').map((s) => [s.index, s.field!])) : new Map<number, string>();
    const columns = headers.flatMap((header, index) => (header === '' ? [] : [{ index, header, target: targets.get(index) ?? (exact.has(index) ? { field: exact.get(index)! } : { extra: header }) }]));
    const mapping: SheetMapping = { sheet: sheet.name, kind: given.kind, headerRow, columns };
    // A field fed by two columns: only one can win, the user must say which.
    const byField = new Map<string, string[]>();
    for (const c of columns) if ('field' in c.target) byField.set(c.target.field, [...(byField.get(c.target.field) ?? []), c.header]);
    for (const [field, headersOfField] of byField) {
      if (headersOfField.length > 1) error(`correspondance des colonnes : le champ « ${fieldHeader(given.kind, field)} » reçoit ${headersOfField.length} colonnes (${headersOfField.map((h) => `« ${h} »`).join(', ')}) : n'en gardez qu'une`);
    }
    for (const p of missingFields(mapping)) problems.push(p);
    mappings.push(mapping);
  }
  if (input.length === 0) problems.push({ severity: 'error', message: 'correspondance des colonnes : aucune feuille à importer' });
  return { mappings, problems };
}

const fieldHeader = (kind: SheetKind, key: string) => SHEET_FIELDS[kind].find((f) => f.key === key)?.header ?? key;

/** « « Dispositif » → Type », « « Observations » → champ libre « Observations » »; with the sheet's analysis, « (proposé, à confirmer) » on its likely matches. */
export function describeColumns(mapping: SheetMapping, analysis?: SheetAnalysis): string[] {
  const likely = new Set((analysis?.suggestions ?? []).filter((s) => s.quality === 'likely').map((s) => s.index));
  return mapping.columns.map((c) => {
    const target = 'field' in c.target ? fieldHeader(mapping.kind, c.target.field) : 'extra' in c.target ? `champ libre « ${c.target.extra} »` : 'ignorée';
    const proposed = 'field' in c.target && likely.has(c.index) && analysis?.status === 'confirm';
    return `« ${c.header} » → ${target}${proposed ? ' (proposé, à confirmer)' : ''}`;
  });
}

export type Matching = 'automatic' | 'given' | 'proposed';

export interface WorkbookPlan {
  analysis: WorkbookAnalysis;
  matching: Matching;
  /** The mappings applied (automatic, given) or proposed. */
  mappings: SheetMapping[];
  /** Problems of the mapping: blocking errors (nothing to import, a required field without column, likely matches to confirm) and warnings (sheets left aside). */
  problems: ImportProblem[];
  /** The rows as records, when every sheet to import has its required columns. */
  preview?: ImportPreview;
  /** No error anywhere: the preview's document can be imported. */
  importable: boolean;
}

export interface PlanOptions extends PreviewOptions {
  /** The caller's mapping: applied as it is (a confirmation). */
  mapping?: MappingInput;
  /** Mappings confirmed earlier, applied to sheets with the same headers. */
  saved?: readonly SavedMapping[];
}

export function planWorkbookImport(workbook: RawWorkbook, options: PlanOptions): WorkbookPlan {
  const analysis = analyseWorkbook(workbook, options.saved);
  const problems: ImportProblem[] = [];
  let mappings: SheetMapping[];
  let matching: Matching;
  if (options.mapping) {
    const applied = applyMapping(workbook, analysis, options.mapping);
    mappings = applied.mappings;
    matching = 'given';
    for (const p of applied.problems) problems.push(p);
  } else {
    mappings = analysis.sheets.flatMap((s) => (s.mapping && s.status !== 'ignored' ? [s.mapping] : []));
    matching = analysis.automatic ? 'automatic' : 'proposed';
    for (const p of analysis.problems) problems.push(p);
    for (const s of analysis.sheets) if (s.status === 'confirm') problems.push(...toConfirm(s));
  }
  for (const s of analysis.sheets) {
    const imported = mappings.some((m) => m.sheet === s.sheet);
    if (options.mapping && !imported && s.mapping && s.status !== 'ignored') problems.push({ severity: 'warning', sheet: s.sheet, message: `feuille « ${s.sheet} » non importée : la correspondance donnée ne la cite pas` });
    for (const p of s.problems) if (p.severity === 'warning' && (!options.mapping || !imported)) problems.push(p);
  }
  const blocked = problems.some((p) => p.severity === 'error' && !p.message.startsWith(CONFIRM));
  const preview = blocked || mappings.length === 0 ? undefined : previewImport(workbook, mappings, options);
  const importable = !problems.some((p) => p.severity === 'error') && preview !== undefined && preview.errorCount === 0;
  return { analysis, matching, mappings, problems, preview, importable };
}

const CONFIRM = 'correspondance proposée';

/** One error per likely match of a sheet: proposed, not applied until confirmed. */
function toConfirm(s: SheetAnalysis): ImportProblem[] {
  const kind = s.mapping!.kind;
  return s.suggestions
    .filter((x) => x.quality === 'likely')
    .map((x) => ({
      severity: 'error' as const,
      sheet: s.sheet,
      column: x.header,
      message: `${CONFIRM} : « ${x.header} » → ${fieldHeader(kind, x.field!)}${x.alternatives.length ? ` (ou ${x.alternatives.map((a) => fieldHeader(kind, a)).join(', ')})` : ''}, à confirmer`,
    }));
}

/** « 2 colonnes à confirmer dans la feuille « X » » for a summary line. */
export function confirmationSummary(plan: WorkbookPlan): string | undefined {
  const count = plan.problems.filter((p) => p.message.startsWith(CONFIRM)).length;
  return count ? `${plural(count, 'correspondance')} de colonnes à confirmer : rien n'est importé sans confirmation` : undefined;
}
