// The page around the views: skip links, the DSFR header with the menu (from the view registry)
// and the account menu, the territory and date bar, the main region and the footer.
import { formatDateFr, isCalendarDate } from '../../model/dates.ts';
import type { Me } from './api.ts';
import { h, replace, uid } from './dom.ts';
import { formatLocation, type AppState, type Scope, type StatePatch } from './lib/state.ts';
import { DEPARTEMENTS, REGIONS, scopeLabel } from './lib/territories.ts';
import { scenarioControls, type ScenarioControls } from './scenario-bar.ts';
import { can, describeAccount } from './session.ts';
import { VIEW_IDS, VIEWS, viewEntry, type ViewId } from './views/registry.ts';

const SERVICE = 'Articulation CLS · CLSM · PTSM';

export interface ShellActions {
  navigate(patch: StatePatch, options?: { replace?: boolean }): void;
  href(patch: StatePatch): string;
  logout(): Promise<void>;
  today: string;
}

export interface Shell {
  main: HTMLElement;
  liveRegion: HTMLElement;
  /** Follow the URL state: current menu link, territory and date fields, page title. */
  sync(state: AppState): void;
  /** Follow the session: the account menu, the links only some roles see. */
  showAccount(me: Me): void;
  /** The scenario selector and banner. */
  scenarios: ScenarioControls;
}

export function buildShell(appRoot: HTMLElement, actions: ShellActions): Shell {
  const navLinks = new Map<ViewId, HTMLAnchorElement>();
  const menu = VIEW_IDS.filter((id) => VIEWS[id].menu).map((id) => {
    const a = h('a', { class: 'fr-nav__link', href: `#/${id}`, dataset: { view: id } }, h('span', { class: `${VIEWS[id].icon} app-nav-icon`, 'aria-hidden': 'true' }), VIEWS[id].label);
    navLinks.set(id, a);
    return h('li', { class: 'fr-nav__item' }, a);
  });
  const toolsList = h('ul', { class: 'fr-btns-group' });
  const scenarios = scenarioControls((patch) => actions.navigate(patch), actions.href);
  const scopeBar = buildScopeBar(actions, scenarios.field);
  const main = h('main', { id: 'contenu', role: 'main', tabindex: '-1', class: 'app-main' });
  const liveRegion = h('div', { class: 'fr-sr-only', 'aria-live': 'polite', role: 'status' });
  // On paper only (print.css): what the page shows, where and when.
  const printHeading = h('p', { class: 'app-print-heading', 'aria-hidden': 'true' });
  replace(appRoot, skipLinks(), header(h('ul', { class: 'fr-nav__list' }, menu), toolsList), scopeBar.el, scenarios.banner, printHeading, main, footer(), liveRegion);
  appRoot.removeAttribute('aria-busy');

  return {
    main,
    liveRegion,
    scenarios,
    sync(state) {
      scenarios.sync(state);
      for (const [id, a] of navLinks) {
        a.href = formatLocation({ ...state, view: id, params: {} });
        if (id === state.view) a.setAttribute('aria-current', 'page');
        else a.removeAttribute('aria-current');
      }
      const entry = viewEntry(state.view);
      scopeBar.el.hidden = !entry.scoped;
      if (entry.scoped) scopeBar.sync(state);
      document.title = entry.scoped ? `${entry.label} · ${scopeLabel(state.scope)} · ${SERVICE}` : `${entry.label} · ${SERVICE}`;
      printHeading.textContent = entry.scoped
        ? `${SERVICE} — ${entry.label} — ${scopeLabel(state.scope)}, situation au ${formatDateFr(state.asOf)}`
        : `${SERVICE} — ${entry.label} — imprimé le ${formatDateFr(actions.today)}`;
    },
    showAccount(me) {
      replace(toolsList, accountMenu(me, actions));
      for (const [id, a] of navLinks) {
        const shownTo = viewEntry(id).shownTo;
        (a.parentElement as HTMLElement).hidden = shownTo === 'audit' ? !can.audit() : shownTo === 'accounts' ? !can.manageAccounts() : shownTo === 'signed-in' ? !me.authenticated : false;
      }
      if (me.authenticated) void scenarios.refresh();
    },
  };
}

