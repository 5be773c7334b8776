// Reading files: real XLSX, ODS and CSV made here; calendar dates whatever the time zone; and
// each kind of bad file gets its French message, never a library's English or an exception.
import * as XLSX from '@e965/xlsx';
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { analyseWorkbook } from '../../../model/workbook/mapping.ts';
import { previewImport } from '../../../model/workbook/preview.ts';
import { readWorkbook } from '../../../model/workbook/read.ts';
import type { RawWorkbook } from '../../../model/workbook/types.ts';
import { loadTerritories } from '../../../server/territories.ts';
import { encodeWindows1252, fixtureOds, fixtureXlsx } from './fixture.ts';

const ok = (bytes: Uint8Array, fileName?: string): RawWorkbook => {
  const result = readWorkbook(bytes, { fileName });
  if (!result.ok) throw new Error(result.problem.message);
  return result.workbook;
};
const refused = (bytes: Uint8Array, fileName?: string): string => {
  const result = readWorkbook(bytes, { fileName });
  if (result.ok) throw new Error('read a bad file');
  return result.problem.message;
};

async function datesXlsx(): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Dates');
  sheet.addRow(['Nom', 'Date']);
  sheet.addRow(['cellule date', new Date(Date.UTC(2018, 11, 3))]);
  sheet.addRow(['numéro de série', 43437]);
  sheet.getCell('B3').numFmt = 'dd/mm/yyyy';
  sheet.addRow(['avec une heure', new Date(Date.UTC(2018, 11, 3, 23, 30))]);
  sheet.addRow(['formule en erreur', { formula: '1/0', result: { error: '#DIV/0!' } } as unknown as ExcelJS.CellValue]);
  sheet.addRow(['référence perdue', { formula: 'Feuil9!A1', result: { error: '#REF!' } } as unknown as ExcelJS.CellValue]);
  return new Uint8Array(await book.xlsx.writeBuffer());
}

describe('reading workbooks', () => {
  const zone = process.env.TZ;
  afterEach(() => {
    if (zone === undefined) delete process.env.TZ;
    else process.env.TZ = zone;
  });

  it('reads date cells and serial numbers as calendar dates in any time zone', async () => {
    const bytes = await datesXlsx();
    const ods = fixtureOds();
    for (const tz of ['UTC', 'America/Los_Angeles', 'Pacific/Kiritimati', 'Europe/Paris']) {
      process.env.TZ = tz;
      const rows = ok(bytes).sheets[0].rows;
      expect(rows[1][1], tz).toEqual({ date: '2018-12-03' });
      expect(rows[2][1], tz).toEqual({ date: '2018-12-03' });
      expect(rows[3][1], tz).toEqual({ date: '2018-12-03' });
      const odsRows = ok(ods).sheets[0].rows;
      expect(odsRows[4][7], tz).toEqual({ date: '2021-06-09' }); // « Date de création » of the PTSM
    }
  });

  it('keeps formula errors as such, to be reported by cell', async () => {
    const rows = ok(await datesXlsx()).sheets[0].rows;
    expect(rows[4][1]).toEqual({ error: '#DIV/0!' });
    expect(rows[5][1]).toEqual({ error: '#REF!' });
  });

  it('reports a formula error naming sheet, row, column and value', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('Dispositifs');
    sheet.addRow(['Type', 'Nom', 'Communes', 'ETP']);
    sheet.addRow(['CLSM', 'CLSM de Niort', 'Niort', { formula: '1/0', result: { error: '#DIV/0!' } } as unknown as ExcelJS.CellValue]);
    sheet.addRow(['CLSM', { formula: 'Feuil9!A1', result: { error: '#REF!' } } as unknown as ExcelJS.CellValue, 'Thouars', 1]);
    const workbook = ok(new Uint8Array(await book.xlsx.writeBuffer()));
    const analysis = analyseWorkbook(workbook);
    const preview = previewImport(workbook, [analysis.sheets[0].mapping!], { territories: loadTerritories() });
    expect(preview.problems).toContainEqual(expect.objectContaining({ severity: 'error', sheet: 'Dispositifs', row: 2, column: 'ETP', value: '#DIV/0!' }));
    expect(preview.problems).toContainEqual(expect.objectContaining({ severity: 'error', sheet: 'Dispositifs', row: 3, column: 'Nom', value: '#REF!' }));
    expect(preview.problems.find((p) => p.value === '#REF!')!.message).toMatch(/formule/);
  });

  it('reads merged title rows and keeps the merges', async () => {
    const workbook = ok(await fixtureXlsx());
    const sheet = workbook.sheets[0];
    expect(workbook.format).toBe('xlsx');
    expect(sheet.rows[0][0]).toMatch(/^Recensement/);
    expect(sheet.merges).toContainEqual({ s: { r: 0, c: 0 }, e: { r: 0, c: 14 } });
    expect(ok(fixtureOds()).format).toBe('ods');
  });

  it('reads CSV with « ; » or « , », in UTF-8 with or without BOM, or Windows-1252', () => {
    const text = 'Type;Nom;Communes\r\nCLSM;CLSM de Saint-Maixent-l’École;Saint-Maixent-l’École\r\n';
    const cases: [Uint8Array, string, string][] = [
      [new TextEncoder().encode(text), 'utf-8', ';'],
      [new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(text)]), 'utf-8', ';'],
      [encodeWindows1252(text), 'windows-1252', ';'],
      [encodeWindows1252(text.replace(/;/g, ',')), 'windows-1252', ','],
    ];
    for (const [bytes, encoding, delimiter] of cases) {
      const workbook = ok(bytes, 'dispositifs.csv');
      expect(workbook.format).toBe('csv');
      expect(workbook.csv).toMatchObject({ encoding, delimiter });
      expect(workbook.sheets[0].name).toBe('dispositifs');
      expect(workbook.sheets[0].rows[1]).toEqual(['CLSM', 'CLSM de Saint-Maixent-l’École', 'Saint-Maixent-l’École']);
    }
  });

  it('keeps CSV dates as text, for the French reading (03/12/2018 is 3 December)', () => {
    const workbook = ok(new TextEncoder().encode('Nom;Date de début\nA;03/12/2018\n'));
    expect(workbook.sheets[0].rows[1][1]).toBe('03/12/2018');
  });
});

