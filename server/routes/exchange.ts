// Import and export of the whole dataset.
import { Hono } from 'hono';
import { describeRoute, resolver } from 'hono-openapi';
import * as v from 'valibot';
import { DatasetSchema } from '../../model/schema.ts';
import { allows, requires } from '../auth/access.ts';
import type { AppEnv, Deps } from '../context.ts';
import { ErrorSchema } from '../errors.ts';
import { toGexf, toGraphml, withCurrentCommuneCodes } from '../export.ts';
import { IMPORT_BODY_LIMIT, jsonBody, query } from '../http.ts';

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

export function exchangeRoutes({ store, analysis, schemas, auth }: Deps) {
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
      jsonBody(DatasetSchema, { maxBytes: IMPORT_BODY_LIMIT }),
      (c) => {
        const q = c.req.valid('query');
        const outcome = store.importDataset(c.req.valid('json'), { mode: q.mode, dryRun: q.dryRun }, auth.writeContext(c));
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
      (c) => {
        const q = c.req.valid('query');
        // Readers and anonymous visitors get the export without personal data (people pseudonymised).
        const principal = c.get('principal');
        const personal = principal !== undefined && allows(principal.account.role, 'fullExport');
        const snap = personal ? analysis.snapshot() : auth.privacy.snapshot(analysis.snapshot());
        if (!personal) c.header('X-Personal-Data', 'pseudonymised');
        const stamp = new Date().toISOString().slice(0, 10);
        const disposition = (ext: string) => (q.download === false ? 'inline' : `attachment; filename="articulation-${stamp}.${ext}"`);
        c.header('X-Data-Version', String(snap.dataVersion));
        if (q.format === 'gexf') {
          c.header('Content-Disposition', disposition('gexf'));
          return c.body(toGexf(snap.model, q.asOf ?? analysis.today()), 200, { 'Content-Type': 'application/gexf+xml; charset=UTF-8' });
        }
        if (q.format === 'graphml') {
          c.header('Content-Disposition', disposition('graphml'));
          return c.body(toGraphml(snap.model, q.asOf ?? analysis.today()), 200, { 'Content-Type': 'application/graphml+xml; charset=UTF-8' });
        }
        c.header('Content-Disposition', disposition('json'));
        return c.json(withCurrentCommuneCodes(snap.dataset, snap.territories), 200);
      },
    );
}
