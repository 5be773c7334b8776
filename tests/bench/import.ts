// Import bench (`npm run bench:import`): a national-scale workbook (the synthetic France-wide
// dataset, data/synthetic.ts: about 2,150 mechanisms, 1,550 people and 1,550 links, over 5,000
// rows) is read, analysed, resolved and previewed, as XLSX, ODS and CSV (its Dispositifs sheet).
// Communes are written by name with a Département column, as officers type them, so that name
// resolution is measured, not only code lookups.
//
// Target: read + analyse + preview of the XLSX under 3 s. Floors, measured in the same run for
// comparison: the JSON import of the same data (parse + validate), and SheetJS's own read of
// the XLSX (the library cost under ours).
//
// Then the whole path a user takes, measured end to end:
//   - the API's dry run (POST /api/import?dryRun=true with the XLSX as its body: read, mapped,
//     resolved, previewed and diffed in the write worker, against a real SQLite file), and the
//     confirmed import;
//   - the browser: the assistant's Web Worker (client/src/views/workbook.worker.ts, bundled by
//     Vite) reads and analyses the XLSX in Chromium while the page's main thread is watched: the
//     longest main-thread task (Long Tasks API) and the longest gap between two animation frames
//     during the parse, against the same parse run on the main thread (what the worker spares).
// It prints a report and never fails (not a gate).
//
//   npm run bench:import                # 3 rounds, seed 1
//   npm run bench:import -- --rounds 5 --seed 7
//   npm run bench:import -- --problems  # also list the first errors of the XLSX preview (there should be none)
//   npm run bench:import -- --no-browser --no-api
import * as XLSX from '@e965/xlsx';
import { cpus, loadavg } from 'node:os';
import { generateSyntheticDataset } from '../../data/synthetic.ts';
import { validateDataset } from '../../model/validate.ts';
import { analyseWorkbook, datasetWorkbook, describeProblem, previewImport, type OutCell, type WorkbookSpec } from '../../model/workbook/index.ts';
import { readWorkbook } from '../../model/workbook/read.ts';
import { loadTerritories } from '../../server/territories.ts';
import { writeOds, writeXlsx } from '../../server/workbook/write.ts';
import { apiRun, browserRun } from './import-paths.ts';

const TARGET_MS = 3000;
const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const rounds = option('rounds', 3);
const seed = option('seed', 1);

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1];
const time = <T>(fn: () => T): [T, number] => {
  const start = performance.now();
  const out = fn();
  return [out, performance.now() - start];
};
const fmt = (ms: number) => `${ms.toFixed(0).padStart(6)} ms`;

const territories = loadTerritories();
const dataset = generateSyntheticDataset(territories, { scale: 1, seed });
const spec = officerShaped(datasetWorkbook(dataset, territories));
const rows = spec.sheets.slice(0, 4).reduce((n, s) => n + s.rows.length, 0);

/** Communes by name (« Niort », not « Niort (79191) ») and the Département column filled. */
function officerShaped(workbook: WorkbookSpec): WorkbookSpec {
  const sheet = workbook.sheets[0];
  const communes = sheet.columns.findIndex((c) => c.header === 'Communes');
  const departement = sheet.columns.findIndex((c) => c.header === 'Département');
  sheet.rows = sheet.rows.map((row) => {
    const cell = row[communes];
    if (typeof cell !== 'string') return row;
    const codes = [...cell.matchAll(/\((\w{5})\)/g)].map((m) => m[1]);
    const out: OutCell[] = [...row];
    out[communes] = cell.replace(/ \(\w{5}\)/g, '');
    out[departement] = [...new Set(codes.map((c) => territories.describe(c)?.departements[0] ?? ''))].join(' ; ');
    return out;
  });
  return workbook;
}

const files = {
  xlsx: await writeXlsx(spec),
  ods: writeOds(spec),
  csv: csvOf(spec),
};

function csvOf(workbook: WorkbookSpec): Uint8Array {
  const sheet = workbook.sheets[0];
  const show = (c: OutCell) => (c === null ? '' : typeof c === 'object' ? c.date.split('-').reverse().join('/') : `"${String(c).replace(/"/g, '""')}"`);
  const lines = [sheet.columns.map((c) => c.header), ...sheet.rows].map((r) => r.map((c) => show(c as OutCell)).join(';'));
  return new TextEncoder().encode(lines.join('\r\n'));
}

console.log(`Import bench — synthetic France, seed ${seed}: ${dataset.mechanisms!.length} mechanisms, ${dataset.people!.length} people, ${dataset.links!.length} links = ${rows} rows`);
console.log(`machine: ${cpus().length} cores, load ${loadavg().map((l) => l.toFixed(1)).join(' ')}; ${rounds} rounds, medians`);
console.log(`files: XLSX ${(files.xlsx.length / 1024).toFixed(0)} KiB, ODS ${(files.ods.length / 1024).toFixed(0)} KiB, CSV (Dispositifs) ${(files.csv.length / 1024).toFixed(0)} KiB`);

interface Run {
  read: number;
  analyse: number;
  preview: number;
  total: number;
  errors: number;
  warnings: number;
  records: number;
}

