// Workbooks out of the API: the template, the whole dataset (export then import through the API
// gives an empty diff, XLSX and ODS), and every table the product shows; personal data only as
// the reader's role allows.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Cell, RawWorkbook } from '../../model/workbook/index.ts';
import { readWorkbook } from '../../model/workbook/read.ts';
import { LINK_ID } from '../e2e/user-words.ts';
import { accountFor, AS_OF, call, checksum, makeServer, type TestServer } from './helpers.ts';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const ODS_TYPE = 'application/vnd.oasis.opendocument.spreadsheet';
const demo = JSON.parse(readFileSync(new URL('../../data/demo.json', import.meta.url), 'utf8')) as Record<string, unknown>;

let s: TestServer;
beforeAll(async () => {
  s = await makeServer('workbook-export');
  expect((await call(s.app, 'POST', '/api/import?mode=replace', demo)).status).toBe(200);
  // Exports write aged commune codes as the current ones (docs/format.md, « Territoires »): the
  // store holds the current ones from here on, so that a round trip is exactly empty.
  expect((await call(s.app, 'POST', '/api/import?mode=replace', (await call(s.app, 'GET', '/api/export')).body)).body.diff.mechanisms.updated.sort()).toEqual(['cpts-gatine-vendee', 'cpts-sud-niort']);
});
afterAll(() => s?.close());

/** GET a workbook: its bytes read back, and the answer's headers. */
async function download(path: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Headers; bytes: Uint8Array; book: RawWorkbook }> {
  const res = await s.app.request(path, { headers });
  const bytes = new Uint8Array(await res.arrayBuffer());
  if (res.status !== 200) throw new Error(`${path}: ${res.status} ${new TextDecoder().decode(bytes)}`);
  const read = readWorkbook(bytes);
  if (!read.ok) throw new Error(read.problem.message);
  return { status: res.status, headers: res.headers, bytes, book: read.workbook };
}
const sheet = (book: RawWorkbook, name: string) => {
  const found = book.sheets.find((x) => x.name === name);
  if (!found) throw new Error(`no sheet ${name} in ${book.sheets.map((x) => x.name).join(', ')}`);
  return found.rows.filter((r) => r.some((c) => c !== null));
};
const text = (rows: Cell[][]) => rows.map((r) => r.map((c) => (c === null ? '' : typeof c === 'object' ? JSON.stringify(c) : String(c))).join(' | ')).join('\n');

describe('the template', () => {
  for (const [format, type] of [
    ['xlsx', XLSX_TYPE],
    ['ods', ODS_TYPE],
  ] as const) {
    it(`GET /api/template.${format}: the sheets to fill, French headers, the Lisez-moi`, async () => {
      const { headers, book } = await download(`/api/template.${format}`);
      expect(headers.get('content-type')).toBe(type);
      expect(headers.get('content-disposition')).toBe(`attachment; filename="modele-import-articulation.${format}"`);
      expect(book.sheets.map((x) => x.name).slice(0, 6)).toEqual(['Dispositifs', 'Personnes', 'Liens', 'Avis', 'Jeu de données', 'Lisez-moi']);
      expect(sheet(book, 'Avis')[0]).toEqual(['Identifiant', 'PTSM', 'CLSM', 'Étape', "Date de l'avis", 'Avis', 'Réponse du PTSM']);
      expect(text(sheet(book, 'Lisez-moi'))).toContain('Favorable avec réserves');
    });
  }
});

describe('the dataset as a workbook', () => {
  it('export then import through the API gives an empty diff, XLSX and ODS, merge and replace', async () => {
    const before = await checksum(s.db, true);
    for (const [format, type] of [
      ['xlsx', XLSX_TYPE],
      ['ods', ODS_TYPE],
    ] as const) {
      const { bytes, headers } = await download(`/api/export?format=${format}`);
      expect(headers.get('content-type')).toBe(type);
      expect(headers.get('content-disposition')).toMatch(new RegExp(`^attachment; filename="articulation-\\d{4}-\\d{2}-\\d{2}\\.${format}"$`));
      expect(headers.get('content-encoding')).toBeNull();
      for (const mode of ['merge', 'replace']) {
        const res = await s.app.request(`/api/import?mode=${mode}&dryRun=true`, { method: 'POST', headers: { 'Content-Type': type }, body: bytes as Uint8Array<ArrayBuffer> });
        const body = await res.json();
        expect(res.status).toBe(200);
        expect(body.workbook.matching, `${format} ${mode}`).toBe('automatic');
        expect(body, `${format} ${mode}`).toMatchObject({ valid: true, changed: false, problems: [] });
        for (const kind of ['mechanisms', 'people', 'links'] as const) {
          expect(body.diff[kind]).toMatchObject({ created: [], updated: [], removed: [] });
          expect(body.diff[kind].unchanged).toBeGreaterThan(0);
        }
      }
    }
    expect(await checksum(s.db, true)).toBe(before);
  });

  it('a reader gets pseudonyms, as in the JSON export', async () => {
    const reader = await accountFor(s, 'lecteur');
    const json = await call(s.app, 'GET', '/api/export', undefined, reader.auth);
    const pseudonyms = (json.body.people as { label: string }[]).map((p) => p.label);
    const real = (demo.people as { label: string }[]).map((p) => p.label);
    const { headers, book } = await download('/api/export?format=xlsx', reader.auth);
    expect(headers.get('x-personal-data')).toBe('pseudonymised');
    const people = text(sheet(book, 'Personnes'));
    for (const label of real) expect(people).not.toContain(label);
    for (const label of pseudonyms) expect(people).toContain(label);
    expect(text(sheet(book, 'Dispositifs'))).not.toContain(real[0]);
    // The tables too: findings naming coordinators name them for those who may read them.
    const findings = (auth: Record<string, string>) => download(`/api/export/findings?asOf=${AS_OF}&format=xlsx`, auth).then(({ book: b }) => text(sheet(b, 'Constats')));
    const full = await findings({});
    const named = real.filter((label) => full.includes(label));
    expect(named.length).toBeGreaterThan(0);
    const pseudonymised = await findings(reader.auth);
    for (const label of named) expect(pseudonymised).not.toContain(label);
  });
});

