// Signing in and out: local accounts (email and password), single sign-on (OpenID Connect,
// ProConnect), the current account (/auth/me: role, scope, what it may do, the CSRF token), and
// the API tokens of scripts.
import type { Context } from 'hono';
import { Hono } from 'hono';
import { deleteCookie, getCookie } from 'hono/cookie';
import { describeRoute, resolver } from 'hono-openapi';
import * as v from 'valibot';
import { OidcFailure, safeReturnPath } from '../auth/oidc.ts';
import { allows, forbidden, requires, unauthorized } from '../auth/access.ts';
import { PASSWORD_MAX_LENGTH } from '../auth/secrets.ts';
import { plural } from '../../model/text.ts';
import type { AppEnv, Deps } from '../context.ts';
import { ApiError, ErrorSchema, badRequest, notFound } from '../errors.ts';
import { params, validJson } from '../http.ts';
import { NO_NUL } from '../schemas.ts';

const json = (schema: v.GenericSchema) => ({ 'application/json': { schema: resolver(schema) } });
const errorContent = json(ErrorSchema);
const object = { 'application/json': { schema: { type: 'object' as const } } };
const SMALL_BODY = 16 * 1024;

/** Why single sign-on failed, as the login page reads it (/#/connexion?erreur=…). */
export type SignInFailure = OidcFailure['code'] | 'compte-inconnu' | 'compte-desactive';

/** The one answer to a refused login, whatever the reason (unknown email, wrong password, disabled account). */
export const LOGIN_REFUSED = 'adresse électronique ou mot de passe incorrect';

const LoginBody = v.object({
  email: v.pipe(v.string('doit être un texte'), v.trim(), v.minLength(1, 'obligatoire'), v.maxLength(254, 'au plus 254 caractères'), NO_NUL),
  password: v.pipe(v.string('doit être un texte'), v.minLength(1, 'obligatoire'), v.maxLength(PASSWORD_MAX_LENGTH, `au plus ${PASSWORD_MAX_LENGTH} caractères`)),
});
const TokenBody = v.object({
  name: v.pipe(v.string('doit être un texte'), v.trim(), v.minLength(1, 'obligatoire : à quoi sert ce jeton ?'), v.maxLength(100, 'au plus 100 caractères'), NO_NUL),
  expiresInDays: v.optional(v.number('doit être un nombre de jours')),
  account: v.optional(v.number('doit être un numéro de compte')),
});
const IdNumber = v.object({ id: v.pipe(v.string(), v.regex(/^\d{1,12}$/, 'doit être un numéro'), v.transform(Number)) });