/** Who is signed in, with which role and scope, and signing out; or signing in. */
function accountMenu(me: Me, actions: ShellActions): HTMLElement[] {
  if (!me.authenticated) return [h('li', null, h('a', { class: 'fr-btn fr-icon-lock-line', href: '#/connexion' }, 'Se connecter'))];
  const logout = h('button', { type: 'button', class: 'fr-btn fr-icon-logout-box-r-line' }, 'Se déconnecter');
  logout.addEventListener('click', async () => {
    logout.disabled = true;
    try {
      await actions.logout();
    } finally {
      logout.disabled = false;
    }
  });
  return [
    h('li', null, h('a', { class: 'fr-btn fr-icon-account-circle-line app-account-menu', href: '#/compte', title: 'Mon compte : rôle, périmètre et jetons d’accès', 'data-testid': 'compte' }, describeAccount(me.account))),
    h('li', null, logout),
  ];
}

function skipLinks(): HTMLElement {
  const skipTo = (id: string) => (e: Event) => {
    e.preventDefault();
    document.getElementById(id)?.focus();
  };
  return h(
    'div',
    { class: 'fr-skiplinks' },
    h(
      'nav',
      { class: 'fr-container', role: 'navigation', 'aria-label': 'Accès rapide' },
      h(
        'ul',
        { class: 'fr-skiplinks__list' },
        h('li', null, h('a', { class: 'fr-link', href: '#contenu', onclick: skipTo('contenu') }, 'Contenu')),
        h('li', null, h('a', { class: 'fr-link', href: '#navigation-principale', onclick: skipTo('navigation-principale') }, 'Menu')),
      ),
    ),
  );
}

function header(navList: HTMLElement, toolsList: HTMLElement): HTMLElement {
  const menuId = 'menu-principal';
  const menuButtonId = 'menu-principal-bouton';
  const brand = h(
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
      h('a', { href: '#/reseau', title: `Accueil — ${SERVICE}` }, h('p', { class: 'fr-header__service-title' }, SERVICE)),
      h('p', { class: 'fr-header__service-tagline' }, 'Planifier l’articulation des dispositifs territoriaux de santé mentale'),
    ),
  );
  const tools = h('div', { class: 'fr-header__tools' }, h('div', { class: 'fr-header__tools-links' }, toolsList));
  return h(
    'header',
    { role: 'banner', class: 'fr-header' },
    h('div', { class: 'fr-header__body' }, h('div', { class: 'fr-container' }, h('div', { class: 'fr-header__body-row' }, brand, tools))),
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
}

/** The territory and the reference date every analysis view reads, and « copy the link ». */
function buildScopeBar(actions: ShellActions, scenarioField: HTMLElement): { el: HTMLElement; sync(state: AppState): void } {
  const scopeId = uid('portee');
  const dateId = uid('date');
  let state: AppState | null = null;
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
    actions.navigate({ scope, params: { noeud: null, ptsm: null } });
  });
  const date = referenceDateField(dateId, (asOf) => actions.navigate({ asOf }));
  const dateInput = date.input;
  const todayButton = h('button', { type: 'button', class: 'fr-btn fr-btn--tertiary fr-btn--sm' }, 'Aujourd’hui');
  todayButton.addEventListener('click', () => actions.navigate({ asOf: null }));
  const share = shareButton(() => state);
  const addressDate = h('div', { class: 'fr-container', 'aria-live': 'polite' });
  const el = h(
    'div',
    { class: 'app-scope' },
    h(
      'form',
      { class: 'fr-container app-scope__form', 'aria-label': 'Territoire et date de référence de toutes les vues', onsubmit: (e: Event) => e.preventDefault() },
      h('div', { class: 'fr-select-group app-scope__field' }, h('label', { class: 'fr-label', for: scopeId }, 'Territoire'), scopeSelect),
      date.el,
      scenarioField,
      h('div', { class: 'app-scope__actions' }, todayButton, share),
    ),
    addressDate,
  );
  return {
    el,
    sync(next) {
      state = next;
      scopeSelect.value = next.scope.level === 'france' ? 'france' : `${next.scope.level}:${next.scope.code}`;
      if (dateInput.value !== next.asOf && document.activeElement !== dateInput) date.set(next.asOf);
      replace(addressDate, next.asOfInvalid === undefined ? null : invalidAddressDate(next.asOfInvalid, next.asOf));
      todayButton.disabled = !next.asOfExplicit && next.asOf === actions.today;
    },
  };
}

const DATE_RANGE = { min: '1990-01-01', max: '2100-12-31' } as const;
/** How long the date may rest unchanged before the views reload: typing « 2024 » goes through years 2, 20 and 202. */
const DATE_SETTLE_MS = 700;

