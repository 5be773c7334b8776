// The `check` command, spawned for real through npm as a user runs it.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { FIXTURE_EQUIVALENT, fixtureCsv, fixtureOds, fixtureXlsx } from '../model/workbook/fixture.ts';

const root = new URL('../..', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'check-'));

function check(...args: string[]) {
  const run = spawnSync('npm', ['run', '--silent', 'check', '--', ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr.replace(/^npm warn .*\n/gm, '') };
}

function file(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

const demo = join(root, 'data/demo.json');

describe('npm run check', () => {
  it('prints a French report grouped by severity then category, with what each finding rests on, and exits 1 on error findings', () => {
    const { code, stdout, stderr } = check(demo, '--as-of', '2026-12-07');
    expect(stderr).toBe('');
    expect(code).toBe(1);
    expect(stdout).toMatch(/Vérification de .*demo\.json .* au 7 décembre 2026/);
    const errorAt = stdout.indexOf('ERREUR (');
    const warningAt = stdout.indexOf('AVERTISSEMENT (');
    const infoAt = stdout.indexOf('INFORMATION (');
    expect(errorAt).toBeGreaterThan(0);
    expect(warningAt).toBeGreaterThan(errorAt);
    expect(infoAt).toBeGreaterThan(warningAt);
    expect(stdout).toContain('Liens manquants');
    expect(stdout).toContain('[ptsm-avis-missing]');
    expect(stdout).toContain('INDICATEURS');
    expect(stdout).toMatch(/Deux-Sèvres \(79\)/);
    // The first error is the diagnostic of the PTSM in preparation, and it says it rests on the law.
    const firstError = stdout.slice(errorAt).split('\n').find((l) => l.includes('•'))!;
    expect(firstError).toContain('[ptsm-diagnostic-avis-missing]');
    expect(firstError).toContain('PTSM des Deux-Sèvres 2027-2032, adopté le 15 octobre 2026');
    expect(stdout).toContain('Obligation légale — réf. : CSP art. L. 3221-2 IV');
    expect(stdout).toContain('Recommandation du référentiel — réf. :');
    expect(stdout).toContain('Incohérence des données — réf. :');
    // Both denominators, the France row and the yearly series.
    expect(stdout).toMatch(/CLSM dont le COPIL inclut usagers et aidants : 75 % des CLSM renseignés \(3 sur 4\), 75 % des CLSM actifs \(3 sur 4\)/);
    expect(stdout).toMatch(/\n  France — [\d\s\u202f]+ habitants\n    CLSM actifs : 4\n/);
    expect(stdout).toMatch(/ÉVOLUTION AU 31 DÉCEMBRE[\s\S]*  2012 : 2 CLSM actifs,[\s\S]*  2026 \(au 7 décembre 2026\) : 4 CLSM actifs/);
  });

  it('prints only JSON with --format json: findings with their basis, indicators with France and the yearly series', () => {
    const { code, stdout } = check(demo, '--as-of', '2026-12-07', '--format', 'json');
    expect(code).toBe(1);
    const parsed = JSON.parse(stdout);
    expect(Object.keys(parsed)).toEqual(['findings', 'indicators']);
    expect(parsed.findings.length).toBeGreaterThan(20);
    expect(parsed.findings[0]).toMatchObject({ rule: 'ptsm-diagnostic-avis-missing', severity: 'error', basis: 'loi', due: '2026-10-15', category: 'missing-link', subjects: expect.any(Array), message: expect.any(String), reference: expect.any(String), fix: expect.any(Object) });
    expect(parsed.indicators.areas.map((a: { code: string }) => a.code)).toEqual(['79']);
    expect(parsed.indicators.france).toMatchObject({ level: 'france', code: 'FR', name: 'France', activeClsm: 4 });
    expect(parsed.indicators.france.uncovered.communes).toHaveLength(100);
    const series = parsed.indicators.series as { year: number; asOf: string; france: { level: string }; areas: { code: string }[] }[];
    expect(series.map((y) => y.year)).toEqual(Array.from({ length: 15 }, (_, i) => 2012 + i));
    expect(series[0]).toMatchObject({ year: 2012, asOf: '2012-12-31', france: { level: 'france' }, areas: [{ code: '79' }] });
    expect(series.at(-1)!.asOf).toBe('2026-12-07');
  });

  it('filters by département', () => {
    const { stdout } = check(demo, '--as-of', '2026-12-07', '--format', 'json', '--departement', '85');
    const parsed = JSON.parse(stdout);
    expect(parsed.findings.map((f: { rule: string }) => f.rule)).toEqual(['commune-code-outdated']);
    expect(parsed.findings.every((f: { departements: string[] }) => f.departements.includes('85'))).toBe(true);
    expect(parsed.indicators.areas.map((a: { code: string }) => a.code)).toEqual(['85']);
  });

  it('exits 0 when no finding is an error', () => {
    const clean = file('clean.json', JSON.stringify({
      format: 'articulation/1',
      mechanisms: [{ id: 'cpts-niort', kind: 'CPTS', name: 'CPTS du Niortais', status: 'active', territory: { communes: ['79191'] } }],
    }));
    // A lone CPTS in the Deux-Sèvres: the département has no PTSM, an error.
    expect(check(clean, '--as-of', '2026-09-01').code).toBe(1);
    const withPtsm = file('ok.json', JSON.stringify({
      format: 'articulation/1',
      mechanisms: [
        { id: 'ptsm-79', kind: 'PTSM', name: 'PTSM 79', status: 'active', territory: { departements: ['79'] }, dates: { adopted: '2024-01-01' }, objectives: ['creation-clsm'] },
        { id: 'cpts-niort', kind: 'CPTS', name: 'CPTS du Niortais', status: 'active', territory: { communes: ['79191'] } },
      ],
    }));
    const run = check(withPtsm, '--as-of', '2026-09-01');
    expect(run.code).toBe(0);
    expect(run.stdout).not.toContain('ERREUR (');
  });

  it('exits 2 and lists every problem with its path and value for an invalid file, without a stack trace', () => {
    const bad = file('bad.json', JSON.stringify({
      format: 'articulation/1',
      mechanisms: [{ id: 'clsm-x', kind: 'CLSM', name: 'X', status: 'active', territory: { communes: ['99999'] }, dates: { start: '2021-13-45' } }],
      links: [{ kind: 'avis', from: 'clsm-x', to: 'ptsm-absent' }],
    }));
    const { code, stdout, stderr } = check(bad);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('mechanisms[0].territory.communes[0]');
    expect(stderr).toContain('"99999"');
    expect(stderr).toContain('mechanisms[0].dates.start');
    expect(stderr).toContain('2021-13-45');
    expect(stderr).toContain('links[0].to');
    expect(stderr).not.toMatch(/at .*\.ts:\d+/);
  });

  it('exits 2 on a file that is not JSON, or missing, or on bad arguments', () => {
    const notJson = check(file('not.json', '{ "format": '));
    expect(notJson.code).toBe(2);
    expect(notJson.stderr).toMatch(/pas du JSON valide/);
    const missing = check(join(dir, 'absent.json'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/introuvable/);
    const badDate = check(demo, '--as-of', '2021-13-45');
    expect(badDate.code).toBe(2);
    expect(badDate.stderr).toMatch(/--as-of : « 2021-13-45 »/);
    expect(check(demo, '--format', 'xml').code).toBe(2);
    expect(check(demo, '--departement', '999').stderr).toMatch(/département inconnu/);
    expect(check().code).toBe(2);
    for (const run of [notJson, missing, badDate]) expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('gives JSON problems on stdout with --format json for an invalid file', () => {
    const { code, stdout } = check(file('bad2.json', '{"format":"articulation/9"}'), '--format', 'json');
    expect(code).toBe(2);
    expect(JSON.parse(stdout).issues[0]).toMatchObject({ path: 'format', value: 'articulation/9' });
  });
});

describe('npm run check on a workbook (XLSX, ODS, CSV)', () => {
  const write = (name: string, bytes: Uint8Array) => {
    const path = join(dir, name);
    writeFileSync(path, bytes);
    return path;
  };
  const findingKeys = (stdout: string) => (JSON.parse(stdout).findings as { rule: string; subjects: string[] }[]).map((f) => `${f.rule} ${f.subjects.join(',')}`).sort();

  it('maps the real-shaped workbook automatically, prints the mapping, and finds what its JSON equivalent gives', async () => {
    const xlsx = write('recensement.xlsx', await fixtureXlsx());
    const text = check(xlsx, '--as-of', '2025-06-01');
    expect(text.stdout).toMatch(/^Correspondance des colonnes \(automatique : chaque en-tête correspond à un champ\) :\n  Feuille « Dispositifs 79 » lue comme Dispositifs, en-têtes ligne 4, 6 lignes :\n    « Dispositif » → Type\n/);
    expect(text.stdout).toContain('    « Coordonnateur » → Coordination\n');
    expect(text.stdout).toContain('  Feuille « Notes » non importée.');
    expect(text.stdout).toContain('Vérification de ');
    const json = write('equivalent.json', new TextEncoder().encode(JSON.stringify(FIXTURE_EQUIVALENT)));
    const expected = check(json, '--as-of', '2025-06-01', '--format', 'json');
    const fromXlsx = check(xlsx, '--as-of', '2025-06-01', '--format', 'json');
    expect(fromXlsx.code).toBe(expected.code);
    expect(findingKeys(fromXlsx.stdout).length).toBeGreaterThan(3);
    expect(findingKeys(fromXlsx.stdout)).toEqual(findingKeys(expected.stdout));
    expect(JSON.parse(fromXlsx.stdout).mapping[0]).toMatchObject({ sheet: 'Dispositifs 79', kind: 'mechanisms', headerRow: 4 });
    const fromOds = check(write('recensement.ods', fixtureOds()), '--as-of', '2025-06-01', '--format', 'json');
    expect(findingKeys(fromOds.stdout)).toEqual(findingKeys(expected.stdout));
    const csv = check(write('Dispositifs 79.csv', fixtureCsv()), '--as-of', '2025-06-01', '--format', 'json');
    expect(csv.code).toBe(1);
    expect(JSON.parse(csv.stdout).mapping).toHaveLength(1);
  });

  it('proposes a likely mapping without applying it (exit 2, the mapping as JSON on stdout), and applies it with --mapping', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('Recensement');
    sheet.addRow(['Type', 'Nom du conseil', 'Communes', 'Date de signature de la convention']);
    sheet.addRow(['CLSM', 'CLSM de Niort', 'Niort', '03/12/2018']);
    const xlsx = write('probable.xlsx', new Uint8Array(await book.xlsx.writeBuffer()));
    const proposed = check(xlsx, '--as-of', '2025-06-01');
    expect(proposed.code).toBe(2);
    expect(proposed.stderr).toContain('Correspondance des colonnes (proposée, à confirmer) :');
    expect(proposed.stderr).toContain('    « Nom du conseil » → Nom (proposé, à confirmer)');
    expect(proposed.stderr).toContain('relancez avec --mapping correspondance.json');
    const mapping = JSON.parse(proposed.stdout);
    expect(mapping[0]).toMatchObject({ sheet: 'Recensement', kind: 'mechanisms', columns: expect.arrayContaining([{ header: 'Nom du conseil', index: 1, target: { field: 'name' } }]) });
    const mappingFile = write('correspondance.json', new TextEncoder().encode(proposed.stdout));
    const applied = check(xlsx, '--as-of', '2025-06-01', '--mapping', mappingFile);
    expect(applied.code).toBe(1); // a CLSM without a PTSM in the Deux-Sèvres: an error finding
    expect(applied.stdout).toContain('Correspondance des colonnes (donnée par --mapping) :');
    expect(applied.stdout).toContain('    « Nom du conseil » → Nom\n');
    expect(applied.stdout).toContain('[departement-without-ptsm]');
  });

  it('exits 2 with cell-precise French problems, for a bad file, a bad cell, a bad mapping file', async () => {
    const truncated = check(write('abime.xlsx', (await fixtureXlsx()).subarray(0, 3000)));
    expect(truncated.code).toBe(2);
    expect(truncated.stderr).toMatch(/^Fichier illisible : le fichier est illisible/);
    const book = new ExcelJS.Workbook();
    book.addWorksheet('Dispositifs').addRows([
      ['Type', 'Nom', 'Communes', 'Date de début'],
      ['CLSM', 'CLSM de Niort', 'Niort', '31/02/2019'],
      ['CLSM', 'CLSM de Nullepart', 'Nullepart', null],
    ]);
    const bad = check(write('mauvais.xlsx', new Uint8Array(await book.xlsx.writeBuffer())));
    expect(bad.code).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toContain('Classeur invalide : 2 problèmes.');
    expect(bad.stderr).toContain("  feuille « Dispositifs », ligne 2, colonne « Date de début » : « 31/02/2019 » n'est pas une date du calendrier\n");
    expect(bad.stderr).toContain("  feuille « Dispositifs », ligne 3, colonne « Communes » : aucune commune ne s'appelle « Nullepart »\n");
    const notJson = check(write('mauvais2.xlsx', new Uint8Array(await book.xlsx.writeBuffer())), '--mapping', file('m.json', '{ oops'));
    expect(notJson.code).toBe(2);
    expect(notJson.stderr).toMatch(/^--mapping : .*m\.json n'est pas du JSON valide/);
    expect(check(demo, '--mapping', file('m2.json', '[]')).stderr).toMatch(/--mapping ne s'applique qu'à un classeur/);
    for (const run of [truncated, bad, notJson]) expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});
