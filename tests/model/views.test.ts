import { describe, expect, it } from 'vitest';
import { evaluateRules } from '../../model/rules/engine.ts';
import { buildGraphView } from '../../model/views.ts';
import { DEMO_AS_OF, loadDemoModel } from './demo.ts';

const model = loadDemoModel();
const findings = evaluateRules(model, { asOf: DEMO_AS_OF });

describe('buildGraphView', () => {
  const view = buildGraphView(model, findings, { asOf: DEMO_AS_OF });

  it('draws every mechanism with its finding counts, and every declared link', () => {
    expect(view.nodes).toHaveLength(model.entries.length);
    const bressuire = view.nodes.find((n) => n.id === 'clsm-bressuire')!;
    expect(bressuire).toMatchObject({ kind: 'CLSM', status: 'active', active: true });
    expect(bressuire.findings.error).toBeGreaterThan(0);
    expect(view.edges.filter((e) => e.type === 'link')).toHaveLength(model.links.length);
  });

  it('draws one ghost edge per suggested link, even when several rules suggest it', () => {
    const ghosts = view.edges.filter((e) => e.type === 'ghost');
    const suggestions = new Set(findings.filter((f) => f.link).map((f) => JSON.stringify(f.link)));
    expect(ghosts.length).toBe(suggestions.size);
    expect(ghosts.length).toBeGreaterThan(0);
    const avis = ghosts.find((g) => g.source === 'clsm-parthenay' && g.target === 'ptsm-79')!;
    expect(avis).toMatchObject({ kind: 'avis', stage: 'projet', rule: 'ptsm-avis-missing', severity: 'error' });
  });

  it('draws overlaps as derived edges with their shared communes', () => {
    const overlap = view.edges.find((e) => e.type === 'overlap' && e.rule === 'clsm-overlap')!;
    expect([overlap.source, overlap.target].sort()).toEqual(['clsm-niort', 'clsm-niortais']);
    expect(overlap.sharedCommunes).toBe(1);
  });

  it('counts per node the findings still « à traiter », and gives derived edges their finding’s state', () => {
    const overlapRecord = findings.find((f) => f.rule === 'clsm-overlap' && f.subjects.includes('clsm-niort'))!;
    const withStates = buildGraphView(model, findings, { asOf: DEMO_AS_OF, stateOf: (f) => (f === overlapRecord ? 'justifie' : 'a-traiter') });
    const niort = (v: typeof view) => v.nodes.find((n) => n.id === 'clsm-niort')!;
    expect(niort(view).toDo).toBe(Object.values(niort(view).findings).reduce((a, b) => a + b, 0));
    expect(niort(withStates).toDo).toBe(niort(view).toDo - 1);
    expect(withStates.edges.find((e) => e.type === 'overlap' && e.rule === 'clsm-overlap')!.state).toBe('justifie');
    expect(view.edges.find((e) => e.type === 'overlap' && e.rule === 'clsm-overlap')!.state).toBe('a-traiter');
  });

  it('keeps only mechanisms of the requested territory, and people when asked', () => {
    const vendee = buildGraphView(model, findings, { asOf: DEMO_AS_OF, departements: ['85'] });
    expect(vendee.nodes.map((n) => n.id)).toEqual(['cpts-gatine-vendee']);
    expect(vendee.edges).toEqual([]);
    const withPeople = buildGraphView(model, findings, { asOf: DEMO_AS_OF, includePeople: true });
    expect(withPeople.nodes.some((n) => n.type === 'person' && n.id === 'coord-bocage')).toBe(true);
    expect(withPeople.edges.filter((e) => e.type === 'coordination' && e.source === 'coord-bocage')).toHaveLength(2);
  });
});
