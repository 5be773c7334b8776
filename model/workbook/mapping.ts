// From a raw sheet to a mapping of its columns onto our fields: find the header row under any
// title rows, say what the sheet holds, match each header (exactly: applied; likely: proposed),
// and remember a confirmed mapping for the same set of headers.
import { foldText } from '../text.ts';
import { SHEET_FIELDS, SHEET_NAME_SYNONYMS, TERRITORY_KEYS, type FieldDef } from './columns.ts';
import { DATASET_SHEET_NAME, SHEET_KINDS, SHEET_NAMES, type Cell, type ImportProblem, type RawSheet, type RawWorkbook, type SheetKind } from './types.ts';
import { cellText, isBlank } from './values.ts';

/** Where a column goes: a field key of the sheet's kind, an extra field named after its header, or nowhere. */
export type ColumnTarget = { field: string } | { extra: string } | { ignore: true };

export interface ColumnMapping {
  /** 0-based column index in the sheet. */
  index: number;
  header: string;
  target: ColumnTarget;
}

export interface SheetMapping {
  sheet: string;
  kind: SheetKind;
  /** 1-based row number of the header row; data starts below it. */
  headerRow: number;
  columns: ColumnMapping[];
}

export type MatchQuality = 'exact' | 'likely' | 'none';

export interface ColumnSuggestion {
  index: number;
  header: string;
  quality: MatchQuality;
  /** The field applied (exact) or proposed (likely). */
  field?: string;
  /** Other fields a likely header could mean, best first. */
  alternatives: string[];
}

export type SheetRole = SheetKind | 'dataset' | 'readme' | 'lists' | 'empty';

export interface SheetAnalysis {
  sheet: string;
  role: SheetRole;
  /** Found by the sheet's name, or guessed from its headers. */
  roleFrom: 'name' | 'headers' | 'content';
  headerRow: number;
  /** Title and blank rows above the header row (1-based). */
  skippedRows: number[];
  headers: string[];
  /** Non-blank rows below the header. */
  dataRowCount: number;
  suggestions: ColumnSuggestion[];
  /** The mapping proposed: exact matches, likely matches, unmatched headers as extra fields. */
  mapping?: SheetMapping;
  /** auto: applied without a question; confirm: likely matches await the user; incomplete: a required field has no column. */
  status: 'auto' | 'confirm' | 'incomplete' | 'ignored';
  problems: ImportProblem[];
}

export interface WorkbookAnalysis {
  sheets: SheetAnalysis[];
  /** Every sheet to import is mapped without a question. */
  automatic: boolean;
  /** Blocking problems (no data, required fields without a column). */
  problems: ImportProblem[];
}

/** A confirmed mapping, saved by the caller (JSON) and applied again to a sheet with the same headers. */
export interface SavedMapping {
  /** `mappingKey` of the headers. */
  key: string;
  kind: SheetKind;
  /** [header, target] pairs; targets as in `ColumnTarget`. */
  columns: [string, ColumnTarget][];
}

export const headerKey = (header: string): string => foldText(header);

/** The key of a set of headers: order, accents, case and blank columns do not matter. */
export function mappingKey(headers: readonly string[]): string {
  return [...new Set(headers.map(headerKey).filter((h) => h !== ''))].sort().join('|');
}

// --- Header lookup tables, built once -----------------------------------------------------------

const EXACT = new Map<SheetKind, Map<string, string>>();
const ALL_KNOWN_HEADERS = new Set<string>();
for (const kind of SHEET_KINDS) {
  const exact = new Map<string, string>();
  for (const f of SHEET_FIELDS[kind]) {
    for (const h of [f.header, f.key, ...f.synonyms]) {
      const key = headerKey(h);
      if (!exact.has(key)) exact.set(key, f.key);
      ALL_KNOWN_HEADERS.add(key);
    }
  }
  EXACT.set(kind, exact);
}

const STOPWORDS = new Set(['de', 'du', 'des', 'la', 'le', 'les', 'l', 'd', 'en', 'et', 'a', 'au', 'aux', 'par', 'pour', 'un', 'une', 'the', 'of', 'n', 'no']);
const tokens = (text: string): string[] =>
  foldText(text)
    .split(' ')
    .filter((w) => w !== '' && !STOPWORDS.has(w))
    .map((w) => (w.length > 3 && w.endsWith('s') ? w.slice(0, -1) : w));

