// The access-control service one app holds: accounts and sessions, the login throttle, the
// scope policy, the pseudonymisation of personal data, single sign-on, and the two middlewares
// that run before every API route:
//
//   authenticate  Bearer token (scripts) or session cookie (browsers) → c.var.principal
//   csrf          writes: no cross-site request; with a session cookie, X-CSRF-Token must match
//
// Each route then declares what it needs with requires(…) (access.ts). Scopes (which records an
// ARS officer or a coordinator may change) are checked by the store, per change, with
// Policy.authorizer (see policy.ts).
import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { serialize } from 'hono/utils/cookie';
import type { TerritoryIndex } from '../../model/territory.ts';
import type { AppEnv } from '../context.ts';
import { ApiError } from '../errors.ts';
import type { Snapshot, Store, WriteContext } from '../store.ts';
import { AccountStore, type WriteGate } from './accounts.ts';
import { OidcClient, type OidcSettings } from './oidc.ts';
import { SessionStore } from './sessions.ts';
import { TokenStore } from './tokens.ts';
import { allows, forbidden, permissionsOf, unauthorized } from './access.ts';
import { Policy, describeScope, type ScopeNames } from './policy.ts';
import { Privacy } from './privacy.ts';
import { safeEqual } from './secrets.ts';
import { LoginThrottle } from './throttle.ts';
import { ROLE_LABELS, type Account, type Principal } from './types.ts';

