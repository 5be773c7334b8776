// The PDF report read back as a person's tools read it (poppler-utils): text in order, every page's
// footer, rows never split, bookmarks, language, title, A4, tagged structure, embedded fonts.
import { spawnSync } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  REPORT_CHART_MAX_SERIES,
  chartDescription,
  classifyMap,
  frenchTypography,
  groupFindingsBySeverity,
  legendEntryText,
  mapDescription,
  reportHeadings,
  type ReportBlock,
  type ReportChart,
  type ReportDocument,
  type ReportFindings,
  type ReportMap,
  type ReportTable,
} from '../../model/report.ts';
import { departementCommunes } from '../../server/report/contours.ts';
import { CHART_STYLES, axisTicks } from '../../server/report/pdf-chart.ts';
import { BOTTOM, FOOTER_Y, PAGE } from '../../server/report/pdf-style.ts';
import { renderReportPdf } from '../../server/report/pdf.ts';
import {
  IN_CI,
  POPPLER_AVAILABLE,
  POPPLER_MISSING,
  RUN_PDF_TESTS,
  comparable,
  pdfDictionaryStrings,
  pdfInfo,
  pdfOutline,
  pdfPages,
  pdfStructure,
  pdfWords,
  writeTemporaryPdf,
} from './poppler.ts';
import { sampleReport } from './report-sample.ts';

/** Every block of a report, sections flattened, in reading order. */
function allBlocks(blocks: readonly ReportBlock[]): ReportBlock[] {
  return blocks.flatMap((b) => (b.kind === 'section' ? [b, ...allBlocks(b.blocks)] : [b]));
}
const blockOf = <K extends ReportBlock['kind']>(report: ReportDocument, kind: K, title?: string) =>
  allBlocks(report.blocks).find((b) => b.kind === kind && (title === undefined || ('title' in b && b.title === title))) as Extract<ReportBlock, { kind: K }>;

/** Where `needle` is in `haystack` from `from` on (comparable forms), or fails naming it. */
function positionOf(haystack: string, needle: string, from = 0): number {
  const at = haystack.indexOf(comparable(needle), from);
  if (at < 0) throw new Error(`texte introuvable dans le PDF (après la position ${from}) : « ${needle} »`);
  return at;
}

describe('poppler-utils', () => {
  it.skipIf(!IN_CI && !POPPLER_AVAILABLE)('is installed (required in CI: .ci/run installs it)', () => {
    expect(POPPLER_AVAILABLE, POPPLER_MISSING).toBe(true);
  });
});

describe('chart drawing', () => {
  it('has a distinct line style for each series a chart may have', () => {
    expect(CHART_STYLES).toBe(REPORT_CHART_MAX_SERIES);
  });

  it('draws axis ticks from 0 to a round value above the highest, about five of them', () => {
    expect(axisTicks([22.5, 83.1], 'percent').ticks).toEqual([0, 25, 50, 75, 100]);
    expect(axisTicks([1, 2, 3], 'integer').ticks).toEqual([0, 1, 2, 3]);
    expect(axisTicks([], 'integer').ticks).toEqual([0, 1]);
    expect(axisTicks([-3, 7], 'decimal').ticks).toEqual([-5, -2.5, 0, 2.5, 5, 7.5]);
  });
});

describe('PDF bytes', () => {
  it('are the same for the same report, also when two are rendered at once (the fonts are shared)', async () => {
    const report = sampleReport({ findings: 14, rows: 20 });
    const alone = await renderReportPdf(report);
    const [first, second] = await Promise.all([renderReportPdf(report), renderReportPdf(sampleReport({ findings: 14, rows: 20 }))]);
    expect(alone.subarray(0, 8).toString('latin1')).toBe('%PDF-1.7');
    expect(first.equals(alone)).toBe(true);
    expect(second.equals(alone)).toBe(true);
    const other = await renderReportPdf({ ...report, cover: { ...report.cover, dataVersion: 'version 129 du 3 septembre 2026' } });
    expect(other.equals(alone)).toBe(false);
  });
});