function likelyFields(header: string, kind: SheetKind): string[] {
  const h = tokens(header);
  if (h.length === 0) return [];
  const folded = ` ${foldText(header)} `;
  const scores = new Map<string, number>();
  for (const f of SHEET_FIELDS[kind]) {
    let best = 0;
    for (const name of [f.header, ...f.synonyms]) {
      const s = tokens(name);
      if (s.length === 0) continue;
      const common = s.filter((w) => h.includes(w)).length;
      let score = common / Math.max(h.length, s.length);
      // « Date de signature du contrat » holds « date de signature »: a strong hint.
      const whole = foldText(name);
      if (whole.length >= 4 && folded.includes(` ${whole} `)) score = Math.max(score, 0.75 + whole.length / 1000);
      best = Math.max(best, score);
    }
    if (best >= 0.5) scores.set(f.key, best);
  }
  return [...scores.entries()].sort((a, b) => b[1] - a[1]).map(([key]) => key);
}

/** Match each header of a sheet read as `kind`. */
export function suggestColumns(headers: readonly string[], kind: SheetKind): ColumnSuggestion[] {
  const exact = EXACT.get(kind)!;
  const taken = new Set<string>();
  const out: ColumnSuggestion[] = [];
  headers.forEach((header, index) => {
    if (header === '') return;
    const field = exact.get(headerKey(header));
    if (field && !taken.has(field)) {
      taken.add(field);
      out.push({ index, header, quality: 'exact', field, alternatives: [] });
    } else out.push({ index, header, quality: 'none', alternatives: [] });
  });
  for (const s of out) {
    if (s.quality !== 'none') continue;
    const likely = likelyFields(s.header, kind).filter((f) => !taken.has(f));
    if (likely.length > 0) {
      s.quality = 'likely';
      s.field = likely[0];
      s.alternatives = likely.slice(1);
      taken.add(likely[0]);
    }
  }
  return out;
}

/** The mapping a set of suggestions proposes (likely matches included; unmatched headers kept as extra fields). */
export function proposedMapping(sheet: string, kind: SheetKind, headerRow: number, suggestions: readonly ColumnSuggestion[]): SheetMapping {
  return {
    sheet,
    kind,
    headerRow,
    columns: suggestions.map((s) => ({ index: s.index, header: s.header, target: s.field ? { field: s.field } : { extra: s.header } })),
  };
}

/** Required fields without a column: one error each, naming the field and listing the headers left unmatched. */
export function missingFields(mapping: SheetMapping): ImportProblem[] {
  const fields = SHEET_FIELDS[mapping.kind];
  const mapped = new Set(mapping.columns.flatMap((c) => ('field' in c.target ? [c.target.field] : [])));
  const unmatched = mapping.columns.filter((c) => !('field' in c.target)).map((c) => `« ${c.header} »`);
  const rest = unmatched.length ? `colonnes non reconnues : ${unmatched.join(', ')}` : 'aucune autre colonne';
  const problems: ImportProblem[] = [];
  for (const f of fields) {
    if (f.required && !mapped.has(f.key)) {
      problems.push({ severity: 'error', sheet: mapping.sheet, message: `champ obligatoire « ${f.header} » : aucune colonne ne lui correspond (${rest})` });
    }
  }
  if (mapping.kind === 'mechanisms' && !TERRITORY_KEYS.some((k) => mapped.has(k)) && !mapped.has('departementHint')) {
    problems.push({ severity: 'error', sheet: mapping.sheet, message: `champ obligatoire « Territoire » : aucune colonne Territoire, Communes, EPCI, Départements ou Codes postaux (${rest})` });
  }
  return problems;
}

// --- Header row --------------------------------------------------------------------------------

const SCAN_ROWS = 30;

/** The header row under any title rows (merged or alone on their row) and blank rows. 0-based; -1 for an empty sheet. */
export function findHeaderRow(sheet: RawSheet): number {
  const limit = Math.min(sheet.rows.length, SCAN_ROWS);
  let best = -1;
  let bestKnown = 0;
  let firstCandidate = -1;
  let firstNonBlank = -1;
  for (let r = 0; r < limit; r++) {
    const row = sheet.rows[r] ?? [];
    const filled = row.filter((c) => !isBlank(c));
    if (filled.length === 0) continue;
    if (firstNonBlank < 0) firstNonBlank = r;
    if (filled.length < 2 || isMergedTitle(sheet, r)) continue;
    const texts = filled.filter((c) => typeof c === 'string');
    if (texts.length < Math.max(2, filled.length / 2)) continue;
    if (firstCandidate < 0) firstCandidate = r;
    const known = texts.filter((c) => ALL_KNOWN_HEADERS.has(headerKey(c as string))).length;
    if (known > bestKnown) {
      bestKnown = known;
      best = r;
    }
  }
  // The first row that looks like headers is the header row, unless a later one names more of our fields
  // (a key–value block such as « Département : | Deux-Sèvres » above the table).
  if (firstCandidate >= 0) {
    const knownAt = (r: number) => (sheet.rows[r] ?? []).filter((c) => typeof c === 'string' && ALL_KNOWN_HEADERS.has(headerKey(c))).length;
    return best >= 0 && bestKnown >= 2 && bestKnown > knownAt(firstCandidate) ? best : firstCandidate;
  }
  return firstNonBlank;
}

