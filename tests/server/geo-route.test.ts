// GET /api/geo/…: the committed contours, gzip as stored, long cache with ?v=<hash>, ETag, 404 in French.
import { gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import type { GeoManifest } from '../../model/geo.ts';
import { makeServer } from './helpers.ts';

const s = await makeServer('geo');
afterAll(() => s.close());

const get = (path: string, headers: Record<string, string> = {}) => s.app.request(path, { headers });

describe('GET /api/geo', () => {
  it('lists the files with their hashes, revalidated every time', async () => {
    const res = await get('/api/geo');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    expect(res.headers.get('cache-control')).toBe('no-cache');
    const manifest = (await res.json()) as GeoManifest;
    expect(manifest.departements).toContain('79');
    expect(manifest.files.find((f) => f.path === 'communes/79.json')).toMatchObject({ file: 'communes/79.json.gz', features: 252 });
    const again = await get('/api/geo', { 'If-None-Match': res.headers.get('etag')! });
    expect(again.status).toBe(304);
  });

  it('sends a département\'s communes gzip-compressed as stored, cached a day, or a year with ?v=<hash>', async () => {
    const manifest = (await (await get('/api/geo')).json()) as GeoManifest;
    const entry = manifest.files.find((f) => f.path === 'communes/79.json')!;
    const res = await get('/api/geo/communes/79.json', { 'Accept-Encoding': 'gzip, deflate, br' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-encoding')).toBe('gzip');
    expect(res.headers.get('cache-control')).toBe('public, max-age=86400');
    expect(res.headers.get('vary')).toMatch(/Accept-Encoding/);
    const body = Buffer.from(await res.arrayBuffer());
    expect(body.byteLength).toBe(entry.gzipBytes);
    const topology = JSON.parse(gunzipSync(body).toString());
    expect(topology.type).toBe('Topology');
    expect(topology.objects.communes.geometries).toHaveLength(252);

    const versioned = await get(`/api/geo/communes/79.json?v=${entry.hash}`, { 'Accept-Encoding': 'gzip' });
    expect(versioned.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    // A stale version is not promised for a year.
    expect((await get('/api/geo/communes/79.json?v=0000', { 'Accept-Encoding': 'gzip' })).headers.get('cache-control')).toBe('public, max-age=86400');
    const revalidated = await get('/api/geo/communes/79.json', { 'If-None-Match': res.headers.get('etag')! });
    expect(revalidated.status).toBe(304);
  });

  it('inflates for a client that does not accept gzip', async () => {
    const res = await get('/api/geo/france.json', { 'Accept-Encoding': 'identity' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-encoding')).toBeNull();
    const topology = await res.json();
    expect(Object.keys(topology.objects)).toEqual(['departements', 'regions']);
    expect(topology.objects.departements.geometries).toHaveLength(101);
  });

  it('answers 404 in French for a file it does not have, whatever the path', async () => {
    for (const path of ['/api/geo/communes/99.json', '/api/geo/communes/..%2F..%2F..%2Fpackage.json', '/api/geo/package.json', '/api/geo/index.json', '/api/geo/communes/79.json.gz']) {
      const res = await get(path);
      expect(res.status, path).toBe(404);
      const body = await res.json();
      expect(body.error).toMatch(/^fichier géographique inconnu : « .+ »$/);
      expect(body.issues[0].message).toMatch(/\/api\/geo /);
    }
  });

  it('follows the API\'s access rules (read access) and is documented in OpenAPI', async () => {
    expect((await s.request('/api/geo/communes/79.json')).status).toBe(401);
    const spec = await (await get('/api/openapi.json')).json();
    expect(Object.keys(spec.paths)).toEqual(expect.arrayContaining(['/api/geo', '/api/geo/communes/{file}', '/api/geo/{file}']));
  });
});
