import { describe, expect, it } from 'vitest';
import type { Polygon } from 'geojson';
import {
  OVERSEAS_INSETS,
  cityCoverage,
  decodeLayer,
  departementOfCommune,
  drawingIndex,
  featureCentres,
  fitProjection,
  fromNationalPosition,
  geometryCentre,
  inverseMercator,
  mercator,
  outlineOf,
  outlineOfFeatures,
  populationWeightedCentre,
  svgDocument,
  svgMap,
  toNationalPosition,
  type CommuneCollection,
  type LonLat,
} from '../../model/geo.ts';
import { loadTerritories } from '../../server/territories.ts';
import { readLayer, readTopology } from './geo-files.ts';

const square = (x: number, y: number, size: number): Polygon => ({
  type: 'Polygon',
  coordinates: [[[x, y], [x + size, y], [x + size, y + size], [x, y + size], [x, y]]],
});

const collection = (features: { code: string; geometry: Polygon; arrondissements?: string[] }[]): CommuneCollection => ({
  type: 'FeatureCollection',
  features: features.map((f) => ({ type: 'Feature', id: f.code, properties: { code: f.code, ...(f.arrondissements ? { arrondissements: f.arrondissements } : {}) }, geometry: f.geometry })),
});

describe('Mercator and overseas insets', () => {
  it('projects and inverts Web Mercator (the equator is fixed, latitudes stretch northwards)', () => {
    const [x0, y0] = mercator([2, 0]);
    expect(x0).toBe(2);
    expect(y0).toBeCloseTo(0, 12);
    const [, y] = mercator([0, 46]);
    expect(y).toBeGreaterThan(46);
    const back = inverseMercator(mercator([-0.46, 46.32]));
    expect(back[0]).toBeCloseTo(-0.46, 10);
    expect(back[1]).toBeCloseTo(46.32, 10);
  });

  it('moves each overseas département inside its frame and back, and leaves mainland France alone', () => {
    expect(toNationalPosition('79', [-0.46, 46.32])).toEqual([-0.46, 46.32]);
    for (const inset of OVERSEAS_INSETS) {
      const [w, s, e, n] = inset.source;
      for (const corner of [[w, s], [e, n], [(w + e) / 2, (s + n) / 2]]) {
        const [x, y] = toNationalPosition(inset.departement, corner);
        expect(x).toBeGreaterThanOrEqual(inset.frame[0]);
        expect(x).toBeLessThanOrEqual(inset.frame[2]);
        expect(y).toBeGreaterThanOrEqual(inset.frame[1]);
        expect(y).toBeLessThanOrEqual(inset.frame[3]);
        const [lon, lat] = fromNationalPosition(inset.departement, [x, y]);
        expect(lon).toBeCloseTo(corner[0], 8);
        expect(lat).toBeCloseTo(corner[1], 8);
      }
    }
  });

  it('keeps insets apart from each other and from the mainland départements', () => {
    const outlines = decodeLayer(readTopology('france.json'), 'departements');
    const mainland = outlines.features.filter((f) => !f.id.startsWith('97'));
    const overlaps = (a: number[], b: number[]) => a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];
    for (const inset of OVERSEAS_INSETS) {
      for (const other of OVERSEAS_INSETS) if (other !== inset) expect(overlaps(inset.frame, other.frame)).toBe(false);
      // No vertex of a mainland département falls inside a frame.
      for (const f of mainland) {
        const rings = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
        for (const ring of rings.flat()) {
          for (const [x, y] of ring) expect(x > inset.frame[0] && x < inset.frame[2] && y > inset.frame[1] && y < inset.frame[3], `${f.id} dans le médaillon ${inset.departement}`).toBe(false);
        }
      }
    }
  });

  it('reads the département of a commune code, Corsica and overseas included', () => {
    expect(departementOfCommune('79191')).toBe('79');
    expect(departementOfCommune('2A004')).toBe('2A');
    expect(departementOfCommune('97411')).toBe('974');
  });
});

