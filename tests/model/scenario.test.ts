// The pure half of scenarios: overlay (the dataset a scenario makes) and compareScenario (what
// changes, through the same engine, indicators and coverage as every view).
import { describe, expect, it } from 'vitest';
import { ArticulationModel } from '../../model/graph.ts';
import { evaluateRules, findingId } from '../../model/rules/engine.ts';
import { compareScenario, coverageChanges, overlay, type ScenarioChange, type ScenarioDataset } from '../../model/scenario.ts';
import { validateDataset } from '../../model/validate.ts';
import { loadTerritories } from '../../server/territories.ts';
import { C, doc, mech } from '../rules/harness.ts';
import { DEMO_AS_OF, loadDemoModel } from './demo.ts';

const territories = loadTerritories();
const demo = loadDemoModel();
const state = (dataset: ScenarioDataset, asOf = DEMO_AS_OF) => {
  const model = new ArticulationModel(dataset, territories);
  return { model, findings: evaluateRules(model, { asOf }) };
};

function datasetOf(input: Parameters<typeof doc>[0]): ScenarioDataset {
  const result = validateDataset(doc(input), territories);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.dataset;
}

describe('overlay', () => {
  const base = datasetOf({
    mechanisms: [mech('clsm-a', 'CLSM', [C.niort], { coordinators: [{ person: 'p1', fte: 1 }] }), mech('ptsm-79', 'PTSM', [], { territory: { departements: ['79'] } })],
    people: [{ id: 'p1', label: 'Coordination A' }],
    links: [{ id: 'l1', kind: 'contribution', from: 'clsm-a', to: 'ptsm-79' }],
  });

  it('gives the same dataset for no change, and shares every record it does not change', () => {
    expect(overlay(base, [])).toBe(base);
    const next = overlay(base, [{ op: 'create', kind: 'mechanisms', id: 'clsm-b', data: mech('clsm-b', 'CLSM', [C.bressuire]) as unknown as Record<string, unknown> }]);
    expect(next.mechanisms.map((m) => m.id)).toEqual(['clsm-a', 'ptsm-79', 'clsm-b']);
    expect(next.mechanisms[0]).toBe(base.mechanisms[0]);
    expect(next.links[0]).toBe(base.links[0]);
    expect(base.mechanisms).toHaveLength(2);
  });

  it('replaces a record in place, and cascades deletions as the write path does', () => {
    const renamed = overlay(base, [{ op: 'update', kind: 'mechanisms', id: 'clsm-a', baseVersion: 1, data: { ...base.mechanisms[0], name: 'CLSM A bis' } }]);
    expect(renamed.mechanisms.map((m) => m.name)).toEqual(['CLSM A bis', base.mechanisms[1].name]);
    const noMechanism = overlay(base, [{ op: 'delete', kind: 'mechanisms', id: 'clsm-a', baseVersion: 1 }]);
    expect(noMechanism.mechanisms.map((m) => m.id)).toEqual(['ptsm-79']);
    expect(noMechanism.links).toEqual([]);
    const noPerson = overlay(base, [{ op: 'delete', kind: 'people', id: 'p1', baseVersion: 1 }]);
    expect(noPerson.people).toEqual([]);
    expect(noPerson.mechanisms[0].coordinators).toEqual([]);
    expect(base.mechanisms[0].coordinators).toHaveLength(1);
  });
});

describe('compareScenario', () => {
  it('resolves the findings a new CLSM answers, lists the new ones, and the communes it covers', () => {
    // The demo's Mellois CLS has no CLSM (Melle's is only a project): creating one, active, resolves it.
    const before = state(demo.dataset);
    const clsm = mech('clsm-mellois-2', 'CLSM', [C.melle], { statusHistory: [{ status: 'active', from: '2026-01-01' }], status: 'active' });
    const changes: ScenarioChange[] = [{ op: 'create', kind: 'mechanisms', id: 'clsm-mellois-2', data: clsm as unknown as Record<string, unknown> }];
    const after = state(overlay(demo.dataset, changes));
    const compared = compareScenario(before, after, { asOf: DEMO_AS_OF });
    const ids = (list: readonly { rule: string; subjects: string[]; departements: readonly string[] }[]) => list.map((f) => findingId(f as never));
    const beforeIds = new Set(before.findings.map(findingId));
    const afterIds = new Set(after.findings.map(findingId));
    expect(ids(compared.findings.resolved).every((id) => beforeIds.has(id) && !afterIds.has(id))).toBe(true);
    expect(ids(compared.findings.new).every((id) => afterIds.has(id) && !beforeIds.has(id))).toBe(true);
    expect(compared.findings.new.length).toBeGreaterThan(0);
    expect(compared.findings.unchanged.length + compared.findings.new.length).toBe(after.findings.length);
    expect(compared.coverage.map((c) => c.code)).toEqual([clsm.territory.communes![0]]);
    expect(compared.coverage[0]).toMatchObject({ gained: ['CLSM'], lost: [], departement: '79' });
    const [france] = compared.indicators;
    expect(france.after.activeClsm - france.before.activeClsm).toBe(1);
    expect(france.after.coverage.CLSM.count - france.before.coverage.CLSM.count).toBe(compared.coverage[0].population);
    // The same change before its date changes nothing.
    const early = compareScenario(state(demo.dataset, '2025-06-01'), state(overlay(demo.dataset, changes), '2025-06-01'), { asOf: '2025-06-01' });
    expect(early.coverage).toEqual([]);
    expect(early.indicators[0].after.activeClsm).toBe(early.indicators[0].before.activeClsm);
  });

  it('a planned end (a future statusHistory entry) uncovers communes from that date on', () => {
    const base = datasetOf({ mechanisms: [mech('clsm-a', 'CLSM', [C.niort, C.bressuire], { dates: { start: '2015-01-01' } })] });
    const ended = { ...base.mechanisms[0], status: 'ended', statusHistory: [{ status: 'active', from: '2015-01-01' }, { status: 'ended', from: '2027-01-01' }], dates: { start: '2015-01-01', end: '2026-12-31' } };
    const after = overlay(base, [{ op: 'update', kind: 'mechanisms', id: 'clsm-a', baseVersion: 1, data: ended as unknown as Record<string, unknown> }]);
    const m = (d: ScenarioDataset) => new ArticulationModel(d, territories);
    expect(coverageChanges(m(base), m(after), '2026-06-01')).toEqual([]);
    const lost = coverageChanges(m(base), m(after), '2027-06-01');
    expect(lost.map((c) => c.code).sort()).toEqual([C.niort, C.bressuire].sort());
    expect(lost.every((c) => c.lost.includes('CLSM') && c.gained.length === 0)).toBe(true);
    expect(lost[0].population).toBeGreaterThanOrEqual(lost[1].population);
    // Filtered to a territory that holds none of them: nothing.
    expect(coverageChanges(m(base), m(after), '2027-06-01', new Set(['86']))).toEqual([]);
  });
});
