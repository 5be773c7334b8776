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
}
