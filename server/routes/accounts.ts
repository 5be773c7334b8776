// Account management, for administrators: create an account (email, role, scope, optional
// password), change its role, scope or state, set or generate its password, delete it.
import type { Context } from 'hono';
import { Hono } from 'hono';
import { describeRoute, resolver } from 'hono-openapi';
import * as v from 'valibot';
import type { Account } from '../auth/types.ts';
import { ROLES } from '../auth/types.ts';
import { requires } from '../auth/access.ts';
import type { AppEnv, Deps } from '../context.ts';
import type { Snapshot } from '../store.ts';
import { ErrorSchema, badRequest, conflict } from '../errors.ts';
import { params, validJson } from '../http.ts';

const errorContent = { 'application/json': { schema: resolver(ErrorSchema) } };
const object = { 'application/json': { schema: { type: 'object' as const } } };
const SMALL_BODY = 64 * 1024;
const IdNumber = v.object({ id: v.pipe(v.string(), v.regex(/^\d{1,12}$/, 'doit être un numéro de compte'), v.transform(Number)) });

const role = v.picklist(ROLES, (issue) => `rôle inconnu « ${String(issue.input)} » (attendu : ${ROLES.join(', ')})`);
const NewAccountBody = v.object({
  email: v.string('obligatoire : l’adresse électronique (c’est aussi l’identifiant de connexion unique)'),
  name: v.optional(v.nullable(v.string('doit être un texte'))),
  role,
  scope: v.optional(v.unknown()),
  password: v.optional(v.string('doit être un texte')),
  generatePassword: v.optional(v.boolean('doit être vrai ou faux')),
});
const PatchBody = v.object({
  email: v.optional(v.string('doit être un texte')),
  name: v.optional(v.nullable(v.string('doit être un texte'))),
  role: v.optional(role),
  scope: v.optional(v.unknown()),
  disabled: v.optional(v.boolean('doit être vrai ou faux')),
});
const PasswordBody = v.object({
  password: v.optional(v.string('doit être un texte')),
  generate: v.optional(v.boolean('doit être vrai ou faux')),
  remove: v.optional(v.boolean('doit être vrai ou faux')),
});


const responses = (ok: string, ...codes: number[]) => ({
  200: { description: ok, content: object },
  ...Object.fromEntries(codes.map((code) => [code, { description: { 400: 'Corps invalide', 404: 'Compte inconnu', 409: 'Conflit (adresse déjà prise, dernier administrateur, votre propre compte)' }[code] ?? 'Erreur', content: errorContent }])),
});