describe('centres', () => {
  it('puts a square\'s centre at its middle and weights a multipolygon by area', () => {
    const [lon, lat] = geometryCentre(square(0, 0, 2));
    expect(lon).toBeCloseTo(1, 6);
    expect(lat).toBeCloseTo(1, 2);
    // A big square and a small one far east: the centre stays near the big one.
    const [x] = geometryCentre({ type: 'MultiPolygon', coordinates: [square(0, 0, 2).coordinates, square(10, 0, 0.2).coordinates] });
    expect(x).toBeGreaterThan(1);
    expect(x).toBeLessThan(1.2);
  });

  it('subtracts holes', () => {
    const ring = [[0, 0], [4, 0], [4, 4], [0, 4], [0, 0]];
    const hole = [[0.5, 0.5], [0.5, 3.5], [1.5, 3.5], [1.5, 0.5], [0.5, 0.5]]; // on the west side
    const [x] = geometryCentre({ type: 'Polygon', coordinates: [ring, hole] });
    expect(x).toBeGreaterThan(2.1);
  });

  it('weights communes by population and reports those without a centre', () => {
    const centres = new Map<string, LonLat>([
      ['a', [0, 0]],
      ['b', [1, 0]],
    ]);
    const population = new Map([['a', 900], ['b', 100], ['c', 5000]]);
    const result = populationWeightedCentre(['a', 'b', 'c'], centres, (code) => population.get(code) ?? 0);
    expect(result.centre![0]).toBeCloseTo(0.1, 6);
    expect(result.located).toBe(2);
    expect(result.missing).toEqual(['c']);
    // No population at all: the plain mean.
    expect(populationWeightedCentre(['a', 'b'], centres, () => 0).centre![0]).toBeCloseTo(0.5, 6);
    expect(populationWeightedCentre(['z'], centres, () => 1).centre).toBeUndefined();
  });

  it('places Lyon\'s arrondissements at the city\'s centre, and a mechanism of Niort and Chauray between them', () => {
    const rhone = readLayer('communes/69.json');
    const centres = featureCentres(rhone);
    expect(centres.get('69381')).toEqual(centres.get('69123'));
    const deuxSevres = readLayer('communes/79.json');
    const t = loadTerritories();
    const pop = (code: string) => t.population[t.indexOf(code)!];
    const c79 = featureCentres(deuxSevres);
    const { centre } = populationWeightedCentre(['79191', '79081'], c79, pop);
    const niort = c79.get('79191')!;
    const chauray = c79.get('79081')!;
    // Niort has about ten times Chauray's population: the centre is much nearer to Niort.
    const along = (centre![0] - niort[0]) / (chauray[0] - niort[0]);
    expect(along).toBeGreaterThan(0);
    expect(along).toBeLessThan(0.25);
  });
});

describe('Lyon and Marseille: partial coverage', () => {
  const lyon = ['69381', '69382', '69383', '69384', '69385', '69386', '69387', '69388', '69389'];
  const t = loadTerritories();
  const pop = (code: string) => t.population[t.indexOf(code)!];

  it('says « 3 arrondissements sur 9 » with the share of the population', () => {
    const covered = new Set(['69381', '69383', '69387']);
    const result = cityCoverage('69123', lyon, (c) => covered.has(c), pop);
    expect(result.state).toBe('partial');
    expect(result.covered).toBe(3);
    expect(result.total).toBe(9);
    const expected = (pop('69381') + pop('69383') + pop('69387')) / lyon.reduce((s, c) => s + pop(c), 0);
    expect(result.share).toBeCloseTo(expected, 10);
    expect(result.label).toBe(`3 arrondissements sur 9 (${Math.round(expected * 100)} % de la population)`);
  });

  it('tells none from all, in French grammar', () => {
    expect(cityCoverage('69123', lyon, () => false, pop)).toMatchObject({ state: 'none', share: 0, label: '0 arrondissement sur 9 (0 % de la population)' });
    expect(cityCoverage('69123', lyon, () => true, pop)).toMatchObject({ state: 'full', share: 1, label: '9 arrondissements sur 9 (100 % de la population)' });
    expect(cityCoverage('69123', lyon, (c) => c === '69384', () => 0).label).toBe('1 arrondissement sur 9');
  });
});

