// A view as it prints: Chromium's own PDF of the page (print media), read back with pdftotext.
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { viewEntry, type ViewId } from '../../client/src/views/registry.ts';
import { comparable, pdfPages, writeTemporaryPdf } from '../server/poppler.ts';
import { codesIn, type InternalCodes } from './user-words.ts';

/** The text of each printed page of the view as it is now. */
export async function printedPages(page: Page): Promise<string[]> {
  const pdf = await page.pdf({ format: 'A4', printBackground: true });
  return pdfPages(writeTemporaryPdf(new Uint8Array(pdf), 'vue.pdf'));
}

/** What must never be printed: the header's menu and account, the territory bar, buttons (« Rapport PDF », exports and workbooks), the footer. */
export const NOT_ON_PAPER = ['Se déconnecter', 'Copier le lien', 'Date de référence', 'Aujourd’hui', 'Rapport PDF', 'Exporter en', 'en XLSX', 'en ODS', 'Outil libre d’aide', 'Accès rapide', 'Réinitialiser'];

/** The territory and date the e2e pages show (departement=79, asOf=2025-06-01), as the print heading says them. */
export const PRINTED_SCOPE = 'Deux-Sèvres (79), situation au 1er juin 2025';

/** On paper: the view's heading with its territory and date, its h1, nothing one uses rather than reads, no internal code. */
export async function expectPrintable(page: Page, name: string, view: ViewId, codes: InternalCodes): Promise<void> {
  const text = (await printedPages(page)).join('\n');
  const entry = viewEntry(view);
  const heading = entry.scoped ? `${entry.label} — ${PRINTED_SCOPE}` : `${entry.label} — imprimé le`;
  expect(comparable(text), `vue « ${name} » imprimée : ${heading}`).toContain(comparable(heading));
  const h1 = (await page.locator('h1').first().textContent()) ?? '';
  expect(comparable(text), `vue « ${name} » imprimée : son titre`).toContain(comparable(h1));
  for (const words of NOT_ON_PAPER) expect(text, `vue « ${name} » imprimée : « ${words} »`).not.toContain(words);
  expect(codesIn(text, codes), `vue « ${name} » imprimée`).toEqual([]);
  expect(await controlsOnPaper(page, !LABELS_LEFT_ON_PAPER.has(view)), `vue « ${name} » imprimée : commandes`).toEqual([]);
}

/**
 * Views whose field labels still print without their fields — Données (its tabs, the import form,
 * the assistant's column mapping) and Avis PTSM (the PTSM picker): known, left to their owners
 * (notes/merge-14.md). Their fields, buttons and toolbars are checked like every view's.
 */
const LABELS_LEFT_ON_PAPER: ReadonlySet<ViewId> = new Set(['donnees', 'avis']);

/**
 * What one uses and would still be on paper: a field, a button, a slider, a toolbar, or the label
 * of a field that is not printed (« Année » without its slider, « Colorier selon » without its
 * select). The record form's field names are its content (Données, formulaire): not counted.
 */
export async function controlsOnPaper(page: Page, labels = true): Promise<string[]> {
  await page.emulateMedia({ media: 'print' });
  try {
    return await page.evaluate((labels) => {
      const printed = (el: Element) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
      const named = (el: Element) => `${el.tagName.toLowerCase()} « ${(el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 60)} »`;
      const out: string[] = [];
      for (const el of document.querySelectorAll('input:not([type=hidden]), select, textarea, button, [role=slider], [role=toolbar], [role=combobox], output')) if (printed(el)) out.push(named(el));
      if (!labels) return out;
      for (const label of document.querySelectorAll('label')) {
        if (label.closest('form.app-form') || !printed(label)) continue;
        if (label.control && !printed(label.control)) out.push(named(label));
      }
      for (const legend of document.querySelectorAll('fieldset > legend')) {
        if (legend.closest('form.app-form') || !printed(legend)) continue;
        const fields = [...legend.parentElement!.querySelectorAll('input, select, textarea')];
        if (fields.length && !fields.some(printed)) out.push(named(legend));
      }
      return out;
    }, labels);
  } finally {
    // Back to no emulation (not 'screen': page.pdf() would then print the screen's styles).
    await page.emulateMedia({ media: null });
  }
}
