// The analysis worker (see analysis-engine.ts): reads the database with its own connection, keeps
// the answers of the last state it read (model, findings per date) for each variant, and sends
// each answer as bytes, handed over without a copy.
import { parentPort, workerData } from 'node:worker_threads';
import { LatestAnswers, type Variant } from './analysis-answers.ts';
import type { FromAnalysisWorker, ToAnalysisWorker } from './analysis-engine.ts';
import { Privacy, PublicSource } from './auth/privacy.ts';
import { openDatabase } from './db/database.ts';
import { Store, type Snapshot } from './store.ts';
import { loadTerritories } from './territories.ts';
import { serializeError } from './worker-thread.ts';

const { databasePath } = workerData as { databasePath: string };
const { db } = openDatabase(databasePath);
const territories = loadTerritories();
const store = new Store(db, territories);
const secret = (db.prepare("SELECT value FROM settings WHERE key = 'pseudonym_secret'").get() as { value: string } | undefined)?.value;
const sources: Record<Variant, { snapshot(): Snapshot }> = {
  full: store,
  pseudonymised: new PublicSource(store, new Privacy(secret ?? '', territories)),
};
const answers = new LatestAnswers();
const encoder = new TextEncoder();

const send = (message: FromAnalysisWorker, transfer: ArrayBuffer[] = []) => parentPort!.postMessage(message, transfer);

parentPort!.on('message', async ({ id, request, variant }: ToAnalysisWorker) => {
  try {
    if (variant === 'pseudonymised' && !secret) throw new Error('secret de pseudonymisation absent de la base (migration 2)');
    const answer = await answers.answer(request, variant, sources[variant].snapshot());
    const bytes = typeof answer.body === 'string' ? encoder.encode(answer.body) : answer.body;
    send({ id, dataVersion: answer.dataVersion, body: bytes, contentType: answer.contentType, ruleRuns: answer.ruleRuns }, [bytes.buffer as ArrayBuffer]);
  } catch (error) {
    send({ id, error: serializeError(error) });
  }
});
send({ started: true });
