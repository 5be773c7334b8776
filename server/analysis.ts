// Derived results (findings, graph view, indicators, avis checklists) computed from the stored
// state and cached per data version: the model is built once per version (Snapshot.model), the
// rules run once per (version, asOf), and each response body is kept serialised per
// (version, route, query). A write bumps the data version, which empties the caches.
import { avisChecklist, type AvisChecklist } from '../model/avis.ts';
import { today } from '../model/dates.ts';
import { computeIndicators, type Indicators } from '../model/indicators.ts';
import { writeFinding } from '../model/rules/engine.ts';
import type { Finding, FindingRecord, Severity, Category } from '../model/rules/types.ts';
import { CATEGORIES, SEVERITIES } from '../model/rules/types.ts';
import { buildGraphView, type GraphView } from '../model/views.ts';
import { InlineRuleRunner, type RuleRunner } from './rules-runner.ts';
import type { Snapshot, Store } from './store.ts';
import { fnv1a } from '../model/random.ts';

export interface CachedBody {
  body: Buffer;
  /** The gzip-compressed body, computed on first demand. */
  gzip?: Promise<Buffer>;
  etag: string;
  dataVersion: number;
}

export interface FindingsQuery {
  asOf?: string;
  departement?: string[];
  region?: string[];
  rule?: string[];
  severity?: Severity[];
  category?: Category[];
  subject?: string;
  limit?: number;
  offset?: number;
}

export interface FindingsResponse {
  dataVersion: number;
  asOf: string;
  total: number;
  offset: number;
  counts: { severity: Record<Severity, number>; category: Record<Category, number>; rule: Record<string, number> };
  findings: Finding[];
}

const MAX_BODIES = 512;
const MAX_BODY_BYTES = 256 * 1024 * 1024;
const MAX_RUNS = 8;

/** Results of one data version; replaced (not cleared) when the version moves, so that a
 * computation still in flight for the old version cannot land in the new one. */
interface Generation {
  version: number;
  runs: Map<string, Promise<FindingRecord[]>>;
  bodies: Map<string, Promise<CachedBody>>;
  bytes: number;
}

export class Analysis {
  private gen: Generation = { version: -1, runs: new Map(), bodies: new Map(), bytes: 0 };
  /** Counters for tests. */
  readonly stats = { ruleRuns: 0, bodyHits: 0, bodyMisses: 0 };

  constructor(
    private readonly store: Pick<Store, 'snapshot' | 'dataVersion'>,
    private readonly clock: () => string = today,
    private readonly rules: RuleRunner = new InlineRuleRunner(),
  ) {}

  /** The current snapshot; starts a new generation of cached results when the data version moved. */
  snapshot(): Snapshot {
    const snap = this.store.snapshot();
    if (snap.dataVersion !== this.gen.version) this.gen = { version: snap.dataVersion, runs: new Map(), bodies: new Map(), bytes: 0 };
    return snap;
  }

  today(): string {
    return this.clock();
  }

  /**
   * Every finding at a date, as records (their texts are written for the findings a response
   * returns): the rules run once per data version and date (concurrent requests share the run),
   * in the rule runner (a worker thread in the server).
   */
  async allFindings(asOf: string): Promise<{ snap: Snapshot; findings: FindingRecord[] }> {
    const snap = this.snapshot();
    const gen = this.gen;
    let run = gen.runs.get(asOf);
    if (run) {
      gen.runs.delete(asOf);
    } else {
      this.stats.ruleRuns++;
      run = this.rules.run(snap, asOf);
      run.catch(() => gen.runs.delete(asOf));
      if (gen.runs.size >= MAX_RUNS) gen.runs.delete(gen.runs.keys().next().value!);
    }
    gen.runs.set(asOf, run);
    return { snap, findings: await run };
  }

  /**
   * Starts today's rule run in the background when the data changed since the last call, so that
   * the first view after a start or a write does not wait for it. Returns at once.
   */
  warm(): void {
    if (this.store.snapshot().dataVersion === this.gen.version && this.gen.runs.has(this.today())) return;
    this.allFindings(this.today()).catch(() => undefined); // a failure is reported when a request asks
  }