function isMergedTitle(sheet: RawSheet, r: number): boolean {
  return sheet.merges.some((m) => m.s.r <= r && m.e.r >= r && m.e.c > m.s.c && m.s.c === firstFilled(sheet.rows[r]));
}

function firstFilled(row: readonly Cell[] | undefined): number {
  if (!row) return -1;
  return row.findIndex((c) => !isBlank(c));
}

/** The header texts of a row, blank headers as '' and repeated ones numbered (« Commentaire (2) »). */
export function headersOf(sheet: RawSheet, headerRow: number): string[] {
  const seen = new Map<string, number>();
  return (sheet.rows[headerRow] ?? []).map((c) => {
    const text = cellText(c).replace(/\s+/g, ' ');
    if (text === '') return '';
    const n = (seen.get(headerKey(text)) ?? 0) + 1;
    seen.set(headerKey(text), n);
    return n === 1 ? text : `${text} (${n})`;
  });
}

// --- Sheet roles ---------------------------------------------------------------------------------

function roleByName(name: string): SheetRole | undefined {
  const key = headerKey(name);
  for (const [role, names] of Object.entries(SHEET_NAME_SYNONYMS) as [SheetRole, readonly string[]][]) {
    if (names.some((n) => headerKey(n) === key)) return role;
  }
  return undefined;
}

/** What a sheet holds, judged from its headers: avis and links need their ends, people their label; mechanisms otherwise. */
function roleByHeaders(headers: readonly string[]): SheetKind {
  const matched = (kind: SheetKind) => new Set(suggestColumns(headers, kind).filter((s) => s.quality === 'exact').map((s) => s.field));
  const avis = matched('avis');
  if (avis.has('to') && avis.has('from')) return 'avis';
  const links = matched('links');
  if (links.has('from') && links.has('to')) return 'links';
  const mechanisms = matched('mechanisms');
  const people = matched('people');
  // « Libellé » may name a mechanism too: a people sheet has no type and says more of a person.
  const personal = people.has('email') || people.has('phone') || people.has('trained');
  if (!mechanisms.has('kind') && (personal || (people.has('label') && !mechanisms.has('name')))) return 'people';
  return 'mechanisms';
}

/**
 * Analyse every sheet: its role, header row, suggestions and proposed mapping. A saved mapping
 * whose key matches a sheet's headers is applied as confirmed.
 */
export function analyseWorkbook(workbook: RawWorkbook, saved: readonly SavedMapping[] = []): WorkbookAnalysis {
  const savedByKey = new Map(saved.map((s) => [s.key, s]));
  const sheets = workbook.sheets.map((sheet) => analyseSheet(sheet, savedByKey, workbook.sheets.length === 1));
  const problems: ImportProblem[] = [];
  const importable = sheets.filter((s) => s.mapping !== undefined || s.role === 'dataset');
  if (importable.length === 0) {
    const empty = sheets.every((s) => s.role === 'empty');
    problems.push({
      severity: 'error',
      message: empty ? (sheets.length === 1 ? `la feuille « ${sheets[0]?.sheet ?? ''} » est vide` : 'le classeur ne contient aucune donnée : toutes ses feuilles sont vides') : 'aucune feuille à importer : le classeur ne contient que des feuilles d’explication',
    });
  }
  for (const s of sheets) for (const p of s.problems) if (p.severity === 'error') problems.push(p);
  const automatic = problems.length === 0 && sheets.every((s) => s.status === 'auto' || s.status === 'ignored');
  return { sheets, automatic, problems };
}

