// The import assistant's state, pure: what the Web Worker says of a workbook (its sheets, their
// header rows, headers, a few values per column and the engine's suggestions), the user's choices
// (what each sheet holds, where each column goes), the mapping sent to the server, corrections and
// skipped rows, and the mappings remembered for the same set of headers (localStorage).
import { SHEET_FIELDS } from '../../../model/workbook/columns.ts';
import {
  analyseWorkbook,
  mappingKey,
  missingFields,
  proposedMapping,
  saveMapping,
  SHEET_KINDS,
  SHEET_NAMES,
  suggestColumns,
  type CellEdit,
  type ColumnTarget,
  type ImportProblem,
  type MappingInput,
  type MatchQuality,
  type RawWorkbook,
  type RowRef,
  type SavedMapping,
  type SheetKind,
  type SheetMapping,
} from '../../../model/workbook/index.ts';
import { cellText, isBlank } from '../../../model/workbook/values.ts';

/** Values shown under each header: enough to recognise a column. */
export const SAMPLES = 3;

export interface SheetSummary {
  sheet: string;
  /** What the engine read it as; null: nothing to import (notes, explanations, empty). */
  kind: SheetKind | null;
  headerRow: number;
  skippedRows: number[];
  headers: string[];
  /** samples[i]: the first values of column i, as text. */
  samples: string[][];
  dataRowCount: number;
  mapping?: SheetMapping;
  status: 'auto' | 'confirm' | 'incomplete' | 'ignored';
  /** Its mapping is one the user confirmed before (same headers). */
  remembered: boolean;
}

export interface WorkbookSummary {
  format: RawWorkbook['format'];
  csv?: RawWorkbook['csv'];
  sheets: SheetSummary[];
  automatic: boolean;
  problems: ImportProblem[];
}

/** What the worker sends back: small (a few values per column), whatever the workbook's size. */
export function summariseWorkbook(workbook: RawWorkbook, saved: readonly SavedMapping[]): WorkbookSummary {
  const analysis = analyseWorkbook(workbook, saved);
  const savedKeys = new Set(saved.map((s) => s.key));
  const sheets = analysis.sheets.map((a, i): SheetSummary => {
    const rows = workbook.sheets[i].rows;
    const samples = a.headers.map((_, c) => {
      const values: string[] = [];
      for (let r = a.headerRow; r < rows.length && values.length < SAMPLES; r++) if (!isBlank(rows[r]?.[c] ?? null)) values.push(cellText(rows[r][c]));
      return values;
    });
    const importable = a.mapping !== undefined && a.status !== 'ignored';
    return {
      sheet: a.sheet,
      kind: importable ? a.mapping!.kind : null,
      headerRow: a.headerRow,
      skippedRows: a.skippedRows,
      headers: a.headers,
      samples,
      dataRowCount: a.dataRowCount,
      mapping: a.mapping,
      status: a.status,
      remembered: importable && savedKeys.has(mappingKey(a.headers)),
    };
  });
  return { format: workbook.format, ...(workbook.csv ? { csv: workbook.csv } : {}), sheets, automatic: analysis.automatic, problems: analysis.problems };
}

/** One sheet as the user maps it. */
export interface SheetChoice {
  sheet: string;
  kind: SheetKind | null;
  headerRow: number;
  headers: string[];
  samples: string[][];
  dataRowCount: number;
  /** Column index → where it goes. */
  targets: Map<number, ColumnTarget>;
  /** Column index → how sure the suggestion was; `chosen`: the user set it (now, or for the same headers before). */
  quality: Map<number, MatchQuality | 'chosen'>;
  remembered: boolean;
  /** The user changed what the sheet holds or where a column goes. */
  changed: boolean;
}

export function initialChoices(summary: WorkbookSummary): SheetChoice[] {
  return summary.sheets.map((s) => {
    const choice: SheetChoice = { sheet: s.sheet, kind: s.kind, headerRow: s.headerRow, headers: s.headers, samples: s.samples, dataRowCount: s.dataRowCount, targets: new Map(), quality: new Map(), remembered: s.remembered, changed: false };
    if (s.kind === null) return choice;
    if (s.remembered && s.mapping) {
      for (const c of s.mapping.columns) (choice.targets.set(c.index, c.target), choice.quality.set(c.index, 'chosen'));
      return choice;
    }
    return { ...withKind(choice, s.kind), changed: false };
  });
}

/** The sheet read as another kind (or not imported): the suggestions for that kind's fields. */
export function withKind(choice: SheetChoice, kind: SheetKind | null): SheetChoice {
  const next: SheetChoice = { ...choice, kind, targets: new Map(), quality: new Map(), remembered: false, changed: true };
  if (kind === null) return next;
  const suggestions = suggestColumns(choice.headers, kind);
  for (const c of proposedMapping(choice.sheet, kind, choice.headerRow, suggestions).columns) next.targets.set(c.index, c.target);
  for (const s of suggestions) next.quality.set(s.index, s.quality);
  return next;
}

/** One column sent elsewhere by the user: it is decided (`chosen`) from now on. */
export function withTarget(choice: SheetChoice, index: number, target: ColumnTarget): SheetChoice {
  const targets = new Map(choice.targets);
  const quality = new Map(choice.quality);
  targets.set(index, target);
  quality.set(index, 'chosen');
  return { ...choice, targets, quality, changed: true };
}

export function sheetMapping(choice: SheetChoice): SheetMapping | undefined {
  if (choice.kind === null) return undefined;
  return {
    sheet: choice.sheet,
    kind: choice.kind,
    headerRow: choice.headerRow,
    columns: choice.headers.flatMap((header, index) => (header === '' ? [] : [{ index, header, target: choice.targets.get(index) ?? { extra: header } }])),
  };
}

