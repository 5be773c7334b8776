// What an import request becomes, in the write worker (or inline): an articulation/1 JSON
// document, or a workbook (XLSX, ODS, CSV: as the body, or as the `file` part of a form) read,
// mapped and previewed by the spreadsheet engine (model/workbook), whose document then goes
// through the store's import like a JSON merge — same checks, same scope rules, one journal step.
// Nothing here runs on the HTTP event loop, and nothing is written before the main thread's "go".
import * as v from 'valibot';
import { plural } from '../model/text.ts';
import { AVIS_STAGE_LABELS, LINK_KIND_LABELS, type AvisStage, type LinkKind } from '../model/vocabulary.ts';
import {
  describeColumns,
  describePlace,
  EditsSchema,
  mappingInputOf,
  MappingInputSchema,
  planWorkbookImport,
  SkipSchema,
  type CellEdit,
  type ImportProblem,
  type MappingInput,
  type Matching,
  type PreviewRow,
  type RawWorkbook,
  type RowRef,
  type SheetMapping,
  type WorkbookPlan,
} from '../model/workbook/index.ts';
import { readWorkbook } from '../model/workbook/read.ts';
import type { Account } from './auth/types.ts';
import { badRequest, valibotIssues } from './errors.ts';
import { parseJsonBytes, parseJsonText } from './json-body.ts';
import type { Problem } from '../model/validate.ts';
import { MAX_PROBLEMS, type ImportOptions, type ImportOutcome, type PreparedImport, type Store, type WriteContext } from './store.ts';

/** The media types an import takes, and what each is. */
const WORKBOOK_MEDIA = new Set([
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.oasis.opendocument.spreadsheet',
  'application/vnd.ms-excel',
  'text/csv',
  'application/csv',
  'text/x-csv',
  'text/comma-separated-values',
]);
export type ImportBody = 'json' | 'workbook' | 'form';

/** What a request's media type holds (undefined: not an import body). */
export function importBodyOf(mediaType: string): ImportBody | undefined {
  if (/^application\/([\w.-]+\+)?json$/.test(mediaType)) return 'json';
  if (WORKBOOK_MEDIA.has(mediaType)) return 'workbook';
  if (mediaType === 'multipart/form-data') return 'form';
  return undefined;
}

export const IMPORT_MEDIA_HELP =
  'envoyez un document articulation/1 en JSON (application/json), un classeur XLSX ou ODS, un fichier CSV (text/csv) ou un formulaire multipart/form-data dont le champ « file » porte le fichier';

export interface ImportRequestOptions extends ImportOptions {
  /** Workbooks: the file's name (a CSV sheet is named after it). */
  fileName?: string;
  /** Workbooks: the mapping to apply, as JSON text (query `mapping` or the form's `mapping` field). */
  mapping?: string;
}

export interface ImportRequest {
  /** The request body, undecoded: decoding and parsing a 20 MB body is work for the worker too. */
  body: Uint8Array;
  /** Its media type, with its parameters (a form's boundary). */
  contentType: string;
  options: ImportRequestOptions;
  /** Who imports: the write is journaled as theirs and checked against their scope. */
  account: Account;
}

/** Rows of each sheet shown as records in the answer (the problems of every row are listed apart). */
export const PREVIEW_ROWS = 20;

/** What the answer says of a workbook: how its columns were matched, its rows, its problems by cell. */
export interface WorkbookReport {
  format: RawWorkbook['format'];
  csv?: RawWorkbook['csv'];
  matching: Matching;
  sheets: { sheet: string; role: string; headerRow: number; skippedRows: number[]; dataRowCount: number; status: string }[];
  /** The mapping applied (or proposed), in the form the `mapping` parameter takes, each column with its French reading. */
  mapping: (MappingInput[number] & { described: string[] })[];
  problems: ImportProblem[];
  problemCount: number;
  errorCount: number;
  warningCount: number;
  /** The first rows of each sheet as records, with their problems, and each record in French words (« CLSM « CLSM de Niort » »). */
  rows: (PreviewRow & { label: string })[];
  counts: { mechanisms: number; people: number; links: number; notReceived: number; skipped: number; rowsWithErrors: number };
}

export type ImportAnswer = ImportOutcome & { workbook?: WorkbookReport };

/**
 * Plan, then (unless a dry run) wait for the permission to write and commit. A refused import
 * (invalid, out of scope) throws and writes nothing.
 */
export async function runImportRequest(store: Store, request: ImportRequest, ctx: WriteContext, permission: () => Promise<void>): Promise<ImportAnswer> {
  const dryRun = Boolean(request.options.dryRun);
  const plan = await planImportRequest(store, request, ctx);
  if (!plan.report) {
    if (dryRun) return plan.prepared!.outcome;
    if (plan.importable) await permission();
    return store.commitImport(plan.prepared!, ctx);
  }
  if (!dryRun && !plan.importable) throw refusedImport(plan);
  let outcome = plan.prepared?.outcome ?? (await nothingToImport(store, request.options));
  if (!dryRun) {
    await permission();
    outcome = await store.commitImport(plan.prepared!, ctx);
  }
  return { ...outcome, valid: plan.importable, problems: plan.errors, problemCount: plan.problemCount, workbook: plan.report };
}

