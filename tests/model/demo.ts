// The demo dataset, loaded once for the model tests, and the date its expectations hold at.
import { readFileSync } from 'node:fs';
import { ArticulationModel } from '../../model/graph.ts';
import { validateDataset } from '../../model/validate.ts';
import { loadTerritories } from '../../server/territories.ts';

/** The demo's expectations are written for this reference date. */
export const DEMO_AS_OF = '2026-09-01';

export function loadDemoModel(): ArticulationModel {
  const territories = loadTerritories();
  const result = validateDataset(JSON.parse(readFileSync(new URL('../../data/demo.json', import.meta.url), 'utf8')), territories);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return new ArticulationModel(result.dataset, territories);
}