describe('bad files', () => {
  it('an empty file', () => {
    expect(refused(new Uint8Array(0))).toBe('le fichier est vide');
  });

  it('a truncated workbook is corrupt, in French', async () => {
    const good = await fixtureXlsx();
    expect(refused(good.subarray(0, Math.floor(good.length / 2)), 'recensement.xlsx')).toMatch(/^le fichier est illisible/);
    const ods = fixtureOds();
    expect(refused(ods.subarray(0, Math.floor(ods.length / 2)), 'recensement.ods')).toMatch(/^le fichier est illisible/);
  });

  it('binary noise is neither a workbook nor a CSV', () => {
    const noise = new Uint8Array(2048).map((_, i) => (i * 7919 + 13) & 255);
    expect(refused(noise, 'données.xlsx')).toMatch(/illisible/);
    expect(refused(noise)).toMatch(/ni un classeur/);
  });

  it('a zip that is not a workbook', () => {
    const cfb = XLSX.CFB.utils.cfb_new();
    XLSX.CFB.utils.cfb_add(cfb, 'photo.txt', new TextEncoder().encode('pas un classeur'));
    const bytes = new Uint8Array(XLSX.CFB.write(cfb, { type: 'array', fileType: 'zip' }) as number[]);
    expect(refused(bytes)).toMatch(/^le fichier est illisible/);
  });

  it('an XLSX saved with a password (encrypted OLE container)', () => {
    const cfb = XLSX.CFB.utils.cfb_new();
    // What Excel writes: the EncryptionInfo descriptor and the EncryptedPackage stream.
    XLSX.CFB.utils.cfb_add(cfb, '/EncryptionInfo', new Uint8Array([4, 0, 4, 0, 0x40, 0, 0, 0, ...new TextEncoder().encode('<?xml version="1.0"?><encryption xmlns="http://schemas.microsoft.com/office/2006/encryption"/>')]));
    XLSX.CFB.utils.cfb_add(cfb, '/EncryptedPackage', new Uint8Array(8192).map((_, i) => (i * 31) & 255));
    const bytes = new Uint8Array(XLSX.CFB.write(cfb, { type: 'array' }) as number[]);
    expect(refused(bytes, 'protégé.xlsx')).toMatch(/protégé par un mot de passe/);
  });

  it('an ODS saved with a password (manifest declares the encryption)', () => {
    const source = XLSX.CFB.read(fixtureOds(), { type: 'array' });
    const manifest = XLSX.CFB.find(source, '/META-INF/manifest.xml');
    const text = new TextDecoder().decode(manifest.content as Uint8Array).replace(
      '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>',
      '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"><manifest:encryption-data manifest:checksum-type="SHA1/1K" manifest:checksum="x"><manifest:algorithm manifest:algorithm-name="Blowfish CFB" manifest:initialisation-vector="x"/></manifest:encryption-data></manifest:file-entry>',
    );
    expect(text).toContain('encryption-data');
    const zip = XLSX.CFB.utils.cfb_new();
    for (const [i, path] of source.FullPaths.entries()) {
      const entry = source.FileIndex[i];
      if (entry.type !== 2) continue;
      const name = path.replace(/^Root Entry\//, '');
      XLSX.CFB.utils.cfb_add(zip, name, name === 'META-INF/manifest.xml' ? new TextEncoder().encode(text) : name === 'content.xml' ? new Uint8Array(4096).map((_, j) => (j * 17) & 255) : entry.content);
    }
    const bytes = new Uint8Array(XLSX.CFB.write(zip, { type: 'array', fileType: 'zip' }) as number[]);
    expect(refused(bytes, 'protégé.ods')).toMatch(/protégé par un mot de passe/);
  });

  it('an empty sheet, alone or among others', async () => {
    const book = new ExcelJS.Workbook();
    book.addWorksheet('Dispositifs');
    const alone = ok(new Uint8Array(await book.xlsx.writeBuffer()));
    expect(analyseWorkbook(alone).problems).toEqual([{ severity: 'error', message: 'la feuille « Dispositifs » est vide' }]);
    book.addWorksheet('Avis');
    book.addWorksheet('Personnes').addRow(['Libellé']);
    const several = analyseWorkbook(ok(new Uint8Array(await book.xlsx.writeBuffer())));
    expect(several.sheets.find((s) => s.sheet === 'Avis')).toMatchObject({ role: 'empty', status: 'ignored' });
    expect(several.sheets.find((s) => s.sheet === 'Avis')!.problems[0].message).toBe('la feuille « Avis » est vide : rien n\'en est importé');
    const allEmpty = new ExcelJS.Workbook();
    allEmpty.addWorksheet('Feuil1');
    allEmpty.addWorksheet('Feuil2');
    expect(analyseWorkbook(ok(new Uint8Array(await allEmpty.xlsx.writeBuffer()))).problems[0].message).toBe('le classeur ne contient aucune donnée : toutes ses feuilles sont vides');
  });
});
