// Import and export of the whole dataset: the file is first checked without changing anything
// (problems with their paths, or the diff), then confirmed. A JSON document is previewed here; a
// workbook (XLSX, ODS, CSV) goes through the assistant (import-assistant.ts). Exports in JSON
// (articulation/1), XLSX, ODS, GEXF and GraphML, and the template to fill. Long transfers show
// their progress and can be cancelled.
import { plural } from '../../../model/text.ts';
import { parseJson } from '../../../model/validate.ts';
import { api, exportWithProgress, importWithProgress, type ImportOutcome, type ImportQuery } from '../api.ts';
import { alertBox, button, errorAlert, h, progressBar, replace, saveBlob, uid } from '../dom.ts';
import { formatInt, truncate } from '../lib/format.ts';
import { problemPlace, recordLines } from '../lib/import-problems.ts';
import { can, session } from '../session.ts';
import { workbookButtons } from '../ui/workbook-buttons.ts';
import type { DataScreen } from './data.ts';
import { workbookAssistant } from './import-assistant.ts';
import { diffTable, ENTITIES } from './import-diff.ts';

type Bar = ReturnType<typeof progressBar>;

export function importExport(env: DataScreen): { destroy(): void } {
  const importer = can.importMerge() ? importSection(env) : null;
  replace(
    env.body,
    importer?.el ??
      h(
        'section',
        { class: 'fr-mb-6w', 'aria-labelledby': 'import-titre' },
        h('h2', { class: 'fr-h4', id: 'import-titre' }, 'Importer un fichier'),
        alertBox('info', 'Import non autorisé', `Votre rôle (${session.account()?.roleLabel ?? 'visiteur'}) permet d’exporter les données, pas d’en importer.`, { small: true }),
      ),
    exportSection(),
  );
  return { destroy: () => importer?.abort() };
}

function readFile(file: File, bar: Bar): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onprogress = (e) => bar.set(e.lengthComputable ? (100 * e.loaded) / e.total : null, `Lecture du fichier… ${formatInt(Math.round(e.loaded / 1024))} Ko`);
    reader.onerror = () => reject(new Error('le fichier n’a pas pu être lu'));
    reader.onload = () => resolve(String(reader.result ?? ''));
    reader.readAsText(file, 'utf-8');
  });
}

function modeChoice() {
  const name = uid('mode');
  const modes = [
    { value: 'merge', label: 'Fusionner', hint: 'Ajoute les fiches nouvelles et met à jour celles de même identifiant (ou, dans un classeur sans identifiant, de même type et de même nom) ; garde les autres.', allowed: can.importMerge() },
    { value: 'replace', label: 'Remplacer', hint: `Le fichier devient le jeu de données complet : les fiches absentes du fichier sont supprimées.${can.importReplace() ? '' : ' Réservé aux administrateurs.'}`, allowed: can.importReplace() },
  ] as const;
  const inputs = modes.map((m, i) => h('input', { type: 'radio', id: `${name}-${m.value}`, name, value: m.value, checked: i === 0, disabled: !m.allowed }));
  const el = h(
    'fieldset',
    { class: 'fr-fieldset', 'aria-labelledby': `${name}-legend` },
    h('legend', { class: 'fr-fieldset__legend fr-fieldset__legend--regular', id: `${name}-legend` }, 'Mode d’import'),
    modes.map((m, i) => h('div', { class: 'fr-fieldset__element' }, h('div', { class: 'fr-radio-group' }, inputs[i], h('label', { class: 'fr-label', for: `${name}-${m.value}` }, m.label, h('span', { class: 'fr-hint-text' }, m.hint))))),
  );
  return { el, mode: () => (inputs.find((i) => i.checked)?.value ?? 'merge') as 'merge' | 'replace' };
}

/** A file the assistant reads (a workbook or a CSV), by its name or its type; the rest is read as JSON. */
const WORKBOOK_FILE = /\.(xlsx|xlsm|ods|xls|csv|tsv)$/i;
const isWorkbook = (file: File) => WORKBOOK_FILE.test(file.name) || /spreadsheet|excel|csv/.test(file.type);

