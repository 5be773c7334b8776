// The import assistant for workbooks (XLSX, ODS, CSV) in Données › Import et export:
//   1. the file is read and analysed in a Web Worker (workbook.worker.ts): the page stays responsive;
//   2. the user chooses what each sheet holds and where each column goes, from the engine's
//      suggestions (exact matches applied, likely ones shown to check); a mapping confirmed before
//      for the same headers is applied again (lib/import-assistant.ts, localStorage);
//   3. the server previews the import (POST /api/import?dryRun=true, the file and the mapping in a
//      form): rows as records, every problem by cell, the diff; cells are corrected or rows set aside;
//   4. the user confirms; the import is one step of the journal, « Annuler l’import » undoes it.
import { plural } from '../../../model/text.ts';
import { describePlace } from '../../../model/workbook/describe.ts';
import type { ImportProblem, PreviewRow } from '../../../model/workbook/index.ts';
import { importWithProgress, isAbort, type ImportOutcome, type ImportQuery } from '../api.ts';
import type { AppContext } from '../context.ts';
import { alertBox, badge, button, errorAlert, h, progressBar, replace, uid } from '../dom.ts';
import { formatInt } from '../lib/format.ts';
import {
  choiceProblems,
  initialChoices,
  KIND_CHOICES,
  mappingInput,
  rememberedMappings,
  rememberMappings,
  targetChoices,
  targetOf,
  targetValue,
  toCheck,
  withEdit,
  withKind,
  withSkip,
  withTarget,
  type Corrections,
  type SheetChoice,
  type WorkbookSummary,
} from '../lib/import-assistant.ts';
import { importUndoText } from '../lib/audit-changes.ts';
import { askBeforeUndo, undoImport } from '../ui/undo.ts';
import type { FromWorkbookWorker, ToWorkbookWorker } from './workbook.worker.ts';
import { diffTable } from './import-diff.ts';

type Bar = ReturnType<typeof progressBar>;
type SheetKind = NonNullable<SheetChoice['kind']>;

export interface AssistantEnv {
  ctx: AppContext;
  /** Where the assistant draws. */
  host: HTMLElement;
  file: File;
  mode(): 'merge' | 'replace';
  /** The user gives up: the assistant goes away. */
  cancel(): void;
}

const storage = (): Storage | undefined => {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
};

/** Read and analyse the file in the worker; progress while the bytes are read, then while the worker works. */
export function parseInWorker(file: File, bar: Bar, signal: AbortSignal): Promise<WorkbookSummary> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    let worker: Worker | undefined;
    const stop = () => {
      reader.abort();
      worker?.terminate();
    };
    signal.addEventListener('abort', () => (stop(), reject(new DOMException('annulé', 'AbortError'))), { once: true });
    reader.onprogress = (e) => bar.set(e.lengthComputable ? (100 * e.loaded) / e.total : null, `Lecture du fichier… ${formatInt(Math.round(e.loaded / 1024))} Ko`);
    reader.onerror = () => reject(new Error('le fichier n’a pas pu être lu'));
    reader.onload = () => {
      const started = performance.now();
      const tick = setInterval(() => bar.set(null, `Analyse du classeur (dans un processus à part : la page reste utilisable)… ${Math.round((performance.now() - started) / 1000)} s`), 500);
      bar.set(null, 'Analyse du classeur (dans un processus à part : la page reste utilisable)…');
      worker = new Worker(new URL('./workbook.worker.ts', import.meta.url), { type: 'module', name: 'lecture-classeur' });
      const done = () => (clearInterval(tick), worker?.terminate());
      worker.onmessage = (e: MessageEvent<FromWorkbookWorker>) => {
        if (e.data.type === 'read') return bar.set(null, 'Classeur lu : reconnaissance des colonnes…');
        done();
        if (e.data.type === 'done') resolve(e.data.summary);
        else reject(new Error(e.data.message));
      };
      worker.onerror = (e) => (done(), reject(new Error(`le classeur n’a pas pu être analysé (${e.message})`)));
      const bytes = reader.result as ArrayBuffer;
      const message: ToWorkbookWorker = { bytes, fileName: file.name, saved: rememberedMappings(storage()) };
      worker.postMessage(message, [bytes]);
    };
    reader.readAsArrayBuffer(file);
  });
}

