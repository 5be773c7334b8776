// The application shell: DSFR header and navigation, the scope and reference date shared by
// every view (in the URL), and the router that mounts one view at a time.
import './dsfr.ts';
import './app.css';
import { today } from '../../model/dates.ts';
import type { AppContext, View, ViewFactory } from './context.ts';
import { request } from './api.ts';
import { errorAlert, h, loading, replace, uid } from './dom.ts';
import { browserPalette } from './lib/colors.ts';
import { applyPatch, formatLocation, parseLocation, VIEW_LABELS, VIEWS, type AppState, type Scope, type StatePatch, type ViewId } from './lib/state.ts';
import { DEPARTEMENTS, REGIONS, scopeLabel } from './lib/territories.ts';
import { can, describeAccount, session, type Me } from './session.ts';
import './auth.css';
import { avisView } from './views/avis.ts';
import { findingsView } from './views/findings.ts';
import { indicatorsView } from './views/indicators.ts';
import { networkView } from './views/network.ts';

// The network (the default view) ships in the main bundle; cytoscape and the editing forms
// are loaded when their view is first opened.
const FACTORIES: Record<ViewId, ViewFactory | (() => Promise<ViewFactory>)> = {
  reseau: networkView,
  departement: () => import('./views/departement.ts').then((m) => m.departementView),
  constats: findingsView,
  avis: avisView,
  indicateurs: indicatorsView,
  donnees: () => import('./views/data.ts').then((m) => m.dataView),
};
const LAZY = new Set<ViewId>(['departement', 'donnees']);

