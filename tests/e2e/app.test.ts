// End-to-end, in real Chromium: the built client served by the real server on the demo data.
// Skipped, with a message, when Debian's Chromium is not installed (CI installs it).
// Screenshots of each view go to tests/screenshots/ (git-ignored).
import { readFileSync, writeFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AvisChecklist } from '../../model/avis.ts';
import type { Finding } from '../../model/rules/types.ts';
import type { GraphView } from '../../model/views.ts';
import { resolvePalette } from '../../client/src/lib/colors.ts';
import { api, buildClient, chromiumPath, E2E_ADMIN, launchBrowser, pixelStats, screenshotPath, signIn, startServer, type RunningServer } from './harness.ts';

const CHROMIUM = chromiumPath();
if (!CHROMIUM) {
  console.warn('[e2e] Chromium introuvable (/usr/bin/chromium ou CHROMIUM_PATH) : tests navigateur ignorés. Installez-le avec « apt-get install chromium ».');
}

const AS_OF = '2025-06-01';
const SCOPE = `departement=79&asOf=${AS_OF}`;
const palette = resolvePalette();

describe.skipIf(!CHROMIUM)('application in Chromium (demo data, Deux-Sèvres)', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];
  let readerPassword = '';

  beforeAll(async () => {
    await buildClient();
    server = await startServer({ seed: 'demo' });
    browser = await launchBrowser();
    page = await browser.newPage({ locale: 'fr-FR', viewport: { width: 1440, height: 900 }, acceptDownloads: true });
    page.on('pageerror', (e) => pageErrors.push(e.message));
    // Access control is on: sign in as the administrator, through the login screen.
    await signIn(page, server);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const open = async (hash: string) => {
    await page.goto(`${server.url}/#/${hash}`);
  };
  const networkReady = () => page.waitForSelector('.app-network[data-state=interactive]', { timeout: 30_000 });
  const canvasShot = async () => (await page.locator('.app-network__canvas').screenshot()) as Buffer;

  it('loads the demo data in the network view', async () => {
    const graph = await api<GraphView>(server, `/graph?${SCOPE}`);
    const mechanisms = graph.nodes.filter((n) => n.type === 'mechanism').length;
    expect(mechanisms).toBeGreaterThan(5);
    await open(`reseau?${SCOPE}`);
    await networkReady();
    await expect(page.locator('h1').first().textContent()).resolves.toBe('Réseau des dispositifs');
    const summary = await page.locator('.app-network__summary').textContent();
    expect(summary).toContain(`${mechanisms} dispositifs affichés sur ${mechanisms}`);
    expect(await page.locator('.app-network').getAttribute('data-visible-nodes')).toBe(String(mechanisms));
    await expect(page.title()).resolves.toContain('Deux-Sèvres');
    await page.screenshot({ path: screenshotPath('reseau') });
  });

  it('draws the graph: the sigma canvas is not blank', async () => {
    const stats = await pixelStats(page, await canvasShot(), { ptsm: palette.kind.PTSM, clsm: palette.kind.CLSM, cls: palette.kind.CLS });
    expect(stats.width).toBeGreaterThan(400);
    expect(stats.ink / (stats.width * stats.height)).toBeGreaterThan(0.01);
    expect(stats.matches.ptsm).toBeGreaterThan(50);
    expect(stats.matches.clsm).toBeGreaterThan(50);
    expect(stats.matches.cls).toBeGreaterThan(50);
  });

  it('redraws when a filter changes', async () => {
    const graph = await api<GraphView>(server, `/graph?${SCOPE}`);
    const clsm = graph.nodes.filter((n) => n.kind === 'CLSM').length;
    const before = await pixelStats(page, await canvasShot(), { ptsm: palette.kind.PTSM, clsm: palette.kind.CLSM });
    await page.locator('label', { hasText: /^CLSM/ }).first().click();
    await page.waitForSelector(`.app-network[data-visible-nodes="${clsm}"]`);
    await page.waitForTimeout(300);
    expect(page.url()).toContain('types=CLSM');
    const after = await pixelStats(page, await canvasShot(), { ptsm: palette.kind.PTSM, clsm: palette.kind.CLSM });
    expect(after.matches.ptsm).toBeLessThan(before.matches.ptsm / 10);
    expect(after.matches.clsm).toBeGreaterThan(50);
    expect(after.ink).toBeLessThan(before.ink);
    await page.screenshot({ path: screenshotPath('reseau-filtre-clsm') });
    // Back to every kind.
    await page.locator('label', { hasText: /^CLSM/ }).first().click();
    await page.waitForSelector(`.app-network[data-visible-nodes="${graph.nodes.filter((n) => n.type === 'mechanism').length}"]`);
  });

  it('opens the side panel when a node is clicked', async () => {
    const target = 'clsm-bressuire';
    const graph = await api<GraphView>(server, `/graph?${SCOPE}`);
    const label = graph.nodes.find((n) => n.id === target)!.label;
    const position = await page.evaluate((id) => (window as unknown as { __articulationNetwork: { nodeViewportPosition(id: string): { x: number; y: number } | null } }).__articulationNetwork.nodeViewportPosition(id), target);
    expect(position).not.toBeNull();
    const box = (await page.locator('.app-network__canvas').boundingBox())!;
    await page.mouse.move(box.x + position!.x, box.y + position!.y);
    await page.waitForTimeout(100);
    await page.mouse.click(box.x + position!.x, box.y + position!.y);
    const panel = page.locator('.app-network__panel .app-panel');
    await panel.waitFor({ state: 'visible' });
    await expect(panel.locator('h2').textContent()).resolves.toBe(label);
    expect(page.url()).toContain(`noeud=${target}`);
    await panel.locator('.app-panel__findings li').first().waitFor();
    await expect(panel.getByRole('link', { name: 'Modifier' }).getAttribute('href')).resolves.toContain(`modifier=${target}`);
    await page.screenshot({ path: screenshotPath('reseau-panneau') });
    // Escape closes it.
    await page.keyboard.press('Escape');
    await page.waitForSelector('.app-network__panel', { state: 'hidden' });
  });

  it('searches without accents and moves to the node', async () => {
    await page.getByRole('combobox', { name: /Rechercher un dispositif/ }).fill('gatine');
    const option = page.locator('.app-combo__option').first();
    await option.waitFor();
    await expect(option.textContent()).resolves.toMatch(/Gâtine/);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.waitForSelector('.app-network__panel .app-panel');
    expect(page.url()).toMatch(/noeud=[a-z-]*gatine|noeud=[a-z-]*parthenay/);
  });

  it('shows the demo PTSM’s avis checklist with the API’s counts', async () => {
    const checklist = await api<AvisChecklist>(server, `/ptsm/ptsm-79/avis?asOf=${AS_OF}`);
    expect(checklist.totals.all.expected).toBeGreaterThan(0);
    await open(`avis?${SCOPE}&ptsm=ptsm-79`);
    await page.waitForSelector('[data-testid=avis-totaux]');
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
    expect(download.suggestedFilename()).toBe(`avis-ptsm-79-${AS_OF}.csv`);
  });

  it('creating the missing link in the form makes its finding disappear', async () => {
    const { findings } = await api<{ findings: Finding[] }>(server, `/findings?${SCOPE}&rule=ptsm-avis-missing`);
    const missing = findings.find((f) => f.fix.link?.kind === 'avis');
    expect(missing, 'the demo has a missing avis').toBeDefined();
    const link = missing!.fix.link!;
    await open(`constats?${SCOPE}&regle=ptsm-avis-missing`);
    const card = page.locator('.app-finding', { has: page.locator(`a[href*="de=${link.from}"]`) }).first();
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
    const after = await api<{ findings: Finding[] }>(server, `/findings?${SCOPE}&rule=ptsm-avis-missing`);
    expect(after.findings.map((f) => f.id)).not.toContain(missing!.id);
    // Its reservations are answered: no ptsm-avis-reserves finding for it.
    const reserves = await api<{ findings: Finding[] }>(server, `/findings?${SCOPE}&rule=ptsm-avis-reserves&subject=${link.from}`);
    expect(reserves.findings.filter((f) => f.subjects[1] === link.to)).toEqual([]);
    await open(`constats?${SCOPE}`);
    await page.waitForSelector('.app-finding');
    expect(await page.locator(`.app-finding[data-rule=ptsm-avis-missing] a[href*="de=${link.from}"][href*="vers=${link.to}"]`).count()).toBe(0);
  });

  it('renders the département diagram and exports it as PNG', async () => {
    await open(`departement?${SCOPE}`);
    await page.waitForSelector('.app-diagram[data-state=drawn]', { timeout: 30_000 });
    await page.waitForTimeout(300);
    const shot = (await page.locator('.app-diagram__canvas').screenshot()) as Buffer;
    const stats = await pixelStats(page, shot, { received: palette.avis.received, missing: palette.avis.missing, ptsm: palette.kind.PTSM });
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

  it('shows indicators and the data lists', async () => {
    await open(`indicateurs?${SCOPE}`);
    await page.waitForSelector('.app-chart svg rect');
    // The Deux-Sèvres and France; each denominator explained; the yearly series as a line chart with its table.
    expect(await page.locator('.app-indicators tbody tr').count()).toBe(2);
    await expect(page.locator('.app-indicators tbody tr[data-code=FR] th').textContent()).resolves.toBe('France entière');
    expect(await page.locator('.app-indicators thead .fr-btn--tooltip').count()).toBe(3);
    await expect(page.locator('[data-testid=denominateurs]').textContent()).resolves.toContain('renseignée');
    await page.waitForSelector('.app-series polyline');
    expect(await page.locator('[data-testid=serie-annuelle] tbody tr').count()).toBe(2025 - 2012 + 1);
    await page.screenshot({ path: screenshotPath('indicateurs'), fullPage: true });
    await open(`donnees?${SCOPE}`);
    await page.waitForSelector('.app-data__table tbody tr');
    await page.screenshot({ path: screenshotPath('donnees') });
    // The dated statuses of the CLSM of Parthenay, dormant since 2024, in its form.
    await open(`donnees?${SCOPE}&modifier=clsm-parthenay`);
    await page.waitForSelector('form.app-form');
    expect(await page.locator('[data-field=statusHistory] .app-row').count()).toBe(2);
    await expect(page.locator('[data-field=statusHistory] select').nth(1).inputValue()).resolves.toBe('dormant');
    await open(`donnees?${SCOPE}&modifier=clsm-bressuire`);
    await page.waitForSelector('form.app-form');
    // As-you-type validation with the server's schema, in French, next to the field.
    await page.getByLabel('Réunions du COPIL par an').fill('deux');
    await expect(page.locator('[data-field="governance.copil.meetingsPerYear"] .fr-error-text').textContent()).resolves.toBe('doit être un nombre');
    await page.screenshot({ path: screenshotPath('donnees-formulaire'), fullPage: true });
  });

  it('explains a stale edit (409) and offers to reload', async () => {
    await open(`donnees?${SCOPE}&onglet=personnes`);
    await page.waitForSelector('.app-data__table tbody tr');
    const id = await page.locator('.app-data__table tbody tr').first().getAttribute('data-id');
    await open(`donnees?${SCOPE}&onglet=personnes&modifier=${id}`);
    await page.waitForSelector('form.app-form');
    // Someone else saves the same person meanwhile.
    const current = await api<{ version: number; data: Record<string, unknown> }>(server, `/people/${id}`);
    await api(server, `/people/${id}`, { method: 'PUT', headers: { 'Content-Type': 'application/json', 'If-Match': String(current.version) }, body: JSON.stringify({ ...current.data, label: 'Modifié ailleurs' }) });
    await page.getByLabel('Libellé *').fill('Ma modification');
    await page.getByRole('button', { name: 'Enregistrer les modifications' }).click();
    const alert = page.locator('.fr-alert--warning');
    await alert.waitFor();
    await expect(alert.textContent()).resolves.toMatch(/modifié cette fiche/);
    await page.screenshot({ path: screenshotPath('donnees-conflit'), fullPage: true });
    await alert.getByRole('button', { name: 'Recharger la version actuelle' }).click();
    await expect(page.getByLabel('Libellé *').inputValue()).resolves.toBe('Modifié ailleurs');
  });

  it('previews an import (problems with their paths, then the diff) and exports', async () => {
    const bad = { format: 'articulation/1', mechanisms: [{ id: 'Mauvais Id', kind: 'CLSX', name: 'x', status: 'active', territory: { communes: ['99999'] } }] };
    const badPath = screenshotPath('import-invalide').replace(/\.png$/, '.json');
    writeFileSync(badPath, JSON.stringify(bad));
    const dry = await api<{ problemCount: number }>(server, '/import?mode=merge&dryRun=true', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(bad) });
    await open(`donnees?${SCOPE}&onglet=import`);
    await page.setInputFiles('input[type=file]', badPath);
    await page.getByRole('button', { name: 'Prévisualiser l’import' }).click();
    await page.waitForSelector('.app-import__problems');
    expect(await page.locator('.app-import__problems tbody tr').count()).toBe(dry.problemCount);
    await expect(page.locator('.app-import__problems tbody').textContent()).resolves.toContain('mechanisms[0].territory.communes[0]');
    await page.screenshot({ path: screenshotPath('donnees-import-problemes'), fullPage: true });
    // A valid file: the diff, then the confirmation.
    const exported = await api<{ mechanisms: { id: string; name: string }[] }>(server, '/export?format=json');
    exported.mechanisms[0] = { ...exported.mechanisms[0], name: `${exported.mechanisms[0].name} (renommé)` };
    const goodPath = badPath.replace('import-invalide', 'import-valide');
    writeFileSync(goodPath, JSON.stringify(exported));
    await page.setInputFiles('input[type=file]', goodPath);
    await page.getByRole('button', { name: 'Prévisualiser l’import' }).click();
    await page.waitForSelector('[data-testid=diff]');
    // Mechanisms: 0 created, 3 updated (their ids listed under the count): the renamed one, and the two
    // CPTS whose aged commune codes the export wrote as the current ones (DOMAIN.md §5).
    await expect(page.locator('[data-testid=diff] tr[data-entity=mechanisms] td').nth(1).locator('summary').textContent()).resolves.toBe('3');
    await expect(page.locator('[data-testid=diff] tr[data-entity=mechanisms] td').nth(1).textContent()).resolves.toContain(exported.mechanisms[0].id);
    await page.screenshot({ path: screenshotPath('donnees-import-apercu'), fullPage: true });
    await page.getByRole('button', { name: /Confirmer l’import/ }).click();
    await page.waitForSelector('.fr-alert--success');
    const after = await api<{ data: { name: string } }>(server, `/mechanisms/${exported.mechanisms[0].id}`);
    expect(after.data.name).toContain('(renommé)');
    // Export: a JSON download in the exchange format.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Exporter en JSON' }).click()]);
    const file = screenshotPath('export').replace(/\.png$/, '.json');
    await download.saveAs(file);
    expect(JSON.parse(readFileSync(file, 'utf8')).format).toBe('articulation/1');
  });

  // ---- access control: journal, accounts, a reader's view, logout and login

  it('journal: the administrator sees every write and undoes the last change of a record', async () => {
    await open('journal');
    await page.waitForSelector('.app-audit__table tbody tr');
    await expect(page.locator('h1').first().textContent()).resolves.toBe('Journal des modifications');
    // The import of the previous test renamed a mechanism: its entry is there, by the administrator.
    const row = page.locator('.app-audit__table tbody tr[data-entity=mechanisms][data-action=import]', { hasText: 'ptsm-79' }).first();
    await expect(row.textContent()).resolves.toContain('admin@localhost');
    const id = (await row.locator('td').nth(4).locator('code').textContent())!;
    expect((await api<{ data: { name: string } }>(server, `/mechanisms/${id}`)).data.name).toContain('(renommé)');
    await page.screenshot({ path: screenshotPath('journal'), fullPage: false });
    await row.getByRole('button', { name: /^Annuler la modification/ }).click();
    await expect(page.locator('.fr-alert--success').textContent()).resolves.toMatch(/annulée/);
    expect((await api<{ data: { name: string } }>(server, `/mechanisms/${id}`)).data.name).not.toContain('(renommé)');
    // Filter by mechanism: the undo is listed first, pointing to the entry it reverted.
    await open(`journal?dispositif=${id}`);
    await page.waitForSelector('.app-audit__table tbody tr');
    await expect(page.locator('.app-audit__table tbody tr').first().getAttribute('data-action')).resolves.toBe('undo');
    // Only a record's last change can be undone: the undo offers it, the reverted import no longer does.
    const undoButton = /^Annuler la modification/;
    await expect(page.locator('.app-audit__table tbody tr[data-action=undo]').first().getByRole('button', { name: undoButton }).count()).resolves.toBe(1);
    await expect(page.locator('.app-audit__table tbody tr[data-action=import]').first().getByRole('button', { name: undoButton }).count()).resolves.toBe(0);
  });

  it('accounts: an administrator creates a reader, whose password is shown once', async () => {
    await open('comptes');
    await page.getByRole('button', { name: 'Créer un compte' }).click();
    await page.getByRole('textbox', { name: /^Adresse électronique/ }).fill('lecteur@e2e.example.fr');
    await page.getByLabel('Nom', { exact: true }).fill('Lecteur de test');
    await page.getByRole('button', { name: 'Créer le compte' }).click();
    const secret = page.locator('[data-testid=mot-de-passe]');
    await secret.waitFor();
    readerPassword = (await secret.textContent())!;
    expect(readerPassword).toMatch(/^[A-Za-z0-9]{20}$/);
    await expect(page.locator('.app-accounts__table tr[data-email="lecteur@e2e.example.fr"]').textContent()).resolves.toContain('Lecteur');
    await page.screenshot({ path: screenshotPath('comptes'), fullPage: false });
  });

  it('a reader sees no editing control, and a refusal (403) is explained in French', async () => {
    const context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1440, height: 900 } });
    const reader = await context.newPage();
    reader.on('pageerror', (e) => pageErrors.push(e.message));
    try {
      await signIn(reader, server, 'lecteur@e2e.example.fr', readerPassword);
      await expect(reader.locator('[data-testid=compte]').textContent()).resolves.toBe('Lecteur de test — lecteur');
      await reader.goto(`${server.url}/#/donnees?${SCOPE}`);
      await reader.waitForSelector('.app-data__table tbody tr');
      expect(await reader.getByRole('link', { name: 'Ajouter un dispositif' }).count()).toBe(0);
      expect(await reader.locator('.app-data__table tbody').getByRole('link', { name: /^Modifier/ }).count()).toBe(0);
      await expect(reader.locator('.app-data__table tbody tr').first().textContent()).resolves.toContain('lecture seule');
      expect(await reader.locator('.fr-nav__link[data-view=journal]').isVisible()).toBe(false);
      // A form opened by its address says why it is not offered.
      await reader.goto(`${server.url}/#/donnees?${SCOPE}&modifier=clsm-bressuire`);
      await expect(reader.locator('.fr-alert--info').textContent()).resolves.toMatch(/Votre rôle \(lecteur\) permet de consulter les données, pas de les modifier/);
      // The journal, opened by its address: the server refuses (403) and the page says why, in French.
      await reader.goto(`${server.url}/#/journal`);
      const alert = reader.locator('.fr-alert--error');
      await alert.waitFor();
      await expect(alert.textContent()).resolves.toMatch(/Accès refusé : votre rôle \(lecteur\) ne permet pas de consulter le journal/);
      await expect(alert.textContent()).resolves.toMatch(/Votre rôle ou votre périmètre ne permet pas cette action/);
      await reader.screenshot({ path: screenshotPath('lecteur-refus'), fullPage: false });
    } finally {
      await context.close();
    }
  });

  it('logs out, guards every view behind the login page, refuses a wrong password, and signs back in', async () => {
    await open(`indicateurs?${SCOPE}`);
    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    await page.waitForSelector('.app-login');
    await expect(page.locator('.fr-alert--success').textContent()).resolves.toMatch(/Vous êtes déconnecté/);
    // Every view now leads to the login page, which remembers where the user was going.
    await open(`avis?${SCOPE}&ptsm=ptsm-79`);
    await page.waitForSelector('.app-login');
    expect(decodeURIComponent(page.url())).toContain(`#/connexion?retour=#/avis?${SCOPE}&ptsm=ptsm-79`);
    await page.getByRole('textbox', { name: /^Adresse électronique/ }).fill('admin@localhost');
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

  it('raised no uncaught error in the page', () => {
    expect(pageErrors).toEqual([]);
  });
});

// Where Chromium is missing, say so in the report rather than only in the log.
if (!CHROMIUM) {
  describe('application in Chromium', () => {
    it.skip('ignoré : Chromium introuvable (apt-get install chromium, ou CHROMIUM_PATH)', () => {});
  });
}