export interface AuthOptions {
  /** Anonymous read-only access without personal data (ARTICULATION_PUBLIC_READ). */
  publicRead?: boolean;
  /** Secure cookies named __Host-… (behind https). */
  secureCookies?: boolean;
  /** Client address from X-Forwarded-For (behind a reverse proxy). */
  trustProxy?: boolean;
  /** The public origin (https://…), accepted as the Origin of writes besides the Host header. */
  publicUrl?: string;
  oidc?: OidcSettings;
  /** Host names the server answers to (ARTICULATION_HOSTS); others get 421. Absent: any. */
  allowedHosts?: readonly string[];
  /** Milliseconds since the epoch (tests move time to expire sessions and tokens). */
  now?: () => number;
  /** log2 of scrypt's N (default 17; tests lower it). */
  scryptCost?: number;
  throttle?: { max?: number; windowMs?: number };
  sessionTtlMs?: number;
  sessionIdleMs?: number;
  /** See AccountStoreOptions.writeGate. */
  writeGate?: WriteGate;
  /** The metrics collector's bearer token (ARTICULATION_METRICS_TOKEN); absent: no metrics. */
  metricsToken?: string;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export class AuthService {
  readonly accounts: AccountStore;
  readonly sessions: SessionStore;
  readonly tokens: TokenStore;
  readonly policy: Policy;
  readonly privacy: Privacy;
  readonly throttle: LoginThrottle;
  readonly oidc: OidcClient | undefined;
  readonly publicRead: boolean;
  readonly secureCookies: boolean;
  readonly trustProxy: boolean;
  readonly publicUrl: string | undefined;
  readonly allowedHosts: ReadonlySet<string> | undefined;
  readonly sessionCookie: string;
  readonly oidcCookie: string;
  private readonly metricsToken: string | undefined;
  /** Where the names of a scope's régions and départements are read. */
  private readonly territories: TerritoryIndex;

  constructor(store: Store, territories: TerritoryIndex, options: AuthOptions = {}) {
    this.territories = territories;
    const now = options.now ?? Date.now;
    const { db } = store;
    this.accounts = new AccountStore(db, { now, scryptCost: options.scryptCost, writeGate: options.writeGate });
    this.sessions = new SessionStore(db, { now, ttlMs: options.sessionTtlMs, idleMs: options.sessionIdleMs, writeGate: options.writeGate });
    this.tokens = new TokenStore(db, this.accounts, { now, writeGate: options.writeGate });
    this.policy = new Policy(territories, store);
    const secret = db.settings.get('pseudonym_secret');
    if (!secret) throw new Error('secret de pseudonymisation absent de la base (migration 2)');
    this.privacy = new Privacy(secret, territories);
    this.throttle = new LoginThrottle(db, { ...options.throttle, now, writeGate: options.writeGate });
    this.oidc = options.oidc ? new OidcClient(options.oidc, db, { now, writeGate: options.writeGate }) : undefined;
    this.publicRead = options.publicRead ?? false;
    this.secureCookies = options.secureCookies ?? false;
    this.trustProxy = options.trustProxy ?? false;
    this.publicUrl = options.publicUrl;
    this.allowedHosts = options.allowedHosts ? new Set(options.allowedHosts) : undefined;
    this.sessionCookie = this.secureCookies ? '__Host-articulation_session' : 'articulation_session';
    this.oidcCookie = this.secureCookies ? '__Host-articulation_oidc' : 'articulation_oidc';
    this.metricsToken = options.metricsToken;
  }

  // ---------------------------------------------------------------- cookies and addresses

  setSessionCookie(c: Context, token: string): void {
    setCookie(c, this.sessionCookie, token, { httpOnly: true, sameSite: 'Lax', secure: this.secureCookies, path: '/', maxAge: Math.floor(this.sessions.ttlMs / 1000) });
  }

  clearSessionCookie(c: Context): void {
    deleteCookie(c, this.sessionCookie, { path: '/', secure: this.secureCookies, httpOnly: true, sameSite: 'Lax' });
  }

  setOidcCookie(c: Context, state: string): void {
    setCookie(c, this.oidcCookie, state, { httpOnly: true, sameSite: 'Lax', secure: this.secureCookies, path: '/', maxAge: 600 });
  }

  /** The client's address: the socket's, or the last X-Forwarded-For hop behind a trusted proxy. */
  clientAddress(c: Context): string {
    if (this.trustProxy) {
      const forwarded = c.req.header('x-forwarded-for');
      const last = forwarded?.split(',').map((s) => s.trim()).filter(Boolean).pop();
      if (last) return last;
    }
    const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
    return env?.incoming?.socket?.remoteAddress ?? 'inconnue';
  }

  // ---------------------------------------------------------------- for the routes

  /** Who writes and what they may change, for the store. */
  writeContext(c: Context<AppEnv>): WriteContext {
    const principal = c.get('principal');
    if (!principal) throw unauthorized();
    return { account: principal.account.id, authorize: this.policy.authorizer(principal.account) };
  }

  /**
   * Does this request see personal data (people's names and contact details)? Anonymous visitors
   * and readers do not: they get the pseudonymised state everywhere (people, mechanisms'
   * coordinators, findings, graph, exports).
   */
  seesPersonalData(c: Context<AppEnv>): boolean {
    const principal = c.get('principal');
    return principal !== undefined && allows(principal.account.role, 'personalData');
  }

  /**
   * The oldest data version this request may be answered from: its account's last write, made on
   * any instance (read your writes: each write records its version in the account, read with the
   * account at every request); any version for whoever has not written (see analysis.ts).
   */
  minVersionFor(c: Context<AppEnv>): number {
    return c.get('principal')?.account.writtenVersion ?? 0;
  }

  /** The account as the client shows it: role, scope in French (mechanisms named as in `snap`), what it may do. */
  describe(account: Account, snap: Snapshot) {
    return {
      id: account.id,
      email: account.email,
      name: account.name,
      role: account.role,
      roleLabel: ROLE_LABELS[account.role],
      scope: account.scope,
      scopeLabel: describeScope(account.role, account.scope, this.scopeNames(snap)),
      hasPassword: account.hasPassword,
      oidcLinked: account.oidcLinked,
    };
  }

  /** Names of régions, départements and mechanisms, for a scope said in words. */
  private scopeNames(snap: Snapshot): ScopeNames {
    const mechanisms = snap.index.mechanisms;
    const t = this.territories;
    return { region: (code) => t.regionName(code), departement: (code) => t.departementName(code), mechanism: (id) => mechanisms.get(id)?.data.name };
  }

  /** What an account may do, for the client to offer only the controls its role can use (the routes decide). */
  permissions(account: Account, snap: Snapshot) {
    return { ...permissionsOf(account.role), editableMechanisms: this.policy.editableMechanisms(account, snap) };
  }

  // ---------------------------------------------------------------- middlewares

  /**
   * With an allow-list of host names, a request for another host (a DNS rebinding page, a
   * misrouted proxy) is answered 421 before anything else runs.
   */
  hostCheck: MiddlewareHandler<AppEnv> = async (c, next) => {
    if (!this.allowedHosts) return next();
    const host = c.req.header('host') ?? '';
    const name = (host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : host.split(':')[0]).toLowerCase().replace(/\.$/, '');
    if (this.allowedHosts.has(name)) return next();
    throw new ApiError(421, `ce serveur ne répond pas au nom d’hôte ${host ? `« ${host} »` : 'absent'} (noms admis : ARTICULATION_HOSTS)`, [
      { path: '(en-tête Host)', message: `attendu : ${[...this.allowedHosts].join(', ')}` },
    ]);
  };

  authenticate: MiddlewareHandler<AppEnv> = async (c, next) => {
    c.set('publicRead', this.publicRead);
    const header = c.req.header('authorization');
    if (header !== undefined) {
      const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
      if (!match) throw unauthorized('en-tête Authorization invalide : attendu « Bearer <jeton> »');
      // The metrics collector's token opens the metrics and nothing else (no account).
      if (this.metricsToken !== undefined && safeEqual(match[1], this.metricsToken)) {
        c.set('metricsCollector', true);
        return next();
      }
      const result = await this.tokens.authenticate(match[1]);
      if ('refused' in result) {
        c.header('WWW-Authenticate', 'Bearer realm="articulation", error="invalid_token"');
        throw unauthorized(
          result.refused === 'inconnu' ? 'jeton d’accès invalide' : result.refused === 'compte désactivé' ? 'jeton d’accès refusé : le compte est désactivé' : `jeton d’accès ${result.refused}`,
        );
      }
      c.set('principal', { account: result.account, via: 'token', tokenId: result.tokenId });
    } else {
      const cookie = getCookie(c, this.sessionCookie);
      if (cookie) {
        const found = await this.sessions.find(cookie);
        if (found) c.set('principal', { account: found.account, via: 'session', session: found.session });
        else {
          // An expired or unknown session cookie is cleared, unless this answer sets a new one (a login).
          await next();
          if (!c.res.headers.getSetCookie().some((line) => line.startsWith(`${this.sessionCookie}=`))) {
            c.res.headers.append('Set-Cookie', serialize(this.sessionCookie, '', { path: '/', maxAge: 0, httpOnly: true, sameSite: 'Lax', secure: this.secureCookies }));
          }
          return;
        }
      }
    }
    await next();
  };

  csrf: MiddlewareHandler<AppEnv> = async (c, next) => {
    if (!SAFE_METHODS.has(c.req.method)) {
      if (c.req.header('sec-fetch-site') === 'cross-site' || !this.sameOrigin(c)) {
        throw forbidden('requête refusée : elle vient d’un autre site', [{ path: '(en-tête Origin)', message: 'origine différente de celle du serveur' }]);
      }
      const principal = c.get('principal');
      // A login replaces the session, whatever it was (it needs JSON, which no other site can send).
      if (principal?.via === 'session' && c.req.path !== '/api/auth/login') {
        const sent = c.req.header('x-csrf-token');
        if (!sent || !safeEqual(sent, principal.session!.csrfToken)) {
          throw forbidden('jeton anti-falsification (CSRF) manquant ou invalide : rechargez la page et recommencez', [
            { path: '(en-tête X-CSRF-Token)', message: 'doit reprendre le csrfToken de la session (GET /api/auth/me)' },
          ]);
        }
      }
    }
    await next();
  };

  private sameOrigin(c: Context): boolean {
    const origin = c.req.header('origin');
    if (origin === undefined) return true;
    let host: string;
    try {
      host = new URL(origin).host;
    } catch {
      return false; // "null" (sandboxed documents, cross-origin redirects) or garbage
    }
    if (this.publicUrl && new URL(this.publicUrl).host === host) return true;
    return host === c.req.header('host');
  }
}

export type { Principal };
