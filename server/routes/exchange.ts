// Import and export of the whole dataset: an articulation/1 JSON document or a workbook (XLSX,
// ODS, CSV, read by the spreadsheet engine in the write worker), and exports in JSON, GEXF,
// GraphML, XLSX and ODS.
import type { Context } from 'hono';
import { Hono } from 'hono';
import { describeRoute, resolver } from 'hono-openapi';
import * as v from 'valibot';
import { DatasetSchema } from '../../model/schema.ts';
import { requires, unauthorized } from '../auth/access.ts';
import { analysisFor, sendCached, type AppEnv, type Deps } from '../context.ts';
import { ApiError, ErrorSchema } from '../errors.ts';
import { withCurrentCommuneCodes } from '../export.ts';
import { IMPORT_BODY_LIMIT, mediaType, query, readBodyBytes } from '../http.ts';
import { IMPORT_MEDIA_HELP, importBodyOf } from '../imports.ts';
import { ODS_CONTENT_TYPE, XLSX_CONTENT_TYPE } from '../workbook/write.ts';

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
  journalEntry: v.optional(v.number()),
  workbook: v.optional(
    v.looseObject({
      format: v.picklist(['xlsx', 'ods', 'xls', 'csv']),
      matching: v.picklist(['automatic', 'given', 'proposed']),
      mapping: v.array(v.looseObject({ sheet: v.string(), kind: v.string(), headerRow: v.optional(v.number()), columns: v.array(v.unknown()), described: v.array(v.string()) })),
      problems: v.array(v.looseObject({ severity: v.picklist(['error', 'warning']), message: v.string(), sheet: v.optional(v.string()), row: v.optional(v.number()), column: v.optional(v.string()), value: v.optional(v.string()) })),
      rows: v.array(v.unknown()),
    }),
  ),
});
const json = (schema: v.GenericSchema) => ({ 'application/json': { schema: resolver(schema) } });
const binary = { schema: { type: 'string' as const, format: 'binary' } };

/** The mode asked, else replace for a JSON document and merge for a workbook (a sheet is rarely the whole dataset). */
function importMode(c: Context): 'replace' | 'merge' {
  const asked = c.req.query('mode');
  if (asked === 'merge' || asked === 'replace') return asked;
  return importBodyOf(mediaType(c)) === 'json' || importBodyOf(mediaType(c)) === undefined ? 'replace' : 'merge';
}

