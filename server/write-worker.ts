// The write worker (see writer.ts): imports with its own connection to the database file, its own
// territory index and its own scope policy, so that the HTTP event loop does none of the work.
import { parentPort, workerData } from 'node:worker_threads';
import { Policy } from './auth/policy.ts';
import { openDatabase } from './db/database.ts';
import { runImportRequest } from './imports.ts';
import { Store } from './store.ts';
import { loadTerritories } from './territories.ts';
import { serializeError } from './worker-thread.ts';
import type { FromWriteWorker, ImportRequest, ToWriteWorker } from './writer.ts';

const { databasePath } = workerData as { databasePath: string };
const { db } = openDatabase(databasePath);
const territories = loadTerritories();
const store = new Store(db, territories);
const policy = new Policy(territories, store);
/** Imports waiting for the main thread's "go". */
const gates = new Map<number, () => void>();

const send = (message: FromWriteWorker) => parentPort!.postMessage(message);

/** Resolves when the main thread lets this import write (its own writes wait meanwhile). */
function permission(id: number): Promise<void> {
  return new Promise((resolve) => {
    gates.set(id, resolve);
    send({ type: 'ready', id });
  });
}

async function runImport(id: number, request: ImportRequest): Promise<void> {
  try {
    const ctx = { account: request.account.id, authorize: policy.authorizer(request.account) };
    send({ type: 'done', id, outcome: await runImportRequest(store, request, ctx, () => permission(id)) });
  } catch (error) {
    send({ type: 'failed', id, error: serializeError(error) });
  }
}

parentPort!.on('message', (message: ToWriteWorker) => {
  if (message.type === 'go') {
    gates.get(message.id)?.();
    gates.delete(message.id);
  } else {
    void runImport(message.id, message.request);
  }
});
send({ type: 'started' });
