// Worker threads running a TypeScript module of this repository. A TypeScript module cannot be a
// worker's entry point under tsx, so a small script registers tsx's loader in the worker first.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { DatabaseLocation } from './db/database.ts';
import { ApiError } from './errors.ts';

/** A worker running `moduleUrl` (a .ts file), with `workerData`. */
export function startWorker(moduleUrl: URL, workerData?: unknown): Worker {
  // tsx's ESM entry, found from its package.json (require.resolve would give the CommonJS one).
  const packageJson = createRequire(import.meta.url).resolve('tsx/package.json');
  const tsx = pathToFileURL(join(dirname(packageJson), 'dist', 'esm', 'api', 'index.mjs')).href;
  const entry = `import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(moduleUrl.href)}); });`;
  return new Worker(entry, { eval: true, workerData });
}

/**
 * A worker thread that reports its failure once (it could not start, threw, or exited unasked):
 * `onDown` is told why, and `running` is false from then on (its owner computes inline instead).
 */
export class WorkerHandle<In, Out> {
  private worker: Worker | undefined;
  private closing = false;

  constructor(moduleUrl: URL, workerData: unknown, onMessage: (message: Out) => void, private readonly onDown: (reason: string) => void) {
    try {
      this.worker = startWorker(moduleUrl, workerData);
    } catch (error) {
      // Told once the owner is built (it is being constructed now).
      queueMicrotask(() => onDown(`démarrage impossible : ${(error as Error).message}`));
      return;
    }
    this.worker.unref();
    this.worker.on('message', onMessage);
    this.worker.on('error', (error) => this.down(error.message));
    this.worker.on('exit', (code) => this.down(`arrêt inattendu (code ${code})`));
  }

  get running(): boolean {
    return this.worker !== undefined;
  }

  post(message: In, transfer: ArrayBuffer[] = []): void {
    this.worker!.postMessage(message, transfer);
  }

  private down(reason: string): void {
    const worker = this.worker;
    if (this.closing || !worker) return;
    this.closing = true;
    this.worker = undefined;
    void worker.terminate();
    this.onDown(reason);
  }

  async close(): Promise<void> {
    this.closing = true;
    const worker = this.worker;
    this.worker = undefined;
    if (worker) await worker.terminate();
  }
}

/** An error crossing a thread: an ApiError keeps its status, issues and extra members. */
export type SerializedError =
  | { api: true; status: number; message: string; issues: { path: string; message: string }[]; extra: Record<string, unknown> }
  | { api: false; message: string; stack?: string };

export function serializeError(error: unknown): SerializedError {
  if (error instanceof ApiError) return { api: true, status: error.status, message: error.message, issues: error.issues, extra: error.extra };
  return { api: false, message: (error as Error)?.message ?? String(error), stack: (error as Error)?.stack };
}

export function deserializeError(error: SerializedError): Error {
  if (error.api) return new ApiError(error.status as ApiError['status'], error.message, error.issues, error.extra);
  const out = new Error(error.message);
  if (error.stack) out.stack = error.stack;
  return out;
}

/** A worker's own connection to the database: the same file, or a small pool of its own on PostgreSQL. */
export function workerLocation(location: DatabaseLocation): DatabaseLocation {
  return location.engine === 'postgres' ? { ...location, poolSize: 2 } : location;
}
