// The one way a view loads data: a loading state, the request's AbortSignal passed down to fetch,
// the error in French with a « Réessayer » button, and nothing written once the load is superseded
// or the view destroyed.
import { isAbort } from './api.ts';
import { button, errorAlert, loading, replace } from './dom.ts';

export interface LoadTask<T> {
  /** Shown while loading: « Chargement des constats… ». */
  loading: string;
  /** The title of the error alert: « Les constats n’ont pas pu être chargés ». */
  failure: string;
  fetch(signal: AbortSignal): Promise<T>;
  /** Render the data; called only if this load is still the current one. */
  done(data: T, signal: AbortSignal): void;
  /** Before the error is shown (reset a renderer, forget a key…). */
  failed?(error: unknown): void;
}

export class Loader {
  private controller: AbortController | null = null;
  private destroyed = false;

  /** `show` puts the loading state or the error where the view wants it; null clears it. */
  constructor(private readonly show: (content: HTMLElement | null) => void) {}

  /** A loader that replaces the content of `region`. */
  static into(region: HTMLElement): Loader {
    return new Loader((content) => replace(region, content));
  }

  /** Run a load, cancelling the previous one. */
  async run<T>(task: LoadTask<T>): Promise<void> {
    if (this.destroyed) return;
    this.cancel();
    const controller = new AbortController();
    this.controller = controller;
    this.show(loading(task.loading));
    let data: T;
    try {
      data = await task.fetch(controller.signal);
    } catch (error) {
      if (controller.signal.aborted || isAbort(error)) return;
      task.failed?.(error);
      this.show(errorAlert(error, task.failure, button('Réessayer', () => void this.run(task), { kind: 'secondary', small: true, icon: 'fr-icon-refresh-line' })));
      return;
    }
    if (controller.signal.aborted) return;
    task.done(data, controller.signal);
  }

  /** The signal of the current load (for requests it starts later, such as a detail). */
  get signal(): AbortSignal | undefined {
    return this.controller?.signal;
  }

  /** Cancel the load in progress (a newer one is coming). */
  cancel(): void {
    this.controller?.abort();
    this.controller = null;
  }

  /** The view goes away: cancel, and ignore any later run. */
  destroy(): void {
    this.destroyed = true;
    this.cancel();
  }
}
