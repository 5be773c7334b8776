// End-to-end, in real Chromium: the built client served by the real server on the demo data.
// Each test opens its own signed-in page and creates the records it changes, so that any test
// can run alone or in any order. Every view passes axe-core's WCAG 2.1 AA rules.
// Without Chromium: skipped with a message on a developer's machine, a failure in CI (CI=true).
// Screenshots of each view go to tests/screenshots/ (git-ignored).
import { readFileSync, writeFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import type { AvisChecklist } from '../../model/avis.ts';
import type { Finding } from '../../model/rules/types.ts';
import type { GraphView } from '../../model/views.ts';
import { readWorkbook } from '../../model/workbook/read.ts';
import { resolvePalette } from '../../client/src/lib/colors.ts';
import type { ViewId } from '../../client/src/views/registry.ts';
import { comparable, pdfPages, RUN_PDF_TESTS, writeTemporaryPdf } from '../server/poppler.ts';
import { axeViolations, expectAccessible } from './accessibility.ts';
import { expectPrintable, NOT_ON_PAPER, printedPages } from './print.ts';
import { codesIn, expectUserWords, internalCodes } from './user-words.ts';
import { api, browserSuite, describeInChromium, E2E_ADMIN, pixelStats, screenshotPath, signIn } from './harness.ts';

const AS_OF = '2025-06-01';
const SCOPE = `departement=79&asOf=${AS_OF}`;
const palette = resolvePalette();

describeInChromium('application in Chromium (demo data, Deux-Sèvres)', () => {
  const suite = browserSuite({ seed: 'demo' });
  const { openPage } = suite;
  const json = { 'Content-Type': 'application/json' };
  const create = (kind: 'mechanisms' | 'people' | 'links', body: object) => api<{ id: string; version: number }>(suite.server, `/${kind}`, { method: 'POST', headers: json, body: JSON.stringify(body) });
  /** An active CLSM of its own on a commune of the Deux-Sèvres, since 2020. */
  const clsm = (id: string, name: string, commune = '79109') => create('mechanisms', { id, kind: 'CLSM', name, status: 'active', territory: { communes: [commune] }, dates: { start: '2020-01-01' } });
  const networkReady = (page: Page) => page.waitForSelector('.app-network[data-state=interactive]', { timeout: 30_000 });
  const canvasShot = async (page: Page) => (await page.locator('.app-network__canvas').screenshot()) as Buffer;
  const mechanismsOf = async () => (await api<GraphView>(suite.server, `/graph?${SCOPE}`)).nodes.filter((n) => n.type === 'mechanism');

  it('the network view shows every mechanism of the scope', async () => {
    const count = (await mechanismsOf()).length;
    expect(count).toBeGreaterThan(5);
    const page = await openPage(`reseau?${SCOPE}`);
    await networkReady(page);
    await expect(page.locator('h1').first().textContent()).resolves.toBe('Réseau des dispositifs');
    expect(await page.locator('.app-network__summary').textContent()).toContain(`${count} dispositifs affichés sur ${count}`);
    expect(await page.locator('.app-network').getAttribute('data-visible-nodes')).toBe(String(count));
    await expect(page.title()).resolves.toContain('Deux-Sèvres');
    await page.screenshot({ path: screenshotPath('reseau') });
  });

  it('draws the graph, and redraws it when a filter changes', async () => {
    const clsms = (await mechanismsOf()).filter((n) => n.kind === 'CLSM').length;
    const page = await openPage(`reseau?${SCOPE}`);
    await networkReady(page);
    const before = await pixelStats(page, await canvasShot(page), { ptsm: palette.kind.PTSM, clsm: palette.kind.CLSM, cls: palette.kind.CLS });
    expect(before.width).toBeGreaterThan(400);
    expect(before.ink / (before.width * before.height)).toBeGreaterThan(0.01);
    for (const kind of ['ptsm', 'clsm', 'cls']) expect(before.matches[kind], kind).toBeGreaterThan(50);
    await page.locator('label', { hasText: /^CLSM/ }).first().click();
    await page.waitForSelector(`.app-network[data-visible-nodes="${clsms}"]`);
    await page.waitForTimeout(300);
    expect(page.url()).toContain('types=CLSM');
    const after = await pixelStats(page, await canvasShot(page), { ptsm: palette.kind.PTSM, clsm: palette.kind.CLSM });
    expect(after.matches.ptsm).toBeLessThan(before.matches.ptsm / 10);
    expect(after.matches.clsm).toBeGreaterThan(50);
    expect(after.ink).toBeLessThan(before.ink);
    await page.screenshot({ path: screenshotPath('reseau-filtre-clsm') });
  });

  it('searches without accents, moves the camera to the node, and a click on it opens its panel', async () => {
    const { id } = await clsm('clsm-e2e-recherche', 'CLSM d’Échiré-Épannes (essai)');
    const page = await openPage(`reseau?${SCOPE}`);
    await networkReady(page);
    await page.getByRole('combobox', { name: /Rechercher un dispositif/ }).fill('echire epannes');
    const option = page.locator('.app-combo__option').first();
    await option.waitFor();
    await expect(option.textContent()).resolves.toMatch(/Échiré-Épannes/);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    const panel = page.locator('.app-network__panel .app-panel');
    await panel.waitFor({ state: 'visible' });
    expect(page.url()).toContain(`noeud=${id}`);
    // Escape closes the panel; the camera stays on the node, at the middle of the canvas: click it.
    await page.keyboard.press('Escape');
    await page.waitForSelector('.app-network__panel', { state: 'hidden' });
    expect(page.url()).not.toContain('noeud=');
    await page.waitForTimeout(800);
    const box = (await page.locator('.app-network__canvas').boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.waitForTimeout(100);
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await panel.waitFor({ state: 'visible' });
    await expect(panel.locator('h2').textContent()).resolves.toBe('CLSM d’Échiré-Épannes (essai)');
    expect(page.url()).toContain(`noeud=${id}`);
    await panel.locator('.app-panel__findings li').first().waitFor();
    await expect(panel.getByRole('link', { name: 'Modifier' }).getAttribute('href')).resolves.toContain(`modifier=${id}`);
    await page.screenshot({ path: screenshotPath('reseau-panneau') });
  });

  it('shows a PTSM’s avis checklist with the API’s counts', async () => {
    const ptsm = (await mechanismsOf()).find((n) => n.kind === 'PTSM' && n.active)!;
    const checklist = await api<AvisChecklist>(suite.server, `/ptsm/${ptsm.id}/avis?asOf=${AS_OF}`);
    const page = await openPage(`avis?${SCOPE}&ptsm=${ptsm.id}`);
    await page.waitForSelector(`.app-avis[data-ptsm="${ptsm.id}"] [data-testid=avis-totaux]`);
    for (const stage of ['diagnostic', 'projet', 'all'] as const) {
      for (const key of ['expected', 'received', 'late', 'missing', 'awaited'] as const) {
        const text = await page.locator(`[data-testid=avis-totaux] tr[data-stage=${stage}] td[data-count=${key}]`).textContent();
        expect(Number(text), `${stage}.${key}`).toBe(checklist.totals[stage][key]);
      }
    }
    expect(await page.locator('.app-avis__rows tbody tr').count()).toBe(checklist.rows.length);
    const gauge = await page.locator('.app-gauge__value').textContent();
    expect(gauge?.replace(/\s/g, ' ')).toBe(checklist.completion === null ? 'Sans objet' : `${String(checklist.completion).replace('.', ',')} %`);
    await page.screenshot({ path: screenshotPath('avis'), fullPage: true });
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Exporter en CSV' }).click()]);
    expect(download.suggestedFilename()).toBe(`avis-${ptsm.id}-${AS_OF}.csv`);
  });

  it('creating the missing link in the form makes its finding disappear', async () => {
    const { id } = await clsm('clsm-e2e-avis', 'CLSM de Celles-sur-Belle (essai)', '79061');
    const { findings } = await api<{ findings: Finding[] }>(suite.server, `/findings?${SCOPE}&rule=ptsm-avis-missing&subject=${id}`);
    const missing = findings.find((f) => f.fix.link?.kind === 'avis');
    expect(missing, 'a CLSM active since 2020 owed its avis on the PTSM').toBeDefined();
    const link = missing!.fix.link!;
    const page = await openPage(`constats?${SCOPE}&regle=ptsm-avis-missing&sujet=${id}`);
    const card = page.locator('.app-finding', { has: page.locator(`a[href*="de=${link.from}"][href*="vers=${link.to}"]`) }).first();
    await card.waitFor();
    // Each finding says what it rests on, in French.
    await expect(card.locator('.app-finding__basis').textContent()).resolves.toBe('Fondement : Obligation légale');
    await page.screenshot({ path: screenshotPath('constats'), fullPage: false });
    await card.getByRole('link', { name: 'Créer le lien manquant' }).click();
    await page.waitForSelector('form.app-form');
    // The form is prefilled with the suggested link.
    await expect(page.getByLabel('De *').inputValue()).resolves.toBe(link.from);
    await expect(page.getByLabel('Vers *').inputValue()).resolves.toBe(link.to);
    await page.getByLabel('Sens de l’avis').selectOption('favorable-reserves');
    await page.getByLabel('Réponse du PTSM').fill('Axe logement complété');
    await page.screenshot({ path: screenshotPath('donnees-lien'), fullPage: true });
    await page.getByRole('button', { name: 'Créer un lien' }).click();
    await page.waitForSelector('.fr-alert--success');
    // The finding is gone, in the API and in the view.
    const after = await api<{ findings: Finding[] }>(suite.server, `/findings?${SCOPE}&rule=ptsm-avis-missing&subject=${id}`);
    expect(after.findings.map((f) => f.id)).not.toContain(missing!.id);
    // Its reservations are answered: no ptsm-avis-reserves finding for it.
    const reserves = await api<{ findings: Finding[] }>(suite.server, `/findings?${SCOPE}&rule=ptsm-avis-reserves&subject=${link.from}`);
    expect(reserves.findings.filter((f) => f.subjects[1] === link.to)).toEqual([]);
    await page.goto(`${suite.server.url}/#/constats?${SCOPE}&regle=ptsm-avis-missing`);
    await page.waitForSelector('.app-finding');
    expect(await page.locator(`.app-finding a[href*="de=${link.from}"][href*="vers=${link.to}"]`).count()).toBe(0);
  });

  it('justifies an overlap with a reason: it leaves « à traiter »; the territory changes: it comes back, saying why', async () => {
    await clsm('clsm-e2e-etat-a', 'CLSM de Messé (essai)', '79177');
    await clsm('clsm-e2e-etat-b', 'CLSM de la Plaine (essai)', '79177');
    const { findings } = await api<{ findings: Finding[] }>(suite.server, `/findings?${SCOPE}&rule=clsm-overlap&subject=clsm-e2e-etat-a`);
    const overlap = findings.find((f) => f.subjects.includes('clsm-e2e-etat-b'))!;
    expect(overlap, 'two active CLSMs on the same commune overlap').toBeDefined();
    const page = await openPage(`constats?${SCOPE}&regle=clsm-overlap&sujet=clsm-e2e-etat-a`);
    const card = page.locator(`.app-finding[data-finding="${overlap.id}"]`);
    await card.waitFor({ timeout: 20_000 });
    await expect(card.getAttribute('data-state')).resolves.toBe('a-traiter');
    const countsBefore = await page.getByTestId('etats').textContent();
    expect(countsBefore).toMatch(/^États : \d+ à traiter, \d+ vérifiés?, \d+ justifiés?$/);
    await card.getByRole('button', { name: 'Changer l’état' }).click();
    const form = card.getByRole('form', { name: 'Changer l’état du constat' });
    await form.waitFor({ timeout: 10_000 });
    await expectAccessible(page, 'Constats, changer l’état d’un constat');
    // DSFR draws the radio on its label: the label is what a user clicks.
    await form.locator('label', { hasText: /^Justifié/ }).click();
    await form.getByRole('button', { name: 'Enregistrer' }).click();
    // A justification needs its reason: said in French, nothing sent.
    await form.getByText('Un constat justifié demande un commentaire qui dit pourquoi.').waitFor({ timeout: 10_000 });
    await form.getByLabel(/^Commentaire/).fill('Les deux CLSM se partagent Messé par quartier.');
    await form.getByRole('button', { name: 'Enregistrer' }).click();
    const justified = page.locator(`.app-finding[data-finding="${overlap.id}"][data-state=justifie]`);
    await justified.waitFor({ timeout: 20_000 });
    await expect(justified.locator('.app-finding__comment').textContent()).resolves.toBe('Commentaire : Les deux CLSM se partagent Messé par quartier.');
    await page.screenshot({ path: screenshotPath('constats-justifie'), fullPage: false });
    // The API says the same, and the « à traiter » filter no longer shows it.
    const api1 = await api<{ findings: Finding[]; counts: { state: Record<string, number> } }>(suite.server, `/findings?${SCOPE}&finding=${encodeURIComponent(overlap.id)}`);
    expect(api1.findings[0].state?.status).toBe('justifie');
    await page.goto(`${suite.server.url}/#/constats?${SCOPE}&regle=clsm-overlap&etat=a-traiter`);
    await page.waitForSelector('[data-testid=etats]');
    expect(await page.locator(`.app-finding[data-finding="${overlap.id}"]`).count()).toBe(0);
    const scoped = await api<{ counts: { state: Record<string, number> } }>(suite.server, `/findings?${SCOPE}&rule=clsm-overlap`);
    await expect(page.getByTestId('etats').textContent()).resolves.toContain(`${scoped.counts.state.justifie} justifié`);
    // The territory of one of them changes: the state reopens, and says why.
    const record = await api<{ version: number; data: Record<string, unknown> }>(suite.server, '/mechanisms/clsm-e2e-etat-a');
    await api(suite.server, '/mechanisms/clsm-e2e-etat-a', { method: 'PUT', headers: json, body: JSON.stringify({ ...record.data, territory: { communes: ['79177', '79191'] }, version: record.version }) });
    await page.reload();
    const back = page.locator(`.app-finding[data-finding="${overlap.id}"][data-state=a-traiter]`);
    await back.waitFor({ timeout: 30_000 });
    await expect(back.locator('.app-finding__reopened').textContent()).resolves.toMatch(/^Rouvert : Le territoire du CLSM de Messé \(essai\) a changé depuis la justification du .+ : à revoir\. \(justifié : « Les deux CLSM se partagent Messé par quartier\. »\)$/);
  }, 90_000);

  it('renders the département diagram and exports it as PNG', async () => {
    const page = await openPage(`departement?${SCOPE}`);
    await page.waitForSelector('.app-diagram[data-state=drawn]', { timeout: 30_000 });
    await page.waitForTimeout(300);
    const stats = await pixelStats(page, (await page.locator('.app-diagram__canvas').screenshot()) as Buffer, { received: palette.avis.received, ptsm: palette.kind.PTSM });
    expect(stats.ink / (stats.width * stats.height)).toBeGreaterThan(0.02);
    expect(stats.matches.ptsm).toBeGreaterThan(50);
    expect(stats.matches.received).toBeGreaterThan(5);
    expect(await page.locator('.app-diagram__legend li').count()).toBeGreaterThan(6);
    await page.screenshot({ path: screenshotPath('departement') });
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Exporter en PNG' }).click()]);
    expect(download.suggestedFilename()).toBe(`diagramme-79-${AS_OF}.png`);
    const file = screenshotPath('diagramme-79-export');
    await download.saveAs(file);
    const png = readFileSync(file);
    expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    expect(png.length).toBeGreaterThan(20_000);
  });

  it('shows the indicators, and validates a form as the user types', async () => {
    const page = await openPage(`indicateurs?${SCOPE}`);
    await page.waitForSelector('.app-chart svg rect');
    // The Deux-Sèvres and France; each denominator explained; the yearly series as a line chart with its table.
    expect(await page.locator('.app-indicators tbody tr').count()).toBe(2);
    await expect(page.locator('.app-indicators tbody tr[data-code=FR] th').textContent()).resolves.toBe('France entière');
    expect(await page.locator('.app-indicators thead .fr-btn--tooltip').count()).toBe(3);
    await expect(page.locator('[data-testid=denominateurs]').textContent()).resolves.toContain('renseignée');
    await page.waitForSelector('.app-series polyline');
    expect(await page.locator('[data-testid=serie-annuelle] tbody tr').count()).toBe(2025 - 2012 + 1);
    await page.screenshot({ path: screenshotPath('indicateurs'), fullPage: true });
    const { id } = await clsm('clsm-e2e-saisie', 'CLSM de Melle (essai)', '79174');
    await page.goto(`${suite.server.url}/#/donnees?${SCOPE}&modifier=${id}`);
    await page.waitForSelector('form.app-form');
    // As-you-type validation with the server's schema, in French, next to the field.
    await page.getByLabel('Réunions du COPIL par an').fill('deux');
    await expect(page.locator('[data-field="governance.copil.meetingsPerYear"] .fr-error-text').textContent()).resolves.toBe('doit être un nombre');
    await page.screenshot({ path: screenshotPath('donnees-formulaire'), fullPage: true });
  });

  it('« Rapport PDF » on the Département, Constats and Indicateurs views opens the report of the territory at the date', async () => {
    const page = await openPage(`departement?${SCOPE}`);
    await page.waitForSelector('.app-diagram[data-state=drawn]', { timeout: 30_000 });
    const href = await page.getByRole('link', { name: 'Rapport PDF' }).getAttribute('href');
    expect(href).toBe(`/api/report/departement/79.pdf?asOf=${AS_OF}`);
    await expect(page.getByRole('link', { name: 'Rapport PDF' }).getAttribute('target')).resolves.toBe('_blank');
    // The page's own session fetches it, as the browser's new tab does.
    const response = await page.request.get(`${suite.server.url}${href}`);
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toBe('application/pdf');
    if (RUN_PDF_TESTS) {
      const text = pdfPages(writeTemporaryPdf(new Uint8Array(await response.body()))).join('\n');
      for (const words of ['Rapport départemental — Deux-Sèvres', 'Situation au 1er juin 2025', 'Chiffres clés', 'Constats', 'Avis des CLSM sur les PTSM']) expect(text).toContain(words);
      expect(codesIn(text, codes)).toEqual([]);
    }
    for (const [view, label] of [
      ['constats', 'Constats'],
      ['indicateurs', 'Indicateurs'],
    ] as const) {
      await page.goto(`${suite.server.url}/#/${view}?${SCOPE}`);
      await expect(page.getByRole('link', { name: 'Rapport PDF' }).getAttribute('href')).resolves.toBe(`/api/report/departement/79.pdf?asOf=${AS_OF}`);
      // The view's workbook sits beside it (and, like it, is not printed).
      const actions = page.locator('.app-view-actions');
      await actions.getByRole('button', { name: `${label} en XLSX` }).waitFor({ timeout: 30_000 });
      await expect(actions.getByRole('link', { name: 'Rapport PDF' }).count()).resolves.toBe(1);
      await expect(actions.getByRole('button', { name: `${label} en ODS` }).count()).resolves.toBe(1);
      const [download] = await Promise.all([page.waitForEvent('download'), actions.getByRole('button', { name: `${label} en XLSX` }).click()]);
      const read = readWorkbook(new Uint8Array(readFileSync((await download.path())!)));
      if (!read.ok) throw new Error(read.problem.message);
      // What the workbook says is words too: no rule, link or person id in any cell.
      const cells = read.workbook.sheets.flatMap((sheet) => sheet.rows.map((row) => row.map((c) => (c === null ? '' : typeof c === 'object' ? '' : String(c))).join(' ; ')));
      expect(cells.length, `classeur ${label}`).toBeGreaterThan(5);
      expect(codesIn(cells.join('\n'), codes), `classeur ${label}`).toEqual([]);
    }
    // A région has its own report; France as a whole none, and the page says what to do.
    await page.goto(`${suite.server.url}/#/indicateurs?region=75&asOf=${AS_OF}`);
    await expect(page.getByRole('link', { name: 'Rapport PDF' }).getAttribute('href')).resolves.toBe(`/api/report/region/75.pdf?asOf=${AS_OF}`);
    await page.goto(`${suite.server.url}/#/indicateurs?asOf=${AS_OF}`);
    await expect(page.locator('.app-report-link').textContent()).resolves.toBe('Rapport PDF : choisissez un département ou une région en haut de page.');
  });

  it('the reference date reloads the views once a complete date is typed; a wrong date in the address is said; a future date is said as planned', async () => {
    const page = await openPage(`indicateurs?${SCOPE}`);
    await page.waitForSelector('.app-chart svg rect');
    // Every address the application writes while the user types.
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { addresses: string[] }).addresses = seen;
      for (const method of ['pushState', 'replaceState'] as const) {
        const original = history[method].bind(history);
        history[method] = (state: unknown, unused: string, url?: string | URL | null) => {
          seen.push(String(url));
          original(state, unused, url);
        };
      }
    });
    const input = page.getByLabel(/^Date de référence/);
    await input.focus();
    // Day and month (1 January, whatever order the browser's field shows them in), then the year
    // digit by digit, through 0002, 0020 and 0202, each a valid date: one reload, at the end.
    await input.pressSequentially('01012024', { delay: 60 });
    await page.waitForFunction(() => location.hash.includes('asOf=2024-01-01'), undefined, { timeout: 5000 });
    await page.waitForTimeout(1000);
    await expect(input.inputValue()).resolves.toBe('2024-01-01');
    await expect(page.evaluate(() => (window as unknown as { addresses: string[] }).addresses)).resolves.toEqual([expect.stringContaining('asOf=2024-01-01')]);
    // A date in the address that is not one: said, in French, with the date shown instead.
    await page.goto(`${suite.server.url}/#/indicateurs?departement=79&asOf=2025-13-45`);
    const said = page.locator('[data-testid=date-invalide]');
    await said.waitFor();
    await expect(said.textContent()).resolves.toMatch(/^La date « 2025-13-45 » de l’adresse n’est pas une date valide \(AAAA-MM-JJ\) : les vues montrent la situation au \d{1,2}(er)? \S+ \d{4} \(aujourd’hui\)/);
    // The 2027 PTSM, in preparation on 1 June 2025: its adoptions are planned, not done.
    await page.goto(`${suite.server.url}/#/avis?${SCOPE}&ptsm=ptsm-79-2027`);
    await page.waitForSelector('.app-avis[data-ptsm="ptsm-79-2027"]');
    await expect(page.locator('select[name=ptsm] option[value="ptsm-79-2027"]').textContent()).resolves.toContain('adoption prévue le 1er mars 2027');
    const head = (await page.locator('.app-avis__head').textContent()) ?? '';
    expect(head).toContain('Adoption du diagnostic prévue le 15 octobre 2026');
    expect(head).toContain('adoption du projet prévue le 1er mars 2027');
    expect(head).not.toMatch(/adopté le (15 octobre 2026|1er mars 2027)/);
  });

  it('edits the dated statuses of a mechanism: the history is shown, its last row sets the status, and it is saved', async () => {
    const { id } = await create('mechanisms', {
      id: 'clsm-e2e-historique',
      kind: 'CLSM',
      name: 'CLSM de Saint-Maixent (essai)',
      status: 'dormant',
      statusHistory: [
        { status: 'active', from: '2017-01-01' },
        { status: 'dormant', from: '2024-03-01' },
      ],
      territory: { communes: ['79270'] },
    });
    const page = await openPage(`donnees?${SCOPE}&modifier=${id}`);
    await page.waitForSelector('form.app-form');
    const history = page.locator('[data-field=statusHistory]');
    expect(await history.locator('.app-row').count()).toBe(2);
    await expect(history.locator('select').nth(1).inputValue()).resolves.toBe('dormant');
    // A third row: active again from 2025; the status follows the last row.
    await history.getByRole('button', { name: 'Ajouter un statut daté' }).click();
    await history.locator('select').nth(2).selectOption('active');
    await history.getByLabel('À partir du').nth(2).fill('2025-01-15');
    await expect(page.getByLabel('Statut *').inputValue()).resolves.toBe('active');
    await page.getByRole('button', { name: 'Enregistrer les modifications' }).click();
    await page.waitForSelector('.fr-alert--success');
    const saved = await api<{ data: { status: string; statusHistory: { status: string; from: string }[] } }>(suite.server, `/mechanisms/${id}`);
    expect(saved.data.status).toBe('active');
    expect(saved.data.statusHistory).toEqual([
      { status: 'active', from: '2017-01-01' },
      { status: 'dormant', from: '2024-03-01' },
      { status: 'active', from: '2025-01-15' },
    ]);
  });

  it('explains a stale edit (409) and offers to reload', async () => {
    const { id } = await create('people', { id: 'coord-e2e-conflit', label: 'Coordination (essai de conflit)' });
    const page = await openPage(`donnees?${SCOPE}&onglet=personnes&modifier=${id}`);
    await page.waitForSelector('form.app-form');
    // Someone else saves the same person meanwhile.
    const current = await api<{ version: number; data: Record<string, unknown> }>(suite.server, `/people/${id}`);
    await api(suite.server, `/people/${id}`, { method: 'PUT', headers: { ...json, 'If-Match': String(current.version) }, body: JSON.stringify({ ...current.data, label: 'Modifié ailleurs' }) });
    await page.getByLabel('Libellé *').fill('Ma modification');
    await page.getByRole('button', { name: 'Enregistrer les modifications' }).click();
    const alert = page.locator('.fr-alert--warning');
    await alert.waitFor();
    await expect(alert.textContent()).resolves.toMatch(/modifié cette fiche/);
    await page.screenshot({ path: screenshotPath('donnees-conflit'), fullPage: true });
    await alert.getByRole('button', { name: 'Recharger la version actuelle' }).click();
    await expect(page.getByLabel('Libellé *').inputValue()).resolves.toBe('Modifié ailleurs');
  });

  it('previews an import (problems with their paths, then the diff), imports and exports', async () => {
    const { id } = await clsm('clsm-e2e-import', 'CLSM de La Crèche (essai)', '79048');
    const bad = { format: 'articulation/1', mechanisms: [{ id: 'Mauvais Id', kind: 'CLSX', name: 'x', status: 'active', territory: { communes: ['99999'] } }] };
    const badPath = screenshotPath('import-invalide').replace(/\.png$/, '.json');
    writeFileSync(badPath, JSON.stringify(bad));
    const dry = await api<{ problemCount: number }>(suite.server, '/import?mode=merge&dryRun=true', { method: 'POST', headers: json, body: JSON.stringify(bad) });
    const page = await openPage(`donnees?${SCOPE}&onglet=import`);
    await page.setInputFiles('input[type=file]', badPath);
    await page.getByRole('button', { name: 'Prévisualiser l’import' }).click();
    await page.waitForSelector('.app-import__problems');
    await page.screenshot({ path: screenshotPath('donnees-import-problemes-noms'), fullPage: true });
    expect(await page.locator('.app-import__problems tbody tr').count()).toBe(dry.problemCount);
    // Each problem names its record and the line where it starts in the file; the field in French.
    const problems = await page.locator('.app-import__problems tbody').textContent();
    expect(problems).toContain('Dispositif « x » (ligne 1)');
    expect(problems).toMatch(/Territoire : /);
    expect(problems).toContain('mechanisms[0].territory.communes[0]');
    // A file that is not JSON: a French message with the line, never the browser's English one.
    const brokenPath = badPath.replace('import-invalide', 'import-casse');
    writeFileSync(brokenPath, '{\n  "format": "articulation/1",\n  "mechanisms": [\n    { "id": "x", }\n  ]\n}');
    await page.setInputFiles('input[type=file]', brokenPath);
    await page.getByRole('button', { name: 'Prévisualiser l’import' }).click();
    const broken = page.locator('.fr-alert--error', { hasText: 'n’est pas du JSON valide' });
    await broken.waitFor();
    await expect(broken.textContent()).resolves.toMatch(/ce n'est pas du JSON valide \(ligne 4, colonne \d+\)/);
    expect(await broken.textContent()).not.toMatch(/Unexpected|JSON\.parse|position/);
    await page.screenshot({ path: screenshotPath('donnees-import-problemes'), fullPage: true });
    // A valid file: this test's mechanism renamed; the diff, then the confirmation.
    const mine = await api<{ data: Record<string, unknown> }>(suite.server, `/mechanisms/${id}`);
    const goodPath = badPath.replace('import-invalide', 'import-valide');
    writeFileSync(goodPath, JSON.stringify({ format: 'articulation/1', mechanisms: [{ ...mine.data, name: 'CLSM de La Crèche (renommé)' }] }));
    await page.setInputFiles('input[type=file]', goodPath);
    await page.getByRole('button', { name: 'Prévisualiser l’import' }).click();
    await page.waitForSelector('[data-testid=diff]');
    const updated = page.locator('[data-testid=diff] tr[data-entity=mechanisms] td').nth(1);
    await expect(updated.locator('summary').textContent()).resolves.toBe('1');
    await expect(updated.textContent()).resolves.toContain(id);
    await page.screenshot({ path: screenshotPath('donnees-import-apercu'), fullPage: true });
    await page.getByRole('button', { name: /Confirmer l’import/ }).click();
    await page.waitForSelector('.fr-alert--success');
    expect((await api<{ data: { name: string } }>(suite.server, `/mechanisms/${id}`)).data.name).toBe('CLSM de La Crèche (renommé)');
    // Export: a JSON download in the exchange format.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Exporter en JSON' }).click()]);
    const file = screenshotPath('export').replace(/\.png$/, '.json');
    await download.saveAs(file);
    expect(JSON.parse(readFileSync(file, 'utf8')).format).toBe('articulation/1');
  });

  it('journal: the administrator sees a write and undoes the last change of its record', async () => {
    const created = await clsm('clsm-e2e-journal', 'CLSM de Mauzé (essai)', '79170');
    const current = await api<{ data: Record<string, unknown> }>(suite.server, `/mechanisms/${created.id}`);
    await api(suite.server, `/mechanisms/${created.id}`, { method: 'PUT', headers: { ...json, 'If-Match': String(created.version) }, body: JSON.stringify({ ...current.data, name: 'CLSM de Mauzé (renommé)' }) });
    const page = await openPage(`journal?dispositif=${created.id}`);
    await page.waitForSelector('.app-audit__table tbody tr');
    await expect(page.locator('h1').first().textContent()).resolves.toBe('Journal des modifications');
    const row = page.locator('.app-audit__table tbody tr[data-action=update]').first();
    await expect(row.textContent()).resolves.toContain(E2E_ADMIN.email);
    await page.screenshot({ path: screenshotPath('journal'), fullPage: false });
    // The record by its name, what changed field by field, in French: no id, no JSON.
    await expect(row.locator('td').nth(4).textContent()).resolves.toBe('Dispositif « CLSM de Mauzé (renommé) »');
    await expect(row.locator('.app-changes').textContent()).resolves.toBe('Nom : CLSM de Mauzé (essai) → CLSM de Mauzé (renommé)');
    expect(await row.textContent()).not.toContain(created.id);
    // « Annuler » asks first, and says what it will restore; nothing is undone until confirmed.
    await row.getByRole('button', { name: /^Annuler la modification/ }).click();
    await expect(page.locator('[data-testid=annulation]').textContent()).resolves.toBe('La fiche dispositif « CLSM de Mauzé (renommé) » reprendra son état d’avant : Nom : CLSM de Mauzé (renommé) → CLSM de Mauzé (essai).');
    expect((await api<{ data: { name: string } }>(suite.server, `/mechanisms/${created.id}`)).data.name).toBe('CLSM de Mauzé (renommé)');
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe('Confirmer l’annulation');
    await page.getByRole('button', { name: 'Confirmer l’annulation' }).click();
    await expect(page.locator('.fr-alert--success').textContent()).resolves.toMatch(/annulée : la fiche dispositif « CLSM de Mauzé \(renommé\) » a retrouvé son état précédent/);
    expect((await api<{ data: { name: string } }>(suite.server, `/mechanisms/${created.id}`)).data.name).toBe('CLSM de Mauzé (essai)');
    // The undo is listed first, pointing to the entry it reverted; only it may be undone now.
    await page.waitForSelector('.app-audit__table tbody tr[data-action=undo]');
    await expect(page.locator('.app-audit__table tbody tr').first().getAttribute('data-action')).resolves.toBe('undo');
    const undoButton = /^Annuler la modification/;
    await expect(page.locator('.app-audit__table tbody tr[data-action=undo]').first().getByRole('button', { name: undoButton }).count()).resolves.toBe(1);
    await expect(page.locator('.app-audit__table tbody tr[data-action=update]').first().getByRole('button', { name: undoButton }).count()).resolves.toBe(0);
  });

  it('accounts: an administrator creates a reader, whose password is shown once', async () => {
    const page = await openPage('comptes');
    await page.getByRole('button', { name: 'Créer un compte' }).click();
    await page.getByRole('textbox', { name: /^Adresse électronique/ }).fill('lecteur-cree@e2e.example.fr');
    await page.getByLabel('Nom', { exact: true }).fill('Lecteur créé');
    await page.getByRole('button', { name: 'Créer le compte' }).click();
    const secret = page.locator('[data-testid=mot-de-passe]');
    await secret.waitFor();
    expect(await secret.textContent()).toMatch(/^[A-Za-z0-9]{20}$/);
    await expect(page.locator('.app-accounts__table tr[data-email="lecteur-cree@e2e.example.fr"]').textContent()).resolves.toContain('Lecteur');
    await page.screenshot({ path: screenshotPath('comptes'), fullPage: false });
  });

  it('a reader sees no editing control, and a refusal (403) is explained in French', async () => {
    const made = await api<{ password: string }>(suite.server, '/accounts', { method: 'POST', headers: json, body: JSON.stringify({ email: 'lecteur@e2e.example.fr', name: 'Lecteur de test', role: 'lecteur', generatePassword: true }) });
    const reader = await openPage(`donnees?${SCOPE}`, { email: 'lecteur@e2e.example.fr', password: made.password });
    await expect(reader.locator('[data-testid=compte]').textContent()).resolves.toBe('Lecteur de test — lecteur');
    await reader.waitForSelector('.app-data__table tbody tr');
    expect(await reader.getByRole('link', { name: 'Ajouter un dispositif' }).count()).toBe(0);
    expect(await reader.locator('.app-data__table tbody').getByRole('link', { name: /^Modifier/ }).count()).toBe(0);
    await expect(reader.locator('.app-data__table tbody tr').first().textContent()).resolves.toContain('lecture seule');
    expect(await reader.locator('.fr-nav__link[data-view=journal]').isVisible()).toBe(false);
    // A form opened by its address says why it is not offered.
    const someone = (await mechanismsOf())[0].id;
    await reader.goto(`${suite.server.url}/#/donnees?${SCOPE}&modifier=${someone}`);
    await expect(reader.locator('.fr-alert--info').textContent()).resolves.toMatch(/Votre rôle \(lecteur\) permet de consulter les données, pas de les modifier/);
    // The journal, opened by its address: the server refuses (403) and the page says why, in French.
    await reader.goto(`${suite.server.url}/#/journal`);
    const alert = reader.locator('.fr-alert--error');
    await alert.waitFor();
    await expect(alert.textContent()).resolves.toMatch(/Accès refusé : votre rôle \(lecteur\) ne permet pas de consulter le journal/);
    await expect(alert.textContent()).resolves.toMatch(/Votre rôle ou votre périmètre ne permet pas cette action/);
    await reader.screenshot({ path: screenshotPath('lecteur-refus'), fullPage: false });
  });

  it('logs out, guards every view behind the login page, refuses a wrong password, and signs back in', async () => {
    const context = await suite.browser.newContext({ locale: 'fr-FR', viewport: { width: 1440, height: 900 } });
    suite.contexts.push(context);
    const page = await context.newPage();
    page.on('pageerror', (e) => suite.pageErrors.push(e.message));
    await signIn(page, suite.server);
    await page.goto(`${suite.server.url}/#/indicateurs?${SCOPE}`);
    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    await page.waitForSelector('.app-login');
    await expect(page.locator('.fr-alert--success').textContent()).resolves.toMatch(/Vous êtes déconnecté/);
    // Every view now leads to the login page, which remembers where the user was going.
    await page.goto(`${suite.server.url}/#/avis?${SCOPE}`);
    await page.waitForSelector('.app-login');
    expect(decodeURIComponent(page.url())).toContain(`#/connexion?retour=#/avis?${SCOPE}`);
    await page.getByRole('textbox', { name: /^Adresse électronique/ }).fill(E2E_ADMIN.email);
    await page.getByLabel('Mot de passe', { exact: true }).fill('mauvais mot de passe');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await expect(page.locator('.fr-alert--error').textContent()).resolves.toMatch(/Adresse électronique ou mot de passe incorrect/);
    await page.screenshot({ path: screenshotPath('connexion'), fullPage: false });
    await page.getByLabel('Mot de passe', { exact: true }).fill(E2E_ADMIN.password);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.waitForSelector('[data-testid=avis-totaux]');
    expect(page.url()).toContain('#/avis?');
    await expect(page.locator('[data-testid=compte]').textContent()).resolves.toBe('Administrateur — administrateur');
  });

  it('works by keyboard: skip link, menu, focus on the new view’s heading, filters, search, Back', async () => {
    const page = await openPage(`reseau?${SCOPE}`);
    await networkReady(page);
    await page.keyboard.press('Tab');
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe('Contenu');
    await page.keyboard.press('Enter');
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('contenu');
    // The menu by keyboard: the view changes and the focus lands on its heading.
    await page.locator('.fr-nav__link[data-view=constats]').focus();
    await page.keyboard.press('Enter');
    await page.waitForSelector('.app-finding');
    await expect(page.evaluate(() => document.activeElement?.tagName + ':' + document.activeElement?.textContent)).resolves.toBe('H1:Constats');
    // A filter checkbox by keyboard.
    await page.getByRole('checkbox', { name: 'Erreur' }).focus();
    await page.keyboard.press('Space');
    await page.waitForFunction(() => location.hash.includes('gravite=error'));
    expect(await page.locator('.app-finding').count()).toBe(await page.locator('.app-finding[data-severity=error]').count());
    // Back (filters replace the history entry, views add one): the network again.
    await page.goBack();
    await networkReady(page);
    await expect(page.locator('h1').first().textContent()).resolves.toBe('Réseau des dispositifs');
    expect(page.url()).toContain('#/reseau?');
  });

  // ---- every view passes axe-core's WCAG 2.1 AA rules, shows no internal code (rule id, link id,
  // person id) and prints cleanly (Chromium's page.pdf read back). A new view adds one line.
  // The import assistant's screens: a workbook as an officer might fill it, chosen in Données › Import et export.
  const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  const workbook = async (sheets: Record<string, (string | null)[][]>) => {
    const book = new ExcelJS.Workbook();
    for (const [name, rows] of Object.entries(sheets)) book.addWorksheet(name).addRows(rows);
    return Buffer.from(await book.xlsx.writeBuffer());
  };
  const assistant = (sheets: Record<string, (string | null)[][]>, ...buttons: string[]) => async (page: Page) => {
    await page.waitForSelector('#import-titre');
    await page.setInputFiles('input[type=file]', { name: 'recensement.xlsx', mimeType: XLSX_TYPE, buffer: await workbook(sheets) });
    await page.waitForSelector('.app-assistant__sheet', { timeout: 30_000 });
    for (const name of buttons) {
      const button = page.getByRole('button', { name }).last();
      await button.waitFor({ timeout: 30_000 });
      await button.click();
    }
  };
  const melle = (header: string, date = '01/02/2020', name = 'CLSM de Melle (essai import)', commune = 'Melle (79)') => ({ Dispositifs: [['Type', 'Nom', 'Communes', header], ['CLSM', name, commune, date]] });
  const PREVIEW = 'Prévisualiser l’import';

  const VIEWS: [name: string, hash: string | (() => Promise<string>), ready: string, act?: (page: Page) => Promise<void>][] = [
    ['Réseau', `reseau?${SCOPE}`, '.app-network[data-state=interactive]'],
    ['Réseau, panneau ouvert', async () => `reseau?${SCOPE}&noeud=${(await clsm('clsm-e2e-panneau', 'CLSM d’Échiré (panneau)')).id}`, '.app-network__panel .app-panel__findings'],
    ['Réseau, disposition géographique', `reseau?${SCOPE}&disposition=geo`, '.app-network[data-state=interactive][data-layout=geo]'],
    ['Carte', `carte?${SCOPE}`, '.app-map[data-state=drawn]'],
    ['Carte, commune choisie', `carte?${SCOPE}&commune=79191`, '.app-map__panel .app-map__mechanism'],
    ['Carte, territoire d’un dispositif', `carte?${SCOPE}&dispositif=cls-niortais`, '.app-map__panel [data-testid=perimetre]'],
    [
      'Carte, constat situé',
      async () => {
        const { findings } = await api<{ findings: Finding[] }>(suite.server, `/findings?${SCOPE}&category=overlap`);
        return `carte?${SCOPE}&constat=${encodeURIComponent(findings.find((f) => f.data?.sharedCommunes?.length)!.id)}`;
      },
      '.app-map__panel h2:text("Constat situé sur la carte")',
    ],
    ['Thèmes', `themes?${SCOPE}`, '[data-testid=matrice-themes] tbody tr'],
    ['Thèmes autour d’un dispositif', `themes?${SCOPE}&dispositif=clsm-niort`, '[data-testid=autour]'],
    ['Département', `departement?${SCOPE}`, '.app-diagram[data-state=drawn]'],
    ['Constats', `constats?${SCOPE}`, '.app-finding'],
    ['Avis PTSM', `avis?${SCOPE}`, '[data-testid=avis-totaux]'],
    ['Échéances', `echeances?${SCOPE}`, '[data-testid=echeances-total]'],
    ['Indicateurs', `indicateurs?${SCOPE}`, '.app-chart svg rect'],
    ['Scénarios', `scenarios?${SCOPE}`, 'form.app-scenario-new'],
    ['Données', `donnees?${SCOPE}`, '.app-data__table tbody tr'],
    ['Données, personnes', `donnees?${SCOPE}&onglet=personnes`, '.app-data__table tbody tr'],
    ['Données, liens', `donnees?${SCOPE}&onglet=liens`, '.app-data__table tbody tr'],
    ['Données, dispositifs qui couvrent un lieu', `donnees?${SCOPE}&lieu=code-postal:79400`, '.app-data__table tbody tr'],
    ['Données, formulaire d’un dispositif', `donnees?${SCOPE}&nouveau=1`, 'form.app-form'],
    ['Données, dispositif coordonné', `donnees?${SCOPE}&modifier=clsm-niort`, 'form.app-form [data-field=coordinators] select'],
    [
      'Données, dispositif avec historique des statuts',
      async () => {
        const history = [{ status: 'active', from: '2018-01-01' }, { status: 'dormant', from: '2023-06-01' }];
        const { id } = await create('mechanisms', { id: 'clsm-e2e-axe-historique', kind: 'CLSM', name: 'CLSM de Chauray (essai)', status: 'dormant', statusHistory: history, territory: { communes: ['79081'] } });
        return `donnees?${SCOPE}&modifier=${id}`;
      },
      '[data-field=statusHistory] .app-row',
    ],
    ['Données, formulaire d’un avis', `donnees?${SCOPE}&onglet=liens&nouveau=1&type=avis`, 'form.app-form [data-field=response]'],
    ['Données, import et export', `donnees?${SCOPE}&onglet=import`, '#export-titre'],
    // A likely header (« Date de signature de la convention ») to check: the mapping screen.
    ['Données, assistant d’import : correspondance des colonnes', `donnees?${SCOPE}&onglet=import`, '.app-assistant__sheet tr[data-quality=likely]', assistant(melle('Date de signature de la convention'))],
    ['Données, assistant d’import : aperçu', `donnees?${SCOPE}&onglet=import`, '[data-testid=diff]', assistant(melle('Date de début'), PREVIEW)],
    [
      'Données, assistant d’import : problèmes',
      `donnees?${SCOPE}&onglet=import`,
      '[data-testid=problemes]',
      // Cells (an impossible date, an unknown commune) and a record as a whole (an avis without its stage).
      assistant({ ...melle('Date de début', '31/02/2020'), Liens: [['Type', 'De', 'Vers'], ['Avis', 'CLSM de Melle (essai import)', 'PTSM des Deux-Sèvres']] }, PREVIEW),
    ],
    ['Données, assistant d’import : import terminé', `donnees?${SCOPE}&onglet=import`, '.app-assistant .fr-alert--success', assistant(melle('Date de début', '01/09/2021', 'CLSM de Chef-Boutonne (essai import)', 'Chef-Boutonne'), PREVIEW, 'Confirmer l’import (fusion)')],
    ['Journal', 'journal', '.app-audit__table tbody tr'],
    [
      'Journal, annulation d’un import à confirmer',
      async () => {
        const mechanism = { id: 'clsm-e2e-journal-import', kind: 'CLSM', name: 'CLSM de Brioux (import)', status: 'active', territory: { communes: ['79057'] } };
        await api(suite.server, '/import?mode=merge', { method: 'POST', headers: json, body: JSON.stringify({ format: 'articulation/1', mechanisms: [mechanism] }) });
        return 'journal';
      },
      '[data-testid=annulation-import]',
      async (page) => {
        await page.waitForSelector('.app-audit__table tbody tr[data-entity=dataset][data-action=import]');
        await page.locator('.app-audit__table tbody tr[data-entity=dataset][data-action=import]').first().getByRole('button', { name: /^Annuler l’import/ }).click();
      },
    ],
    ['Comptes', 'comptes', '.app-accounts__table tbody tr'],
    ['Mon compte', 'compte', '.app-account .fr-callout'],
  ];
  const codes = internalCodes();
  for (const [name, hash, ready, act] of VIEWS) {
    it(`« ${name} » passes axe-core (WCAG 2.1 AA), shows no internal code, and prints cleanly`, async () => {
      const target = typeof hash === 'string' ? hash : await hash();
      const page = await openPage(target);
      await act?.(page);
      await page.waitForSelector(ready, { timeout: 30_000 });
      await expectAccessible(page, name);
      await expectUserWords(page, name, codes);
      if (RUN_PDF_TESTS) await expectPrintable(page, name, target.split('?')[0] as ViewId, codes);
    });
  }

  it.runIf(RUN_PDF_TESTS)('prints the findings severity first, and a table’s rows whole, never cut across two pages', async () => {
    const findings = await api<{ counts: { severity: Record<string, number> } }>(suite.server, `/findings?${SCOPE}&limit=1`);
    const page = await openPage(`constats?${SCOPE}`);
    await page.waitForSelector('.app-finding');
    const text = comparable((await printedPages(page)).join('\n'));
    const titles = [`Erreurs (${findings.counts.severity.error})`, `Avertissements (${findings.counts.severity.warning})`, `Informations (${findings.counts.severity.info})`].map(comparable);
    const positions = titles.map((t) => text.indexOf(t));
    expect(positions.every((p, i) => p > (i === 0 ? -1 : positions[i - 1])), titles.join(' < ')).toBe(true);
    // Every finding card printed, each with its fix.
    expect(await page.locator('.app-finding').count()).toBe(findings.counts.severity.error + findings.counts.severity.warning + findings.counts.severity.info);
    // A list over several pages: each row's text is on one page, the header again on each.
    for (let i = 0; i < 12; i++) await clsm(`clsm-e2e-impression-${i}`, `CLSM pour l’impression n° ${i} (essai)`, '79003');
    const list = await openPage(`donnees?${SCOPE}`);
    await list.waitForSelector('.app-data__table tbody tr');
    const rows = await list.locator('.app-data__table tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('th, td:not(.app-actions)')].map((c) => c.textContent ?? '').join(' ')));
    expect(rows.length).toBeGreaterThan(30);
    const pages = (await printedPages(list)).map(comparable);
    expect(pages.length).toBeGreaterThan(1);
    for (const row of rows) expect(pages.filter((p) => p.includes(comparable(row))).length, row).toBe(1);
    for (const p of pages) expect(p, 'en-tête du tableau sur chaque page').toContain(comparable('Nom Type Statut Territoire Période'));
  });

  it('« Connexion » passes axe-core (WCAG 2.1 AA)', async () => {
    const context = await suite.browser.newContext({ locale: 'fr-FR', viewport: { width: 1440, height: 900 } });
    suite.contexts.push(context);
    const page = await context.newPage();
    await page.goto(`${suite.server.url}/#/connexion`);
    await page.waitForSelector('.app-login form');
    await expectAccessible(page, 'Connexion');
  });

  it('the user-words and print checks find what they should: a rule id, a link id, a person id; what is printed', async () => {
    const page = await openPage(`constats?${SCOPE}`);
    await page.waitForSelector('.app-finding');
    await page.evaluate(() =>
      document.querySelector('main')!.insertAdjacentHTML('beforeend', '<p>cls-mental-health-missing</p><p>Lien avis--clsm-bressuire--ptsm-79--projet</p><p>Coordination : coord-niort</p><details><summary>Détails</summary>ptsm-avis-late</details><p>Se déconnecter</p>'),
    );
    const text = await page.evaluate(() => document.body.innerText);
    expect(codesIn(text, codes).map((line) => line.split(' : ')[0])).toEqual(['règle cls-mental-health-missing', 'identifiant de lien', 'personne coord-niort']);
    if (RUN_PDF_TESTS) expect((await printedPages(page)).join('\n')).toContain('Se déconnecter');
  });

  it('the axe-core check finds what it should: an image without text, a field without a label, too little contrast', async () => {
    const context = await suite.browser.newContext({ locale: 'fr-FR' });
    suite.contexts.push(context);
    const page = await context.newPage();
    await page.goto(`${suite.server.url}/#/connexion`);
    await page.waitForSelector('.app-login form');
    await page.evaluate(() => document.querySelector('main')!.insertAdjacentHTML('beforeend', '<img src="data:,"><input type="text"><p style="color:#ddd;background:#fff">pâle</p>'));
    const found = (await axeViolations(page)).map((v) => v.split(' ')[0]);
    expect(found).toEqual(expect.arrayContaining(['image-alt', 'label', 'color-contrast']));
  });
});
