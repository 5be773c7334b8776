// What every view receives, and the one lifecycle every view follows.
import type { Palette } from './lib/colors.ts';
import type { AppState, StatePatch } from './lib/state.ts';

export interface AppContext {
  state(): AppState;
  /** Change the URL state; `replace` does not add a history entry (filters, typing). */
  navigate(patch: StatePatch, options?: { replace?: boolean }): void;
  /** The link for a state change (for <a href>). */
  href(patch: StatePatch): string;
  palette: Palette;
  /** Announce a message to screen readers. */
  announce(message: string): void;
  /**
   * An API answer shared by the views until the next write (lib/cache.ts). `load` gets the
   * request's AbortSignal; `signal` is this view's: the view stops waiting when it aborts.
   */
  cached<T>(key: string, load: (signal: AbortSignal) => Promise<T>, signal?: AbortSignal): Promise<T>;
  /** Forget the shared answers (after any write), so that the views agree after an edit. */
  invalidate(): void;
}

/**
 * A view: its factory builds it into `root` (its heading is an h1, which the router focuses when
 * the user arrives), `update` follows the URL while it stays on screen, `destroy` cancels what it
 * loads and releases renderers, workers and listeners. Views load their data with a Loader
 * (load.ts), which passes the AbortSignal to every request and writes nothing once destroyed.
 */
export interface View {
  update(state: AppState, previous: AppState): void;
  destroy(): void;
}

export type ViewFactory = (root: HTMLElement, ctx: AppContext) => View;
