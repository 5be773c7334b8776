// Where the derived views are computed: inline (tests, tools) or in the analysis worker (the
// server), behind one interface. After a write, the model is rebuilt and the rules run again for
// the new data version (hundreds of milliseconds on the national dataset): in the worker, no
// request waits for that on the HTTP event loop. The worker reads the database itself (its own
// connection), so that nothing but the request and the answer's bytes cross between threads.
import { LatestAnswers, type AnalysisRequest, type Variant } from './analysis-answers.ts';
import type { Snapshot } from './store.ts';
import { deserializeError, WorkerHandle, type SerializedError } from './worker-thread.ts';

export type { Variant };

export interface EngineAnswer {
  dataVersion: number;
  body: Uint8Array;
  contentType: string;
  /** Rule runs this answer needed (0 when the findings of its date were known). */
  ruleRuns: number;
}

export interface AnalysisEngine {
  /**
   * The answer to a request, on the current state of a variant. `snapshot` gives that state on
   * this thread: the inline engine computes from it; the worker reads its own.
   */
  answer(request: AnalysisRequest, variant: Variant, snapshot: () => Snapshot): Promise<EngineAnswer>;
  close(): Promise<void>;
}

/** Computes on the calling thread, from the snapshot it is given. */
export class InlineEngine implements AnalysisEngine {
  private readonly answers = new LatestAnswers();

  async answer(request: AnalysisRequest, variant: Variant, snapshot: () => Snapshot): Promise<EngineAnswer> {
    const answer = await this.answers.answer(request, variant, snapshot());
    return { ...answer, body: typeof answer.body === 'string' ? Buffer.from(answer.body) : answer.body };
  }

  async close(): Promise<void> {}
}

export type ToAnalysisWorker = { id: number; request: AnalysisRequest; variant: Variant };
export type FromAnalysisWorker = ({ id: number } & EngineAnswer) | { id: number; error: SerializedError } | { started: true };

/**
 * Computes in a worker thread over the same database file; requests are answered in order. If the
 * worker fails (it cannot start, or dies), answers are computed inline from then on, and
 * `onFailure` is told why.
 */
export class WorkerEngine implements AnalysisEngine {
  private readonly thread: WorkerHandle<ToAnalysisWorker, FromAnalysisWorker>;
  private nextId = 1;
  private readonly pending = new Map<number, { request: AnalysisRequest; variant: Variant; snapshot: () => Snapshot; resolve: (a: EngineAnswer) => void; reject: (e: Error) => void }>();
  private readonly inline = new InlineEngine();

  constructor(
    databasePath: string,
    private readonly onFailure: (reason: string) => void = () => undefined,
  ) {
    this.thread = new WorkerHandle(new URL('./analysis-worker.ts', import.meta.url), { databasePath }, (message) => this.receive(message), (reason) => this.fail(reason));
  }

  get usingWorker(): boolean {
    return this.thread.running;
  }

  answer(request: AnalysisRequest, variant: Variant, snapshot: () => Snapshot): Promise<EngineAnswer> {
    if (!this.thread.running) return this.inline.answer(request, variant, snapshot);
    const id = this.nextId++;
    return new Promise<EngineAnswer>((resolve, reject) => {
      this.pending.set(id, { request, variant, snapshot, resolve, reject });
      this.thread.post({ id, request, variant });
    });
  }

  private receive(message: FromAnalysisWorker): void {
    if ('started' in message) return;
    const waiting = this.pending.get(message.id);
    if (!waiting) return;
    this.pending.delete(message.id);
    if ('error' in message) waiting.reject(deserializeError(message.error));
    else waiting.resolve({ dataVersion: message.dataVersion, body: message.body, contentType: message.contentType, ruleRuns: message.ruleRuns });
  }

  private fail(reason: string): void {
    // What was waiting for the worker is computed here instead.
    const waiting = [...this.pending.values()];
    this.pending.clear();
    this.onFailure(reason);
    for (const w of waiting) this.inline.answer(w.request, w.variant, w.snapshot).then(w.resolve, w.reject);
  }

  async close(): Promise<void> {
    await this.thread.close();
    for (const waiting of this.pending.values()) waiting.reject(new Error('processus des analyses arrêté'));
    this.pending.clear();
  }
}
