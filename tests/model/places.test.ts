// Places as people name them, and « which mechanisms cover this place ».
import { describe, expect, it } from 'vitest';
import { ArticulationModel } from '../../model/graph.ts';
import { describePlace, mechanismsCovering, placeCommunes, scopePerimeters, searchPlaces } from '../../model/places.ts';
import { validateDataset } from '../../model/validate.ts';
import { loadTerritories } from '../../server/territories.ts';
import { C, doc, EPCI, mech } from '../rules/harness.ts';

const t = loadTerritories();

function modelOf(input: Parameters<typeof doc>[0]): ArticulationModel {
  const result = validateDataset(doc(input), t);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return new ArticulationModel(result.dataset, t);
}

/** The eight communes 79400 serves (COG of @etalab/decoupage-administratif). */
const SERVED_BY_79400 = ['79020', '79024', '79114', '79189', '79253', '79270', '79276', '79302'];

describe('place search', () => {
  it('« st maixent » finds Saint-Maixent-l’École: « St » reads « Saint », without accents', () => {
    const hits = searchPlaces(t, 'st maixent');
    expect(hits.map((h) => h.code)).toContain(C.saintMaixent);
    expect(hits.find((h) => h.code === C.saintMaixent)).toMatchObject({ type: 'commune', name: 'Saint-Maixent-l\'École', departements: ['79'], communes: 1 });
    // And the other Saint-Maixent, elsewhere.
    expect(hits.map((h) => h.code)).toEqual(expect.arrayContaining(['79269', '72296']));
  });

  it('« 79400 » is a postal code serving eight communes, first, with a sample of their names', () => {
    const [first] = searchPlaces(t, '79400');
    expect(first).toMatchObject({ type: 'code-postal', code: '79400', communes: 8, departements: ['79'] });
    expect(first.sample).toHaveLength(3);
    expect(first.sample).toContain("Saint-Maixent-l'École");
    expect([...placeCommunes(t, 'code-postal', '79400')!].map((i) => t.codes[i]).sort()).toEqual(SERVED_BY_79400);
  });

  it('« CA du Niortais » finds the EPCI, with its forty communes', () => {
    const [first] = searchPlaces(t, 'CA du Niortais');
    expect(first).toMatchObject({ type: 'epci', code: EPCI.niortais, name: 'CA du Niortais' });
    expect(first.communes).toBe(40);
  });

  it('finds nothing for what names no place, and no postal code for an unknown one', () => {
    expect(searchPlaces(t, 'zzzqqq')).toEqual([]);
    expect(searchPlaces(t, '99999').filter((h) => h.type === 'code-postal')).toEqual([]);
    expect(placeCommunes(t, 'code-postal', '99999')).toBeUndefined();
    expect(placeCommunes(t, 'commune', '99999')).toBeUndefined();
    expect(placeCommunes(t, 'epci', C.niort)).toBeUndefined();
    expect(describePlace(t, 'epci', '123456789')).toBeUndefined();
  });

  it('a whole city stands for its arrondissements; a former commune for its current one', () => {
    expect(placeCommunes(t, 'commune', C.lyon)!.length).toBe(9);
    const paris = describePlace(t, 'commune', C.paris)!;
    expect(paris.communes).toHaveLength(20);
    expect(paris.name).toBe('Paris');
  });
});

describe('mechanisms covering a place', () => {
  const model = modelOf({
    mechanisms: [
      mech('clsm-sm', 'CLSM', [C.saintMaixent], { themes: ['Logement'], dates: { start: '2020-01-01' } }),
      mech('cpts-azay', 'CPTS', ['79024', C.niort], { dates: { start: '2022-01-01' } }),
      mech('ptsm-79', 'PTSM', [], { territory: { departements: ['79'] }, dates: { start: '2021-06-09' } }),
      mech('clsm-niort', 'CLSM', [C.niort], { themes: ['logement'] }),
      mech('cls-old', 'CLS', [C.saintMaixent], { status: 'ended', dates: { start: '2015-01-01', end: '2019-12-31' } }),
      mech('clsm-paris20', 'CLSM', [C.paris20]),
    ],
  });
  const covering = (type: 'commune' | 'code-postal' | 'epci', code: string, asOf = '2025-06-01', theme?: string) =>
    mechanismsCovering(model, placeCommunes(t, type, code)!, asOf, { theme });

  it('a postal code finds every mechanism covering any of its communes, with the communes each covers', () => {
    const found = covering('code-postal', '79400');
    expect(found.map((m) => m.id)).toEqual(['clsm-sm', 'ptsm-79', 'cpts-azay', 'cls-old']);
    expect(found.find((m) => m.id === 'ptsm-79')!.communes.sort()).toEqual(SERVED_BY_79400);
    expect(found.find((m) => m.id === 'cpts-azay')!.communes).toEqual(['79024']);
    expect(found.find((m) => m.id === 'clsm-sm')!.population).toBe(t.population[t.indexOf(C.saintMaixent)!]);
    // Niort's CLSM is not there.
    expect(found.map((m) => m.id)).not.toContain('clsm-niort');
  });

  it('gives each its status at the date: active first; a mechanism not yet started is not active', () => {
    const at2021 = covering('commune', C.saintMaixent, '2021-01-01');
    expect(at2021.map((m) => [m.id, m.active, m.status ?? null])).toEqual([
      ['clsm-sm', true, 'active'],
      ['cls-old', false, 'ended'], // then by kind: CLS before PTSM
      ['ptsm-79', false, 'active'], // status active, but starts in June 2021
    ]);
    const at2018 = covering('commune', C.saintMaixent, '2018-01-01');
    expect(at2018.find((m) => m.id === 'cls-old')!.active).toBe(true);
  });

  it('keeps those working on a theme, read as a slug', () => {
    expect(covering('epci', EPCI.niortais, '2025-06-01', 'logement').map((m) => m.id)).toEqual(['clsm-niort']);
    expect(covering('code-postal', '79400', '2025-06-01', 'logement').map((m) => m.id)).toEqual(['clsm-sm']);
    expect(covering('code-postal', '79400', '2025-06-01', 'suicide')).toEqual([]);
  });

  it('Paris as a whole meets the CLSM of its 20th arrondissement', () => {
    expect(covering('commune', C.paris).map((m) => m.id)).toEqual(['clsm-paris20']);
    expect(covering('commune', C.paris)[0].communes).toEqual([C.paris20]);
  });

  it('the perimeters of a territory’s mechanisms, as positions in one list of communes', () => {
    const p = scopePerimeters(model, { departements: ['79'] });
    expect(p.mechanisms.map((m) => m.id)).toEqual(['clsm-sm', 'cpts-azay', 'ptsm-79', 'clsm-niort', 'cls-old']);
    const ptsm = p.mechanisms.find((m) => m.id === 'ptsm-79')!;
    expect(ptsm.communes.map((i) => p.communes[i]).sort()).toEqual(t.communesOfDepartement('79').map((i) => t.codes[i]).sort());
    const cpts = p.mechanisms.find((m) => m.id === 'cpts-azay')!;
    expect(cpts.communes.map((i) => p.communes[i]).sort()).toEqual(['79024', C.niort]);
    expect(p.populations[p.communes.indexOf(C.niort)]).toBe(t.population[t.indexOf(C.niort)!]);
    // The communes are in reference order, each once.
    expect(new Set(p.communes).size).toBe(p.communes.length);
    expect(scopePerimeters(model, {}).mechanisms).toHaveLength(6);
  });
});
