// Finding states: fingerprints of the facts a finding rests on, and when a state reopens.
import { describe, expect, it } from 'vitest';
import { ArticulationModel } from '../../model/graph.ts';
import { evaluateRules, findingId } from '../../model/rules/engine.ts';
import { RULES_BY_ID } from '../../model/rules/registry.ts';
import type { Dataset } from '../../model/schema.ts';
import { subjectNamer } from '../../model/labels.ts';
import { factSource, findingFacts, formatStateCounts, resolveFindingState, type StoredFindingState } from '../../model/states/index.ts';
import { validateDataset } from '../../model/validate.ts';
import { loadTerritories } from '../../server/territories.ts';
import { DEMO_AS_OF, loadDemoModel } from './demo.ts';

const territories = loadTerritories();
const demo = loadDemoModel();

/** The demo with one change applied to a copy of its document. */
function changed(change: (d: Dataset) => void): ArticulationModel {
  const doc = structuredClone(demo.dataset) as Dataset;
  change(doc);
  const result = validateDataset(doc, territories);
  if (!result.ok) throw new Error(JSON.stringify(result.problems.slice(0, 3)));
  return new ArticulationModel(result.dataset, territories);
}

/** The state set on a finding of `model`, as the server stores it. */
function stateOn(model: ArticulationModel, rule: string, subjects: string[], status: 'verifie' | 'justifie' = 'justifie'): StoredFindingState {
  return {
    finding: `${rule}:${subjects.join('+')}`,
    rule,
    subjects,
    departements: ['79'],
    status,
    ...(status === 'justifie' ? { comment: 'Les deux CLSM se répartissent la commune par quartier.' } : {}),
    facts: findingFacts(RULES_BY_ID.get(rule)!.facts, subjects, factSource(model)),
    at: '2026-12-07T10:00:00.000Z',
    by: { id: 2, name: 'Claire Dupont' },
    version: 1,
  };
}

const resolve = (model: ArticulationModel, stored: StoredFindingState) => resolveFindingState(stored, RULES_BY_ID.get(stored.rule)!.facts, factSource(model), subjectNamer(model));
const mechanism = (d: Dataset, id: string) => d.mechanisms!.find((m) => m.id === id)!;

describe('finding states', () => {
  const overlap = ['clsm-niort', 'clsm-niortais'];
  const stored = stateOn(demo, 'clsm-overlap', overlap);

  it('identifies a finding by its rule and subjects: the overlap of the demo has the id the state is kept under', () => {
    const records = evaluateRules(demo, { asOf: DEMO_AS_OF, rules: ['clsm-overlap'] });
    expect(records.map(findingId)).toContain(stored.finding);
  });

  it('keeps the state while the facts hold, through a recomputation on a fresh model', () => {
    const again = changed(() => undefined);
    expect(resolve(again, stored)).toEqual({ status: 'justifie', comment: stored.comment, at: stored.at, by: 'Claire Dupont', version: 1 });
  });

  it('does not reopen when unrelated fields change: a name, a theme, the governance, another mechanism', () => {
    const model = changed((d) => {
      mechanism(d, 'clsm-niort').name = 'CLSM de la ville de Niort';
      mechanism(d, 'clsm-niort').themes = ['logement', 'suicide'];
      mechanism(d, 'clsm-niortais').governance = { plenaryPerYear: 3 };
      mechanism(d, 'clsm-bressuire').territory = { communes: ['79049', '79329'], epci: [], departements: [] };
    });
    expect(resolve(model, stored).status).toBe('justifie');
  });

  it('reopens to « à traiter » when the territory changes, and says what changed and since when', () => {
    const model = changed((d) => {
      mechanism(d, 'clsm-niort').territory = { communes: ['79191', '79048'], epci: [], departements: [] };
    });
    const state = resolve(model, stored);
    expect(state.status).toBe('a-traiter');
    expect(state.version).toBe(1);
    expect(state.reopened).toMatchObject({ status: 'justifie', comment: stored.comment, by: 'Claire Dupont', changes: [{ subject: 'clsm-niort', fact: 'territory' }] });
    expect(state.reopened!.message).toBe('Le territoire du CLSM de Niort a changé depuis la justification du 7 décembre 2026 : à revoir.');
  });

  it('reopens when a link between the two subjects is declared or removed, not for a link elsewhere', () => {
    const linked = changed((d) => {
      d.links!.push({ kind: 'articulation', from: 'clsm-niort', to: 'clsm-niortais' });
    });
    const state = resolve(linked, stored);
    expect(state.status).toBe('a-traiter');
    expect(state.reopened!.message).toBe('Les liens du CLSM de Niort et les liens du CLSM intercommunal du Niortais ont changé depuis la justification du 7 décembre 2026 : à revoir.');
    const elsewhere = changed((d) => {
      d.links!.push({ kind: 'contribution', from: 'clsm-niort', to: 'ptsm-79' });
    });
    expect(resolve(elsewhere, stored).status).toBe('justifie');
  });

  it('reopens a missing avis when the PTSM gets a new adoption date, not when another CLSM gives its avis', () => {
    const avis = evaluateRules(demo, { asOf: DEMO_AS_OF, rules: ['ptsm-avis-missing'] })[0];
    expect(avis).toBeDefined();
    const state = stateOn(demo, 'ptsm-avis-missing', avis.subjects, 'verifie');
    const [clsm, ptsm] = avis.subjects;
    const otherClsm = demo.entries.find((e) => e.mechanism.kind === 'CLSM' && e.mechanism.id !== clsm)!.mechanism.id;
    const otherAvis = changed((d) => {
      d.links!.push({ kind: 'avis', from: otherClsm, to: 'ptsm-79', stage: 'diagnostic', date: '2019-01-10' });
    });
    expect(ptsm).toBe('ptsm-79');
    expect(resolve(otherAvis, state).status).toBe('verifie');
    const redated = changed((d) => {
      mechanism(d, ptsm).dates = { ...mechanism(d, ptsm).dates, adopted: '2021-07-01' };
    });
    const reopened = resolve(redated, state);
    expect(reopened.status).toBe('a-traiter');
    expect(reopened.reopened!.message).toMatch(/^Les dates du PTSM des Deux-Sèvres ont changé depuis la vérification du 7 décembre 2026/);
  });

  it('says « à traiter » for a finding that has no state', () => {
    expect(resolveFindingState(undefined, [], factSource(demo), subjectNamer(demo))).toEqual({ status: 'a-traiter' });
  });

  it('writes the counts as a sentence, every state named', () => {
    expect(formatStateCounts({ 'a-traiter': 12, verifie: 3, justifie: 2 })).toBe('12 à traiter, 3 vérifiés, 2 justifiés');
    expect(formatStateCounts({ 'a-traiter': 1, verifie: 0, justifie: 1 })).toBe('1 à traiter, 0 vérifié, 1 justifié');
  });
});
