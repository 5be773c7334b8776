// The application: the state in the URL, the context every view receives, the shell around the
// views and the router. Views are listed in views/registry.ts.
import './dsfr.ts';
import './app.css';
import './auth.css';
import './print.css';
import { today } from '../../model/dates.ts';
import { api, json } from './api.ts';
import type { AppContext } from './context.ts';
import { button, errorAlert, h, loading, replace } from './dom.ts';
import { RequestCache } from './lib/cache.ts';
import { browserPalette } from './lib/colors.ts';
import { applyPatch, followsScenario, formatLocation, parseLocation, type AppState } from './lib/state.ts';
import { Router } from './router.ts';
import { session } from './session.ts';
import { buildShell } from './shell.ts';
import { DEFAULT_VIEW, viewEntry } from './views/registry.ts';

function start(): void {
  const todayIso = today();
  let state: AppState = parseLocation(location.hash, todayIso);
  // The first view's code loads while the session is asked for.
  void viewEntry(state.view).load().catch(() => undefined);
  const cache = new RequestCache();

  const ctx: AppContext = {
    state: () => state,
    navigate(patch, options = {}) {
      const hash = formatLocation(applyPatch(state, patch, todayIso));
      if (hash === location.hash) return;
      if (options.replace) history.replaceState(null, '', hash);
      else history.pushState(null, '', hash);
      router.route();
    },
    href: (patch) => formatLocation(applyPatch(state, patch, todayIso)),
    palette: browserPalette(),
    announce(message) {
      shell.liveRegion.textContent = '';
      setTimeout(() => (shell.liveRegion.textContent = message), 30);
    },
    // A scenario's answers are not the current data's: the same request, another key.
    cached: (key, load, signal) => cache.get(state.scenario === undefined ? key : `scenario:${state.scenario}|${key}`, load, signal),
    invalidate() {
      cache.clear();
      void shell.scenarios.refresh();
      // A write may change what the account may edit (an ARS officer's new mechanism).
      void session.refresh();
    },
  };

  const shell = buildShell(document.getElementById('app')!, {
    navigate: (patch, options) => ctx.navigate(patch, options),
    href: (patch) => ctx.href(patch),
    today: todayIso,
    async logout() {
      const providerLogout = await session.logout();
      cache.clear();
      if (providerLogout) location.href = providerLogout;
      else location.hash = '#/connexion?deconnecte=1';
    },
  });

  /** The URL as state; views that do not read the territory keep the last one, for the way back. */
  const read = () => {
    let next = parseLocation(location.hash, todayIso);
    const entry = viewEntry(next.view);
    if (!entry.scoped) next = { ...next, scope: state.scope, asOf: state.asOf, asOfExplicit: state.asOfExplicit, scenario: state.scenario };
    else if (!followsScenario(next.view)) next = { ...next, scenario: state.scenario };
    const me = session.me();
    // Without an account (and without public read), only the login page.
    if (!me.authenticated && !me.publicRead && !entry.public) {
      location.replace(`#/connexion?retour=${encodeURIComponent(location.hash || `#/${DEFAULT_VIEW}`)}`);
      return null;
    }
    const previous = state;
    state = next;
    shell.sync(state);
    return { next, previous };
  };
  const router = new Router(shell.main, ctx, read);

  session.onChange((me) => shell.showAccount(me));
  // A request found the session over: to the login page, then back here.
  session.onExpired(() => {
    cache.clear();
    if (state.view !== 'connexion') location.hash = `#/connexion?expiree=1&retour=${encodeURIComponent(location.hash)}`;
  });

  replace(shell.main, loading('Connexion au serveur…'));
  session
    .load()
    .then(() => {
      router.route(true);
      if (viewEntry(state.view).scoped) void defaultScope(ctx);
    })
    .catch((error: unknown) =>
      replace(shell.main, h('div', { class: 'fr-container fr-py-4w' }, errorAlert(error, 'Le serveur ne répond pas', button('Recharger la page', () => location.reload(), { kind: 'secondary', small: true })))),
    );
}

/**
 * Opened without a territory in the URL: when the dataset declares a single département or
 * région as its scope (articulation/1 `scope`), start there rather than on all of France.
 */
async function defaultScope(ctx: AppContext): Promise<void> {
  const chosen = () => /[?&](departement|region)=/.test(location.hash);
  if (chosen()) return;
  try {
    const scope = (await json(api.dataset.$get())).meta.scope as { departements?: string[]; regions?: string[] } | undefined;
    if (chosen()) return;
    if (scope?.departements?.length === 1 && !scope.regions?.length) ctx.navigate({ scope: { level: 'departement', code: scope.departements[0] } }, { replace: true });
    else if (scope?.regions?.length === 1 && !scope.departements?.length) ctx.navigate({ scope: { level: 'region', code: scope.regions[0] } }, { replace: true });
  } catch {
    // The views report an unreachable API themselves.
  }
}

start();