describe('every table as a workbook', () => {
  it('findings: severity, basis, reference, fix; the same findings as the view', async () => {
    const query = `asOf=${AS_OF}&departement=79&severity=error,warning`;
    const findings = (await call(s.app, 'GET', `/api/findings?${query}`)).body;
    expect(findings.total).toBeGreaterThan(5);
    const { book, headers } = await download(`/api/export/findings?${query}&format=xlsx`);
    expect(headers.get('content-disposition')).toBe(`attachment; filename="constats-${AS_OF}.xlsx"`);
    const rows = sheet(book, 'Constats');
    expect(rows[0]).toEqual(['Gravité', 'Famille', 'Constat', 'Fondement', 'Référence', 'Correction proposée', 'Concerne', 'Départements', 'Date']);
    expect(rows.length - 1).toBe(findings.total);
    expect(rows.slice(1).map((r) => r[2])).toEqual(findings.findings.map((f: { message: string }) => f.message));
    expect(new Set(rows.slice(1).map((r) => r[3]))).toContain('Obligation légale');
    // No rule id or raw value: French words.
    expect(rows.slice(1).every((r) => r[0] === 'Erreur' || r[0] === 'Avertissement')).toBe(true);
  });

  it('findings name their subjects as the screen does: links by their ends, never an id', async () => {
    const findings = (await call(s.app, 'GET', `/api/findings?asOf=${AS_OF}&limit=1000`)).body as { total: number; findings: { subjects: string[] }[] };
    expect(findings.total).toBe(findings.findings.length);
    const rows = sheet((await download(`/api/export/findings?asOf=${AS_OF}&format=xlsx`)).book, 'Constats').slice(1);
    const subjects = rows.map((r) => String(r[6] ?? ''));
    expect(subjects.length).toBe(findings.total);
    const withLink = findings.findings.flatMap((f, i) => (f.subjects.some((id) => LINK_ID.test(id)) ? [i] : []));
    expect(withLink.length).toBeGreaterThan(0);
    for (const i of withLink) expect(subjects[i]).toMatch(/Avis d.* sur (le|la|l’) /);
    expect(subjects.filter((x) => LINK_ID.test(x))).toEqual([]);
  });

  it('the avis checklist of a PTSM, and 404 for what is not a PTSM', async () => {
    const checklist = (await call(s.app, 'GET', `/api/ptsm/ptsm-79/avis?asOf=${AS_OF}`)).body;
    const { book } = await download(`/api/export/ptsm/ptsm-79/avis?asOf=${AS_OF}&format=ods`);
    const rows = sheet(book, 'Avis des CLSM');
    expect(rows.length - 1).toBe(checklist.rows.length);
    expect(rows.slice(1).map((r) => r[0])).toEqual(checklist.rows.map((r: { clsm: { name: string } }) => r.clsm.name));
    expect(sheet(book, 'Synthèse')[1]).toEqual(['Diagnostic territorial partagé', checklist.totals.diagnostic.expected, checklist.totals.diagnostic.received, checklist.totals.diagnostic.late, checklist.totals.diagnostic.missing, checklist.totals.diagnostic.awaited]);
    const notPtsm = await call(s.app, 'GET', '/api/export/ptsm/clsm-niort/avis?format=xlsx');
    expect(notPtsm.status).toBe(404);
    expect(notPtsm.body.error).toMatch(/n'est pas un PTSM/);
  });

  it('indicators by area and by year, and every uncovered commune', async () => {
    const indicators = (await call(s.app, 'GET', `/api/indicators?asOf=${AS_OF}&level=departement&departement=79&uncoveredLimit=100000`)).body;
    const { book } = await download(`/api/export/indicators?asOf=${AS_OF}&level=departement&departement=79`);
    expect(book.sheets.map((x) => x.name)).toEqual([`Indicateurs au 01-06-2025`, 'Par année', 'Communes sans CLSM']);
    const areas = sheet(book, 'Indicateurs au 01-06-2025');
    expect(areas.slice(1).map((r) => r[2])).toEqual([indicators.france.name, 'Deux-Sèvres']);
    expect(areas[2][5]).toBe(indicators.areas[0].activeClsm);
    expect(sheet(book, 'Par année').length - 1).toBe(indicators.series.reduce((n: number, y: { areas: unknown[] }) => n + y.areas.length + 1, 0));
    const uncovered = indicators.areas[0].uncovered;
    expect(uncovered.count).toBeGreaterThan(100);
    const alone = await download(`/api/export/uncovered?asOf=${AS_OF}&level=departement&departement=79&format=ods`);
    const communes = sheet(alone.book, 'Communes sans CLSM');
    expect(communes.length - 1).toBe(uncovered.count);
    expect(communes[1]).toEqual(['Deux-Sèvres', uncovered.communes[0].code, uncovered.communes[0].name, uncovered.communes[0].population]);
  });

  it('bad parameters: 400 in French', async () => {
    const res = await call(s.app, 'GET', '/api/export/findings?format=pdf');
    expect(res.status).toBe(400);
    expect(res.body.error).toMatch(/format inconnu « pdf » \(attendu : xlsx, ods\)/);
  });
});
