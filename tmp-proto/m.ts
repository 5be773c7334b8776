import { generateSyntheticDataset, SYNTHETIC_AS_OF } from '../data/synthetic.ts';
import { loadTerritories } from '../server/territories.ts';
import { validateDataset } from '../model/validate.ts';
import { ArticulationModel } from '../model/graph.ts';
import { runRules } from '../model/rules/engine.ts';
import { buildGraphView } from '../model/views.ts';
import { computeIndicators } from '../model/indicators.ts';
const t0 = performance.now(); const t = loadTerritories(); console.log('territories', performance.now() - t0);
for (const scale of [1, 10]) {
  let s = performance.now();
  const doc = generateSyntheticDataset(t, { scale, seed: 1 });
  console.log('scale', scale, 'gen', (performance.now() - s).toFixed(0), doc.mechanisms!.length, doc.people!.length, doc.links!.length, 'bytes', JSON.stringify(doc).length);
  s = performance.now(); const r = validateDataset(doc, t); console.log('validate', (performance.now() - s).toFixed(0), r.ok, r.ok ? '' : r.problems.slice(0,3));
  if (!r.ok) continue;
  s = performance.now(); const m = new ArticulationModel(r.dataset, t); console.log('model', (performance.now() - s).toFixed(0));
  s = performance.now(); const f = runRules(m, { asOf: SYNTHETIC_AS_OF }); console.log('rules', (performance.now() - s).toFixed(0), f.length, 'bytes', JSON.stringify(f).length);
  s = performance.now(); const f2 = runRules(m, { asOf: SYNTHETIC_AS_OF }); console.log('rules again', (performance.now() - s).toFixed(0));
  s = performance.now(); const g = buildGraphView(m, f, { asOf: SYNTHETIC_AS_OF, regions: ['75'] }); console.log('graph 75', (performance.now() - s).toFixed(0), g.nodes.length, g.edges.length, JSON.stringify(g).length);
  s = performance.now(); const i = computeIndicators(m, { asOf: SYNTHETIC_AS_OF, level: 'region' }); console.log('indicators', (performance.now() - s).toFixed(0), JSON.stringify(i).length);
  const d79 = f.filter(x => x.departements.includes('79')); console.log('findings 79', d79.length, JSON.stringify(d79).length);
}
