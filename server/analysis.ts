// Derived results (findings, graph view, indicators, avis checklists, graph exports) cached per
// data version: each response body is kept serialised per (version, request). A write bumps the
// data version, which starts a new generation of bodies. The bodies are computed by an engine
// (analysis-engine.ts): in the server, a worker thread, so that no request waits on the HTTP event
// loop for a model to be rebuilt or the rules to run again.
//
// While the answer for the new version is computed (a national rule run: a few hundred
// milliseconds), a reader who did not make that write gets the latest answer computed, labelled
// with its data version (body and ETag); whoever wrote always waits for a version that holds their
// write (`minVersion`, see AuthService.minVersionFor).
import { today } from '../model/dates.ts';
import { fnv1a } from '../model/random.ts';
import type { AnalysisRequest, Variant } from './analysis-answers.ts';
import { InlineEngine, type AnalysisEngine } from './analysis-engine.ts';
import { cacheKey } from './context.ts';
import type { Snapshot } from './store.ts';

export type { FindingsResponse } from './analysis-answers.ts';

export interface CachedBody {
  body: Buffer;
  /** The gzip-compressed body, computed on first demand. */
  gzip?: Promise<Buffer>;
  contentType: string;
  etag: string;
  dataVersion: number;
}

const MAX_BODIES = 512;
const MAX_BODY_BYTES = 256 * 1024 * 1024;

/** Bodies of one data version; replaced (not cleared) when the version moves, so that a
 * computation still in flight for the old version cannot land in the new one. */
interface Generation {
  version: number;
  bodies: Map<string, Pending>;
  bytes: number;
}

/** A body being computed; `body` once it is there. */
interface Pending {
  promise: Promise<CachedBody>;
  body?: CachedBody;
}

export class Analysis {
  private gen: Generation = { version: -1, bodies: new Map(), bytes: 0 };
  /** Counters for tests and metrics. */
  readonly stats = { ruleRuns: 0, bodyHits: 0, bodyMisses: 0, earlierVersionServed: 0 };
  /** Told the duration of every rule run (seconds), for the metrics. */
  onRuleRun: ((seconds: number) => void) | undefined;
  /** The latest body computed for each request, whatever its version (least recently used first). */
  private readonly latest = new Map<string, CachedBody>();

  constructor(
    private readonly source: { snapshot(): Promise<Snapshot>; dataVersion(): Promise<number> },
    private readonly clock: () => string = today,
    private readonly engine: AnalysisEngine = new InlineEngine(),
    private readonly variant: Variant = 'full',
  ) {}

  today(): string {
    return this.clock();
  }

  /**
   * The body answering a request, cached per data version; computed once on a miss (concurrent
   * misses share it). Its ETag names the version it was computed on. While it is computed, the
   * latest body for the same request is answered instead when its version is at least `minVersion`
   * (by default, never: the caller waits). The data version is read from the database for every
   * request: a write made by another process or instance starts a new generation too.
   */
  async respond(request: AnalysisRequest, minVersion = Infinity): Promise<CachedBody> {
    // A scenario's state is its own request: keyed by the scenario and its revision.
    const key = cacheKey(request.kind, request.options) + (request.scenario ? `#scenario=${request.scenario.id}.${request.scenario.revision}` : '');
    const version = await this.source.dataVersion();
    // A caller that read an older version than another meanwhile gets the newer generation.
    if (version > this.gen.version) this.gen = { version, bodies: new Map(), bytes: 0 };
    const gen = this.gen;
    let pending = gen.bodies.get(key);
    if (pending) {
      gen.bodies.delete(key);
      gen.bodies.set(key, pending);
      if (pending.body) {
        this.stats.bodyHits++;
        return pending.promise;
      }
    } else {
      this.stats.bodyMisses++;
      pending = this.compute(request, key, gen);
    }
    const earlier = this.latest.get(key);
    if (earlier && earlier.dataVersion >= minVersion) {
      this.stats.earlierVersionServed++;
      return earlier;
    }
    return pending.promise;
  }

  /**
   * An answer for this request alone, never cached: a report carries who asked and when. Computed
   * by the engine (the analysis worker in the server) on the latest state.
   */
  async once(request: AnalysisRequest): Promise<{ body: Buffer; contentType: string; dataVersion: number }> {
    const answer = await this.engine.answer(request, this.variant, () => this.source.snapshot());
    this.counted(answer);
    return { body: Buffer.from(answer.body.buffer, answer.body.byteOffset, answer.body.byteLength), contentType: answer.contentType, dataVersion: answer.dataVersion };
  }

  /** Rule runs, for tests and the metrics. */
  private counted(answer: { ruleRuns: number; ruleDurations: readonly number[] }): void {
    this.stats.ruleRuns += answer.ruleRuns;
    for (const ms of answer.ruleDurations) this.onRuleRun?.(ms / 1000);
  }

  private compute(request: AnalysisRequest, key: string, gen: Generation): Pending {
    const pending: Pending = {
      promise: this.engine.answer(request, this.variant, () => this.source.snapshot()).then((answer): CachedBody => {
        this.counted(answer);
        const body = Buffer.from(answer.body.buffer, answer.body.byteOffset, answer.body.byteLength);
        return { body, contentType: answer.contentType, etag: `W/"${answer.dataVersion}-${fnv1a(key).toString(36)}"`, dataVersion: answer.dataVersion };
      }),
    };
    gen.bodies.set(key, pending);
    pending.promise.then(
      (body) => {
        pending.body = body;
        gen.bytes += body.body.byteLength;
        this.evict(gen);
        const known = this.latest.get(key);
        if (!known || known.dataVersion <= body.dataVersion) {
          this.latest.delete(key);
          this.latest.set(key, body);
          if (this.latest.size > MAX_BODIES) this.latest.delete(this.latest.keys().next().value!);
        }
      },
      () => gen.bodies.delete(key),
    );
    return pending;
  }

  /**
   * Computes today's findings ahead of the first request when the data changed since the last
   * call, so that the first view after a start or a write does not wait for them.
   */
  warm(): Promise<void> {
    return this.respond({ kind: 'findings', options: { asOf: this.today(), limit: 0 } }).then(
      () => undefined,
      () => undefined, // a failure is reported when a request asks
    );
  }

  private evict(gen: Generation): void {
    while (gen.bodies.size > MAX_BODIES || gen.bytes > MAX_BODY_BYTES) {
      const oldest = gen.bodies.keys().next().value!;
      const entry = gen.bodies.get(oldest)!;
      gen.bodies.delete(oldest);
      void entry.promise.then((e) => (gen.bytes -= e.body.byteLength), () => undefined);
      if (gen.bodies.size === 0) break;
    }
  }
}