/** An import request read and checked, nothing written: its prepared import, and for a workbook its report. */
export interface PlannedImportRequest {
  prepared?: PreparedImport;
  importable: boolean;
  errors: Problem[];
  problemCount: number;
  report?: WorkbookReport;
}

/** Read and check an import request (a JSON document or a workbook) against the current state: the one reading of a file of records (imports, scenarios). */
export async function planImportRequest(store: Store, request: ImportRequest, ctx: WriteContext): Promise<PlannedImportRequest> {
  const body = importBodyOf(request.contentType.split(';')[0].trim().toLowerCase());
  if (body === 'json') {
    if (request.options.mapping !== undefined) throw badRequest('le paramètre mapping ne s’applique qu’aux classeurs (XLSX, ODS, CSV)', [{ path: 'mapping', message: 'inutile pour un document JSON' }]);
    const prepared = await store.prepareImport(parseJsonBytes(request.body), request.options, ctx);
    return { prepared, importable: prepared.outcome.valid, errors: prepared.outcome.problems, problemCount: prepared.outcome.problemCount };
  }
  const { workbook, mapping, edits, skip } = await decodeWorkbookRequest(request, body === 'form');
  const current = (await store.snapshot()).dataset;
  const plan = planWorkbookImport(workbook, { territories: store.territories, current, mode: request.options.mode, mapping, edits, skip });
  const prepared: PreparedImport | undefined = plan.preview ? await store.prepareImport(plan.preview.document, request.options, ctx) : undefined;
  const report = workbookReport(workbook, plan, current.mechanisms);
  const importable = plan.importable && prepared !== undefined && prepared.outcome.valid;
  // The store's problems (the document as a whole) are the preview's, brought back to their cells;
  // should the store see one the preview did not, it is said as the store says it.
  const errors = report.errorCount > 0 || !prepared ? report.problems.filter((p) => p.severity === 'error').map(problemOf) : prepared.outcome.problems;
  const problemCount = report.errorCount > 0 || !prepared ? report.errorCount : prepared.outcome.problemCount;
  return { prepared, importable, errors, problemCount, report };
}

/** The refusal of a request that cannot be imported (400, nothing written), naming each problem. */
export function refusedImport(plan: PlannedImportRequest, consequence = "rien n'a été importé"): Error {
  const what = plan.report ? 'le classeur' : 'le document';
  return badRequest(`${what} contient ${plural(plan.problemCount, 'problème')} : ${consequence}`, plan.errors.map(issueOf), { problemCount: plan.problemCount, ...(plan.report ? { workbook: plan.report } : {}) });
}

/** The answer of a dry run when nothing could be read as records. */
async function nothingToImport(store: Store, options: ImportOptions): Promise<ImportOutcome> {
  const none = { created: [], updated: [], removed: [], unchanged: 0 };
  return { dryRun: Boolean(options.dryRun), mode: options.mode, valid: false, problems: [], problemCount: 0, diff: { mechanisms: none, people: none, links: none, meta: false }, dataVersion: await store.dataVersion(), changed: false };
}

/** A problem in the store's terms (path, message, value), its path naming the sheet, row and column (and the record, for a problem about a whole record). */
const problemOf = (p: ImportProblem): Problem => ({ path: describePlace(p) || '(classeur)', message: p.message, ...(p.value !== undefined ? { value: p.value } : {}) });
/** An error body's issue: the value in the message, unless the message already quotes it. */
const issueOf = (p: Problem) => {
  const value = typeof p.value === 'string' ? p.value : p.value === undefined ? undefined : JSON.stringify(p.value);
  return { path: p.path, message: value !== undefined && !p.message.includes(`« ${value} »`) ? `${p.message} (valeur « ${value} »)` : p.message };
};

function workbookReport(workbook: RawWorkbook, plan: WorkbookPlan, stored: readonly { id: string; name: string }[]): WorkbookReport {
  const problems = [...plan.problems, ...(plan.preview?.problems ?? [])];
  const errorCount = problems.filter((p) => p.severity === 'error').length;
  const names = new Map(stored.map((m) => [m.id, m.name]));
  for (const m of plan.preview?.document.mechanisms ?? []) if (typeof m.id === 'string') names.set(m.id, m.name);
  const rows: WorkbookReport['rows'] = [];
  const shown = new Map<string, number>();
  for (const row of plan.preview?.rows ?? []) {
    const n = shown.get(row.sheet) ?? 0;
    if (n >= PREVIEW_ROWS) continue;
    shown.set(row.sheet, n + 1);
    rows.push({ ...row, label: recordLabel(row, (id) => names.get(id) ?? id) });
  }
  const counts = plan.preview?.counts ?? { mechanisms: 0, people: 0, links: 0, notReceived: 0, skipped: 0 };
  return {
    format: workbook.format,
    ...(workbook.csv ? { csv: workbook.csv } : {}),
    matching: plan.matching,
    sheets: plan.analysis.sheets.map((s) => ({ sheet: s.sheet, role: s.role, headerRow: s.headerRow, skippedRows: s.skippedRows, dataRowCount: s.dataRowCount, status: s.status })),
    mapping: plan.mappings.map((m: SheetMapping) => ({ ...mappingInputOf([m])[0], described: describeColumns(m, plan.matching === 'proposed' ? plan.analysis.sheets.find((s) => s.sheet === m.sheet) : undefined) })),
    problems: problems.slice(0, MAX_PROBLEMS),
    problemCount: problems.length,
    errorCount,
    warningCount: problems.length - errorCount,
    rows,
    counts: { ...counts, rowsWithErrors: (plan.preview?.rows ?? []).filter((r) => r.status === 'error').length },
  };
}

