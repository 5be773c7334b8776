// The analysis worker answers every derived view exactly as the inline engine does, for the full
// state and its pseudonymised copy, across data versions; after a write, no view builds a model
// on the main thread.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnalysisRequest, Variant } from '../../server/analysis-answers.ts';
import { InlineEngine, WorkerEngine, type AnalysisEngine, type EngineAnswer } from '../../server/analysis-engine.ts';
import { PublicSource } from '../../server/auth/privacy.ts';
import { appInternals } from '../../server/app.ts';
import type { Snapshot } from '../../server/store.ts';
import { accountFor, AS_OF, call, clsmBressuire, makeServer, seedSmall, type TestServer } from './helpers.ts';

let s: TestServer;
let worker: WorkerEngine;
const failures: string[] = [];
beforeAll(async () => {
  s = await makeServer('worker');
  const demo = JSON.parse(readFileSync(new URL('../../data/demo.json', import.meta.url), 'utf8'));
  expect((await call(s.app, 'POST', '/api/import', demo)).status).toBe(200);
  worker = new WorkerEngine(s.db.location, (reason) => failures.push(reason));
});
afterAll(async () => {
  await worker?.close();
  await s?.close();
});

const REQUESTS: AnalysisRequest[] = [
  { kind: 'findings', options: { asOf: AS_OF } },
  { kind: 'findings', options: { asOf: '2020-01-01', departement: ['79'], limit: 5, offset: 2 } },
  { kind: 'graph', options: { asOf: AS_OF, people: true } },
  { kind: 'indicators', options: { asOf: AS_OF, level: 'departement', uncoveredLimit: 5 } },
  { kind: 'avis', options: { id: 'ptsm-79', asOf: AS_OF } },
  { kind: 'export', options: { format: 'graphml', asOf: AS_OF } },
  // A PDF: the same report gives the same bytes, built and drawn in the worker or inline.
  { kind: 'report', options: { level: 'departement', code: '79', asOf: AS_OF, generatedAt: '2025-06-01T08:00:00Z', generatedBy: 'Tests', personalData: true } },
  // A scenario's comparison drawn alone: a CLSM on Thouars (its state and the real one, compared in the worker).
  {
    kind: 'scenarioReport',
    options: { asOf: AS_OF, departement: ['79'], territory: 'Deux-Sèvres (79)', generatedAt: '2025-06-01T08:00:00Z', generatedBy: 'Tests' },
    scenario: { id: 1, revision: 1, name: 'Un CLSM à Thouars', changes: [{ op: 'create', kind: 'mechanisms', id: 'clsm-scenario-thouars', data: { id: 'clsm-scenario-thouars', kind: 'CLSM', name: 'CLSM de Thouars (scénario)', status: 'active', territory: { communes: ['79329'] }, dates: { start: '2024-01-01' } } }] },
  },
];

function sources(): Record<Variant, () => Promise<Snapshot>> {
  const { store, auth } = appInternals(s.app);
  const pseudonymised = new PublicSource(store, auth.privacy);
  return { full: () => store.snapshot(), pseudonymised: () => pseudonymised.snapshot() };
}

const text = (bytes: Uint8Array) => Buffer.from(bytes).toString('utf8');

describe('analysis engines', () => {
  it('the worker thread and the inline engine agree, for every kind of view, both variants, across data versions', async () => {
    expect(worker.usingWorker).toBe(true);
    const inline = new InlineEngine();
    for (const round of [1, 2]) {
      for (const [variant, snapshot] of Object.entries(sources()) as [Variant, () => Promise<Snapshot>][]) {
        for (const request of REQUESTS) {
          const [fromWorker, fromInline] = await Promise.all([worker.answer(request, variant, snapshot), inline.answer(request, variant, snapshot)]);
          expect(fromWorker.dataVersion, `${round} ${variant} ${request.kind}`).toBe((await snapshot()).dataVersion);
          expect(fromWorker.contentType).toBe(fromInline.contentType);
          expect(text(fromWorker.body), `${round} ${variant} ${request.kind}`).toBe(text(fromInline.body));
          expect(fromWorker.body.byteLength).toBeGreaterThan(100);
        }
      }
      // A write: the worker reads the new state itself.
      const add = await call(s.app, 'POST', '/api/mechanisms', { ...clsmBressuire, id: `clsm-test-worker-${round}` });
      expect(add.status).toBe(201);
      const findings = await worker.answer({ kind: 'findings', options: { asOf: AS_OF, subject: `clsm-test-worker-${round}` } }, 'full', sources().full);
      expect(JSON.parse(text(findings.body)).total).toBeGreaterThan(0);
    }
    // The pseudonymised variant names no person of the demo.
    const people = (await appInternals(s.app).store.snapshot()).records.people.map((p) => p.data);
    const graph = text((await worker.answer({ kind: 'graph', options: { asOf: AS_OF, people: true } }, 'pseudonymised', sources().pseudonymised)).body);
    expect(graph).toMatch(/"type":"person"/);
    for (const p of people) expect(graph).not.toContain(p.label);
    expect(failures).toEqual([]);
  });

  it('counts the rule runs: once per data version and date', async () => {
    const snapshot = sources().full;
    const first = await worker.answer({ kind: 'findings', options: { asOf: '2019-05-05' } }, 'full', snapshot);
    const again = await worker.answer({ kind: 'graph', options: { asOf: '2019-05-05' } }, 'full', snapshot);
    expect([first.ruleRuns, again.ruleRuns]).toEqual([1, 0]);
  });

  it('after close, the engine computes inline', async () => {
    const engine = new WorkerEngine(s.db.location);
    await engine.close();
    expect(engine.usingWorker).toBe(false);
    const answer = await engine.answer({ kind: 'findings', options: { asOf: AS_OF } }, 'full', sources().full);
    expect(JSON.parse(text(answer.body)).total).toBeGreaterThan(0);
  });
});