function importSection(env: DataScreen) {
  const fileId = uid('fichier');
  const fileInput = h('input', { class: 'fr-upload', type: 'file', id: fileId, name: 'fichier', accept: '.json,.xlsx,.ods,.csv,.xls,application/json,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/vnd.oasis.opendocument.spreadsheet' });
  const modes = modeChoice();
  const preview = h('div', { 'aria-live': 'polite' });
  const json = jsonImport(env, preview, modes.mode);
  let assistant: { destroy(): void } | null = null;
  const chosen = () => fileInput.files?.[0];
  const start = () => {
    const file = chosen();
    assistant?.destroy();
    assistant = null;
    json.forget();
    if (!file) {
      replace(preview, alertBox('error', 'Choisissez d’abord un fichier', 'Un classeur XLSX ou ODS, un fichier CSV, ou un fichier JSON au format articulation/1.', { small: true }));
      return fileInput.focus();
    }
    // The assistant has its own buttons: this one would only read the file again.
    previewButton.hidden = isWorkbook(file);
    if (isWorkbook(file)) assistant = workbookAssistant({ ctx: env.ctx, host: preview, file, mode: modes.mode, cancel: () => ((fileInput.value = ''), (previewButton.hidden = false), replace(preview)) });
    else void json.preview(file, previewButton);
  };
  const previewButton = button('Prévisualiser l’import', start, { icon: 'fr-icon-eye-line' });
  // A workbook opens the assistant at once; a JSON file waits for « Prévisualiser ».
  fileInput.addEventListener('change', () => {
    const file = chosen();
    if (file && isWorkbook(file)) start();
    else (assistant?.destroy(), (assistant = null), json.forget(), (previewButton.hidden = false), replace(preview));
  });
  const drop = dropZone(fileInput, fileId);
  const el = h(
    'section',
    { class: 'fr-mb-6w', 'aria-labelledby': 'import-titre' },
    h('h2', { class: 'fr-h4', id: 'import-titre' }, 'Importer un fichier'),
    h(
      'p',
      { class: 'fr-text--sm' },
      'Le fichier est d’abord vérifié sans rien modifier : vous voyez ses problèmes (la feuille, la ligne et la colonne de chacun) ou la liste des changements, puis vous confirmez. Un classeur peut avoir ses propres en-têtes : l’assistant les associe aux champs, et vous vérifiez. ',
      h('a', { class: 'fr-link', href: '#modele-titre' }, 'Modèle à remplir'),
      '.',
    ),
    drop,
    modes.el,
    previewButton,
    h('div', { class: 'fr-mt-3w' }, preview),
  );
  return {
    el,
    abort: () => {
      json.abort();
      assistant?.destroy();
    },
  };
}

/** The file input inside a zone that also takes a file dropped on it. */
function dropZone(fileInput: HTMLInputElement, fileId: string): HTMLElement {
  const zone = h(
    'div',
    { class: 'fr-upload-group fr-mb-2w app-dropzone' },
    h('label', { class: 'fr-label', for: fileId }, 'Fichier à importer', h('span', { class: 'fr-hint-text' }, 'Classeur XLSX ou ODS, fichier CSV (« ; » ou « , », UTF-8 ou Windows-1252), ou JSON articulation/1 ; 20 Mo au plus. Vous pouvez aussi le glisser ici.')),
    fileInput,
  );
  const over = (on: boolean) => zone.classList.toggle('app-dropzone--over', on);
  zone.addEventListener('dragover', (e) => {
    e.preventDefault();
    over(true);
  });
  zone.addEventListener('dragleave', () => over(false));
  zone.addEventListener('drop', (e) => {
    e.preventDefault();
    over(false);
    if (!e.dataTransfer?.files.length) return;
    fileInput.files = e.dataTransfer.files;
    fileInput.dispatchEvent(new Event('change'));
  });
  return zone;
}