/** The assistant, from the file to the confirmed import. */
export function workbookAssistant(env: AssistantEnv): { destroy(): void } {
  const controller = new AbortController();
  let abortUpload: (() => void) | null = null;
  let choices: SheetChoice[] = [];
  let corrections: Corrections = { edits: [], skip: [] };
  const heading = h('h3', { class: 'fr-h5', tabindex: '-1' }, `Classeur « ${env.file.name} »`);
  const body = h('div');
  replace(env.host, h('section', { class: 'app-assistant', 'aria-label': 'Assistant d’import' }, heading, body));
  const focus = (el: HTMLElement) => (el.setAttribute('tabindex', '-1'), el.focus());

  const send = async (dryRun: boolean, bar: Bar): Promise<ImportOutcome> => {
    const form = new FormData();
    form.set('file', env.file, env.file.name);
    form.set('mapping', JSON.stringify(mappingInput(choices)));
    if (corrections.edits.length) form.set('edits', JSON.stringify(corrections.edits));
    if (corrections.skip.length) form.set('skip', JSON.stringify(corrections.skip));
    const query: ImportQuery = { mode: env.mode(), ...(dryRun ? { dryRun: 'true' } : {}) };
    const transfer = importWithProgress(query, form, (p) => {
      if (p.phase === 'upload') bar.set(p.total ? (100 * p.loaded) / p.total : null, `Envoi du classeur… ${formatInt(Math.round(p.loaded / 1024))} Ko`);
      else if (p.phase === 'server') bar.set(null, dryRun ? 'Lecture des lignes et vérification par le serveur…' : 'Import en cours…');
    });
    abortUpload = transfer.abort;
    try {
      return await transfer.promise;
    } finally {
      abortUpload = null;
    }
  };

  const showMapping = (summary: WorkbookSummary) => replace(body, mappingStep(summary, choices, { change: (next) => (choices = next), preview: () => void preview() }));

  const preview = async () => {
    const bar = progressBar('Aperçu de l’import');
    const result = h('div');
    replace(body, bar.el);
    try {
      const outcome = await send(true, bar);
      rememberMappings(storage(), choices);
      replace(body, result);
      replace(result, ...previewStep(outcome, corrections, { change: (next) => ((corrections = next), void preview()), confirm: () => void confirm(), back: () => showMapping(summaryOf), restart: env.cancel }));
      focus(result.querySelector('h4') ?? result);
      env.ctx.announce(outcome.valid ? 'Aperçu prêt : vérifiez les changements avant de confirmer' : `Aperçu prêt : ${plural(outcome.problemCount, 'problème')} à corriger`);
    } catch (error) {
      if (!isAbort(error)) replace(body, errorAlert(error, 'L’aperçu a échoué : rien n’a été modifié', button('Revenir à la correspondance des colonnes', () => showMapping(summaryOf), { kind: 'secondary', small: true })));
    }
  };

  const confirm = async () => {
    const bar = progressBar('Import');
    replace(body, bar.el);
    try {
      const outcome = await send(false, bar);
      env.ctx.invalidate();
      replace(body, doneStep(outcome, env.ctx));
      focus(body.querySelector('.fr-alert') as HTMLElement);
      env.ctx.announce('Import terminé');
    } catch (error) {
      if (!isAbort(error)) replace(body, errorAlert(error, 'L’import a échoué : rien n’a été modifié', button('Revenir à l’aperçu', () => void preview(), { kind: 'secondary', small: true })));
    }
  };

  let summaryOf: WorkbookSummary;
  const bar = progressBar('Lecture du classeur');
  replace(body, bar.el, button('Annuler', () => controller.abort(), { kind: 'tertiary', small: true }));
  parseInWorker(env.file, bar, controller.signal).then(
    (summary) => {
      summaryOf = summary;
      choices = initialChoices(summary);
      showMapping(summary);
      focus(heading);
    },
    (error) => {
      if (isAbort(error)) replace(body, alertBox('info', 'Lecture annulée', undefined, { small: true }));
      else replace(body, alertBox('error', 'Ce fichier ne peut pas être importé', h('p', null, `${capitalizeFirst((error as Error).message)}.`)));
    },
  );
  return {
    destroy() {
      controller.abort();
      abortUpload?.();
    },
  };
}

const capitalizeFirst = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

// ---- Step 2: what each sheet holds, where each column goes.

interface MappingCallbacks {
  change(next: SheetChoice[]): void;
  preview(): void;
}

