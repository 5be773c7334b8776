// A real-shaped workbook, as an ARS delegation keeps one: its own headers (« Dispositif »,
// « Coordonnateur », « ETP », « Date de création »…), merged title rows above the header, commune
// names typed by hand (« st maixent l ecole »), French dates as date cells and as text, an extra
// « Observations » column, an « Avis des CLSM » sheet with an avis not yet received, and a notes
// sheet. Written as XLSX (exceljs, as Excel would), ODS (SheetJS, as LibreOffice would) and the
// Dispositifs sheet alone as CSV (semicolons, Windows-1252: what Excel in French saves).
// `FIXTURE_EQUIVALENT` is the same data written by hand as `articulation/1`.
import * as XLSX from '@e965/xlsx';
import ExcelJS from 'exceljs';
import type { DatasetInput } from '../../../model/schema.ts';

type Value = string | number | { date: string } | null;

const TITLE = 'Recensement des dispositifs de santé mentale — Deux-Sèvres';
const SUBTITLE = 'Mise à jour : janvier 2025 — ARS, délégation départementale';

export const MECHANISM_HEADERS = [
  'Dispositif',
  'Nom',
  'Statut',
  'Historique',
  'Département',
  'Communes',
  'EPCI',
  'Date de création',
  'Date de signature',
  'Diagnostic adopté le',
  "Date d'adoption",
  'Coordonnateur',
  'ETP',
  'Thèmes',
  'Observations',
];

const d = (date: string) => ({ date });

/** Dates as date cells (the way people type them in a spreadsheet), a few as text. */
export const MECHANISM_ROWS: Value[][] = [
  ['PTSM', 'PTSM des Deux-Sèvres', 'Actif', null, 'Deux-Sèvres', null, null, d('2021-06-09'), null, d('2019-07-05'), d('2021-06-09'), 'Coordination du PTSM', '0,8', null, null],
  ['CLSM', 'CLSM de Niort', 'Actif', null, '79', 'Niort', null, d('2012-03-01'), null, null, null, 'Marie Martin', 1, 'Logement ; SISM', 'Charte signée en 2013'],
  ['Conseil local de santé mentale', 'CLSM du Haut Val de Sèvre', 'En sommeil', 'Actif : 15/09/2016 ; En sommeil : 01/03/2024', '79', "st maixent l ecole, Azay-le-Brûlé\nExireuil", null, '15/09/2016', null, null, null, 'Paul Petit', '50 %', 'Prévention du suicide', null],
  ['CLS', 'CLS de Niort', 'actif', null, null, 'Niort (79191)', null, d('2018-12-03'), '03/12/2018', null, null, 'Coordination CLS Niort', 1, 'Logement ; Précarité', null],
  ['CPTS', 'CPTS du Niortais', 'Actif', null, '79', 'Niort ; Chauray ; Aiffres', null, d('2020-01-01'), null, null, null, null, null, null, null],
  ['CLSM', 'CLSM intercommunal du Thouarsais', 'en projet', null, null, null, 'CC du Thouarsais', null, null, null, null, null, null, 'Jeunes', 'Délibération prévue'],
];

export const AVIS_HEADERS = ['PTSM', 'CLSM', 'Étape', "Date de l'avis", 'Avis', 'Réponse du PTSM'];
export const AVIS_ROWS: Value[][] = [
  ['PTSM des Deux-Sèvres', 'CLSM de Niort', 'Diagnostic', d('2019-05-10'), 'Favorable', null],
  ['PTSM des Deux-Sèvres', 'clsm de niort', 'Projet', d('2021-03-15'), 'favorable avec réserves', "Priorité logement ajoutée à l'axe 2"],
  ['PTSM des Deux-Sèvres', 'CLSM du Haut Val de Sèvre', 'Diagnostic', '02/06/2019', 'Réservé', null],
  ['PTSM des Deux-Sèvres', 'CLSM du Haut Val de Sèvre', 'Projet', null, null, null], // not received yet
];