describe('with the analysis worker', () => {
  it('no view builds the model on the main thread, before or after a write', async () => {
    const engine = new WorkerEngine(s.db.location);
    const server = await makeServer('no-main-model', { analysis: engine });
    try {
      const demo = JSON.parse(readFileSync(new URL('../../data/demo.json', import.meta.url), 'utf8'));
      expect((await call(server.app, 'POST', '/api/import', demo)).status).toBe(200);
      const { store } = appInternals(server.app);
      const paths = ['/api/findings?departement=79', '/api/graph?people=true', '/api/indicators', '/api/ptsm/ptsm-79/avis', '/api/export?format=gexf', '/api/mechanisms?departement=79'];
      for (const round of [1, 2]) {
        for (const path of paths) {
          const res = await call(server.app, 'GET', path);
          expect(res.status, `${path} ${res.text.slice(0, 200)}`).toBe(200);
          expect(res.text.length).toBeGreaterThan(100);
        }
        expect((await store.snapshot()).modelBuilt, `round ${round}`).toBe(false);
        const current = await call(server.app, 'GET', '/api/mechanisms/ptsm-79');
        expect((await call(server.app, 'PUT', '/api/mechanisms/ptsm-79', { ...current.body.data, name: `PTSM (${round})` }, { 'If-Match': String(current.body.version) })).status).toBe(200);
      }
      expect(server.errors).toEqual([]);
    } finally {
      await engine.close();
      await server.close();
    }
  });
});

/** An inline engine whose answers wait for `release()`: a rule run caught in the act. */
class HeldEngine implements AnalysisEngine {
  private readonly inline = new InlineEngine();
  private gate: Promise<void> | undefined;
  release: () => void = () => undefined;

  hold(): void {
    this.gate = new Promise((resolve) => (this.release = resolve));
  }

  async answer(request: AnalysisRequest, variant: Variant, snapshot: () => Promise<Snapshot>): Promise<EngineAnswer> {
    const snap = await snapshot();
    await this.gate;
    return this.inline.answer(request, variant, async () => snap);
  }

  async close(): Promise<void> {}
}

const settledWithin = async <T>(promise: Promise<T>, ms = 100): Promise<T | 'en attente'> => Promise.race([promise, new Promise<'en attente'>((resolve) => setTimeout(() => resolve('en attente'), ms))]);

describe('while a new version is computed', () => {
  it('a reader who did not write gets the latest answer (and its version); the writer waits for one that holds the write', async () => {
    const engine = new HeldEngine();
    const server = await makeServer('earlier-version', { analysis: engine });
    try {
      await seedSmall(server.app);
      const reader = await accountFor(server, 'lecteur');
      const ars = await accountFor(server, 'ars', { departements: ['79'] });
      const path = '/api/findings?rule=ptsm-avis-missing';
      const first = await call(server.app, 'GET', path, undefined, ars.auth);
      expect(first.body.dataVersion).toBe(1);
      expect((await call(server.app, 'GET', path, undefined, reader.auth)).body.dataVersion).toBe(1);
      engine.hold();
      const link = await call(server.app, 'POST', '/api/links', { kind: 'avis', from: 'clsm-bressuire', to: 'ptsm-79', stage: 'projet', date: '2021-05-01' }, ars.auth);
      expect(link.status).toBe(201);
      // Others: at once, from version 1, said so in the body and the ETag.
      for (const who of [reader.auth, { Authorization: `Bearer ${server.adminToken}` }]) {
        const res = await settledWithin(call(server.app, 'GET', path, undefined, who));
        expect(res).not.toBe('en attente');
        expect((res as Awaited<ReturnType<typeof call>>).body).toMatchObject({ dataVersion: 1, total: first.body.total });
        expect((res as Awaited<ReturnType<typeof call>>).headers.get('etag')).toMatch(/^W\/"1-/);
      }
      // The writer waits for version 2, which no longer reports the avis it just recorded.
      const mine = call(server.app, 'GET', path, undefined, ars.auth);
      expect(await settledWithin(mine)).toBe('en attente');
      engine.release();
      expect((await mine).body).toMatchObject({ dataVersion: 2, total: first.body.total - 1 });
      expect((await call(server.app, 'GET', path, undefined, reader.auth)).body.dataVersion).toBe(2);
      expect(appInternals(server.app).analysis.stats.earlierVersionServed).toBeGreaterThan(0);
    } finally {
      await server.close();
    }
  });
});
