// Accounts, roles and scopes: the vocabulary shared by the account store, the policy, the
// middleware and the routes.

export const ROLES = ['admin', 'ars', 'coordinateur', 'lecteur'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  admin: 'administrateur',
  ars: 'agent d’ARS',
  coordinateur: 'coordinateur',
  lecteur: 'lecteur',
};

/** Roles that may write data (within their scope). */
export const WRITER_ROLES: readonly Role[] = ['admin', 'ars', 'coordinateur'];

/**
 * Where an account may write. admin: everywhere (empty scope). ars: régions and/or
 * départements. coordinateur: named mechanisms. lecteur: nowhere.
 */
export interface AccountScope {
  regions?: string[];
  departements?: string[];
  mechanisms?: string[];
}

export interface Account {
  id: number;
  email: string;
  name: string | null;
  role: Role;
  scope: AccountScope;
  disabled: boolean;
  /** A local password is set (else single sign-on only). */
  hasPassword: boolean;
  /** Signed in through OpenID Connect at least once. */
  oidcLinked: boolean;
  createdAt: string;
  updatedAt: string;
  lastLoginAt: string | null;
}

export interface SessionInfo {
  idHash: string;
  csrfToken: string;
  method: 'password' | 'oidc';
  idToken: string | null;
  expiresAt: string;
}

/** Who makes a request: an account, through a browser session or an API token. */
export interface Principal {
  account: Account;
  via: 'session' | 'token';
  session?: SessionInfo;
  tokenId?: number;
}

export const isWriter = (role: Role) => WRITER_ROLES.includes(role);