function analyseSheet(sheet: RawSheet, savedByKey: ReadonlyMap<string, SavedMapping>, alone: boolean): SheetAnalysis {
  const byName = roleByName(sheet.name);
  const base = { sheet: sheet.name, skippedRows: [] as number[], headers: [] as string[], dataRowCount: 0, suggestions: [] as ColumnSuggestion[], problems: [] as ImportProblem[] };
  if (byName === 'readme' || byName === 'lists') return { ...base, role: byName, roleFrom: 'name', headerRow: 0, status: 'ignored' };
  const headerIndex = findHeaderRow(sheet);
  if (headerIndex < 0) {
    const ours = byName !== undefined && byName !== 'dataset';
    return {
      ...base,
      role: 'empty',
      roleFrom: 'content',
      headerRow: 0,
      status: 'ignored',
      problems: ours ? [{ severity: 'warning', sheet: sheet.name, message: `la feuille « ${sheet.name} » est vide : rien n'en est importé` }] : [],
    };
  }
  if (byName === 'dataset') return { ...base, role: 'dataset', roleFrom: 'name', headerRow: headerIndex + 1, status: 'auto' };
  const headers = headersOf(sheet, headerIndex);
  const skippedRows = Array.from({ length: headerIndex }, (_, i) => i + 1);
  let dataRowCount = 0;
  for (let r = headerIndex + 1; r < sheet.rows.length; r++) if (sheet.rows[r]?.some((c) => !isBlank(c))) dataRowCount++;
  // A lone CSV is the Dispositifs sheet unless its headers show links or avis; so is any sheet with another name.
  const named = byName !== undefined && (SHEET_KINDS as readonly string[]).includes(byName) ? (byName as SheetKind) : undefined;
  const kind: SheetKind = named ?? roleByHeaders(headers);
  const roleFrom = named ? 'name' : 'headers';
  const savedMapping = savedByKey.get(mappingKey(headers));
  if (savedMapping && savedMapping.kind === kind) {
    const targets = new Map(savedMapping.columns.map(([h, t]) => [headerKey(h), t]));
    const mapping: SheetMapping = {
      sheet: sheet.name,
      kind,
      headerRow: headerIndex + 1,
      columns: headers.flatMap((header, index) => (header === '' ? [] : [{ index, header, target: targets.get(headerKey(header)) ?? { extra: header } }])),
    };
    const problems = missingFields(mapping);
    const suggestions = suggestColumns(headers, kind);
    return { sheet: sheet.name, role: kind, roleFrom, headerRow: headerIndex + 1, skippedRows, headers, dataRowCount, suggestions, mapping, status: problems.length ? 'incomplete' : 'auto', problems };
  }
  const suggestions = suggestColumns(headers, kind);
  // In a workbook of several sheets, one whose name and headers say nothing of ours (notes,
  // a pivot table) is left aside; the assistant can still map it. A lone sheet or CSV is read.
  if (!named && !alone && suggestions.every((s) => s.quality === 'none')) {
    return {
      sheet: sheet.name,
      role: kind,
      roleFrom,
      headerRow: headerIndex + 1,
      skippedRows,
      headers,
      dataRowCount,
      suggestions,
      status: 'ignored',
      problems: [{ severity: 'warning', sheet: sheet.name, message: `feuille « ${sheet.name} » ignorée : aucune colonne n'est reconnue (associez ses colonnes pour l'importer)` }],
    };
  }
  const mapping = proposedMapping(sheet.name, kind, headerIndex + 1, suggestions);
  const problems = missingFields(mapping);
  const status = problems.length > 0 ? 'incomplete' : suggestions.some((s) => s.quality === 'likely') ? 'confirm' : 'auto';
  return { sheet: sheet.name, role: kind, roleFrom, headerRow: headerIndex + 1, skippedRows, headers, dataRowCount, suggestions, mapping, status, problems };
}

/** A confirmed mapping in the form to save. */
export function saveMapping(mapping: SheetMapping): SavedMapping {
  return { key: mappingKey(mapping.columns.map((c) => c.header)), kind: mapping.kind, columns: mapping.columns.map((c) => [c.header, c.target]) };
}

/** « Nom → Nom ; Date de création → Date de début (proposé) », for `check` and the assistant. */
export function describeMapping(analysis: SheetAnalysis): string[] {
  const fields = analysis.mapping ? SHEET_FIELDS[analysis.mapping.kind] : [];
  const headerOf = (key: string) => fields.find((f: FieldDef) => f.key === key)?.header ?? key;
  return analysis.suggestions.map((s) => {
    if (s.quality === 'exact') return `« ${s.header} » → ${headerOf(s.field!)}`;
    if (s.quality === 'likely') return `« ${s.header} » → ${headerOf(s.field!)} (proposé, à confirmer)`;
    return `« ${s.header} » → champ libre « ${s.header} »`;
  });
}

export { SHEET_NAMES, DATASET_SHEET_NAME };
