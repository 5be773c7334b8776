// Who may call what, declared once. Each route states its access with `requires(…)` as the first
// handler of its chain; /auth/me's permissions, the scope policy's role checks and who reads
// people pseudonymised (seesPersonalData) read the same abilities (`allows`), so that no list of
// roles is written twice.
//
//   public     anyone, without an account (health, signing in)
//   read       an account, or anyone when public read is on (views without personal data)
//   signed-in  any account (the people, pseudonymised for readers; one's own tokens)
//   <ability>  an account whose role holds that ability (ABILITIES below)
//   metrics    the metrics collector, with its own token (ARTICULATION_METRICS_TOKEN), no account
import type { Context, MiddlewareHandler } from 'hono';
import { ACCOUNT_ROLE_LABELS, type AccountRole } from '../../model/vocabulary.ts';
import { ApiError } from '../errors.ts';
import type { AppEnv } from '../context.ts';

const WRITERS = ['admin', 'ars', 'coordinateur'] as const;

/** What each role may do beyond reading; `action` completes « votre rôle ne permet pas … ». */
export const ABILITIES = {
  write: { roles: WRITERS, action: 'de modifier les données' },
  createMechanisms: { roles: ['admin', 'ars'], action: 'de créer un dispositif' },
  deleteMechanisms: { roles: ['admin', 'ars'], action: 'de supprimer un dispositif' },
  importMerge: { roles: WRITERS, action: 'd’importer des données' },
  importReplace: { roles: ['admin'], action: 'de remplacer tout le jeu de données (réservé aux administrateurs ; les autres rôles peuvent importer en fusion, mode=merge)' },
  audit: { roles: ['admin', 'ars'], action: 'de consulter le journal (réservé aux administrateurs et aux agents d’ARS)' },
  undo: { roles: WRITERS, action: 'd’annuler une modification' },
  accounts: { roles: ['admin'], action: 'de gérer les comptes (réservé aux administrateurs)' },
  /** People's names and contact details, in every answer and export (others read pseudonyms). */
  personalData: { roles: WRITERS, action: 'de voir les données personnelles' },
} as const satisfies Record<string, { roles: readonly AccountRole[]; action: string }>;

export type Ability = keyof typeof ABILITIES;
export type Access = 'public' | 'read' | 'signed-in' | 'metrics' | Ability;

/** Does this role hold this ability? */
export function allows(role: AccountRole, ability: Ability): boolean {
  return (ABILITIES[ability].roles as readonly AccountRole[]).includes(role);
}

/** Every ability of a role, true or false: what /auth/me tells the client. */
export function permissionsOf(role: AccountRole): Record<Ability, boolean> {
  return Object.fromEntries((Object.keys(ABILITIES) as Ability[]).map((ability) => [ability, allows(role, ability)])) as Record<Ability, boolean>;
}

export const unauthorized = (message = 'authentification requise : connectez-vous, ou envoyez un jeton d’accès (Authorization: Bearer …)') =>
  new ApiError(401, message, [{ path: '(authentification)', message: 'aucune session ni jeton valide' }]);

export const forbidden = (message: string, issues: { path: string; message: string }[] = []) => new ApiError(403, message, issues);

/** The refusal of a role that lacks an ability, in French. */
export function refusal(role: AccountRole, ability: Ability): ApiError {
  const { roles, action } = ABILITIES[ability];
  return forbidden(`accès refusé : votre rôle (${ACCOUNT_ROLE_LABELS[role]}) ne permet pas ${action}`, [
    { path: '(rôle)', message: `rôle requis : ${roles.map((r) => ACCOUNT_ROLE_LABELS[r]).join(' ou ')}` },
  ]);
}

/** Where a route's declaration hangs on its handler, for `declaredAccess`. */
const ACCESS = Symbol('access');
type Declaration = Access | ((c: Context<AppEnv>) => Access);

/**
 * A route's access, as the first handler of its chain: 401 without an account where one is
 * needed, 403 when the role lacks the ability. `access` may depend on the request (an import's mode).
 */
export function requires(access: Declaration): MiddlewareHandler<AppEnv> {
  const middleware: MiddlewareHandler<AppEnv> = async (c, next) => {
    const needed = typeof access === 'function' ? access(c) : access;
    const principal = c.get('principal');
    if (needed === 'public' || (needed === 'read' && !principal && c.get('publicRead'))) return next();
    if (needed === 'metrics') {
      if (c.get('metricsCollector')) return next();
      if (principal) throw forbidden('réservé au collecteur de métriques : envoyez le jeton ARTICULATION_METRICS_TOKEN (aucun compte n’y donne accès)', [{ path: '(authentification)', message: 'jeton des métriques attendu' }]);
      c.header('WWW-Authenticate', 'Bearer realm="articulation-metrics"');
      throw unauthorized('métriques : envoyez le jeton ARTICULATION_METRICS_TOKEN (Authorization: Bearer …) ; sans cette variable, les métriques sont désactivées');
    }
    if (!principal) {
      if (!c.req.header('authorization')) c.header('WWW-Authenticate', 'Bearer realm="articulation"');
      throw unauthorized();
    }
    if (needed !== 'read' && needed !== 'signed-in' && !allows(principal.account.role, needed)) throw refusal(principal.account.role, needed);
    return next();
  };
  return Object.assign(middleware, { [ACCESS]: access });
}

/** The access a handler declares, if it is a `requires(…)`. */
export function declaredAccess(handler: unknown): Declaration | undefined {
  return typeof handler === 'function' ? (handler as { [ACCESS]?: Declaration })[ACCESS] : undefined;
}
