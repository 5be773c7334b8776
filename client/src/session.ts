// Who is signed in, and what they may do. Loaded once at start (GET /api/auth/me), refreshed
// after a login, a logout or a write (an ARS officer's editable mechanisms change when they
// create one). The server decides every write; these answers only hide or disable the controls
// a role cannot use, so that nobody fills a form to be refused at the end.
import type { SignInFailure } from '../../server/routes/auth.ts';
import { api, ApiError, json, setAuthHooks, type Me, type Permissions, type SessionAccount } from './api.ts';

const ANONYMOUS: Me = { authenticated: false, publicRead: false, oidc: { enabled: false, label: null } };

let current: Me = ANONYMOUS;
let editable: Set<string> | 'all' = new Set();
const listeners = new Set<(me: Me) => void>();
let expiredHandler: (() => void) | null = null;

function set(next: Me): Me {
  current = next;
  const list = next.authenticated ? next.permissions.editableMechanisms : [];
  editable = list === 'all' ? 'all' : new Set(list);
  for (const listener of listeners) listener(next);
  return next;
}

const signedOut = (): Me => ({ ...ANONYMOUS, publicRead: current.publicRead, oidc: current.oidc });

// Every write from this browser carries the session's CSRF token; a 401 means the session ended.
setAuthHooks({
  csrf: () => (current.authenticated ? current.csrfToken : null),
  unauthorized: () => {
    if (current.authenticated) {
      set(signedOut());
      expiredHandler?.();
    }
  },
});

export const session = {
  me: (): Me => current,
  /** The signed-in account, if any. */
  account: (): SessionAccount | undefined => (current.authenticated ? current.account : undefined),
  async load(): Promise<Me> {
    return set(await json(api.auth.me.$get()));
  },
  /** Refresh quietly (after a write); keeps the current state if the request fails. */
  async refresh(): Promise<void> {
    try {
      await this.load();
    } catch {
      // keep what we have
    }
  },
  async login(email: string, password: string): Promise<Me> {
    return set(await json(api.auth.login.$post({ json: { email, password } })));
  },
  /** Ends the session; for a single-sign-on session, the browser then goes to the provider's logout. */
  async logout(): Promise<string | null> {
    let logoutUrl: string | null = null;
    try {
      logoutUrl = (await json(api.auth.logout.$post())).logoutUrl;
    } catch (error) {
      if (!(error instanceof ApiError) || error.status !== 401) throw error;
    }
    set(signedOut());
    return logoutUrl;
  },
  onChange(listener: (me: Me) => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  /** Called when a request finds the session over (401): the shell sends the user to the login page. */
  onExpired(handler: () => void): void {
    expiredHandler = handler;
  },
};

const allowed = (ability: Exclude<keyof Permissions, 'editableMechanisms'>) => current.authenticated && current.permissions[ability];

/** What the signed-in account may do (false for an anonymous visitor), as /auth/me says. */
export const can = {
  write: () => allowed('write'),
  createMechanisms: () => allowed('createMechanisms'),
  deleteMechanisms: () => allowed('deleteMechanisms'),
  importReplace: () => allowed('importReplace'),
  importMerge: () => allowed('importMerge'),
  audit: () => allowed('audit'),
  undo: () => allowed('undo'),
  manageAccounts: () => allowed('accounts'),
  personalData: () => allowed('personalData'),
  seePeople: () => current.authenticated,
  /** A mechanism in the account's scope. */
  editMechanism: (id: string) => editable === 'all' || editable.has(id),
  /** A link one of whose ends the account may edit. */
  editLink: (from: string, to: string) => editable === 'all' || editable.has(from) || editable.has(to),
  /** A person: the server checks who they coordinate; here, any account that writes. */
  editPerson: () => allowed('write'),
};

/** The French sentence for an account: « Claire Dupont — agent d’ARS (département 79) ». */
export function describeAccount(account: SessionAccount): string {
  return `${account.name ?? account.email} — ${account.roleLabel}${account.role === 'admin' || account.role === 'lecteur' ? '' : ` (${account.scopeLabel})`}`;
}

/** Messages for the single-sign-on failures the server reports in /#/connexion?erreur=… */
export const SIGN_IN_FAILURES: Record<SignInFailure, string> = {
  'compte-inconnu': 'Aucun compte ne correspond à votre adresse électronique. Demandez à un administrateur de l’application de vous ouvrir un accès, avec cette adresse.',
  'compte-desactive': 'Votre compte est désactivé. Adressez-vous à un administrateur de l’application.',
  'email-absent': 'Le fournisseur d’identité n’a pas transmis votre adresse électronique : la connexion est impossible.',
  'email-non-verifie': 'Le fournisseur d’identité indique que votre adresse électronique n’est pas vérifiée.',
  'etat-invalide': 'La connexion a expiré ou a été interrompue. Recommencez.',
  'fournisseur-indisponible': 'Le fournisseur d’identité ne répond pas. Réessayez dans quelques minutes, ou connectez-vous avec votre mot de passe.',
  'refus-fournisseur': 'Le fournisseur d’identité a refusé la connexion.',
  'reponse-invalide': 'La réponse du fournisseur d’identité n’a pas pu être vérifiée. Recommencez.',
};
