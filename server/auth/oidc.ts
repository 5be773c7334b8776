// OpenID Connect relying party (authorization code flow with PKCE, state and nonce), for
// ProConnect — the French state's identity federation for public agents — or any conformant
// provider. Accounts are matched by the email the provider vouches for; roles come from an
// administrator, never from the provider.
//
// ProConnect specifics handled here: the userinfo endpoint answers a signed JWT (openid-client
// reads it), the scopes name the claims (`openid email given_name usual_name`), and a session
// opened through ProConnect must be closed there too (end_session_endpoint with id_token_hint).
//
// A sign-in under way (its state, nonce and PKCE verifier) is kept in the database for ten
// minutes: the provider may send the browser back to another instance than the one it left.
import * as oidc from 'openid-client';
import type { Database } from '../db/database.ts';
import type { WriteGate } from './accounts.ts';
import { safeEqual, sha256 } from './secrets.ts';

export interface OidcSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** This server's callback, registered at the provider: https://…/api/auth/oidc/callback */
  redirectUri: string;
  scopes: string;
  /** The button's label (« ProConnect »). */
  label: string;
  /** Where the provider sends the browser back after a logout (default: the redirect URI's origin). */
  postLogoutRedirectUri?: string;
  /** acr_values to request (ProConnect: e.g. eidas1), optional. */
  acrValues?: string;
}

export interface OidcIdentity {
  subject: string;
  email: string;
  name: string | null;
  idToken: string | undefined;
  returnTo: string;
}

/** A failed sign-in, with a code the client turns into a French message. */
export class OidcFailure extends Error {
  constructor(
    readonly code: 'etat-invalide' | 'fournisseur-indisponible' | 'refus-fournisseur' | 'reponse-invalide' | 'email-absent' | 'email-non-verifie',
    message: string,
  ) {
    super(message);
    this.name = 'OidcFailure';
  }
}

const PENDING_TTL_MS = 10 * 60 * 1000;
const MAX_PENDING = 10_000;

const isLoopback = (url: URL) => ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);

/** A path of this site to come back to after signing in (never another origin). */
export function safeReturnPath(value: string | undefined): string {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\') || /[\r\n\u0000]/.test(value) || value.length > 500) return '/';
  return value;
}

export class OidcClient {
  private configPromise: Promise<oidc.Configuration> | undefined;
  private readonly now: () => number;
  private readonly gate: WriteGate;

  constructor(
    readonly settings: OidcSettings,
    private readonly db: Database,
    options: { now?: () => number; writeGate?: WriteGate } = {},
  ) {
    this.now = options.now ?? Date.now;
    this.gate = options.writeGate ?? { busy: false, idle: async () => undefined };
  }

  /** The provider's metadata, discovered once (again after a failure). */
  private configuration(): Promise<oidc.Configuration> {
    this.configPromise ??= (async () => {
      const issuer = new URL(this.settings.issuer);
      // Plain http only for a provider on this machine (tests, development).
      const execute = issuer.protocol === 'http:' && isLoopback(issuer) ? [oidc.allowInsecureRequests] : [];
      return oidc.discovery(issuer, this.settings.clientId, this.settings.clientSecret, undefined, { execute, timeout: 10 });
    })();
    this.configPromise.catch(() => (this.configPromise = undefined));
    return this.configPromise;
  }

  /** The provider's authorization URL for a new sign-in, and its state (to bind to the browser). */
  async begin(returnTo: string): Promise<{ url: string; state: string }> {
    let config: oidc.Configuration;
    try {
      config = await this.configuration();
    } catch (error) {
      throw new OidcFailure('fournisseur-indisponible', `fournisseur d’identité injoignable : ${(error as Error).message}`);
    }
    await this.gate.idle();
    await this.prune();
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    const verifier = oidc.randomPKCECodeVerifier();
    await this.db.kysely
      .insertInto('oidc_states')
      .values({ state_hash: sha256(state), nonce, verifier, return_to: safeReturnPath(returnTo), expires_at: new Date(this.now() + PENDING_TTL_MS).toISOString() })
      .execute();
    const parameters: Record<string, string> = {
      redirect_uri: this.settings.redirectUri,
      scope: this.settings.scopes,
      state,
      nonce,
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
    };
    if (this.settings.acrValues) parameters.acr_values = this.settings.acrValues;
    return { url: oidc.buildAuthorizationUrl(config, parameters).href, state };
  }