/**
 * The reference date: the views reload once the date typed is complete, valid and in range,
 * and has rested a moment (or on Enter, or when the field is left). Anything else is said under
 * the field, and nothing reloads.
 */
function referenceDateField(id: string, commit: (asOf: string) => void) {
  const errorId = `${id}-erreur`;
  const input = h('input', { class: 'fr-input', type: 'date', id, name: 'asOf', min: DATE_RANGE.min, max: DATE_RANGE.max, required: true });
  const error = h('p', { class: 'fr-error-text', id: errorId, hidden: true });
  const el = h(
    'div',
    { class: 'fr-input-group app-scope__field' },
    h('label', { class: 'fr-label', for: id }, 'Date de référence', h('span', { class: 'fr-sr-only' }, ' : les vues montrent les dispositifs actifs à cette date')),
    input,
    error,
  );
  let committed = '';
  let timer: ReturnType<typeof setTimeout> | undefined;
  const valid = (value: string) => isCalendarDate(value) && value >= DATE_RANGE.min && value <= DATE_RANGE.max;
  const showError = (message: string | null) => {
    el.classList.toggle('fr-input-group--error', message !== null);
    error.hidden = message === null;
    error.textContent = message ?? '';
    if (message === null) input.removeAttribute('aria-describedby');
    else input.setAttribute('aria-describedby', errorId);
  };
  const settle = (now: boolean) => {
    clearTimeout(timer);
    const value = input.value;
    if (valid(value)) {
      showError(null);
      if (value === committed) return;
      const go = () => {
        committed = value;
        commit(value);
      };
      if (now) go();
      else timer = setTimeout(go, DATE_SETTLE_MS);
    } else if (now) {
      showError(value === '' ? 'Date incomplète : saisissez le jour, le mois et l’année (JJ/MM/AAAA).' : `Date hors de la période couverte : entre le ${formatDateFr(DATE_RANGE.min)} et le ${formatDateFr(DATE_RANGE.max)}.`);
    }
  };
  input.addEventListener('input', () => settle(false));
  input.addEventListener('change', () => settle(false));
  input.addEventListener('blur', () => settle(true));
  input.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') settle(true);
  });
  return {
    el,
    input,
    set(value: string) {
      clearTimeout(timer);
      committed = value;
      input.value = value;
      showError(null);
    },
  };
}

/** A date in the address that is not one: said, with the date the views show instead. */
function invalidAddressDate(raw: string, shown: string): HTMLElement {
  return h(
    'div',
    { class: 'fr-alert fr-alert--warning fr-alert--sm fr-mb-2w', role: 'alert', dataset: { testid: 'date-invalide' } },
    h('p', null, `La date « ${raw} » de l’adresse n’est pas une date valide (AAAA-MM-JJ) : les vues montrent la situation au ${formatDateFr(shown)} (aujourd’hui). Choisissez une date ci-dessus.`),
  );
}

/** Copies the address of the view with its date made explicit, so that the link shows the same thing later. */
function shareButton(state: () => AppState | null): DocumentFragment {
  const status = h('span', { class: 'fr-sr-only', 'aria-live': 'polite' });
  const button = h('button', { type: 'button', class: 'fr-btn fr-btn--tertiary fr-btn--sm fr-icon-share-line fr-btn--icon-left', title: 'Copier le lien de cette vue (territoire, date et filtres compris)' }, 'Copier le lien');
  button.addEventListener('click', async () => {
    const current = state();
    if (!current) return;
    const url = new URL(location.href);
    url.hash = formatLocation({ ...current, asOfExplicit: true });
    try {
      await navigator.clipboard.writeText(url.toString());
      status.textContent = 'Lien copié dans le presse-papiers';
      button.textContent = 'Lien copié';
    } catch {
      history.replaceState(null, '', url.hash);
      status.textContent = 'Copie impossible : le lien est dans la barre d’adresse';
      button.textContent = 'Lien dans la barre d’adresse';
    }
    setTimeout(() => (button.textContent = 'Copier le lien'), 2500);
  });
  const fragment = document.createDocumentFragment();
  fragment.append(button, status);
  return fragment;
}

function footer(): HTMLElement {
  return h(
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
          h(
            'ul',
            { class: 'fr-footer__content-list' },
            h('li', { class: 'fr-footer__content-item' }, h('a', { class: 'fr-footer__content-link', href: '/api/docs', 'data-testid': 'documentation-api' }, 'Documentation de l’API')),
          ),
        ),
      ),
    ),
  );
}
