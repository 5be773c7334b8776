// PDF report bench (`npm run bench:report`): the sample département report (tests/server/
// report-sample.ts: 210 findings, a 300-row table, the Deux-Sèvres map with 252 communes, a chart)
// rendered by server/report/pdf.ts, against "the floor", a report of a cover and one paragraph
// (the fixed cost of a PDF: fonts, document, buffering), measured in the same run. The first
// render of the process (fonts read, contours decoded, code not yet optimised) is reported
// apart: it is what the first request after a start costs. Then each part alone, to show where
// the time goes. It prints PASS/FAIL for the target but never exits non-zero (a report, not a gate).
//
// Then the real thing: the département report built from the model (findings already run, as the
// analysis worker has them for the API) and drawn, on the demo data and on the national synthetic
// dataset (scale 1), for its largest département and for a région.
//
//   npm run bench:report                 # 7 rounds
//   npm run bench:report -- --rounds 15
import { cpus, loadavg } from 'node:os';
import { readFileSync } from 'node:fs';
import { generateSyntheticDataset, SYNTHETIC_AS_OF } from '../../data/synthetic.ts';
import { ArticulationModel } from '../../model/graph.ts';
import { REPORT_FORMAT, type ReportBlock, type ReportDocument } from '../../model/report.ts';
import { buildDepartementReport, type ReportInput } from '../../model/report-build.ts';
import { buildRegionReport } from '../../model/report-region.ts';
import { evaluateRules } from '../../model/rules/engine.ts';
import { validateDataset } from '../../model/validate.ts';
import { renderReportPdf } from '../../server/report/pdf.ts';
import { loadTerritories } from '../../server/territories.ts';
import { sampleReport } from '../server/report-sample.ts';

const TARGET_MS = 2000;

