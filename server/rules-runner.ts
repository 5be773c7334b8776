// Where the rules run: inline (tests, tools) or in a worker thread (the server), behind one
// interface. The worker is sent the dataset once per data version; requests are answered in order.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { evaluateRules } from '../model/rules/engine.ts';
import type { FindingRecord } from '../model/rules/types.ts';
import type { WorkerRequest, WorkerResponse } from './rules-worker.ts';
import type { Snapshot } from './store.ts';

export interface RuleRunner {
  run(snap: Snapshot, asOf: string): Promise<FindingRecord[]>;
  close(): Promise<void>;
}

/**
 * The worker's entry: a TypeScript module cannot be a worker's entry point under tsx, so a small
 * script registers tsx's loader in the worker and then imports it.
 */
function bootstrap(moduleUrl: string): string {
  // tsx's ESM entry, found from its package.json (require.resolve would give the CommonJS one).
  const packageJson = createRequire(import.meta.url).resolve('tsx/package.json');
  const tsx = pathToFileURL(join(dirname(packageJson), 'dist', 'esm', 'api', 'index.mjs')).href;
  return `import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(moduleUrl)}); });`;
}

/** Runs the rules on the calling thread. */
export class InlineRuleRunner implements RuleRunner {
  async run(snap: Snapshot, asOf: string): Promise<FindingRecord[]> {
    return evaluateRules(snap.model, { asOf });
  }
  async close(): Promise<void> {}
}

/**
 * Runs the rules in a worker thread. If the worker fails (it cannot start, or dies), the rules
 * run inline from then on, and `onFailure` is told why.
 */
export class WorkerRuleRunner implements RuleRunner {
  private worker: Worker | undefined;
  private workerVersion = -1;
  private nextId = 1;
  private readonly pending = new Map<number, { snap: Snapshot; asOf: string; resolve: (f: FindingRecord[]) => void; reject: (e: Error) => void }>();
  private readonly inline = new InlineRuleRunner();
  private closing = false;

  constructor(private readonly onFailure: (reason: string) => void = () => undefined) {
    try {
      this.worker = new Worker(bootstrap(new URL('./rules-worker.ts', import.meta.url).href), { eval: true });
    } catch (error) {
      this.fail(`démarrage impossible : ${(error as Error).message}`);
      return;
    }
    this.worker.unref();
    this.worker.on('message', (message: WorkerResponse | { ready: true }) => {
      if ('ready' in message) return;
      const waiting = this.pending.get(message.id);
      if (!waiting) return;
      this.pending.delete(message.id);
      if ('error' in message) waiting.reject(new Error(message.error));
      else waiting.resolve(message.findings);
    });
    this.worker.on('error', (error) => this.fail(error.message));
    this.worker.on('exit', (code) => {
      if (!this.closing) this.fail(`arrêt inattendu (code ${code})`);
    });
  }

  get usingWorker(): boolean {
    return this.worker !== undefined;
  }

  run(snap: Snapshot, asOf: string): Promise<FindingRecord[]> {
    const worker = this.worker;
    if (!worker) return this.inline.run(snap, asOf);
    const request: WorkerRequest = { id: this.nextId++, version: snap.dataVersion, asOf };
    if (this.workerVersion !== snap.dataVersion) {
      request.dataset = snap.dataset;
      this.workerVersion = snap.dataVersion;
    }
    return new Promise<FindingRecord[]>((resolve, reject) => {
      this.pending.set(request.id, { snap, asOf, resolve, reject });
      try {
        worker.postMessage(request);
      } catch (error) {
        this.pending.delete(request.id);
        reject(error as Error);
      }
    });
  }

  private fail(reason: string): void {
    const worker = this.worker;
    this.worker = undefined;
    this.workerVersion = -1;
    if (worker) {
      this.closing = true;
      void worker.terminate();
    }
    // What was waiting for the worker is computed here instead.
    const waiting = [...this.pending.values()];
    this.pending.clear();
    this.onFailure(reason);
    for (const w of waiting) this.inline.run(w.snap, w.asOf).then(w.resolve, w.reject);
  }

  async close(): Promise<void> {
    this.closing = true;
    const worker = this.worker;
    this.worker = undefined;
    if (worker) await worker.terminate();
    for (const waiting of this.pending.values()) waiting.reject(new Error('processus des règles arrêté'));
    this.pending.clear();
  }
}
