// The analysis cache computes today's findings ahead of the first request, and again after a write.
import { afterAll, describe, expect, it } from 'vitest';
import { appInternals } from '../../server/app.ts';
import { makeServer, smallDataset } from './helpers.ts';

const server = makeServer('warm');
afterAll(() => server.close());

describe('Analysis.warm', () => {
  it('runs the rules once per data version, before any request asks', async () => {
    const { analysis, store } = appInternals(server.app);
    analysis.warm();
    analysis.warm();
    expect(analysis.stats.ruleRuns).toBe(1);
    await analysis.allFindings(analysis.today());
    expect(analysis.stats.ruleRuns).toBe(1); // the request reused the warm run
    store.importDataset(smallDataset(), { mode: 'replace' });
    analysis.warm();
    expect(analysis.stats.ruleRuns).toBe(2);
    const { findings } = await analysis.allFindings(analysis.today());
    expect(findings.length).toBeGreaterThan(0);
    expect(analysis.stats.ruleRuns).toBe(2);
  });
});