function importOnce(bytes: Uint8Array, fileName: string): Run {
  const [read, readMs] = time(() => readWorkbook(bytes, { fileName }));
  if (!read.ok) throw new Error(read.problem.message);
  const [analysis, analyseMs] = time(() => analyseWorkbook(read.workbook));
  const mappings = analysis.sheets.flatMap((s) => (s.mapping && s.status !== 'ignored' ? [s.mapping] : []));
  const [preview, previewMs] = time(() => previewImport(read.workbook, mappings, { territories, mode: 'replace' }));
  return {
    read: readMs,
    analyse: analyseMs,
    preview: previewMs,
    total: readMs + analyseMs + previewMs,
    errors: preview.errorCount,
    warnings: preview.warningCount,
    records: preview.counts.mechanisms + preview.counts.people + preview.counts.links,
  };
}

const json = JSON.stringify(dataset);
const results = new Map<string, Run[]>();
const floors = { json: [] as number[], sheetjs: [] as number[] };
for (let round = 0; round < rounds; round++) {
  for (const [format, bytes] of Object.entries(files)) {
    const list = results.get(format) ?? [];
    list.push(importOnce(bytes, `france.${format}`));
    results.set(format, list);
  }
  floors.json.push(time(() => validateDataset(JSON.parse(json), territories))[1]);
  floors.sheetjs.push(time(() => XLSX.read(files.xlsx, { type: 'array', cellDates: true, dense: true }))[1]);
}

console.log('\nformat   read        analyse     preview     total       records  errors  warnings');
for (const [format, runs] of results) {
  const m = (k: keyof Run) => median(runs.map((r) => r[k]));
  console.log(`${format.padEnd(8)} ${fmt(m('read'))}  ${fmt(m('analyse'))}  ${fmt(m('preview'))}  ${fmt(m('total'))}  ${String(runs[0].records).padStart(7)}  ${String(runs[0].errors).padStart(6)}  ${String(runs[0].warnings).padStart(8)}`);
}
const xlsxTotal = median(results.get('xlsx')!.map((r) => r.total));
const jsonFloor = median(floors.json);
const sheetjsFloor = median(floors.sheetjs);
console.log(`\nfloor: JSON import of the same data (parse + validate) ${fmt(jsonFloor)}; SheetJS read of the XLSX alone ${fmt(sheetjsFloor)}`);
console.log(`ratios: XLSX import / JSON import ${(xlsxTotal / jsonFloor).toFixed(1)}×; our read / SheetJS read ${(median(results.get('xlsx')!.map((r) => r.read)) / sheetjsFloor).toFixed(2)}×`);
console.log(`target: XLSX read + analyse + preview < ${TARGET_MS} ms: ${xlsxTotal < TARGET_MS ? 'PASS' : 'FAIL'} (${xlsxTotal.toFixed(0)} ms)`);
if (args.includes('--problems')) {
  const read = readWorkbook(files.xlsx);
  if (read.ok) {
    const analysis = analyseWorkbook(read.workbook);
    const preview = previewImport(read.workbook, analysis.sheets.flatMap((s) => (s.mapping ? [s.mapping] : [])), { territories, mode: 'replace' });
    for (const p of preview.problems.filter((x) => x.severity === 'error').slice(0, 20)) console.log(describeProblem(p));
  }
}

if (!args.includes('--no-api')) {
  const api = await apiRun(files.xlsx, rounds);
  console.log(`\nAPI (write worker, real SQLite file), XLSX as the body, ${api.records} records:`);
  console.log(`  first dry run (the worker starting meanwhile):  ${fmt(api.first)}`);
  console.log(`  dry run (read + map + resolve + preview + diff): median ${fmt(api.dryRun)}  [${api.dryRuns.map((x) => x.toFixed(0)).join(', ')} ms]`);
  console.log(`  confirmed import into an empty database:        ${fmt(api.commit)}`);
  console.log(`target: API dry run < ${TARGET_MS} ms: ${api.dryRun < TARGET_MS ? 'PASS' : 'FAIL'} (${api.dryRun.toFixed(0)} ms)`);
}
if (!args.includes('--no-browser')) {
  const browser = await browserRun(files.xlsx);
  if (!browser) console.log('\nbrowser: Chromium not found (/usr/bin/chromium or CHROMIUM_PATH): skipped');
  else {
    console.log(`\nbrowser (Chromium), the XLSX (${(files.xlsx.length / 1024).toFixed(0)} KiB) read and analysed for the assistant:`);
    console.log(`  in the Web Worker:      parse ${fmt(browser.worker.parse)}; main thread meanwhile: longest task ${fmt(browser.worker.longestTask)}, longest frame gap ${fmt(browser.worker.longestGap)}, ${browser.worker.frames} frames`);
    console.log(`  on the main thread:     parse ${fmt(browser.inline.parse)}; longest task ${fmt(browser.inline.longestTask)}, longest frame gap ${fmt(browser.inline.longestGap)}, ${browser.inline.frames} frames`);
    console.log(`  worker bundle ${(browser.bundleBytes / 1024).toFixed(0)} KiB (minified)`);
    console.log(`target: the page stays responsive while the worker parses (longest frame gap < 200 ms): ${browser.worker.longestGap < 200 ? 'PASS' : 'FAIL'}`);
  }
}