function mappingStep(summary: WorkbookSummary, initial: SheetChoice[], on: MappingCallbacks): HTMLElement {
  let choices = initial;
  const status = h('div', { 'aria-live': 'polite' });
  const previewButton = button('Prévisualiser l’import', () => on.preview(), { icon: 'fr-icon-eye-line' });
  const refresh = () => {
    const problems = choiceProblems(choices);
    previewButton.disabled = problems.length > 0;
    replace(status, problems.length ? alertBox('warning', 'Correspondance incomplète', h('ul', null, problems.map((p) => h('li', null, p)))) : null);
  };
  const containers = choices.map(() => h('div'));
  const draw = (i: number) =>
    replace(
      containers[i],
      sheetFieldset(choices[i], summary, (next, kindChanged) => {
        choices = choices.map((c, j) => (j === i ? next : c));
        on.change(choices);
        // A new kind means new fields and suggestions: the sheet is drawn again, the focus kept on its choice.
        if (kindChanged) (draw(i), containers[i].querySelector('select')?.focus());
        refresh();
      }),
    );
  containers.forEach((_, i) => draw(i));
  refresh();
  return h('div', null, fileLine(summary), matchingSummary(summary, choices), containers, status, h('div', { class: 'fr-btns-group fr-btns-group--inline-md fr-btns-group--icon-left' }, previewButton));
}

function fileLine(summary: WorkbookSummary): HTMLElement {
  const format = summary.format === 'csv' ? 'CSV' : summary.format.toUpperCase();
  const csv = summary.csv ? ` : séparateur « ${summary.csv.delimiter === '\t' ? 'tabulation' : summary.csv.delimiter} », encodage ${summary.csv.encoding === 'utf-8' ? `UTF-8${summary.csv.bom ? ' (avec BOM)' : ''}` : 'Windows-1252'}` : '';
  return h('p', { class: 'fr-text--sm' }, `Format ${format}${csv} ; ${plural(summary.sheets.length, 'feuille')}.`);
}

function matchingSummary(summary: WorkbookSummary, choices: readonly SheetChoice[]): HTMLElement {
  const likely = choices.reduce((n, c) => n + (c.kind ? toCheck(c).length : 0), 0);
  if (choices.some((c) => c.remembered)) return alertBox('info', 'Correspondance retenue lors d’un import précédent de ces mêmes colonnes : vérifiez-la, puis prévisualisez.', undefined, { small: true });
  if (summary.automatic) return alertBox('success', 'Toutes les colonnes sont reconnues : vérifiez au besoin, puis prévisualisez.', undefined, { small: true });
  if (likely > 0) return alertBox('warning', `${plural(likely, 'colonne')} ne ${likely > 1 ? 'correspondent' : 'correspond'} que probablement à un champ (« à vérifier ») : confirmez ou changez le champ proposé.`, undefined, { small: true });
  return alertBox('info', 'Associez les colonnes aux champs, puis prévisualisez.', undefined, { small: true });
}

function sheetFieldset(choice: SheetChoice, summary: WorkbookSummary, change: (next: SheetChoice, kindChanged: boolean) => void): HTMLElement {
  const kindId = uid('contenu');
  const kindSelect = h('select', { class: 'fr-select', id: kindId }, KIND_CHOICES.map((k) => h('option', { value: k.value, selected: (choice.kind ?? '') === k.value }, k.label)));
  kindSelect.addEventListener('change', () => change(withKind(choice, (kindSelect.value || null) as SheetKind | null), true));
  const sheet = summary.sheets.find((s) => s.sheet === choice.sheet)!;
  const skipped = sheet.skippedRows.length ? ` (ligne${sheet.skippedRows.length > 1 ? 's' : ''} ${sheet.skippedRows.join(', ')} ignorée${sheet.skippedRows.length > 1 ? 's' : ''} : titres ou lignes vides)` : '';
  const legendId = uid('feuille');
  return h(
    'fieldset',
    { class: 'fr-fieldset app-assistant__sheet', 'aria-labelledby': legendId, dataset: { sheet: choice.sheet } },
    h('legend', { class: 'fr-fieldset__legend', id: legendId }, `Feuille « ${choice.sheet} »`, h('span', { class: 'fr-hint-text' }, sheet.headers.some(Boolean) ? `En-têtes ligne ${choice.headerRow}${skipped} ; ${plural(choice.dataRowCount, 'ligne')} de données.` : 'Feuille vide.')),
    h('div', { class: 'fr-fieldset__element' }, h('div', { class: 'fr-select-group' }, h('label', { class: 'fr-label', for: kindId }, 'Contenu de la feuille'), kindSelect)),
    choice.kind && sheet.headers.some(Boolean) ? h('div', { class: 'fr-fieldset__element' }, columnsTable(choice, (next) => change(next, false))) : null,
  );
}

