// Where imports run: inline (tests, tools) or in a write worker (the server), behind one interface.
//
// An import of a national file takes seconds to decode, parse, validate, diff and check against
// the writer's scope, and its write holds the database's write lock for a while. In the worker
// (its own better-sqlite3 connection: the database is in WAL mode, readers go on meanwhile) none
// of it runs on the HTTP event loop. Two rules keep the main thread from ever waiting on SQLite:
//
// - the worker asks before it writes ("ready"), and writes once the main thread has answered
//   ("go"): from then until it is done, the main thread's own writes wait (`idle()`), asynchronously,
//   instead of blocking in SQLite's busy handler; best-effort writes (a session's last use) are skipped;
// - the checks run before the write, outside the lock; the store checks again inside it when
//   another write came in meanwhile (Store.commitImport), so checks and write see the same state.
import type { Policy } from './auth/policy.ts';
import { runImportRequest, type ImportAnswer, type ImportRequest } from './imports.ts';
import type { Store } from './store.ts';
import { deserializeError, WorkerHandle, type SerializedError } from './worker-thread.ts';

export type { ImportRequest };

export interface Writer {
  /** Decode, parse, check and apply an import: JSON or a workbook (a dry run checks only). */
  importDocument(request: ImportRequest): Promise<ImportAnswer>;
  /** Resolves when no write runs off the main thread: call it right before a main-thread write. */
  idle(): Promise<void>;
  /** A write runs off the main thread now. */
  readonly busy: boolean;
  close(): Promise<void>;
}

/** Imports on the calling thread. */
export class InlineWriter implements Writer {
  readonly busy = false;

  constructor(
    private readonly store: Store,
    private readonly policy: Policy,
  ) {}

  async importDocument(request: ImportRequest): Promise<ImportAnswer> {
    const { account } = request;
    return runImportRequest(this.store, request, { account: account.id, authorize: this.policy.authorizer(account) }, async () => undefined);
  }

  async idle(): Promise<void> {}

  async close(): Promise<void> {}
}

export type ToWriteWorker = { type: 'import'; id: number; request: ImportRequest } | { type: 'go'; id: number };
export type FromWriteWorker =
  | { type: 'ready'; id: number }
  | { type: 'done'; id: number; outcome: ImportAnswer }
  | { type: 'failed'; id: number; error: SerializedError }
  | { type: 'started' };

/**
 * Imports in a worker thread over the same database file. If the worker cannot start or dies,
 * imports run inline from then on (`onFailure` is told why); an import it was running is answered
 * with an error (its transaction was rolled back, or committed: retrying could apply it twice).
 */
export class WorkerWriter implements Writer {
  private readonly thread: WorkerHandle<ToWriteWorker, FromWriteWorker>;
  private nextId = 1;
  private readonly jobs = new Map<number, { resolve: (outcome: ImportAnswer) => void; reject: (error: Error) => void }>();
  /** Imports the worker is writing now. */
  private readonly writing = new Set<number>();
  private waiters: (() => void)[] = [];

  constructor(
    databasePath: string,
    private readonly inline: InlineWriter,
    private readonly onFailure: (reason: string) => void = () => undefined,
  ) {
    this.thread = new WorkerHandle(new URL('./write-worker.ts', import.meta.url), { databasePath }, (message) => this.receive(message), (reason) => this.fail(reason));
  }

  get usingWorker(): boolean {
    return this.thread.running;
  }

  get busy(): boolean {
    return this.writing.size > 0;
  }

  importDocument(request: ImportRequest): Promise<ImportAnswer> {
    if (!this.thread.running) return this.inline.importDocument(request);
    const id = this.nextId++;
    return new Promise<ImportAnswer>((resolve, reject) => {
      this.jobs.set(id, { resolve, reject });
      // The body's buffer is handed over, not copied (readBodyBytes gives it its own buffer).
      this.thread.post({ type: 'import', id, request }, [request.body.buffer as ArrayBuffer]);
    });
  }

  idle(): Promise<void> {
    if (!this.busy) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  private receive(message: FromWriteWorker): void {
    if (message.type === 'started') return;
    if (message.type === 'ready') {
      // Answered between two tasks of the event loop: no main-thread write is under way.
      this.writing.add(message.id);
      this.thread.post({ type: 'go', id: message.id });
      return;
    }
    const job = this.jobs.get(message.id);
    this.jobs.delete(message.id);
    this.finished(message.id);
    if (!job) return;
    if (message.type === 'done') job.resolve(message.outcome);
    else job.reject(deserializeError(message.error));
  }

  private finished(id: number): void {
    if (!this.writing.delete(id) || this.busy) return;
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }

  /** The worker is gone: what it was importing failed (rolled back, or committed: retrying could apply it twice). */
  private fail(reason: string): void {
    this.onFailure(reason);
    this.abandon(`processus d'écriture arrêté pendant un import : ${reason}`);
  }

  private abandon(message: string): void {
    const jobs = [...this.jobs.values()];
    this.jobs.clear();
    for (const id of [...this.writing]) this.finished(id);
    for (const job of jobs) job.reject(new Error(message));
  }

  async close(): Promise<void> {
    await this.thread.close();
    this.abandon("processus d'écriture arrêté");
  }
}
