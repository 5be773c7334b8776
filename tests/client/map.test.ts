// The Carte view's pure parts: URL state, classes from the coverage answer (Lyon as a partly
// covered city), legend, scale bar, years, table rows.
import { describe, expect, it } from 'vitest';
import { communeCoverage } from '../../model/coverage.ts';
import { ArticulationModel } from '../../model/graph.ts';
import { validateDataset } from '../../model/validate.ts';
import { CoverageIndex, communeRows, countClass, departementRows, featureValues, legendEntries, mapParams, parsePlace, scaleBar, sliderYears, yearDate } from '../../client/src/lib/map.ts';
import { loadTerritories } from '../../server/territories.ts';
import { C, doc, mech } from '../rules/harness.ts';

const t = loadTerritories();
const LYON_ARRONDISSEMENTS = ['69381', '69382', '69383', '69384', '69385', '69386', '69387', '69388', '69389'];

function coverageOf(input: Parameters<typeof doc>[0], departements: string[], asOf = '2025-06-01') {
  const result = validateDataset(doc(input), t);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return new CoverageIndex(communeCoverage(new ArticulationModel(result.dataset, t), { asOf, departements }));
}

describe('map state in the URL', () => {
  it('reads the colouring, the year, the selection and the place; ignores what it does not know', () => {
    expect(mapParams({})).toEqual({ mode: 'CLSM' });
    expect(mapParams({ couverture: 'CPTS', annee: '2021', commune: '79191', lieu: 'code-postal:79400', theme: 'logement' })).toEqual({
      mode: 'CPTS',
      year: 2021,
      commune: '79191',
      place: { type: 'code-postal', code: '79400' },
      theme: 'logement',
    });
    expect(mapParams({ couverture: 'XYZ', annee: 'deux mille' })).toEqual({ mode: 'CLSM' });
    expect(parsePlace('ville:79191')).toBeUndefined();
    expect(parsePlace('commune:')).toBeUndefined();
  });

  it('years of the slider: 31 December, the reference date for its own year', () => {
    expect(sliderYears(2019, '2021-06-01')).toEqual([
      { year: 2019, asOf: '2019-12-31' },
      { year: 2020, asOf: '2020-12-31' },
      { year: 2021, asOf: '2021-06-01' },
    ]);
    expect(yearDate(2020, '2021-06-01')).toBe('2020-12-31');
    expect(yearDate(undefined, '2021-06-01')).toBe('2021-06-01');
    expect(yearDate(2030, '2021-06-01')).toBe('2021-06-01');
  });
});

describe('classes from the coverage', () => {
  const index = coverageOf({ mechanisms: [mech('clsm-lyon3', 'CLSM', ['69383']), mech('clsm-villeurbanne', 'CLSM', ['69266']), mech('cls-lyon', 'CLS', [C.lyon])] }, ['69']);
  const features = [
    { id: '69123', properties: { arrondissements: LYON_ARRONDISSEMENTS } },
    { id: '69266', properties: {} },
    { id: '69259', properties: {} },
    { id: '99999', properties: {} },
  ];

  it('Lyon with one arrondissement covered is partly covered, with its share; never « covered »', () => {
    const values = featureValues(features, index, 'CLSM');
    const lyon = values.get('69123')!;
    expect(lyon.key).toBe('partial');
    expect(lyon.city!.label).toMatch(/^1 arrondissement sur 9 \(\d+ % de la population\)$/);
    expect(lyon.zoneBlanche).toBe(false);
    expect(values.get('69266')).toMatchObject({ key: 'covered', count: 1, zoneBlanche: false });
    expect(values.get('69259')).toMatchObject({ key: 'uncovered', count: 0, zoneBlanche: true });
    // A feature outside the coverage answer gets no value (drawn as « no data »).
    expect(values.has('99999')).toBe(false);
    // The whole city under a CLS: covered for CLS.
    expect(featureValues(features, index, 'CLS').get('69123')!.key).toBe('covered');
  });

  it('counting mode: classes 0, 1, 2, 3–4, 5+; zones blanches still flagged for hatching', () => {
    expect([0, 1, 2, 3, 4, 5, 12].map(countClass)).toEqual(['count0', 'count1', 'count2', 'count3', 'count3', 'count5', 'count5']);
    const values = featureValues(features, index, 'nombre');
    expect(values.get('69266')).toMatchObject({ key: 'count1', zoneBlanche: false });
    expect(values.get('69259')).toMatchObject({ key: 'count0', zoneBlanche: true });
    expect(values.get('69123')).toMatchObject({ key: 'count2', count: 2 }); // CLS and CLSM on the 3rd arrondissement
  });

  it('legend counts base communes and their population, like the indicators', () => {
    const [covered, uncovered] = legendEntries(index, 'CLSM');
    expect(covered).toMatchObject({ key: 'covered', communes: 2, label: 'Couvertes par au moins un CLSM actif' });
    expect(covered.population).toBe(t.population[t.indexOf('69383')!] + t.population[t.indexOf('69266')!]);
    expect(uncovered.label).toBe('Zones blanches (sans CLSM actif)');
    expect(covered.communes + uncovered.communes).toBe(index.data.communes.length);
    expect(legendEntries(index, 'CPTS')[0].label).toBe('Couvertes par au moins une CPTS active');
    expect(legendEntries(index, 'nombre').map((e) => e.key)).toEqual(['count0', 'count1', 'count2', 'count3', 'count5']);
  });

  it('table rows: communes by population, départements with covered population', () => {
    const rows = communeRows(index, 'CLSM', (code) => code);
    expect(rows[0].population).toBeGreaterThanOrEqual(rows[1].population);
    expect(rows.find((r) => r.code === '69383')).toMatchObject({ covered: true, zoneBlanche: false, counts: { CLSM: 1, CLS: 1 }, mechanisms: 2 });
    const [dep] = departementRows(index, 'CLSM');
    expect(dep).toMatchObject({ code: '69', communes: index.data.communes.length });
    expect(dep.coveredPopulation).toBe(legendEntries(index, 'CLSM')[0].population);
  });
});

describe('scale bar', () => {
  it('a round distance no wider than asked', () => {
    expect(scaleBar(100, 120)).toEqual({ px: 100, label: '10 km' });
    expect(scaleBar(30, 120)).toEqual({ px: 67, label: '2 km' });
    expect(scaleBar(2, 120)).toEqual({ px: 100, label: '200 m' });
    expect(scaleBar(NaN)).toEqual({ px: 0, label: '' });
  });
});
