// The Hono application, built by createApp() for index.ts and for the tests (app.request()).
// No side effect here: the database, the territory index and the logger are handed in.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { readFile } from 'node:fs/promises';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono, type Context } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import { generateSpecs } from 'hono-openapi';
import type { TerritoryIndex } from '../model/territory.ts';
import { Analysis } from './analysis.ts';
import { requires } from './auth/access.ts';
import { PublicSource } from './auth/privacy.ts';
import { AuthService, type AuthOptions } from './auth/service.ts';
import { compressLarge, type AppEnv, type Deps } from './context.ts';
import type { Database } from './db/database.ts';
import { DOCS_CSS, DOCS_HTML, DOCS_JS } from './docs-page.ts';
import { DsfrAssets } from './dsfr-assets.ts';
import { toErrorResponse } from './errors.ts';
import { accountRoutes } from './routes/accounts.ts';
import { analysisRoutes } from './routes/analysis.ts';
import { auditRoutes } from './routes/audit.ts';
import { authRoutes } from './routes/auth.ts';
import { entityRoutes } from './routes/entities.ts';
import { exchangeRoutes } from './routes/exchange.ts';
import { findingStateRoutes } from './routes/finding-states.ts';
import { geoRoutes } from './routes/geo.ts';
import { placeRoutes } from './routes/places.ts';
import { reportRoutes } from './routes/report.ts';
import { scenarioRoutes } from './routes/scenarios.ts';
import { systemRoutes } from './routes/system.ts';
import { workbookRoutes } from './routes/workbooks.ts';
import { Metrics } from './metrics.ts';
import type { AnalysisEngine } from './analysis-engine.ts';
import { apiSchemas } from './schemas.ts';
import { Store } from './store.ts';
import { InlineWriter, WorkerWriter, type Writer } from './writer.ts';

export interface AppOptions {
  /** The opened, migrated database, SQLite or PostgreSQL (or a ready store). */
  db?: Database;
  store?: Store;
  territories: TerritoryIndex;
  /** The built client (dist/client); when absent only the API is served. */
  clientDir?: string;
  /** One line per request: method, path, status, milliseconds. */
  accessLog?: (line: string) => void;
  /** Unexpected errors (answered 500). */
  logError?: (error: unknown, context: string) => void;
  /** Today's date, ISO (the default asOf). */
  today?: () => string;
  /** Timestamps of writes. */
  clock?: () => string;
  /** Where the derived views are computed (default: inline; the server passes a worker thread). */
  analysis?: AnalysisEngine;
  /** Imports run in a write worker over the same database (the server; default: inline). */
  writeWorker?: boolean;
  /** The process's own figures (memory, event loop) in /api/metrics: the server's one app. */
  processMetrics?: boolean;
  /** Access control: public read, cookies, proxy, single sign-on, clocks and costs for tests. */
  auth?: AuthOptions;
}

export const API_VERSION = '1.0.0';

