// Worker thread that runs the rules, so that the HTTP event loop stays responsive while the
// findings of a new data version are computed (about a second on the national dataset).
// It keeps its own territory index and the model of the last data version it was sent.
import { parentPort } from 'node:worker_threads';
import { ArticulationModel } from '../model/graph.ts';
import { evaluateRules } from '../model/rules/engine.ts';
import type { FindingRecord } from '../model/rules/types.ts';
import type { LoadedDataset } from './store.ts';
import { loadTerritories } from './territories.ts';

export type WorkerRequest = { id: number; version: number; asOf: string; dataset?: LoadedDataset };
export type WorkerResponse = { id: number; findings: FindingRecord[] } | { id: number; error: string };

const territories = loadTerritories();
let current: { version: number; model: ArticulationModel } | undefined;

parentPort?.on('message', (request: WorkerRequest) => {
  let response: WorkerResponse;
  try {
    if (request.dataset) current = { version: request.version, model: new ArticulationModel(request.dataset, territories) };
    if (!current || current.version !== request.version) throw new Error(`version ${request.version} inconnue du processus des règles`);
    response = { id: request.id, findings: evaluateRules(current.model, { asOf: request.asOf }) };
  } catch (error) {
    response = { id: request.id, error: (error as Error)?.stack ?? String(error) };
  }
  parentPort!.postMessage(response);
});
parentPort?.postMessage({ ready: true });
