// The demo dataset, loaded once for the model tests, and the date its expectations hold at.
import { readFileSync } from 'node:fs';
import { ArticulationModel } from '../../model/graph.ts';
import { validateDataset } from '../../model/validate.ts';
import { loadTerritories } from '../../server/territories.ts';

/** The demo's expectations are written for this reference date: "today" for the demo's story. */
export const DEMO_AS_OF = '2026-12-07';

/** Replay dates at which the demo tells its earlier story (DOMAIN.md §4: dated statuses). */
export const DEMO_REPLAY_DATES = ['2018-06-30', '2020-06-30', '2023-06-30'] as const;

export function loadDemoModel(): ArticulationModel {
  const territories = loadTerritories();
  const result = validateDataset(JSON.parse(readFileSync(new URL('../../data/demo.json', import.meta.url), 'utf8')), territories);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return new ArticulationModel(result.dataset, territories);
}
