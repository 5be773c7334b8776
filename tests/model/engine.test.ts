// The engine records facts; texts are written on demand, possibly on another thread's model.
import { describe, expect, it } from 'vitest';
import { ArticulationModel } from '../../model/graph.ts';
import { evaluateRules, findingId, runRules, writeFinding } from '../../model/rules/engine.ts';
import { RULES_BY_ID } from '../../model/rules/registry.ts';
import { DEMO_AS_OF, loadDemoModel } from './demo.ts';

const model = loadDemoModel();
const records = evaluateRules(model, { asOf: DEMO_AS_OF });

describe('evaluateRules and writeFinding', () => {
  it('records facts without texts, and writing them gives what runRules gives', () => {
    expect(records.length).toBeGreaterThan(20);
    for (const r of records) {
      expect(r).not.toHaveProperty('message');
      expect(RULES_BY_ID.get(r.rule)?.category).toBe(r.category);
    }
    const written = records.map((r) => writeFinding(r, model.nameOf));
    expect(written).toEqual(runRules(model, { asOf: DEMO_AS_OF }));
    expect(new Set(written.map((f) => f.id)).size).toBe(written.length);
    expect(written.map((f) => f.id)).toEqual(records.map(findingId));
  });

  it('writes every text from the record alone: a copy sent across threads, on another model of the same data', () => {
    // The server's worker evaluates; the main thread writes the texts of the page it returns.
    const copied = structuredClone(records);
    const other = new ArticulationModel(model.dataset, model.territories);
    const written = copied.map((r) => writeFinding(r, other.nameOf));
    expect(written).toEqual(records.map((r) => writeFinding(r, model.nameOf)));
    for (const f of written) {
      expect(f.message).toMatch(/\S.{10,}[.)]$/s);
      expect(f.fix.message.length).toBeGreaterThan(10);
      expect(f.message).not.toMatch(/undefined|NaN|\[object/);
      expect(f.fix.message).not.toMatch(/undefined|NaN|\[object/);
    }
  });

  it('names subjects in the texts: a renamed mechanism is written with its new name', () => {
    const finding = records.find((r) => r.rule === 'clsm-overlap')!;
    const renamed = (id: string) => (id === finding.subjects[0] ? 'CLSM Renommé' : model.nameOf(id));
    expect(writeFinding(finding, renamed).message).toContain('CLSM Renommé');
    expect(writeFinding(finding, model.nameOf).message).not.toContain('CLSM Renommé');
  });
});

describe('one problem, one finding (DOMAIN.md §5)', () => {
  it('folds the weaker finding suggesting the same link into the stronger one, which names both references', () => {
    const written = runRules(model, { asOf: DEMO_AS_OF });
    const bocage = written.find((f) => f.rule === 'cls-mental-health-missing' && f.subjects[0] === 'cls-bocage')!;
    expect(bocage.severity).toBe('error');
    expect(bocage.folded).toEqual(['cls-clsm-unlinked']);
    expect(bocage.reference).toContain(RULES_BY_ID.get('cls-mental-health-missing')!.reference);
    expect(bocage.reference).toContain(RULES_BY_ID.get('cls-clsm-unlinked')!.reference);
    expect(written.some((f) => f.rule === 'cls-clsm-unlinked' && f.subjects.includes('cls-bocage'))).toBe(false);
    // No two findings left suggest the same link.
    const links = written.filter((f) => f.fix.link).map((f) => JSON.stringify(f.fix.link));
    expect(new Set(links).size).toBe(links.length);
  });

  it('folds after the profile: a rule switched off folds nothing away, a lowered severity changes who is stronger', () => {
    const off = runRules(model, { asOf: DEMO_AS_OF, profile: { severities: { 'cls-mental-health-missing': 'off' } } });
    expect(off.find((f) => f.rule === 'cls-clsm-unlinked' && f.subjects.includes('cls-bocage'))).toMatchObject({ severity: 'warning' });
    const lowered = runRules(model, { asOf: DEMO_AS_OF, profile: { severities: { 'cls-mental-health-missing': 'info' } } });
    const kept = lowered.find((f) => f.subjects.includes('cls-bocage') && f.fix.link?.kind === 'volet-sante-mentale')!;
    expect(kept).toMatchObject({ rule: 'cls-clsm-unlinked', severity: 'warning', folded: ['cls-mental-health-missing'] });
  });
});

describe('order (DOMAIN.md §5)', () => {
  const written = runRules(model, { asOf: DEMO_AS_OF });
  it('lists by severity, then by the date that made them due, most recent first, undated after', () => {
    const rank = { error: 0, warning: 1, info: 2 };
    for (let i = 1; i < written.length; i++) {
      const [a, b] = [written[i - 1], written[i]];
      expect(rank[b.severity]).toBeGreaterThanOrEqual(rank[a.severity]);
      if (a.severity !== b.severity) continue;
      if (a.due === undefined) expect(b.due).toBeUndefined();
      else if (b.due !== undefined) expect(b.due <= a.due).toBe(true);
    }
  });

  it('puts first, at today’s date, the diagnostic of the PTSM in preparation adopted without the CLSMs’ avis', () => {
    expect(written[0]).toMatchObject({ rule: 'ptsm-diagnostic-avis-missing', severity: 'error', due: '2026-10-15', basis: 'loi' });
    expect(written[0].subjects[1]).toBe('ptsm-79-2027');
    expect(written[0].message).toMatch(/diagnostic territorial partagé du PTSM des Deux-Sèvres 2027-2032, adopté le 15 octobre 2026\.$/);
  });
});
