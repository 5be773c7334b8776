// Coverage by commune at a date: the counts the Carte view paints and the report's map categories,
// equal to the indicators' coverage.
import { describe, expect, it } from 'vitest';
import { communeCoverage, COVERAGE_CATEGORIES, coverageCategory, coverageMapData } from '../../model/coverage.ts';
import { classifyMap } from '../../model/report.ts';
import { ArticulationModel } from '../../model/graph.ts';
import { computeIndicators } from '../../model/indicators.ts';
import { validateDataset } from '../../model/validate.ts';
import { MECHANISM_KINDS } from '../../model/vocabulary.ts';
import { loadTerritories } from '../../server/territories.ts';
import { C, doc, EPCI, mech } from '../rules/harness.ts';
import { DEMO_AS_OF, loadDemoModel } from './demo.ts';

const t = loadTerritories();

function modelOf(input: Parameters<typeof doc>[0]): ArticulationModel {
  const result = validateDataset(doc(input), t);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return new ArticulationModel(result.dataset, t);
}

describe('coverage by commune', () => {
  const model = modelOf({
    mechanisms: [
      mech('clsm-niort', 'CLSM', [C.niort], { statusHistory: [{ status: 'active', from: '2015-01-01' }, { status: 'dormant', from: '2022-01-01' }], status: 'dormant' }),
      mech('clsm-niortais', 'CLSM', [], { territory: { epci: [EPCI.niortais] }, dates: { start: '2020-01-01' } }),
      mech('cls-niort', 'CLS', [C.niort, C.chauray]),
      mech('ptsm-79', 'PTSM', [], { territory: { departements: ['79'] } }),
      mech('cpts-vendee', 'CPTS', ['85059', C.parthenay]),
    ],
  });
  const at = (asOf: string) => communeCoverage(model, { asOf, departements: ['79'] });
  const count = (cov: ReturnType<typeof at>, kind: (typeof MECHANISM_KINDS)[number], code: string) => cov.counts[kind][cov.communes.indexOf(code)];

  it('lists every base commune of the territory with its population, and counts the active mechanisms of each kind on it', () => {
    const cov = at('2021-06-01');
    expect(cov.communes).toHaveLength(t.communesOfDepartement('79').length);
    expect(cov.communes.length).toBeGreaterThan(250);
    expect(cov.populations[cov.communes.indexOf(C.niort)]).toBe(t.population[t.indexOf(C.niort)!]);
    // Niort: its own CLSM (active until 2022) and the Niortais one.
    expect(count(cov, 'CLSM', C.niort)).toBe(2);
    expect(count(cov, 'CLSM', C.chauray)).toBe(1);
    expect(count(cov, 'CLSM', C.bressuire)).toBe(0);
    expect(count(cov, 'CLS', C.chauray)).toBe(1);
    expect(count(cov, 'PTSM', C.bressuire)).toBe(1);
    expect(cov.mechanisms[cov.communes.indexOf(C.niort)]).toBe(4);
    // A Vendée commune of the CPTS is outside the territory: not listed.
    expect(cov.communes).not.toContain('85059');
    expect(count(cov, 'CPTS', C.parthenay)).toBe(1);
  });

  it('follows the dated statuses: Niort’s CLSM counts in 2021, not in 2023; nothing before 2015', () => {
    expect(count(at('2023-06-01'), 'CLSM', C.niort)).toBe(1);
    expect(count(at('2014-06-01'), 'CLSM', C.niort)).toBe(0);
    expect(at('2014-06-01').firstYear).toBe(2014);
    expect(at('2023-06-01').firstYear).toBe(2015);
  });

  it('zones blanches per kind: the uncovered communes, most populated first, with their population', () => {
    const cov = at('2023-06-01');
    const clsm = cov.byKind.CLSM;
    const niortais = t.normalize({ epci: [EPCI.niortais] }).communes;
    expect(clsm.coveredCommunes).toBe(niortais.length);
    expect(clsm.coveredPopulation).toBe(t.populationOf(niortais));
    expect(clsm.uncovered.count).toBe(cov.communes.length - niortais.length);
    expect(clsm.uncovered.population).toBe(cov.population - t.populationOf(niortais));
    expect(clsm.uncovered.communes).toHaveLength(100);
    expect(clsm.uncovered.communes[0].code).toBe(C.bressuire); // the most populated commune without a CLSM
    const pops = clsm.uncovered.communes.map((c) => c.population);
    expect(pops).toEqual([...pops].sort((a, b) => b - a));
    expect(cov.byKind.PTSM.uncovered.count).toBe(0);
    expect(communeCoverage(model, { asOf: '2023-06-01', departements: ['79'], uncoveredLimit: 3 }).byKind.CLSM.uncovered.communes).toHaveLength(3);
  });

  it('a theme counts only the mechanisms working on it', () => {
    const themed = modelOf({ mechanisms: [mech('clsm-a', 'CLSM', [C.niort], { themes: ['Logement'] }), mech('clsm-b', 'CLSM', [C.chauray], { themes: ['sism'] })] });
    const cov = communeCoverage(themed, { asOf: '2023-06-01', departements: ['79'], theme: 'logement' });
    expect(cov.theme).toBe('logement');
    expect(cov.counts.CLSM[cov.communes.indexOf(C.niort)]).toBe(1);
    expect(cov.counts.CLSM[cov.communes.indexOf(C.chauray)]).toBe(0);
  });

  it('a région is its départements; no territory is France', () => {
    const region = communeCoverage(model, { asOf: '2023-06-01', regions: ['75'] });
    expect(region.departements).toEqual(['16', '17', '19', '23', '24', '33', '40', '47', '64', '79', '86', '87']);
    expect(region.communes).toContain(C.niort);
    expect(region.communes).not.toContain('85059'); // the Vendée is in the Pays de la Loire
    const france = communeCoverage(model, { asOf: '2023-06-01' });
    expect(france.communes.length).toBe(t.communeCount);
    expect(france.communes).toContain('85059');
    expect(france.counts.CPTS[france.communes.indexOf('85059')]).toBe(1);
  });
});

