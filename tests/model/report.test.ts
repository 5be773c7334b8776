import { describe, expect, it } from 'vitest';
import {
  REPORT_FORMAT,
  chartDescription,
  checkReport,
  classifyMap,
  coverLines,
  findingCountsSentence,
  formatCell,
  formatDateTimeFr,
  formatNumber,
  frenchTypography,
  groupFindingsBySeverity,
  mapDescription,
  pageFooterLines,
  reportHeadings,
  type ReportChart,
  type ReportDocument,
  type ReportFinding,
  type ReportMap,
  type ReportMapData,
} from '../../model/report.ts';
import type { Severity } from '../../model/rules/types.ts';

const NNBSP = '\u202f';
const NBSP = '\u00a0';

const finding = (severity: Severity, message: string): ReportFinding => ({ severity, title: `Titre ${message}`, basis: 'Loi', message, reference: 'CSP L.3221-2', fix: 'Corriger' });

const minimal = (blocks: unknown[]): ReportDocument =>
  ({
    format: REPORT_FORMAT,
    title: 'Rapport départemental — Deux-Sèvres',
    cover: { territory: 'Deux-Sèvres (79)', asOf: '2026-09-01', generatedAt: '2026-09-03T12:05:00Z', generatedBy: 'Claire Martin (ARS)', dataVersion: 'version 128' },
    blocks,
  }) as ReportDocument;

