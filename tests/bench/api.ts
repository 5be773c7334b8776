// `npm run bench:api`: the API under load on loopback with the synthetic national dataset.
//
// Starts the real server process (temporary database, no client, no access log), imports the
// synthetic France-wide dataset through POST /api/import, then drives it with autocannon
// (50 connections) and prints req/s and p50/p99 latency for:
//   /api/health (the floor), /api/findings cached (national and one département),
//   /api/findings right after a write (cold: model rebuilt and rules re-run), /api/graph for one
//   région, /api/ptsm/:id/avis, /api/indicators;
//   the findings of a département while one write a second lands (a cycle at a time), each write followed by the
//   writer's own views (graph, indicators, avis: the model of the new version is needed);
//   /api/health while national replace imports follow one another (each replaces every
//   mechanism and erases every person of the previous one).
// Targets: cached findings p99 < 50 ms at 50 connections, and at least half the floor's
// throughput (issue 4), the national findings without paging included: it is what the Constats
// and Réseau views request at « France entière », the default scope (apiScopeParams sends no
// limit); the same findings p99 < 50 ms with one write a second, and /api/health
// p99 < 100 ms during national imports (issue 11). A run with any answer other than 2xx (a
// refused write, a failed view reload or import included) or a missed target fails, whatever its
// figures: the exit code is 1 and the verdict says why.
//
// With --postgres: the same on a throwaway PostgreSQL cluster (tests/postgres-cluster.ts) with
// two instances sharing it (--instances N for another number): the load is spread over them
// (autocannon's connections go round the instances), writes and imports go to the first, and the
// writer reads its views back from the last one (read your writes across instances).
//
// Options: --scale 1 (synthetic scale), --seed 1, --duration 8 (seconds per run),
//          --connections 50, --postgres, --instances 2, --json (print the results as JSON too).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { SYNTHETIC_AS_OF, generateSyntheticDataset } from '../../data/synthetic.ts';
import { loadTerritories } from '../../server/territories.ts';
import { freePort } from '../free-port.ts';
import { startCluster, type Cluster } from '../postgres-cluster.ts';
import { admin } from '../server/test-database.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

interface Histogram {
  average: number;
  p50: number;
  p99: number;
  p99_9: number;
  max: number;
  total: number;
}
interface AutocannonResult {
  requests: Histogram;
  latency: Histogram;
  throughput: Histogram;
  non2xx: number;
  errors: number;
  timeouts: number;
}
type Autocannon = (options: { url: string | string[]; connections: number; duration: number; pipelining?: number; headers?: Record<string, string> }) => Promise<AutocannonResult>;
// autocannon ships no types: the few fields read here are typed above.
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;
/** What a browser sends: responses above 8 KB come back gzip-compressed. */
const HEADERS: Record<string, string> = { 'accept-encoding': 'gzip, deflate, br' };
/** Access control is on: the bench signs in as the first administrator and uses an API token. */
const ADMIN_PASSWORD = 'mot-de-passe-du-banc-de-mesure';
let authorization = '';
const authFetch = (url: string, init: RequestInit = {}) =>
  fetch(url, { ...init, headers: { ...(init.headers as Record<string, string>), ...(authorization ? { Authorization: authorization } : {}) } });