const QUALITY: Record<string, [string, 'success' | 'warning' | 'info' | undefined]> = {
  exact: ['Reconnue', 'success'],
  likely: ['Proposée, à vérifier', 'warning'],
  none: ['Non reconnue : champ libre', undefined],
  chosen: ['Choisie', 'info'],
};

function columnsTable(choice: SheetChoice, change: (next: SheetChoice) => void): HTMLElement {
  const kind = choice.kind!;
  const options = targetChoices(kind);
  const row = (header: string, index: number) => {
    const select = h('select', { class: 'fr-select fr-select--sm', 'aria-label': `Champ pour la colonne « ${header} »` }, options.map((o) => h('option', { value: o.value, selected: o.value === targetValue(choice.targets.get(index)) }, o.label)));
    const [label, type] = QUALITY[choice.quality.get(index) ?? 'none'];
    const quality = h('td', null, badge(label, type, { noIcon: type === undefined }));
    select.addEventListener('change', () => {
      change((choice = withTarget(choice, index, targetOf(select.value, header))));
      replace(quality, badge(QUALITY.chosen[0], QUALITY.chosen[1]));
    });
    return h(
      'tr',
      { dataset: { column: header, quality: choice.quality.get(index) ?? 'none' } },
      h('th', { scope: 'row' }, header),
      h('td', { class: 'fr-text--xs' }, choice.samples[index]?.join(' · ') || '—'),
      h('td', null, select),
      quality,
    );
  };
  return h(
    'div',
    { class: 'fr-table fr-table--sm app-assistant__columns' },
    h(
      'table',
      null,
      h('caption', null, `Colonnes de la feuille « ${choice.sheet} »`),
      h('thead', null, h('tr', null, ['Colonne', 'Premières valeurs', 'Champ', 'Correspondance'].map((x) => h('th', { scope: 'col' }, x)))),
      h('tbody', null, choice.headers.map((header, index) => (header ? row(header, index) : null))),
    ),
  );
}

// ---- Step 3: the preview (rows as records, problems by cell, diff), corrections, confirmation.

interface PreviewCallbacks {
  change(next: Corrections): void;
  confirm(): void;
  back(): void;
  restart(): void;
}

type Report = NonNullable<ImportOutcome['workbook']>;

function previewStep(outcome: ImportOutcome, corrections: Corrections, on: PreviewCallbacks): HTMLElement[] {
  const report = outcome.workbook as Report;
  const errors = report.problems.filter((p) => p.severity === 'error') as ImportProblem[];
  const warnings = report.problems.filter((p) => p.severity === 'warning') as ImportProblem[];
  const counts = report.counts;
  const verdict = outcome.valid
    ? alertBox(outcome.changed ? 'info' : 'success', outcome.changed ? 'Le classeur est valide : vérifiez les changements avant de confirmer' : 'Le classeur est valide et identique aux données enregistrées', outcome.mode === 'replace' ? 'Mode remplacement : les fiches marquées « supprimées » disparaîtront.' : 'Mode fusion : aucune fiche existante ne sera supprimée ; une cellule vide garde la valeur enregistrée.')
    : alertBox('error', `${plural(outcome.problemCount, 'problème')} à corriger : rien ne sera importé`, 'Corrigez une cellule ici (la correction ne vaut que pour cet import) ou écartez la ligne ; vous pouvez aussi corriger le fichier et le recharger.');
  const confirmButton = button(outcome.changed ? `Confirmer l’import (${outcome.mode === 'replace' ? 'remplacement' : 'fusion'})` : 'Rien à importer', on.confirm, { icon: 'fr-icon-upload-line', disabled: !outcome.valid || !outcome.changed });
  return [
    h('h4', { class: 'fr-h6' }, 'Aperçu de l’import'),
    h('p', { class: 'fr-text--sm' }, `${plural(counts.mechanisms, 'dispositif')}, ${plural(counts.people, 'personne')}, ${plural(counts.links, 'lien')} lus${counts.notReceived ? ` ; ${plural(counts.notReceived, 'avis non reçu', 'avis non reçus')} (rien n’est créé)` : ''}${counts.skipped ? ` ; ${plural(counts.skipped, 'ligne écartée', 'lignes écartées')}` : ''}.`),
    verdict,
    errors.length ? problemsTable(errors, corrections, on.change, outcome.problemCount) : null,
    corrections.skip.length ? skippedList(corrections, on.change) : null,
    warnings.length ? warningsList(warnings) : null,
    rowsTable(report.rows as (PreviewRow & { label: string })[]),
    diffTable(outcome, outcome.valid ? 'Changements' : 'Aperçu (indicatif) des changements'),
    h('div', { class: 'fr-btns-group fr-btns-group--inline-md fr-btns-group--icon-left' }, confirmButton, button('Modifier la correspondance des colonnes', on.back, { kind: 'secondary' }), button('Abandonner', on.restart, { kind: 'tertiary' })),
  ].filter((x): x is HTMLElement => x !== null);
}

