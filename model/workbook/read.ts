// Reading a workbook file (XLSX, ODS, legacy XLS or CSV) into sheets of plain cells.
//
// The only module of the import that calls libraries: SheetJS (`@e965/xlsx`) for workbooks and
// Papa Parse for CSV. Both are pure JavaScript without Node or DOM dependencies, so this module
// runs in Node (server, CLI) and in a browser Web Worker alike. It never throws for a bad
// file: every failure is an `ImportProblem` with a French message.
//
// Dates: SheetJS is asked for date cells (`cellDates`) and builds them at UTC midnight (XLSX
// serials and ODS `office:date-value` alike), so the calendar date is read from the UTC fields
// and never shifted by the machine's time zone. CSV cells stay text: SheetJS's CSV reader would
// take « 03/12/2018 » for 12 March (US order); the value parsers read it as 3 December.
import * as XLSX from '@e965/xlsx';
import Papa from 'papaparse';
import type { Cell, ImportProblem, MergedRange, RawSheet, RawWorkbook, ReadResult, WorkbookFormat } from './types.ts';

/** Above this, a file is refused before parsing (the server's body limit is the same). */
export const MAX_WORKBOOK_BYTES = 20 * 1024 * 1024;

// SheetJS bundles its container reader (OLE and zip) without types: the little we use, typed here.
interface CfbEntry {
  content: unknown;
}
interface CfbContainer {
  FullPaths: string[];
}
const CFB = XLSX.CFB as { read(data: Uint8Array, options: { type: 'array' }): CfbContainer; find(container: CfbContainer, path: string): CfbEntry | null };

const fail = (message: string): ReadResult => ({ ok: false, problem: { severity: 'error', message } });

const CORRUPT = "le fichier est illisible : ce n'est ni un classeur XLSX ou ODS valide ni un fichier CSV (fichier abîmé ou tronqué ?)";
const PROTECTED = 'le classeur est protégé par un mot de passe : enregistrez-en une copie sans mot de passe (Fichier › Propriétés › Sécurité, ou « Enregistrer sous » sans chiffrement) puis importez-la';

/** Read a file's bytes. `fileName` only helps with CSV-looking text whose extension says otherwise. */
export function readWorkbook(bytes: Uint8Array, options: { fileName?: string } = {}): ReadResult {
  if (bytes.length === 0) return fail('le fichier est vide');
  if (bytes.length > MAX_WORKBOOK_BYTES) return fail(`le fichier dépasse ${MAX_WORKBOOK_BYTES / 1024 / 1024} Mo`);
  const kind = sniff(bytes);
  try {
    if (kind === 'zip') return readZip(bytes);
    if (kind === 'cfb') return readCfb(bytes);
    return readCsv(bytes, options.fileName);
  } catch {
    // The libraries throw English messages (or worse, non-Error values): the user gets ours.
    return fail(CORRUPT);
  }
}

function sniff(bytes: Uint8Array): 'zip' | 'cfb' | 'text' {
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) return 'zip';
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) return 'cfb';
  return 'text';
}

function readZip(bytes: Uint8Array): ReadResult {
  let container: CfbContainer;
  try {
    container = CFB.read(bytes, { type: 'array' });
  } catch (e) {
    // Zip-level encryption (7-Zip, some tools) is a password too.
    if (String((e as Error)?.message ?? e).includes('encryption')) return fail(PROTECTED);
    return fail(CORRUPT);
  }
  const manifest = CFB.find(container, '/META-INF/manifest.xml');
  const mimetype = CFB.find(container, '/mimetype');
  const isOds = mimetype !== null || manifest !== null;
  // An ODS saved with a password keeps a readable manifest that declares the encryption.
  if (manifest && /encryption-data/.test(textOf(manifest.content))) return fail(PROTECTED);
  if (!isOds && !CFB.find(container, '/[Content_Types].xml')) return fail(CORRUPT);
  return parseWorkbook(bytes, isOds ? 'ods' : 'xlsx');
}

function readCfb(bytes: Uint8Array): ReadResult {
  let container: CfbContainer;
  try {
    container = CFB.read(bytes, { type: 'array' });
  } catch {
    return fail(CORRUPT);
  }
  // Excel saves an XLSX with a password as an OLE container holding the encrypted package.
  if (CFB.find(container, '/EncryptionInfo') || CFB.find(container, '/EncryptedPackage')) return fail(PROTECTED);
  return parseWorkbook(bytes, 'xls');
}

function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (content instanceof Uint8Array || Array.isArray(content)) {
    let out = '';
    const arr = content as ArrayLike<number>;
    for (let i = 0; i < arr.length; i++) out += String.fromCharCode(arr[i]);
    return out;
  }
  return '';
}

function parseWorkbook(bytes: Uint8Array, format: WorkbookFormat): ReadResult {
  let book: XLSX.WorkBook;
  try {
    book = XLSX.read(bytes, { type: 'array', cellDates: true, cellNF: false, cellHTML: false, cellStyles: false, dense: true });
  } catch (e) {
    const message = String((e as Error)?.message ?? e);
    if (/password|encrypt/i.test(message)) return fail(PROTECTED);
    return fail(CORRUPT);
  }
  const sheets = book.SheetNames.map((name) => sheetOf(name, book.Sheets[name]));
  return { ok: true, workbook: { format, sheets } };
}

type DenseSheet = XLSX.WorkSheet & { '!data'?: XLSX.CellObject[][] };

