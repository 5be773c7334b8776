// What a user reads is words, never an internal code: every view of the e2e suite is checked for
// visible text (document.body.innerText: what is rendered, closed « Détails » disclosures left out)
// matching a rule id, a link id (two slugs joined by « -- ») or a person id of the demo data.
// One call per view: `await expectUserWords(page, 'Réseau', codes)`.
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { RULES } from '../../model/rules/registry.ts';

export interface InternalCodes {
  rules: readonly string[];
  people: readonly string[];
}

/** The codes users must never read: every rule id, the demo's person ids. */
export function internalCodes(): InternalCodes {
  const demo = JSON.parse(readFileSync(new URL('../../data/demo.json', import.meta.url), 'utf8')) as { people: { id: string }[] };
  return { rules: RULES.map((r) => r.id), people: demo.people.map((p) => p.id) };
}

/** A link's id: slugs joined by « -- » (avis--clsm-niort--ptsm-79--projet). */
export const LINK_ID = /(?<![\w-])[a-z0-9]+(?:-[a-z0-9]+)*--[a-z0-9]+(?:-{1,2}[a-z0-9]+)*/;

const word = (code: string) => new RegExp(`(?<![\\w-])${code.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\w-])`);

/** The visible lines that show an internal code, each with what it shows. */
export function codesIn(text: string, codes: InternalCodes): string[] {
  const patterns = [...codes.rules.map((id) => ({ what: `règle ${id}`, re: word(id) })), ...codes.people.map((id) => ({ what: `personne ${id}`, re: word(id) })), { what: 'identifiant de lien', re: LINK_ID }];
  const found: string[] = [];
  for (const line of text.split('\n')) {
    for (const { what, re } of patterns) if (re.test(line)) found.push(`${what} : « ${line.trim().slice(0, 160)} »`);
  }
  return found;
}

/** Fails with every visible line that shows a rule id, a link id or a demo person id. */
export async function expectUserWords(page: Page, view: string, codes: InternalCodes): Promise<void> {
  const text = await page.evaluate(() => document.body.innerText);
  expect(text.length, `vue « ${view} » : aucun texte visible`).toBeGreaterThan(100);
  expect(codesIn(text, codes), `codes internes visibles, vue « ${view} »`).toEqual([]);
}
