// What every view receives: the URL state, navigation, the palette and a small cache of API
// answers invalidated by every write (so that the views agree after an edit).
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
  /** Memoised API call; cleared by `invalidate()`. */
  cached<T>(key: string, load: () => Promise<T>): Promise<T>;
  /** Forget cached API answers (after any write). */
  invalidate(): void;
}

export interface View {
  /** The URL state changed while this view stays on screen. */
  update(state: AppState, previous: AppState): void;
  /** Tear down: kill renderers, workers, listeners, pending requests. */
  destroy(): void;
}

export type ViewFactory = (root: HTMLElement, ctx: AppContext) => View;
