// Import and export of the whole dataset.
import { Hono } from 'hono';
import { describeRoute, resolver } from 'hono-openapi';
import * as v from 'valibot';
import { DatasetSchema } from '../../model/schema.ts';
import { requires, unauthorized } from '../auth/access.ts';
import { analysisFor, sendCached, type AppEnv, type Deps } from '../context.ts';
import { ErrorSchema } from '../errors.ts';
import { withCurrentCommuneCodes } from '../export.ts';
import { IMPORT_BODY_LIMIT, documentedJsonBody, query, readJsonBytes } from '../http.ts';

const DiffSchema = v.object({ created: v.array(v.string()), updated: v.array(v.string()), removed: v.array(v.string()), unchanged: v.number() });
const ImportResultSchema = v.object({
  dryRun: v.boolean(),
  mode: v.picklist(['replace', 'merge']),
  valid: v.boolean(),
  problems: v.array(v.object({ path: v.string(), message: v.string(), value: v.optional(v.unknown()) })),
  problemCount: v.number(),
  diff: v.object({ mechanisms: DiffSchema, people: DiffSchema, links: DiffSchema, meta: v.boolean() }),
  dataVersion: v.number(),
  changed: v.boolean(),
});
const json = (schema: v.GenericSchema) => ({ 'application/json': { schema: resolver(schema) } });

export function exchangeRoutes(deps: Deps) {
  const { store, schemas, auth } = deps;
  return new Hono<AppEnv>()
    .post(
      '/import',
      // Replacing the whole dataset is the administrators'; merging, every role that writes (within its scope).
      requires((c) => (c.req.query('mode') === 'merge' ? 'importMerge' : 'importReplace')),
      describeRoute({
        tags: ['Import et export'],
        summary: 'Importer un document articulation/1',
        description:
          'mode=replace (défaut) remplace tout le jeu de données ; mode=merge ajoute ou remplace par identifiant (un lien sans identifiant remplace celui de même type, mêmes extrémités et même étape). ' +
          'dryRun=true renvoie les problèmes et le différentiel (créés, modifiés, supprimés) sans rien écrire. Un import réel est tout ou rien : au moindre problème, 400 et rien n’est écrit. Corps limité à 20 Mo. ' +
          'Droits : mode=replace pour les administrateurs ; mode=merge aussi pour les agents d’ARS et les coordinateurs, chaque création ou modification devant être dans leur périmètre (sinon 403 et rien n’est écrit), les champs du jeu de données (titre, périmètre) restant aux administrateurs.',
        responses: {
          200: { description: 'Résultat (ou simulation)', content: json(ImportResultSchema) },
          400: { description: 'Document invalide : rien n’a été importé', content: json(ErrorSchema) },
          401: { description: 'Authentification requise', content: json(ErrorSchema) },
          403: { description: 'Rôle ou périmètre insuffisant : rien n’a été importé', content: json(ErrorSchema) },
          413: { description: 'Plus de 20 Mo', content: json(ErrorSchema) },
          415: { description: 'Le corps doit être du JSON', content: json(ErrorSchema) },
        },
      }),
      query(schemas.importQuery),
      documentedJsonBody(DatasetSchema),
      async (c) => {
        const q = c.req.valid('query');
        const principal = c.get('principal');
        if (!principal) throw unauthorized();
        const body = await readJsonBytes(c, IMPORT_BODY_LIMIT);
        // Decoded, parsed, checked and written off the event loop (see writer.ts).
        const outcome = await deps.writer.importDocument({ body, options: { mode: q.mode, dryRun: q.dryRun }, account: principal.account });
        return c.json(outcome, 200);
      },
    )
    .get(
      '/export',
      requires('read'),
      describeRoute({
        tags: ['Import et export'],
        summary: 'Exporter le jeu de données',
        description:
          'format=json (défaut) : document articulation/1 (réimportable à l’identique ; un ancien code commune, fusionné depuis, y est écrit avec le code de la commune actuelle) ; format=gexf ou graphml : graphe pour Gephi (dispositifs et personnes en nœuds, liens et coordinations en arêtes ; asOf fixe l’attribut « active »). Pour un lecteur ou un visiteur anonyme, les personnes sont pseudonymisées (ni nom, ni adresse, ni téléphone ; en-tête X-Personal-Data: pseudonymised).',
        responses: {
          200: {
            description: 'Le fichier',
            content: {
              'application/json': { schema: resolver(DatasetSchema) },
              'application/gexf+xml': { schema: { type: 'string' } },
              'application/graphml+xml': { schema: { type: 'string' } },
            },
          },
          400: { description: 'Paramètre invalide', content: json(ErrorSchema) },
        },
      }),
      query(schemas.exportQuery),
      async (c) => {
        const q = c.req.valid('query');
        // Readers and anonymous visitors get the export without personal data (people pseudonymised).
        const personal = auth.seesPersonalData(c);
        if (!personal) c.header('X-Personal-Data', 'pseudonymised');
        const stamp = new Date().toISOString().slice(0, 10);
        c.header('Content-Disposition', q.download === false ? 'inline' : `attachment; filename="articulation-${stamp}.${q.format}"`);
        if (q.format === 'gexf' || q.format === 'graphml') {
          // Graph exports need the model: computed off the event loop, cached per data version.
          const analysis = analysisFor(c, deps);
          const entry = await analysis.respond({ kind: 'export', options: { format: q.format, asOf: q.asOf ?? analysis.today() } });
          return sendCached(c, entry) as unknown as Response;
        }
        const snap = personal ? await store.snapshot() : auth.privacy.snapshot(await store.snapshot());
        c.header('X-Data-Version', String(snap.dataVersion));
        return c.json(withCurrentCommuneCodes(snap.dataset, snap.territories), 200);
      },
    );
}
