// The chained routes give a typed client (hono/client): inputs and outputs are checked by tsc.
import { hc } from 'hono/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppType } from '../../server/app.ts';
import { C, makeServer, seedSmall, type TestServer } from './helpers.ts';

let s: TestServer;
beforeAll(async () => {
  s = await makeServer('client');
  await seedSmall(s.app);
});
afterAll(() => s?.close());

describe('typed client', () => {
  it('lists, creates, updates and reads with types derived from the routes', async () => {
    const client = hc<AppType>('http://localhost', { fetch: (input: RequestInfo | URL, init?: RequestInit) => s.app.request(input, init) });
    const list = await client.api.mechanisms.$get({ query: { kind: 'CLSM', departement: '79' } });
    expect(list.status).toBe(200);
    const body = await list.json();
    const names: string[] = body.items.map((r) => r.data.name);
    expect(names).toEqual(['CLSM de Niort', 'CLSM du Bressuirais']);

    const created = await client.api.people.$post({ json: { label: 'Coordination CLS', trained: false } });
    expect(created.status).toBe(201);
    const person = await created.json();
    const version: number = person.version;

    const updated = await client.api.people[':id'].$put({ param: { id: person.id }, json: { label: 'Coordination du CLS', version } });
    expect(updated.status).toBe(200);

    const health = await (await client.api.health.$get()).json();
    const dataVersion: number = health.dataVersion;
    expect(dataVersion).toBeGreaterThan(1);

    const findings = await client.api.findings.$get({ query: { departement: '79', severity: 'error' } });
    const f = await findings.json();
    expect(f.findings.every((x) => x.severity === 'error')).toBe(true);

    const territory = await client.api.territories[':code'].$get({ param: { code: C.niort } });
    expect(territory.status).toBe(200);
  });
});