export function authRoutes({ auth, store, writer }: Deps) {
  const { accounts, sessions, tokens } = auth;

  const me = async (c: Context<AppEnv>) => {
    const principal = c.get('principal');
    const common = { publicRead: auth.publicRead, oidc: { enabled: auth.oidc !== undefined, label: auth.oidc?.settings.label ?? null } };
    if (!principal) return { authenticated: false as const, ...common };
    const snap = await store.snapshot();
    return {
      authenticated: true as const,
      ...common,
      via: principal.via,
      account: auth.describe(principal.account, snap),
      csrfToken: principal.session?.csrfToken ?? null,
      sessionExpiresAt: principal.session?.expiresAt ?? null,
      permissions: auth.permissions(principal.account, snap),
    };
  };

  const loginError = (c: Context, code: SignInFailure) => c.redirect(`/#/connexion?erreur=${encodeURIComponent(code)}`, 302);

  return new Hono<AppEnv>()
    .get(
      '/auth/me',
      requires('public'),
      describeRoute({
        tags: ['Authentification'],
        summary: 'Le compte connecté',
        description:
          'authenticated=false pour un visiteur anonyme (publicRead dit si la lecture sans compte est ouverte, oidc si la connexion unique est proposée). Sinon : le compte, son rôle et son périmètre en clair, ce qu’il peut faire (permissions, dont la liste des dispositifs qu’il peut modifier) et le jeton anti-CSRF de la session, à renvoyer dans l’en-tête X-CSRF-Token de chaque écriture.',
        responses: { 200: { description: 'Le compte ou l’état anonyme', content: object } },
      }),
      async (c) => {
        c.header('Cache-Control', 'no-store');
        return c.json(await me(c), 200);
      },
    )
    .post(
      '/auth/login',
      requires('public'),
      describeRoute({
        tags: ['Authentification'],
        summary: 'Se connecter (adresse électronique et mot de passe)',
        description:
          'Ouvre une session : cookie HttpOnly, SameSite=Lax (Secure derrière https), valable 12 h (2 h sans activité). Un refus donne toujours le même message, quelle qu’en soit la cause. Après 5 échecs en une minute pour un même compte ou une même adresse : 429 (Retry-After).',
        responses: {
          200: { description: 'Connecté : le compte et le jeton anti-CSRF', content: object },
          400: { description: 'Corps invalide', content: errorContent },
          401: { description: LOGIN_REFUSED, content: errorContent },
          415: { description: 'Le corps doit être du JSON', content: errorContent },
          429: { description: 'Trop de tentatives', content: errorContent },
        },
      }),
      validJson(LoginBody, { maxBytes: SMALL_BODY }),
      async (c) => {
        const body = c.req.valid('json');
        const accountKey = `compte:${body.email.toLowerCase()}`;
        const keys = [accountKey, `adresse:${auth.clientAddress(c)}`];
        const wait = await auth.throttle.retryAfter(keys);
        if (wait > 0) {
          c.header('Retry-After', String(wait));
          throw new ApiError(429, `trop de tentatives de connexion : réessayez dans ${plural(wait, 'seconde')}`, [{ path: '(connexion)', message: 'tentatives limitées' }]);
        }
        const account = await accounts.verifyLogin(body.email, body.password);
        if (!account) {
          await auth.throttle.fail(keys);
          throw new ApiError(401, LOGIN_REFUSED, [{ path: '(connexion)', message: LOGIN_REFUSED }]);
        }
        await writer.idle();
        await auth.throttle.clear(accountKey);
        // Never keep a session identifier from before the login (session fixation).
        const previous = c.get('principal');
        if (previous?.session) await sessions.end(previous.session.idHash);
        const { token, session } = await sessions.create(account.id, 'password');
        await accounts.recordLogin(account.id);
        auth.setSessionCookie(c, token);
        c.set('principal', { account, via: 'session', session });
        c.header('Cache-Control', 'no-store');
        return c.json(await me(c), 200);
      },
    )
    .post(
      '/auth/logout',
      requires('public'),
      describeRoute({
        tags: ['Authentification'],
        summary: 'Se déconnecter',
        description: 'Ferme la session (avec l’en-tête X-CSRF-Token). Pour une session ouverte par connexion unique, logoutUrl est l’adresse de déconnexion du fournisseur d’identité, où envoyer le navigateur.',
        responses: { 200: { description: 'Déconnecté', content: object } },
      }),
      async (c) => {
        const principal = c.get('principal');
        let logoutUrl: string | null = null;
        if (principal?.session) {
          await writer.idle();
          await sessions.end(principal.session.idHash);
          if (principal.session.method === 'oidc' && auth.oidc) logoutUrl = (await auth.oidc.logoutUrl(principal.session.idToken)) ?? null;
        }
        auth.clearSessionCookie(c);
        return c.json({ authenticated: false as const, logoutUrl }, 200);
      },
    )
    .get(
      '/auth/oidc/start',
      requires('public'),
      describeRoute({
        tags: ['Authentification'],
        summary: 'Connexion unique (ProConnect) : départ',
        description: 'Redirige vers le fournisseur d’identité (code d’autorisation avec PKCE, state et nonce). returnTo : le chemin de ce site où revenir.',
        responses: { 302: { description: 'Vers le fournisseur' }, 404: { description: 'Connexion unique non configurée', content: errorContent } },
      }),
      async (c) => {
        if (!auth.oidc) throw notFound('la connexion unique n’est pas configurée sur ce serveur (variables OIDC_…)');
        try {
          const { url, state } = await auth.oidc.begin(safeReturnPath(c.req.query('returnTo')));
          auth.setOidcCookie(c, state);
          return c.redirect(url, 302);
        } catch (error) {
          if (error instanceof OidcFailure) return loginError(c, error.code);
          throw error;
        }
      },
    )
    .get(
      '/auth/oidc/callback',
      requires('public'),
      describeRoute({
        tags: ['Authentification'],
        summary: 'Connexion unique (ProConnect) : retour',
        description:
          'Le fournisseur renvoie ici le navigateur. Le compte est retrouvé par son adresse électronique ; il doit exister (créé par un administrateur, qui donne le rôle) et être actif. Ouvre une session puis redirige vers returnTo ; en cas d’échec, vers /#/connexion?erreur=….',
        responses: { 302: { description: 'Vers l’application' } },
      }),
      async (c) => {
        if (!auth.oidc) throw notFound('la connexion unique n’est pas configurée sur ce serveur (variables OIDC_…)');
        const browserState = getCookie(c, auth.oidcCookie);
        deleteCookie(c, auth.oidcCookie, { path: '/', secure: auth.secureCookies });
        let identity;
        try {
          identity = await auth.oidc.complete(new URL(c.req.url).searchParams, browserState);
        } catch (error) {
          if (error instanceof OidcFailure) return loginError(c, error.code);
          throw error;
        }
        const account = await accounts.findByEmail(identity.email);
        if (!account) return loginError(c, 'compte-inconnu');
        if (account.disabled) return loginError(c, 'compte-desactive');
        await writer.idle();
        const previous = c.get('principal');
        if (previous?.session) await sessions.end(previous.session.idHash);
        const { token } = await sessions.create(account.id, 'oidc', identity.idToken ?? null);
        await accounts.recordLogin(account.id, identity.subject);
        if (account.name === null && identity.name) await accounts.update(account.id, { name: identity.name }, account.id);
        auth.setSessionCookie(c, token);
        return c.redirect(identity.returnTo, 302);
      },
    )
    .get(
      '/auth/tokens',
      requires('signed-in'),
      describeRoute({
        tags: ['Authentification'],
        summary: 'Mes jetons d’accès',
        description: 'Les jetons du compte connecté (jamais leur valeur, montrée une seule fois à la création). Un administrateur peut demander ceux d’un autre compte (?account=numéro) ou de tous (?account=all).',
        responses: { 200: { description: 'Jetons', content: object } },
      }),
      async (c) => {
        const principal = c.get('principal')!;
        const wanted = c.req.query('account');
        if (wanted !== undefined && !allows(principal.account.role, 'accounts')) throw forbidden('seul un administrateur voit les jetons des autres comptes');
        const accountId = wanted === undefined ? principal.account.id : wanted === 'all' ? undefined : /^\d{1,12}$/.test(wanted) ? Number(wanted) : NaN;
        if (Number.isNaN(accountId)) throw badRequest('paramètre account invalide', [{ path: 'account', message: 'un numéro de compte ou all' }]);
        return c.json({ items: await tokens.list(accountId) }, 200);
      },
    )
    .post(
      '/auth/tokens',
      requires('signed-in'),
      describeRoute({
        tags: ['Authentification'],
        summary: 'Créer un jeton d’accès pour un script',
        description:
          'Corps : { name, expiresInDays } (1 à 365 jours, défaut 90). La valeur du jeton (token) n’est montrée qu’ici, une seule fois ; le serveur n’en garde que l’empreinte. Elle s’emploie dans l’en-tête Authorization: Bearer <jeton>, avec les droits du compte. Depuis une session seulement (un jeton ne crée pas de jeton).',
        responses: { 201: { description: 'Le jeton, montré une fois', content: object }, 400: { description: 'Corps invalide', content: errorContent }, 403: { description: 'Depuis un jeton', content: errorContent } },
      }),
      validJson(TokenBody, { maxBytes: SMALL_BODY }),
      async (c) => {
        const principal = c.get('principal')!;
        if (principal.via !== 'session') throw forbidden('un jeton d’accès ne peut pas créer d’autre jeton : connectez-vous dans le navigateur, ou utilisez npm run users -- token');
        const body = c.req.valid('json');
        if (body.account !== undefined && body.account !== principal.account.id && !allows(principal.account.role, 'accounts')) throw forbidden('seul un administrateur crée des jetons pour un autre compte');
        await writer.idle();
        const { token, info } = await tokens.create(body.account ?? principal.account.id, body.name, body.expiresInDays, principal.account.id);
        c.header('Cache-Control', 'no-store');
        return c.json({ token, ...info }, 201);
      },
    )
    .delete(
      '/auth/tokens/:id',
      requires('signed-in'),
      describeRoute({
        tags: ['Authentification'],
        summary: 'Révoquer un jeton d’accès',
        description: 'Le jeton est refusé dès maintenant (401). Son propriétaire ou un administrateur.',
        responses: { 200: { description: 'Révoqué', content: object }, 404: { description: 'Jeton inconnu', content: errorContent } },
      }),
      params(IdNumber),
      async (c) => {
        const principal = c.get('principal');
        if (!principal) throw unauthorized();
        const { id } = c.req.valid('param');
        const found = await tokens.get(id);
        if (!found || (found.accountId !== principal.account.id && !allows(principal.account.role, 'accounts'))) throw notFound(`jeton introuvable : n° ${id}`);
        await writer.idle();
        return c.json(await tokens.revoke(id, principal.account.id), 200);
      },
    );
}