export function accountRoutes({ auth, store, writer }: Deps) {
  const { accounts, policy } = auth;
  const view = async (a: Account, snap?: Snapshot) => ({ ...auth.describe(a, snap ?? (await store.snapshot())), disabled: a.disabled, createdAt: a.createdAt, updatedAt: a.updatedAt, lastLoginAt: a.lastLoginAt });
  const me = (c: Context<AppEnv>) => c.get('principal')!.account.id;

  // Every account route is the administrators'.
  const admin = requires('accounts');
  return new Hono<AppEnv>()
    .get('/', admin, describeRoute({ tags: ['Comptes'], summary: 'Lister les comptes', responses: responses('Comptes') }), async (c) => {
      const snap = await store.snapshot();
      return c.json({ items: await Promise.all((await accounts.list()).map((a) => view(a, snap))) }, 200);
    })
    .post(
      '/',
      admin,
      describeRoute({
        tags: ['Comptes'],
        summary: 'Créer un compte',
        description:
          'Corps : { email, name, role, scope, password | generatePassword }. role : admin, ars (scope { regions, departements }), coordinateur (scope { mechanisms }), lecteur. Sans mot de passe, le compte ne se connecte que par connexion unique (ProConnect), avec cette adresse. generatePassword=true : un mot de passe aléatoire, montré une seule fois dans la réponse.',
        responses: { ...responses('Créé', 400, 409), 201: { description: 'Créé', content: object } },
      }),
      validJson(NewAccountBody, { maxBytes: SMALL_BODY }),
      async (c) => {
        const body = c.req.valid('json');
        const scope = policy.validateScope(body.role, body.scope, await store.snapshot());
        if (body.password !== undefined && body.generatePassword) throw badRequest('password et generatePassword s’excluent', [{ path: 'generatePassword', message: 'donnez un mot de passe ou demandez-en un' }]);
        const created = await accounts.create(
          { email: body.email, name: body.name ?? null, role: body.role, scope, password: body.generatePassword ? { generate: true } : body.password },
          me(c),
        );
        c.header('Location', `/api/accounts/${created.account.id}`);
        c.header('Cache-Control', 'no-store');
        return c.json({ account: await view(created.account), ...(created.password ? { password: created.password } : {}) }, 201);
      },
    )
    .get('/:id', admin, describeRoute({ tags: ['Comptes'], summary: 'Lire un compte', responses: responses('Le compte', 404) }), params(IdNumber), async (c) =>
      c.json(await view(await accounts.require(c.req.valid('param').id)), 200),
    )
    .patch(
      '/:id',
      admin,
      describeRoute({
        tags: ['Comptes'],
        summary: 'Modifier un compte',
        description: 'Champs à changer : email, name, role, scope, disabled. Un changement de rôle, de périmètre ou la désactivation ferment les sessions du compte. Le dernier administrateur actif reste administrateur et actif ; on ne se désactive pas soi-même.',
        responses: responses('Modifié', 400, 404, 409),
      }),
      params(IdNumber),
      validJson(PatchBody, { maxBytes: SMALL_BODY }),
      async (c) => {
        const { id } = c.req.valid('param');
        const body = c.req.valid('json');
        const current = await accounts.require(id);
        if (id === me(c) && (body.disabled === true || (body.role !== undefined && body.role !== 'admin'))) {
          throw conflict('vous ne pouvez ni désactiver votre propre compte ni lui retirer le rôle d’administrateur', [{ path: body.disabled ? 'disabled' : 'role', message: 'votre propre compte' }]);
        }
        const nextRole = body.role ?? current.role;
        const scope = body.scope !== undefined || nextRole !== current.role ? policy.validateScope(nextRole, body.scope ?? (nextRole === current.role ? current.scope : {}), await store.snapshot()) : undefined;
        await writer.idle();
        const updated = await accounts.update(id, { email: body.email, name: body.name, role: body.role, scope, disabled: body.disabled }, me(c));
        return c.json(await view(updated), 200);
      },
    )
    .post(
      '/:id/password',
      admin,
      describeRoute({
        tags: ['Comptes'],
        summary: 'Définir, générer ou retirer le mot de passe d’un compte',
        description: 'Corps : { password } (12 caractères au moins), { generate: true } (montré une seule fois) ou { remove: true } (connexion unique seulement). Ferme les sessions du compte.',
        responses: responses('Fait', 400, 404),
      }),
      params(IdNumber),
      validJson(PasswordBody, { maxBytes: SMALL_BODY }),
      async (c) => {
        const { id } = c.req.valid('param');
        const body = c.req.valid('json');
        const chosen = [body.password !== undefined, body.generate === true, body.remove === true].filter(Boolean).length;
        if (chosen !== 1) throw badRequest('donnez un mot de passe, ou generate: true, ou remove: true', [{ path: '(corps)', message: 'une seule des trois options' }]);
        const result = await accounts.setPassword(id, body.remove ? null : body.generate ? { generate: true } : body.password!, me(c));
        c.header('Cache-Control', 'no-store');
        return c.json({ account: await view(result.account), ...(result.password ? { password: result.password } : {}) }, 200);
      },
    )
    .delete(
      '/:id',
      admin,
      describeRoute({
        tags: ['Comptes'],
        summary: 'Supprimer un compte',
        description: 'Supprime le compte, ses sessions et ses jetons. Le journal garde le numéro du compte pour ses écritures ; les entrées qui décrivent le compte perdent son adresse et son nom.',
        responses: responses('Supprimé', 404, 409),
      }),
      params(IdNumber),
      async (c) => {
        const { id } = c.req.valid('param');
        if (id === me(c)) throw conflict('vous ne pouvez pas supprimer votre propre compte', [{ path: 'id', message: 'votre propre compte' }]);
        await writer.idle();
        await accounts.remove(id, me(c));
        return c.json({ deleted: id }, 200);
      },
    );
}
