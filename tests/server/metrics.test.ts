// GET /api/metrics: Prometheus's text format, behind its own token (ARTICULATION_METRICS_TOKEN):
// requests by route and status, latency histogram, cache hits, data version, rule runs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadAuthConfig } from '../../server/config.ts';
import { TEST_ENGINE, accountFor, call, makeServer, seedSmall, type TestServer } from './helpers.ts';

const METRICS_TOKEN = 'jeton-des-metriques-de-test-0123456789';
let s: TestServer;
beforeAll(async () => {
  s = await makeServer('metrics', { auth: { metricsToken: METRICS_TOKEN } });
  await seedSmall(s.app);
});
afterAll(() => s?.close());

const scrape = async () => {
  const res = await s.request('/api/metrics', { headers: { Authorization: `Bearer ${METRICS_TOKEN}` } });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  return res.text();
};

/** The value of one sample line (`name{labels} value`), or undefined. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  for (const line of text.split('\n')) {
    const match = /^([a-z_]+)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const have = (match[2] ?? '').split(',').filter(Boolean);
    if (wanted.every((label) => have.includes(label))) return Number(match[3]);
  }
  return undefined;
}

describe('GET /api/metrics', () => {
  it('answers only with its own token: 401 without, 403 for an account (even an administrator)', async () => {
    const none = await s.request('/api/metrics');
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toMatch(/Bearer/);
    expect((await none.json()).error).toMatch(/ARTICULATION_METRICS_TOKEN/);
    const admin = await call(s.app, 'GET', '/api/metrics');
    expect(admin.status).toBe(403);
    expect(admin.body.error).toMatch(/réservé au collecteur de métriques/);
    const reader = await call(s.app, 'GET', '/api/metrics', undefined, (await accountFor(s, 'lecteur')).auth);
    expect(reader.status).toBe(403);
    // The metrics token opens nothing else.
    expect((await s.request('/api/mechanisms', { headers: { Authorization: `Bearer ${METRICS_TOKEN}` } })).status).toBe(401);
    const wrong = await s.request('/api/metrics', { headers: { Authorization: `Bearer ${METRICS_TOKEN}x` } });
    expect(wrong.status).toBe(401);
  });

  it('counts requests by route pattern and status, with a latency histogram', async () => {
    const before = await scrape();
    const route = { method: 'GET', route: '/api/mechanisms/:id' };
    const found = sample(before, 'articulation_http_requests_total', { ...route, status: '200' }) ?? 0;
    const missing = sample(before, 'articulation_http_requests_total', { ...route, status: '404' }) ?? 0;
    for (const id of ['ptsm-79', 'clsm-niort', 'cls-niort']) expect((await call(s.app, 'GET', `/api/mechanisms/${id}`)).status).toBe(200);
    expect((await call(s.app, 'GET', '/api/mechanisms/inconnu')).status).toBe(404);
    const after = await scrape();
    expect(sample(after, 'articulation_http_requests_total', { ...route, status: '200' })).toBe(found + 3);
    expect(sample(after, 'articulation_http_requests_total', { ...route, status: '404' })).toBe(missing + 1);
    expect(after).not.toContain('clsm-niort'); // a pattern, never a raw path
    expect(sample(after, 'articulation_http_request_duration_seconds_count', route)).toBeGreaterThanOrEqual(found + missing + 4);
    expect(sample(after, 'articulation_http_request_duration_seconds_bucket', { ...route, le: '+Inf' })).toBe(sample(after, 'articulation_http_request_duration_seconds_count', route));
  });

  it('reports the data version, the engine, cache hits and misses, rule runs and their duration', async () => {
    const version = (await call(s.app, 'GET', '/api/health')).body.dataVersion;
    for (let i = 0; i < 3; i++) expect((await call(s.app, 'GET', '/api/findings?departement=79')).status).toBe(200);
    const text = await scrape();
    expect(sample(text, 'articulation_data_version')).toBe(version);
    expect(sample(text, 'articulation_database_info', { engine: TEST_ENGINE })).toBe(1);
    expect(sample(text, 'articulation_analysis_cache_requests_total', { variant: 'full', result: 'hit' })).toBeGreaterThanOrEqual(2);
    expect(sample(text, 'articulation_analysis_cache_requests_total', { variant: 'full', result: 'miss' })).toBeGreaterThanOrEqual(1);
    const runs = sample(text, 'articulation_rule_runs_total', { variant: 'full' })!;
    expect(runs).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'articulation_rule_run_duration_seconds_count', { variant: 'full' })).toBe(runs);
    expect(sample(text, 'articulation_rule_run_duration_seconds_sum', { variant: 'full' })).toBeGreaterThan(0);
    // A write moves the version.
    expect((await call(s.app, 'POST', '/api/people', { label: 'Pour les métriques' })).status).toBe(201);
    expect(sample(await scrape(), 'articulation_data_version')).toBe(version + 1);
  });

  it('without ARTICULATION_METRICS_TOKEN, nobody reads them; a short token is refused at start-up', async () => {
    const plain = await makeServer('metrics-off');
    try {
      const res = await plain.request('/api/metrics', { headers: { Authorization: `Bearer ${METRICS_TOKEN}` } });
      expect(res.status).toBe(401);
    } finally {
      await plain.close();
    }
    expect(() => loadAuthConfig({ ARTICULATION_METRICS_TOKEN: 'court' })).toThrow(ConfigError);
    expect(() => loadAuthConfig({ ARTICULATION_METRICS_TOKEN: 'court' })).toThrow(/ARTICULATION_METRICS_TOKEN : doit compter au moins 24 caractères/);
    expect(loadAuthConfig({ ARTICULATION_METRICS_TOKEN: METRICS_TOKEN }).metricsToken).toBe(METRICS_TOKEN);
  });
});