const NOTES = [['Notes de la délégation'], ['Les données des CPTS sont à vérifier avec l’assurance maladie.']];

/** The sheets: Dispositifs with two title rows (merged) and a blank row above the header, avis with one. */
function sheets(): { name: string; rows: Value[][]; merges: { r: number; width: number }[] }[] {
  return [
    { name: 'Dispositifs 79', rows: [[TITLE], [SUBTITLE], [], MECHANISM_HEADERS, ...MECHANISM_ROWS], merges: [{ r: 0, width: MECHANISM_HEADERS.length }, { r: 1, width: 6 }] },
    { name: 'Avis des CLSM', rows: [['Suivi des avis des CLSM sur le PTSM'], AVIS_HEADERS, ...AVIS_ROWS], merges: [{ r: 0, width: AVIS_HEADERS.length }] },
    { name: 'Notes', rows: NOTES, merges: [] },
  ];
}

const serial = (iso: string) => (Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) - Date.UTC(1899, 11, 30)) / 86400000;

export async function fixtureXlsx(): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  for (const s of sheets()) {
    const sheet = book.addWorksheet(s.name);
    s.rows.forEach((row, r) => {
      row.forEach((value, c) => {
        if (value === null) return;
        const cell = sheet.getCell(r + 1, c + 1);
        if (typeof value === 'object') {
          cell.value = serial(value.date);
          cell.numFmt = 'dd/mm/yyyy';
        } else cell.value = value;
      });
    });
    for (const m of s.merges) sheet.mergeCells(m.r + 1, 1, m.r + 1, m.width);
  }
  return new Uint8Array(await book.xlsx.writeBuffer());
}

export function fixtureOds(): Uint8Array {
  const book = XLSX.utils.book_new();
  for (const s of sheets()) {
    const sheet: XLSX.WorkSheet = {};
    let width = 1;
    s.rows.forEach((row, r) => {
      width = Math.max(width, row.length);
      row.forEach((value, c) => {
        if (value === null) return;
        const address = XLSX.utils.encode_cell({ r, c });
        if (typeof value === 'object') sheet[address] = { t: 'd', v: new Date(`${value.date}T00:00:00Z`), z: 'dd/mm/yyyy' };
        else sheet[address] = typeof value === 'number' ? { t: 'n', v: value } : { t: 's', v: value };
      });
    });
    sheet['!ref'] = XLSX.utils.encode_range({ s: { r: 0, c: 0 }, e: { r: s.rows.length - 1, c: width - 1 } });
    sheet['!merges'] = s.merges.map((m) => ({ s: { r: m.r, c: 0 }, e: { r: m.r, c: m.width - 1 } }));
    XLSX.utils.book_append_sheet(book, sheet, s.name);
  }
  return new Uint8Array(XLSX.write(book, { type: 'array', bookType: 'ods' }) as ArrayBuffer);
}

/** The Dispositifs sheet saved as CSV by a French Excel: « ; », Windows-1252, dates and decimals as shown. */
export function fixtureCsv(encoding: 'windows-1252' | 'utf-8-bom' = 'windows-1252'): Uint8Array {
  const [dispositifs] = sheets();
  const show = (v: Value): string => {
    if (v === null) return '';
    if (typeof v === 'object') return v.date.split('-').reverse().join('/');
    const text = String(v);
    return /[;"\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  const width = MECHANISM_HEADERS.length;
  const lines = dispositifs.rows.map((row) => Array.from({ length: width }, (_, i) => show(row[i] ?? null)).join(';'));
  const text = lines.join('\r\n') + '\r\n';
  return encoding === 'utf-8-bom' ? new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(text)]) : encodeWindows1252(text);
}

