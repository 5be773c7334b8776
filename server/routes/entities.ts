// CRUD on mechanisms, people and links. Updates and deletes name the version they read
// (If-Match or a `version` field, `?version=` for deletes) and get 409 with the current state
// when it is stale.
import { Hono, type Context } from 'hono';
import { describeRoute, resolver } from 'hono-openapi';
import * as v from 'valibot';
import { LinkSchema, MechanismSchema, PersonSchema } from '../../model/schema.ts';
import { requires } from '../auth/access.ts';
import { isObject } from '../canonical.ts';
import type { AppEnv, Deps } from '../context.ts';
import { ErrorSchema, badRequest, notFound, valibotIssues } from '../errors.ts';
import { ENTITY_BODY_LIMIT, expectedVersion, jsonBody, params, query, readOptionalJson } from '../http.ts';
import { DeleteBody, IdParam, bodies, recordSchema } from '../schemas.ts';
import type { EntityData, EntityKind, EntityRecord } from '../store.ts';

const TAGS: Record<EntityKind, string> = { mechanisms: 'Dispositifs', people: 'Personnes', links: 'Liens' };
const NAMES: Record<EntityKind, { one: string; many: string }> = {
  mechanisms: { one: 'un dispositif', many: 'les dispositifs' },
  people: { one: 'une personne', many: 'les personnes' },
  links: { one: 'un lien', many: 'les liens' },
};
const DATA_SCHEMAS = { mechanisms: MechanismSchema, people: PersonSchema, links: LinkSchema } as const;
const IF_MATCH = {
  in: 'header' as const,
  name: 'If-Match',
  required: false,
  description: 'La version lue (par exemple "3") ; obligatoire ici ou dans le champ « version ».',
  schema: { type: 'string' as const },
};

const json = (schema: v.GenericSchema) => ({ 'application/json': { schema: resolver(schema) } });
const errors = (...codes: number[]) =>
  Object.fromEntries(codes.map((code) => [code, { description: ERROR_TEXT[code] ?? 'Erreur', content: json(ErrorSchema) }]));
const ERROR_TEXT: Record<number, string> = {
  400: 'Requête invalide (issues détaille chaque problème)',
  401: 'Authentification requise (session ou jeton d’accès)',
  403: 'Rôle ou périmètre insuffisant : rien n’a été écrit',
  404: 'Introuvable',
  409: 'Conflit : version périmée (current donne l’état actuel), identifiant déjà pris, ou objet encore référencé',
  413: 'Corps trop volumineux',
  415: 'Le corps doit être du JSON',
};

function withEtag<T>(c: Context, record: EntityRecord<T>): EntityRecord<T> {
  c.header('ETag', `"${record.version}"`);
  return record;
}

/** The version field of an update body is the concurrency token, not part of the stored object. */
function splitVersion(body: Record<string, unknown>): { data: Record<string, unknown>; version: unknown } {
  const { version, ...data } = body;
  return { data, version };
}

