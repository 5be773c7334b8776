// `npm start`: the only module with side effects. Reads the configuration, opens and migrates
// the database, loads the demo data on first start, builds the client if needed, serves the API
// and the client on one port (imports and derived views in worker threads), and on SIGTERM /
// SIGINT drains the requests in flight, then stops.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import type { Server as HttpServer } from 'node:http';
import { Server as NetServer, type AddressInfo } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { appInternals, createApp } from './app.ts';
import { ConfigError, loadServerConfig, type AuthConfig, type Config } from './config.ts';
import { locationOf, openDatabase, type Database, type OpenedDatabase } from './db/database.ts';
import { WorkerEngine } from './analysis-engine.ts';
import { frame } from './frame.ts';
import { Store } from './store.ts';
import { loadTerritories } from './territories.ts';

/** After a stop signal: how long connections may still deliver a request, and how long requests in flight may run. */
const DRAIN_GRACE_MS = 1_000;
const DRAIN_LIMIT_MS = 30_000;

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const DEMO_PATH = join(ROOT, 'data', 'demo.json');
const CLIENT_DIR = join(ROOT, 'dist', 'client');

async function main(): Promise<void> {
  let config: Config;
  let authConfig: AuthConfig;
  try {
    ({ config, auth: authConfig } = loadServerConfig());
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\nLe serveur ne démarre pas.\n`);
      process.exit(1);
    }
    throw error;
  }

  const info = (line: string) => {
    if (config.log === 'info') process.stdout.write(`${new Date().toISOString()} ${line}\n`);
  };
  const warn = (line: string) => {
    if (config.log !== 'silent') process.stderr.write(`${new Date().toISOString()} ${line}\n`);
  };

  // A signal during start-up (territories, seeding, client build) stops at once, cleanly.
  let stopDuringStart: (() => void) | undefined = () => {
    void (openedDb?.close() ?? Promise.resolve()).finally(() => process.exit(0));
  };
  let openedDb: Database | undefined;
  const early = () => stopDuringStart?.();
  process.on('SIGTERM', early);
  process.on('SIGINT', early);

  let opened: OpenedDatabase;
  const location = locationOf({ databaseUrl: config.databaseUrl, databasePath: resolve(config.databasePath) });
  const variable = location.engine === 'postgres' ? 'DATABASE_URL' : 'DATABASE_PATH';
  try {
    opened = await openDatabase(location);
  } catch (error) {
    const where = location.engine === 'postgres' ? 'PostgreSQL' : location.path;
    process.stderr.write(`Impossible d'ouvrir la base de données ${where} (${variable}) : ${(error as Error).message}\nLe serveur ne démarre pas.\n`);
    process.exit(1);
  }
  const { db } = opened;
  openedDb = db;
  if (opened.migrated.length) info(`base ${db.label} : migrations ${opened.migrated.join(', ')} appliquées`);
  if (location.engine === 'postgres') info(`base PostgreSQL partagée : ${db.label}`);

  const territories = loadTerritories();
  const store = new Store(db, territories);
  await seed(store, config, info, warn);

  const clientDir = config.client === 'none' ? undefined : ensureClient(info, warn);
  // Derived views (findings, graph, indicators, avis, graph exports) are computed by a worker
  // thread reading the same database; imports run in another (see writer.ts).
  const engine = new WorkerEngine(location, (reason) => warn(`processus des analyses : ${reason} ; les analyses se font désormais dans le processus principal`));
  const app = createApp({
    store,
    territories,
    clientDir,
    analysis: engine,
    writeWorker: true,
    processMetrics: true,
    auth: {
      publicRead: authConfig.publicRead,
      secureCookies: authConfig.secureCookies,
      trustProxy: authConfig.trustProxy,
      publicUrl: authConfig.publicUrl,
      oidc: authConfig.oidc,
      allowedHosts: authConfig.allowedHosts,
      metricsToken: authConfig.metricsToken,
    },
    accessLog: config.log === 'info' ? info : undefined,
    logError: (error, context) => warn(`[erreur] ${context} : ${(error as Error)?.stack ?? String(error)}`),
  });

  // Keep today's findings computed: at start, then after every write (polled: a write may come
  // from another process or another instance sharing the database).
  const { analysis } = appInternals(app);
  analysis.warm();
  setInterval(() => analysis.warm(), 2_000).unref();

  // First start: the administrator account. Its password, when drawn at random, is said once, in
  // the frame printed when the server listens (last, so that nothing scrolls it away).
  const admin = await appInternals(app).auth.accounts.ensureAdmin(authConfig.adminEmail, authConfig.adminPassword);
  if (!admin.created && admin.reason) warn(`compte administrateur non créé : ${admin.reason}`);
  const adminLines = !admin.created
    ? []
    : admin.password
      ? [
          `Compte administrateur créé : ${admin.email}`,
          `Mot de passe (affiché une seule fois, notez-le puis changez-le) : ${admin.password}`,
          `(ARTICULATION_ADMIN_PASSWORD fixe ce mot de passe au premier démarrage ;`,
          ` npm run users -- reset-password ${admin.email} le remplace.)`,
        ]
      : [`Compte administrateur créé : ${admin.email} (mot de passe : ARTICULATION_ADMIN_PASSWORD)`];
  if (authConfig.publicRead) info('lecture publique ouverte (ARTICULATION_PUBLIC_READ=true) : données sans informations personnelles');
  if (authConfig.oidc) info(`connexion unique : ${authConfig.oidc.label} (${authConfig.oidc.issuer})`);

  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (address: AddressInfo) => {
    const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    const ready = [`Planificateur d'articulation prêt : http://${host}:${address.port}/`, 'Ouvrez cette adresse dans un navigateur (API : /api, documentation : /api/docs).'];
    // A password drawn at random is printed whatever LOG says: without it nobody could sign in.
    if (admin.created && admin.password) process.stderr.write(`\n${frame([...ready, '', ...adminLines])}\n`);
    else if (config.log === 'info') process.stdout.write(`\n${frame(adminLines.length ? [...ready, '', ...adminLines] : ready)}\n`);
  });
  server.on('error', (error: NodeJS.ErrnoException) => {
    const reason = error.code === 'EADDRINUSE' ? `le port ${config.port} est déjà utilisé (PORT)` : error.code === 'EADDRNOTAVAIL' ? `l'adresse ${config.host} n'est pas disponible (HOST)` : error.message;
    process.stderr.write(`Le serveur ne peut pas écouter sur ${config.host}:${config.port} : ${reason}\n`);
    void db.close().finally(() => process.exit(1));
  });

  // Drain, then close: once a signal came, the listening socket closes (no new connection) and
  // every answer closes its connection, so that keep-alive clients send no further request on it.
  // Connections opened before the signal stay open a moment: one may hold a request the event loop
  // has not read yet, which gets its answer too. Then idle connections are closed; requests in
  // flight (an import, say) run to their end, up to a generous limit.
  let stopping = false;
  const httpServer = server as unknown as HttpServer;
  httpServer.on('request', (_request, response) => {
    if (stopping) response.setHeader('Connection', 'close');
  });
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    info(`${signal} reçu : fin des requêtes en cours, puis arrêt`);
    const force = setTimeout(() => {
      warn(`requêtes encore en cours après ${DRAIN_LIMIT_MS / 1000} s : connexions fermées`);
      httpServer.closeAllConnections();
    }, DRAIN_LIMIT_MS);
    force.unref();
    let idle: NodeJS.Timeout | undefined;
    const grace = setTimeout(() => {
      httpServer.closeIdleConnections();
      idle = setInterval(() => httpServer.closeIdleConnections(), 250);
    }, DRAIN_GRACE_MS);
    // net.Server's close, not http.Server's, which would also close at once the connections that
    // have not delivered their request yet.
    NetServer.prototype.close.call(httpServer, async () => {
      clearTimeout(force);
      clearTimeout(grace);
      clearInterval(idle);
      await appInternals(app).writer.close().catch(() => undefined);
      await engine.close().catch(() => undefined);
      try {
        await db.close();
      } catch (error) {
        warn(`fermeture de la base : ${(error as Error).message}`);
      }
      info('arrêt terminé');
      process.exit(0);
    });
  };
  stopDuringStart = undefined;
  process.off('SIGTERM', early);
  process.off('SIGINT', early);
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