/** The JSON import: dry run (problems by path, or the diff), then confirmation. */
function jsonImport(env: DataScreen, preview: HTMLElement, mode: () => 'merge' | 'replace') {
  let pendingText: string | null = null;
  let abort: (() => void) | null = null;
  const send = async (text: string, dryRun: boolean, bar: Bar): Promise<ImportOutcome> => {
    const query: ImportQuery = { mode: mode(), ...(dryRun ? { dryRun: 'true' } : {}) };
    const transfer = importWithProgress(query, text, (p) => {
      if (p.phase === 'upload') bar.set(p.total ? (100 * p.loaded) / p.total : null, `Envoi… ${formatInt(Math.round(p.loaded / 1024))} Ko`);
      else if (p.phase === 'server') bar.set(null, dryRun ? 'Vérification par le serveur…' : 'Import en cours…');
      else bar.set(null, 'Réception du résultat…');
    });
    abort = transfer.abort;
    try {
      return await transfer.promise;
    } finally {
      abort = null;
    }
  };
  const runImport = async () => {
    if (!pendingText) return;
    const bar = progressBar('Import');
    replace(preview, bar.el);
    try {
      const outcome = await send(pendingText, false, bar);
      env.ctx.invalidate();
      pendingText = null;
      const sum = (key: 'created' | 'updated' | 'removed') => ENTITIES.reduce((n, [e]) => n + outcome.diff[e][key].length, 0);
      replace(preview, alertBox('success', 'Import terminé', `${plural(sum('created'), 'fiche créée', 'fiches créées')}, ${plural(sum('updated'), 'modifiée', 'modifiées')}, ${plural(sum('removed'), 'supprimée', 'supprimées')} (version des données ${outcome.dataVersion}).`));
      env.ctx.announce('Import terminé');
    } catch (error) {
      replace(preview, errorAlert(error, 'L’import a échoué : rien n’a été modifié'));
    }
  };
  return {
    forget: () => (pendingText = null),
    abort: () => abort?.(),
    async preview(file: File, previewButton: HTMLButtonElement) {
      const bar = progressBar('Préparation de l’import');
      replace(preview, bar.el, button('Annuler', () => abort?.(), { kind: 'tertiary', small: true }));
      previewButton.disabled = true;
      try {
        const text = await readFile(file, bar);
        // Said in French, with the line and column; never the browser's own parser message.
        const parsed = parseJson(text);
        if (!parsed.ok) return replace(preview, alertBox('error', 'Ce fichier n’est pas du JSON valide', h('p', null, `« ${file.name} » : ${parsed.message}. Vérifiez qu’il s’agit bien d’un export articulation/1 (fichier .json), ou d’un classeur (.xlsx, .ods, .csv).`)));
        const outcome = await send(text, true, bar);
        pendingText = text;
        const source = { document: parsed.value, lines: recordLines(text) };
        replace(preview, ...previewOf(outcome, file.name, source, () => void runImport(), () => replace(preview)));
        preview.querySelector<HTMLButtonElement>('button:not([disabled])')?.focus();
      } catch (error) {
        if ((error as Error)?.name === 'AbortError') replace(preview, alertBox('info', 'Import annulé', undefined, { small: true }));
        else replace(preview, errorAlert(error, 'La prévisualisation a échoué'));
      } finally {
        previewButton.disabled = false;
      }
    },
  };
}

/** The dry run's answer: the problems by place in the file, or the changes and the confirmation. */
function previewOf(outcome: ImportOutcome, filename: string, source: { document: unknown; lines: ReturnType<typeof recordLines> }, confirm: () => void, cancel: () => void): HTMLElement[] {
  if (!outcome.valid) {
    const shown = outcome.problems.length < outcome.problemCount ? ` (les ${outcome.problems.length} premiers)` : '';
    return [
      alertBox('error', `Le fichier contient ${plural(outcome.problemCount, 'problème')} : rien ne sera importé`, `Corrigez « ${filename} » puis prévisualisez à nouveau. Chaque problème nomme sa fiche et la ligne du fichier où elle commence.`),
      h(
        'div',
        { class: 'fr-table fr-table--sm app-import__problems' },
        h(
          'table',
          null,
          h('caption', null, `Problèmes${shown}`),
          h('thead', null, h('tr', null, h('th', { scope: 'col' }, 'Fiche'), h('th', { scope: 'col' }, 'Problème'), h('th', { scope: 'col' }, 'Valeur'))),
          h('tbody', null, outcome.problems.map((p) => problemRow(p, source))),
        ),
      ),
      diffTable(outcome, 'Aperçu (indicatif) des changements'),
    ];
  }
  const confirmButton = button(outcome.changed ? `Confirmer l’import (${outcome.mode === 'replace' ? 'remplacement' : 'fusion'})` : 'Rien à importer', confirm, { icon: 'fr-icon-upload-line', disabled: !outcome.changed });
  return [
    alertBox(
      outcome.changed ? 'info' : 'success',
      outcome.changed ? 'Le fichier est valide : vérifiez les changements avant de confirmer' : 'Le fichier est valide et identique aux données enregistrées',
      outcome.mode === 'replace' ? 'Mode remplacement : les fiches marquées « supprimées » disparaîtront.' : 'Mode fusion : aucune fiche existante ne sera supprimée.',
    ),
    diffTable(outcome, 'Changements'),
    h('div', { class: 'fr-btns-group fr-btns-group--inline-md fr-btns-group--icon-left' }, confirmButton, button('Annuler', cancel, { kind: 'secondary' })),
  ];
}

