// The import assistant in real Chromium, on a server of its own (an empty database): the
// real-shaped workbook of tests/model/workbook/fixture.ts (its own headers, merged title rows,
// commune names, French dates, an « Avis » sheet), one header of which only likely matches, goes
// in through the assistant; the findings are those of its JSON equivalent; the same workbook as
// ODS, and its Dispositifs sheet as CSV, change nothing. Bad files get French messages and change
// nothing; cells are corrected and rows set aside in the preview; « Annuler l’import » undoes it.
// Every step passes axe-core, and the steps work by keyboard.
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { ArticulationModel } from '../../model/graph.ts';
import { runRules } from '../../model/rules/engine.ts';
import type { Finding } from '../../model/rules/types.ts';
import { validateDataset } from '../../model/validate.ts';
import { loadTerritories } from '../../server/territories.ts';
import { FIXTURE_EQUIVALENT, fixtureCsv, fixtureOds, fixtureXlsx } from '../model/workbook/fixture.ts';
import { RUN_PDF_TESTS } from '../server/poppler.ts';
import { expectAccessible } from './accessibility.ts';
import { expectPrintable } from './print.ts';
import { expectUserWords, internalCodes } from './user-words.ts';
import { api, browserSuite, describeInChromium, screenshotPath } from './harness.ts';

const AS_OF = '2025-06-01';
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const LIKELY_HEADER = 'Date de signature de la convention';

/** The fixture with its « Date de signature » header as an officer might write it: a likely match only. */
async function workbookWithLikelyHeader(): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load((await fixtureXlsx()).buffer as ArrayBuffer);
  const sheet = book.getWorksheet('Dispositifs 79')!;
  const cell = sheet.getRow(4).values as unknown[];
  const column = cell.indexOf('Date de signature');
  expect(column).toBeGreaterThan(0);
  sheet.getRow(4).getCell(column).value = LIKELY_HEADER;
  return Buffer.from(await book.xlsx.writeBuffer());
}

const codes = internalCodes();
const findingKeys = (findings: readonly Pick<Finding, 'rule' | 'subjects'>[]) => findings.map((f) => `${f.rule} ${f.subjects.join(',')}`).sort();

