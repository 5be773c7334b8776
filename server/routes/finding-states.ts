// A finding's state (docs/etats.md): « à traiter », « vérifié », « justifié » (with a reason), set
// by an account within its scope, a write like another (journal, undo, data version).
import { Hono } from 'hono';
import { describeRoute, resolver } from 'hono-openapi';
import * as v from 'valibot';
import { STATES_FORMAT, statesFile } from '../../model/states/file.ts';
import type { FindingsResponse } from '../analysis.ts';
import { requires } from '../auth/access.ts';
import type { AppEnv, Deps } from '../context.ts';
import { ErrorSchema, notFound } from '../errors.ts';
import { params, validJson } from '../http.ts';
import { FindingStateBody } from '../schemas.ts';

const FindingParam = v.object({ id: v.pipe(v.string(), v.minLength(1), v.maxLength(4000, 'au plus 4 000 caractères')) });
const json = (schema: v.GenericSchema) => ({ 'application/json': { schema: resolver(schema) } });
const StateSchema = v.object({
  status: v.picklist(['a-traiter', 'verifie', 'justifie']),
  comment: v.optional(v.string()),
  at: v.optional(v.string()),
  by: v.optional(v.nullable(v.string())),
  version: v.optional(v.number()),
  reopened: v.optional(v.object({ status: v.string(), comment: v.optional(v.string()), at: v.string(), by: v.optional(v.nullable(v.string())), message: v.string() })),
});

export function findingStateRoutes(deps: Deps) {
  const { store, auth, writer } = deps;
  return new Hono<AppEnv>()
    .get(
      '/findings/states',
      requires('read'),
      describeRoute({
        tags: ['Analyse'],
        summary: 'États des constats (fichier articulation-etats/1)',
        description:
          'Chaque état enregistré (vérifié, justifié) : constat, état, commentaire, date, auteur (pour les rôles qui voient les données personnelles), et les empreintes des faits sur lesquels il a été posé. Ce fichier se donne à npm run check -- FICHIER --states ETATS.json : un état dont les faits ont changé y revient « à traiter ».',
        responses: { 200: { description: 'Le fichier des états', content: json(v.object({ format: v.literal(STATES_FORMAT), states: v.array(v.object({ finding: v.string(), status: v.string() })) })) } },
      }),
      async (c) => {
        const snap = auth.seesPersonalData(c) ? await store.snapshot() : auth.privacy.snapshot(await store.snapshot());
        c.header('Cache-Control', 'no-cache');
        return c.json(statesFile(snap.states.values()), 200);
      },
    )
    .put(
    '/findings/:id/state',
    requires('write'),
    describeRoute({
      tags: ['Analyse'],
      summary: 'Changer l’état d’un constat',
      description:
        'status : a-traiter (efface l’état), verifie (toujours vrai, pris en main) ou justifie (accepté à dessein : comment obligatoire). Le constat est désigné par son identifiant (règle et sujets, champ id de /api/findings) et doit exister à la date asOf (défaut : aujourd’hui). version : celle de l’état lu (state.version), absente s’il n’y en a pas ; périmée : 409 avec l’état actuel (current). Permis à qui peut modifier l’un des dispositifs du constat (un agent d’ARS de l’un de ses départements pour un constat sur un territoire). L’état retient les faits sur lesquels il est posé : il revient « à traiter », en disant ce qui a changé, quand ils changent. Inscrit au journal (entité findings), annulable.',
      responses: {
        200: { description: 'L’état du constat maintenant, et la version des données', content: json(v.object({ finding: v.string(), state: StateSchema, dataVersion: v.number() })) },
        ...Object.fromEntries(
          ([
            [400, 'Requête invalide (issues détaille chaque problème)'],
            [401, 'Authentification requise'],
            [403, 'Rôle ou périmètre insuffisant : rien n’a été écrit'],
            [404, 'Aucun constat de cet identifiant à cette date'],
            [409, 'État changé entre-temps (current donne l’état actuel)'],
          ] as const).map(([code, description]) => [code, { description, content: json(ErrorSchema) }]),
        ),
      },
    }),
    params(FindingParam),
    validJson(FindingStateBody),
    async (c) => {
      const { id } = c.req.valid('param');
      const body = c.req.valid('json');
      await writer.idle();
      const asOf = body.asOf ?? deps.analysis.today();
      const answer = await deps.analysis.respond({ kind: 'findings', options: { asOf, finding: id } }, auth.minVersionFor(c));
      const finding = (JSON.parse(answer.body.toString('utf8')) as FindingsResponse).findings[0];
      if (!finding) throw notFound(`aucun constat « ${id} » au ${asOf} : il a peut-être été levé, ou ses sujets ont changé`);
      const outcome = await store.setFindingState(
        { finding: id, rule: finding.rule, subjects: finding.subjects, departements: finding.departements, status: body.status, comment: body.comment },
        body.version,
        auth.writeContext(c),
      );
      const snap = await store.snapshot();
      return c.json({ finding: id, state: snap.findingState(finding), dataVersion: outcome.dataVersion }, 200);
    },
  );
}