const SHOWN_PROBLEMS = 200;

function problemsTable(errors: ImportProblem[], corrections: Corrections, change: (next: Corrections) => void, total: number): HTMLElement {
  const row = (p: ImportProblem) => {
    const actions: HTMLElement[] = [];
    if (p.sheet && p.row !== undefined && p.column) {
      const input = h('input', { class: 'fr-input fr-input--sm', type: 'text', value: p.value ?? '', 'aria-label': `Nouvelle valeur, feuille « ${p.sheet} », ligne ${p.row}, colonne « ${p.column} »` });
      const fix = () => change(withEdit(corrections, { sheet: p.sheet!, row: p.row!, column: p.column!, value: input.value }));
      input.addEventListener('keydown', (e) => e.key === 'Enter' && (e.preventDefault(), fix()));
      actions.push(input, button('Corriger', fix, { kind: 'secondary', small: true, attrs: { 'aria-label': `Corriger la ligne ${p.row}, colonne « ${p.column} »` } }));
    }
    if (p.sheet && p.row !== undefined) actions.push(button('Écarter la ligne', () => change(withSkip(corrections, { sheet: p.sheet!, row: p.row! }, true)), { kind: 'tertiary', small: true, attrs: { 'aria-label': `Écarter la ligne ${p.row} de la feuille « ${p.sheet} »` } }));
    return h(
      'tr',
      { dataset: { sheet: p.sheet ?? '', row: String(p.row ?? '') } },
      h('td', null, p.sheet ?? '—'),
      h('td', { class: 'app-num' }, p.row === undefined ? '—' : String(p.row)),
      h('td', null, p.column ?? '—'),
      h('td', null, p.value === undefined ? '—' : h('code', { class: 'fr-text--xs' }, p.value)),
      // A problem about a whole record (no cell) names it, as the JSON import does.
      h('td', null, p.record ? [h('strong', null, p.record), ' : '] : null, p.message, p.candidates?.length ? h('span', { class: 'fr-text--xs app-mention' }, ` Possibilités : ${p.candidates.join(' ; ')}.`) : null),
      h('td', { class: 'app-assistant__fix' }, actions),
    );
  };
  return h(
    'div',
    { class: 'fr-table fr-table--sm app-import__problems', dataset: { testid: 'problemes' } },
    h(
      'table',
      null,
      h('caption', null, `Problèmes${total > Math.min(errors.length, SHOWN_PROBLEMS) ? ` (les ${Math.min(errors.length, SHOWN_PROBLEMS)} premiers sur ${formatInt(total)})` : ''}`),
      h('thead', null, h('tr', null, ['Feuille', 'Ligne', 'Colonne', 'Valeur', 'Problème', 'Correction'].map((x) => h('th', { scope: 'col' }, x)))),
      h('tbody', null, errors.slice(0, SHOWN_PROBLEMS).map(row)),
    ),
  );
}

function skippedList(corrections: Corrections, change: (next: Corrections) => void): HTMLElement {
  return h(
    'div',
    { class: 'fr-mb-3w' },
    h('p', { class: 'fr-text--sm fr-mb-1v' }, 'Lignes écartées de cet import :'),
    h('ul', { class: 'fr-text--sm' }, corrections.skip.map((r) => h('li', null, `feuille « ${r.sheet} », ligne ${r.row} `, button('Réintégrer', () => change(withSkip(corrections, r, false)), { kind: 'tertiary-no-outline', small: true, attrs: { 'aria-label': `Réintégrer la ligne ${r.row} de la feuille « ${r.sheet} »` } })))),
  );
}