/** Windows-1252 for the characters French text uses (Latin-1 range, plus the curly quote and œ). */
export function encodeWindows1252(text: string): Uint8Array {
  const special = new Map([
    ['’', 0x92],
    ['œ', 0x9c],
    ['Œ', 0x8c],
    ['€', 0x80],
    ['—', 0x97],
    ['–', 0x96],
  ]);
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    const code = special.get(ch) ?? ch.charCodeAt(0);
    if (code > 0xff) throw new Error(`not encodable in Windows-1252: ${ch}`);
    out[i] = code;
  }
  return out;
}

/** The same data, written by hand in the exchange format. */
export const FIXTURE_EQUIVALENT: DatasetInput = {
  format: 'articulation/1',
  mechanisms: [
    {
      id: 'ptsm-des-deux-sevres',
      kind: 'PTSM',
      name: 'PTSM des Deux-Sèvres',
      status: 'active',
      territory: { departements: ['79'] },
      dates: { start: '2021-06-09', diagnosticAdopted: '2019-07-05', adopted: '2021-06-09' },
      coordinators: [{ person: 'coordination-du-ptsm', fte: 0.8 }],
    },
    {
      id: 'clsm-de-niort',
      kind: 'CLSM',
      name: 'CLSM de Niort',
      status: 'active',
      territory: { communes: ['79191'] },
      dates: { start: '2012-03-01' },
      themes: ['logement', 'sism'],
      coordinators: [{ person: 'marie-martin', fte: 1 }],
      Observations: 'Charte signée en 2013',
    },
    {
      id: 'clsm-du-haut-val-de-sevre',
      kind: 'CLSM',
      name: 'CLSM du Haut Val de Sèvre',
      status: 'dormant',
      statusHistory: [
        { status: 'active', from: '2016-09-15' },
        { status: 'dormant', from: '2024-03-01' },
      ],
      territory: { communes: ['79270', '79024', '79114'] },
      dates: { start: '2016-09-15' },
      themes: ['suicide'],
      coordinators: [{ person: 'paul-petit', fte: 0.5 }],
    },
    {
      id: 'cls-de-niort',
      kind: 'CLS',
      name: 'CLS de Niort',
      status: 'active',
      territory: { communes: ['79191'] },
      dates: { start: '2018-12-03', signed: '2018-12-03' },
      themes: ['logement', 'precarite'],
      coordinators: [{ person: 'coordination-cls-niort', fte: 1 }],
    },
    {
      id: 'cpts-du-niortais',
      kind: 'CPTS',
      name: 'CPTS du Niortais',
      status: 'active',
      territory: { communes: ['79191', '79081', '79003'] },
      dates: { start: '2020-01-01' },
    },
    {
      id: 'clsm-intercommunal-du-thouarsais',
      kind: 'CLSM',
      name: 'CLSM intercommunal du Thouarsais',
      status: 'project',
      territory: { epci: ['247900798'] },
      themes: ['jeunes'],
      Observations: 'Délibération prévue',
    },
  ],
  people: [
    { id: 'coordination-du-ptsm', label: 'Coordination du PTSM' },
    { id: 'marie-martin', label: 'Marie Martin' },
    { id: 'paul-petit', label: 'Paul Petit' },
    { id: 'coordination-cls-niort', label: 'Coordination CLS Niort' },
  ],
  links: [
    { kind: 'avis', from: 'clsm-de-niort', to: 'ptsm-des-deux-sevres', stage: 'diagnostic', date: '2019-05-10', opinion: 'favorable' },
    { kind: 'avis', from: 'clsm-de-niort', to: 'ptsm-des-deux-sevres', stage: 'projet', date: '2021-03-15', opinion: 'favorable-reserves', response: "Priorité logement ajoutée à l'axe 2" },
    { kind: 'avis', from: 'clsm-du-haut-val-de-sevre', to: 'ptsm-des-deux-sevres', stage: 'diagnostic', date: '2019-06-02', opinion: 'favorable-reserves' },
  ],
};
