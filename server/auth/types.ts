// Accounts, roles and scopes: the vocabulary shared by the account store, the policy, the
// middleware and the routes.

import type { AccountRole } from '../../model/vocabulary.ts';

// The roles and their French names are a vocabulary (model/vocabulary.ts), read here under the names the server uses.
export { ACCOUNT_ROLES as ROLES, ACCOUNT_ROLE_LABELS as ROLE_LABELS } from '../../model/vocabulary.ts';
export type Role = AccountRole;

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
  /** The data version of this account's last write (its reads must hold it, on any instance). */
  writtenVersion: number;
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

