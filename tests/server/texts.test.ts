// Findings' texts are written from the records and the stored names: a findings request does not
// build the territory model on the main thread (the rules ran elsewhere, as in the server's worker).
import { afterAll, describe, expect, it } from 'vitest';
import { ArticulationModel } from '../../model/graph.ts';
import { evaluateRules } from '../../model/rules/engine.ts';
import { appInternals } from '../../server/app.ts';
import type { RuleRunner } from '../../server/rules-runner.ts';
import { loadTerritories } from '../../server/territories.ts';
import { call, makeServer, seedSmall } from './helpers.ts';

/** Like the worker: its own model of the snapshot's dataset, results copied across. */
const separateRunner: RuleRunner = {
  run: async (snap, asOf) => structuredClone(evaluateRules(new ArticulationModel(snap.dataset, loadTerritories()), { asOf })),
  close: async () => undefined,
};

const s = makeServer('texts', { rules: separateRunner });
afterAll(() => s.close());

describe('findings texts', () => {
  it('are written without building the main thread model, by département, région or page', async () => {
    await seedSmall(s.app);
    const { store } = appInternals(s.app);
    for (const query of ['', '?region=75', '?departement=79&limit=2']) {
      const res = await call(s.app, 'GET', `/api/findings${query}`);
      expect(res.status).toBe(200);
      expect(res.body.findings.length).toBeGreaterThan(0);
      for (const f of res.body.findings) expect(f.message).toMatch(/[A-ZÉ]\S* .{10,}/);
    }
    expect(store.snapshot().modelBuilt).toBe(false);
    // The graph view needs the model: the flag does move.
    expect((await call(s.app, 'GET', '/api/graph')).status).toBe(200);
    expect(store.snapshot().modelBuilt).toBe(true);
  });
});