/** A row's record in French words, for the preview. */
function recordLabel(row: PreviewRow, nameOf: (id: string) => string): string {
  const r = row.record as Record<string, unknown> | undefined;
  if (!r) return row.status === 'not-received' ? 'Avis non reçu : rien n’est créé' : 'Rien (ligne à corriger)';
  const text = (x: unknown) => (typeof x === 'string' ? x : '?');
  if (row.kind === 'mechanisms') return `${text(r.kind)} « ${text(r.name)} »`;
  if (row.kind === 'people') return `Personne « ${text(r.label)} »`;
  const kind = typeof r.kind === 'string' && Object.hasOwn(LINK_KIND_LABELS, r.kind) ? LINK_KIND_LABELS[r.kind as LinkKind] : 'Lien';
  const stage = typeof r.stage === 'string' && Object.hasOwn(AVIS_STAGE_LABELS, r.stage) ? `, ${AVIS_STAGE_LABELS[r.stage as AvisStage]}` : '';
  return `${kind} : « ${nameOf(text(r.from))} » → « ${nameOf(text(r.to))} »${stage}`;
}

// ---- Decoding the request: the file, and the mapping, corrections and skipped rows.

interface WorkbookRequest {
  workbook: RawWorkbook;
  mapping?: MappingInput;
  edits?: CellEdit[];
  skip?: RowRef[];
}

async function decodeWorkbookRequest(request: ImportRequest, isForm: boolean): Promise<WorkbookRequest> {
  let bytes = request.body;
  let fileName = request.options.fileName;
  let fields: { mapping?: string; edits?: string; skip?: string } = { mapping: request.options.mapping };
  if (isForm) {
    const form = await readForm(request);
    const file = form.get('file');
    if (file === null || typeof file === 'string') throw badRequest('formulaire sans fichier : envoyez le classeur dans le champ « file »', [{ path: 'file', message: 'champ obligatoire manquant' }]);
    bytes = new Uint8Array(await file.arrayBuffer());
    fileName = file.name || fileName;
    const text = (name: string) => {
      const value = form.get(name);
      return typeof value === 'string' && value.trim() !== '' ? value : undefined;
    };
    fields = { mapping: text('mapping') ?? request.options.mapping, edits: text('edits'), skip: text('skip') };
  }
  const read = readWorkbook(bytes, { fileName });
  if (!read.ok) throw badRequest(`fichier refusé : ${read.problem.message}`, [{ path: fileName ? `(fichier « ${fileName} »)` : '(fichier)', message: read.problem.message }]);
  return {
    workbook: read.workbook,
    mapping: fields.mapping === undefined ? undefined : parameter('mapping', fields.mapping, MappingInputSchema),
    edits: fields.edits === undefined ? undefined : parameter('edits', fields.edits, EditsSchema),
    skip: fields.skip === undefined ? undefined : parameter('skip', fields.skip, SkipSchema),
  };
}

async function readForm(request: ImportRequest): Promise<FormData> {
  try {
    return await new Response(request.body as Uint8Array<ArrayBuffer>, { headers: { 'Content-Type': request.contentType } }).formData();
  } catch {
    throw badRequest('formulaire multipart/form-data illisible (limite « boundary » absente ou corps tronqué)', [{ path: '(corps)', message: 'formulaire mal formé' }]);
  }
}

/** A JSON parameter (mapping, edits, skip), checked: 400 naming the parameter and the place. */
function parameter<S extends v.GenericSchema>(name: string, text: string, schema: S): v.InferOutput<S> {
  let value: unknown;
  try {
    value = parseJsonText(text);
  } catch {
    throw badRequest(`paramètre ${name} : JSON mal formé`, [{ path: name, message: 'doit être du JSON' }]);
  }
  const parsed = v.safeParse(schema, value);
  if (!parsed.success) {
    const issues = valibotIssues(parsed.issues, name).map((i) => ({ path: i.path === name ? name : `${name}${i.path.startsWith('[') ? '' : '.'}${i.path}`, message: i.message }));
    throw badRequest(`paramètre ${name} invalide : ${issues.map((i) => `${i.path} ${i.message}`).slice(0, 5).join(' ; ')}`, issues);
  }
  return parsed.output;
}
