// The analysis cache computes today's findings ahead of the first request, and again after a write.
import { afterAll, describe, expect, it } from 'vitest';
import { appInternals } from '../../server/app.ts';
import { makeServer, smallDataset } from './helpers.ts';

const server = await makeServer('warm');
afterAll(() => server.close());

describe('Analysis.warm', () => {
  it('runs the rules once per data version, before any request asks', async () => {
    const { analysis, store } = appInternals(server.app);
    await Promise.all([analysis.warm(), analysis.warm()]);
    expect(analysis.stats.ruleRuns).toBe(1);
    const today = await analysis.respond({ kind: 'findings', options: { asOf: analysis.today() } });
    expect(analysis.stats.ruleRuns).toBe(1); // the request reused the warm run
    expect(JSON.parse(today.body.toString()).total).toBe(0);
    await store.importDataset(smallDataset(), { mode: 'replace' });
    await analysis.warm();
    expect(analysis.stats.ruleRuns).toBe(2);
    const after = await analysis.respond({ kind: 'findings', options: { asOf: analysis.today() } });
    expect(JSON.parse(after.body.toString()).total).toBeGreaterThan(0);
    expect(analysis.stats.ruleRuns).toBe(2);
  });
});