export function createApp(options: AppOptions) {
  const { territories } = options;
  const store = options.store ?? new Store(requireDb(options.db), territories, options.clock);
  const logError = options.logError ?? ((error: unknown, context: string) => console.error(`[erreur] ${context}`, error));
  const engine = options.analysis;
  const analysis = new Analysis(store, options.today, engine, 'full');
  let writer: Writer | undefined;
  const auth = new AuthService(store, territories, {
    ...options.auth,
    writeGate: { get busy() { return writer?.busy ?? false; }, idle: () => writer?.idle() ?? Promise.resolve() },
  });
  const publicAnalysis = new Analysis(new PublicSource(store, auth.privacy), options.today, engine, 'pseudonymised');
  const inlineWriter = new InlineWriter(store, auth.policy);
  writer = options.writeWorker
    ? new WorkerWriter(store.db.location, inlineWriter, (reason) => logError(new Error(`processus d'écriture : ${reason} ; les imports se font désormais dans le processus principal`), 'écritures'))
    : inlineWriter;
  const metrics = new Metrics({
    engine: store.db.engine,
    dataVersion: () => store.dataVersion(),
    stateLoads: () => store.stats.loads,
    analyses: [
      { variant: 'full', analysis },
      { variant: 'pseudonymised', analysis: publicAnalysis },
    ],
  });
  if (options.processMetrics) metrics.withProcessMetrics();
  const deps: Deps = { store, analysis, publicAnalysis, territories, schemas: apiSchemas(territories), auth, writer, metrics };

  const api = new Hono<AppEnv>()
    .route('/', systemRoutes(deps))
    .route('/', authRoutes(deps))
    .route('/accounts', accountRoutes(deps))
    .route('/mechanisms', entityRoutes('mechanisms', deps))
    .route('/people', entityRoutes('people', deps))
    .route('/links', entityRoutes('links', deps))
    .route('/', exchangeRoutes(deps))
    .route('/', workbookRoutes(deps))
    .route('/', analysisRoutes(deps))
    .route('/', findingStateRoutes(deps))
    .route('/', reportRoutes(deps))
    .route('/', auditRoutes(deps))
    .route('/scenarios', scenarioRoutes(deps))
    .route('/geo', geoRoutes())
    .route('/', placeRoutes(deps));

  const app = new Hono<AppEnv>();
  // Security headers on every answer; no CORS (the client is served from the same origin).
  app.use(
    '*',
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // DSFR and the views set style attributes; no inline script is ever allowed.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        workerSrc: ["'self'", 'blob:'],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
      strictTransportSecurity: auth.secureCookies ? 'max-age=31536000; includeSubDomains' : false,
      xFrameOptions: 'DENY',
      referrerPolicy: 'same-origin',
    }),
  );
  app.use('*', metrics.middleware);
  app.use('*', async (c, next) => {
    const start = performance.now();
    // Set before the handler runs: a header added to a finished response would rebuild it.
    c.header('X-Content-Type-Options', 'nosniff');
    await next();
    if (options.accessLog) {
      options.accessLog(`${c.req.method} ${c.req.path} ${c.res.status} ${(performance.now() - start).toFixed(1)} ms`);
    }
  });
  // A request for a host name not on the allow-list is answered 421, whatever its path.
  app.use('*', auth.hostCheck);
  // Responses that can be large and are not cached (the cached ones are compressed once, in sendCached).
  for (const path of ['mechanisms', 'people', 'links', 'export', 'import', 'audit', 'scenarios', 'territories/*', 'openapi.json']) {
    app.use(`/api/${path}`, compressLarge);
  }
  // Who is asking (session cookie or bearer token) and CSRF on writes; each route then declares its access (requires).
  app.use('/api/*', auth.authenticate, auth.csrf);
  const routes = app.route('/api', api);

  // OpenAPI document, generated once from the routes' valibot schemas.
  let spec: Promise<unknown> | undefined;
  const read = requires('read');
  app.get('/api/openapi.json', requires('public'), async (c) => {
    spec ??= generateSpecs(routes, {
      documentation: {
        info: {
          title: 'Planificateur d’articulation CLS, CLSM et PTSM',
          version: API_VERSION,
          description:
            'API du planificateur : dispositifs, personnes et liens au format articulation/1, import et export, constats des règles, avis des CLSM sur les PTSM, indicateurs et graphe. ' +
            'Erreurs : { "error": "…", "issues": [{ "path", "message" }] } avec les codes 400, 401 (authentification requise), 403 (rôle ou périmètre insuffisant), 404, 409, 413, 415, 429 (trop de tentatives de connexion). ' +
            'Authentification : session du navigateur (cookie, POST /api/auth/login, avec l’en-tête X-CSRF-Token sur les écritures) ou jeton d’accès (Authorization: Bearer …, POST /api/auth/tokens ou npm run users -- token).',
        },
        tags: [
          { name: 'Dispositifs' },
          { name: 'Personnes' },
          { name: 'Liens' },
          { name: 'Import et export' },
          { name: 'Analyse' },
          { name: 'Territoires' },
          { name: 'Journal' },
          { name: 'Scénarios' },
          { name: 'Authentification' },
          { name: 'Comptes' },
          { name: 'Système' },
        ],
        components: {
          securitySchemes: {
            jeton: { type: 'http', scheme: 'bearer', description: 'Jeton d’accès (art_…), créé par POST /api/auth/tokens ou npm run users -- token' },
            session: { type: 'apiKey', in: 'cookie', name: auth.sessionCookie, description: 'Session du navigateur ; les écritures envoient aussi X-CSRF-Token' },
            metriques: { type: 'http', scheme: 'bearer', description: 'Jeton du collecteur de métriques (ARTICULATION_METRICS_TOKEN), pour GET /api/metrics seulement' },
          },
        },
        security: [{ jeton: [] }, { session: [] }],
      },
      exclude: ['/api/openapi.json', '/api/docs', '/api/docs/docs.js', '/api/docs/docs.css', '/api/docs/dsfr/{file}'],
      // /api/template.xlsx and .ods are routes, not static files.
      excludeStaticFile: false,
      defaultValidationErrorResponse: {
        description: 'Paramètres invalides',
        content: {
          'application/json': {
            schema: {
              type: 'object',
              properties: { error: { type: 'string' }, issues: { type: 'array', items: { type: 'object', properties: { path: { type: 'string' }, message: { type: 'string' } } } } },
              required: ['error', 'issues'],
            },
          },
        },
      },
    }).catch((error) => {
      spec = undefined;
      throw error;
    });
    return c.json((await spec) as object);
  });
  // The documentation is not data: readable without an account (the routes it lists still ask for one).
  const documentation = requires('public');
  const assets = new DsfrAssets();
  const sendAsset = async (c: Context<AppEnv>, name: string) => {
    const asset = assets.get(name);
    if (!asset) return c.json({ error: `fichier inconnu : ${c.req.path}`, issues: [{ path: '(adresse)', message: 'aucun fichier de ce nom' }] }, 404);
    const { body, contentType } = await asset;
    return c.body(body, 200, { 'Content-Type': contentType, 'Cache-Control': 'public, max-age=86400' });
  };
  app.get('/api/docs', documentation, (c) => c.html(DOCS_HTML));
  app.get('/api/docs/docs.js', documentation, (c) => c.body(DOCS_JS, 200, { 'Content-Type': 'text/javascript; charset=UTF-8' }));
  app.get('/api/docs/docs.css', documentation, (c) => c.body(DOCS_CSS, 200, { 'Content-Type': 'text/css; charset=UTF-8' }));
  app.get('/api/docs/dsfr/:file{.+}', documentation, (c) => sendAsset(c, c.req.param('file')));
  // Browsers ask for /favicon.ico on every page, the client's and the others (documentation, PDF).
  app.get('/favicon.ico', (c) => sendAsset(c, 'favicon/favicon.ico'));
  app.get('/favicon.svg', (c) => sendAsset(c, 'favicon/favicon.svg'));
  // An unknown route tells a visitor without an account no more than a known one.
  app.all('/api/*', read, (c) =>
    c.json({ error: `route inconnue : ${c.req.method} ${c.req.path} (voir /api/docs)`, issues: [{ path: '(adresse)', message: 'aucune route ne correspond' }] }, 404),
  );

  // The built client, with the single-page fallback to index.html.
  const clientDir = options.clientDir;
  if (clientDir && existsSync(join(clientDir, 'index.html'))) {
    app.use('*', serveStatic({ root: clientDir }));
    // Client-side routes (no file extension) get index.html; a missing file is a 404.
    app.get('*', async (c, next) => (/\.[a-z0-9]+$/i.test(c.req.path) ? next() : c.html(await readFile(join(clientDir, 'index.html'), 'utf8'))));
  } else {
    app.get('/', (c) =>
      c.html(
        '<!doctype html><html lang="fr"><meta charset="utf-8"><title>Planificateur d’articulation</title><p>L’interface n’est pas construite (npm run build). L’API est servie sous <a href="/api/docs">/api/docs</a>.</p></html>',
      ),
    );
  }

  app.notFound((c) => c.json({ error: `introuvable : ${c.req.path}`, issues: [{ path: '(adresse)', message: 'aucune ressource ne correspond' }] }, 404));
  app.onError((error, c) => {
    const { status, body, internal } = toErrorResponse(error);
    if (internal) logError(error, `${c.req.method} ${c.req.path}`);
    return c.json(body, status);
  });

  INTERNALS.set(routes, { store, analysis, publicAnalysis, auth, writer, metrics });
  return routes;
}

interface Internals {
  store: Store;
  analysis: Analysis;
  publicAnalysis: Analysis;
  auth: AuthService;
  writer: Writer;
  metrics: Metrics;
}
const INTERNALS = new WeakMap<object, Internals>();

/** The store, the analysis caches and the access-control service behind an app (tests, tools). */
export function appInternals(app: object): Internals {
  const found = INTERNALS.get(app);
  if (!found) throw new Error('appInternals: not an app made by createApp');
  return found;
}

function requireDb(db: Database | undefined): Database {
  if (!db) throw new Error('createApp: pass db or store');
  return db;
}

/** The chained app's type, for a typed client (hono/client `hc<AppType>`). */
export type AppType = ReturnType<typeof createApp>;