describe('decoding and drawing without a browser', () => {
  it('decodes a département file to GeoJSON features with codes and names', () => {
    const layer = readLayer('communes/79.json');
    expect(layer.features.length).toBe(loadTerritories().communesOfDepartement('79').length);
    const niort = layer.features.find((f) => f.id === '79191')!;
    expect(niort.properties).toMatchObject({ code: '79191', nom: 'Niort' });
    expect(['Polygon', 'MultiPolygon']).toContain(niort.geometry.type);
    const index = drawingIndex(readLayer('communes/13.json'));
    expect(index.get('13201')).toBe('13055');
    expect(index.get('13004')).toBe('13004');
  });

  it('dissolves a département\'s communes into its outline', () => {
    const outline = outlineOf(readTopology('communes/79.json'));
    expect(outline.type).toBe('MultiPolygon');
    // The Deux-Sèvres is one piece of land (small slivers aside).
    expect(outline.coordinates.length).toBeLessThan(4);
  });

  it('merges some communes into one outline: Niort and Chauray share a border, Thouars stands apart', () => {
    const topology = readTopology('communes/79.json');
    expect(outlineOfFeatures(topology, new Set(['79191', '79081'])).coordinates).toHaveLength(1);
    expect(outlineOfFeatures(topology, new Set(['79191', '79329'])).coordinates).toHaveLength(2);
    expect(outlineOfFeatures(topology, new Set(['99999'])).coordinates).toHaveLength(0);
  });

  it('turns a département and a value per commune into SVG paths inside the view box', () => {
    const layer = readLayer('communes/79.json');
    const values = new Map([['79191', 2], ['79081', 1]]);
    const map = svgMap(layer, { width: 600, padding: 10, values, fill: (v) => (v === undefined ? '#eeeeee' : v > 1 ? '#000091' : '#6a6af4') });
    expect(map.paths).toHaveLength(layer.features.length);
    expect(map.height).toBeGreaterThan(600); // the Deux-Sèvres is taller than wide
    expect(map.paths.find((p) => p.code === '79191')).toMatchObject({ fill: '#000091', name: 'Niort' });
    expect(map.paths.find((p) => p.code === '79081')!.fill).toBe('#6a6af4');
    expect(map.paths.filter((p) => p.fill === '#eeeeee')).toHaveLength(layer.features.length - 2);
    for (const p of map.paths) {
      expect(p.d).toMatch(/^M[\d.]+ [\d.]+(L[\d.]+ [\d.]+)+Z/);
      for (const [, x, y] of p.d.matchAll(/([\d.]+) ([\d.]+)/g)) {
        expect(Number(x)).toBeLessThanOrEqual(600 - 10 + 0.05);
        expect(Number(y)).toBeLessThanOrEqual(map.height - 10 + 0.05);
        expect(Math.min(Number(x), Number(y))).toBeGreaterThanOrEqual(10 - 0.05);
      }
    }
    const svg = svgDocument(map, { title: 'Couverture des Deux-Sèvres' });
    expect(svg).toContain('<title>Niort</title>');
    expect(svg).toContain('IGN – Admin Express COG 2018');
    expect(svg.match(/<path /g)).toHaveLength(layer.features.length);
  });

  it('fits a box in Mercator and keeps the aspect ratio', () => {
    const projection = fitProjection([0, 0, 2, 1], 200, undefined, 0);
    expect(projection.height).toBe(100);
    const [left, top] = projection.project([0, 1]);
    expect(left).toBeCloseTo(0, 1);
    expect(top).toBeCloseTo(0, 6);
    const [right, bottom] = projection.project([2, 0]);
    expect(right).toBeCloseTo(200, 1);
    expect(bottom).toBeCloseTo(100, 6);
    // And back: what a click points at.
    const niort = fitProjection([-0.6, 46.2, -0.3, 46.4], 800, 600, 12);
    const [lon, lat] = niort.invert(niort.project([-0.46, 46.32]));
    expect(lon).toBeCloseTo(-0.46, 9);
    expect(lat).toBeCloseTo(46.32, 9);
  });

  it('drops a ring that collapses to fewer than three points at that scale', () => {
    const layer = collection([
      { code: 'big', geometry: square(0, 0, 1) },
      { code: 'dust', geometry: square(0.5, 0.5, 0.00001) },
    ]);
    const map = svgMap(layer, { width: 100, fill: () => '#000' });
    expect(map.paths.map((p) => p.code)).toEqual(['big']);
  });
});
