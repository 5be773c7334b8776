// The geographic and thematic questions (the Carte and Thèmes views, place search everywhere):
// coverage by commune at a date, « which mechanisms cover this place », the theme matrix, and the
// perimeters of a territory's mechanisms. Computed by the analysis engine (the worker in the
// server) like the other derived views, cached per data version and query, ETag / 304.
import { Hono } from 'hono';
import { describeRoute, resolver } from 'hono-openapi';
import type { CommuneCoverage } from '../../model/coverage.ts';
import { placeCommunes, searchPlaces, type CoveringMechanism, type Place, type ScopePerimeters } from '../../model/places.ts';
import type { ThemeMatrix } from '../../model/themes.ts';
import { PLACE_TYPE_LABELS } from '../../model/vocabulary.ts';
import { requires } from '../auth/access.ts';
import { analysisFor, sendCached, type AppEnv, type Deps } from '../context.ts';
import { ErrorSchema, notFound } from '../errors.ts';
import { params, query } from '../http.ts';
import { mechanismKind } from './analysis.ts';
import { scenarioOfQuery } from './scenarios.ts';
import { PlaceParam } from '../schemas.ts';

const errorContent = { 'application/json': { schema: resolver(ErrorSchema) } };
const ok = (description: string) => ({
  200: { description, content: { 'application/json': { schema: { type: 'object' as const } } } },
  400: { description: 'Paramètre invalide', content: errorContent },
});
const TERRITORY = 'Territoire : departement ou region (listes séparées par des virgules) ; sans filtre, la France entière.';

export interface PlaceAnswer {
  dataVersion: number;
  asOf: string;
  theme?: string;
  place: Place;
  mechanisms: CoveringMechanism[];
}

