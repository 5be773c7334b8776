// What the people who run the service watch (GET /api/metrics, Prometheus's text format): requests
// by route and status, their latency, the derived-results cache, the data version, the rule runs
// and how long they take. Each app has its own registry (prom-client); the process's own figures
// (memory, event loop) are added by the server (index.ts), not by the tests' many apps.
import type { MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Analysis } from './analysis.ts';
import type { EngineKind } from './db/database.ts';

export interface MetricSources {
  engine: EngineKind;
  dataVersion(): Promise<number>;
  /** Full reads of the state (after another process or instance wrote, or an import). */
  stateLoads(): number;
  analyses: { variant: string; analysis: Analysis }[];
}

const LATENCY_BUCKETS = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
const RULE_BUCKETS = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

export class Metrics {
  readonly registry = new Registry();
  private readonly requests: Counter<'method' | 'route' | 'status'>;
  private readonly latency: Histogram<'method' | 'route'>;

  constructor(sources: MetricSources) {
    const registers = [this.registry];
    this.requests = new Counter({ name: 'articulation_http_requests_total', help: 'Requêtes HTTP traitées, par méthode, route et statut', labelNames: ['method', 'route', 'status'], registers });
    this.latency = new Histogram({ name: 'articulation_http_request_duration_seconds', help: 'Durée des requêtes HTTP, par méthode et route', labelNames: ['method', 'route'], buckets: LATENCY_BUCKETS, registers });
    new Gauge({
      name: 'articulation_data_version',
      help: 'Version des données dans la base (augmentée par chaque écriture, sur toute instance)',
      registers,
      async collect() {
        this.set(await sources.dataVersion());
      },
    });
    new Gauge({ name: 'articulation_database_info', help: 'Moteur de base de données utilisé', labelNames: ['engine'], registers }).set({ engine: sources.engine }, 1);
    new Counter({
      name: 'articulation_state_loads_total',
      help: 'Lectures complètes de l’état (après une écriture d’un autre processus ou d’une autre instance, ou un import)',
      registers,
      collect() {
        this.reset();
        this.inc(sources.stateLoads());
      },
    });
    new Counter({
      name: 'articulation_analysis_cache_requests_total',
      help: 'Réponses des vues dérivées (constats, graphe, indicateurs, avis) : trouvées dans le cache (hit), calculées (miss), ou version antérieure servie pendant le calcul (earlier_version)',
      labelNames: ['variant', 'result'],
      registers,
      collect() {
        this.reset();
        for (const { variant, analysis } of sources.analyses) {
          this.inc({ variant, result: 'hit' }, analysis.stats.bodyHits);
          this.inc({ variant, result: 'miss' }, analysis.stats.bodyMisses);
          this.inc({ variant, result: 'earlier_version' }, analysis.stats.earlierVersionServed);
        }
      },
    });
    new Counter({
      name: 'articulation_rule_runs_total',
      help: 'Exécutions des règles (une par version des données et par date demandée)',
      labelNames: ['variant'],
      registers,
      collect() {
        this.reset();
        for (const { variant, analysis } of sources.analyses) this.inc({ variant }, analysis.stats.ruleRuns);
      },
    });
    const ruleDuration = new Histogram({ name: 'articulation_rule_run_duration_seconds', help: 'Durée d’une exécution des règles', labelNames: ['variant'], buckets: RULE_BUCKETS, registers });
    for (const { variant, analysis } of sources.analyses) analysis.onRuleRun = (seconds) => ruleDuration.observe({ variant }, seconds);
  }

  /** The process's own figures too (memory, CPU, event loop lag): for the server, once per process. */
  withProcessMetrics(): this {
    collectDefaultMetrics({ register: this.registry });
    return this;
  }

  /** Counts and times every request, labelled by the route that answered (its pattern, never the raw path). */
  middleware: MiddlewareHandler = async (c, next) => {
    const start = performance.now();
    await next();
    const route = routePath(c);
    this.requests.inc({ method: c.req.method, route, status: String(c.res.status) });
    this.latency.observe({ method: c.req.method, route }, (performance.now() - start) / 1000);
  };

  text(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
