// The analysis worker (see analysis-engine.ts): reads the database with its own connection, keeps
// the answers of the last state it read (model, findings per date) for each variant, and sends
// each answer as bytes, handed over without a copy.
import { parentPort, workerData } from 'node:worker_threads';
import { LatestAnswers, type Variant } from './analysis-answers.ts';
import type { FromAnalysisWorker, ToAnalysisWorker } from './analysis-engine.ts';
import { Privacy, PublicSource } from './auth/privacy.ts';
import { openDatabase, type DatabaseLocation } from './db/database.ts';
import { Store, type Snapshot } from './store.ts';
import { loadTerritories } from './territories.ts';
import { serializeError } from './worker-thread.ts';

const { location } = workerData as { location: DatabaseLocation };
const { db } = await openDatabase(location);
const territories = loadTerritories();
const store = new Store(db, territories);
const secret = db.settings.get('pseudonym_secret');
const sources: Record<Variant, { snapshot(): Promise<Snapshot> }> = {
  full: store,
  pseudonymised: new PublicSource(store, new Privacy(secret ?? '', territories)),
};
const answers = new LatestAnswers();
const encoder = new TextEncoder();

const send = (message: FromAnalysisWorker, transfer: ArrayBuffer[] = []) => parentPort!.postMessage(message, transfer);

parentPort!.on('message', async ({ id, request, variant }: ToAnalysisWorker) => {
  try {
    if (variant === 'pseudonymised' && !secret) throw new Error('secret de pseudonymisation absent de la base (migration 2)');
    const answer = await answers.answer(request, variant, await sources[variant].snapshot());
    // Its own buffer (a PDF may be a view of a larger one), handed over without a copy.
    const bytes = typeof answer.body === 'string' ? encoder.encode(answer.body) : new Uint8Array(answer.body);
    send({ id, dataVersion: answer.dataVersion, body: bytes, contentType: answer.contentType, ruleRuns: answer.ruleRuns, ruleDurations: answer.ruleDurations }, [bytes.buffer as ArrayBuffer]);
  } catch (error) {
    send({ id, error: serializeError(error) });
  }
});
send({ started: true });
