// The rules in a worker thread give the same findings as inline, per data version.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appInternals } from '../../server/app.ts';
import { InlineRuleRunner, WorkerRuleRunner } from '../../server/rules-runner.ts';
import { AS_OF, call, clsmBressuire, makeServer, type TestServer } from './helpers.ts';

let s: TestServer;
let worker: WorkerRuleRunner;
const failures: string[] = [];
beforeAll(async () => {
  s = makeServer('worker');
  const demo = JSON.parse(readFileSync(new URL('../../data/demo.json', import.meta.url), 'utf8'));
  expect((await call(s.app, 'POST', '/api/import', demo)).status).toBe(200);
  worker = new WorkerRuleRunner((reason) => failures.push(reason));
});
afterAll(async () => {
  await worker?.close();
  s?.close();
});

describe('rule runners', () => {
  it('the worker thread and the inline runner agree, across data versions and dates', async () => {
    const { store } = appInternals(s.app);
    const inline = new InlineRuleRunner();
    expect(worker.usingWorker).toBe(true);
    for (const asOf of [AS_OF, '2020-01-01']) {
      const fromWorker = await worker.run(store.snapshot(), asOf);
      expect(fromWorker.length).toBeGreaterThan(0);
      expect(fromWorker).toEqual(await inline.run(store.snapshot(), asOf));
    }
    // A write: the worker is sent the new dataset and answers for it.
    const add = await call(s.app, 'POST', '/api/mechanisms', { ...clsmBressuire, id: 'clsm-test-worker' });
    expect(add.status).toBe(201);
    const snap = store.snapshot();
    const after = await worker.run(snap, AS_OF);
    expect(after).toEqual(await inline.run(snap, AS_OF));
    expect(after.some((f) => f.subjects.includes('clsm-test-worker'))).toBe(true);
    // Concurrent runs are answered in order.
    const both = await Promise.all([worker.run(snap, '2021-01-01'), worker.run(snap, '2022-01-01')]);
    expect(both[0]).toEqual(await inline.run(snap, '2021-01-01'));
    expect(both[1]).toEqual(await inline.run(snap, '2022-01-01'));
    expect(failures).toEqual([]);
  });

  it('after close, the runner computes inline', async () => {
    const runner = new WorkerRuleRunner();
    await runner.close();
    expect(runner.usingWorker).toBe(false);
    const { store } = appInternals(s.app);
    expect((await runner.run(store.snapshot(), AS_OF)).length).toBeGreaterThan(0);
  });
});
