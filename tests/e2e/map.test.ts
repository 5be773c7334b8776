// End-to-end, in real Chromium: the Carte and Thèmes views, place search and the network's
// geographic layout, on the demo data (Deux-Sèvres), against the API's own answers. Its own
// server, so that it runs beside tests/e2e/app.test.ts; each test creates what it changes. The
// Carte and Thèmes views' axe, words and print checks are rows of app.test.ts's per-view table.
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { resolvePalette } from '../../client/src/lib/colors.ts';
import { boundsOf, decodeLayer, fitProjection, geometryCentre, type GeoTopology } from '../../model/geo.ts';
import type { Finding } from '../../model/rules/types.ts';
import { expectAccessible } from './accessibility.ts';
import { api, browserSuite, describeInChromium, pixelStats, screenshotPath } from './harness.ts';

const AS_OF = '2025-06-01';
const SCOPE = `departement=79&asOf=${AS_OF}`;
const palette = resolvePalette();
const COLOURS = { covered: palette.map.covered, uncovered: palette.map.uncovered };

interface Coverage {
  communes: string[];
  counts: Record<string, number[]>;
  firstYear: number;
}
interface PlaceAnswer {
  place: { communes: { code: string }[] };
  mechanisms: { id: string; communes: string[] }[];
}