async function signInWithToken(base: string): Promise<void> {
  const login = await authFetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email: 'admin@localhost', password: ADMIN_PASSWORD }) });
  if (!login.ok) throw new Error(`login failed: ${login.status}`);
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const cookie = /articulation_session=[^;]*/.exec(login.headers.get('set-cookie') ?? '')![0];
  const made = await authFetch(`${base}/api/auth/tokens`, { method: 'POST', headers: { 'Content-Type': 'application/json', Cookie: cookie, 'X-CSRF-Token': csrfToken }, body: JSON.stringify({ name: 'banc de mesure', expiresInDays: 1 }) });
  if (!made.ok) throw new Error(`token failed: ${made.status}`);
  authorization = `Bearer ${((await made.json()) as { token: string }).token}`;
  HEADERS.authorization = authorization;
  // The account that writes during the mixed runs: another one than the readers' (whose reads,
  // unlike theirs, wait for the version that holds its writes).
  const session = { 'Content-Type': 'application/json', Cookie: cookie, 'X-CSRF-Token': csrfToken };
  const account = await fetch(`${base}/api/accounts`, { method: 'POST', headers: session, body: JSON.stringify({ email: 'redaction@localhost', role: 'admin', name: 'Rédaction' }) });
  if (!account.ok) throw new Error(`account failed: ${account.status}`);
  const { id } = ((await account.json()) as { account: { id: number } }).account;
  const writerToken = await fetch(`${base}/api/auth/tokens`, { method: 'POST', headers: session, body: JSON.stringify({ name: 'banc de mesure (écritures)', expiresInDays: 1, account: id }) });
  if (!writerToken.ok) throw new Error(`writer token failed: ${writerToken.status} ${await writerToken.text()}`);
  writerAuthorization = `Bearer ${((await writerToken.json()) as { token: string }).token}`;
}

let writerAuthorization = '';
/** A request of the account that writes during the mixed runs. */
const writerFetch = (url: string, init: RequestInit = {}) => fetch(url, { ...init, headers: { ...(init.headers as Record<string, string>), Authorization: writerAuthorization } });

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}
const SCALE = option('scale', 1);
const SEED = option('seed', 1);
const DURATION = option('duration', 8);
const CONNECTIONS = option('connections', 50);
const POSTGRES = process.argv.includes('--postgres');
const INSTANCES = option('instances', POSTGRES ? 2 : 1);
const AS_OF = SYNTHETIC_AS_OF;

/** The database of DATABASE_PATH or DATABASE_URL, as the server's environment. */
async function startServer(database: Record<string, string>, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: '', ...database, ARTICULATION_SEED: 'none', ARTICULATION_CLIENT: 'none', LOG: 'warn', ARTICULATION_ADMIN_PASSWORD: ADMIN_PASSWORD },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  for (let i = 0; i < 600; i++) {
    const ok = await fetch(`http://127.0.0.1:${port}/api/health`).then((r) => r.ok, () => false);
    if (ok) return child;
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('server did not start within 60 s');
}

interface Row {
  name: string;
  path: string;
  reqPerSec: number;
  p50: number;
  p99: number;
  /** The slow tail: with 50 connections, the requests held by a stall of the event loop are ~1 % of them. */
  p999: number;
  max: number;
  kbPerResponse: number;
  non2xx: number;
  /** Responses received (none: every connection waited the whole run). */
  completed: number;
}

