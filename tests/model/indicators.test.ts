import { describe, expect, it } from 'vitest';
import { computeIndicators } from '../../model/indicators.ts';
import { DEMO_AS_OF, loadDemoModel } from './demo.ts';

const model = loadDemoModel();
const t = model.territories;

describe('indicators', () => {
  const indicators = computeIndicators(model, { asOf: DEMO_AS_OF, level: 'departement' });
  const dep79 = indicators.areas.find((a) => a.code === '79')!;

  it('covers every département a mechanism touches', () => {
    expect(indicators.areas.map((a) => a.code)).toEqual(['79', '85']);
    expect(dep79.name).toBe('Deux-Sèvres');
  });

  it('counts active CLSMs only', () => {
    // niort, niortais, bressuire, parthenay, thouars; Melle is a project.
    expect(dep79.activeClsm).toBe(5);
  });

  it('computes CLSM coverage from the union of active CLSM perimeters', () => {
    const covered = new Set<number>();
    for (const id of ['clsm-niort', 'clsm-niortais', 'clsm-bressuire', 'clsm-parthenay', 'clsm-thouars']) for (const c of model.get(id)!.perimeter) covered.add(c);
    const population = t.populationOf(t.communesOfDepartement('79'));
    expect(dep79.population).toBe(population);
    expect(dep79.coverage.CLSM.count).toBe(t.populationOf(covered));
    expect(dep79.coverage.CLSM.percent).toBeCloseTo((100 * t.populationOf(covered)) / population, 1);
    expect(dep79.uncovered.count).toBe(t.communesOfDepartement('79').length - covered.size);
    expect(dep79.uncovered.population + dep79.coverage.CLSM.count).toBe(population);
    expect(dep79.uncovered.communes[0].population).toBeGreaterThanOrEqual(dep79.uncovered.communes[1].population);
    expect(dep79.uncovered.communes.map((c) => c.code)).not.toContain('79191');
  });

  it('reports the governance indicators of the instruction', () => {
    // 4 of 5 active CLSMs have users and carers; Bressuire lacks carers.
    expect(dep79.clsmUsersAndCarers).toMatchObject({ count: 4, total: 5, percent: 80, unknown: 0 });
    expect(dep79.clsmYearlyPlenary).toMatchObject({ count: 4, total: 5, percent: 80 });
  });

  it('reports avis completion per PTSM', () => {
    const ptsm = dep79.avis.find((a) => a.ptsm === 'ptsm-79')!;
    expect(ptsm).toMatchObject({ expected: 7, received: 4, missing: 2, late: 1, completion: 57.1 });
    expect(dep79.avis.find((a) => a.ptsm === 'ptsm-nord-79')).toMatchObject({ expected: 4, received: 4, completion: 100 });
    expect(dep79.avis.some((a) => a.ptsm === 'ptsm-79-2027')).toBe(true);
  });

  it('aggregates by région, and restricts to a requested area', () => {
    const regions = computeIndicators(model, { asOf: DEMO_AS_OF, level: 'region' });
    expect(regions.areas.map((a) => a.code).sort()).toEqual(['52', '75']);
    const na = regions.areas.find((a) => a.code === '75')!;
    expect(na.population).toBeGreaterThan(dep79.population * 10);
    expect(na.activeClsm).toBe(5);
    const only = computeIndicators(model, { asOf: DEMO_AS_OF, level: 'departement', departements: ['85'], uncoveredLimit: 3 });
    expect(only.areas.map((a) => a.code)).toEqual(['85']);
    expect(only.areas[0].activeClsm).toBe(0);
    expect(only.areas[0].uncovered.communes).toHaveLength(3);
  });

  it('sees history at an earlier date', () => {
    const past = computeIndicators(model, { asOf: '2015-01-01', level: 'departement', departements: ['79'] });
    expect(past.areas[0].activeClsm).toBe(1); // only Niort existed
  });
});