describe.runIf(RUN_PDF_TESTS)(`PDF report of a département${RUN_PDF_TESTS ? '' : ` (ignoré : ${POPPLER_MISSING})`}`, () => {
  let report: ReportDocument;
  let pdf: Buffer;
  let file: string;
  let pages: string[];
  let layoutPages: string[];
  let text: string;

  beforeAll(async () => {
    report = sampleReport();
    pdf = await renderReportPdf(report);
    file = writeTemporaryPdf(pdf);
    pages = pdfPages(file);
    layoutPages = pdfPages(file, true);
    text = comparable(pages.join('\n'));
  }, 60_000);

  it('sets the title, the A4 page size, tagging, and the page count every page states', () => {
    const info = pdfInfo(file);
    expect(info.get('Title')).toBe('Rapport départemental — Deux-Sèvres');
    expect(info.get('Page size')).toMatch(/^595\.2\d x 841\.8\d pts \(A4\)$/);
    expect(info.get('Tagged')).toBe('yes');
    const count = Number(info.get('Pages'));
    expect(count).toBe(pages.length);
    // 210 findings and a 300-row table cannot fit in a few pages.
    expect(count).toBeGreaterThan(30);
    const labels = pages.map((page) => [...page.matchAll(/Page (\d+) \/ (\d+)/g)].map((m) => `${m[1]}/${m[2]}`));
    expect(labels).toEqual(pages.map((_, i) => [`${i + 1}/${count}`]));
  });

  it('writes the territory, the reference date and the data version on every page', () => {
    pages.forEach((page, i) => {
      const flat = comparable(page);
      expect(flat, `page ${i + 1}`).toContain(comparable('Deux-Sèvres (79) — situation au 1er septembre 2026'));
      expect(flat, `page ${i + 1}`).toContain(comparable('Données : version 128 du 2 septembre 2026'));
    });
  });

  it('keeps the body above the bottom margin and nothing but the footer below it', () => {
    const words = pdfWords(file);
    expect(words).toHaveLength(pages.length);
    words.forEach((page, i) => {
      const footerZone = FOOTER_Y - 8;
      const body = page.filter((w) => w.yMin < footerZone);
      const overflow = body.filter((w) => w.yMax > BOTTOM + 2);
      expect(overflow.map((w) => w.text), `page ${i + 1} : texte dans la marge du bas`).toEqual([]);
      const footer = comparable(page.filter((w) => w.yMin >= footerZone).map((w) => w.text).join(' '));
      expect(footer, `page ${i + 1}`).toBe(comparable(`Deux-Sèvres (79) — situation au 1er septembre 2026 Données : version 128 du 2 septembre 2026 Page ${i + 1} / ${pages.length}`));
      expect(page.every((w) => w.xMax <= PAGE.width && w.yMax <= PAGE.height)).toBe(true);
    });
  });

  it('opens with the cover: title, territory, reference date, who generated it and when, data version', () => {
    const cover = comparable(pages[0]);
    for (const line of [
      'Rapport départemental — Deux-Sèvres',
      'Articulation des CLS, CLSM et PTSM',
      'Situation au 1er septembre 2026',
      'Généré le 3 septembre 2026 à 14 h 05 par Claire Martin (ARS Nouvelle-Aquitaine, délégation des Deux-Sèvres)',
      'Données : version 128 du 2 septembre 2026',
      'une donnée absente n’est pas une donnée fausse',
    ]) {
      expect(cover).toContain(comparable(line));
    }
    // The body starts on the next page.
    expect(comparable(pages[1])).toContain(comparable('Chiffres clés'));
  });

  it('lists the findings by severity first, each message with its basis, reference and fix, in order', () => {
    const { findings } = blockOf(report, 'findings') as ReportFindings;
    const groups = groupFindingsBySeverity(findings);
    expect(groups.map((g) => g.title)).toEqual(['Erreurs (60)', 'Avertissements (60)', 'Informations (90)']);
    // The input mixes severities; the PDF must not.
    expect(findings.slice(0, 3).map((f) => f.severity)).toEqual(['error', 'warning', 'info']);
    let cursor = positionOf(text, '60 erreurs, 60 avertissements et 90 informations.');
    const headings = groups.map((g) => positionOf(text, g.title, cursor));
    expect([...headings].sort((a, b) => a - b)).toEqual(headings);
    groups.forEach((group, g) => {
      const end = headings[g + 1] ?? Infinity;
      for (const finding of group.findings) {
        const message = positionOf(text, finding.message, cursor);
        expect(message, finding.message).toBeGreaterThan(headings[g]);
        expect(message, `${finding.message} est rangé sous ${group.title}`).toBeLessThan(end);
        const basis = positionOf(text, `Fondement : ${finding.basis}. Référence : ${finding.reference}`, message);
        cursor = positionOf(text, `Pour y remédier : ${finding.fix}`, basis);
        expect(cursor).toBeLessThan(end);
      }
    });
  });

  it('keeps every table row whole on one page, and repeats the header on each page of the table', () => {
    const table = blockOf(report, 'table', 'Communes, population et dispositifs') as ReportTable;
    expect(table.rows).toHaveLength(300);
    const flatPages = pages.map(comparable);
    const rowPages = table.rows.map((row, i) => {
      const marker = comparable(`(ligne ${i + 1})`);
      const found = flatPages.flatMap((page, p) => (page.includes(marker) ? [p] : []));
      expect(found, `ligne ${i + 1}`).toHaveLength(1);
      const page = flatPages[found[0]];
      // The whole row is on that page: its commune, its population and its remark from the first word.
      expect(page, `ligne ${i + 1}`).toContain(comparable(String(row[0])));
      expect(page, `ligne ${i + 1}`).toContain(comparable(new Intl.NumberFormat('fr-FR').format(row[2] as number)));
      expect(page, `ligne ${i + 1} (remarque entière)`).toContain(comparable(frenchTypography(String(row[3]))));
      return found[0];
    });
    const first = rowPages[0];
    const last = rowPages[rowPages.length - 1];
    expect(last - first).toBeGreaterThan(5);
    for (let p = first; p <= last; p++) {
      expect(layoutPages[p], `page ${p + 1}`).toMatch(/Commune\s+Département\s+Population\s+Remarque/);
    }
    // Rows keep their order.
    expect([...rowPages].sort((a, b) => a - b)).toEqual(rowPages);
  });

  it('writes the key figures, and the chart with its values as a table', () => {
    for (const figure of ['4', 'CLSM actifs', 'dont 1 intercommunal', '61,4 %', 'Population couverte par un CLSM', 'inconnu', 'composition inconnue pour 2 CLSM', '131']) {
      expect(text).toContain(comparable(figure));
    }
    const chartPage = layoutPages.findIndex((p) => p.includes('Valeurs du graphique'));
    expect(chartPage).toBeGreaterThan(0);
    expect(layoutPages[chartPage]).toMatch(/Année\s+CLSM\s+CLS\s+CPTS/);
    expect(layoutPages[chartPage]).toMatch(/2019\s+22,5\s?%\s+40,2\s?%\s+—/);
    expect(layoutPages[chartPage]).toMatch(/2026\s+61,4\s?%\s+78,2\s?%\s+83,1\s?%/);
  });

  it('draws the map of the Deux-Sèvres from the shipped contours, with its legend counts as text and as the figure’s alternative', () => {
    const map = blockOf(report, 'map') as ReportMap;
    const communes = departementCommunes('79')!;
    const { legend } = classifyMap(map.data!, communes.features.map((f) => ({ code: f.id, arrondissements: f.properties.arrondissements })));
    expect(legend.reduce((sum, l) => sum + l.communes, 0)).toBe(communes.features.length);
    for (const entry of legend) expect(text).toContain(comparable(legendEntryText(entry)));
    expect(text).toContain(comparable('IGN – Admin Express COG 2018'));
    const alternatives = pdfDictionaryStrings(pdf, 'Alt');
    const chart = blockOf(report, 'chart') as ReportChart;
    expect(alternatives).toEqual([frenchTypography(chartDescription(chart)), frenchTypography(mapDescription(map, legend))]);
    expect(alternatives[1]).toMatch(/Couverte par un CLSM actif\s:\s\d+\scommunes/);
  });

  it('sets the bookmarks (sections, and severity groups under Constats) on the pages of their headings, the language and the outline panel', () => {
    const outline = pdfOutline(file);
    expect(outline.map(({ level, title }) => ({ level, title }))).toEqual(reportHeadings(report).map(({ level, title }) => ({ level, title: frenchTypography(title) })));
    expect(outline.map((o) => o.title)).toEqual(['Chiffres clés', 'Carte de la couverture', 'Constats', 'Erreurs (60)', 'Avertissements (60)', 'Informations (90)', 'Avis des CLSM sur le PTSM des Deux-Sèvres', 'Communes et couverture']);
    for (const item of outline) expect(comparable(pages[item.page - 1]), item.title).toContain(comparable(item.title));
    const raw = pdf.toString('latin1');
    expect(raw).toContain('/Lang (fr-FR)');
    expect(raw).toContain('/PageMode /UseOutlines');
    expect(raw).toMatch(/\/DisplayDocTitle true/);
  });

  it('tags the logical structure: sections, headings, tables with column headers, figures, lists', () => {
    const tree = pdfStructure(file);
    for (const type of ['Document', 'Sect', 'H1', 'H2', 'H3', 'P', 'Table', 'Caption', 'THead', 'TBody', 'TH', 'TD', 'Figure', 'L', 'LI']) {
      expect(tree).toMatch(new RegExp(`^\\s*${type}\\b`, 'm'));
    }
    expect(tree).toContain('/Scope /Column');
    // The header repeated on later pages is an artifact: one header row per table in the structure.
    expect(tree.match(/^\s*THead\b/gm)).toHaveLength(3);
  });

  it('embeds its fonts, which write French: accents, œ, apostrophes, « » and non-breaking spaces', () => {
    const fonts = spawnSync('pdffonts', [file], { encoding: 'utf8' }).stdout.split('\n').slice(2).filter((l) => l.trim());
    expect(fonts.length).toBeGreaterThanOrEqual(3);
    for (const line of fonts) expect(line).toMatch(/SourceSans3.*\byes\b/);
    const plain = pages.join('\n');
    expect(plain).toContain('œuvre commune');
    expect(plain).toContain('n’a pas donné son avis');
    expect(plain).toMatch(/«\s?développer conjointement\s?»/);
    expect(plain).toContain('Deux-Sèvres');
  });
});

