// Workbooks to download: the import template, and every table the product shows (findings, the
// avis checklist of a PTSM, indicators by area and by year, uncovered communes) as XLSX or ODS,
// with French headers, French dates, column widths and a frozen header row (XLSX). Written by the
// analysis engine (a worker thread in the server), cached per data version, pseudonymised for
// whoever does not see personal data, as the JSON answers are.
import type { Context } from 'hono';
import { Hono } from 'hono';
import { describeRoute, resolver } from 'hono-openapi';
import { templateWorkbook } from '../../model/workbook/index.ts';
import type { WorkbookOptions } from '../analysis-answers.ts';
import type { CachedBody } from '../analysis.ts';
import { requires } from '../auth/access.ts';
import { analysisFor, sendCached, type AppEnv, type Deps } from '../context.ts';
import { ErrorSchema, notFound } from '../errors.ts';
import { params, query } from '../http.ts';
import { IdParam } from '../schemas.ts';
import { writeWorkbook, type WorkbookFormat } from '../workbook/write.ts';
import { mechanismKind } from './analysis.ts';
import { scenarioOfQuery } from './scenarios.ts';

const file = (description: string) => ({
  200: {
    description,
    content: {
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: { type: 'string' as const, format: 'binary' } },
      'application/vnd.oasis.opendocument.spreadsheet': { schema: { type: 'string' as const, format: 'binary' } },
    },
  },
  400: { description: 'Paramètre invalide', content: { 'application/json': { schema: resolver(ErrorSchema) } } },
});
const FORMAT_HELP = 'format=xlsx (défaut) ou ods. ';

