// Health, dataset metadata, the rules catalogue and the territory reference.
import { Hono } from 'hono';
import { describeRoute, resolver } from 'hono-openapi';
import * as v from 'valibot';
import { RULES } from '../../model/rules/registry.ts';
import { BASIS_LABELS, CATEGORY_LABELS, SEVERITY_LABELS } from '../../model/vocabulary.ts';
import { requires } from '../auth/access.ts';
import type { AppEnv, Deps } from '../context.ts';
import { ApiError, ErrorSchema, notFound } from '../errors.ts';
import { SCHEMA_VERSION } from '../db/migrations.ts';
import { params, query } from '../http.ts';
import { CodeParam } from '../schemas.ts';

const json = (schema: v.GenericSchema) => ({ 'application/json': { schema: resolver(schema) } });
const errorContent = json(ErrorSchema);

export function systemRoutes({ store, territories, schemas, metrics }: Deps) {
  const started = Date.now();
  return new Hono<AppEnv>()
    .get(
      '/health',
      requires('public'),
      describeRoute({
        tags: ['Système'],
        summary: 'État du service',
        description: 'La base est-elle joignable, à quelle version de données.',
        responses: {
          200: { description: 'En service', content: json(v.object({ status: v.literal('ok'), database: v.literal('ok'), dataVersion: v.number(), schemaVersion: v.number(), uptimeSeconds: v.number() })) },
          503: { description: 'Base injoignable', content: errorContent },
        },
      }),
      async (c) => {
        let dataVersion: number;
        try {
          dataVersion = await store.dataVersion();
        } catch {
          throw new ApiError(503, 'base de données injoignable', [{ path: 'database', message: 'la base ne répond pas' }]);
        }
        return c.json({ status: 'ok' as const, database: 'ok' as const, dataVersion, schemaVersion: SCHEMA_VERSION, uptimeSeconds: Math.round((Date.now() - started) / 1000) }, 200);
      },
    )
    .get(
      '/metrics',
      requires('metrics'),
      describeRoute({
        tags: ['Système'],
        summary: 'Métriques (format texte de Prometheus)',
        description:
          'Requêtes par route et statut, histogramme des durées, cache des vues dérivées, version des données, exécutions des règles et leur durée, lectures complètes de l’état. ' +
          'Réservé au collecteur de métriques : Authorization: Bearer <ARTICULATION_METRICS_TOKEN> (aucun compte n’y donne accès ; sans cette variable, les métriques sont désactivées).',
        security: [{ metriques: [] }],
        responses: {
          200: { description: 'Les métriques', content: { 'text/plain': { schema: { type: 'string' } } } },
          401: { description: 'Jeton des métriques absent', content: errorContent },
          403: { description: 'Un compte, pas le collecteur de métriques', content: errorContent },
        },
      }),
      async (c) => {
        c.header('Cache-Control', 'no-store');
        return c.body(await metrics.text(), 200, { 'Content-Type': metrics.contentType });
      },
    )
    .get(
      '/dataset',
      requires('read'),
      describeRoute({
        tags: ['Système'],
        summary: 'Le jeu de données : titre, périmètre, champs libres, effectifs, version',
        responses: { 200: { description: 'Métadonnées', content: { 'application/json': { schema: { type: 'object' } } } } },
      }),
      async (c) => {
        const snap = await store.snapshot();
        return c.json(
          {
            dataVersion: snap.dataVersion,
            updatedAt: snap.updatedAt,
            meta: snap.meta,
            counts: { mechanisms: snap.records.mechanisms.length, people: snap.records.people.length, links: snap.records.links.length },
          },
          200,
        );
      },
    )
    .get(
      '/rules',
      requires('read'),
      describeRoute({
        tags: ['Système'],
        summary: 'Catalogue des règles et leur documentation',
        responses: { 200: { description: 'Règles', content: { 'application/json': { schema: { type: 'object' } } } } },
      }),
      (c) =>
        c.json(
          {
            categories: CATEGORY_LABELS,
            severities: SEVERITY_LABELS,
            bases: BASIS_LABELS,
            rules: RULES.map((r) => ({
              id: r.id,
              category: r.category,
              categoryLabel: CATEGORY_LABELS[r.category],
              basis: r.basis,
              basisLabel: BASIS_LABELS[r.basis],
              defaultSeverity: r.defaultSeverity,
              severityLabel: SEVERITY_LABELS[r.defaultSeverity],
              reference: r.reference,
              docs: r.docs,
            })),
          },
          200,
        ),
    )
    .get(
      '/territories/search',
      requires('read'),
      describeRoute({
        tags: ['Territoires'],
        summary: 'Chercher une commune, un EPCI, un département ou une région',
        description: 'Sans accents ni casse (« saint etienne » trouve « Saint-Étienne ») ; un code exact vient en premier. type filtre (commune, epci, departement, region) ; limit ≤ 100 (défaut 20).',
        responses: { 200: { description: 'Résultats', content: { 'application/json': { schema: { type: 'object' } } } }, 400: { description: 'Paramètre invalide', content: errorContent } },
      }),
      query(schemas.territorySearch),
      (c) => {
        const q = c.req.valid('query');
        return c.json({ query: q.q, results: territories.search(q.q, q.limit ?? 20, q.type) }, 200);
      },
    )
    .get(
      '/territories/:code',
      requires('read'),
      describeRoute({
        tags: ['Territoires'],
        summary: 'Décrire un territoire et ses communes',
        responses: { 200: { description: 'Territoire', content: { 'application/json': { schema: { type: 'object' } } } }, 404: { description: 'Code inconnu', content: errorContent } },
      }),
      params(CodeParam),
      (c) => {
        const { code } = c.req.valid('param');
        const found = territories.describe(code);
        if (!found) throw notFound(`code territorial inconnu : « ${code} » (code officiel géographique de l'INSEE)`);
        return c.json(found, 200);
      },
    );
}
