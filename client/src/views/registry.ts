// Every screen of the application, in menu order. Adding a view is one entry here and one module
// exporting its ViewFactory: the router, the menu, the page title and the URL follow from this list.
// Pure metadata: each view's code is loaded when it is first opened (the default one at start-up).
import type { ViewFactory } from '../context.ts';

export interface ViewEntry {
  /** Its name in the menu and in the page title. */
  label: string;
  /** DSFR icon of its menu link. */
  icon: string;
  /** Listed in the main menu (the others are reached from the account menu or by a link). */
  menu: boolean;
  /** Reads the territory and the reference date at the top of the page (kept in its URL). */
  scoped: boolean;
  /** Its menu link is shown only to the roles that hold this permission (the server decides anyway). */
  shownTo?: 'audit' | 'accounts' | 'signed-in';
  /** Open without an account: the login page. */
  public?: boolean;
  /** A scoped view that always shows the current data, never a scenario's state (editing the records). */
  currentDataOnly?: boolean;
  load(): Promise<ViewFactory>;
}

export const VIEWS = {
  reseau: { label: 'Réseau', icon: 'fr-icon-links-line', menu: true, scoped: true, load: () => import('./network.ts').then((m) => m.networkView) },
  carte: { label: 'Carte', icon: 'fr-icon-road-map-line', menu: true, scoped: true, load: () => import('./map.ts').then((m) => m.mapView) },
  departement: { label: 'Département', icon: 'fr-icon-map-pin-2-line', menu: true, scoped: true, load: () => import('./departement.ts').then((m) => m.departementView) },
  constats: { label: 'Constats', icon: 'fr-icon-search-line', menu: true, scoped: true, load: () => import('./findings.ts').then((m) => m.findingsView) },
  themes: { label: 'Thèmes', icon: 'fr-icon-hashtag', menu: true, scoped: true, load: () => import('./themes.ts').then((m) => m.themesView) },
  echeances: { label: 'Échéances', icon: 'fr-icon-calendar-line', menu: true, scoped: true, load: () => import('./echeances.ts').then((m) => m.echeancesView) },
  avis: { label: 'Avis PTSM', icon: 'fr-icon-file-download-line', menu: true, scoped: true, load: () => import('./avis.ts').then((m) => m.avisView) },
  indicateurs: { label: 'Indicateurs', icon: 'fr-icon-bar-chart-box-line', menu: true, scoped: true, load: () => import('./indicators.ts').then((m) => m.indicatorsView) },
  scenarios: { label: 'Scénarios', icon: 'fr-icon-git-branch-line', menu: true, scoped: true, shownTo: 'signed-in', load: () => import('./scenarios.ts').then((m) => m.scenariosView) },
  donnees: { label: 'Données', icon: 'fr-icon-table-line', menu: true, scoped: true, currentDataOnly: true, load: () => import('./data.ts').then((m) => m.dataView) },
  journal: { label: 'Journal', icon: 'fr-icon-time-line', menu: true, scoped: false, shownTo: 'audit', load: () => import('./audit.ts').then((m) => m.auditView) },
  comptes: { label: 'Comptes', icon: 'fr-icon-team-line', menu: true, scoped: false, shownTo: 'accounts', load: () => import('./accounts.ts').then((m) => m.accountsView) },
  compte: { label: 'Mon compte', icon: 'fr-icon-account-circle-line', menu: false, scoped: false, load: () => import('./my-account.ts').then((m) => m.myAccountView) },
  connexion: { label: 'Connexion', icon: 'fr-icon-lock-line', menu: false, scoped: false, public: true, load: () => import('./login.ts').then((m) => m.loginView) },
} as const satisfies Record<string, ViewEntry>;

export type ViewId = keyof typeof VIEWS;
export const VIEW_IDS = Object.keys(VIEWS) as ViewId[];
export const DEFAULT_VIEW: ViewId = 'reseau';

export const viewEntry = (id: ViewId): ViewEntry => VIEWS[id];