export function workbookRoutes(deps: Deps) {
  const { schemas, store, auth } = deps;
  /** The template does not depend on the data: written once per format. */
  const templates = new Map<WorkbookFormat, Promise<{ body: Uint8Array; contentType: string }>>();
  const template = async (c: Context<AppEnv>, format: WorkbookFormat) => {
    let pending = templates.get(format);
    if (!pending) {
      pending = writeWorkbook(templateWorkbook(), format);
      templates.set(format, pending);
      pending.catch(() => templates.delete(format));
    }
    const { body, contentType } = await pending;
    c.header('Content-Disposition', `attachment; filename="modele-import-articulation.${format}"`);
    c.header('Cache-Control', 'no-cache');
    return c.body(body as Uint8Array<ArrayBuffer>, 200, { 'Content-Type': contentType });
  };
  /** A workbook computed off the event loop, downloaded under `name`. */
  const download = (c: Context<AppEnv>, name: string, entry: Promise<CachedBody>) => {
    if (!auth.seesPersonalData(c)) c.header('X-Personal-Data', 'pseudonymised');
    c.header('Content-Disposition', `attachment; filename="${name}"`);
    return sendCached(c, entry) as unknown as Response;
  };
  /** A table of a query (findings, indicators, uncovered communes) at its date, today by default. */
  const queried = async <Q extends { asOf?: string; format: WorkbookFormat; scenario?: number }>(c: Context<AppEnv>, table: 'findings' | 'indicators' | 'uncovered' | 'deadlines', { format, ...query }: Q, name: (asOf: string) => string) => {
    const analysis = analysisFor(c, deps);
    const asOf = query.asOf ?? analysis.today();
    const scenario = await scenarioOfQuery(c, deps, query.scenario);
    const options = { table, format, query: { ...query, asOf } } as WorkbookOptions;
    return download(c, `${name(asOf)}${scenario ? `-scenario-${scenario.id}` : ''}.${format}`, analysis.respond({ kind: 'workbook', options, scenario }, auth.minVersionFor(c)));
  };
  const templateDoc = (format: WorkbookFormat) =>
    describeRoute({
      tags: ['Import et export'],
      summary: `Modèle d’import (${format.toUpperCase()})`,
      description:
        'Classeur vide à remplir : feuilles Dispositifs, Personnes, Liens, Avis (une ligne par avis d’un CLSM sur un PTSM ; une ligne sans date ni avis est un avis non reçu), Jeu de données et Lisez-moi (chaque colonne expliquée, chaque liste de valeurs). ' +
        (format === 'xlsx' ? 'Listes déroulantes pour les vocabulaires fermés et ligne d’en-tête figée.' : 'Le format ODS n’a ni listes déroulantes ni ligne figée (la bibliothèque ne les écrit pas) : la feuille Lisez-moi liste les valeurs.'),
      responses: file('Le modèle'),
    });
  return new Hono<AppEnv>()
    .get('/template.xlsx', requires('read'), templateDoc('xlsx'), (c) => template(c, 'xlsx'))
    .get('/template.ods', requires('read'), templateDoc('ods'), (c) => template(c, 'ods'))
    .get(
      '/export/findings',
      requires('read'),
      describeRoute({
        tags: ['Import et export'],
        summary: 'Constats en classeur',
        description: `${FORMAT_HELP}Les constats des filtres donnés (mêmes paramètres que /api/findings, sans pagination) : gravité, famille, constat, fondement, référence, correction proposée, dispositifs concernés, départements, date, état (à traiter, vérifié, justifié), commentaire, date et auteur de l’état ; feuille États : le nombre de constats dans chaque état.`,
        responses: file('Le classeur'),
      }),
      query(schemas.findingsWorkbook),
      (c) => queried(c, 'findings', c.req.valid('query'), (asOf) => `constats-${asOf}`),
    )
    .get(
      '/export/ptsm/:id/avis',
      requires('read'),
      describeRoute({
        tags: ['Import et export'],
        summary: 'Liste de contrôle des avis d’un PTSM en classeur',
        description: `${FORMAT_HELP}Une ligne par CLSM attendu : état, date, sens et échéance de l’avis sur le diagnostic et sur le projet ; feuille Synthèse (dus, reçus à temps, en retard, manquants, attendus plus tard) et feuille PTSM (dates d’adoption, taux de recueil).`,
        responses: { ...file('Le classeur'), 404: { description: 'Aucun PTSM de cet identifiant', content: { 'application/json': { schema: resolver(ErrorSchema) } } } },
      }),
      params(IdParam),
      query(schemas.avisWorkbook),
      async (c) => {
        const { id } = c.req.valid('param');
        const { format, asOf: askedAsOf, scenario: scenarioId } = c.req.valid('query');
        const analysis = analysisFor(c, deps);
        const asOf = askedAsOf ?? analysis.today();
        const scenario = await scenarioOfQuery(c, deps, scenarioId);
        const kind = mechanismKind(await store.snapshot(), scenario, id);
        if (!kind) throw notFound(`aucun dispositif « ${id} »`);
        if (kind !== 'PTSM') throw notFound(`« ${id} » n'est pas un PTSM (c'est un ${kind})`);
        return download(c, `avis-${id}-${asOf}.${format}`, analysis.respond({ kind: 'workbook', options: { table: 'avis', format, id, asOf }, scenario }, auth.minVersionFor(c)));
      },
    )
    .get(
      '/export/indicators',
      requires('read'),
      describeRoute({
        tags: ['Import et export'],
        summary: 'Indicateurs en classeur',
        description: `${FORMAT_HELP}Mêmes paramètres que /api/indicators. Feuilles : indicateurs par territoire et pour la France à la date de référence (les deux dénominateurs des parts de gouvernance), par année au 31 décembre, et communes sans CLSM (toutes, sauf uncoveredLimit).`,
        responses: file('Le classeur'),
      }),
      query(schemas.indicatorsWorkbook),
      (c) => queried(c, 'indicators', c.req.valid('query'), (asOf) => `indicateurs-${c.req.valid('query').level}-${asOf}`),
    )
    .get(
      '/export/echeances',
      requires('read'),
      describeRoute({
        tags: ['Import et export'],
        summary: 'Échéances en classeur',
        description: `${FORMAT_HELP}Mêmes paramètres que /api/echeances : une ligne par échéance (à venir puis passées), ce qu’il faut faire et les coordinations à contacter (coordonnées selon le rôle).`,
        responses: file('Le classeur'),
      }),
      query(schemas.deadlinesWorkbook),
      (c) => queried(c, 'deadlines', c.req.valid('query'), (asOf) => `echeances-${asOf}`),
    )
    .get(
      '/export/uncovered',
      requires('read'),
      describeRoute({
        tags: ['Import et export'],
        summary: 'Communes sans CLSM (« zones blanches ») en classeur',
        description: `${FORMAT_HELP}Mêmes paramètres que /api/indicators : par territoire, chaque commune qu’aucun CLSM actif ne couvre, avec sa population (toutes, sauf uncoveredLimit).`,
        responses: file('Le classeur'),
      }),
      query(schemas.indicatorsWorkbook),
      (c) => queried(c, 'uncovered', c.req.valid('query'), (asOf) => `communes-sans-clsm-${asOf}`),
    );
}