export function placeRoutes(deps: Deps) {
  const { schemas, territories, store } = deps;
  return new Hono<AppEnv>()
    .get(
      '/coverage',
      requires('read'),
      describeRoute({
        tags: ['Analyse'],
        summary: 'Couverture par commune à une date',
        description:
          `Pour chaque commune du territoire (communes actuelles ; Paris, Lyon et Marseille par arrondissement), à la date asOf : le nombre de dispositifs actifs de chaque type (counts.CLSM, counts.CLS, counts.PTSM, counts.CPTS, counts.DAC, counts.ASV) et de tous types (mechanisms) qui la couvrent, dans l’ordre de communes ; sa population (populations). byKind : communes et population couvertes, et zones blanches (non couvertes) par type, les plus peuplées d’abord (uncoveredLimit, défaut 100). firstYear : la première année que connaissent les données. theme : ne compter que les dispositifs qui travaillent sur ce thème. ${TERRITORY}`,
        responses: ok('Couverture par commune'),
      }),
      query(schemas.coverage),
      async (c) => {
        const analysis = analysisFor(c, deps);
        const q = c.req.valid('query');
        const scenario = await scenarioOfQuery(c, deps, q.scenario);
        return sendCached<CommuneCoverage & { dataVersion: number }>(c, analysis.respond({ kind: 'coverage', options: { ...q, asOf: q.asOf ?? analysis.today() }, scenario }, deps.auth.minVersionFor(c)));
      },
    )
    .get(
      '/themes',
      requires('read'),
      describeRoute({
        tags: ['Analyse'],
        summary: 'Matrice des thèmes : qui travaille sur quoi',
        description:
          `Les dispositifs du territoire qui déclarent des thèmes (leurs thèmes et ceux de leurs groupes de travail), avec leur statut à la date asOf ; les thèmes en colonnes (libellé, nombre de dispositifs) ; withoutTheme : les dispositifs sans thème. pairs : les paires de dispositifs actifs qui travaillent sur un même thème et dont les territoires se rencontrent, reliées ou non (linked), avec les communes et la population partagées, la plus grande d’abord (pairsLimit, défaut 500 ; pairsTotal les compte toutes). theme : un seul thème (identifiant ou libellé). mechanism : au lieu d’un territoire, les dispositifs dont le territoire rencontre celui de ce dispositif, et ses paires (« qui d’autre travaille sur ce thème ici ? »). ${TERRITORY}`,
        responses: { ...ok('Matrice des thèmes'), 404: { description: 'Aucun dispositif de cet identifiant', content: errorContent } },
      }),
      query(schemas.themes),
      async (c) => {
        const analysis = analysisFor(c, deps);
        const q = c.req.valid('query');
        const scenario = await scenarioOfQuery(c, deps, q.scenario);
        if (q.mechanism !== undefined && !mechanismKind(await store.snapshot(), scenario, q.mechanism)) throw notFound(`aucun dispositif « ${q.mechanism} »`, [{ path: 'mechanism', message: 'identifiant de dispositif inconnu' }]);
        return sendCached<ThemeMatrix & { dataVersion: number }>(c, analysis.respond({ kind: 'themes', options: { ...q, asOf: q.asOf ?? analysis.today() }, scenario }, deps.auth.minVersionFor(c)));
      },
    )
    .get(
      '/perimeters',
      requires('read'),
      describeRoute({
        tags: ['Territoires'],
        summary: 'Périmètres des dispositifs d’un territoire, en communes',
        description: `Chaque dispositif qui touche le territoire, avec les communes de son périmètre (positions dans communes, qui donne aussi leur population). Pour dessiner un périmètre sur la carte et placer un dispositif au centre de son territoire pondéré par la population. ${TERRITORY}`,
        responses: ok('Périmètres'),
      }),
      query(schemas.perimeters),
      async (c) => {
        const analysis = analysisFor(c, deps);
        const q = c.req.valid('query');
        const scenario = await scenarioOfQuery(c, deps, q.scenario);
        return sendCached<ScopePerimeters & { dataVersion: number }>(c, analysis.respond({ kind: 'perimeters', options: q, scenario }, deps.auth.minVersionFor(c)));
      },
    )
    .get(
      '/places',
      requires('read'),
      describeRoute({
        tags: ['Territoires'],
        summary: 'Chercher un lieu : commune, EPCI ou code postal',
        description:
          'Sans accents ni casse, « St » et « Ste » lus « Saint » et « Sainte » (« st maixent » trouve Saint-Maixent-l’École) ; un code postal à cinq chiffres trouve toutes les communes qu’il dessert (« 79400 »). Chaque résultat : type (commune, epci, code-postal), code, nom, départements, population, nombre de communes. limit ≤ 50 (défaut 12).',
        responses: ok('Lieux'),
      }),
      query(schemas.placeSearch),
      (c) => {
        const q = c.req.valid('query');
        return c.json({ query: q.q, results: searchPlaces(territories, q.q, q.limit ?? 12) }, 200);
      },
    )
    .get(
      '/places/:type/:code/mechanisms',
      requires('read'),
      describeRoute({
        tags: ['Analyse'],
        summary: 'Quels dispositifs couvrent ce lieu ?',
        description:
          'type : commune (code INSEE, Paris, Lyon et Marseille compris), epci (SIREN) ou code-postal. Le lieu et ses communes, puis chaque dispositif dont le territoire en couvre au moins une, quel que soit son statut, avec son statut à la date asOf (active : actif à cette date), ses thèmes, les communes du lieu qu’il couvre et leur population ; les actifs d’abord, puis par type et par nom. theme : seulement ceux qui travaillent sur ce thème.',
        responses: { ...ok('Dispositifs qui couvrent le lieu'), 404: { description: 'Lieu inconnu', content: errorContent } },
      }),
      params(PlaceParam),
      query(schemas.placeMechanisms),
      async (c) => {
        const analysis = analysisFor(c, deps);
        const { type, code } = c.req.valid('param');
        if (!placeCommunes(territories, type, code)) throw notFound(`${PLACE_TYPE_LABELS[type]} inconnu${type === 'commune' ? 'e' : ''} : « ${code} »`, [{ path: 'code', message: `aucun${type === 'commune' ? 'e' : ''} ${PLACE_TYPE_LABELS[type]} de ce code` }]);
        const q = c.req.valid('query');
        const scenario = await scenarioOfQuery(c, deps, q.scenario);
        return sendCached<PlaceAnswer>(c, analysis.respond({ kind: 'place', options: { type, code, ...q, asOf: q.asOf ?? analysis.today() }, scenario }, deps.auth.minVersionFor(c)));
      },
    );
}