describeInChromium('import assistant in Chromium (workbooks, empty database)', () => {
  const suite = browserSuite({ seed: 'none' });

  async function importPage(): Promise<Page> {
    const page = await suite.openPage(`donnees?departement=79&asOf=${AS_OF}&onglet=import`);
    await page.waitForSelector('#import-titre');
    return page;
  }
  const choose = (page: Page, name: string, buffer: Buffer | Uint8Array, mimeType = XLSX_TYPE) => page.setInputFiles('input[type=file]', { name, mimeType, buffer: Buffer.from(buffer) });
  const dataVersion = async () => (await api<{ dataVersion: number }>(suite.server, '/dataset')).dataVersion;
  const preview = async (page: Page) => {
    await page.getByRole('button', { name: 'Prévisualiser l’import' }).last().click();
    await page.waitForSelector('[data-testid=diff]', { timeout: 30_000 });
  };
  const diffCell = (page: Page, entity: string, column: number) => page.locator(`[data-testid=diff] tr[data-entity=${entity}] td`).nth(column);

  it('a real-shaped workbook goes in through the assistant; its findings are its JSON equivalent’s; the same workbook as ODS and its Dispositifs sheet as CSV change nothing', async () => {
    const page = await importPage();
    await choose(page, 'recensement.xlsx', await workbookWithLikelyHeader());
    // Read in the Web Worker, then the mapping: exact matches applied, the likely one shown to check.
    const sheet = page.locator('.app-assistant__sheet[data-sheet="Dispositifs 79"]');
    await sheet.waitFor({ timeout: 30_000 });
    await expect(sheet.locator('legend').textContent()).resolves.toContain('En-têtes ligne 4 (lignes 1, 2, 3 ignorées : titres ou lignes vides) ; 6 lignes de données.');
    const likely = sheet.locator(`tr[data-column="${LIKELY_HEADER}"]`);
    await expect(likely.getAttribute('data-quality')).resolves.toBe('likely');
    await expect(likely.locator('select').inputValue()).resolves.toBe('field:dates.signed');
    await expect(sheet.locator('tr[data-column="Coordonnateur"] select').inputValue()).resolves.toBe('field:coordinators');
    await expect(page.locator('.app-assistant .fr-alert--warning').first().textContent()).resolves.toMatch(/1 colonne ne correspond que probablement à un champ/);
    await expect(page.locator('.app-assistant__sheet[data-sheet="Notes"] select').first().inputValue()).resolves.toBe('');
    await expectAccessible(page, 'Données, assistant d’import : correspondance des colonnes');
    await page.screenshot({ path: screenshotPath('import-correspondance'), fullPage: true });
    // Confirmed by keyboard: the field chosen again, then « Prévisualiser » with Enter.
    await likely.locator('select').selectOption('field:dates.signed');
    await expect(likely.locator('.fr-badge').textContent()).resolves.toBe('Choisie');
    await page.getByRole('button', { name: 'Prévisualiser l’import' }).last().focus();
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-testid=diff]', { timeout: 30_000 });
    await expect(diffCell(page, 'mechanisms', 0).locator('summary').textContent()).resolves.toBe('6');
    await expect(diffCell(page, 'links', 0).locator('summary').textContent()).resolves.toBe('3');
    // A row by its record's name; its id is not for the user to read.
    const niort = page.locator('[data-testid=lignes] tr[data-sheet="Dispositifs 79"][data-row="6"]');
    await expect(niort.textContent()).resolves.toContain('CLSM « CLSM de Niort »');
    await expect(niort.getAttribute('data-record')).resolves.toBe('clsm-de-niort');
    await expect(niort.textContent()).resolves.not.toContain('clsm-de-niort');
    await expect(page.locator('[data-testid=lignes] tr[data-status=not-received]').count()).resolves.toBe(1);
    await expect(page.locator('[data-testid=lignes] tr[data-sheet="Avis des CLSM"][data-row="3"]').textContent()).resolves.toContain('Avis sur le PTSM : « CLSM de Niort » → « PTSM des Deux-Sèvres », diagnostic territorial partagé');
    await expectAccessible(page, 'Données, assistant d’import : aperçu');
    await page.screenshot({ path: screenshotPath('import-apercu'), fullPage: true });
    await page.getByRole('button', { name: 'Confirmer l’import (fusion)' }).click();
    await page.waitForSelector('.app-assistant .fr-alert--success');
    await expect(page.getByRole('button', { name: 'Annuler l’import' }).count()).resolves.toBe(1);

    // The findings are those of the same data written by hand as articulation/1.
    const territories = loadTerritories();
    const expected = validateDataset(FIXTURE_EQUIVALENT, territories);
    if (!expected.ok) throw new Error('fixture invalide');
    const fromJson = runRules(new ArticulationModel(expected.dataset, territories), { asOf: AS_OF });
    const fromWorkbook = (await api<{ findings: Finding[] }>(suite.server, `/findings?asOf=${AS_OF}`)).findings;
    expect(fromWorkbook.length).toBeGreaterThan(3);
    expect(findingKeys(fromWorkbook)).toEqual(findingKeys(fromJson));
    // …and the « Date de signature de la convention » column went where the user confirmed it.
    expect((await api<{ data: { dates: Record<string, string> } }>(suite.server, '/mechanisms/cls-de-niort')).data.dates.signed).toBe('2018-12-03');

    // The same workbook as ODS: every header exact, nothing to import.
    const version = await dataVersion();
    await choose(page, 'recensement.ods', Buffer.from(fixtureOds()), 'application/vnd.oasis.opendocument.spreadsheet');
    await page.waitForSelector('.app-assistant__sheet[data-sheet="Avis des CLSM"]', { timeout: 30_000 });
    await expect(page.locator('.app-assistant .fr-alert--success').first().textContent()).resolves.toMatch(/Toutes les colonnes sont reconnues/);
    await preview(page);
    await expect(page.locator('.app-assistant').textContent()).resolves.toContain('Le classeur est valide et identique aux données enregistrées');
    await expect(diffCell(page, 'mechanisms', 3).textContent()).resolves.toBe('6');
    await expect(page.getByRole('button', { name: 'Rien à importer' }).isDisabled()).resolves.toBe(true);
    // Its Dispositifs sheet saved as CSV (« ; », Windows-1252): the same six mechanisms.
    await choose(page, 'Dispositifs 79.csv', Buffer.from(fixtureCsv()), 'text/csv');
    await page.waitForSelector('.app-assistant__sheet', { timeout: 30_000 });
    await expect(page.locator('.app-assistant').textContent()).resolves.toContain('séparateur « ; », encodage Windows-1252');
    await preview(page);
    await expect(diffCell(page, 'mechanisms', 0).textContent()).resolves.toBe('0');
    await expect(diffCell(page, 'mechanisms', 1).textContent()).resolves.toBe('0');
    await expect(diffCell(page, 'mechanisms', 3).textContent()).resolves.toBe('6');
    expect(await dataVersion()).toBe(version);

    // The same headers again: the mapping confirmed earlier is applied without a question.
    await choose(page, 'recensement-bis.xlsx', await workbookWithLikelyHeader());
    await page.waitForSelector(`.app-assistant__sheet[data-sheet="Dispositifs 79"] tr[data-column="${LIKELY_HEADER}"]`, { timeout: 30_000 });
    await expect(page.locator('.app-assistant .fr-alert--info').first().textContent()).resolves.toMatch(/Correspondance retenue lors d’un import précédent/);
    await expect(page.locator(`tr[data-column="${LIKELY_HEADER}"]`).getAttribute('data-quality')).resolves.toBe('chosen');
  }, 120_000);

  it('bad files get French messages and change nothing; cells are corrected and rows set aside; « Annuler l’import » undoes the import', async () => {
    const page = await importPage();
    const before = await dataVersion();
    // A truncated workbook, dropped on the zone: refused by the reader, in French.
    const truncated = (await fixtureXlsx()).subarray(0, 3000);
    await page.evaluate(
      ({ bytes, type }) => {
        const file = new File([new Uint8Array(bytes)], 'abime.xlsx', { type });
        const data = new DataTransfer();
        data.items.add(file);
        document.querySelector('.app-dropzone')!.dispatchEvent(new DragEvent('drop', { bubbles: true, cancelable: true, dataTransfer: data }));
      },
      { bytes: Array.from(truncated), type: XLSX_TYPE },
    );
    const refusal = page.locator('.app-assistant .fr-alert--error');
    await refusal.waitFor({ timeout: 30_000 });
    await expect(refusal.textContent()).resolves.toMatch(/Ce fichier ne peut pas être importé.*Le fichier est illisible/);
    // A sheet of its own with a bad date and an unknown commune: problems by cell.
    const book = new ExcelJS.Workbook();
    book.addWorksheet('Recensement').addRows([
      ['Type', 'Nom', 'Communes', 'Date de début'],
      ['CLSM', 'CLSM de Melle (essai)', 'Melle (79)', '31/02/2019'],
      ['CLSM', 'CLSM de Nullepart (essai)', 'Nullepart', '01/01/2020'],
      ['CLSM', 'CLSM de Chef-Boutonne (essai)', 'Chef-Boutonne', '01/09/2021'],
      ['PTSM', 'PTSM des Deux-Sèvres (essai)', 'Niort', '01/01/2020'],
    ]);
    // An avis without its stage: a problem about the link as a whole, no cell to point at.
    book.addWorksheet('Liens').addRows([
      ['Type', 'De', 'Vers'],
      ['Avis', 'CLSM de Chef-Boutonne (essai)', 'PTSM des Deux-Sèvres (essai)'],
    ]);
    await choose(page, 'recensement-erreurs.xlsx', Buffer.from(await book.xlsx.writeBuffer()));
    await page.waitForSelector('.app-assistant__sheet[data-sheet="Recensement"]', { timeout: 30_000 });
    await preview(page);
    const problems = page.locator('[data-testid=problemes] tbody tr');
    await expect(problems.count()).resolves.toBe(3);
    // A cell's problem: its sheet, row, column and value; a record's: the record by its name, as the JSON import says it.
    await expect(problems.nth(0).textContent()).resolves.toMatch(/^Recensement2Date de début31\/02\/2019« 31\/02\/2019 » n'est pas une date du calendrier/);
    await expect(problems.nth(1).textContent()).resolves.toMatch(/^Recensement3CommunesNullepartaucune commune ne s'appelle « Nullepart »/);
    await expect(problems.nth(2).textContent()).resolves.toMatch(/^Liens2——Lien « Avis du CLSM de Chef-Boutonne \(essai\) sur le PTSM des Deux-Sèvres \(essai\) » : étape obligatoire pour un avis/);
    await expect(page.getByRole('button', { name: /^Confirmer l’import/ }).isDisabled()).resolves.toBe(true);
    await expectAccessible(page, 'Données, assistant d’import : problèmes par cellule');
    await expectUserWords(page, 'Données, assistant d’import : problèmes', codes);
    if (RUN_PDF_TESTS) await expectPrintable(page, 'Données, assistant d’import : problèmes', 'donnees', codes);
    await page.screenshot({ path: screenshotPath('import-problemes-cellules'), fullPage: true });
    expect(await dataVersion()).toBe(before);
    // Corrected in the preview (by keyboard: type, then Enter), the other row set aside.
    const fix = page.getByRole('textbox', { name: 'Nouvelle valeur, feuille « Recensement », ligne 2, colonne « Date de début »' });
    await fix.fill('28/02/2019');
    await fix.press('Enter');
    await page.waitForSelector('[data-testid=problemes] tbody tr >> nth=0');
    await expect(page.locator('[data-testid=problemes] tbody tr').count()).resolves.toBe(2);
    await page.getByRole('button', { name: 'Écarter la ligne 3 de la feuille « Recensement »' }).click();
    await page.waitForSelector('[data-testid=problemes] tbody tr >> nth=0');
    await expect(page.locator('[data-testid=problemes] tbody tr').count()).resolves.toBe(1);
    await page.getByRole('button', { name: 'Écarter la ligne 2 de la feuille « Liens »' }).click();
    await page.waitForSelector('.app-assistant .fr-alert--info');
    await expect(page.locator('[data-testid=problemes]').count()).resolves.toBe(0);
    await expect(page.getByRole('button', { name: 'Réintégrer la ligne 3 de la feuille « Recensement »' }).count()).resolves.toBe(1);
    await expect(diffCell(page, 'mechanisms', 0).locator('summary').textContent()).resolves.toBe('3');
    await page.getByRole('button', { name: 'Confirmer l’import (fusion)' }).click();
    await page.waitForSelector('.app-assistant .fr-alert--success');
    const melle = await api<{ data: { dates: { start: string } } }>(suite.server, '/mechanisms/clsm-de-melle-essai');
    expect(melle.data.dates.start).toBe('2019-02-28');
    await expectUserWords(page, 'Données, assistant d’import : import terminé', codes);
    // « Annuler l’import » asks first and says what it restores; nothing is undone until confirmed.
    const imported = await dataVersion();
    await page.getByRole('button', { name: 'Annuler l’import' }).click();
    await expect(page.locator('.app-assistant [data-testid=annulation-import]').textContent()).resolves.toBe(
      'L’import est annulé d’un coup, en une seule étape du journal. Les fiches qu’il a créées seront supprimées : 3 dispositifs. Si l’une de ces fiches a changé depuis, rien n’est annulé et les fiches en cause sont nommées.',
    );
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe('Confirmer l’annulation');
    expect(await dataVersion()).toBe(imported);
    await page.getByRole('button', { name: 'Confirmer l’annulation' }).click();
    await page.locator('.app-assistant .fr-alert--success', { hasText: 'Import annulé : 3 fiches remises dans leur état d’avant' }).waitFor();
    await expect(page.getByRole('button', { name: 'Annuler l’import' }).count()).resolves.toBe(0);
    const gone = await fetch(`${suite.server.url}/api/mechanisms/clsm-de-melle-essai`, { headers: { Authorization: `Bearer ${suite.server.token}` } });
    expect(gone.status).toBe(404);
    // The journal shows the import and its undo as two steps, not one entry per record, in words.
    await page.goto(`${suite.server.url}/#/journal`);
    await page.waitForSelector('.app-audit__table tbody tr[data-entity=dataset]');
    const steps = page.locator('.app-audit__table tbody tr[data-entity=dataset]');
    await expect(steps.nth(0).getAttribute('data-action')).resolves.toBe('undo');
    await expect(steps.nth(1).getAttribute('data-action')).resolves.toBe('import');
    expect(await page.locator('.app-audit__table tbody tr[data-entity=mechanisms]').count()).toBe(0);
    await expect(steps.nth(1).locator('td').nth(4).textContent()).resolves.toBe('Jeu de données : import en fusion');
    await expect(steps.nth(1).locator('.app-changes').textContent()).resolves.toBe('3 dispositifs créés');
    // Its « Annuler l’import » asks too; the server's refusal (already undone) is said.
    const undone = await dataVersion();
    await steps.nth(1).getByRole('button', { name: /^Annuler l’import/ }).click();
    await expect(page.locator('[data-testid=annulation-import]').textContent()).resolves.toMatch(/^L’import est annulé d’un coup.*Les fiches qu’il a créées seront supprimées : 3 dispositifs\./);
    await expectAccessible(page, 'Journal, imports en étapes');
    await expectUserWords(page, 'Journal, imports en étapes', codes);
    if (RUN_PDF_TESTS) await expectPrintable(page, 'Journal, imports en étapes', 'journal', codes);
    await page.getByRole('button', { name: 'Confirmer l’annulation' }).click();
    await expect(page.locator('.fr-alert--error').textContent()).resolves.toMatch(/n’a pas été annulé.*[Cc]et import a déjà été annulé/);
    expect(await dataVersion()).toBe(undone);
  }, 120_000);
});