/**
 * First start (nothing ever written): load data/demo.json unless ARTICULATION_SEED=none. Several
 * instances starting together load it once (the import plans again inside its transaction, and
 * finds nothing left to change).
 */
async function seed(store: Store, config: Config, info: (line: string) => void, warn: (line: string) => void): Promise<void> {
  if ((await store.dataVersion()) !== 0) return;
  if (config.seed === 'none') {
    info('première ouverture : base laissée vide (ARTICULATION_SEED=none)');
    return;
  }
  if (!existsSync(DEMO_PATH)) {
    info(`première ouverture : pas de jeu de démonstration (${DEMO_PATH} absent), base laissée vide`);
    return;
  }
  let document: unknown;
  try {
    document = JSON.parse(readFileSync(DEMO_PATH, 'utf8'));
  } catch (error) {
    warn(`jeu de démonstration illisible (${DEMO_PATH}) : ${(error as Error).message} ; base laissée vide`);
    return;
  }
  const outcome = await store.importDataset(document, { mode: 'replace', dryRun: true });
  if (!outcome.valid) {
    warn(`jeu de démonstration invalide (${outcome.problemCount} problèmes, par exemple ${outcome.problems[0]?.path} : ${outcome.problems[0]?.message}) ; base laissée vide`);
    return;
  }
  const written = await store.importDataset(document, { mode: 'replace', action: 'seed' });
  if (!written.changed) return;
  const counts = (await store.snapshot()).records;
  info(`première ouverture : jeu de démonstration chargé (${counts.mechanisms.length} dispositifs, ${counts.people.length} personnes, ${counts.links.length} liens)`);
}

/** The built client directory, building it first when the sources exist but the build does not. */
function ensureClient(info: (line: string) => void, warn: (line: string) => void): string | undefined {
  if (existsSync(join(CLIENT_DIR, 'index.html'))) return CLIENT_DIR;
  if (!existsSync(join(ROOT, 'client', 'index.html'))) {
    info("pas d'interface à servir (client/index.html absent) : API seule");
    return undefined;
  }
  info("premier démarrage : construction de l'interface (vite build, quelques secondes)…");
  const started = Date.now();
  const vite = join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
  // Quiet: its eighty lines of output are kept, and shown only if it fails.
  const result = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0 || !existsSync(join(CLIENT_DIR, 'index.html'))) {
    const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim().split('\n').slice(-40).join('\n');
    warn(`la construction de l'interface a échoué : API seule (npm run build refait la construction et montre l'erreur)${output ? `\n${output}` : ''}`);
    return undefined;
  }
  info(`interface construite en ${Math.round((Date.now() - started) / 1000)} s`);
  return CLIENT_DIR;
}

main().catch((error) => {
  process.stderr.write(`Le serveur ne démarre pas : ${(error as Error)?.stack ?? String(error)}\n`);
  process.exit(1);
});
