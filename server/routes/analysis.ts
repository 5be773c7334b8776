// Derived views of the stored state: findings, avis checklist, indicators, graph. Cached per
// data version and query (see analysis.ts); ETag / If-None-Match supported.
import { Hono } from 'hono';
import { describeRoute, resolver } from 'hono-openapi';
import type { AvisChecklist } from '../../model/avis.ts';
import type { Deadlines } from '../../model/echeances.ts';
import type { Indicators } from '../../model/indicators.ts';
import type { GraphView } from '../../model/views.ts';
import type { FindingsResponse } from '../analysis.ts';
import type { ScenarioRef } from '../analysis-answers.ts';
import type { Snapshot } from '../store.ts';
import { requires } from '../auth/access.ts';
import { analysisFor, sendCached, type AppEnv, type Deps } from '../context.ts';
import { ErrorSchema, notFound } from '../errors.ts';
import { params, query } from '../http.ts';
import { IdParam } from '../schemas.ts';
import { scenarioOfQuery } from './scenarios.ts';

const ok = (description: string) => ({
  200: { description, content: { 'application/json': { schema: { type: 'object' as const } } } },
  400: { description: 'Paramètre invalide', content: { 'application/json': { schema: resolver(ErrorSchema) } } },
});

export function analysisRoutes(deps: Deps) {
  const { store, schemas } = deps;
  return new Hono<AppEnv>()
    .get(
      '/findings',
      requires('read'),
      describeRoute({
        tags: ['Analyse'],
        summary: 'Constats des règles',
        description:
          'scenario : le numéro d’un scénario dont l’état remplace les données actuelles. Calculés sur l’état enregistré à la date asOf (défaut : aujourd’hui), du plus grave au moins grave. Filtres : departement, region, rule, severity, category, state (a-traiter, verifie, justifie ; listes séparées par des virgules), subject (identifiant concerné), finding (identifiant d’un constat) ; pagination limit/offset. Chaque constat porte son état (state : status, comment, at, by, version ; reopened quand les faits ont changé depuis, avec le message qui dit quoi). counts donne les totaux du filtre ; counts.state compte les états sur le filtre sans state.',
        responses: ok('Constats'),
      }),
      query(schemas.findings),
      async (c) => {
        const analysis = analysisFor(c, deps);
        const q = c.req.valid('query');
        const scenario = await scenarioOfQuery(c, deps, q.scenario);
        return sendCached<FindingsResponse>(c, analysis.respond({ kind: 'findings', options: { ...q, asOf: q.asOf ?? analysis.today() }, scenario }, deps.auth.minVersionFor(c)));
      },
    )
    .get(
      '/ptsm/:id/avis',
      requires('read'),
      describeRoute({
        tags: ['Analyse'],
        summary: 'Avis des CLSM sur un PTSM',
        description:
          'La liste de contrôle du coordinateur du PTSM : chaque CLSM attendu, pour le diagnostic et le projet, reçu / manquant / en retard / attendu / non requis (et pourquoi), dates, avis, taux de complétude.',
        responses: { ...ok('Liste de contrôle'), 404: { description: 'Aucun PTSM de cet identifiant', content: { 'application/json': { schema: resolver(ErrorSchema) } } } },
      }),
      params(IdParam),
      query(schemas.avis),
      async (c) => {
        const analysis = analysisFor(c, deps);
        const { id } = c.req.valid('param');
        const q = c.req.valid('query');
        const asOf = q.asOf ?? analysis.today();
        const scenario = await scenarioOfQuery(c, deps, q.scenario);
        const kind = mechanismKind(await store.snapshot(), scenario, id);
        if (!kind) throw notFound(`aucun dispositif « ${id} »`);
        if (kind !== 'PTSM') throw notFound(`« ${id} » n'est pas un PTSM (c'est un ${kind})`);
        return sendCached<AvisChecklist & { dataVersion: number }>(c, analysis.respond({ kind: 'avis', options: { id, asOf }, scenario }, deps.auth.minVersionFor(c)));
      },
    )
    .get(
      '/echeances',
      requires('read'),
      describeRoute({
        tags: ['Analyse'],
        summary: 'Échéances',
        description:
          'Ce qui appelle une action dans les mois à venir (months, défaut 6) et ce qui est passé depuis pastMonths mois (défaut 12), à la date asOf, sur un territoire (departement, region) : avis des CLSM à recueillir avant l’adoption prévue d’un PTSM, PTSM qui atteignent cinq ans, CLS qui prennent fin, diagnostic adopté sans l’avis d’un CLSM. Chaque échéance nomme les coordinations à contacter ; leurs coordonnées (courriel, téléphone) seulement pour les rôles qui voient les données personnelles. upcoming : à venir, la plus proche d’abord ; passed : passées, la plus récente d’abord.',
        responses: ok('Échéances'),
      }),
      query(schemas.deadlines),
      (c) => {
        const analysis = analysisFor(c, deps);
        const q = c.req.valid('query');
        return sendCached<Deadlines & { dataVersion: number }>(c, analysis.respond({ kind: 'deadlines', options: { ...q, asOf: q.asOf ?? analysis.today() } }, deps.auth.minVersionFor(c)));
      },
    )
    .get(
      '/indicators',
      requires('read'),
      describeRoute({
        tags: ['Analyse'],
        summary: 'Indicateurs (instruction du 13 mai 2025) et couverture',
        description:
          'Par région (défaut) ou département, et pour la France entière (france, level « france »), à la date asOf : CLSM actifs (chacun compté une fois, dans son département principal et sa région), part de la population couverte par un CLSM, un CLS, une CPTS, un PTSM, part des CLSM avec usagers et aidants au COPIL et avec une plénière annuelle (sur les CLSM renseignés et sur tous les CLSM actifs), avis des CLSM par PTSM (taux de la liste de suivi des avis : reçus à temps parmi les avis dus), zones blanches (uncoveredLimit communes par territoire, défaut 100). Sans filtre, les territoires listés sont ceux du périmètre du jeu de données. series : les mêmes indicateurs au 31 décembre de chaque année, de la première année que connaissent les données à celle de asOf (à asOf pour celle-ci), { year, asOf, france, areas }, sans liste de communes.',
        responses: ok('Indicateurs'),
      }),
      query(schemas.indicators),
      async (c) => {
        const analysis = analysisFor(c, deps);
        const q = c.req.valid('query');
        const scenario = await scenarioOfQuery(c, deps, q.scenario);
        return sendCached<Indicators & { dataVersion: number }>(c, analysis.respond({ kind: 'indicators', options: { ...q, asOf: q.asOf ?? analysis.today() }, scenario }, deps.auth.minVersionFor(c)));
      },
    )
    .get(
      '/graph',
      requires('read'),
      describeRoute({
        tags: ['Analyse'],
        summary: 'Graphe des vues',
        description:
          'Nœuds des dispositifs (type, statut, population couverte, nombre de constats par gravité), personnes si people=true, liens déclarés, arêtes de chevauchement et liens manquants (« fantômes ») déduits des règles. Filtre departement ou region.',
        responses: ok('Nœuds et arêtes'),
      }),
      query(schemas.graph),
      async (c) => {
        const analysis = analysisFor(c, deps);
        const q = c.req.valid('query');
        const scenario = await scenarioOfQuery(c, deps, q.scenario);
        return sendCached<GraphView & { dataVersion: number }>(c, analysis.respond({ kind: 'graph', options: { ...q, asOf: q.asOf ?? analysis.today() }, scenario }, deps.auth.minVersionFor(c)));
      },
    );
}


/** A mechanism's kind in the current data, or in a scenario's state (which may create or delete it). */
export function mechanismKind(snap: Snapshot, scenario: ScenarioRef | undefined, id: string): string | undefined {
  const change = scenario?.changes.find((c) => c.kind === 'mechanisms' && c.id === id);
  if (change) return change.op === 'delete' ? undefined : String(change.data.kind);
  return snap.index.mechanisms.get(id)?.data.kind;
}
