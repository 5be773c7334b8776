// A view as it prints: Chromium's own PDF of the page (print media), read back with pdftotext.
import type { Page } from 'playwright-core';
import { pdfPages, writeTemporaryPdf } from '../server/poppler.ts';

/** The text of each printed page of the view as it is now. */
export async function printedPages(page: Page): Promise<string[]> {
  const pdf = await page.pdf({ format: 'A4', printBackground: true });
  return pdfPages(writeTemporaryPdf(new Uint8Array(pdf), 'vue.pdf'));
}

/** What must never be printed: the header's menu and account, the territory bar, buttons, the footer. */
export const NOT_ON_PAPER = ['Se déconnecter', 'Copier le lien', 'Date de référence', 'Aujourd’hui', 'Rapport PDF', 'Exporter en', 'Outil libre d’aide', 'Accès rapide', 'Réinitialiser'];
