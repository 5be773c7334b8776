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
