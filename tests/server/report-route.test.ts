// The département and région PDF reports, read back with pdftotext as a reader's tools would:
// the findings, their count per severity and the avis rates equal the API's at the same date;
// the issue's order of sections; people as the reader's role allows; French errors at the edge.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AvisChecklist } from '../../model/avis.ts';
import type { Indicators } from '../../model/indicators.ts';
import { formatNumber, groupFindingsBySeverity } from '../../model/report.ts';
import { reportFinding } from '../../model/report-build.ts';
import { RULES } from '../../model/rules/registry.ts';
import type { Finding } from '../../model/rules/types.ts';
import { theName } from '../../model/text.ts';
import type { FindingsResponse } from '../../server/analysis.ts';
import { accountFor, call, makeServer, type TestServer } from './helpers.ts';
import { comparable, pdfInfo, pdfPages, POPPLER_MISSING, RUN_PDF_TESTS, writeTemporaryPdf } from './poppler.ts';

const DEMO = JSON.parse(readFileSync(new URL('../../data/demo.json', import.meta.url), 'utf8')) as { people: { id: string; label: string }[] };
const AS_OF = '2026-12-07';

let s: TestServer;
beforeAll(async () => {
  s = await makeServer('report');
  expect((await call(s.app, 'POST', '/api/import', DEMO)).status).toBe(200);
});
afterAll(() => s?.close());

/** The PDF at this address, as a list of page texts; also its file (for pdfinfo). */
async function pdfOf(path: string, headers?: Record<string, string>): Promise<{ text: string; file: string; response: Response }> {
  const response = await s.app.request(path, headers ? { headers } : undefined);
  expect(response.status, await response.clone().text().catch(() => '')).toBe(200);
  const file = writeTemporaryPdf(new Uint8Array(await response.arrayBuffer()));
  return { text: pdfPages(file).join('\n'), file, response };
}

/** Positions of each text in `haystack`, compared as a reader sees them; -1 when absent. */
const at = (haystack: string, needle: string) => comparable(haystack).indexOf(comparable(needle));

describe.runIf(RUN_PDF_TESTS)(`département report (PDF) ${RUN_PDF_TESTS ? '' : POPPLER_MISSING}`, () => {
  let admin: Awaited<ReturnType<typeof pdfOf>>;
  let findings: Finding[];
  beforeAll(async () => {
    admin = await pdfOf(`/api/report/departement/79.pdf?asOf=${AS_OF}`);
    findings = ((await call(s.app, 'GET', `/api/findings?departement=79&asOf=${AS_OF}`)).body as FindingsResponse).findings;
  }, 60_000);

  it('is an A4 PDF titled with the territory, named with the département and the date', () => {
    expect(admin.response.headers.get('content-type')).toBe('application/pdf');
    expect(admin.response.headers.get('content-disposition')).toBe(`inline; filename="rapport-79-${AS_OF}.pdf"`);
    expect(admin.response.headers.get('cache-control')).toBe('private, no-store');
    const info = pdfInfo(admin.file);
    expect(info.get('Title')).toBe('Rapport départemental — Deux-Sèvres');
    expect(info.get('Page size')).toMatch(/595\.\d+ x 841\.\d+ pts \(A4\)/);
    expect(Number(info.get('Pages'))).toBeGreaterThan(8);
  });

  it('has the issue’s sections in order, after a cover that says the territory, the date and who generated it', () => {
    const { text } = admin;
    expect(text).toContain('Deux-Sèvres (79)');
    expect(text).toContain('Situation au 7 décembre 2026');
    expect(text).toMatch(/Généré le .* par Administratrice des tests \(administrateur\)/);
    // Each heading on a line of its own, after the previous one.
    const lines = text.split('\n').map((l) => l.trim());
    let previous = 0;
    for (const title of ['Chiffres clés', 'Carte de la couverture', 'Constats', 'Avis des CLSM sur les PTSM', 'Dispositifs et liens', 'Communes sans CLSM actif (zones blanches)']) {
      const line = lines.indexOf(title, previous + 1);
      expect(line, title).toBeGreaterThan(previous);
      previous = line;
    }
  });

  it('lists the API’s findings of the département, in its order, grouped by severity first, each with basis, reference and fix', () => {
    expect(findings.length).toBeGreaterThan(20);
    const groups = groupFindingsBySeverity(findings.map(reportFinding));
    expect(groups.map((g) => g.severity)).toEqual(['error', 'warning', 'info']);
    // « Erreurs (5) » < « Avertissements (19) » < « Informations (18) »: the API's counts.
    const counts = groups.map((g) => ({ title: g.title, count: g.findings.length }));
    let previous = -1;
    for (const group of counts) {
      const position = at(admin.text, group.title);
      expect(position, group.title).toBeGreaterThan(previous);
      previous = position;
    }
    let cursor = at(admin.text, counts[0].title);
    for (const f of findings) {
      const found = comparable(admin.text).indexOf(comparable(f.message), cursor);
      expect(found, f.message).toBeGreaterThan(cursor);
      // Its fix and reference follow it, before the next finding.
      expect(comparable(admin.text).indexOf(comparable(f.fix.message), found)).toBeGreaterThan(found);
      cursor = found;
    }
    // Each finding is titled by its rule's French title.
    const titles = RULES.map((r) => r.docs.title);
    for (const f of findings.slice(0, 5)) expect(titles).toContain(reportFinding(f).title);
  });

  it('gives each PTSM’s avis rate as the checklist of the API does', async () => {
    const indicators = (await call(s.app, 'GET', `/api/indicators?level=departement&departement=79&asOf=${AS_OF}`)).body as Indicators;
    const ptsms = indicators.areas[0].avis.ptsms;
    expect(ptsms.length).toBe(3);
    for (const p of ptsms) {
      const checklist = (await call(s.app, 'GET', `/api/ptsm/${p.ptsm}/avis?asOf=${AS_OF}`)).body as AvisChecklist;
      const t = checklist.totals.all;
      const rate = checklist.completion === null ? 'aucun avis n’est encore dû' : `${formatNumber(checklist.completion, 'percent')} des avis dus reçus à temps (${t.received} sur ${t.expected})`;
      const heading = at(admin.text, `Avis des CLSM sur ${theName(p.name)}`);
      expect(heading, p.name).toBeGreaterThan(0);
      expect(at(admin.text, `Avis : ${rate}`), `${p.name} : ${rate}`).toBeGreaterThan(0);
      for (const row of checklist.rows) expect(at(admin.text, row.clsm.name)).toBeGreaterThan(0);
    }
    // The key figure is the area's rate, the indicators' definition.
    expect(at(admin.text, `${formatNumber(indicators.areas[0].avis.completion, 'percent')}`)).toBeGreaterThan(0);
  });

  it('names the mechanisms’ coordinators and their links in words, the zones blanches with their population, and no internal code', async () => {
    const { text } = admin;
    expect(at(text, 'Coordination du CLSM de Niort (coordination, 1 ETP)')).toBeGreaterThan(0);
    expect(at(text, 'Avis du CLSM de Niort sur le PTSM des Deux-Sèvres (projet)')).toBeGreaterThan(0);
    expect(at(text, 'adoption prévue le 1er mars 2027')).toBeGreaterThan(0);
    const indicators = (await call(s.app, 'GET', `/api/indicators?level=departement&departement=79&asOf=${AS_OF}&uncoveredLimit=3`)).body as Indicators;
    const u = indicators.areas[0].uncovered;
    expect(at(text, `${u.count} communes sans CLSM actif`)).toBeGreaterThan(0);
    for (const c of u.communes) expect(at(text, `${c.name} ${c.code} ${formatNumber(c.population, 'integer')}`), c.name).toBeGreaterThan(0);
    // What a reader reads: no rule id, no link id, no person id.
    for (const rule of RULES) expect(text, rule.id).not.toMatch(new RegExp(`\\b${rule.id}\\b`));
    expect(text).not.toMatch(/[a-z0-9]--[a-z0-9]/);
    for (const p of DEMO.people) expect(text, p.id).not.toContain(p.id);
  });

  it('shows people to a reader under pseudonyms only, and says so', async () => {
    const reader = await accountFor(s, 'lecteur');
    const { text } = await pdfOf(`/api/report/departement/79.pdf?asOf=${AS_OF}`, reader.auth);
    for (const p of DEMO.people) expect(text, p.label).not.toContain(p.label);
    expect(comparable(text)).toMatch(/Personne[0-9A-F]{12}\(coordination,1ETP\)/);
    expect(at(text, 'Les personnes sont désignées par un pseudonyme')).toBeGreaterThan(0);
    expect(text).toContain('(lecteur)');
    // The same findings count as the administrator's.
    expect(at(text, groupFindingsBySeverity(findings.map(reportFinding))[0].title)).toBeGreaterThan(0);
  });
});