describe('the demo: the map’s coverage equals the indicators’', () => {
  const model = loadDemoModel();
  for (const asOf of ['2019-12-31', DEMO_AS_OF]) {
    it(`at ${asOf}, each kind’s covered population in the Deux-Sèvres is the indicators’`, () => {
      const cov = communeCoverage(model, { asOf, departements: ['79'] });
      const dep = computeIndicators(model, { asOf, level: 'departement', departements: ['79'], series: false }).areas[0];
      for (const kind of ['CLSM', 'CLS', 'CPTS', 'PTSM'] as const) expect(cov.byKind[kind].coveredPopulation, kind).toBe(dep.coverage[kind].count);
      expect(cov.byKind.CLSM.uncovered.count).toBe(dep.uncovered.count);
      expect(cov.byKind.CLSM.uncovered.population).toBe(dep.uncovered.population);
      expect(cov.population).toBe(dep.population);
    });
  }
});

describe('the report’s map: its categories come from the same answer', () => {
  const model = loadDemoModel();
  const cov = communeCoverage(model, { asOf: DEMO_AS_OF, departements: ['79'] });
  const dep = computeIndicators(model, { asOf: DEMO_AS_OF, level: 'departement', departements: ['79'], series: false }).areas[0];
  const map = coverageMapData(cov);

  it('a commune with an active CLSM is « clsm »; a zone blanche is « cls » with an active CLS, else « none »', () => {
    const niort = cov.communes.indexOf('79191');
    expect(cov.counts.CLSM[niort]).toBeGreaterThan(0);
    expect(coverageCategory(cov, niort)).toBe('clsm');
    const counts = { CLSM: [0, 0, 1], CLS: [1, 0, 1] } as unknown as typeof cov.counts;
    expect([0, 1, 2].map((i) => coverageCategory({ counts }, i))).toEqual(['cls', 'none', 'clsm']);
  });

  it('draws every commune of the département once, its zones blanches those of the indicators', () => {
    expect(map.departements).toEqual(['79']);
    expect(map.categories.map((c) => c.id)).toEqual(COVERAGE_CATEGORIES.map((c) => c.id));
    expect(map.communes.length).toBe(dep.communes);
    expect(new Set(map.communes.map((c) => c.code)).size).toBe(map.communes.length);
    const perCategory = new Map<string, number>();
    for (const c of map.communes) perCategory.set(c.category, (perCategory.get(c.category) ?? 0) + 1);
    expect((perCategory.get('cls') ?? 0) + (perCategory.get('none') ?? 0)).toBe(dep.uncovered.count);
    expect(perCategory.get('cls')).toBeGreaterThan(0);
    expect(perCategory.get('none')).toBeGreaterThan(0);
    // A zone blanche « cls » is covered by a CLS and by no CLSM, commune by commune.
    map.communes.forEach((c, i) => {
      if (c.category === 'cls') expect(cov.counts.CLSM[i] === 0 && cov.counts.CLS[i] > 0, c.code).toBe(true);
    });
  });
});

describe('the report’s map of the Rhône: Lyon with a CLSM in one arrondissement of nine', () => {
  const model = modelOf({ mechanisms: [mech('clsm-lyon-3', 'CLSM', ['69383']), mech('cls-villeurbanne', 'CLS', ['69266'])] });
  const map = coverageMapData(communeCoverage(model, { asOf: '2023-06-01', departements: ['69'] }));
  const lyon = { code: '69123', arrondissements: ['69381', '69382', '69383', '69384', '69385', '69386', '69387', '69388', '69389'] };

  it('is drawn « inégalement couverte », never « couverte par un CLSM actif », as the Carte view draws it partly covered', () => {
    expect(map.communes.find((c) => c.code === '69383')?.category).toBe('clsm');
    expect(map.communes.find((c) => c.code === '69266')?.category).toBe('cls');
    const { colourOf, legend } = classifyMap(map, [lyon, { code: '69266' }]);
    const partial = COVERAGE_CATEGORIES.find((c) => c.id === 'partielle')!;
    expect(colourOf.get('69123')).toBe(partial.colour);
    expect(legend.find((l) => l.label === partial.label)?.communes).toBe(1);
    expect(legend.find((l) => l.label === 'Couverte par un CLSM actif')?.communes).toBe(0);
  });
});
