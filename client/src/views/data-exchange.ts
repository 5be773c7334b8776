// Import and export of the whole dataset: the file is first checked without changing anything
// (problems with their paths, or the diff), then confirmed; exports in JSON (articulation/1),
// GEXF and GraphML. Long transfers show their progress and can be cancelled.
import { plural } from '../../../model/text.ts';
import { parseJson } from '../../../model/validate.ts';
import { exportWithProgress, importWithProgress, type ImportOutcome, type ImportQuery } from '../api.ts';
import { alertBox, button, errorAlert, h, progressBar, replace, saveBlob, uid } from '../dom.ts';
import { formatInt, truncate } from '../lib/format.ts';
import { problemPlace, recordLines } from '../lib/import-problems.ts';
import { can, session } from '../session.ts';
import type { DataScreen } from './data.ts';

type Bar = ReturnType<typeof progressBar>;
const ENTITIES = [
  ['mechanisms', 'Dispositifs'],
  ['people', 'Personnes'],
  ['links', 'Liens'],
] as const;

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
    { value: 'merge', label: 'Fusionner', hint: 'Ajoute les fiches nouvelles et remplace celles de même identifiant ; garde les autres.', allowed: can.importMerge() },
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

function importSection(env: DataScreen) {
  const fileId = uid('fichier');
  const fileInput = h('input', { class: 'fr-upload', type: 'file', id: fileId, name: 'fichier', accept: '.json,application/json' });
  const modes = modeChoice();
  const preview = h('div', { 'aria-live': 'polite' });
  let pendingText: string | null = null;
  let abort: (() => void) | null = null;
  const send = async (text: string, dryRun: boolean, bar: Bar): Promise<ImportOutcome> => {
    const query: ImportQuery = { mode: modes.mode(), ...(dryRun ? { dryRun: 'true' } : {}) };
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
  const runPreview = async () => {
    const file = fileInput.files?.[0];
    if (!file) {
      replace(preview, alertBox('error', 'Choisissez d’abord un fichier', 'Sélectionnez un fichier JSON au format articulation/1.', { small: true }));
      return fileInput.focus();
    }
    const bar = progressBar('Préparation de l’import');
    replace(preview, bar.el, button('Annuler', () => abort?.(), { kind: 'tertiary', small: true }));
    previewButton.disabled = true;
    try {
      const text = await readFile(file, bar);
      // Said in French, with the line and column; never the browser's own parser message.
      const parsed = parseJson(text);
      if (!parsed.ok) return replace(preview, alertBox('error', 'Ce fichier n’est pas du JSON valide', h('p', null, `« ${file.name} » : ${parsed.message}. Vérifiez qu’il s’agit bien d’un export articulation/1 (fichier .json), et non d’un classeur ou d’un autre format.`)));
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
  };
  const previewButton = button('Prévisualiser l’import', () => void runPreview(), { icon: 'fr-icon-eye-line' });
  fileInput.addEventListener('change', () => {
    pendingText = null;
    replace(preview);
  });
  const el = h(
    'section',
    { class: 'fr-mb-6w', 'aria-labelledby': 'import-titre' },
    h('h2', { class: 'fr-h4', id: 'import-titre' }, 'Importer un fichier'),
    h('p', { class: 'fr-text--sm' }, 'Le fichier est d’abord vérifié sans rien modifier : vous voyez ses problèmes (avec leur emplacement) ou la liste des changements, puis vous confirmez.'),
    h('div', { class: 'fr-upload-group fr-mb-2w' }, h('label', { class: 'fr-label', for: fileId }, 'Fichier au format articulation/1', h('span', { class: 'fr-hint-text' }, 'Format JSON (.json), tel que produit par l’export ci-dessous.')), fileInput),
    modes.el,
    previewButton,
    h('div', { class: 'fr-mt-3w' }, preview),
  );
  return { el, abort: () => abort?.() };
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

function diffTable(outcome: ImportOutcome, caption: string): HTMLElement {
  const ids = (list: string[]) => (list.length ? h('details', { class: 'app-details' }, h('summary', null, formatInt(list.length)), h('p', { class: 'fr-text--xs' }, list.slice(0, 200).join(', '), list.length > 200 ? ` … (+${list.length - 200})` : '')) : '0');
  return h(
    'div',
    { class: 'fr-table fr-table--sm app-import__diff' },
    h(
      'table',
      { dataset: { testid: 'diff' } },
      h('caption', null, caption),
      h('thead', null, h('tr', null, ['Fiches', 'Créés', 'Modifiés', 'Supprimés', 'Inchangés'].map((x) => h('th', { scope: 'col' }, x)))),
      h(
        'tbody',
        null,
        ENTITIES.map(([e, label]) => {
          const d = outcome.diff[e];
          return h('tr', { dataset: { entity: e } }, h('th', { scope: 'row' }, label), h('td', null, ids(d.created)), h('td', null, ids(d.updated)), h('td', null, ids(d.removed)), h('td', null, formatInt(d.unchanged)));
        }),
      ),
    ),
  );
}

function exportSection(): HTMLElement {
  const status = h('div', { 'aria-live': 'polite' });
  const exportButton = (format: 'json' | 'gexf' | 'graphml', label: string) =>
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
    'section',
    { 'aria-labelledby': 'export-titre' },
    h('h2', { class: 'fr-h4', id: 'export-titre' }, 'Exporter'),
    h('p', { class: 'fr-text--sm' }, 'Tout le jeu de données : JSON (articulation/1, réimportable), GEXF (Gephi) ou GraphML (yEd, Cytoscape).'),
    can.personalData() ? null : h('p', { class: 'fr-text--sm app-mention' }, 'Pour votre rôle, les données personnelles ne sont ni affichées ni exportées : chaque personne est remplacée par un pseudonyme, sans nom ni coordonnées.'),
    h('div', { class: 'fr-btns-group fr-btns-group--inline-md fr-btns-group--icon-left' }, exportButton('json', 'JSON'), exportButton('gexf', 'GEXF'), exportButton('graphml', 'GraphML')),
    status,
  );
}
