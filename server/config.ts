// Server configuration: read from the environment once, at start-up, and validated.
// A bad value stops the start with a French message naming the variable (see index.ts).
import * as v from 'valibot';
import type { OidcSettings } from './auth/oidc.ts';

export const LOG_LEVELS = ['info', 'warn', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export const SEED_MODES = ['demo', 'none'] as const;
export type SeedMode = (typeof SEED_MODES)[number];

export const CLIENT_MODES = ['auto', 'none'] as const;
export type ClientMode = (typeof CLIENT_MODES)[number];

export interface Config {
  port: number;
  host: string;
  databasePath: string;
  /** A shared PostgreSQL (postgres://…): when set, it is the database, and DATABASE_PATH is not used. */
  databaseUrl?: string;
  seed: SeedMode;
  /** info: start-up lines and one access-log line per request; warn: warnings and errors only; silent: nothing. */
  log: LogLevel;
  /** auto: serve dist/client, building it first if needed; none: API only (tests, benches). */
  client: ClientMode;
}

const blankToUndefined = (value: string | undefined) => (value === undefined || value.trim() === '' ? undefined : value.trim());

const EnvSchema = v.object({
  PORT: v.pipe(
    v.optional(v.string(), '3000'),
    v.transform((value: string) => {
      const text = blankToUndefined(value);
      return text === undefined ? 3000 : /^\d{1,5}$/.test(text) ? Number(text) : NaN;
    }),
    v.check((n) => Number.isInteger(n) && n >= 0 && n <= 65535, 'doit être un numéro de port entre 0 et 65535 (0 : port libre choisi par le système)'),
  ),
  HOST: v.pipe(
    v.optional(v.string(), '127.0.0.1'),
    v.transform((value) => blankToUndefined(value) ?? '127.0.0.1'),
    v.regex(/^[A-Za-z0-9.:[\]-]+$/, 'doit être un nom d’hôte ou une adresse IP (par exemple 127.0.0.1 ou 0.0.0.0)'),
  ),
  DATABASE_PATH: v.pipe(
    v.optional(v.string(), 'var/articulation.sqlite'),
    v.transform((value) => blankToUndefined(value) ?? 'var/articulation.sqlite'),
    v.check((value) => value !== ':memory:', 'doit être un chemin de fichier (la base en mémoire serait perdue à l’arrêt)'),
    v.check((value) => !value.includes('\u0000'), 'contient un caractère interdit'),
  ),
  DATABASE_URL: v.pipe(
    v.optional(v.string()),
    v.transform(blankToUndefined),
    v.check(
      (value) => value === undefined || (/^postgres(ql)?:\/\//i.test(value) && URL.canParse(value)),
      'doit être l’adresse d’une base PostgreSQL : postgres://utilisateur:mot-de-passe@hôte:5432/base (sans cette variable, la base est le fichier SQLite de DATABASE_PATH)',
    ),
  ),
  ARTICULATION_SEED: v.pipe(
    v.optional(v.string(), 'demo'),
    v.transform((value) => (blankToUndefined(value) ?? 'demo').toLowerCase()),
    v.picklist(SEED_MODES, (issue) => `valeur inconnue « ${String(issue.input)} » (attendu : demo ou none)`),
  ),
  LOG: v.pipe(
    v.optional(v.string(), 'info'),
    v.transform((value) => (blankToUndefined(value) ?? 'info').toLowerCase()),
    v.picklist(LOG_LEVELS, (issue) => `valeur inconnue « ${String(issue.input)} » (attendu : ${LOG_LEVELS.join(', ')})`),
  ),
  ARTICULATION_CLIENT: v.pipe(
    v.optional(v.string(), 'auto'),
    v.transform((value) => (blankToUndefined(value) ?? 'auto').toLowerCase()),
    v.picklist(CLIENT_MODES, (issue) => `valeur inconnue « ${String(issue.input)} » (attendu : auto ou none)`),
  ),
});

export class ConfigError extends Error {
  constructor(readonly problems: { variable: string; message: string }[]) {
    super(`Configuration invalide :\n${problems.map((p) => `  - ${p.variable} : ${p.message}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Read and validate the configuration; throws ConfigError naming each bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const input = {
    PORT: env.PORT,
    HOST: env.HOST,
    DATABASE_PATH: env.DATABASE_PATH,
    DATABASE_URL: env.DATABASE_URL,
    ARTICULATION_SEED: env.ARTICULATION_SEED,
    LOG: env.LOG,
    ARTICULATION_CLIENT: env.ARTICULATION_CLIENT,
  };
  const parsed = v.safeParse(EnvSchema, input, { abortPipeEarly: true });
  if (!parsed.success) {
    throw new ConfigError(
      parsed.issues.map((issue) => {
        const variable = String(issue.path?.[0]?.key ?? '?');
        // A database address may carry a password: never repeated.
        const raw = variable === 'DATABASE_URL' ? undefined : input[variable as keyof typeof input];
        return { variable, message: `${issue.message}${raw !== undefined ? ` (valeur reçue : « ${raw} »)` : ''}` };
      }),
    );
  }
  const out = parsed.output;
  return {
    port: out.PORT,
    host: out.HOST,
    databasePath: out.DATABASE_PATH,
    ...(out.DATABASE_URL !== undefined ? { databaseUrl: out.DATABASE_URL } : {}),
    seed: out.ARTICULATION_SEED,
    log: out.LOG,
    client: out.ARTICULATION_CLIENT,
  };
}

// ------------------------------------------------------------------ access control

export interface AuthConfig {
  /** The first administrator's email, and password (else a random one printed once). */
  adminEmail: string;
  adminPassword?: string;
  /** Read-only access without personal data for anonymous visitors. */
  publicRead: boolean;
  /** The address users reach the server at (behind a reverse proxy), e.g. https://articulation.ars.sante.fr */
  publicUrl?: string;
  /** Session cookies marked Secure (and named __Host-…): on by default when publicUrl is https. */
  secureCookies: boolean;
  /** Read the client address from X-Forwarded-For (behind a reverse proxy), for login throttling. */
  trustProxy: boolean;
  /** Single sign-on (ProConnect or another OpenID Connect provider). */
  oidc?: OidcSettings;
  /** Host names the server answers to (Host header, port aside); others get 421. Absent: any. */
  allowedHosts?: string[];
  /** The metrics collector's bearer token (GET /api/metrics); absent: no metrics. */
  metricsToken?: string;
}

export const ADMIN_PASSWORD_MIN_LENGTH = 12;
export const METRICS_TOKEN_MIN_LENGTH = 24;
const OIDC_REQUIRED = ['OIDC_ISSUER', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET', 'OIDC_REDIRECT_URI'] as const;
const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);
/** A DNS name, an IPv4 address or a bracketed IPv6 address. */
const HOST_NAME = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*|\[[0-9a-f:.]+\])$/;

function parseBoolean(value: string | undefined): boolean | undefined | 'invalid' {
  const text = blankToUndefined(value)?.toLowerCase();
  if (text === undefined) return undefined;
  if (['true', '1', 'oui', 'yes'].includes(text)) return true;
  if (['false', '0', 'non', 'no'].includes(text)) return false;
  return 'invalid';
}

function parseUrl(value: string, httpsUnlessLoopback: boolean): URL | string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'doit être une adresse absolue (https://…)';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'doit commencer par https://';
  if (httpsUnlessLoopback && url.protocol === 'http:' && !LOOPBACK.has(url.hostname)) return 'doit commencer par https:// (http:// n’est admis que sur cette machine : localhost, 127.0.0.1)';
  if (url.username || url.password) return 'ne doit pas contenir d’identifiants';
  return url;
}

/** Read and validate the access-control variables; throws ConfigError naming each bad variable. */
export function loadAuthConfig(env: Record<string, string | undefined> = process.env): AuthConfig {
  const problems: { variable: string; message: string }[] = [];
  const bad = (variable: string, message: string, raw?: string) => problems.push({ variable, message: `${message}${raw !== undefined ? ` (valeur reçue : « ${raw} »)` : ''}` });

  const adminEmail = (blankToUndefined(env.ARTICULATION_ADMIN_EMAIL) ?? 'admin@localhost').toLowerCase();
  if (!/^[^\s@]{1,64}@[^\s@]{1,190}$/.test(adminEmail)) bad('ARTICULATION_ADMIN_EMAIL', 'doit être une adresse électronique (nom@domaine)', env.ARTICULATION_ADMIN_EMAIL);

  const adminPassword = env.ARTICULATION_ADMIN_PASSWORD === undefined || env.ARTICULATION_ADMIN_PASSWORD === '' ? undefined : env.ARTICULATION_ADMIN_PASSWORD;
  if (adminPassword !== undefined && [...adminPassword].length < ADMIN_PASSWORD_MIN_LENGTH) {
    bad('ARTICULATION_ADMIN_PASSWORD', `doit compter au moins ${ADMIN_PASSWORD_MIN_LENGTH} caractères (le mot de passe n’est pas recopié ici)`);
  }

  const booleanVar = (name: string, fallback: boolean): boolean => {
    const parsed = parseBoolean(env[name]);
    if (parsed === 'invalid') {
      bad(name, 'attendu : true ou false', env[name]);
      return fallback;
    }
    return parsed ?? fallback;
  };
  const publicRead = booleanVar('ARTICULATION_PUBLIC_READ', false);
  const trustProxy = booleanVar('ARTICULATION_TRUST_PROXY', false);

  let publicUrl: string | undefined;
  const rawPublicUrl = blankToUndefined(env.ARTICULATION_PUBLIC_URL);
  if (rawPublicUrl !== undefined) {
    const url = parseUrl(rawPublicUrl, false);
    if (typeof url === 'string') bad('ARTICULATION_PUBLIC_URL', url, rawPublicUrl);
    else publicUrl = url.origin;
  }
  const secureCookies = booleanVar('ARTICULATION_SECURE_COOKIES', publicUrl?.startsWith('https:') ?? false);

  let oidc: OidcSettings | undefined;
  const present = OIDC_REQUIRED.filter((name) => blankToUndefined(env[name]) !== undefined);
  if (present.length > 0 && present.length < OIDC_REQUIRED.length) {
    for (const name of OIDC_REQUIRED) {
      if (!present.includes(name)) bad(name, `obligatoire dès qu’une variable OIDC_ est définie (${OIDC_REQUIRED.join(', ')} vont ensemble)`);
    }
  } else if (present.length === OIDC_REQUIRED.length) {
    const issuer = parseUrl(blankToUndefined(env.OIDC_ISSUER)!, true);
    if (typeof issuer === 'string') bad('OIDC_ISSUER', issuer, env.OIDC_ISSUER);
    const redirect = parseUrl(blankToUndefined(env.OIDC_REDIRECT_URI)!, true);
    if (typeof redirect === 'string') bad('OIDC_REDIRECT_URI', redirect, env.OIDC_REDIRECT_URI);
    else if (redirect.pathname !== '/api/auth/oidc/callback') bad('OIDC_REDIRECT_URI', 'doit se terminer par /api/auth/oidc/callback (l’adresse de retour de ce serveur)', env.OIDC_REDIRECT_URI);
    const postLogout = blankToUndefined(env.OIDC_POST_LOGOUT_REDIRECT_URI);
    if (postLogout !== undefined && typeof parseUrl(postLogout, true) === 'string') bad('OIDC_POST_LOGOUT_REDIRECT_URI', parseUrl(postLogout, true) as string, postLogout);
    const scopes = blankToUndefined(env.OIDC_SCOPES) ?? 'openid email given_name usual_name';
    if (!scopes.split(/\s+/).includes('openid')) bad('OIDC_SCOPES', 'doit contenir openid', env.OIDC_SCOPES);
    if (typeof issuer !== 'string' && typeof redirect !== 'string') {
      oidc = {
        issuer: blankToUndefined(env.OIDC_ISSUER)!,
        clientId: blankToUndefined(env.OIDC_CLIENT_ID)!,
        clientSecret: blankToUndefined(env.OIDC_CLIENT_SECRET)!,
        redirectUri: redirect.href,
        scopes,
        label: blankToUndefined(env.OIDC_LABEL) ?? 'ProConnect',
        ...(postLogout !== undefined ? { postLogoutRedirectUri: postLogout } : {}),
        ...(blankToUndefined(env.OIDC_ACR_VALUES) !== undefined ? { acrValues: blankToUndefined(env.OIDC_ACR_VALUES) } : {}),
      };
    }
  }

  let allowedHosts: string[] | undefined;
  const rawHosts = blankToUndefined(env.ARTICULATION_HOSTS);
  if (rawHosts !== undefined) {
    const names = rawHosts.split(/[\s,]+/).filter(Boolean).map((name) => name.toLowerCase().replace(/\.$/, ''));
    const invalid = names.filter((name) => !HOST_NAME.test(name));
    if (invalid.length) bad('ARTICULATION_HOSTS', `doit être une liste de noms d’hôte séparés par des virgules, sans port ni schéma (par exemple articulation.ars.sante.fr,localhost) ; invalide : ${invalid.join(', ')}`, rawHosts);
    // Where users reach the server is always allowed.
    else allowedHosts = [...new Set([...names, ...(publicUrl ? [new URL(publicUrl).hostname] : [])])];
  }

  const metricsToken = blankToUndefined(env.ARTICULATION_METRICS_TOKEN);
  if (metricsToken !== undefined && (metricsToken.length < METRICS_TOKEN_MIN_LENGTH || /\s/.test(metricsToken))) {
    bad('ARTICULATION_METRICS_TOKEN', `doit compter au moins ${METRICS_TOKEN_MIN_LENGTH} caractères, sans espace (le jeton n’est pas recopié ici ; par exemple : openssl rand -hex 24)`);
  }

  if (problems.length) throw new ConfigError(problems);
  return {
    adminEmail,
    ...(adminPassword !== undefined ? { adminPassword } : {}),
    publicRead,
    ...(publicUrl !== undefined ? { publicUrl } : {}),
    secureCookies,
    trustProxy,
    ...(oidc ? { oidc } : {}),
    ...(allowedHosts ? { allowedHosts } : {}),
    ...(metricsToken !== undefined ? { metricsToken } : {}),
  };
}

/** Both configurations, with every problem of both reported at once. */
export function loadServerConfig(env: Record<string, string | undefined> = process.env): { config: Config; auth: AuthConfig } {
  const problems: { variable: string; message: string }[] = [];
  let config: Config | undefined;
  let auth: AuthConfig | undefined;
  try {
    config = loadConfig(env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    problems.push(...error.problems);
  }
  try {
    auth = loadAuthConfig(env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    problems.push(...error.problems);
  }
  if (problems.length) throw new ConfigError(problems);
  return { config: config!, auth: auth! };
}