  /** A response body cached per data version and key; `build` runs once on a miss (concurrent misses share it). */
  cached(key: string, build: (snap: Snapshot) => unknown): Promise<CachedBody> {
    const snap = this.snapshot();
    const gen = this.gen;
    const hit = gen.bodies.get(key);
    if (hit) {
      this.stats.bodyHits++;
      gen.bodies.delete(key);
      gen.bodies.set(key, hit);
      return hit;
    }
    this.stats.bodyMisses++;
    const entry = (async (): Promise<CachedBody> => {
      const value = await build(snap);
      // The build reads the snapshot itself: label the body with the version it actually used.
      const version = (value as { dataVersion?: number } | undefined)?.dataVersion ?? snap.dataVersion;
      const body = Buffer.from(JSON.stringify(value));
      gen.bytes += body.byteLength;
      return { body, etag: `W/"${version}-${fnv1a(key).toString(36)}"`, dataVersion: version };
    })();
    gen.bodies.set(key, entry);
    entry.then(
      () => this.evict(gen),
      () => gen.bodies.delete(key),
    );
    return entry;
  }

  private evict(gen: Generation): void {
    while (gen.bodies.size > MAX_BODIES || gen.bytes > MAX_BODY_BYTES) {
      const oldest = gen.bodies.keys().next().value!;
      const entry = gen.bodies.get(oldest)!;
      gen.bodies.delete(oldest);
      void entry.then((e) => (gen.bytes -= e.body.byteLength), () => undefined);
      if (gen.bodies.size === 0) break;
    }
  }

  async findings(query: FindingsQuery): Promise<FindingsResponse> {
    const asOf = query.asOf ?? this.today();
    const { snap, findings: records } = await this.allFindings(asOf);
    const territory = new Set(query.departement ?? []);
    for (const r of query.region ?? []) for (const d of snap.territories.departementsOfRegion(r)) territory.add(d);
    const rules = query.rule?.length ? new Set(query.rule) : undefined;
    const severities = query.severity?.length ? new Set(query.severity) : undefined;
    const categories = query.category?.length ? new Set(query.category) : undefined;
    const territorial = (query.departement?.length ?? 0) + (query.region?.length ?? 0) > 0;
    const selected = records.filter(
      (f) =>
        (!territorial || f.departements.some((d) => territory.has(d))) &&
        (!rules || rules.has(f.rule)) &&
        (!severities || severities.has(f.severity)) &&
        (!categories || categories.has(f.category)) &&
        (query.subject === undefined || f.subjects.includes(query.subject)),
    );
    const counts = {
      severity: Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>,
      category: Object.fromEntries(CATEGORIES.map((c) => [c, 0])) as Record<Category, number>,
      rule: {} as Record<string, number>,
    };
    for (const f of selected) {
      counts.severity[f.severity]++;
      counts.category[f.category]++;
      counts.rule[f.rule] = (counts.rule[f.rule] ?? 0) + 1;
    }
    const offset = query.offset ?? 0;
    const page = query.limit === undefined ? selected.slice(offset) : selected.slice(offset, offset + query.limit);
    const findings = page.map((record) => writeFinding(record, snap.nameOf));
    return { dataVersion: snap.dataVersion, asOf, total: selected.length, offset, counts, findings };
  }

  async graph(query: { asOf?: string; departement?: string[]; region?: string[]; people?: boolean }): Promise<GraphView & { dataVersion: number }> {
    const asOf = query.asOf ?? this.today();
    const { snap, findings } = await this.allFindings(asOf);
    const view = buildGraphView(snap.model, findings, { asOf, departements: query.departement, regions: query.region, includePeople: query.people });
    return { dataVersion: snap.dataVersion, ...view };
  }

  indicators(query: { asOf?: string; level: 'region' | 'departement'; departement?: string[]; region?: string[]; uncoveredLimit?: number }): Indicators & { dataVersion: number } {
    const asOf = query.asOf ?? this.today();
    const snap = this.snapshot();
    const result = computeIndicators(snap.model, {
      asOf,
      level: query.level,
      departements: query.departement,
      regions: query.region,
      uncoveredLimit: query.uncoveredLimit ?? 100,
    });
    return { dataVersion: snap.dataVersion, ...result };
  }

  avis(id: string, asOf?: string): (AvisChecklist & { dataVersion: number }) | undefined {
    const snap = this.snapshot();
    const checklist = avisChecklist(snap.model, id, asOf ?? this.today());
    return checklist && { dataVersion: snap.dataVersion, ...checklist };
  }
}