/** `path` under load, the connections spread over every instance. */
async function load(bases: string[], name: string, path: string): Promise<Row> {
  const result = await autocannon({ url: bases.map((base) => `${base}${path}`), connections: CONNECTIONS, duration: DURATION, pipelining: 1, headers: HEADERS });
  return {
    name,
    path,
    reqPerSec: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    p999: result.latency.p99_9,
    max: result.latency.max,
    kbPerResponse: result.requests.total ? Math.round(result.throughput.total / result.requests.total / 102.4) / 10 : 0,
    non2xx: result.non2xx + result.errors + result.timeouts,
    completed: result.requests.total,
  };
}

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'articulation-bench-'));
  const servers: ChildProcess[] = [];
  let cluster: Cluster | undefined;
  try {
    process.stdout.write(`Jeu synthétique national (échelle ${SCALE}, graine ${SEED})… `);
    const dataset = generateSyntheticDataset(loadTerritories(), { scale: SCALE, seed: SEED });
    const body = JSON.stringify(dataset);
    process.stdout.write(`${dataset.mechanisms?.length} dispositifs, ${dataset.people?.length} personnes, ${dataset.links?.length} liens, ${(body.length / 1024 / 1024).toFixed(1)} Mo\n`);

    let database: Record<string, string> = { DATABASE_PATH: join(dir, 'bench.sqlite') };
    if (POSTGRES) {
      cluster = await startCluster();
      await admin('CREATE DATABASE bench', cluster.url);
      database = { DATABASE_URL: cluster.url.replace(/\/postgres$/, '/bench') };
    }
    const bases: string[] = [];
    for (let i = 0; i < INSTANCES; i++) {
      const port = await freePort();
      servers.push(await startServer(database, port));
      bases.push(`http://127.0.0.1:${port}`);
    }
    // Writes and imports go to the first instance; the writer reads its views back from the last.
    const base = bases[0];
    const readBack = bases[bases.length - 1];
    console.log(`Base : ${POSTGRES ? `PostgreSQL ${cluster!.url.replace(/\/postgres$/, '/bench')}` : 'SQLite'}, ${INSTANCES} instance${INSTANCES > 1 ? 's' : ''}`);
    await signInWithToken(base);
    let t = performance.now();
    const imported = await authFetch(`${base}/api/import?mode=replace`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
    if (!imported.ok) throw new Error(`import failed: ${imported.status} ${(await imported.text()).slice(0, 500)}`);
    console.log(`Import : ${Math.round(performance.now() - t)} ms`);

    const ptsm = dataset.mechanisms!.find((m) => m.kind === 'PTSM' && m.status === 'active' && m.territory.departements?.includes('79'))
      ?? dataset.mechanisms!.find((m) => m.kind === 'PTSM')!;
    const region = '75'; // Nouvelle-Aquitaine
    const routes: [string, string][] = [
      ['health (plancher)', '/api/health'],
      ['findings en cache, national', `/api/findings?asOf=${AS_OF}`],
      ['findings en cache, national, page de 100', `/api/findings?asOf=${AS_OF}&limit=100`],
      ['findings en cache, département 79', `/api/findings?asOf=${AS_OF}&departement=79`],
      [`graph région ${region}`, `/api/graph?asOf=${AS_OF}&region=${region}`],
      [`avis ${ptsm.id}`, `/api/ptsm/${ptsm.id}/avis?asOf=${AS_OF}`],
      ['indicators par région', `/api/indicators?asOf=${AS_OF}`],
    ];

    // First computation of each route (cold cache), then its cached figure under load.
    const cold: Record<string, number> = {};
    for (const [name, path] of routes) {
      t = performance.now();
      const res = await authFetch(`${readBack}${path}`);
      await res.arrayBuffer();
      if (!res.ok) throw new Error(`${path} : HTTP ${res.status} au premier appel`);
      cold[name] = Math.round(performance.now() - t);
    }
    const rows: Row[] = [];
    for (const [name, path] of routes) {
      rows.push(await load(bases, name, path));
      console.log(`  ${name} : ${rows.at(-1)!.reqPerSec} req/s`);
    }

    const scenario = await benchScenario(base, dataset, ptsm.id);

    // Findings right after a write: the model is rebuilt and the rules re-run on the next read.
    const target = dataset.mechanisms!.find((m) => m.kind === 'CLSM')!;
    const afterWrite: number[] = [];
    for (let i = 0; i < 8; i++) {
      const current = await (await authFetch(`${base}/api/mechanisms/${target.id}`)).json();
      const put = await authFetch(`${base}/api/mechanisms/${target.id}`, {
        method: 'PUT',
        headers: { 'Content-Type': 'application/json', 'If-Match': String(current.version) },
        body: JSON.stringify({ ...current.data, name: `${target.name} (${i})` }),
      });
      if (!put.ok) throw new Error(`write failed: ${put.status}`);
      t = performance.now();
      const res = await authFetch(`${readBack}/api/findings?asOf=${AS_OF}&departement=79`);
      await res.arrayBuffer();
      if (!res.ok) throw new Error(`findings après écriture : HTTP ${res.status}`);
      afterWrite.push(performance.now() - t);
    }
    afterWrite.sort((a, b) => a - b);
    // And under load: 50 connections reading findings while a write lands every second, the writer
    // then reloading its views of the new version (graph, indicators, avis need its model).
    let writes = 0;
    let refusedWrites = 0;
    /** Why each refused or failed write was. */
    const refusals: string[] = [];
    const failedReloads: string[] = [];
    const cycles: Promise<unknown>[] = [];
    // One cycle at a time: a cycle that outlasts its second (a loaded machine) would otherwise let
    // the next one read the version it is about to replace, and get the 409 that stale version deserves.
    let cycling = false;
    const writer = setInterval(() => {
      if (cycling) return;
      cycling = true;
      const pending = (async () => {
        const current = await (await writerFetch(`${base}/api/mechanisms/${target.id}`)).json();
        const res = await writerFetch(`${base}/api/mechanisms/${target.id}`, {
          method: 'PUT',
          headers: { 'Content-Type': 'application/json', 'If-Match': String(current.version) },
          body: JSON.stringify({ ...current.data, name: `${target.name} [${writes}]` }),
        });
        if (!res.ok) {
          refusedWrites++;
          refusals.push(`HTTP ${res.status} ${(await res.text()).slice(0, 200)}`);
          return;
        }
        writes++;
        for (const path of [`/api/graph?asOf=${AS_OF}&region=${region}`, `/api/indicators?asOf=${AS_OF}`, `/api/ptsm/${ptsm.id}/avis?asOf=${AS_OF}`]) {
          const view = await writerFetch(`${readBack}${path}`);
          await view.arrayBuffer();
          if (!view.ok) failedReloads.push(`${path} : HTTP ${view.status}`);
        }
      })()
        .catch((error: unknown) => {
          refusedWrites++;
          refusals.push(error instanceof Error ? error.message : String(error));
        })
        .finally(() => (cycling = false));
      cycles.push(pending);
    }, 1000);
    const mixed = await load(bases, 'findings dépt 79, une écriture par seconde (+ vues graphe, indicateurs, avis)', `/api/findings?asOf=${AS_OF}&departement=79`);
    clearInterval(writer);
    await Promise.all(cycles);
    rows.push(mixed);

    // /api/health while national replace imports follow one another (the dataset of another
    // seed, then this one again: every mechanism replaced, every person erased each time).
    const other = JSON.stringify(generateSyntheticDataset(loadTerritories(), { scale: SCALE, seed: SEED + 1 }));
    let importing = true;
    const imports: number[] = [];
    let importFailure: string | undefined;
    const importer = (async () => {
      for (let i = 0; importing; i++) {
        const started = performance.now();
        const res = await authFetch(`${base}/api/import?mode=replace`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: i % 2 === 0 ? other : body });
        const text = await res.text();
        if (!res.ok) throw new Error(`HTTP ${res.status} ${text.slice(0, 300)}`);
        imports.push(performance.now() - started);
      }
    })().catch((error: unknown) => {
      importFailure = error instanceof Error ? error.message : String(error);
    });
    const duringImports = await load(bases, 'health pendant des imports nationaux (replace)', '/api/health');
    importing = false;
    await importer;
    rows.push(duringImports);

    const floor = rows[0].reqPerSec;
    let failed = false;
    console.log('');
    console.log(`API sous charge : ${POSTGRES ? 'PostgreSQL' : 'SQLite'}, ${INSTANCES} instance${INSTANCES > 1 ? 's' : ''}, ${CONNECTIONS} connexions, ${DURATION} s par mesure, boucle locale, échelle ${SCALE}, charge machine ${loadavg().map((l) => l.toFixed(1)).join(' / ')} (${cpus().length} cœurs)`);
    console.log('| mesure | req/s | p50 ms | p99 ms | p99,9 ms | max ms | Ko/réponse | % plancher | 1re requête ms | non-2xx |');
    console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
    for (const r of rows) {
      console.log(`| ${r.name} | ${r.reqPerSec} | ${r.p50} | ${r.p99} | ${r.p999} | ${r.max} | ${r.kbPerResponse} | ${Math.round((100 * r.reqPerSec) / floor)} % | ${cold[r.name] ?? ''} | ${r.non2xx} |`);
    }
    console.log('');
    console.log(
      `findings juste après une écriture (modèle reconstruit, règles relancées), ${afterWrite.length} écritures : p50 ${Math.round(quantile(afterWrite, 0.5))} ms, max ${Math.round(afterWrite.at(-1)!)} ms`,
    );
    console.log(`écritures pendant la mesure mixte : ${writes} acceptées, ${refusedWrites} refusées ou échouées${refusals.length ? ` (${refusals.join(' ; ')})` : ''}`);
    const scenarioOk = scenario.cold.length > 0 && quantile(scenario.cold, 0.5) < 500;
    console.log(
      `comparaison d’un scénario de ${scenario.changes} changements (GET /api/scenarios/:id/diff, national, révision neuve à chaque fois : état du scénario construit, règles relancées, comparaison), ${scenario.cold.length} mesures : p50 ${Math.round(quantile(scenario.cold, 0.5))} ms, max ${Math.round(scenario.cold.at(-1)!)} ms ; en cache : p50 ${Math.round(quantile(scenario.warm, 0.5))} ms ; findings après écriture (même travail pour l’état réel) p50 ${Math.round(quantile(afterWrite, 0.5))} ms, rapport ${(quantile(scenario.cold, 0.5) / quantile(afterWrite, 0.5)).toFixed(2)} ; ${scenario.resolved} constats levés, ${scenario.appeared} nouveaux, ${scenario.communes} communes dont la couverture change`,
    );
    console.log(`objectif comparaison d’un scénario de ${scenario.changes} changements : p50 ${Math.round(quantile(scenario.cold, 0.5))} ms ${scenarioOk ? '< 500 ms ✓' : '≥ 500 ms ✗'}`);
    failed ||= !scenarioOk;
    imports.sort((a, b) => a - b);
    console.log(`imports nationaux pendant la mesure de health : ${imports.length}, durée p50 ${Math.round(quantile(imports, 0.5) ?? 0)} ms, max ${Math.round(imports.at(-1) ?? 0)} ms`);
    failed ||= refusedWrites > 0 || writes === 0;
    if (writes === 0) console.log('ÉCHEC : aucune écriture acceptée pendant la mesure mixte ✗');
    for (const reload of failedReloads) {
      failed = true;
      console.log(`ÉCHEC vue rechargée après une écriture : ${reload} ✗`);
    }
    if (importFailure !== undefined || imports.length === 0) {
      failed = true;
      console.log(`ÉCHEC imports pendant la mesure de health : ${importFailure ?? 'aucun import terminé'} ✗`);
    }
    for (const r of rows.filter((x) => x.non2xx > 0)) {
      failed = true;
      console.log(`ÉCHEC ${r.name} : ${r.non2xx} réponses non 2xx, erreurs ou délais dépassés : ses chiffres ne mesurent pas la route ✗`);
    }
    for (const [r, limit] of [[mixed, 50], [duringImports, 100]] as const) {
      const ok = r.completed > 0 && r.p99 < limit;
      failed ||= !ok;
      console.log(`objectif ${r.name} : ${r.completed === 0 ? `aucune réponse en ${DURATION} s ✗` : `p99 ${r.p99} ms ${ok ? `< ${limit} ms ✓` : `≥ ${limit} ms ✗`}`}`);
    }
    const cached = rows.filter((r) => r.name.startsWith('findings en cache'));
    for (const r of cached) {
      const okLatency = r.p99 < 50;
      const okThroughput = r.reqPerSec >= floor / 2;
      const okAnswers = r.non2xx === 0;
      failed ||= !(okLatency && okThroughput && okAnswers);
      console.log(`objectif ${r.name} : p99 ${r.p99} ms ${okLatency ? '< 50 ms ✓' : '≥ 50 ms ✗'} ; débit ${Math.round((100 * r.reqPerSec) / floor)} % du plancher ${okThroughput ? '≥ 50 % ✓' : '< 50 % ✗'} ; ${okAnswers ? 'toutes les réponses 2xx ✓' : `${r.non2xx} non 2xx ✗`}`);
    }
    if (failed) process.exitCode = 1;
    if (process.argv.includes('--json')) console.log(JSON.stringify({ engine: POSTGRES ? 'postgres' : 'sqlite', instances: INSTANCES, scale: SCALE, connections: CONNECTIONS, duration: DURATION, rows, cold, afterWrite, imports }, null, 2));
  } finally {
    for (const server of servers) {
      if (server.exitCode !== null) continue;
      server.kill('SIGTERM');
      await new Promise((r) => server.on('exit', r));
    }
    cluster?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * A scenario of ten changes on the national dataset (four CLSMs created, three planned ends, two
 * links added, one removed), compared at the reference date: each measure after a new revision of
 * the scenario (nothing cached for its state), then cached.
 */
async function benchScenario(base: string, dataset: ReturnType<typeof generateSyntheticDataset>, ptsm: string): Promise<{ changes: number; cold: number[]; warm: number[]; resolved: number; appeared: number; communes: number }> {
  const territories = loadTerritories();
  const json = { 'Content-Type': 'application/json' };
  const day = (iso: string, delta: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + delta * 86_400_000).toISOString().slice(0, 10);
  const communes = territories.communesOfDepartement('79').slice(0, 4).map((c) => territories.codes[c]);
  const changes: unknown[] = communes.map((code, i) => ({ op: 'create', kind: 'mechanisms', data: { id: `clsm-scenario-${i}`, kind: 'CLSM', name: `CLSM du scénario ${i}`, status: 'active', territory: { communes: [code] }, dates: { start: day(AS_OF, -30) } } }));
  const clsms = dataset.mechanisms!.filter((m) => m.kind === 'CLSM' && m.status === 'active' && !m.statusHistory).slice(0, 3);
  for (const m of clsms) changes.push({ op: 'update', kind: 'mechanisms', id: m.id, data: { ...m, dates: { ...m.dates, end: day(AS_OF, -1) } } });
  for (const i of [0, 1]) changes.push({ op: 'create', kind: 'links', data: { kind: 'contribution', from: `clsm-scenario-${i}`, to: ptsm } });
  const link = ((await (await authFetch(`${base}/api/links?limit=1`)).json()) as { items: { id: string }[] }).items[0];
  changes.push({ op: 'delete', kind: 'links', id: link.id });
  let created = await authFetch(`${base}/api/scenarios`, { method: 'POST', headers: json, body: JSON.stringify({ name: 'Scénario du banc', changes }) });
  if (!created.ok) throw new Error(`scénario refusé : ${created.status} ${(await created.text()).slice(0, 500)}`);
  let scenario = (await created.json()) as { id: number; revision: number; name: string };
  const cold: number[] = [];
  const warm: number[] = [];
  let last: { findings: { counts: { resolved: number; new: number } }; coverage: { count: number } } | undefined;
  const diff = async () => {
    const t = performance.now();
    const res = await authFetch(`${base}/api/scenarios/${scenario.id}/diff?asOf=${AS_OF}`);
    const body = await res.text();
    if (!res.ok) throw new Error(`comparaison : HTTP ${res.status} ${body.slice(0, 300)}`);
    last = JSON.parse(body);
    return performance.now() - t;
  };
  for (let i = 0; i < 6; i++) {
    // A new revision (the same changes): its state and comparison are computed again.
    created = await authFetch(`${base}/api/scenarios/${scenario.id}`, { method: 'PUT', headers: json, body: JSON.stringify({ name: `Scénario du banc (${i})`, changes, revision: scenario.revision }) });
    if (!created.ok) throw new Error(`révision refusée : ${created.status}`);
    scenario = await created.json();
    cold.push(await diff());
    warm.push(await diff());
  }
  cold.sort((a, b) => a - b);
  warm.sort((a, b) => a - b);
  return { changes: changes.length, cold, warm, resolved: last!.findings.counts.resolved, appeared: last!.findings.counts.new, communes: last!.coverage.count };
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