describeInChromium('map, themes and places in Chromium (demo data, Deux-Sèvres)', () => {
  const suite = browserSuite({ seed: 'demo' });
  const openPage = (hash: string) => suite.openPage(hash);
  const json = { 'Content-Type': 'application/json' };
  const mapDrawn = (page: Page, extra = '') => page.waitForSelector(`.app-map[data-state=drawn]${extra}`, { timeout: 30_000 });
  const mapShot = async (page: Page) => pixelStats(page, (await page.locator('.app-map__canvas').screenshot()) as Buffer, COLOURS);
  const coverage = (asOf = AS_OF) => api<Coverage>(suite.server, `/coverage?departement=79&asOf=${asOf}`);
  const placeIds = async (type: string, code: string) => (await api<PlaceAnswer>(suite.server, `/places/${type}/${code}/mechanisms?asOf=${AS_OF}`)).mechanisms.map((m) => m.id);
  const panelIds = (page: Page) => page.locator('.app-map__panel .app-map__mechanism').evaluateAll((items) => items.map((li) => (li as HTMLElement).dataset.id));

  /** Where a commune's centre is drawn on the canvas (the same fitted projection as the view). */
  async function communePoint(page: Page, code: string): Promise<{ x: number; y: number }> {
    const layer = decodeLayer((await api<GeoTopology>(suite.server, '/geo/communes/79.json')) as GeoTopology);
    const canvas = page.locator('.app-map__canvas');
    const box = (await canvas.boundingBox())!;
    const [width, height] = (await canvas.evaluate((el) => [el.clientWidth, el.clientHeight])) as [number, number];
    const projection = fitProjection(boundsOf(layer), width, height, 12);
    const [x, y] = projection.project(geometryCentre(layer.features.find((f) => f.id === code)!.geometry));
    return { x: box.x + x, y: box.y + y };
  }

  it('draws the Deux-Sèvres’ 250-odd communes, covered and zones blanches in their colours, with the table beside it', async () => {
    const cov = await coverage();
    const page = await openPage(`carte?${SCOPE}`);
    await mapDrawn(page);
    const drawn = Number(await page.locator('.app-map').getAttribute('data-communes'));
    expect(drawn).toBeGreaterThan(240);
    expect(drawn).toBeLessThan(270);
    const stats = await mapShot(page);
    const covered = cov.counts.CLSM.filter((n) => n > 0).length;
    expect(covered).toBeGreaterThan(10);
    expect(stats.matches.covered, 'pixels des communes couvertes').toBeGreaterThan(5_000);
    expect(stats.matches.uncovered, 'pixels des zones blanches').toBeGreaterThan(5_000);
    // Far more zones blanches than covered communes in the demo: so are their pixels.
    expect(stats.matches.uncovered).toBeGreaterThan(stats.matches.covered);
    // The table: one row per commune, as many covered as the API says.
    expect(await page.locator('[data-testid=tableau-carte] tbody tr').count()).toBe(cov.communes.length);
    expect(await page.locator('[data-testid=tableau-carte] tbody tr[data-covered=true]').count()).toBe(covered);
    await expect(page.locator('.app-map__attribution').textContent()).resolves.toMatch(/IGN – Admin Express COG 2018.*Ville de Paris/);
    await expect(page.locator('[data-testid=legende]').textContent()).resolves.toContain('Zones blanches (sans CLSM actif)');
    await page.screenshot({ path: screenshotPath('carte'), fullPage: true });
  });

  it('a change of colouring repaints without loading anything', async () => {
    const page = await openPage(`carte?${SCOPE}`);
    await mapDrawn(page);
    let requests = 0;
    page.on('request', (r) => void (/\/api\/(coverage|geo)/.test(r.url()) && requests++));
    const before = await mapShot(page);
    const paints = Number(await page.locator('.app-map').getAttribute('data-paints'));
    await page.getByLabel('Colorier selon').selectOption('PTSM');
    await page.waitForSelector('.app-map[data-mode=PTSM][data-repaint-ms]');
    expect(Number(await page.locator('.app-map').getAttribute('data-paints'))).toBe(paints + 1);
    expect(requests).toBe(0);
    // The whole département has a PTSM: no orange left.
    const after = await mapShot(page);
    expect(after.matches.uncovered).toBeLessThan(before.matches.uncovered / 20);
    expect(after.matches.covered).toBeGreaterThan(before.matches.covered * 2);
  });

  it('adding a CLSM in Données turns its commune from zone blanche to covered', async () => {
    const melle = '79174';
    expect((await coverage()).counts.CLSM[(await coverage()).communes.indexOf(melle)]).toBe(0);
    const page = await openPage(`carte?${SCOPE}`);
    await mapDrawn(page);
    await expect(page.locator(`[data-testid=tableau-carte] tr[data-code="${melle}"]`).getAttribute('data-covered')).resolves.toBe('false');
    const before = await mapShot(page);
    await page.goto(`${suite.server.url}/#/donnees?${SCOPE}&nouveau=1`);
    await page.waitForSelector('form.app-form');
    await page.getByLabel('Type *').selectOption('CLSM');
    await page.getByLabel('Statut *').selectOption('active');
    await page.getByLabel('Nom *').fill('CLSM de Melle (carte)');
    await page.getByRole('combobox', { name: /Ajouter une commune, un EPCI ou un département/ }).fill('Melle');
    await page.locator('.app-combo__option', { hasText: `commune ${melle}` }).first().click();
    await page.getByRole('button', { name: 'Créer un dispositif' }).click();
    await page.waitForSelector('.fr-alert--success');
    await page.goto(`${suite.server.url}/#/carte?${SCOPE}`);
    await mapDrawn(page);
    await expect(page.locator(`[data-testid=tableau-carte] tr[data-code="${melle}"]`).getAttribute('data-covered')).resolves.toBe('true');
    const after = await mapShot(page);
    expect(after.matches.covered).toBeGreaterThan(before.matches.covered + 200);
    expect(after.matches.uncovered).toBeLessThan(before.matches.uncovered - 200);
    // On the map itself: Melle's centre is now painted in the covered colour.
    const point = await communePoint(page, melle);
    const box = (await page.locator('.app-map__canvas').boundingBox())!;
    const pixel = await pixelStats(page, (await page.screenshot({ clip: { x: point.x - 1, y: point.y - 1, width: 3, height: 3 } })) as Buffer, COLOURS);
    expect(pixel.matches.covered, `pixel de Melle (${Math.round(point.x - box.x)}, ${Math.round(point.y - box.y)})`).toBeGreaterThan(0);
  });

  it('clicking a commune lists the mechanisms covering it, as the API does, with links to their cards', async () => {
    const page = await openPage(`carte?${SCOPE}`);
    await mapDrawn(page);
    const niort = await communePoint(page, '79191');
    await page.mouse.click(niort.x, niort.y);
    await page.waitForSelector('.app-map__panel .app-map__mechanism');
    expect(page.url()).toContain('commune=79191');
    await expect(page.locator('.app-map__panel h2').textContent()).resolves.toBe('Niort');
    const expected = await placeIds('commune', '79191');
    expect(expected.length).toBeGreaterThan(5);
    expect(await panelIds(page)).toEqual(expected);
    await expect(page.locator('.app-map__panel a', { hasText: 'CLSM de Niort' }).getAttribute('href')).resolves.toContain('noeud=clsm-niort');
    await page.screenshot({ path: screenshotPath('carte-commune'), fullPage: false });
    // By keyboard: the table's « Voir » button of another commune opens its panel.
    await page.getByRole('button', { name: 'Voir les dispositifs de Chauray' }).focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => location.hash.includes('commune=79081'));
    await page.waitForSelector('.app-map__panel h2:text("Chauray")');
    expect(await panelIds(page)).toEqual(await placeIds('commune', '79081'));
  });

  it('selecting a mechanism outlines its perimeter, where its communes are drawn', async () => {
    const page = await openPage(`carte?${SCOPE}`);
    await mapDrawn(page);
    await page.getByRole('combobox', { name: /Tracer le territoire d’un dispositif/ }).fill('agglomeration du niortais');
    await page.locator('.app-combo__option', { hasText: 'CLS de l' }).first().click();
    await page.waitForSelector('.app-map__panel [data-testid=perimetre]');
    expect(page.url()).toContain('dispositif=cls-niortais');
    await expect(page.locator('[data-testid=perimetre]').textContent()).resolves.toMatch(/40 communes/);
    // Opened from its address: the panel narrows the map while the perimeter loads; it is redrawn at its new size.
    await page.goto(`${suite.server.url}/#/reseau?${SCOPE}`);
    await page.goto(`${suite.server.url}/#/carte?${SCOPE}&dispositif=cls-niortais`);
    await page.waitForSelector('.app-map__panel [data-testid=perimetre]');
    await page.waitForTimeout(400);
    // The overlay's ink (outline and veil) lies over the Niortais, on the canvas as it is now.
    const ink = await page.locator('.app-map__layer--overlay').evaluate((c) => {
      const canvas = c as HTMLCanvasElement;
      const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
      const box = [Infinity, Infinity, -Infinity, -Infinity];
      for (let i = 3; i < data.length; i += 4) {
        if (data[i] < 200) continue;
        const x = ((i - 3) / 4) % canvas.width;
        const y = Math.floor((i - 3) / 4 / canvas.width);
        box[0] = Math.min(box[0], x);
        box[1] = Math.min(box[1], y);
        box[2] = Math.max(box[2], x);
        box[3] = Math.max(box[3], y);
      }
      return box;
    });
    const layer = decodeLayer((await api<GeoTopology>(suite.server, '/geo/communes/79.json')) as GeoTopology);
    const [width, height] = (await page.locator('.app-map__canvas').evaluate((el) => [el.clientWidth, el.clientHeight])) as [number, number];
    const projection = fitProjection(boundsOf(layer), width, height, 12);
    const niortais = (await api<{ communes: { code: string }[] }>(suite.server, '/territories/200041317')).communes.map((c) => c.code);
    const [w, sBottom, e, n] = boundsOf({ features: layer.features.filter((f) => niortais.includes(f.id)) });
    const [x0, y0] = projection.project([w, n]);
    const [x1, y1] = projection.project([e, sBottom]);
    for (const [got, want] of [[ink[0], x0], [ink[1], y0], [ink[2], x1], [ink[3], y1]]) expect(Math.abs(got - want)).toBeLessThan(6);
  });

  it('the year slider and « Lecture » change the picture, from the dated statuses', async () => {
    const cov = await coverage();
    const page = await openPage(`carte?${SCOPE}`);
    await mapDrawn(page);
    const now = await mapShot(page);
    const slider = page.getByRole('slider', { name: /Année/ });
    await slider.focus();
    await page.keyboard.press('Home');
    await mapDrawn(page, `[data-year="${cov.firstYear}"]`);
    expect(page.url()).toContain(`annee=${cov.firstYear}`);
    const first = await mapShot(page);
    // In the first year only Niort's CLSM (2012) was active.
    expect(first.matches.covered).toBeLessThan(now.matches.covered / 3);
    expect(first.matches.uncovered).toBeGreaterThan(now.matches.uncovered);
    await page.getByRole('button', { name: 'Lecture' }).click();
    await mapDrawn(page, `[data-year="${cov.firstYear + 2}"]`);
    await page.getByRole('button', { name: 'Pause' }).click();
    await expect(page.getByRole('button', { name: 'Lecture' }).getAttribute('aria-pressed')).resolves.toBe('false');
  });

  it('searching « 79400 » finds every mechanism covering its communes, Saint-Maixent-l’École’s included, on the map, in Données and in the network', async () => {
    await api(suite.server, '/mechanisms', { method: 'POST', headers: json, body: JSON.stringify({ id: 'clsm-e2e-saint-maixent', kind: 'CLSM', name: 'CLSM de Saint-Maixent (carte)', status: 'active', territory: { communes: ['79270'] }, themes: ['logement'], dates: { start: '2020-01-01' } }) });
    const expected = await placeIds('code-postal', '79400');
    const saintMaixent = await placeIds('commune', '79270');
    expect(saintMaixent).toContain('clsm-e2e-saint-maixent');
    for (const id of saintMaixent) expect(expected).toContain(id);
    const page = await openPage(`carte?${SCOPE}`);
    await mapDrawn(page);
    await page.getByRole('combobox', { name: /Rechercher un lieu/ }).fill('79400');
    const option = page.locator('.app-combo__option').first();
    await option.waitFor();
    await expect(option.textContent()).resolves.toMatch(/code postal 79400.*8 communes/);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => decodeURIComponent(location.hash).includes('lieu=code-postal:79400'));
    await page.waitForSelector('.app-map__panel .app-map__mechanism');
    expect(await panelIds(page)).toEqual(expected);
    await expect(page.locator('.app-map__side').textContent()).resolves.toContain('Lieu : code postal 79400');
    // Données: the same mechanisms (all of them are in the Deux-Sèvres).
    await page.goto(`${suite.server.url}/#/donnees?${SCOPE}&lieu=code-postal:79400`);
    await page.waitForSelector('.app-data__table tbody tr');
    const rows = await page.locator('.app-data__table tbody tr').evaluateAll((trs) => trs.map((tr) => (tr as HTMLElement).dataset.id));
    expect(rows.sort()).toEqual([...expected].sort());
    // The network keeps them.
    await page.goto(`${suite.server.url}/#/reseau?${SCOPE}&lieu=code-postal:79400`);
    await page.waitForSelector(`.app-network[data-state=interactive][data-visible-nodes="${expected.length}"]`, { timeout: 30_000 });
    await expect(page.locator('.app-network__side').textContent()).resolves.toContain(`Lieu : code postal 79400 (${expected.length} dispositifs)`);
  });

  it('Lyon with one arrondissement covered is drawn partly covered, with its share', async () => {
    await api(suite.server, '/mechanisms', { method: 'POST', headers: json, body: JSON.stringify({ id: 'clsm-e2e-lyon-3', kind: 'CLSM', name: 'CLSM de Lyon 3e (carte)', status: 'active', territory: { communes: ['69383'] } }) });
    const page = await openPage(`carte?departement=69&asOf=${AS_OF}`);
    await mapDrawn(page);
    await expect(page.locator('[data-testid=legende] [data-testid=ville-partielle]').textContent()).resolves.toMatch(/^Lyon : 1 arrondissement sur 9 \(\d+ % de la population\)$/);
  });

  it('shows a finding’s place: the shared communes of an overlap, the CLSM that owes its avis on the PTSM’s territory', async () => {
    const { findings } = await api<{ findings: Finding[] }>(suite.server, `/findings?${SCOPE}&category=overlap`);
    const overlap = findings.find((f) => f.data?.sharedCommunes?.length)!;
    expect(overlap).toBeDefined();
    const page = await openPage(`carte?${SCOPE}&constat=${encodeURIComponent(overlap.id)}`);
    await mapDrawn(page);
    await page.waitForSelector('.app-map__panel h2:text("Constat situé sur la carte")');
    await expect(page.locator('.app-map__panel').textContent()).resolves.toContain(overlap.message);
    // A missing avis: the CLSM that owes it, on the PTSM's territory.
    const { findings: avis } = await api<{ findings: Finding[] }>(suite.server, `/findings?${SCOPE}&rule=ptsm-avis-missing`);
    const owed = avis[0];
    expect(owed).toBeDefined();
    await page.goto(`${suite.server.url}/#/carte?${SCOPE}&constat=${encodeURIComponent(owed.id)}`);
    await page.waitForFunction((m) => document.querySelector('.app-map__panel')?.textContent?.includes(m), owed.message);
    const legend = await page.locator('.app-map__panel .app-panel__list li').allTextContents();
    const graph = await api<{ nodes: { id: string; label: string }[] }>(suite.server, `/graph?${SCOPE}`);
    expect(legend).toEqual(owed.subjects.map((id) => graph.nodes.find((n) => n.id === id)!.label));
  });

  it('the theme matrix equals the API’s, and the pairs on a theme sit side by side', async () => {
    const matrix = await api<{ themes: { id: string }[]; mechanisms: { id: string; themes: string[] }[]; pairs: { a: string; b: string }[] }>(suite.server, `/themes?${SCOPE}`);
    const page = await openPage(`themes?${SCOPE}`);
    await page.waitForSelector('[data-testid=matrice-themes] tbody tr');
    const shown = await page.locator('[data-testid=matrice-themes] tbody tr').evaluateAll((trs) =>
      trs.map((tr) => ({ id: (tr as HTMLElement).dataset.id, themes: [...tr.querySelectorAll<HTMLElement>('td[data-on=true]')].map((td) => td.dataset.theme) })),
    );
    expect(shown).toEqual(matrix.mechanisms.map((m) => ({ id: m.id, themes: matrix.themes.map((t) => t.id).filter((t) => m.themes.includes(t)) })));
    const pairs = await page.locator('[data-testid=paires] li').evaluateAll((lis) => lis.map((li) => [(li as HTMLElement).dataset.a, (li as HTMLElement).dataset.b]));
    expect(pairs).toEqual(matrix.pairs.map((p) => [p.a, p.b]));
    // One theme, from the select.
    await page.locator('select[name=theme]').selectOption('logement');
    await page.waitForFunction(() => location.hash.includes('theme=logement'));
    const logement = await api<{ mechanisms: { id: string }[] }>(suite.server, `/themes?${SCOPE}&theme=logement`);
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid=matrice-themes] tbody tr').length === n, logement.mechanisms.length);
    await page.screenshot({ path: screenshotPath('themes'), fullPage: true });
  });

  it('from a mechanism’s card, « qui d’autre travaille sur ce thème ici ? » opens the themes around it', async () => {
    // A CLS's card: its kind badge is readable (dark text), as on every kind's.
    const cls = await openPage(`reseau?${SCOPE}&noeud=cls-niortais`);
    await cls.waitForSelector('.app-network__panel .app-panel__findings');
    await expectAccessible(cls, 'Réseau, fiche d’un CLS');
    const page = await openPage(`reseau?${SCOPE}&noeud=clsm-niort`);
    await page.waitForSelector('.app-network__panel .app-panel');
    await page.locator('.app-network__panel a', { hasText: 'qui d’autre travaille sur ce thème ici ?' }).first().click();
    await page.waitForSelector('[data-testid=autour]');
    expect(page.url()).toContain('dispositif=clsm-niort');
    await expect(page.locator('[data-testid=autour]').textContent()).resolves.toContain('Autour de CLSM de Niort');
    await page.waitForSelector('[data-testid=matrice-themes] tbody tr[data-id=clsm-niort]');
  });

  it('the network’s geographic layout places each mechanism on its territory, and switches back', async () => {
    const page = await openPage(`reseau?${SCOPE}`);
    await page.waitForSelector('.app-network[data-state=interactive][data-layout=forces]', { timeout: 30_000 });
    await page.locator('.app-network__disposition label', { hasText: 'Géographique' }).click();
    await page.waitForSelector('.app-network[data-state=interactive][data-layout=geo]', { timeout: 30_000 });
    expect(page.url()).toContain('disposition=geo');
    // The contours under the graph: a canvas of sigma's, drawn.
    const inked = await page.locator('.app-network__canvas canvas.sigma-geographie').evaluate((c) => {
      const canvas = c as HTMLCanvasElement;
      const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
      let n = 0;
      for (let i = 3; i < data.length; i += 4) if (data[i] > 0) n++;
      return n;
    });
    expect(inked).toBeGreaterThan(1_000);
    await page.screenshot({ path: screenshotPath('reseau-geographique'), fullPage: false });
    await page.locator('.app-network__disposition label', { hasText: 'Liens' }).click();
    await page.waitForSelector('.app-network[data-state=interactive][data-layout=forces]', { timeout: 30_000 });
    expect(page.url()).not.toContain('disposition=geo');
  });

  it('« Carte » moves by keyboard', async () => {
    const page = await openPage(`carte?${SCOPE}`);
    await mapDrawn(page);
    const scale = page.locator('.app-map__scale-label');
    const before = await scale.textContent();
    await page.locator('.app-map__canvas').focus();
    await page.keyboard.press('+');
    await page.keyboard.press('+');
    await page.waitForFunction((b) => document.querySelector('.app-map__scale-label')?.textContent !== b, before);
    expect(await scale.textContent()).not.toBe(before);
  });
});
