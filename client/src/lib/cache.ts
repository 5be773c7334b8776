// Answers of the API shared between views, until the next write. Several views may wait for the
// same answer: each passes its own AbortSignal, and the request itself is cancelled only when
// every view waiting for it has given up (one view leaving does not cancel another's data).
// Pure: no DOM, no fetch of its own.

interface Entry {
  promise: Promise<unknown>;
  controller: AbortController;
  settled: boolean;
  waiting: number;
}

const abortError = () => new DOMException('annulé', 'AbortError');

export class RequestCache {
  private entries = new Map<string, Entry>();

  /** The answer under `key`, loading it once; rejects with an AbortError as soon as `signal` aborts. */
  get<T>(key: string, load: (signal: AbortSignal) => Promise<T>, signal?: AbortSignal): Promise<T> {
    if (signal?.aborted) return Promise.reject(abortError());
    let entry = this.entries.get(key);
    if (!entry) {
      const controller = new AbortController();
      const created: Entry = { promise: load(controller.signal), controller, settled: false, waiting: 0 };
      created.promise.then(
        () => (created.settled = true),
        () => {
          created.settled = true;
          // A failure is not kept: the next view to ask tries again.
          if (this.entries.get(key) === created) this.entries.delete(key);
        },
      );
      this.entries.set(key, created);
      entry = created;
    }
    if (signal) return this.waitFor(key, entry, signal) as Promise<T>;
    // Someone who cannot give up keeps the request alive.
    const kept = entry;
    kept.waiting++;
    const done = () => void kept.waiting--;
    kept.promise.then(done, done);
    return kept.promise as Promise<T>;
  }

  /** Forget every answer (after a write); requests in flight finish for those who wait. */
  clear(): void {
    this.entries = new Map();
  }

  private waitFor(key: string, entry: Entry, signal: AbortSignal): Promise<unknown> {
    entry.waiting++;
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        reject(abortError());
        entry.waiting--;
        if (entry.waiting === 0 && !entry.settled) {
          entry.controller.abort();
          if (this.entries.get(key) === entry) this.entries.delete(key);
        }
      };
      signal.addEventListener('abort', onAbort, { once: true });
      entry.promise.then(
        (value) => {
          signal.removeEventListener('abort', onAbort);
          entry.waiting--;
          resolve(value);
        },
        (error: unknown) => {
          signal.removeEventListener('abort', onAbort);
          entry.waiting--;
          reject(error);
        },
      );
    });
  }
}
