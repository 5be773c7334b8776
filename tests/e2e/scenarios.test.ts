// Scenarios in real Chromium, on the demo data (a server of its own): create a scenario, add a
// CLSM to it through the form (Parthenay, whose CLSM is dormant), see the findings it resolves
// and the commune it covers in the comparison, see every view carry the scenario's banner and
// its state, then apply it: the real data then holds the CLSM. axe-core on each new screen.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import type { Finding } from '../../model/rules/types.ts';
import { expectAccessible } from './accessibility.ts';
import { api, buildClient, describeInChromium, launchBrowser, screenshotPath, signedInContext, startServer, type RunningServer } from './harness.ts';

/** After the CLSM's planned opening (2026-03-01): a future reference date. */
const AS_OF = '2027-06-01';
const SCOPE = `departement=79&asOf=${AS_OF}`;
const RESOLVED = 'cls-without-clsm:cls-gatine';

describeInChromium('scenarios in Chromium (demo data)', () => {
  let server: RunningServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    await buildClient();
    server = await startServer({ seed: 'demo' });
    browser = await launchBrowser();
  }, 120_000);

  afterEach(async () => {
    for (const context of contexts.splice(0)) await context.close();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    expect(pageErrors, 'erreurs JavaScript dans les pages').toEqual([]);
  });

  async function openPage(hash: string): Promise<Page> {
    const context = await signedInContext(browser, server);
    contexts.push(context);
    const page = await context.newPage();
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(`${server.url}/#/${hash}`);
    return page;
  }
  const findingIds = async (query = '') => (await api<{ findings: Finding[] }>(server, `/findings?${SCOPE}&limit=10000${query}`)).findings.map((f) => f.id);

  it('creates a scenario adding a CLSM, shows the findings it resolves and its state in every view, then applies it', async () => {
    expect(await findingIds()).toContain(RESOLVED);
    const page = await openPage(`scenarios?${SCOPE}`);
    page.setDefaultTimeout(20_000);
    await page.waitForSelector('form.app-scenario-new');
    await expectAccessible(page, 'Scénarios');
    await page.locator('form.app-scenario-new input[name=nom]').fill('Relancer un CLSM en Gâtine');
    await page.getByRole('button', { name: 'Nouveau scénario' }).click();
    await page.waitForSelector('h1:has-text("Relancer un CLSM en Gâtine")');
    const id = new URL(page.url()).hash.match(/id=(\d+)/)![1];

    // The CLSM, by the form: on Parthenay, active from 1 March 2026 (in preparation until then).
    const form = page.locator('form', { has: page.locator('h3', { hasText: 'Créer un dispositif' }) });
    await form.waitFor();
    await form.locator('select[name=type]').selectOption('CLSM');
    await form.locator('input[name=nom]').fill('CLSM de Parthenay-Gâtine (relance)');
    await form.locator('input[name=communes]').fill('79202');
    await form.locator('input[name=debut]').fill('2026-03-01');
    await form.getByRole('button', { name: 'Créer un dispositif' }).click();
    await page.waitForSelector('td:has-text("Créer le dispositif « CLSM de Parthenay-Gâtine (relance) » (CLSM), actif à partir du 01/03/2026")');

    // The comparison at the future date: the CLS of Gâtine no longer lacks a CLSM; Parthenay is covered.
    const resolved = page.locator('[data-testid=constats-leves]');
    await resolved.waitFor({ timeout: 30_000 });
    expect(await resolved.textContent()).toContain('CLS de Parthenay-Gâtine');
    const communes = page.locator('[data-testid=communes-couverture]');
    expect(await communes.textContent()).toMatch(/Parthenay.*79202.*CLSM/);
    expect(await page.locator('[data-testid=indicateurs-avant-apres]').textContent()).toMatch(/→/);
    await expectAccessible(page, 'Scénario, comparaison');
    await page.screenshot({ path: screenshotPath('scenario'), fullPage: true });
    // Nothing is written yet.
    expect(await findingIds()).toContain(RESOLVED);

    // Every view inside the scenario: the banner, and the scenario's state (the finding is gone from Constats).
    await page.getByRole('link', { name: 'Voir les vues dans ce scénario' }).click();
    await page.waitForSelector('.app-scenario-banner:not([hidden])');
    expect(await page.locator('.app-scenario-banner').textContent()).toContain('Vous consultez le scénario « Relancer un CLSM en Gâtine »');
    await page.goto(`${server.url}/#/constats?${SCOPE}&scenario=${id}`);
    await page.waitForSelector('.app-finding');
    expect(await page.locator('.app-scenario-banner').isVisible()).toBe(true);
    expect(await page.locator('main').textContent()).not.toContain('ne compte aucun CLSM');
    await expectAccessible(page, 'Constats dans un scénario');
    // The map: in the scenario, Parthenay turns covered by a CLSM, and is outlined among the communes it changes.
    const coveredOnMap = async (hash: string) => {
      await page.goto(`${server.url}/#/${hash}`);
      await page.waitForSelector('.app-map[data-state=drawn]', { timeout: 60_000 });
      return page.locator('[data-testid=tableau-carte] tr[data-code="79202"]').getAttribute('data-covered');
    };
    expect(await coveredOnMap(`carte?${SCOPE}`)).toBe('false');
    expect(await coveredOnMap(`carte?${SCOPE}&scenario=${id}`)).toBe('true');
    await page.waitForSelector('.app-map[data-scenario-changes="1"]');
    expect(await page.locator('[data-testid=changements-scenario]').textContent()).toMatch(/Parthenay.*CLSM/);
    expect(await page.locator('.app-scenario-banner').isVisible()).toBe(true);
    await expectAccessible(page, 'Carte dans un scénario');
    await page.screenshot({ path: screenshotPath('scenario-carte') });
    // Thèmes, in the scenario too.
    await page.goto(`${server.url}/#/themes?${SCOPE}&scenario=${id}`);
    await page.waitForSelector('[data-testid=matrice-themes] tbody tr');
    expect(await page.locator('.app-scenario-banner').isVisible()).toBe(true);
    // Leaving it: the real data again, without the banner.
    await page.locator('[data-testid=quitter-scenario]').click();
    await page.waitForFunction(() => !location.hash.includes('scenario='));
    expect(await page.locator('.app-scenario-banner').isHidden()).toBe(true);

    // Applying it writes the CLSM into the real data.
    await page.goto(`${server.url}/#/scenarios?${SCOPE}&id=${id}`);
    await page.getByRole('button', { name: 'Appliquer le scénario' }).click();
    await page.getByRole('button', { name: 'Confirmer : appliquer aux données réelles' }).click();
    await page.waitForSelector('.fr-alert--success:has-text("Scénario appliqué")');
    expect(await findingIds()).not.toContain(RESOLVED);
    const mechanisms = await api<{ items: { data: { name: string } }[] }>(server, '/mechanisms?q=relance');
    expect(mechanisms.items.map((m) => m.data.name)).toEqual(['CLSM de Parthenay-Gâtine (relance)']);
    await page.waitForSelector('.fr-badge:has-text("Appliqué le")');
  }, 180_000);
});
