// axe-core's WCAG 2.1 AA rules run in the page: every view of the e2e suite must pass them.
// One call per view: `await expectAccessible(page, 'Réseau')`.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AxeResults } from 'axe-core';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/** The rules of RGAA's reference: WCAG 2.0 and 2.1, levels A and AA. */
export const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** The violations axe-core finds in the page as it is now, one line each (rule, impact, where). */
export async function axeViolations(page: Page): Promise<string[]> {
  // Evaluated through the DevTools protocol, which the page's Content-Security-Policy does not restrict.
  if (!(await page.evaluate('typeof window.axe === "object"'))) await page.evaluate(AXE_SOURCE);
  const results = (await page.evaluate(`window.axe.run(document, { runOnly: { type: 'tag', values: ${JSON.stringify(WCAG_21_AA)} }, resultTypes: ['violations'] })`)) as AxeResults;
  return results.violations.map((v) => `${v.id} (${v.impact ?? '?'}) : ${v.help} — ${v.nodes.slice(0, 4).map((n) => `${n.target.join(' ')}${n.failureSummary ? ` [${n.failureSummary.replace(/\s+/g, ' ').slice(0, 160)}]` : ''}`).join(' | ')}`);
}

/** Fails with the list of violations, naming the view. */
export async function expectAccessible(page: Page, view: string): Promise<void> {
  expect(await axeViolations(page), `axe-core, WCAG 2.1 AA, vue « ${view} »`).toEqual([]);
}
