// One view at a time in <main>, chosen by the URL. Each route change is handled once (Back fires
// both popstate and hashchange: the second finds nothing new). A new view is loaded, built, then
// the focus moves to its heading and screen readers hear its name.
import type { AppContext, View } from './context.ts';
import { button, errorAlert, h, loading, replace } from './dom.ts';
import type { AppState } from './lib/state.ts';
import { scopeLabel } from './lib/territories.ts';
import { viewEntry, type ViewId } from './views/registry.ts';

interface Mounted {
  id: ViewId;
  view: View;
}

export class Router {
  private current: Mounted | undefined;
  private routedHash: string | null = null;

  constructor(
    private readonly main: HTMLElement,
    private readonly ctx: AppContext,
    /** Read the URL into the state; false when the route was redirected (to the login page). */
    private readonly read: () => { next: AppState; previous: AppState } | null,
  ) {
    window.addEventListener('popstate', () => this.route());
    window.addEventListener('hashchange', () => this.route());
  }

  /** Show the view of the current URL (again if `force`, after signing in or out). */
  route(force = false): void {
    if (!force && location.hash === this.routedHash) return;
    this.routedHash = location.hash;
    const read = this.read();
    if (!read) return;
    const { next, previous } = read;
    // Entering or leaving a scenario rebuilds the view: every answer it holds changes.
    if (this.current?.id === next.view && !force && next.scenario === previous.scenario) {
      this.current.view.update(next, previous);
      return;
    }
    const arriving = this.current !== undefined;
    this.current?.view.destroy();
    const root = h('div', { class: 'app-view' });
    this.main.replaceChildren(root);
    this.main.dataset.view = next.view;
    this.current = { id: next.view, view: this.mount(root, next.view, arriving) };
  }

  /** A view whose code loads on demand: a loading state, then the view (or an error), its heading focused. */
  private mount(root: HTMLElement, id: ViewId, arriving: boolean): View {
    const entry = viewEntry(id);
    let real: View | null = null;
    let destroyed = false;
    let pending: { next: AppState; previous: AppState } | null = null;
    replace(root, loading(`Chargement de la vue ${entry.label}…`));
    entry
      .load()
      .then((factory) => {
        if (destroyed) return;
        root.replaceChildren();
        real = factory(root, this.ctx);
        if (pending) real.update(pending.next, pending.previous);
        if (arriving) this.arrive(root, id);
      })
      .catch((error: unknown) => {
        if (destroyed) return;
        replace(root, errorAlert(error, `La vue ${entry.label} n’a pas pu être chargée`, button('Recharger la page', () => location.reload(), { kind: 'secondary', small: true })));
      });
    return {
      update(next, previous) {
        if (real) real.update(next, previous);
        else pending = { next, previous: pending?.previous ?? previous };
      },
      destroy() {
        destroyed = true;
        real?.destroy();
      },
    };
  }

  /** For keyboard and screen-reader users: the focus on the new view's heading, and its name read out. */
  private arrive(root: HTMLElement, id: ViewId): void {
    const heading = root.querySelector<HTMLElement>('h1');
    if (heading) {
      heading.tabIndex = -1;
      heading.focus({ preventScroll: true });
    }
    const entry = viewEntry(id);
    this.ctx.announce(entry.scoped ? `${entry.label} : ${scopeLabel(this.ctx.state().scope)}` : entry.label);
  }
}