  /**
   * The provider's answer: `query` is the callback's query string, `browserState` the state this
   * browser was given (its cookie). Exchanges the code, checks the ID token (signature, issuer,
   * audience, nonce) and reads the email from the ID token or the userinfo endpoint.
   */
  async complete(query: URLSearchParams, browserState: string | undefined): Promise<OidcIdentity> {
    const state = query.get('state') ?? '';
    // Taken (deleted) in one statement: a state is used once, whichever instance receives it.
    if (state && browserState) await this.gate.idle();
    const pending =
      state && browserState && safeEqual(browserState, state)
        ? await this.db.kysely.deleteFrom('oidc_states').where('state_hash', '=', sha256(state)).returningAll().executeTakeFirst()
        : undefined;
    if (!pending || pending.expires_at < new Date(this.now()).toISOString()) {
      throw new OidcFailure('etat-invalide', 'réponse du fournisseur d’identité inattendue ou expirée (state)');
    }
    if (query.has('error')) {
      throw new OidcFailure('refus-fournisseur', `le fournisseur d’identité a refusé : ${query.get('error')} ${query.get('error_description') ?? ''}`.trim());
    }
    let config: oidc.Configuration;
    try {
      config = await this.configuration();
    } catch (error) {
      throw new OidcFailure('fournisseur-indisponible', `fournisseur d’identité injoignable : ${(error as Error).message}`);
    }
    const callback = new URL(this.settings.redirectUri);
    callback.search = query.toString();
    let claims: Record<string, unknown>;
    let idToken: string | undefined;
    try {
      const tokens = await oidc.authorizationCodeGrant(config, callback, { pkceCodeVerifier: pending.verifier, expectedState: state, expectedNonce: pending.nonce, idTokenExpected: true });
      const idClaims = tokens.claims();
      if (!idClaims) throw new Error('pas de jeton d’identité');
      idToken = tokens.id_token;
      claims = { ...idClaims };
      if (typeof claims.email !== 'string' && config.serverMetadata().userinfo_endpoint) {
        const info = await oidc.fetchUserInfo(config, tokens.access_token, idClaims.sub);
        claims = { ...info, ...claims, email: info.email ?? claims.email };
        for (const key of ['given_name', 'usual_name', 'family_name', 'name', 'email_verified'] as const) if (claims[key] === undefined && info[key] !== undefined) claims[key] = info[key];
      }
    } catch (error) {
      if (error instanceof OidcFailure) throw error;
      throw new OidcFailure('reponse-invalide', `réponse du fournisseur d’identité refusée : ${(error as Error).message}`);
    }
    if (typeof claims.email !== 'string' || !claims.email.includes('@')) throw new OidcFailure('email-absent', 'le fournisseur d’identité n’a pas transmis d’adresse électronique');
    if (claims.email_verified === false) throw new OidcFailure('email-non-verifie', 'le fournisseur d’identité indique une adresse électronique non vérifiée');
    const given = typeof claims.given_name === 'string' ? claims.given_name : '';
    const family = typeof claims.usual_name === 'string' ? claims.usual_name : typeof claims.family_name === 'string' ? claims.family_name : '';
    const name = `${given} ${family}`.trim() || (typeof claims.name === 'string' ? claims.name : '') || null;
    return { subject: String(claims.sub), email: claims.email.trim().toLowerCase(), name, idToken, returnTo: pending.return_to };
  }

  /** The provider's logout URL for a session opened through it, if the provider has one. */
  async logoutUrl(idToken: string | null): Promise<string | undefined> {
    try {
      const config = await this.configuration();
      if (!config.serverMetadata().end_session_endpoint) return undefined;
      const parameters: Record<string, string> = {
        post_logout_redirect_uri: this.settings.postLogoutRedirectUri ?? new URL('/', this.settings.redirectUri).href,
        state: oidc.randomState(),
      };
      if (idToken) parameters.id_token_hint = idToken;
      return oidc.buildEndSessionUrl(config, parameters).href;
    } catch {
      return undefined;
    }
  }

  /** Expired sign-ins go; beyond MAX_PENDING under way, the oldest go too. */
  private async prune(): Promise<void> {
    const states = this.db.kysely;
    await states.deleteFrom('oidc_states').where('expires_at', '<', new Date(this.now()).toISOString()).execute();
    const { n } = await states.selectFrom('oidc_states').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const excess = Number(n) - MAX_PENDING + 1;
    if (excess > 0) {
      await states
        .deleteFrom('oidc_states')
        .where('state_hash', 'in', (eb) => eb.selectFrom('oidc_states').select('state_hash').orderBy('expires_at').limit(excess))
        .execute();
    }
  }
}