describe.runIf(RUN_PDF_TESTS)('région report (PDF)', () => {
  it('gives each département of the région its key figures and errors, and the address of its own report', async () => {
    const { text, file } = await pdfOf(`/api/report/region/75.pdf?asOf=${AS_OF}`);
    expect(pdfInfo(file).get('Title')).toBe('Rapport régional — Nouvelle-Aquitaine');
    for (const [code, name] of [['79', 'Deux-Sèvres'], ['86', 'Vienne'], ['33', 'Gironde']]) expect(at(text, `${name} (${code})`), name).toBeGreaterThan(0);
    expect(at(text, `/api/report/departement/79.pdf?asOf=${AS_OF}`)).toBeGreaterThan(0);
    const errors = ((await call(s.app, 'GET', `/api/findings?departement=79&severity=error&asOf=${AS_OF}`)).body as FindingsResponse).findings;
    expect(errors.length).toBeGreaterThan(0);
    for (const f of errors) expect(at(text, f.message)).toBeGreaterThan(0);
    expect(at(text, `Erreurs (${errors.length})`)).toBeGreaterThan(0);
    // Warnings are left to the département report.
    const warning = ((await call(s.app, 'GET', `/api/findings?departement=79&severity=warning&asOf=${AS_OF}`)).body as FindingsResponse).findings[0];
    expect(at(text, warning.message)).toBe(-1);
  }, 60_000);
});

describe('report addresses', () => {
  it('refuse an unknown territory or date in French, naming it, and ask for an account', async () => {
    const unknown = await call(s.app, 'GET', '/api/report/departement/99.pdf');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toMatch(/^département inconnu « 99 »/);
    const region = await call(s.app, 'GET', '/api/report/region/79.pdf');
    expect(region.status).toBe(404);
    expect(region.body.error).toMatch(/^région inconnue « 79 »/);
    const json = await call(s.app, 'GET', '/api/report/departement/79.json');
    expect(json.status).toBe(404);
    expect(json.body.error).toBe('« 79.json » : le rapport existe en PDF seulement, à une adresse comme /api/report/departement/79.pdf');
    const date = await call(s.app, 'GET', '/api/report/departement/79.pdf?asOf=2026-13-45');
    expect(date.status).toBe(400);
    expect(JSON.stringify(date.body.issues)).toMatch(/asOf.*« 2026-13-45 » n'est pas une date valide/);
    const anonymous = await s.request('/api/report/departement/79.pdf');
    expect(anonymous.status).toBe(401);
    expect(((await anonymous.json()) as { error: string }).error).toMatch(/^authentification requise/);
  });
});
