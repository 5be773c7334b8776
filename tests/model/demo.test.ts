import { describe, expect, it } from 'vitest';
import { avisChecklist } from '../../model/avis.ts';
import { runRules } from '../../model/rules/engine.ts';
import { RULES } from '../../model/rules/registry.ts';
import { DEMO_AS_OF, DEMO_REPLAY_DATES, loadDemoModel } from './demo.ts';

const model = loadDemoModel();
const findings = runRules(model, { asOf: DEMO_AS_OF });
const ids = (severity: string) =>
  findings
    .filter((f) => f.severity === severity)
    .map((f) => `${f.rule}:${f.subjects.join('+')}`);

describe('demo dataset', () => {
  it('is labelled as fictional', () => {
    expect(model.dataset.title).toMatch(/fictif/);
    expect(String((model.dataset as Record<string, unknown>).notice)).toMatch(/FICTIF/);
  });

  it('makes every rule fire, today or at one of its replay dates', () => {
    const fired = new Set(findings.map((f) => f.rule));
    const replayed = new Map<string, string>();
    for (const date of DEMO_REPLAY_DATES) for (const f of runRules(model, { asOf: date })) if (!fired.has(f.rule)) replayed.set(f.rule, date);
    expect(RULES.filter((r) => !fired.has(r.id) && !replayed.has(r.id)).map((r) => r.id)).toEqual([]);
    // What only history shows: no PTSM before 2019, only the northern one until 2021, Parthenay's CLSM without coordinator before it fell dormant, the Thouarsais between two contracts.
    expect(Object.fromEntries(replayed)).toEqual({
      'departement-without-ptsm': '2018-06-30',
      'ptsm-coverage-gap': '2020-06-30',
      'clsm-coordinator-missing': '2023-06-30',
      'cls-expired': '2023-06-30',
    });
  });

  it('tells today an officer what to act on: these errors, each resting on the law', () => {
    expect(ids('error')).toEqual([
      // The diagnostic of the PTSM in preparation, adopted on 15 October 2026 without these CLSMs' avis.
      'ptsm-diagnostic-avis-missing:clsm-bressuire+ptsm-79-2027',
      'ptsm-diagnostic-avis-missing:clsm-niortais+ptsm-79-2027',
      // A CLS signed after loi 3DS that declares no mental-health component (the unlinked CLSM folded in).
      'cls-mental-health-missing:cls-bocage',
      // The 2021 PTSM: an avis given after its adoption, and the CLSM of Parthenay, dormant since 2024, that owed its avis.
      'ptsm-avis-late:clsm-bressuire+ptsm-79+avis--clsm-bressuire--ptsm-79--projet',
      'ptsm-avis-missing:clsm-parthenay+ptsm-79',
    ]);
    expect(findings.filter((f) => f.severity === 'error').every((f) => f.basis === 'loi')).toBe(true);
  });

  it('says « à vérifier » where the data does not know, and never an error for it', () => {
    // The CLSM of Thouars has no creation date: whether it owed its avis is to check.
    const thouars = findings.filter((f) => f.subjects[0] === 'clsm-thouars' && f.rule === 'ptsm-diagnostic-avis-missing');
    expect(thouars.map((f) => [f.subjects[1], f.severity])).toEqual([
      ['ptsm-79-2027', 'warning'],
      ['ptsm-79', 'warning'],
    ]);
    expect(thouars[0].message).toMatch(/date de création n'est pas renseignée : à vérifier/);
  });

  it('also has links in order: the well-articulated Niort mechanisms raise no missing-link finding between them', () => {
    const between = (a: string, b: string) => findings.filter((f) => f.category === 'missing-link' && f.subjects.includes(a) && f.subjects.includes(b));
    expect(between('clsm-niort', 'ptsm-79')).toEqual([]);
    expect(between('clsm-niort', 'ptsm-79-2027')).toEqual([]);
    expect(between('cls-niort-2025', 'clsm-niort')).toEqual([]);
    expect(between('cls-niort-2025', 'ptsm-79')).toEqual([]);
    expect(between('asv-niort', 'clsm-niort')).toEqual([]);
    expect(findings.filter((f) => f.subjects.includes('clsm-niort') && f.category === 'governance')).toEqual([]);
    // Linked same-kind overlaps are information only.
    expect(findings.find((f) => f.rule === 'clsm-overlap')).toMatchObject({ severity: 'info', subjects: ['clsm-niort', 'clsm-niortais'] });
  });

  it('gives the PTSM coordinator the expected avis checklist, with the dormant CLSM that owed its avis', () => {
    const checklist = avisChecklist(model, 'ptsm-79', DEMO_AS_OF)!;
    expect(checklist.rows.map((r) => r.clsm.id).sort()).toEqual(['clsm-bressuire', 'clsm-melle', 'clsm-niort', 'clsm-niortais', 'clsm-parthenay', 'clsm-thouars']);
    expect(checklist.totals.projet).toEqual({ expected: 4, received: 2, missing: 1, late: 1, awaited: 0 });
    expect(checklist.totals.diagnostic).toEqual({ expected: 3, received: 2, missing: 1, late: 0, awaited: 0 });
    expect(checklist.completion).toBe(57.1);
    const parthenay = checklist.rows.find((r) => r.clsm.id === 'clsm-parthenay')!;
    expect(parthenay.clsm.status).toBe('dormant');
    expect(parthenay.stages.diagnostic).toMatchObject({ state: 'not-required', reason: expect.stringContaining('non actif') });
    expect(parthenay.stages.projet).toMatchObject({ state: 'missing', due: '2021-06-09' });
    expect(checklist.rows.find((r) => r.clsm.id === 'clsm-thouars')!.stages.diagnostic).toMatchObject({ state: 'missing', unverified: 'clsm-start' });
    expect(checklist.rows.find((r) => r.clsm.id === 'clsm-niortais')!.stages.projet.state).toBe('not-required');
  });

  it('shows the PTSM in preparation: diagnostic due and missing, project awaited and counted apart', () => {
    const checklist = avisChecklist(model, 'ptsm-79-2027', DEMO_AS_OF)!;
    expect(checklist.ptsm.status).toBe('project');
    // Niort gave its avis in August; Bressuire and the Niortais did not; Thouars' is to check; Parthenay, dormant, did not owe it.
    expect(checklist.totals.diagnostic).toEqual({ expected: 4, received: 1, missing: 3, late: 0, awaited: 0 });
    expect(checklist.totals.projet).toEqual({ expected: 0, received: 0, missing: 0, late: 0, awaited: 4 });
    expect(checklist.completion).toBe(25);
    // Before the diagnostic's adoption, everything was awaited and nothing was due.
    const before = avisChecklist(model, 'ptsm-79-2027', '2026-09-01')!;
    expect(before.totals.all).toMatchObject({ expected: 1, received: 1, missing: 0, awaited: 7 });
    expect(runRules(model, { asOf: '2026-09-01' }).some((f) => f.subjects.includes('ptsm-79-2027') && f.rule.includes('avis-missing'))).toBe(false);
  });

  it('filters findings by territory: every finding lists the départements its subjects touch', () => {
    const vendee = runRules(model, { asOf: DEMO_AS_OF, departements: ['85'] });
    expect(vendee.length).toBeGreaterThan(0);
    expect(vendee.every((f) => f.departements.includes('85'))).toBe(true);
    expect(vendee.length).toBeLessThan(findings.length);
    expect(runRules(model, { asOf: DEMO_AS_OF, regions: ['75', '52'] }).length).toBe(findings.length);
    // The CPTS Gâtine–Vendée touches both régions: its finding is kept by either filter.
    expect(vendee.map((f) => f.subjects)).toEqual([['cpts-gatine-vendee']]);
    expect(runRules(model, { asOf: DEMO_AS_OF, regions: ['75'] }).length).toBe(findings.length);
    expect(runRules(model, { asOf: DEMO_AS_OF, regions: ['52'] })).toEqual(vendee);
    expect(runRules(model, { asOf: DEMO_AS_OF, departements: ['13'] })).toEqual([]);
    // …but the Vendée is not judged: one commune of a CPTS does not put it in scope.
    expect(model.scopeDepartements()).toEqual(['79']);
    expect(vendee.some((f) => f.rule === 'departement-without-ptsm' || f.rule === 'ptsm-coverage-gap')).toBe(false);
  });

  it('applies a profile: severity overrides and disabled rules', () => {
    const profiled = runRules(model, { asOf: DEMO_AS_OF, profile: { severities: { 'cpts-overlap': 'error', 'ptsm-expired': 'off' } } });
    expect(profiled.find((f) => f.rule === 'cpts-overlap')?.severity).toBe('error');
    expect(profiled.some((f) => f.rule === 'ptsm-expired')).toBe(false);
  });

  it('gives every finding a unique id', () => {
    expect(new Set(findings.map((f) => f.id)).size).toBe(findings.length);
  });
});