describe.runIf(RUN_PDF_TESTS)('PDF report without a map, with empty parts', () => {
  it('says so: the map placeholder, a table with no rows, missing contours, no findings', async () => {
    const report = sampleReport({ map: false, findings: 7, rows: 12 });
    const noFindings = blockOf(report, 'section', 'Avis des CLSM sur le PTSM des Deux-Sèvres');
    noFindings.blocks.push({ kind: 'findings', findings: [], empty: 'Aucun constat sur les avis à cette date.' });
    noFindings.blocks.push({
      kind: 'map',
      title: 'Couverture de la Corrèze',
      data: { departements: ['19'], categories: [{ id: 'a', label: 'Couverte', colour: '#000091' }], communes: [] },
    });
    const pdf = await renderReportPdf(report, { contours: (code) => (code === '19' ? undefined : departementCommunes(code)) });
    const file = writeTemporaryPdf(pdf);
    const text = comparable(pdfPages(file).join('\n'));
    expect(text).toContain(comparable('La carte de la couverture et des zones blanches sera disponible avec la vue Carte.'));
    expect(text).not.toContain(comparable('Couverte par un CLSM actif :'));
    expect(text).toContain(comparable('Aucune commune de plus de 10 000 habitants n’est en zone blanche.'));
    expect(text).toContain(comparable('Aucun constat sur les avis à cette date.'));
    expect(text).toContain(comparable('Contours indisponibles pour le département 19.'));
    expect(text).toContain(comparable('2 erreurs, 2 avertissements et 3 informations.'));
    expect(pdfOutline(file).map((o) => o.title)).toContain('Informations (3)');
  });

  it('lays out the unusual: a one-year chart, an empty series, eight series, deep sections, a page-long paragraph, a row taller than a page', async () => {
    const long = Array.from({ length: 900 }, (_, i) => `mot${i}`).join(' ');
    const report: ReportDocument = {
      ...sampleReport({ findings: 1, rows: 1 }),
      blocks: [
        { kind: 'chart', title: 'Une seule année', format: 'integer', years: [2026], series: [{ label: 'CLSM', values: [3] }, { label: 'CLS', values: [null] }] },
        { kind: 'chart', title: 'Huit séries', format: 'decimal', years: [2024, 2025, 2026], series: Array.from({ length: 8 }, (_, i) => ({ label: `Série ${i + 1}`, values: [i, i + 0.5, null] })) },
        { kind: 'section', title: 'Niveau 1', blocks: [{ kind: 'section', title: 'Niveau 2', blocks: [{ kind: 'section', title: 'Niveau 3', blocks: [{ kind: 'section', title: 'Niveau 4', blocks: [{ kind: 'paragraph', text: long }] }] }] }] },
        { kind: 'table', title: 'Ligne démesurée', columns: [{ label: 'Texte', width: 4 }, { label: 'Fin' }], rows: [['court', 'a'], [long, 'b'], ['après', 'c']] },
      ],
    };
    const pdf = await renderReportPdf(report);
    const file = writeTemporaryPdf(pdf);
    const pages = pdfPages(file);
    // The long paragraph flows over pages (the footer between them), every word in order.
    const words = pages.join('\n').split(/\s+/).filter((w) => /^mot\d+$/.test(w));
    expect(words.slice(0, 900)).toEqual(long.split(' '));
    expect(pages.filter((p) => p.includes('mot1 ')).length).toBeGreaterThanOrEqual(2);
    expect(pdfOutline(file).map(({ level, title }) => `${level} ${title}`)).toEqual(['1 Niveau 1', '2 Niveau 2', '3 Niveau 3', '4 Niveau 4']);
    // The row taller than a page is cut short with an ellipsis on one page, not split; the next row follows.
    const rowPage = pages.findIndex((p) => p.includes('mot0') && p.includes('Ligne démesurée') === false && p.includes('…'));
    expect(rowPage).toBeGreaterThan(0);
    expect(pages[rowPage]).toMatch(/\bb\b/);
    expect(comparable(pages.slice(rowPage).join(''))).toContain('après');
    for (const [i, page] of pdfWords(file).entries()) {
      expect(page.filter((w) => w.yMin < FOOTER_Y - 8 && w.yMax > BOTTOM + 2).map((w) => w.text), `page ${i + 1}`).toEqual([]);
    }
  });

  it('refuses a malformed report, naming the field, before writing anything', async () => {
    const report = sampleReport({ findings: 3, rows: 3 });
    (blockOf(report, 'table', 'Liste de contrôle des avis') as ReportTable).rows.push(['CLSM de Melle']);
    await expect(renderReportPdf(report)).rejects.toThrow(/blocks\.3\.blocks\.1 : la ligne 5 a 1 cellules pour 4 colonnes/);
  });
});