function sheetOf(name: string, sheet: DenseSheet): RawSheet {
  const data = sheet['!data'] ?? [];
  const rows: Cell[][] = new Array(data.length);
  for (let r = 0; r < data.length; r++) {
    const row = data[r];
    const cells: Cell[] = [];
    if (row) {
      for (let c = 0; c < row.length; c++) {
        const cell = row[c];
        cells[c] = cell ? cellValue(cell) : null;
      }
      for (let c = 0; c < cells.length; c++) if (cells[c] === undefined) cells[c] = null;
    }
    rows[r] = cells;
  }
  const merges: MergedRange[] = (sheet['!merges'] ?? []).map((m) => ({ s: { r: m.s.r, c: m.s.c }, e: { r: m.e.r, c: m.e.c } }));
  return { name, rows, merges };
}

function cellValue(cell: XLSX.CellObject): Cell {
  switch (cell.t) {
    case 's':
      return typeof cell.v === 'string' ? cell.v : String(cell.v ?? '');
    case 'n':
      return typeof cell.v === 'number' ? cell.v : null;
    case 'b':
      return cell.v === true;
    case 'd':
      return cell.v instanceof Date && !Number.isNaN(cell.v.getTime()) ? { date: utcCalendarDate(cell.v) } : null;
    case 'e':
      return { error: cell.w ?? XLSX_ERRORS.get(cell.v as number) ?? '#N/A' };
    default:
      return null;
  }
}

const XLSX_ERRORS = new Map([
  [0x00, '#NULL!'],
  [0x07, '#DIV/0!'],
  [0x0f, '#VALUE!'],
  [0x17, '#REF!'],
  [0x1d, '#NAME?'],
  [0x24, '#NUM!'],
  [0x2a, '#N/A'],
]);

function utcCalendarDate(d: Date): string {
  // A date-time keeps its calendar day: 2018-12-03 23:59 is still 3 December.
  const y = d.getUTCFullYear();
  return `${String(y).padStart(4, '0')}-${String(d.getUTCMonth() + 1).padStart(2, '0')}-${String(d.getUTCDate()).padStart(2, '0')}`;
}

// --- CSV -------------------------------------------------------------------------------------

function readCsv(bytes: Uint8Array, fileName: string | undefined): ReadResult {
  const decoded = decodeText(bytes);
  if (!decoded) {
    const ext = fileName?.split('.').pop()?.toLowerCase();
    return fail(ext === 'xlsx' || ext === 'ods' || ext === 'xls' ? CORRUPT : "le fichier n'est ni un classeur (XLSX, ODS) ni un texte CSV lisible");
  }
  const delimiter = guessDelimiter(decoded.text);
  const parsed = Papa.parse<string[]>(decoded.text, { delimiter, skipEmptyLines: false });
  const rows: Cell[][] = parsed.data.map((row) => row.map((v) => (v.trim() === '' ? null : v)));
  // Papa Parse reports a trailing newline as one empty row.
  while (rows.length > 0 && rows[rows.length - 1].every((c) => c === null)) rows.pop();
  const name = fileName ? fileName.replace(/^.*[\\/]/, '').replace(/\.[^.]*$/, '') || 'CSV' : 'CSV';
  return { ok: true, workbook: { format: 'csv', sheets: [{ name, rows, merges: [] }], csv: { delimiter, encoding: decoded.encoding, bom: decoded.bom } } };
}

const DELIMITERS = [';', ',', '\t', '|'];

/**
 * The separator that splits the most lines into the same number of fields (two or more).
 * Papa Parse's own guess is thrown off by a trailing empty line or a title line; French
 * spreadsheets write « ; », which wins ties.
 */
function guessDelimiter(text: string): string {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '').slice(0, 50);
  let best = ';';
  let bestScore = -1;
  for (const delimiter of DELIMITERS) {
    const counts = new Map<number, number>();
    for (const line of lines) {
      const fields = Papa.parse<string[]>(line, { delimiter }).data[0]?.length ?? 1;
      if (fields > 1) counts.set(fields, (counts.get(fields) ?? 0) + 1);
    }
    const score = Math.max(0, ...counts.values());
    if (score > bestScore) {
      best = delimiter;
      bestScore = score;
    }
  }
  return best;
}

/** UTF-8 (with or without BOM), else Windows-1252; undefined for bytes that are not text at all. */
function decodeText(bytes: Uint8Array): { text: string; encoding: 'utf-8' | 'windows-1252'; bom: boolean } | undefined {
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = bom ? bytes.subarray(3) : bytes;
  // NUL bytes and other control characters do not occur in a spreadsheet's CSV.
  const sample = body.subarray(0, 65536);
  let control = 0;
  for (let i = 0; i < sample.length; i++) {
    const b = sample[i];
    if (b === 0) return undefined;
    if (b < 0x09 || (b > 0x0d && b < 0x20)) control++;
  }
  if (control > sample.length / 100) return undefined;
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(body), encoding: 'utf-8', bom };
  } catch {
    return { text: decodeWindows1252(body), encoding: 'windows-1252', bom };
  }
}

/** Windows-1252's characters at 0x80–0x9F (curly quotes, œ, €, dashes…). */
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

/**
 * Node's TextDecoder reads the « windows-1252 » label as Latin-1 (0x92 gives a control
 * character, not ’), browsers follow the WHATWG table: the 0x80–0x9F range is mapped here so
 * that both agree.
 */
function decodeWindows1252(bytes: Uint8Array): string {
  const latin1 = new TextDecoder('windows-1252').decode(bytes);
  return latin1.replace(/[\u0080-\u009f]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80]);
}

export type { ImportProblem };
