// npm run geo:build: code resolution, dissolving, simplification that keeps small islands,
// determinism, and (where ../shared/geo exists, as on CI) that the committed files are exactly
// what the script makes from it.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { Feature, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { decodeLayer, type GeoTopology } from '../../model/geo.ts';
import { buildGeo, currentCodeResolver, encodeTopology, gzipText, manifestText, readCog, readSource, todayCommunes, GEO_LEVELS } from '../../server/cli/geo-build.ts';
import { GEO_DIR } from '../../server/routes/geo.ts';

const SHARED_GEO = join(GEO_DIR, '..', '..', '..', 'shared', 'geo');

const square = (x: number, y: number, size: number): Polygon => ({
  type: 'Polygon',
  coordinates: [[[x, y], [x + size, y], [x + size, y + size], [x, y + size], [x, y]]],
});
const feature = (code: string, geometry: Polygon, nom = code): Feature<Polygon, Record<string, unknown>> => ({ type: 'Feature', properties: { code, nom }, geometry });

function planarArea(ring: number[][]): number {
  let area = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) area += (ring[j][0] - ring[i][0]) * (ring[j][1] + ring[i][1]);
  return Math.abs(area / 2);
}

const COG = [
  { code: '79001', nom: 'Commune nouvelle', type: 'commune-actuelle', departement: '79', anciensCodes: ['79002'] },
  { code: '79001', nom: 'Ancienne A', type: 'commune-deleguee', chefLieu: '79001', departement: '79' },
  { code: '79003', nom: 'Ancienne B', type: 'commune-deleguee', chefLieu: '79001', departement: '79' },
  { code: '79004', nom: 'Voisine', type: 'commune-actuelle', departement: '79' },
];

describe('from 2018 codes to today\'s communes', () => {
  it('reads a code as itself, its chef-lieu or its current commune (anciensCodes)', () => {
    const resolve = currentCodeResolver(COG);
    // Where the two disagree, the delegated commune's chef-lieu (today's status) wins over history.
    const conflicting = currentCodeResolver([...COG, { code: '79005', nom: 'Autre', type: 'commune-actuelle', anciensCodes: ['79003'] }]);
    expect(conflicting('79003')).toBe('79001');
    expect(resolve('79001')).toBe('79001');
    expect(resolve('79002')).toBe('79001');
    expect(resolve('79003')).toBe('79001');
    expect(resolve('79004')).toBe('79004');
    expect(resolve('79999')).toBeUndefined();
  });

  it('dissolves the 2018 polygons of a commune nouvelle into one, and keeps its neighbour apart', () => {
    const source = {
      communes2018: [feature('79001', square(0, 46, 0.1)), feature('79002', square(0.1, 46, 0.1)), feature('79003', square(0.2, 46, 0.1)), feature('79004', square(0, 46.1, 0.3))],
      paris: [],
      departements: [],
      regions: [],
    };
    const { features } = todayCommunes(source, COG);
    expect(features.map((f) => f.properties)).toEqual([{ code: '79001', nom: 'Commune nouvelle' }, { code: '79004', nom: 'Voisine' }]);
    const merged = features[0].geometry as Polygon;
    expect(merged.type).toBe('Polygon');
    expect(merged.coordinates).toHaveLength(1); // no inner border left, no hole
    expect(planarArea(merged.coordinates[0])).toBeCloseTo(0.03, 10);
  });

  it('refuses a 2018 code the current COG does not know, naming it', () => {
    const source = { communes2018: [feature('79999', square(0, 46, 0.1), 'Disparue')], paris: [], departements: [], regions: [] };
    expect(() => todayCommunes(source, COG)).toThrow(/79999 \(Disparue\)/);
  });
});

describe('simplification and encoding', () => {
  const land = feature('29001', {
    type: 'Polygon',
    // A wiggly coast: many points a coarse level drops.
    coordinates: [[...Array.from({ length: 200 }, (_, i) => [-4.5 + i * 0.005, 48 + (i % 2) * 0.0003]), [-3.5, 48.5], [-4.5, 48.5], [-4.5, 48]]],
  });
  const islet = feature('29083', square(-4.85, 48.03, 0.004)); // about 300 m wide: far below the national threshold

  it('drops what the zoom cannot show but keeps every island a polygon', () => {
    const topo = encodeTopology({ communes: [land, islet] }, GEO_LEVELS.national) as GeoTopology;
    const layer = decodeLayer(topo);
    const ringOf = (code: string) => (layer.features.find((f) => f.id === code)!.geometry as Polygon).coordinates[0];
    expect(ringOf('29001').length).toBeLessThan(50);
    expect(ringOf('29083').length).toBeGreaterThanOrEqual(4);
    expect(planarArea(ringOf('29083'))).toBeGreaterThan(0);
    // At the département level the wiggles stay.
    const fine = decodeLayer(encodeTopology({ communes: [land, islet] }, GEO_LEVELS.departement) as GeoTopology);
    expect((fine.features[0].geometry as Polygon).coordinates[0].length).toBeGreaterThan(150);
  });

  it('gives the same bytes for the same input, gzip included', () => {
    const a = JSON.stringify(encodeTopology({ communes: [land, islet] }, GEO_LEVELS.departement));
    const b = JSON.stringify(encodeTopology({ communes: [land, islet] }, GEO_LEVELS.departement));
    expect(a).toBe(b);
    expect(Buffer.from(gzipText(a)).equals(Buffer.from(gzipText(b)))).toBe(true);
    expect(gunzipSync(gzipText(a)).toString()).toBe(a);
  });
});

describe.skipIf(!existsSync(SHARED_GEO))('the committed data/geo', () => {
  it('is exactly what npm run geo:build makes from ../shared/geo', { timeout: 120_000 }, () => {
    const result = buildGeo(readSource(SHARED_GEO), readCog());
    expect(readFileSync(join(GEO_DIR, 'index.json'), 'utf8')).toBe(manifestText(result.manifest));
    expect(result.manifest.files.length).toBe(103);
    for (const entry of result.manifest.files) {
      const committed = readFileSync(join(GEO_DIR, entry.file));
      expect(Buffer.from(result.files.get(entry.path)!.gzip).equals(committed), `${entry.file} diffère : relancez npm run geo:build`).toBe(true);
    }
  });
});