function warningsList(warnings: ImportProblem[]): HTMLElement {
  return h(
    'details',
    { class: 'app-details fr-mb-3w' },
    h('summary', { class: 'fr-text--sm' }, `${plural(warnings.length, 'avertissement')} (ce qui a été supposé ; l’import reste possible)`),
    h('ul', { class: 'fr-text--sm' }, warnings.slice(0, SHOWN_PROBLEMS).map((p) => h('li', null, describePlace(p), describePlace(p) ? ' : ' : '', p.message))),
  );
}

const STATUS_BADGE: Record<PreviewRow['status'], [string, 'success' | 'warning' | 'error' | 'info' | undefined]> = {
  ok: ['Prête', 'success'],
  warning: ['Avec avertissement', 'warning'],
  error: ['À corriger', 'error'],
  skipped: ['Écartée', undefined],
  'not-received': ['Avis non reçu', 'info'],
};

function rowsTable(rows: (PreviewRow & { label: string })[]): HTMLElement {
  return h(
    'div',
    { class: 'fr-table fr-table--sm app-assistant__rows', dataset: { testid: 'lignes' } },
    h(
      'table',
      null,
      h('caption', null, 'Premières lignes de chaque feuille, telles qu’elles seront importées'),
      h('thead', null, h('tr', null, ['Feuille', 'Ligne', 'Fiche', 'Action', 'État'].map((x) => h('th', { scope: 'col' }, x)))),
      h(
        'tbody',
        null,
        rows.map((row) => {
          const [label, type] = STATUS_BADGE[row.status];
          return h(
            'tr',
            // The record's id for tests and support, never shown: the user reads names.
            { dataset: { sheet: row.sheet, row: String(row.row), status: row.status, ...(row.record?.id ? { record: String(row.record.id) } : {}) } },
            h('td', null, row.sheet),
            h('td', { class: 'app-num' }, String(row.row)),
            h('td', null, row.label),
            h('td', null, row.action === 'update' ? 'Mise à jour' : row.action === 'create' ? 'Création' : '—'),
            h('td', null, badge(label, type, { noIcon: type === undefined })),
          );
        }),
      ),
    ),
  );
}

// ---- Step 4: done, and « Annuler l’import ».

function doneStep(outcome: ImportOutcome, ctx: AppContext): HTMLElement {
  const kinds = ['mechanisms', 'people', 'links'] as const;
  const sum = (key: 'created' | 'updated' | 'removed') => kinds.reduce((n, k) => n + outcome.diff[k][key].length, 0);
  const status = h('div', { 'aria-live': 'polite' });
  const entry = outcome.journalEntry;
  // Asked first, as in the journal: what the undo restores, then « Confirmer l’annulation ».
  const counts = Object.fromEntries(kinds.map((k) => [k, { created: outcome.diff[k].created.length, updated: outcome.diff[k].updated.length, removed: outcome.diff[k].removed.length }]));
  const ask = () =>
    askBeforeUndo(status, {
      question: 'Annuler cet import ?',
      text: importUndoText(counts, outcome.diff.meta),
      testid: 'annulation-import',
      run: async () => `Import annulé : ${await undoImport(entry!)}.`,
      failure: 'L’import n’a pas été annulé',
      done: () => (ctx.invalidate(), undo?.remove()),
    });
  const undo = entry === undefined ? null : button('Annuler l’import', ask, { kind: 'secondary', icon: 'fr-icon-arrow-go-back-line' });
  return h(
    'div',
    null,
    alertBox(
      'success',
      'Import terminé',
      h('p', null, `${plural(sum('created'), 'fiche créée', 'fiches créées')}, ${plural(sum('updated'), 'modifiée', 'modifiées')}, ${plural(sum('removed'), 'supprimée', 'supprimées')} (version des données ${outcome.dataVersion}). L’import est une seule étape du journal${entry === undefined ? '' : ` (n° ${entry})`} : il peut être annulé d’un coup tant que ses fiches n’ont pas changé.`),
    ),
    undo,
    status,
  );
}
