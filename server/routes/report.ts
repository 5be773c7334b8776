// The officer's meeting pack: the PDF report of a département or a région at a reference date.
// Built and drawn off the event loop (the analysis worker in the server), from the same model and
// findings as the API's views; people as the reader's role allows (pseudonyms for readers and
// anonymous visitors). Never cached: its cover says who generated it, and when.
import type { Context } from 'hono';
import { Hono } from 'hono';
import { describeRoute, resolver } from 'hono-openapi';
import * as v from 'valibot';
import { ACCOUNT_ROLE_LABELS } from '../../model/vocabulary.ts';
import type { ReportOptions } from '../analysis-answers.ts';
import { requires } from '../auth/access.ts';
import { analysisFor, bytes, type AppEnv, type Deps } from '../context.ts';
import { ErrorSchema, notFound } from '../errors.ts';
import { params, query } from '../http.ts';
import { scenarioOfQuery } from './scenarios.ts';

const PdfFile = v.object({ file: v.pipe(v.string(), v.maxLength(24, 'au plus 24 caractères'), v.description('Le code INSEE suivi de .pdf : 79.pdf, 2A.pdf (département) ; 75.pdf (région)')) });

const documented = (summary: string, description: string, what: string) =>
  describeRoute({
    tags: ['Analyse'],
    summary,
    description,
    responses: {
      200: { description: 'Le rapport (PDF, A4)', content: { 'application/pdf': { schema: { type: 'string' as const, format: 'binary' } } } },
      400: { description: 'Date invalide', content: { 'application/json': { schema: resolver(ErrorSchema) } } },
      404: { description: `${what} inconnu(e)`, content: { 'application/json': { schema: resolver(ErrorSchema) } } },
    },
  });

/** Who generated the report, as its cover says it: the account's name and role, or a visitor. */
function generatedBy(c: Context<AppEnv>): string {
  const account = c.get('principal')?.account;
  if (!account) return 'un visiteur (lecture publique)';
  return `${account.name ?? account.email} (${ACCOUNT_ROLE_LABELS[account.role]})`;
}

export function reportRoutes(deps: Deps) {
  const { territories, schemas } = deps;
  const send = async (c: Context<AppEnv>, options: Omit<ReportOptions, 'generatedAt' | 'generatedBy' | 'personalData'>, scenarioId: number | undefined) => {
    const analysis = analysisFor(c, deps);
    const personalData = deps.auth.seesPersonalData(c);
    // In a scenario: the report of its state, with a section on what it changes (routes/scenarios.ts).
    const scenario = await scenarioOfQuery(c, deps, scenarioId);
    const answer = await analysis.once({ kind: 'report', options: { ...options, generatedAt: new Date().toISOString(), generatedBy: generatedBy(c), personalData }, scenario });
    return c.body(bytes(answer.body), 200, {
      'Content-Type': answer.contentType,
      'Content-Disposition': `inline; filename="rapport-${options.level === 'departement' ? '' : 'region-'}${options.code}-${options.asOf}.pdf"`,
      // Who generated it and their role's view of people: not for shared caches.
      'Cache-Control': 'private, no-store',
      'X-Data-Version': String(answer.dataVersion),
    });
  };
  /** The code in « 79.pdf », or a French 404 naming what was asked. */
  const codeOf = (file: string, known: (code: string) => boolean, what: 'département' | 'région') => {
    const example = what === 'région' ? '/api/report/region/75.pdf' : '/api/report/departement/79.pdf';
    if (!/\.pdf$/i.test(file)) throw notFound(`« ${file} » : le rapport existe en PDF seulement, à une adresse comme ${example}`, [{ path: 'file', message: 'doit finir par .pdf' }]);
    const code = file.slice(0, -4).toUpperCase();
    const unknown = what === 'région' ? 'région inconnue' : 'département inconnu';
    if (!known(code)) throw notFound(`${unknown} « ${file.slice(0, -4)} » : l’adresse attendue est ${example} (code INSEE)`, [{ path: 'file', message: unknown }]);
    return code;
  };
  return new Hono<AppEnv>()
    .get(
      '/report/departement/:file',
      requires('read'),
      documented(
        'Rapport PDF d’un département',
        'Le rapport de réunion d’un département à la date asOf (défaut : aujourd’hui), en PDF A4 : couverture (territoire, date, auteur), chiffres clés et leur évolution par année, carte de la couverture et des zones blanches, constats par gravité avec leur fondement, leur référence et leur correction, avis des CLSM sur chaque PTSM, dispositifs avec leurs coordinations, dates et liens, communes sans CLSM. Mêmes constats, indicateurs et avis que l’API à la même date. Adresse : /api/report/departement/79.pdf?asOf=2026-12-07 ; avec scenario=N, le rapport de l’état du scénario, suivi d’une section sur ce qu’il change.',
        'Département',
      ),
      params(PdfFile),
      query(schemas.avis),
      (c) => {
        const analysis = analysisFor(c, deps);
        const code = codeOf(c.req.valid('param').file, (d) => territories.isDepartement(d), 'département');
        return send(c, { level: 'departement', code, asOf: c.req.valid('query').asOf ?? analysis.today() }, c.req.valid('query').scenario);
      },
    )
    .get(
      '/report/region/:file',
      requires('read'),
      documented(
        'Rapport PDF d’une région',
        'Par département de la région : chiffres clés et erreurs, avec l’adresse du rapport de chaque département pour le reste ; chiffres clés de la région et leur évolution. Adresse : /api/report/region/75.pdf?asOf=2026-12-07.',
        'Région',
      ),
      params(PdfFile),
      query(schemas.avis),
      (c) => {
        const analysis = analysisFor(c, deps);
        const code = codeOf(c.req.valid('param').file, (r) => territories.isRegion(r), 'région');
        return send(c, { level: 'region', code, asOf: c.req.valid('query').asOf ?? analysis.today() }, c.req.valid('query').scenario);
      },
    );
}