// Screens outside the URL state's views: signing in, the journal, accounts (loaded on demand).
type SpecialId = 'connexion' | 'journal' | 'comptes' | 'compte';
const SPECIAL: Record<SpecialId, { label: string; load: () => Promise<ViewFactory> }> = {
  connexion: { label: 'Connexion', load: () => import('./views/login.ts').then((m) => m.loginView) },
  journal: { label: 'Journal', load: () => import('./views/audit.ts').then((m) => m.auditView) },
  comptes: { label: 'Comptes', load: () => import('./views/accounts.ts').then((m) => m.accountsView) },
  compte: { label: 'Mon compte', load: () => import('./views/accounts.ts').then((m) => m.myAccountView) },
};
function specialOf(hash: string): SpecialId | null {
  const name = hash.replace(/^#\/?/, '').split(/[/?]/)[0];
  return Object.hasOwn(SPECIAL, name) ? (name as SpecialId) : null;
}

const VIEW_ICONS: Record<ViewId, string> = {
  reseau: 'fr-icon-links-line',
  departement: 'fr-icon-map-pin-2-line',
  constats: 'fr-icon-search-line',
  avis: 'fr-icon-file-download-line',
  indicateurs: 'fr-icon-bar-chart-box-line',
  donnees: 'fr-icon-table-line',
};

function start(): void {
  const appRoot = document.getElementById('app')!;
  const todayIso = today();
  let state: AppState = parseLocation(location.hash, todayIso);
  let current: { id: ViewId | SpecialId; view: View } | undefined;
  let cache = new Map<string, Promise<unknown>>();
  const liveRegion = h('div', { class: 'fr-sr-only', 'aria-live': 'polite', role: 'status' });

  const ctx: AppContext = {
    state: () => state,
    navigate(patch, options = {}) {
      const next = applyPatch(state, patch, todayIso);
      const hash = formatLocation(next);
      if (hash === location.hash) return;
      if (options.replace) history.replaceState(null, '', hash);
      else history.pushState(null, '', hash);
      route();
    },
    href: (patch: StatePatch) => formatLocation(applyPatch(state, patch, todayIso)),
    palette: browserPalette(),
    announce(message) {
      liveRegion.textContent = '';
      setTimeout(() => (liveRegion.textContent = message), 30);
    },
    cached<T>(key: string, load: () => Promise<T>): Promise<T> {
      let p = cache.get(key) as Promise<T> | undefined;
      if (!p) {
        p = load();
        cache.set(key, p);
        p.catch(() => cache.delete(key));
      }
      return p;
    },
    invalidate() {
      cache = new Map();
      // A write may change what the account may edit (an ARS officer's new mechanism).
      void session.refresh();
    },
  };

  // ---- header and navigation
  const navLinks = new Map<ViewId, HTMLAnchorElement>();
  // Journal and Comptes: shown to the roles that may open them.
  const specialNav = (id: SpecialId, icon: string) => {
    const a = h('a', { class: 'fr-nav__link', href: `#/${id}`, dataset: { view: id } }, h('span', { class: `${icon} app-nav-icon`, 'aria-hidden': 'true' }), SPECIAL[id].label);
    return { a, li: h('li', { class: 'fr-nav__item', hidden: true }, a) };
  };
  const journalNav = specialNav('journal', 'fr-icon-time-line');
  const accountsNav = specialNav('comptes', 'fr-icon-team-line');
  const navList = h(
    'ul',
    { class: 'fr-nav__list' },
    VIEWS.map((id) => {
      const a = h('a', { class: 'fr-nav__link', href: '#', dataset: { view: id } }, h('span', { class: `${VIEW_ICONS[id]} app-nav-icon`, 'aria-hidden': 'true' }), VIEW_LABELS[id]);
      a.addEventListener('click', (e) => {
        e.preventDefault();
        ctx.navigate({ view: id, resetParams: true });
      });
      navLinks.set(id, a);
      return h('li', { class: 'fr-nav__item' }, a);
    }),
    journalNav.li,
    accountsNav.li,
  );
  // The account menu: who is signed in, with which role and scope; sign out. Or sign in.
  const toolsList = h('ul', { class: 'fr-btns-group' });
  const tools = h('div', { class: 'fr-header__tools' }, h('div', { class: 'fr-header__tools-links' }, toolsList));
  function renderTools(me: Me): void {
    if (me.authenticated && me.account) {
      const logout = h('button', { type: 'button', class: 'fr-btn fr-icon-logout-box-r-line' }, 'Se déconnecter');
      logout.addEventListener('click', async () => {
        logout.disabled = true;
        try {
          const providerLogout = await session.logout();
          cache = new Map();
          if (providerLogout) location.href = providerLogout;
          else location.hash = '#/connexion?deconnecte=1';
        } catch {
          logout.disabled = false;
        }
      });
      replace(
        toolsList,
        h('li', null, h('a', { class: 'fr-btn fr-icon-account-circle-line app-account-menu', href: '#/compte', title: 'Mon compte : rôle, périmètre et jetons d’accès', 'data-testid': 'compte' }, describeAccount(me.account))),
        h('li', null, logout),
      );
    } else {
      replace(toolsList, h('li', null, h('a', { class: 'fr-btn fr-icon-lock-line', href: '#/connexion' }, 'Se connecter')));
    }
    journalNav.li.hidden = !can.audit();
    accountsNav.li.hidden = !can.manageAccounts();
  }
  session.onChange(renderTools);
  // A request found the session over: back to the login page, then back here.
  session.onExpired(() => {
    cache = new Map();
    if (specialOf(location.hash) !== 'connexion') location.hash = `#/connexion?expiree=1&retour=${encodeURIComponent(location.hash)}`;
  });
  const menuId = 'menu-principal';
  const menuButtonId = 'menu-principal-bouton';
  const header = h(
    'header',
    { role: 'banner', class: 'fr-header' },
    h(
      'div',
      { class: 'fr-header__body' },
      h(
        'div',
        { class: 'fr-container' },
        h(
          'div',
          { class: 'fr-header__body-row' },
          h(
            'div',
            { class: 'fr-header__brand fr-enlarge-link' },
            h(
              'div',
              { class: 'fr-header__brand-top' },
              h('div', { class: 'fr-header__logo' }, h('p', { class: 'fr-logo' }, 'République', h('br'), 'Française')),
              h(
                'div',
                { class: 'fr-header__navbar' },
                h('button', { class: 'fr-btn--menu fr-btn', 'data-fr-opened': 'false', 'aria-controls': menuId, 'aria-haspopup': 'menu', id: menuButtonId, title: 'Menu', type: 'button' }, 'Menu'),
              ),
            ),
            h(
              'div',
              { class: 'fr-header__service' },
              h('a', { href: '#/reseau', title: 'Accueil — Articulation CLS · CLSM · PTSM' }, h('p', { class: 'fr-header__service-title' }, 'Articulation CLS · CLSM · PTSM')),
              h('p', { class: 'fr-header__service-tagline' }, 'Planifier l’articulation des dispositifs territoriaux de santé mentale'),
            ),
          ),
          tools,
        ),
      ),
    ),
    h(
      'div',
      { class: 'fr-header__menu fr-modal', id: menuId, 'aria-labelledby': menuButtonId },
      h(
        'div',
        { class: 'fr-container' },
        h('button', { class: 'fr-btn--close fr-btn', 'aria-controls': menuId, title: 'Fermer', type: 'button' }, 'Fermer'),
        h('div', { class: 'fr-header__menu-links' }),
        h('nav', { class: 'fr-nav', id: 'navigation-principale', role: 'navigation', 'aria-label': 'Menu principal' }, navList),
      ),
    ),
  );

  // ---- scope and reference date
  const scopeId = uid('portee');
  const dateId = uid('date');
  const scopeSelect = h(
    'select',
    { class: 'fr-select', id: scopeId, name: 'portee' },
    h('option', { value: 'france' }, 'France entière'),
    h('optgroup', { label: 'Régions' }, REGIONS.map((r) => h('option', { value: `region:${r.code}` }, r.name))),
    h('optgroup', { label: 'Départements' }, DEPARTEMENTS.map((d) => h('option', { value: `departement:${d.code}` }, `${d.code} — ${d.name}`))),
  );
  scopeSelect.addEventListener('change', () => {
    const [level, code] = scopeSelect.value.split(':');
    const scope: Scope = level === 'region' || level === 'departement' ? { level, code } : { level: 'france' };
    ctx.navigate({ scope, params: { noeud: null, ptsm: null } });
  });
  const dateInput = h('input', { class: 'fr-input', type: 'date', id: dateId, name: 'asOf', min: '1990-01-01', max: '2100-12-31', required: true });
  dateInput.addEventListener('change', () => {
    if (dateInput.value) ctx.navigate({ asOf: dateInput.value });
  });
  const todayButton = h('button', { type: 'button', class: 'fr-btn fr-btn--tertiary fr-btn--sm' }, 'Aujourd’hui');
  todayButton.addEventListener('click', () => ctx.navigate({ asOf: null }));
  const shareStatus = h('span', { class: 'fr-sr-only', 'aria-live': 'polite' });
  const shareButton = h('button', { type: 'button', class: 'fr-btn fr-btn--tertiary fr-btn--sm fr-icon-share-line fr-btn--icon-left', title: 'Copier le lien de cette vue (territoire, date et filtres compris)' }, 'Copier le lien');
  shareButton.addEventListener('click', async () => {
    const url = new URL(location.href);
    url.hash = formatLocation({ ...state, asOfExplicit: true });
    try {
      await navigator.clipboard.writeText(url.toString());
      shareStatus.textContent = 'Lien copié dans le presse-papiers';
      shareButton.textContent = 'Lien copié';
    } catch {
      history.replaceState(null, '', url.hash);
      shareStatus.textContent = 'Copie impossible : le lien est dans la barre d’adresse';
      shareButton.textContent = 'Lien dans la barre d’adresse';
    }
    setTimeout(() => (shareButton.textContent = 'Copier le lien'), 2500);
  });
  const scopeBar = h(
    'div',
    { class: 'app-scope' },
    h(
      'form',
      { class: 'fr-container app-scope__form', 'aria-label': 'Territoire et date de référence de toutes les vues', onsubmit: (e: Event) => e.preventDefault() },
      h('div', { class: 'fr-select-group app-scope__field' }, h('label', { class: 'fr-label', for: scopeId }, 'Territoire'), scopeSelect),
      h(
        'div',
        { class: 'fr-input-group app-scope__field' },
        h('label', { class: 'fr-label', for: dateId }, 'Date de référence', h('span', { class: 'fr-sr-only' }, ' : les vues montrent les dispositifs actifs à cette date')),
        dateInput,
      ),
      h('div', { class: 'app-scope__actions' }, todayButton, shareButton, shareStatus),
    ),
  );

  const main = h('main', { id: 'contenu', role: 'main', tabindex: '-1', class: 'app-main' });
  const skiplinks = h(
    'div',
    { class: 'fr-skiplinks' },
    h('nav', { class: 'fr-container', role: 'navigation', 'aria-label': 'Accès rapide' }, h('ul', { class: 'fr-skiplinks__list' }, h('li', null, h('a', { class: 'fr-link', href: '#contenu', onclick: skipTo('contenu') }, 'Contenu')), h('li', null, h('a', { class: 'fr-link', href: '#navigation-principale', onclick: skipTo('navigation-principale') }, 'Menu')))),
  );
  const footer = h(
    'footer',
    { class: 'fr-footer', role: 'contentinfo', id: 'pied' },
    h(
      'div',
      { class: 'fr-container' },
      h(
        'div',
        { class: 'fr-footer__body' },
        h('div', { class: 'fr-footer__brand fr-enlarge-link' }, h('p', { class: 'fr-logo' }, 'République', h('br'), 'Française')),
        h(
          'div',
          { class: 'fr-footer__content' },
          h('p', { class: 'fr-footer__content-desc' }, 'Outil libre d’aide à l’articulation des CLS, CLSM et PTSM (CSP L.1434-10, L.3221-2 ; instruction du 13 mai 2025). Les constats sont des aides à l’analyse, pas des décisions.'),
        ),
      ),
    ),
  );
  replace(appRoot, skiplinks, header, scopeBar, main, footer, liveRegion);
  appRoot.removeAttribute('aria-busy');

  function skipTo(id: string) {
    return (e: Event) => {
      e.preventDefault();
      document.getElementById(id)?.focus();
    };
  }

  function syncShell(special: SpecialId | null = null): void {
    for (const [id, a] of navLinks) {
      a.href = formatLocation({ ...state, view: id, params: {} });
      if (id === state.view && !special) a.setAttribute('aria-current', 'page');
      else a.removeAttribute('aria-current');
    }
    for (const [id, nav] of [
      ['journal', journalNav],
      ['comptes', accountsNav],
    ] as const) {
      if (id === special) nav.a.setAttribute('aria-current', 'page');
      else nav.a.removeAttribute('aria-current');
    }
    // The territory and date bar serves the analysis views only.
    scopeBar.hidden = special !== null;
    if (special) {
      document.title = `${SPECIAL[special].label} · Articulation CLS · CLSM · PTSM`;
      return;
    }
    scopeSelect.value = state.scope.level === 'france' ? 'france' : `${state.scope.level}:${state.scope.code}`;
    if (dateInput.value !== state.asOf) dateInput.value = state.asOf;
    todayButton.disabled = !state.asOfExplicit && state.asOf === todayIso;
    document.title = `${VIEW_LABELS[state.view]} · ${scopeLabel(state.scope)} · Articulation CLS · CLSM · PTSM`;
  }

  function route(): void {
    const previous = state;
    state = parseLocation(location.hash, todayIso);
    const special = specialOf(location.hash);
    const me = session.me();
    // Without an account (and without public read), only the login page.
    if (!me.authenticated && !me.publicRead && special !== 'connexion') {
      location.replace(`#/connexion?retour=${encodeURIComponent(location.hash || '#/reseau')}`);
      return;
    }
    syncShell(special);
    const id: ViewId | SpecialId = special ?? state.view;
    if (current && current.id === id) {
      current.view.update(state, previous);
      return;
    }
    current?.view.destroy();
    main.replaceChildren();
    main.dataset.view = id;
    const root = h('div', { class: 'app-view' });
    main.appendChild(root);
    const changedView = current !== undefined;
    let view: View;
    if (special) {
      view = lazyView(root, SPECIAL[special].label, SPECIAL[special].load);
    } else if (LAZY.has(state.view)) {
      view = lazyView(root, VIEW_LABELS[state.view], FACTORIES[state.view] as () => Promise<ViewFactory>);
    } else {
      view = (FACTORIES[state.view] as ViewFactory)(root, ctx);
    }
    current = { id, view };
    if (changedView) {
      // Move the focus to the new view's title, for keyboard and screen-reader users.
      const title = root.querySelector<HTMLElement>('h1');
      if (title) {
        title.tabIndex = -1;
        title.focus({ preventScroll: true });
      }
      ctx.announce(special ? SPECIAL[special].label : `${VIEW_LABELS[state.view]} : ${scopeLabel(state.scope)}`);
    }
  }

  /** A view whose code loads on demand: a loading state, then the real view (or an error). */
  function lazyView(root: HTMLElement, label: string, load: () => Promise<ViewFactory>): View {
    let real: View | null = null;
    let destroyed = false;
    let pending: { next: AppState; previous: AppState } | null = null;
    replace(root, loading(`Chargement de la vue ${label}…`));
    load()
      .then((factory) => {
        if (destroyed) return;
        root.replaceChildren();
        real = factory(root, ctx);
        if (pending) real.update(pending.next, pending.previous);
        root.querySelector<HTMLElement>('h1')?.setAttribute('tabindex', '-1');
      })
      .catch((error) => {
        if (!destroyed) replace(root, errorAlert(error, `La vue ${label} n’a pas pu être chargée`, h('button', { class: 'fr-btn fr-btn--secondary fr-btn--sm', type: 'button', onclick: () => location.reload() }, 'Recharger la page')));
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

  window.addEventListener('popstate', route);
  window.addEventListener('hashchange', route);
  // Who is this? Then the first view (or the login page).
  replace(main, loading('Connexion au serveur…'));
  session
    .load()
    .then(() => {
      route();
      if (!specialOf(location.hash)) void defaultScope();
    })
    .catch((error) => replace(main, h('div', { class: 'fr-container fr-py-4w' }, errorAlert(error, 'Le serveur ne répond pas', h('button', { class: 'fr-btn fr-btn--secondary fr-btn--sm', type: 'button', onclick: () => location.reload() }, 'Recharger la page')))));

  /**
   * Opened without a territory in the URL: when the dataset declares a single département or
   * région as its scope (articulation/1 `scope`), start there rather than on all of France.
   */
  async function defaultScope(): Promise<void> {
    if (/[?&](departement|region)=/.test(location.hash)) return;
    try {
      const info = await request<{ meta?: { scope?: { departements?: string[]; regions?: string[] } } }>('/dataset');
      const scope = info.meta?.scope;
      if (/[?&](departement|region)=/.test(location.hash)) return;
      if (scope?.departements?.length === 1 && !scope.regions?.length) ctx.navigate({ scope: { level: 'departement', code: scope.departements[0] } }, { replace: true });
      else if (scope?.regions?.length === 1 && !scope.departements?.length) ctx.navigate({ scope: { level: 'region', code: scope.regions[0] } }, { replace: true });
    } catch {
      // The views report an unreachable API themselves.
    }
  }
}

start();