export function exchangeRoutes(deps: Deps) {
  const { store, schemas, auth } = deps;
  return new Hono<AppEnv>()
    .post(
      '/import',
      // Replacing the whole dataset is the administrators'; merging, every role that writes (within its scope).
      requires((c) => (importMode(c) === 'merge' ? 'importMerge' : 'importReplace')),
      describeRoute({
        tags: ['Import et export'],
        summary: 'Importer un document articulation/1 ou un classeur (XLSX, ODS, CSV)',
        description:
          'Le corps est un document articulation/1 (application/json), un classeur XLSX ou ODS, un fichier CSV (text/csv ; « ; » ou « , », UTF-8 ou Windows-1252), ou un formulaire multipart/form-data : champ file (le fichier), et facultativement mapping, edits, skip (JSON). ' +
          'mode=replace remplace tout le jeu de données (défaut pour le JSON) ; mode=merge ajoute ou met à jour (défaut pour un classeur ; un lien sans identifiant remplace celui de même type, mêmes extrémités et même étape). ' +
          'Classeur : les colonnes dont l’en-tête correspond exactement à un champ ou à un synonyme (accents et majuscules ignorés) sont associées d’office, et la réponse (workbook.mapping) dit quelle colonne va dans quel champ ; une correspondance seulement probable est proposée, pas appliquée (workbook.matching = proposed) : renvoyez-la, corrigée au besoin, dans mapping (liste [{ sheet, kind, headerRow, columns: [{ header, target: { field } | { extra } | { ignore: true } }] }]) ; seules les feuilles qu’elle cite sont importées. ' +
          'Chaque problème nomme la feuille, la ligne, l’en-tête de colonne et la valeur (workbook.problems) ; edits ([{ sheet, row, column, value }]) corrige des cellules, skip ([{ sheet, row }]) écarte des lignes. ' +
          'dryRun=true renvoie les problèmes et le différentiel (créés, modifiés, supprimés, inchangés) sans rien écrire. Un import réel est tout ou rien : au moindre problème, 400 et rien n’est écrit ; il forme une seule étape du journal (journalEntry), annulable d’un coup (POST /api/audit/{journalEntry}/undo). Corps limité à 20 Mo. ' +
          'Droits : mode=replace pour les administrateurs ; mode=merge aussi pour les agents d’ARS et les coordinateurs, chaque création ou modification devant être dans leur périmètre (sinon 403 et rien n’est écrit), les champs du jeu de données (titre, périmètre) restant aux administrateurs.',
        requestBody: {
          required: true,
          content: {
            'application/json': { schema: resolver(DatasetSchema) },
            [XLSX_CONTENT_TYPE]: binary,
            [ODS_CONTENT_TYPE]: binary,
            'text/csv': binary,
            'multipart/form-data': { schema: { type: 'object', properties: { file: binary.schema, mapping: { type: 'string' }, edits: { type: 'string' }, skip: { type: 'string' } }, required: ['file'] } },
          },
        } as never,
        responses: {
          200: { description: 'Résultat (ou simulation)', content: json(ImportResultSchema) },
          400: { description: 'Document ou classeur invalide, fichier illisible : rien n’a été importé', content: json(ErrorSchema) },
          401: { description: 'Authentification requise', content: json(ErrorSchema) },
          403: { description: 'Rôle ou périmètre insuffisant : rien n’a été importé', content: json(ErrorSchema) },
          413: { description: 'Plus de 20 Mo', content: json(ErrorSchema) },
          415: { description: 'Le corps n’est ni du JSON, ni un classeur, ni un CSV, ni un formulaire', content: json(ErrorSchema) },
        },
      }),
      query(schemas.importQuery),
      async (c) => {
        const q = c.req.valid('query');
        const principal = c.get('principal');
        if (!principal) throw unauthorized();
        const type = mediaType(c);
        const kind = importBodyOf(type);
        if (!kind) throw new ApiError(415, `type de contenu non pris en charge : ${type ? `« ${type} »` : 'aucun'} ; ${IMPORT_MEDIA_HELP}`, [{ path: '(en-tête Content-Type)', message: 'application/json, un classeur, text/csv ou multipart/form-data' }]);
        // A form carries a little more than its file (boundaries, the mapping).
        const body = await readBodyBytes(c, kind === 'form' ? IMPORT_BODY_LIMIT + 1024 * 1024 : IMPORT_BODY_LIMIT);
        // Decoded, parsed (JSON or workbook), checked and written off the event loop (see writer.ts, imports.ts).
        const outcome = await deps.writer.importDocument({
          body,
          contentType: c.req.header('content-type') ?? type,
          options: { mode: importMode(c), dryRun: q.dryRun, mapping: q.mapping, fileName: q.fileName },
          account: principal.account,
        });
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
          'format=json (défaut) : document articulation/1 (réimportable à l’identique ; un ancien code commune, fusionné depuis, y est écrit avec le code de la commune actuelle) ; format=xlsx ou ods : le même jeu de données en classeur, feuilles Dispositifs, Personnes, Liens, Avis, Jeu de données et Lisez-moi, réimportable à l’identique (différentiel vide) ; format=gexf ou graphml : graphe pour Gephi (dispositifs et personnes en nœuds, liens et coordinations en arêtes ; asOf fixe l’attribut « active »). Pour un lecteur ou un visiteur anonyme, les personnes sont pseudonymisées (ni nom, ni adresse, ni téléphone ; en-tête X-Personal-Data: pseudonymised).',
        responses: {
          200: {
            description: 'Le fichier',
            content: {
              'application/json': { schema: resolver(DatasetSchema) },
              'application/gexf+xml': { schema: { type: 'string' } },
              'application/graphml+xml': { schema: { type: 'string' } },
              [XLSX_CONTENT_TYPE]: binary,
              [ODS_CONTENT_TYPE]: binary,
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
        if (q.format === 'xlsx' || q.format === 'ods') {
          // A national workbook takes a second to write: off the event loop too, cached per data version.
          const entry = await analysisFor(c, deps).respond({ kind: 'workbook', options: { table: 'dataset', format: q.format } }, deps.auth.minVersionFor(c));
          return sendCached(c, entry) as unknown as Response;
        }
        const snap = personal ? store.snapshot() : auth.privacy.snapshot(store.snapshot());
        c.header('X-Data-Version', String(snap.dataVersion));
        return c.json(withCurrentCommuneCodes(snap.dataset, snap.territories), 200);
      },
    );
}