/** A problem by its record (name, line of the file) and field in French; the JSON path in small, for a text editor. */
function problemRow(p: ImportOutcome['problems'][number], source: { document: unknown; lines: ReturnType<typeof recordLines> }): HTMLElement {
  const place = problemPlace(p.path, source.document, source.lines);
  return h(
    'tr',
    null,
    h('td', null, place.record, h('br'), h('span', { class: 'fr-text--xs app-mention' }, 'chemin : ', h('code', null, p.path))),
    h('td', null, place.field ? `${place.field} : ${p.message}` : p.message),
    h('td', null, p.value === undefined ? '' : typeof p.value === 'string' || typeof p.value === 'number' ? String(p.value) : h('code', { class: 'fr-text--xs' }, truncate(JSON.stringify(p.value), 80))),
  );
}

function exportSection(): HTMLElement {
  const status = h('div', { 'aria-live': 'polite' });
  const exportButton = (format: 'json' | 'xlsx' | 'ods' | 'gexf' | 'graphml', label: string) =>
    button(
      `Exporter en ${label}`,
      async () => {
        const bar = progressBar(`Export ${label}`);
        bar.set(null, `Préparation de l’export ${label}…`);
        replace(status, bar.el);
        try {
          const { blob, filename } = await exportWithProgress(format, (p) => bar.set(p.total ? (100 * p.loaded) / p.total : null, `Téléchargement… ${formatInt(Math.round(p.loaded / 1024))} Ko`));
          saveBlob(blob, filename ?? `articulation.${format}`);
          replace(status, alertBox('success', `Export ${label} téléchargé (${formatInt(Math.round(blob.size / 1024))} Ko)`, undefined, { small: true }));
        } catch (error) {
          replace(status, errorAlert(error, `L’export ${label} a échoué`));
        }
      },
      { kind: 'secondary', icon: 'fr-icon-download-line' },
    );
  return h(
    'div',
    null,
    h(
      'section',
      { class: 'fr-mb-6w', 'aria-labelledby': 'export-titre' },
      h('h2', { class: 'fr-h4', id: 'export-titre' }, 'Exporter'),
      h('p', { class: 'fr-text--sm' }, 'Tout le jeu de données : JSON (articulation/1) ou classeur XLSX ou ODS (les feuilles du modèle), tous trois réimportables à l’identique ; GEXF (Gephi) ou GraphML (yEd, Cytoscape).'),
      can.personalData() ? null : h('p', { class: 'fr-text--sm app-mention' }, 'Pour votre rôle, les données personnelles ne sont ni affichées ni exportées : chaque personne est remplacée par un pseudonyme, sans nom ni coordonnées.'),
      h('div', { class: 'fr-btns-group fr-btns-group--inline-md fr-btns-group--icon-left' }, exportButton('json', 'JSON'), exportButton('xlsx', 'XLSX'), exportButton('ods', 'ODS'), exportButton('gexf', 'GEXF'), exportButton('graphml', 'GraphML')),
      status,
    ),
    h(
      'section',
      { 'aria-labelledby': 'modele-titre' },
      h('h2', { class: 'fr-h4', id: 'modele-titre' }, 'Modèle à remplir'),
      h(
        'p',
        { class: 'fr-text--sm' },
        'Un classeur vide avec les feuilles Dispositifs, Personnes, Liens et Avis (une ligne par avis d’un CLSM sur un PTSM), et une feuille Lisez-moi qui explique chaque colonne et liste les valeurs admises. Le modèle XLSX propose des listes déroulantes et garde la ligne d’en-tête visible. Vos propres tableaux s’importent aussi : l’assistant associe leurs colonnes aux champs.',
      ),
      workbookButtons('Télécharger le modèle', (format) => (format === 'xlsx' ? api['template.xlsx'].$get() : api['template.ods'].$get()), (format) => `modele-import-articulation.${format}`),
    ),
  );
}