describe('report schema', () => {
  it('accepts a report of every kind of block', () => {
    const report = minimal([
      { kind: 'section', title: 'Chiffres clés', blocks: [{ kind: 'key-figures', figures: [{ label: 'CLSM actifs', value: 4, format: 'integer' }, { label: 'Avis', value: null, format: 'percent' }] }] },
      { kind: 'paragraph', text: 'Texte', style: 'note' },
      { kind: 'chart', title: 'Évolution', format: 'integer', years: [2024, 2025], series: [{ label: 'CLSM', values: [1, null] }] },
      { kind: 'map', title: 'Carte', placeholder: 'Bientôt' },
      { kind: 'map', title: 'Carte', data: { departements: ['79'], categories: [{ id: 'a', label: 'A', colour: '#000091' }], communes: [{ code: '79191', category: 'a' }] } },
      { kind: 'table', columns: [{ label: 'Commune' }, { label: 'Population', format: 'integer', width: 2 }], rows: [['Niort', 59000], ['Aiffres', null]] },
      { kind: 'findings', findings: [finding('info', 'x')] },
    ]);
    expect(checkReport(report)).toEqual(report);
  });

  it('names the field and the fault: a row with too few cells, a chart series of the wrong length, a wrong date', () => {
    const table = minimal([{ kind: 'section', title: 'S', blocks: [{ kind: 'table', columns: [{ label: 'A' }, { label: 'B' }], rows: [['a', 'b'], ['c']] }] }]);
    expect(() => checkReport(table)).toThrow(/blocks\.0\.blocks\.0 : la ligne 2 a 1 cellules pour 2 colonnes/);
    const chart = minimal([{ kind: 'chart', title: 'C', format: 'integer', years: [2024, 2025], series: [{ label: 'CLSM', values: [1] }] }]);
    expect(() => checkReport(chart)).toThrow(/blocks\.0 : chaque série doit avoir une valeur par année \(2\)/);
    const years = minimal([{ kind: 'chart', title: 'C', format: 'integer', years: [2025, 2024], series: [{ label: 'CLSM', values: [1, 2] }] }]);
    expect(() => checkReport(years)).toThrow(/années doivent être croissantes/);
    const many = minimal([{ kind: 'chart', title: 'C', format: 'integer', years: [2025], series: Array.from({ length: 9 }, (_, i) => ({ label: `S${i}`, values: [i] })) }]);
    expect(() => checkReport(many)).toThrow(/blocks\.0\.series : au plus 8 séries/);
    const date = { ...minimal([]), cover: { ...minimal([]).cover, asOf: '2026-02-30' } };
    expect(() => checkReport(date)).toThrow(/cover\.asOf : « 2026-02-30 » n'est pas une date/);
    expect(() => checkReport(minimal([{ kind: 'chapter', title: 'x' }]))).toThrow(/blocks\.0.*bloc inconnu/);
  });

  it('refuses a map with both data and a placeholder, or neither; an unknown category; a colour not #rrggbb', () => {
    const data: ReportMapData = { departements: ['79'], categories: [{ id: 'a', label: 'A', colour: '#000091' }], communes: [] };
    expect(() => checkReport(minimal([{ kind: 'map', title: 'C', data, placeholder: 'x' }]))).toThrow(/soit des données/);
    expect(() => checkReport(minimal([{ kind: 'map', title: 'C' }]))).toThrow(/soit des données/);
    expect(() => checkReport(minimal([{ kind: 'map', title: 'C', data: { ...data, communes: [{ code: '79191', category: 'b' }] } }]))).toThrow(/désigner une catégorie/);
    expect(() => checkReport(minimal([{ kind: 'map', title: 'C', data: { ...data, defaultCategory: 'z' } }]))).toThrow(/désigner une catégorie/);
    expect(() => checkReport(minimal([{ kind: 'map', title: 'C', data: { ...data, categories: [{ id: 'a', label: 'A', colour: 'blue' }] } }]))).toThrow(/« blue » n'est pas une couleur/);
    expect(() => checkReport(minimal([{ kind: 'map', title: 'C', data: { ...data, departements: ['7'] } }]))).toThrow(/« 7 » n'est pas un code département/);
  });
});

describe('French writing', () => {
  it('writes numbers, percents and unknowns the French way', () => {
    expect(formatNumber(230412, 'integer')).toBe(`230${NNBSP}412`);
    expect(formatNumber(0.75, 'decimal')).toBe('0,75');
    expect(formatNumber(61.44, 'percent')).toBe(`61,4${NNBSP}%`);
    expect(formatNumber(null, 'percent')).toBe('inconnu');
    expect(formatCell(null, 'integer')).toBe('—');
    expect(formatCell(1234, 'integer')).toBe(`1${NNBSP}234`);
    expect(formatCell('2021-06-09', 'date')).toBe('9 juin 2021');
    expect(formatCell('2021-06-01', 'date')).toBe('1er juin 2021');
    expect(formatCell('Niort', 'text')).toBe('Niort');
  });

  it('writes the generation time in Paris time, summer and winter', () => {
    expect(formatDateTimeFr('2026-09-03T12:05:00Z')).toBe(`3 septembre 2026 à 14${NBSP}h${NBSP}05`);
    expect(formatDateTimeFr('2026-12-07T23:30:00Z')).toBe(`8 décembre 2026 à 00${NBSP}h${NBSP}30`);
  });

  it('applies French typography to running text but leaves addresses and times alone', () => {
    expect(frenchTypography("L'avis du CLSM : « reçu » ; manquant ? oui ! 34 %")).toBe(`L’avis du CLSM${NBSP}: «${NBSP}reçu${NBSP}»${NNBSP}; manquant${NNBSP}? oui${NNBSP}! 34${NNBSP}%`);
    expect(frenchTypography('/api/geo?v=1 à 14:05')).toBe('/api/geo?v=1 à 14:05');
  });

  it('puts the territory, the date and the data version in the footer and on the cover', () => {
    const report = minimal([]);
    expect(pageFooterLines(report)).toEqual(['Deux-Sèvres (79) — situation au 1er septembre 2026', 'Données : version 128']);
    expect(coverLines(report.cover)).toEqual(['Situation au 1er septembre 2026', `Généré le 3 septembre 2026 à 14${NBSP}h${NBSP}05 par Claire Martin (ARS)`, 'Données : version 128']);
  });
});

describe('findings by severity', () => {
  it('groups errors, then warnings, then information, keeping the order inside a group and leaving out empty groups', () => {
    const groups = groupFindingsBySeverity([finding('info', 'i1'), finding('error', 'e1'), finding('info', 'i2'), finding('error', 'e2')]);
    expect(groups.map((g) => g.title)).toEqual(['Erreurs (2)', 'Informations (2)']);
    expect(groups.map((g) => g.findings.map((f) => f.message))).toEqual([['e1', 'e2'], ['i1', 'i2']]);
    expect(groupFindingsBySeverity([])).toEqual([]);
  });

  it('says the counts with plural agreement', () => {
    expect(findingCountsSentence(groupFindingsBySeverity([finding('error', 'a'), finding('warning', 'b'), finding('warning', 'c'), finding('info', 'd')]))).toBe('1 erreur, 2 avertissements et 1 information');
    expect(findingCountsSentence([])).toBe('aucun constat');
  });

  it('lists the headings a table of contents or the PDF outline shows, severity groups under their section', () => {
    const report = minimal([
      { kind: 'section', title: 'Chiffres clés', blocks: [] },
      { kind: 'section', title: 'Constats', blocks: [{ kind: 'section', title: 'Sous-partie', blocks: [] }, { kind: 'findings', findings: [finding('warning', 'w'), finding('error', 'e')] }] },
    ]);
    expect(reportHeadings(report)).toEqual([
      { level: 1, title: 'Chiffres clés' },
      { level: 1, title: 'Constats' },
      { level: 2, title: 'Sous-partie' },
      { level: 2, title: 'Erreurs (1)' },
      { level: 2, title: 'Avertissements (1)' },
    ]);
  });
});

describe('chart and map text equivalents', () => {
  it('sums up a chart with the first and last known value of each series', () => {
    const chart: ReportChart = { kind: 'chart', title: 'Population couverte', format: 'percent', years: [2019, 2020, 2021], series: [{ label: 'CLSM', values: [null, 20, 35.15] }, { label: 'CLS', values: [null, null, null] }] };
    expect(chartDescription(chart)).toBe(`Population couverte, de 2019 à 2021. CLSM : 20${NNBSP}% en 2020, 35,2${NNBSP}% en 2021 ; CLS : aucune valeur. Valeurs dans le tableau qui suit.`);
    expect(chartDescription({ ...chart, description: 'Autre' })).toBe('Autre');
  });

  it('colours communes by category, counts them for the legend, and colours a city drawn whole by its first category in legend order', () => {
    const data: ReportMapData = {
      departements: ['69'],
      categories: [
        { id: 'clsm', label: 'Couverte par un CLSM', colour: '#000091' },
        { id: 'none', label: 'Zone blanche', colour: '#f4c7a1' },
      ],
      communes: [
        { code: '69001', category: 'clsm' },
        { code: '69002', category: 'none' },
        { code: '69382', category: 'none' },
        { code: '69383', category: 'clsm' },
        { code: '99999', category: 'clsm' },
      ],
    };
    const features = [{ code: '69001' }, { code: '69002' }, { code: '69003' }, { code: '69123', arrondissements: ['69381', '69382', '69383'] }];
    const { colourOf, legend } = classifyMap(data, features);
    expect(Object.fromEntries(colourOf)).toEqual({ '69001': '#000091', '69002': '#f4c7a1', '69003': '#e5e5e5', '69123': '#000091' });
    expect(legend).toEqual([
      { label: 'Couverte par un CLSM', colour: '#000091', communes: 2 },
      { label: 'Zone blanche', colour: '#f4c7a1', communes: 1 },
      { label: 'Sans donnée', colour: '#e5e5e5', communes: 1 },
    ]);
    // With a default category nothing is « sans donnée ».
    const withDefault = classifyMap({ ...data, defaultCategory: 'none' }, features);
    expect(withDefault.legend.map((l) => l.communes)).toEqual([2, 2]);
    const map: ReportMap = { kind: 'map', title: 'Couverture', data };
    expect(mapDescription(map, withDefault.legend)).toBe('Couverture. Couverte par un CLSM : 2 communes ; Zone blanche : 2 communes.');
  });

  it('gives a city whose arrondissements differ the partial category, listed in the legend only when some city is in it', () => {
    const data: ReportMapData = {
      departements: ['69'],
      categories: [
        { id: 'clsm', label: 'Couverte par un CLSM', colour: '#000091' },
        { id: 'partielle', label: 'Ville aux arrondissements inégalement couverts', colour: '#8d7cc3' },
        { id: 'none', label: 'Zone blanche', colour: '#f4c7a1' },
      ],
      partialCategory: 'partielle',
      communes: [
        { code: '69001', category: 'clsm' },
        { code: '69382', category: 'none' },
        { code: '69383', category: 'clsm' },
      ],
    };
    const lyon = { code: '69123', arrondissements: ['69381', '69382', '69383'] };
    const mixed = classifyMap(data, [{ code: '69001' }, lyon]);
    expect(mixed.colourOf.get('69123')).toBe('#8d7cc3');
    expect(mixed.legend.map((l) => [l.label, l.communes])).toEqual([
      ['Couverte par un CLSM', 1],
      ['Ville aux arrondissements inégalement couverts', 1],
      ['Zone blanche', 0],
    ]);
    // Every arrondissement alike: the city takes their category, and the partial one leaves the legend.
    const alike = classifyMap({ ...data, communes: [{ code: '69382', category: 'none' }, { code: '69383', category: 'none' }] }, [lyon]);
    expect(alike.colourOf.get('69123')).toBe('#f4c7a1');
    expect(alike.legend.map((l) => l.label)).toEqual(['Couverte par un CLSM', 'Zone blanche']);
    expect(() => checkReport(minimal([{ kind: 'map', title: 'Carte', data: { ...data, partialCategory: 'inconnue' } }]))).toThrow(/catégories par défaut et partielle/);
  });
});
