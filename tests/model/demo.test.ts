import { describe, expect, it } from 'vitest';
import { avisChecklist } from '../../model/avis.ts';
import { runRules } from '../../model/rules/engine.ts';
import { RULES } from '../../model/rules/registry.ts';
import { DEMO_AS_OF, loadDemoModel } from './demo.ts';

const model = loadDemoModel();
const findings = runRules(model, { asOf: DEMO_AS_OF });

describe('demo dataset', () => {
  it('is labelled as fictional', () => {
    expect(model.dataset.title).toMatch(/fictif/);
    expect(String((model.dataset as Record<string, unknown>).notice)).toMatch(/FICTIF/);
  });

  it('makes every rule fire at least once', () => {
    const fired = new Set(findings.map((f) => f.rule));
    expect(RULES.filter((r) => !fired.has(r.id)).map((r) => r.id)).toEqual([]);
  });

  it('also has links in order: the well-articulated Niort mechanisms raise no missing-link finding between them', () => {
    const between = (a: string, b: string) => findings.filter((f) => f.category === 'missing-link' && f.subjects.includes(a) && f.subjects.includes(b));
    expect(between('clsm-niort', 'ptsm-79')).toEqual([]);
    expect(between('cls-niort-2025', 'clsm-niort')).toEqual([]);
    expect(between('cls-niort-2025', 'ptsm-79')).toEqual([]);
    expect(between('asv-niort', 'clsm-niort')).toEqual([]);
    expect(findings.filter((f) => f.subjects.includes('clsm-niort') && f.category === 'governance')).toEqual([]);
  });

  it('gives the PTSM coordinator the expected avis checklist', () => {
    const checklist = avisChecklist(model, 'ptsm-79', DEMO_AS_OF)!;
    expect(checklist.rows.map((r) => r.clsm.id).sort()).toEqual(['clsm-bressuire', 'clsm-melle', 'clsm-niort', 'clsm-niortais', 'clsm-parthenay', 'clsm-thouars']);
    expect(checklist.totals.projet).toEqual({ expected: 4, received: 2, missing: 1, late: 1, awaited: 0 });
    expect(checklist.totals.diagnostic).toEqual({ expected: 3, received: 2, missing: 1, late: 0, awaited: 0 });
    expect(checklist.completion).toBe(57.1);
    const parthenay = checklist.rows.find((r) => r.clsm.id === 'clsm-parthenay')!;
    expect(parthenay.stages.diagnostic).toMatchObject({ state: 'not-required', reason: expect.stringContaining('non actif') });
    expect(parthenay.stages.projet).toMatchObject({ state: 'missing', due: '2021-06-09' });
    const interco = checklist.rows.find((r) => r.clsm.id === 'clsm-niortais')!;
    expect(interco.stages.projet.state).toBe('not-required');
  });

  it('shows the PTSM in preparation with awaited avis, not findings', () => {
    const checklist = avisChecklist(model, 'ptsm-79-2027', DEMO_AS_OF)!;
    // Diagnostic adopted on 2026-10-15: not yet at the reference date, so still awaited.
    expect(checklist.totals.diagnostic.awaited).toBeGreaterThan(0);
    expect(checklist.totals.diagnostic.received).toBe(1);
    expect(checklist.totals.projet.missing).toBe(0);
    expect(findings.some((f) => f.subjects.includes('ptsm-79-2027'))).toBe(false);
    // After the diagnostic's adoption, the avis not given are missing in the checklist.
    const later = avisChecklist(model, 'ptsm-79-2027', '2026-11-01')!;
    expect(later.totals.diagnostic.missing).toBeGreaterThan(0);
  });

  it('filters findings by territory', () => {
    const vendee = runRules(model, { asOf: DEMO_AS_OF, departements: ['85'] });
    expect(vendee.length).toBeGreaterThan(0);
    expect(vendee.every((f) => f.departements.includes('85'))).toBe(true);
    expect(vendee.length).toBeLessThan(findings.length);
    expect(runRules(model, { asOf: DEMO_AS_OF, regions: ['75', '52'] }).length).toBe(findings.length);
    expect(runRules(model, { asOf: DEMO_AS_OF, regions: ['75'] }).length).toBe(findings.length - vendee.length);
    expect(runRules(model, { asOf: DEMO_AS_OF, departements: ['13'] })).toEqual([]);
  });

  it('applies a profile: severity overrides and disabled rules', () => {
    const profiled = runRules(model, { asOf: DEMO_AS_OF, profile: { severities: { 'clsm-overlap': 'error', 'ptsm-expired': 'off' } } });
    expect(profiled.find((f) => f.rule === 'clsm-overlap')?.severity).toBe('error');
    expect(profiled.some((f) => f.rule === 'ptsm-expired')).toBe(false);
  });

  it('sorts findings by severity, then category', () => {
    const rank = { error: 0, warning: 1, info: 2 };
    for (let i = 1; i < findings.length; i++) expect(rank[findings[i].severity]).toBeGreaterThanOrEqual(rank[findings[i - 1].severity]);
    expect(new Set(findings.map((f) => f.id)).size).toBe(findings.length);
  });
});
