// Meta-test over the rules registry (in the spirit of typescript-eslint's docs test).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../model/rules/registry.ts';
import { isFact } from '../../model/states/facts.ts';
import { BASES, BASIS_SEVERITY_CAP, CATEGORIES, SEVERITIES, withinCap } from '../../model/rules/types.ts';

const catalogue = new URL('../../model/rules/catalogue/', import.meta.url);
const ruleFiles = readdirSync(catalogue).filter((f) => f.endsWith('.ts')).map((f) => f.replace(/\.ts$/, ''));

describe('rules registry', () => {
  it('holds the 37 rules of the catalogue (docs/regles.md: the instruction and the obligations the data allows to check)', () => {
    expect(RULES).toHaveLength(37);
  });

  it('caps what each rule may say by what it rests on: only the law defaults to an error', () => {
    for (const rule of RULES) {
      expect(BASES, rule.id).toContain(rule.basis);
      expect(withinCap(rule.defaultSeverity, BASIS_SEVERITY_CAP[rule.basis]), `${rule.id}: ${rule.defaultSeverity} on ${rule.basis}`).toBe(true);
    }
    expect(RULES.filter((r) => r.defaultSeverity === 'error').every((r) => r.basis === 'loi')).toBe(true);
    expect(withinCap('error', BASIS_SEVERITY_CAP.referentiel)).toBe(false);
    expect(withinCap('warning', BASIS_SEVERITY_CAP.coherence)).toBe(true);
  });

  it('names the facts each rule rests on, from the facts a state can follow (docs/etats.md)', () => {
    for (const rule of RULES) {
      for (const fact of rule.facts) expect(isFact(fact), `${rule.id}: ${fact}`).toBe(true);
      expect(new Set(rule.facts).size, rule.id).toBe(rule.facts.length);
    }
    // Only the findings about a whole territory (no subject) rest on no fact of a subject.
    expect(RULES.filter((r) => r.facts.length === 0).map((r) => r.id).sort()).toEqual(['departement-without-ptsm', 'ptsm-coverage-gap']);
  });

  it('has unique ids, each equal to its file name, and every rule file registered', () => {
    const ids = RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual([...ruleFiles].sort());
    for (const id of ids) {
      expect(readFileSync(new URL(`${id}.ts`, catalogue), 'utf8')).toContain(`id: '${id}'`);
    }
  });

  for (const rule of RULES) {
    describe(rule.id, () => {
      it('is documented in French with a reference', () => {
        expect(CATEGORIES).toContain(rule.category);
        expect(SEVERITIES).toContain(rule.defaultSeverity);
        expect(rule.reference.length).toBeGreaterThan(10);
        for (const field of ['title', 'what', 'why', 'fix'] as const) expect(rule.docs[field].length, field).toBeGreaterThan(10);
      });

      it('has a test file with cases that fire and cases that must not', () => {
        const file = new URL(`./${rule.id}.test.ts`, import.meta.url);
        expect(existsSync(file), `tests/rules/${rule.id}.test.ts`).toBe(true);
        const text = readFileSync(file, 'utf8');
        expect(text).toContain(`describeRule('${rule.id}'`);
        // describeRule itself asserts both lists are non-empty; check they are written here.
        expect(text).toMatch(/fires:\s*\[\s*\{/);
        expect(text).toMatch(/passes:\s*\[\s*\{/);
        // At least one case checks its French message.
        expect(text, "an anchored /^…$/ message").toMatch(/message: \/\^/);
      });
    });
  }
});
