// Derived results (findings, graph view, indicators, avis checklists) computed from the stored
// state and cached per data version: the model is built once per version (Snapshot.model), the
// rules run once per (version, asOf), and each response body is kept serialised per
// (version, route, query). A write bumps the data version, which empties the caches.
import { avisChecklist, type AvisChecklist } from '../model/avis.ts';
import { today } from '../model/dates.ts';
import { computeIndicators, type Indicators } from '../model/indicators.ts';
import { runRules } from '../model/rules/engine.ts';
import type { Finding, Severity, Category } from '../model/rules/types.ts';
import { CATEGORIES, SEVERITIES } from '../model/rules/types.ts';
import { buildGraphView, type GraphView } from '../model/views.ts';
import type { Snapshot, Store } from './store.ts';

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

export class Analysis {
  private version = -1;
  private readonly runs = new Map<string, Finding[]>();
  private readonly bodies = new Map<string, CachedBody>();
  private bytes = 0;
  /** Counters for tests and the health route. */
  readonly stats = { ruleRuns: 0, bodyHits: 0, bodyMisses: 0 };

  constructor(
    private readonly store: Store,
    private readonly clock: () => string = today,
  ) {}

  /** The current snapshot; forgets every cached result when the data version moved. */
  snapshot(): Snapshot {
    const snap = this.store.snapshot();
    if (snap.dataVersion !== this.version) {
      this.runs.clear();
      this.bodies.clear();
      this.bytes = 0;
      this.version = snap.dataVersion;
    }
    return snap;
  }

  today(): string {
    return this.clock();
  }

  /** Every finding at a date (rules run once per data version and date). */
  allFindings(asOf: string): { snap: Snapshot; findings: Finding[] } {
    const snap = this.snapshot();
    let findings = this.runs.get(asOf);
    if (findings) {
      this.runs.delete(asOf);
    } else {
      findings = runRules(snap.model, { asOf });
      this.stats.ruleRuns++;
      if (this.runs.size >= MAX_RUNS) this.runs.delete(this.runs.keys().next().value!);
    }
    this.runs.set(asOf, findings);
    return { snap, findings };
  }

  /** A response body cached per data version and key; `build` runs on a miss. */
  cached(key: string, build: (snap: Snapshot) => unknown): CachedBody {
    const snap = this.snapshot();
    const hit = this.bodies.get(key);
    if (hit) {
      this.stats.bodyHits++;
      this.bodies.delete(key);
      this.bodies.set(key, hit);
      return hit;
    }
    this.stats.bodyMisses++;
    const value = build(snap);
    // The build reads the snapshot again: if another process wrote meanwhile, cache under the
    // version actually used.
    const version = (value as { dataVersion?: number }).dataVersion ?? snap.dataVersion;
    const body = Buffer.from(JSON.stringify(value));
    const entry: CachedBody = { body, etag: `W/"${version}-${hash(key)}"`, dataVersion: version };
    this.bytes += body.byteLength;
    this.bodies.set(key, entry);
    while (this.bodies.size > MAX_BODIES || this.bytes > MAX_BODY_BYTES) {
      const oldest = this.bodies.keys().next().value!;
      this.bytes -= this.bodies.get(oldest)!.body.byteLength;
      this.bodies.delete(oldest);
    }
    return entry;
  }

  findings(query: FindingsQuery): FindingsResponse {
    const asOf = query.asOf ?? this.today();
    const { snap, findings } = this.allFindings(asOf);
    const territory = new Set(query.departement ?? []);
    for (const r of query.region ?? []) for (const d of snap.model.territories.departementsOfRegion(r)) territory.add(d);
    const rules = query.rule?.length ? new Set(query.rule) : undefined;
    const severities = query.severity?.length ? new Set(query.severity) : undefined;
    const categories = query.category?.length ? new Set(query.category) : undefined;
    const territorial = (query.departement?.length ?? 0) + (query.region?.length ?? 0) > 0;
    const selected = findings.filter(
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
    return { dataVersion: snap.dataVersion, asOf, total: selected.length, offset, counts, findings: page };
  }

  graph(query: { asOf?: string; departement?: string[]; region?: string[]; people?: boolean }): GraphView & { dataVersion: number } {
    const asOf = query.asOf ?? this.today();
    const { snap, findings } = this.allFindings(asOf);
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

/** A short, stable hash of a cache key (FNV-1a), for ETags. */
function hash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(36);
}
