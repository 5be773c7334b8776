// Table-driven rule tests (in the spirit of typescript-eslint's RuleTester): each case is a
// small articulation/1 document on real communes of the Deux-Sèvres (79); only the rule
// under test runs.
import { describe, expect, it } from 'vitest';
import { ArticulationModel } from '../../model/graph.ts';
import { runRules } from '../../model/rules/engine.ts';
import { RULES_BY_ID } from '../../model/rules/registry.ts';
import { BASIS_SEVERITY_CAP, withinCap, type Finding, type Profile } from '../../model/rules/types.ts';
import type { DatasetInput } from '../../model/schema.ts';
import { validateDataset } from '../../model/validate.ts';
import { loadTerritories } from '../../server/territories.ts';

/** Real communes and EPCI of the Deux-Sèvres, and a few elsewhere. */
export const C = {
  niort: '79191',
  chauray: '79081',
  aiffres: '79003',
  bressuire: '79049',
  parthenay: '79202',
  thouars: '79329',
  melle: '79174',
  saintMaixent: '79270',
  paris: '75056',
  paris20: '75120',
  lyon: '69123',
} as const;
export const EPCI = {
  niortais: '200041317',
  bressuirais: '200040244',
  parthenay: '200041333',
  thouarsais: '247900798',
  castillonPujols: '243301454',
} as const;

type MechanismInput = NonNullable<DatasetInput['mechanisms']>[number];

/** An active mechanism on the given communes; override anything. */
export function mech(id: string, kind: MechanismInput['kind'], communes: string[], overrides: Partial<MechanismInput> = {}): MechanismInput {
  return { id, kind, name: `${kind} ${id}`, status: 'active', territory: { communes }, ...overrides };
}

export function doc(parts: Omit<DatasetInput, 'format'>): DatasetInput {
  return { format: 'articulation/1', ...parts };
}

export const DEFAULT_AS_OF = '2025-06-01';

/** Validate, build and run one rule. Throws with the problems if the document is invalid. */
export function runRule(ruleId: string, input: DatasetInput, options: { asOf?: string; profile?: Profile } = {}): Finding[] {
  const result = validateDataset(input, loadTerritories());
  if (!result.ok) throw new Error(`invalid test document: ${JSON.stringify(result.problems, null, 1)}`);
  const model = new ArticulationModel(result.dataset, loadTerritories());
  return runRules(model, { asOf: options.asOf ?? DEFAULT_AS_OF, profile: options.profile, rules: [ruleId] });
}

export interface FiringCase {
  name: string;
  doc: DatasetInput;
  asOf?: string;
  profile?: Profile;
  /** Expected findings, matched by subjects (order-insensitive within a finding); exactly these fire. */
  findings: { subjects: string[]; severity?: Finding['severity']; message?: RegExp; fixMessage?: RegExp; fixLink?: Finding['fix']['link'] }[];
}
export interface PassingCase {
  name: string;
  doc: DatasetInput;
  asOf?: string;
  profile?: Profile;
}

const key = (subjects: string[]) => [...subjects].sort().join('+');

/** The test suite of one rule: cases that fire and cases that must not. */
export function describeRule(ruleId: string, cases: { fires: FiringCase[]; passes: PassingCase[] }): void {
  describe(`rule ${ruleId}`, () => {
    it('is registered and has both kinds of case', () => {
      expect(RULES_BY_ID.has(ruleId)).toBe(true);
      expect(cases.fires.length).toBeGreaterThan(0);
      expect(cases.passes.length).toBeGreaterThan(0);
    });
    for (const c of cases.fires) {
      it(`fires: ${c.name}`, () => {
        const findings = runRule(ruleId, c.doc, c);
        expect(findings.map((f) => key(f.subjects)).sort()).toEqual(c.findings.map((f) => key(f.subjects)).sort());
        for (const expected of c.findings) {
          const found = findings.find((f) => key(f.subjects) === key(expected.subjects))!;
          expect(found.rule).toBe(ruleId);
          const rule = RULES_BY_ID.get(ruleId)!;
          expect(found.basis).toBe(rule.basis);
          // What a rule rests on caps what it may say (DOMAIN.md §5); a profile may override it.
          if (!c.profile) expect(withinCap(found.severity, BASIS_SEVERITY_CAP[rule.basis]), `${found.severity} above the cap of ${rule.basis}`).toBe(true);
          expect(found.message.length).toBeGreaterThan(10);
          expect(found.fix.message.length).toBeGreaterThan(5);
          if (expected.severity) expect(found.severity).toBe(expected.severity);
          if (expected.message) expect(found.message).toMatch(expected.message);
          if (expected.fixMessage) expect(found.fix.message).toMatch(expected.fixMessage);
          if (expected.fixLink) expect(found.fix.link).toEqual(expected.fixLink);
        }
      });
    }
    for (const c of cases.passes) {
      it(`does not fire: ${c.name}`, () => {
        expect(runRule(ruleId, c.doc, c)).toEqual([]);
      });
    }
  });
}