/** The mapping the server applies: the sheets to import, each column's target. */
export function mappingInput(choices: readonly SheetChoice[]): MappingInput {
  return choices.flatMap((c) => {
    const m = sheetMapping(c);
    return m ? [{ sheet: m.sheet, kind: m.kind, headerRow: m.headerRow, columns: m.columns.map((x) => ({ header: x.header, index: x.index, target: x.target })) }] : [];
  });
}

/** What keeps the mapping from being sent: a required field without column, a field given twice, nothing to import. */
export function choiceProblems(choices: readonly SheetChoice[]): string[] {
  const out: string[] = [];
  if (!choices.some((c) => c.kind !== null)) out.push('Choisissez au moins une feuille à importer.');
  for (const c of choices) {
    const m = sheetMapping(c);
    if (!m) continue;
    for (const p of missingFields(m)) out.push(`Feuille « ${c.sheet} » : ${p.message.replace(/ \(colonnes non reconnues.*\)$| \(aucune autre colonne\)$/, '')}.`);
    const byField = new Map<string, string[]>();
    for (const x of m.columns) if ('field' in x.target) byField.set(x.target.field, [...(byField.get(x.target.field) ?? []), x.header]);
    for (const [field, headers] of byField) if (headers.length > 1) out.push(`Feuille « ${c.sheet} » : le champ « ${fieldLabel(c.kind!, field)} » reçoit ${headers.length} colonnes (${headers.map((h) => `« ${h} »`).join(', ')}) ; n’en gardez qu’une.`);
  }
  return out;
}

/** Columns whose match is only likely: the user should look at them before going on. */
export const toCheck = (choice: SheetChoice): number[] => [...choice.quality].filter(([, q]) => q === 'likely').map(([i]) => i);

// ---- The choices a column offers, as <option> values.

export const KIND_CHOICES: readonly { value: SheetKind | ''; label: string }[] = [...SHEET_KINDS.map((k) => ({ value: k, label: SHEET_NAMES[k] })), { value: '', label: 'Ne pas importer' }];

export const fieldLabel = (kind: SheetKind, key: string): string => SHEET_FIELDS[kind].find((f) => f.key === key)?.header ?? key;

/** The targets of a column: the fields of the sheet's kind, an extra field, or nothing. */
export function targetChoices(kind: SheetKind): { value: string; label: string }[] {
  return [
    ...SHEET_FIELDS[kind].map((f) => ({ value: `field:${f.key}`, label: `${f.header}${f.required ? ' (obligatoire)' : ''}` })),
    { value: 'extra', label: 'Champ libre (conservé tel quel)' },
    { value: 'ignore', label: 'Ignorer cette colonne' },
  ];
}

export const targetValue = (target: ColumnTarget | undefined): string => (!target ? 'extra' : 'field' in target ? `field:${target.field}` : 'extra' in target ? 'extra' : 'ignore');

export function targetOf(value: string, header: string): ColumnTarget {
  if (value.startsWith('field:')) return { field: value.slice('field:'.length) };
  return value === 'ignore' ? { ignore: true } : { extra: header };
}

// ---- Corrections and skipped rows.

const rowKey = (r: RowRef) => `${r.sheet}\u0000${r.row}`;

export interface Corrections {
  edits: CellEdit[];
  skip: RowRef[];
}

/** The correction of one cell replaces an earlier one of the same cell. */
export function withEdit(c: Corrections, edit: CellEdit): Corrections {
  return { ...c, edits: [...c.edits.filter((e) => !(e.sheet === edit.sheet && e.row === edit.row && e.column === edit.column)), edit] };
}

export function withSkip(c: Corrections, row: RowRef, skipped: boolean): Corrections {
  const rest = c.skip.filter((r) => rowKey(r) !== rowKey(row));
  return { ...c, skip: skipped ? [...rest, { sheet: row.sheet, row: row.row }] : rest };
}

// ---- Mappings remembered for the same headers.

export const MAPPINGS_KEY = 'articulation:correspondances';
const KEPT = 50;

export function rememberedMappings(storage: Pick<Storage, 'getItem'> | undefined): SavedMapping[] {
  try {
    const value = JSON.parse(storage?.getItem(MAPPINGS_KEY) ?? '[]') as unknown;
    return Array.isArray(value) ? value.filter((m): m is SavedMapping => typeof m?.key === 'string' && typeof m?.kind === 'string' && Array.isArray(m?.columns)) : [];
  } catch {
    return [];
  }
}

/**
 * Keep the mappings the user decided (a likely match confirmed, a column or a sheet changed), the
 * latest first, at most 50, replacing those of the same headers; a sheet mapped automatically
 * needs no memory.
 */
export function rememberMappings(storage: Pick<Storage, 'getItem' | 'setItem'> | undefined, choices: readonly SheetChoice[]): void {
  if (!storage) return;
  const confirmed = choices.flatMap((c) => {
    const m = sheetMapping(c);
    return m && (c.changed || c.remembered || toCheck(c).length > 0) ? [saveMapping(m)] : [];
  });
  if (confirmed.length === 0) return;
  const keys = new Set(confirmed.map((m) => m.key));
  const kept = [...confirmed, ...rememberedMappings(storage).filter((m) => !keys.has(m.key))].slice(0, KEPT);
  try {
    storage.setItem(MAPPINGS_KEY, JSON.stringify(kept));
  } catch {
    // Storage full or refused (private browsing): the mapping is simply not remembered.
  }
}