function option(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? Number(process.argv[at + 1]) : fallback;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function time(report: ReportDocument): Promise<{ ms: number; bytes: number }> {
  const start = performance.now();
  const pdf = await renderReportPdf(report);
  return { ms: performance.now() - start, bytes: pdf.length };
}

const rounds = option('rounds', 7);
const full = sampleReport();
const only = (title: string): ReportDocument => ({ ...full, blocks: full.blocks.filter((b): b is ReportBlock => b.kind === 'section' && b.title === title) });
const floor: ReportDocument = { format: REPORT_FORMAT, title: full.title, cover: full.cover, blocks: [{ kind: 'paragraph', text: 'Rapport minimal : la couverture et un paragraphe.' }] };
const parts: [string, ReportDocument][] = [
  ['plancher (couverture + 1 paragraphe)', floor],
  ['rapport complet', full],
  ['  constats seuls (210)', only('Constats')],
  ['  tableau seul (300 lignes)', only('Communes et couverture')],
  ['  carte seule (79, 252 communes)', only('Carte de la couverture')],
  ['  chiffres clés et graphique', only('Chiffres clés')],
];

const cold = await time(full);
const samples = new Map<string, number[]>(parts.map(([name]) => [name, []]));
const sizes = new Map<string, number>();
// Interleaved, so that every part sees the same machine load.
for (let round = 0; round < rounds; round++) {
  for (const [name, report] of parts) {
    const { ms, bytes } = await time(report);
    samples.get(name)!.push(ms);
    sizes.set(name, bytes);
  }
}

const floorMs = median(samples.get(parts[0][0])!);
const fullMs = median(samples.get('rapport complet')!);
console.log(`Rapport PDF — ${cpus().length} cœurs, charge ${loadavg()[0].toFixed(2)}, Node ${process.version}, ${rounds} tours (médianes)`);
console.log(`${'premier rendu du processus (à froid)'.padEnd(40)} ${cold.ms.toFixed(0).padStart(6)} ms`);
for (const [name] of parts) {
  const ms = median(samples.get(name)!);
  const kb = (sizes.get(name)! / 1024).toFixed(0);
  console.log(`${name.padEnd(40)} ${ms.toFixed(0).padStart(6)} ms  ${kb.padStart(5)} Ko  ×${(ms / floorMs).toFixed(1)} le plancher`);
}
const worst = Math.max(...samples.get('rapport complet')!);
console.log(`\nobjectif rapport complet < ${TARGET_MS} ms : médiane ${fullMs.toFixed(0)} ms, pire ${worst.toFixed(0)} ms, à froid ${cold.ms.toFixed(0)} ms — ${Math.max(worst, cold.ms) < TARGET_MS ? 'PASS' : 'FAIL'}`);
console.log(`mémoire résidente ${(process.memoryUsage().rss / 1024 / 1024).toFixed(0)} Mo`);

// ---- Built from the model: demo data, then the national synthetic dataset.
const territories = loadTerritories();
const modelOf = (document: unknown) => {
  const result = validateDataset(document, territories);
  if (!result.ok) throw new Error(`jeu invalide : ${JSON.stringify(result.problems.slice(0, 3))}`);
  return new ArticulationModel(result.dataset, territories);
};
const meta = { generatedAt: '2026-12-07T09:00:00Z', generatedBy: 'banc d’essai', dataVersion: 'version 1' };
async function built(label: string, input: ReportInput, build: (i: ReportInput) => ReportDocument): Promise<void> {
  const buildMs: number[] = [];
  const renderMs: number[] = [];
  let bytes = 0;
  let pages = 0;
  for (let round = 0; round < Math.max(3, Math.ceil(rounds / 2)); round++) {
    let start = performance.now();
    const report = build(input);
    buildMs.push(performance.now() - start);
    start = performance.now();
    const pdf = await renderReportPdf(report);
    renderMs.push(performance.now() - start);
    bytes = pdf.length;
    pages = Number(/\/Type \/Pages\n\/Count (\d+)/.exec(pdf.toString('latin1'))?.[1] ?? 0);
  }
  const total = median(buildMs) + median(renderMs);
  console.log(`${label.padEnd(52)} construction ${median(buildMs).toFixed(0).padStart(5)} ms, dessin ${median(renderMs).toFixed(0).padStart(5)} ms, ${String(pages).padStart(3)} pages, ${(bytes / 1024).toFixed(0).padStart(5)} Ko — ${total < TARGET_MS ? 'PASS' : 'FAIL'}`);
}

console.log('\nRapports construits depuis le modèle (constats déjà calculés, comme dans le processus d’analyse) :');
const demo = modelOf(JSON.parse(readFileSync(new URL('../../data/demo.json', import.meta.url), 'utf8')));
const demoAsOf = '2026-12-07';
const demoFindings = evaluateRules(demo, { asOf: demoAsOf });
await built('démonstration, Deux-Sèvres (79)', { model: demo, code: '79', asOf: demoAsOf, findings: demoFindings, meta }, buildDepartementReport);
await built('démonstration, Nouvelle-Aquitaine (75)', { model: demo, code: '75', asOf: demoAsOf, findings: demoFindings, meta }, buildRegionReport);
const national = modelOf(generateSyntheticDataset(territories, { scale: 1, seed: 1 }));
const nationalFindings = evaluateRules(national, { asOf: SYNTHETIC_AS_OF });
const byDepartement = new Map<string, number>();
for (const f of nationalFindings) for (const d of f.departements) byDepartement.set(d, (byDepartement.get(d) ?? 0) + 1);
const [busiest, count] = [...byDepartement].sort((a, b) => b[1] - a[1])[0];
const region = territories.regionOfDepartement(busiest)!;
await built(`national ×1, département le plus chargé (${busiest}, ${count} constats)`, { model: national, code: busiest, asOf: SYNTHETIC_AS_OF, findings: nationalFindings, meta }, buildDepartementReport);
await built(`national ×1, sa région (${region})`, { model: national, code: region, asOf: SYNTHETIC_AS_OF, findings: nationalFindings, meta }, buildRegionReport);
console.log(`mémoire résidente ${(process.memoryUsage().rss / 1024 / 1024).toFixed(0)} Mo`);
