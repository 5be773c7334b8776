import { describe, expect, it } from 'vitest';
import { avisChecklist, completionRate } from '../../model/avis.ts';
import { ArticulationModel } from '../../model/graph.ts';
import { computeIndicators, firstYear } from '../../model/indicators.ts';
import { validateDataset } from '../../model/validate.ts';
import { loadTerritories } from '../../server/territories.ts';
import { C, doc, mech } from '../rules/harness.ts';
import { DEMO_AS_OF, loadDemoModel } from './demo.ts';

const model = loadDemoModel();
const t = model.territories;

function modelOf(input: Parameters<typeof doc>[0]): ArticulationModel {
  const result = validateDataset(doc(input), loadTerritories());
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return new ArticulationModel(result.dataset, loadTerritories());
}

describe('indicators', () => {
  const indicators = computeIndicators(model, { asOf: DEMO_AS_OF, level: 'departement' });
  const dep79 = indicators.areas.find((a) => a.code === '79')!;

  it('lists the areas of the dataset’s scope: not the Vendée, where a CPTS has one commune', () => {
    expect(indicators.areas.map((a) => a.code)).toEqual(['79']);
    expect(dep79.name).toBe('Deux-Sèvres');
    expect(computeIndicators(model, { asOf: DEMO_AS_OF, level: 'region' }).areas.map((a) => a.code)).toEqual(['75']);
  });

  it('counts the CLSMs active at the date: a CLSM dormant since 2024 and one in preparation do not count', () => {
    // Niort, Niortais, Bressuire, Thouars; Parthenay is dormant, Melle a project.
    expect(dep79.activeClsm).toBe(4);
  });

  it('computes coverage by commune from the union of active perimeters, PTSM included', () => {
    const covered = new Set<number>();
    for (const id of ['clsm-niort', 'clsm-niortais', 'clsm-bressuire', 'clsm-thouars']) for (const c of model.get(id)!.perimeter) covered.add(c);
    const population = t.populationOf(t.communesOfDepartement('79'));
    expect(dep79.population).toBe(population);
    expect(dep79.coverage.CLSM.count).toBe(t.populationOf(covered));
    expect(dep79.coverage.CLSM.percent).toBeCloseTo((100 * t.populationOf(covered)) / population, 1);
    expect(dep79.coverage.PTSM).toMatchObject({ count: population, percent: 100 });
    expect(dep79.uncovered.count).toBe(t.communesOfDepartement('79').length - covered.size);
    expect(dep79.uncovered.population + dep79.coverage.CLSM.count).toBe(population);
    expect(dep79.uncovered.communes[0].population).toBeGreaterThanOrEqual(dep79.uncovered.communes[1].population);
    expect(dep79.uncovered.communes.map((c) => c.code)).not.toContain('79191');
  });

  it('reports the governance indicators with both denominators', () => {
    // 3 of 4 active CLSMs have users and carers; Bressuire lacks carers. All are known.
    expect(dep79.clsmUsersAndCarers).toEqual({ count: 3, known: 4, active: 4, unknown: 0, percentOfKnown: 75, percentOfActive: 75 });
    expect(dep79.clsmYearlyPlenary).toMatchObject({ count: 3, known: 4, active: 4 });
    const m = modelOf({
      mechanisms: [
        mech('clsm-a', 'CLSM', [C.niort], { governance: { copil: { roles: ['elu', 'psychiatrie', 'usagers', 'aidants'] }, plenaryPerYear: 1 } }),
        mech('clsm-b', 'CLSM', [C.bressuire], { governance: { copil: { roles: ['elu', 'psychiatrie'] } } }),
        mech('clsm-c', 'CLSM', [C.thouars]),
      ],
    });
    const [area] = computeIndicators(m, { asOf: DEMO_AS_OF, level: 'departement' }).areas;
    expect(area.clsmUsersAndCarers).toEqual({ count: 1, known: 2, active: 3, unknown: 1, percentOfKnown: 50, percentOfActive: 33.3 });
    expect(area.clsmYearlyPlenary).toEqual({ count: 1, known: 1, active: 3, unknown: 2, percentOfKnown: 100, percentOfActive: 33.3 });
  });

  it('shows each PTSM’s avis rate exactly as its checklist does, and the area’s by the same definition', () => {
    expect(dep79.avis.ptsms.map((p) => p.ptsm)).toEqual(['ptsm-79', 'ptsm-79-2027', 'ptsm-nord-79']);
    for (const p of dep79.avis.ptsms) {
      const checklist = avisChecklist(model, p.ptsm, DEMO_AS_OF)!;
      expect(p).toMatchObject({ ...checklist.totals.all, completion: checklist.completion });
    }
    expect(dep79.avis.ptsms.find((a) => a.ptsm === 'ptsm-79')).toMatchObject({ expected: 7, received: 4, missing: 2, late: 1, completion: 57.1 });
    // The PTSM in preparation: its due diagnostic avis count, its project avis are awaited apart.
    expect(dep79.avis.ptsms.find((a) => a.ptsm === 'ptsm-79-2027')).toMatchObject({ expected: 4, received: 1, missing: 3, awaited: 4, completion: 25 });
    expect(dep79.avis).toMatchObject({ expected: 15, received: 9, missing: 5, late: 1, awaited: 4, completion: 60 });
    expect(dep79.avis.completion).toBe(completionRate(dep79.avis));
  });

  it('adds a France row counting each CLSM once', () => {
    const france = indicators.france;
    expect(france).toMatchObject({ level: 'france', code: 'FR', name: 'France', activeClsm: 4 });
    expect(france.population).toBeGreaterThan(60_000_000);
    expect(france.communes).toBeGreaterThan(34_000);
    expect(france.coverage.CLSM.count).toBe(dep79.coverage.CLSM.count);
    expect(france.avis.completion).toBe(60);
  });

  it('counts a CLSM across two départements once, in its main département, while it covers population in both', () => {
    const m = modelOf({ mechanisms: [mech('clsm-limite', 'CLSM', [C.niort, '86001'])] });
    const result = computeIndicators(m, { asOf: DEMO_AS_OF, level: 'departement', departements: ['79', '86'] });
    const [d79, d86] = result.areas;
    expect([d79.code, d86.code]).toEqual(['79', '86']);
    expect(d79.activeClsm).toBe(1);
    expect(d86.activeClsm).toBe(0);
    expect(d86.coverage.CLSM.count).toBe(t.population[t.indexOf('86001')!]);
    expect(result.france.activeClsm).toBe(1);
    const regions = computeIndicators(m, { asOf: DEMO_AS_OF, level: 'region' });
    expect(regions.areas.map((a) => [a.code, a.activeClsm])).toEqual([['75', 1]]); // both départements are in Nouvelle-Aquitaine: once
  });

  it('restricts to a requested area', () => {
    const only = computeIndicators(model, { asOf: DEMO_AS_OF, level: 'departement', departements: ['85'], uncoveredLimit: 3 });
    expect(only.areas.map((a) => a.code)).toEqual(['85']);
    expect(only.areas[0].activeClsm).toBe(0);
    expect(only.areas[0].uncovered.communes).toHaveLength(3);
  });

  it('gives a yearly series at 31 December, from the first year the data knows to the reference date', () => {
    expect(firstYear(model, DEMO_AS_OF)).toBe(2012); // the CLSM of Niort, March 2012
    const series = indicators.series;
    expect(series.map((y) => y.year)).toEqual(Array.from({ length: 15 }, (_, i) => 2012 + i));
    expect(series[0].asOf).toBe('2012-12-31');
    expect(series.at(-1)!.asOf).toBe(DEMO_AS_OF);
    expect(series.at(-1)!.france.activeClsm).toBe(indicators.france.activeClsm);
    const clsms = (year: number) => series.find((y) => y.year === year)!.areas[0].activeClsm;
    // Niort and Thouars (start unknown: since an unknown date) in 2015; Bressuire from 2018; Parthenay active 2020–2024; the Niortais from 2023.
    expect([clsms(2015), clsms(2019), clsms(2022), clsms(2023), clsms(2024)]).toEqual([2, 3, 4, 5, 4]);
    // The series carries no lists of communes.
    expect(series.every((y) => y.areas.every((a) => a.uncovered.communes.length === 0) && y.france.uncovered.communes.length === 0)).toBe(true);
  });

  it('sees history at an earlier date, and can skip the series', () => {
    const past = computeIndicators(model, { asOf: '2015-01-01', level: 'departement', departements: ['79'], series: false });
    expect(past.areas[0].activeClsm).toBe(2);
    expect(past.series).toEqual([]);
  });
});