export function entityRoutes<K extends EntityKind>(kind: K, deps: Deps) {
  const { store, schemas, auth, writer } = deps;
  /** Readers and anonymous visitors read the pseudonymised state: people and mechanisms' coordinators are pseudonyms. */
  const readable = async (c: Context<AppEnv>) => (auth.seesPersonalData(c) ? store.snapshot() : auth.privacy.snapshot(await store.snapshot()));
  const listSchema = { mechanisms: schemas.mechanismList, people: schemas.personList, links: schemas.linkList }[kind];
  const record = recordSchema(DATA_SCHEMAS[kind]);
  const tags = [TAGS[kind]];
  // People carry names and contact details: never shown to anonymous visitors, even with public read.
  const read = requires(kind === 'people' ? 'signed-in' : 'read');
  const write = requires('write');

  return new Hono<AppEnv>()
    .get(
      '/',
      read,
      describeRoute({
        tags,
        summary: `Lister ${NAMES[kind].many}`,
        description: `Filtres : kind, status, departement, region (listes séparées par des virgules), q (texte, sans accents ni casse), limit (défaut 1000), offset.${kind === 'mechanisms' ? ' Dispositifs seulement : theme (identifiant ou libellé d’un thème), place (un lieu que le périmètre rencontre : commune:79270, epci:200041317 ou code-postal:79400).' : ''}`,
        responses: { 200: { description: 'Liste', content: json(v.object({ total: v.number(), offset: v.number(), limit: v.number(), dataVersion: v.number(), items: v.array(record) })) }, ...errors(400) },
      }),
      query(listSchema),
      async (c) => {
        const q = c.req.valid('query') as v.InferOutput<typeof schemas.linkList>;
        const limit = q.limit ?? 1000;
        const offset = q.offset ?? 0;
        const snap = await readable(c);
        // Mechanisms may also be filtered by theme and by place (schemas.ts, mechanismList).
        const { theme, place } = c.req.valid('query') as Partial<v.InferOutput<typeof schemas.mechanismList>>;
        const result = store.list(kind, { kinds: q.kind, statuses: q.status, departements: q.departement, regions: q.region, q: q.q, mechanism: q.mechanism, theme, communes: place?.communes, limit, offset }, snap);
        return c.json({ total: result.total, offset, limit, dataVersion: snap.dataVersion, items: result.items as EntityRecord<EntityData[K]>[] }, 200);
      },
    )
    .get(
      '/:id',
      read,
      describeRoute({ tags, summary: `Lire ${NAMES[kind].one}`, responses: { 200: { description: 'L’objet, sa version et sa date de mise à jour (ETag : la version)', content: json(record) }, ...errors(404) } }),
      params(IdParam),
      async (c) => {
        const { id } = c.req.valid('param');
        const found = (await readable(c)).index[kind].get(id) as EntityRecord<EntityData[K]> | undefined;
        if (!found) throw notFound(`${NAMES[kind].one.replace(/^une? /, '')} introuvable : « ${id} »`);
        return c.json(withEtag(c, found), 200);
      },
    )
    .post(
      '/',
      write,
      describeRoute({
        tags,
        summary: `Créer ${NAMES[kind].one}`,
        description: 'Le corps est l’objet au format articulation/1. Sans identifiant, le serveur en forme un.',
        responses: { 201: { description: 'Créé (version 1)', content: json(record) }, ...errors(400, 401, 403, 409, 413, 415) },
      }),
      // The store checks the body (shape, codes, ids, link ends) and reports every problem at once.
      jsonBody(bodies[kind].create, { maxBytes: ENTITY_BODY_LIMIT }),
      async (c) => {
        const body = c.req.valid('json') as unknown;
        await writer.idle();
        const created = await store.create(kind, body, auth.writeContext(c));
        c.header('Location', `/api/${kind}/${encodeURIComponent(created.id)}`);
        return c.json(withEtag(c, created), 201);
      },
    )
    .put(
      '/:id',
      write,
      describeRoute({
        tags,
        summary: `Remplacer ${NAMES[kind].one}`,
        parameters: [IF_MATCH],
        description: 'Le corps est l’objet complet ; la version lue est envoyée dans If-Match ou dans le champ « version ». Version périmée : 409 avec l’état actuel (current).',
        responses: { 200: { description: 'Mis à jour (version + 1)', content: json(record) }, ...errors(400, 401, 403, 404, 409, 413, 415) },
      }),
      params(IdParam),
      jsonBody(bodies[kind].update, { maxBytes: ENTITY_BODY_LIMIT }),
      async (c) => {
        const { id } = c.req.valid('param');
        const raw = c.req.valid('json') as unknown;
        if (!isObject(raw)) throw badRequest(`le corps doit être un objet JSON décrivant ${NAMES[kind].one}`, [{ path: '(corps)', message: 'doit être un objet' }]);
        const { data, version } = splitVersion(raw);
        const expected = expectedVersion(c, version);
        await writer.idle();
        return c.json(withEtag(c, await store.update(kind, id, data, expected, auth.writeContext(c))), 200);
      },
    )
    .delete(
      '/:id',
      write,
      describeRoute({
        tags,
        summary: `Supprimer ${NAMES[kind].one}`,
        parameters: [IF_MATCH],
        description:
          kind === 'mechanisms'
            ? 'Version dans If-Match, ?version= ou le champ « version » d’un corps JSON. Un dispositif relié par des liens n’est supprimé qu’avec ?cascade=true (les liens partent avec lui) ; sinon 409 avec la liste des liens.'
            : kind === 'people'
              ? 'Version dans If-Match, ?version= ou le champ « version ». Une personne qui coordonne des dispositifs n’est supprimée qu’avec ?cascade=true (elle est retirée de leur coordination) ; sinon 409 avec la liste.'
              : 'Version dans If-Match, ?version= ou le champ « version » d’un corps JSON.',
        responses: {
          200: {
            description: 'Supprimé',
            content: json(v.object({ deleted: record, cascaded: v.object({ links: v.array(v.string()), mechanisms: v.array(v.string()) }), dataVersion: v.number() })),
          },
          ...errors(400, 401, 403, 404, 409, 415),
        },
      }),
      params(IdParam),
      query(schemas.deleteQuery),
      async (c) => {
        const { id } = c.req.valid('param');
        const q = c.req.valid('query');
        let bodyVersion: unknown;
        const body = await readOptionalJson(c, ENTITY_BODY_LIMIT);
        if (body !== undefined) {
          const parsed = v.safeParse(DeleteBody, body);
          if (!parsed.success) throw badRequest('corps de requête invalide', valibotIssues(parsed.issues));
          bodyVersion = parsed.output.version;
        }
        const expected = expectedVersion(c, bodyVersion, q.version);
        await writer.idle();
        return c.json(await store.remove(kind, id, expected, { cascade: q.cascade }, auth.writeContext(c)), 200);
      },
    );
}

