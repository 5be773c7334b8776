// Meta-test over the rules registry (in the spirit of typescript-eslint's docs test).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../model/rules/registry.ts';
import { CATEGORIES, SEVERITIES } from '../../model/rules/types.ts';

const catalogue = new URL('../../model/rules/catalogue/', import.meta.url);
const ruleFiles = readdirSync(catalogue).filter((f) => f.endsWith('.ts')).map((f) => f.replace(/\.ts$/, ''));

describe('rules registry', () => {
  it('holds the 32 rules of the catalogue (docs/regles.md)', () => {
    expect(RULES).toHaveLength(32);
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
      });
    });
  }
});
