// The theme matrix: who works on what on a territory, and the pairs on the same theme that meet.
import { describe, expect, it } from 'vitest';
import { ArticulationModel, mechanismThemes } from '../../model/graph.ts';
import { compareThemes, themeMatrix } from '../../model/themes.ts';
import { validateDataset } from '../../model/validate.ts';
import { loadTerritories } from '../../server/territories.ts';
import { C, doc, EPCI, mech } from '../rules/harness.ts';

const t = loadTerritories();

function modelOf(input: Parameters<typeof doc>[0]): ArticulationModel {
  const result = validateDataset(doc(input), t);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return new ArticulationModel(result.dataset, t);
}

const model = modelOf({
  mechanisms: [
    mech('clsm-niort', 'CLSM', [C.niort], { themes: ['Logement', 'SISM'], governance: { workingGroups: [{ theme: 'Cas complexes' }] } }),
    mech('cls-niortais', 'CLS', [], { territory: { epci: [EPCI.niortais] }, themes: ['logement', 'jardins partagés'] }),
    mech('cpts-chauray', 'CPTS', [C.chauray], { themes: ['logement'] }),
    mech('asv-niort', 'ASV', [C.niort], { themes: ['sism'], status: 'project' }),
    mech('clsm-thouars', 'CLSM', [C.thouars], { themes: ['logement'] }),
    mech('dac-79', 'DAC', [], { territory: { departements: ['79'] } }),
    mech('clsm-paris20', 'CLSM', [C.paris20], { themes: ['logement'] }),
  ],
  links: [{ kind: 'articulation', from: 'clsm-niort', to: 'cls-niortais' }],
});
const AS_OF = '2025-06-01';

describe('themes of a mechanism', () => {
  it('its themes and its working groups’ themes, as slugs, once each', () => {
    expect(mechanismThemes({ themes: ['Logement', 'logement'], governance: { workingGroups: [{ theme: 'Cas complexes' }, { theme: '' }] } })).toEqual(['logement', 'cas-complexes']);
    expect(mechanismThemes({})).toEqual([]);
  });

  it('shipped themes in the vocabulary’s order, users’ own after them', () => {
    expect(['jardins-partages', 'sism', 'logement'].sort(compareThemes)).toEqual(['sism', 'logement', 'jardins-partages']);
  });
});

describe('theme matrix', () => {
  const matrix = themeMatrix(model, { asOf: AS_OF, departements: ['79'] })!;

  it('lists the mechanisms of the territory with their themes, by kind then name; those without theme counted apart', () => {
    expect(matrix.mechanisms.map((m) => [m.id, m.themes])).toEqual([
      ['clsm-niort', ['sism', 'logement', 'cas-complexes']],
      ['clsm-thouars', ['logement']],
      ['cls-niortais', ['logement', 'jardins-partages']],
      ['cpts-chauray', ['logement']],
      ['asv-niort', ['sism']],
    ]);
    expect(matrix.withoutTheme).toBe(1); // the DAC
    expect(matrix.mechanisms.find((m) => m.id === 'asv-niort')).toMatchObject({ status: 'project', active: false });
  });

  it('columns: each theme with the mechanisms working on it, the shipped ones first', () => {
    expect(matrix.themes.map((c) => [c.id, c.mechanisms, c.active, c.shipped])).toEqual([
      ['sism', 2, 1, true],
      ['logement', 4, 4, true],
      ['cas-complexes', 1, 1, true],
      ['jardins-partages', 1, 1, false],
    ]);
    expect(matrix.themes.find((c) => c.id === 'jardins-partages')!.label).toBe('Jardins partages');
    expect(matrix.themes.find((c) => c.id === 'logement')!.label).toBe('Logement');
  });

  it('pairs: active mechanisms whose territories meet and share a theme, linked or not, the most shared population first', () => {
    expect(matrix.pairs.map((p) => [p.a, p.b, p.themes, p.linked])).toEqual([
      ['clsm-niort', 'cls-niortais', ['logement'], true],
      ['cls-niortais', 'cpts-chauray', ['logement'], false],
    ]);
    expect(matrix.pairs[0].sharedCommunes).toBe(1);
    expect(matrix.pairs[0].sharedPopulation).toBe(t.population[t.indexOf(C.niort)!]);
    // The ASV in preparation has no pair; Thouars meets no one; Niort and Chauray do not meet.
    expect(matrix.pairsTotal).toBe(2);
  });

  it('one theme: the mechanisms working on it and its pairs', () => {
    const sism = themeMatrix(model, { asOf: AS_OF, departements: ['79'], theme: 'sism' })!;
    expect(sism.mechanisms.map((m) => m.id)).toEqual(['clsm-niort', 'asv-niort']);
    expect(sism.pairs).toEqual([]);
    expect(themeMatrix(model, { asOf: AS_OF, departements: ['79'], theme: 'suicide' })!.mechanisms).toEqual([]);
  });

  it('around a mechanism: those whose territory meets its own, and its own pairs (« qui d’autre travaille sur ce thème ici ? »)', () => {
    const around = themeMatrix(model, { asOf: AS_OF, mechanism: 'cpts-chauray', theme: 'logement' })!;
    expect(around.around).toEqual({ id: 'cpts-chauray', name: 'CPTS cpts-chauray', kind: 'CPTS' });
    expect(around.mechanisms.map((m) => m.id)).toEqual(['cls-niortais', 'cpts-chauray']);
    expect(around.pairs.map((p) => [p.a, p.b])).toEqual([['cls-niortais', 'cpts-chauray']]);
    expect(themeMatrix(model, { asOf: AS_OF, mechanism: 'inconnu' })).toBeUndefined();
  });

  it('France: every mechanism; a région: those touching it', () => {
    expect(themeMatrix(model, { asOf: AS_OF })!.mechanisms.map((m) => m.id)).toContain('clsm-paris20');
    expect(themeMatrix(model, { asOf: AS_OF, regions: ['11'] })!.mechanisms.map((m) => m.id)).toEqual(['clsm-paris20']);
  });
});
