// The PDF rendering of a report document (model/report.ts): A4, tagged (a logical structure for
// screen readers: sections, headings, paragraphs, tables with header cells, figures with a text
// alternative), in French (catalogue language fr-FR), with bookmarks, and on every page the
// territory, the reference date, the data version and « Page n / N ». No browser: pdfkit lays the
// text out with an embedded open font, and the map is drawn from the shipped contours (svgMap).
//
// Layout is top to bottom with a cursor. What must stay whole (a table row, a finding, a row of
// key figures, a chart, a map) is measured first and moved to the next page when it does not fit;
// a heading moves with the start of what follows it; a table's header is drawn again at the top
// of each page it continues on (as an artifact, so that a screen reader reads it once). Pages are
// buffered, so that the footer and « Page n / N » are written once the page count is known.
import PDFDocument from 'pdfkit';
import { GEO_ATTRIBUTION, svgMap, type CommuneCollection, type CommuneFeature, type SvgMap } from '../../model/geo.ts';
import {
  chartDescription,
  checkReport,
  classifyMap,
  coverLines,
  findingCountsSentence,
  formatCell,
  formatNumber,
  frenchTypography,
  groupFindingsBySeverity,
  isNumericColumn,
  legendEntryText,
  mapDescription,
  pageFooterLines,
  pageNumberLabel,
  severityLabel,
  type MapLegendEntry,
  type ReportBlock,
  type ReportChart,
  type ReportDocument,
  type ReportFinding,
  type ReportFindings,
  type ReportFigure,
  type ReportKeyFigures,
  type ReportMap,
  type ReportSection,
  type ReportTable,
} from '../../model/report.ts';
import { uncapitalize } from '../../model/text.ts';
import { departementCommunes } from './contours.ts';
import { chartHeight, drawChart } from './pdf-chart.ts';
import {
  BODY,
  BODY_HEIGHT,
  BOTTOM,
  CELL,
  CELL_HEADER,
  CM,
  COLOUR,
  FOOTER_Y,
  HEADINGS,
  LEFT,
  MARGIN,
  NOTE,
  Pen,
  SEVERITY_COLOUR,
  SMALL,
  STRONG,
  TOP,
  WIDTH,
  reportFonts,
  type Doc,
  type TextStyle,
} from './pdf-style.ts';

type Struct = PDFKit.PDFStructureElement;
type Outline = PDFKit.PDFOutline;
/** Options of a structure element (pdfkit also reads `scope` on TH, which its types lack). */
type StructOptions = { alt?: string; scope?: 'Column' | 'Row' };

export interface PdfRenderOptions {
  /** The communes of a département, for map figures (default: the shipped data/geo files). */
  contours?: (departement: string) => CommuneCollection | undefined;
}

/** The report as a PDF file. Throws (naming the field) if the report does not match its schema. */
export async function renderReportPdf(report: ReportDocument, options: PdfRenderOptions = {}): Promise<Buffer> {
  const checked = checkReport(report);
  const doc = new PDFDocument({
    size: 'A4',
    margins: MARGIN,
    bufferPages: true,
    pdfVersion: '1.7',
    tagged: true,
    lang: 'fr-FR',
    displayTitle: true,
    info: {
      Title: checked.title,
      Author: checked.cover.generatedBy,
      Subject: `${checked.cover.territory} — situation au ${checked.cover.asOf}`,
      Keywords: 'CLSM, CLS, PTSM, santé mentale, articulation',
      Creator: 'Planificateur d’articulation CLS, CLSM et PTSM',
      CreationDate: new Date(checked.cover.generatedAt),
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });
  // pdfkit ≥ 0.20 takes a parsed fontkit font (its types still say a path or bytes).
  for (const [name, font] of reportFonts()) doc.registerFont(name, font as unknown as ArrayBuffer);

  const writer = new PdfWriter(doc, options.contours ?? ((code) => departementCommunes(code)));
  writer.cover(checked);
  writer.blocks(checked.blocks, 1);
  writer.finish(checked);
  doc.end();
  await ended;
  return Buffer.concat(chunks);
}

// ---------------------------------------------------------------------------------------------

const PARAGRAPH_GAP = 6;
const BLOCK_GAP = 10;
const CELL_PADDING = 3;
const KEY_FIGURES = { perRow: 3, gap: 10, value: { font: 'semibold', size: 20, colour: COLOUR.blue } as TextStyle, label: { font: 'semibold', size: 9.5, lineGap: 0.5 } as TextStyle };
const FINDING = { indent: 10, badge: { font: 'semibold', size: 8, colour: COLOUR.white } as TextStyle, fix: { ...BODY, size: 9.5 } as TextStyle };
const MAP_MAX_HEIGHT = 400;
const LEGEND_ROW = 14;

/** A map figure made ready once: measured to keep it whole, then drawn. */
interface PreparedMap {
  drawing?: SvgMap;
  scale: number;
  height: number;
  legend: MapLegendEntry[];
  missing: string[];
}

class PdfWriter {
  private readonly pen: Pen;
  private readonly root: Struct;
  /** Structure elements content goes into, innermost last. */
  private readonly parents: Struct[];
  /** Bookmarks by level: outlines[0] is the document's outline. */
  private readonly outlines: Outline[];
  private readonly maps = new WeakMap<ReportMap, PreparedMap>();

  constructor(
    private readonly doc: Doc,
    private readonly contours: (departement: string) => CommuneCollection | undefined,
  ) {
    this.pen = new Pen(doc);
    this.root = doc.struct('Document');
    doc.addStructure(this.root);
    this.parents = [this.root];
    this.outlines = [doc.outline];
  }

  // -------------------------------------------------------------------------------------------
  // Cursor, structure, decoration

  private get y(): number {
    return this.doc.y;
  }

  private set y(value: number) {
    this.doc.y = value;
  }

  private get parent(): Struct {
    return this.parents[this.parents.length - 1];
  }

  private newPage(): void {
    this.doc.addPage();
    this.y = TOP;
  }

  /** Moves to a new page unless `height` fits below the cursor (at the top of a page, anything goes). */
  private keep(height: number): void {
    if (this.y + height > BOTTOM && this.y > TOP + 1) this.newPage();
  }

  /** A structure element; with `content`, drawn as soon as it is added to an attached parent. */
  private struct(type: string, content?: (() => unknown) | Struct[], options: StructOptions = {}): Struct {
    const typed = options as PDFKit.Mixins.StructureElementOptions;
    return content === undefined ? this.doc.struct(type, typed) : this.doc.struct(type, typed, content as PDFKit.PDFStructureElementChild[]);
  }

  /** Adds a structure element to the current parent and draws its content now. */
  private tag(type: string, content: () => unknown, options: StructOptions = {}): void {
    this.parent.add(this.struct(type, content, options));
  }

  /** Opens a structure element that blocks go into until `close`. */
  private open(type: string): Struct {
    const element = this.struct(type);
    this.parent.add(element);
    this.parents.push(element);
    return element;
  }

  private close(element: Struct): void {
    this.parents.pop();
    element.end();
  }

  /**
   * Decoration (rules, boxes, swatches), marked as an artifact that screen readers skip. Never
   * inside a tagged element's content: pdfkit closes that element's marked content first.
   */
  private artifact(draw: () => void, type: 'Layout' | 'Pagination' = 'Layout'): void {
    this.doc.markContent('Artifact', { type });
    draw();
    this.doc.endMarkedContent();
  }

  // -------------------------------------------------------------------------------------------
  // Measures: what a block needs below the cursor to start (its heading stays with it)

  private lead(block: ReportBlock | undefined): number {
    if (!block) return 0;
    switch (block.kind) {
      case 'section':
        return this.headingHeight(block.title, 1) + this.lead(block.blocks[0]);
      case 'paragraph':
        return Math.min(this.pen.height(block.text, BODY, WIDTH), 3 * 13);
      case 'key-figures':
        return this.keyFigureRowHeight(block.figures.slice(0, KEY_FIGURES.perRow));
      case 'chart':
        return this.pen.height(block.title, STRONG, WIDTH) + 6 + chartHeight(block);
      case 'map':
        return this.mapHeight(block);
      case 'table':
        return this.tableLead(block);
      case 'findings': {
        const first = groupFindingsBySeverity(block.findings)[0];
        if (!first) return this.pen.height(block.empty ?? '', NOTE, WIDTH);
        return 2 * 13 + this.headingHeight(first.title, 2) + this.findingHeight(first.findings[0]);
      }
    }
  }

  private headingHeight(title: string, level: number): number {
    return this.pen.height(title, headingStyle(level), WIDTH) + (level === 1 ? 12 : 7);
  }

  // -------------------------------------------------------------------------------------------
  // Cover

  cover(report: ReportDocument): void {
    const { cover } = report;
    this.artifact(() => this.doc.rect(LEFT, TOP, 2.2 * CM, 4).fill(COLOUR.blue));
    this.tag('P', () => this.pen.text('Planificateur d’articulation CLS, CLSM et PTSM', SMALL, LEFT, TOP + 12, WIDTH));
    this.y = TOP + 3 * CM;
    this.tag('H1', () => this.pen.text(report.title, { font: 'semibold', size: 26, colour: COLOUR.blue, lineGap: 2 }, LEFT, this.y, WIDTH));
    this.y += 8;
    if (cover.subtitle) {
      this.tag('P', () => this.pen.text(cover.subtitle!, { font: 'regular', size: 14 }, LEFT, this.y, WIDTH));
      this.y += 6;
    }
    this.tag('P', () => this.pen.text(cover.territory, { font: 'semibold', size: 16 }, LEFT, this.y, WIDTH));
    this.y += 22;
    for (const line of coverLines(cover)) {
      this.tag('P', () => this.pen.text(line, { ...BODY, size: 11 }, LEFT, this.y, WIDTH));
      this.y += 4;
    }
    this.y += 16;
    for (const note of cover.notes ?? []) this.paragraph(note, BODY);
    this.newPage();
  }

  // -------------------------------------------------------------------------------------------
  // Blocks

  blocks(blocks: readonly ReportBlock[], level: number): void {
    for (const block of blocks) {
      switch (block.kind) {
        case 'section':
          this.section(block, level);
          break;
        case 'paragraph':
          this.paragraph(block.text, block.style === 'note' ? NOTE : BODY);
          break;
        case 'key-figures':
          this.keyFigures(block);
          break;
        case 'chart':
          this.chart(block);
          break;
        case 'map':
          this.map(block);
          break;
        case 'table':
          this.table(block);
          break;
        case 'findings':
          this.findings(block, level);
          break;
      }
    }
  }

  /** A flowing paragraph: it may continue on the next page, but starts with room for a few lines. */
  private paragraph(text: string, style: TextStyle, gapAfter = PARAGRAPH_GAP): void {
    this.keep(Math.min(this.pen.height(text, style, WIDTH), 3 * 13));
    this.tag('P', () => this.pen.text(text, style, LEFT, this.y, WIDTH));
    this.y += gapAfter;
  }

  /** A heading (H1…H6) and its bookmark, kept on the page of the `follow` points that come after it. */
  private heading(title: string, level: number, follow: number): void {
    const height = this.headingHeight(title, level);
    this.keep(height + Math.min(follow, BODY_HEIGHT - height));
    this.y += level === 1 ? 4 : 2;
    this.tag(`H${Math.min(level, 6)}`, () => this.pen.text(title, headingStyle(level), LEFT, this.y, WIDTH));
    this.y += level === 1 ? 8 : 5;
    const depth = Math.min(level, this.outlines.length);
    const parent = this.outlines[depth - 1];
    this.outlines.length = depth;
    this.outlines.push(parent.addItem(frenchTypography(title), { expanded: level === 1 }));
  }

  private section(section: ReportSection, level: number): void {
    if (section.pageBreakBefore && this.y > TOP + 1) this.newPage();
    const element = this.open('Sect');
    this.heading(section.title, level, this.lead(section.blocks[0]));
    this.blocks(section.blocks, level + 1);
    this.close(element);
    this.y += PARAGRAPH_GAP;
  }

  // -------------------------------------------------------------------------------------------
  // Key figures: boxes, three a row

  private keyFigureRowHeight(row: readonly ReportFigure[]): number {
    const inner = keyFigureWidth() - 16;
    return row.reduce((max, f) => {
      const value = this.pen.height(formatNumber(f.value, f.format), KEY_FIGURES.value, inner);
      const label = this.pen.height(f.label, KEY_FIGURES.label, inner);
      const detail = f.detail ? this.pen.height(f.detail, SMALL, inner) + 2 : 0;
      return Math.max(max, value + label + detail + 18);
    }, 0);
  }

  private keyFigures(block: ReportKeyFigures): void {
    const boxWidth = keyFigureWidth();
    const inner = boxWidth - 16;
    for (let start = 0; start < block.figures.length; start += KEY_FIGURES.perRow) {
      const row = block.figures.slice(start, start + KEY_FIGURES.perRow);
      const height = this.keyFigureRowHeight(row);
      this.keep(height);
      const top = this.y;
      row.forEach((figure, i) => {
        const x = LEFT + i * (boxWidth + KEY_FIGURES.gap);
        this.artifact(() => this.doc.rect(x, top, boxWidth, height).fill(COLOUR.shade).rect(x, top, 3, height).fill(COLOUR.blue));
        this.tag('P', () => {
          let y = top + 8;
          y += this.pen.text(formatNumber(figure.value, figure.format), KEY_FIGURES.value, x + 10, y, inner);
          y += this.pen.text(figure.label, KEY_FIGURES.label, x + 10, y, inner);
          if (figure.detail) this.pen.text(figure.detail, SMALL, x + 10, y + 2, inner);
        });
      });
      this.y = top + height + KEY_FIGURES.gap;
    }
  }

  // -------------------------------------------------------------------------------------------
  // Tables: the header repeated on each page, rows kept whole

  private tableLayout(table: ReportTable) {
    const total = table.columns.reduce((sum, c) => sum + (c.width ?? 1), 0);
    const widths = table.columns.map((c) => (WIDTH * (c.width ?? 1)) / total);
    const xs = widths.map((_, i) => LEFT + widths.slice(0, i).reduce((a, b) => a + b, 0));
    const aligns = table.columns.map((c): 'left' | 'right' => (isNumericColumn(c) ? 'right' : 'left'));
    const labels = table.columns.map((c) => c.label);
    return { widths, xs, aligns, labels, headerHeight: this.rowHeight(labels, widths, CELL_HEADER) };
  }

  private tableLead(table: ReportTable): number {
    const caption = table.title ? this.pen.height(table.title, STRONG, WIDTH) + 4 : 0;
    if (table.rows.length === 0) return caption + this.pen.height(table.empty ?? 'Aucune ligne.', NOTE, WIDTH);
    const layout = this.tableLayout(table);
    const first = table.rows[0].map((cell, i) => formatCell(cell, table.columns[i].format));
    return caption + layout.headerHeight + Math.min(this.rowHeight(first, layout.widths, CELL), BODY_HEIGHT / 2);
  }

  private table(table: ReportTable): void {
    if (table.rows.length === 0) {
      if (table.title) this.paragraph(table.title, STRONG, 2);
      this.paragraph(table.empty ?? 'Aucune ligne.', NOTE);
      return;
    }
    const { widths, xs, aligns, labels, headerHeight } = this.tableLayout(table);
    // The caption, the header and the first row stay together.
    this.keep(this.tableLead(table));
    const element = this.open('Table');
    if (table.title) {
      this.tag('Caption', () => this.pen.text(table.title!, STRONG, LEFT, this.y, WIDTH));
      this.y += 4;
    }
    const head = this.open('THead');
    this.row(labels, { widths, xs, aligns }, headerHeight, CELL_HEADER, COLOUR.header, 'TH');
    this.close(head);
    const body = this.open('TBody');
    const maxRow = BODY_HEIGHT - headerHeight;
    table.rows.forEach((cells, index) => {
      const texts = cells.map((cell, i) => formatCell(cell, table.columns[i].format));
      // A row taller than a whole page (never in practice) is cut short with an ellipsis, not split.
      const height = Math.min(this.rowHeight(texts, widths, CELL), maxRow);
      if (this.y + height > BOTTOM) {
        this.newPage();
        this.artifact(() => this.row(labels, { widths, xs, aligns }, headerHeight, CELL_HEADER, COLOUR.header), 'Pagination');
      }
      this.row(texts, { widths, xs, aligns }, height, CELL, index % 2 === 1 ? COLOUR.shade : undefined, 'TD');
    });
    this.close(body);
    this.close(element);
    this.y += BLOCK_GAP;
  }

  private rowHeight(cells: readonly string[], widths: readonly number[], style: TextStyle): number {
    return cells.reduce((max, text, i) => Math.max(max, this.pen.height(text, style, widths[i] - 2 * CELL_PADDING)), 0) + 2 * CELL_PADDING;
  }

  /** One row at the cursor: tagged TR with TH or TD cells in the current parent, or (no `cellType`) drawn only. */
  private row(
    cells: readonly string[],
    columns: { widths: readonly number[]; xs: readonly number[]; aligns: readonly ('left' | 'right')[] },
    height: number,
    style: TextStyle,
    fill: string | undefined,
    cellType?: 'TH' | 'TD',
  ): void {
    const top = this.y;
    const decorate = () => {
      if (fill) this.doc.rect(LEFT, top, WIDTH, height).fill(fill);
      this.doc.moveTo(LEFT, top + height).lineTo(LEFT + WIDTH, top + height).lineWidth(0.5).stroke(COLOUR.border);
    };
    const cell = (i: number) =>
      this.pen.text(cells[i], style, columns.xs[i] + CELL_PADDING, top + CELL_PADDING, columns.widths[i] - 2 * CELL_PADDING, {
        align: columns.aligns[i],
        height: height - 2 * CELL_PADDING,
        ellipsis: true,
      });
    if (cellType) {
      this.artifact(decorate);
      const row = this.struct('TR');
      this.parent.add(row);
      cells.forEach((_, i) => row.add(this.struct(cellType, () => cell(i), cellType === 'TH' ? { scope: 'Column' } : {})));
      row.end();
    } else {
      decorate();
      cells.forEach((_, i) => cell(i));
    }
    this.y = top + height;
  }

  // -------------------------------------------------------------------------------------------
  // Findings, by severity first

  private findings(block: ReportFindings, level: number): void {
    const groups = groupFindingsBySeverity(block.findings);
    if (groups.length === 0) {
      this.paragraph(block.empty ?? 'Aucun constat.', NOTE);
      return;
    }
    const counts = findingCountsSentence(groups);
    this.paragraph(`${counts[0].toUpperCase()}${counts.slice(1)}.`, BODY);
    for (const group of groups) {
      const element = this.open('Sect');
      this.heading(group.title, level, this.findingHeight(group.findings[0]));
      for (const finding of group.findings) this.finding(finding, level + 1);
      this.close(element);
    }
  }

  private findingParts(finding: ReportFinding): { text: string; style: TextStyle }[] {
    return [
      { text: finding.message, style: BODY },
      { text: `Fondement : ${finding.basis}. Référence : ${finding.reference}`, style: SMALL },
      { text: `Pour y remédier : ${finding.fix}`, style: FINDING.fix },
    ];
  }

  private badgeWidth(finding: ReportFinding): number {
    return this.pen.width(severityLabel(finding.severity), FINDING.badge) + 8;
  }

  private findingHeight(finding: ReportFinding): number {
    const width = WIDTH - FINDING.indent;
    const title = this.pen.height(finding.title, HEADINGS[2], width - this.badgeWidth(finding) - 6);
    return title + 4 + this.findingParts(finding).reduce((sum, p) => sum + this.pen.height(p.text, p.style, width) + 3, 0);
  }

  /** A finding: severity badge and title (a heading for screen readers), message, basis and reference, fix. Kept whole. */
  private finding(finding: ReportFinding, level: number): void {
    const x = LEFT + FINDING.indent;
    const width = WIDTH - FINDING.indent;
    const badgeWidth = this.badgeWidth(finding);
    const colour = SEVERITY_COLOUR[finding.severity];
    this.keep(this.findingHeight(finding));
    const top = this.y;
    const page = this.doc.page;
    const element = this.open('Div');
    this.artifact(() => this.doc.roundedRect(x, top + 1.5, badgeWidth, 11, 2).fill(colour));
    this.tag(`H${Math.min(level, 6)}`, () => {
      this.pen.text(severityLabel(finding.severity), FINDING.badge, x + 4, top + 3, badgeWidth, { lineBreak: false });
      this.y = top + this.pen.text(finding.title, HEADINGS[2], x + badgeWidth + 6, top, width - badgeWidth - 6) + 4;
    });
    for (const part of this.findingParts(finding)) {
      this.tag('P', () => this.pen.text(part.text, part.style, x, this.y, width));
      this.y += 3;
    }
    this.close(element);
    // The severity's bar, when the finding fits on its page (one taller than a page flows on).
    const bottom = this.y - 3;
    if (this.doc.page === page) this.artifact(() => this.doc.rect(LEFT, top, 3, bottom - top).fill(colour));
    this.y += 7;
  }

  // -------------------------------------------------------------------------------------------
  // Chart, then its values as a table

  private chart(chart: ReportChart): void {
    this.keep(this.lead(chart));
    this.tag('P', () => this.pen.text(chart.title, STRONG, LEFT, this.y, WIDTH));
    this.y += 6;
    const top = this.y;
    this.tag('Figure', () => drawChart(this.pen, chart, top), { alt: frenchTypography(chartDescription(chart)) });
    this.y = top + chartHeight(chart) + 6;
    this.table({
      kind: 'table',
      title: `Valeurs du graphique : ${uncapitalize(chart.title)}`,
      columns: [{ label: 'Année', width: 1 }, ...chart.series.map((s) => ({ label: s.label, width: 2, format: chart.format }))],
      rows: chart.years.map((year, i) => [String(year), ...chart.series.map((s) => s.values[i])]),
    });
  }

  // -------------------------------------------------------------------------------------------
  // Map: communes coloured by category, a legend with counts, the attribution

  private prepareMap(map: ReportMap): PreparedMap {
    let prepared = this.maps.get(map);
    if (prepared) return prepared;
    if (!map.data) {
      prepared = { scale: 1, height: this.pen.height(map.placeholder!, NOTE, WIDTH - 24) + 24, legend: [], missing: [] };
    } else {
      const features: CommuneFeature[] = [];
      const missing: string[] = [];
      for (const code of map.data.departements) {
        const collection = this.contours(code);
        if (collection) for (const f of collection.features) features.push(f);
        else missing.push(code);
      }
      const { colourOf, legend } = classifyMap(map.data, features.map((f) => ({ code: f.id, arrondissements: f.properties.arrondissements })));
      const drawing = features.length > 0 ? svgMap<string>({ type: 'FeatureCollection', features }, { width: WIDTH, padding: 4, values: colourOf, fill: (c) => c ?? COLOUR.noData }) : undefined;
      // A tall territory is drawn narrower, to leave room for the legend on the page.
      const scale = drawing ? Math.min(1, MAP_MAX_HEIGHT / drawing.height) : 1;
      prepared = { drawing, scale, height: drawing ? drawing.height * scale + 8 : 0, legend, missing };
    }
    this.maps.set(map, prepared);
    return prepared;
  }

  private mapHeight(map: ReportMap): number {
    const { height, legend } = this.prepareMap(map);
    return this.pen.height(map.title, STRONG, WIDTH) + 6 + height + legend.length * LEGEND_ROW + 30;
  }

  private map(map: ReportMap): void {
    const prepared = this.prepareMap(map);
    this.keep(this.mapHeight(map));
    this.tag('P', () => this.pen.text(map.title, STRONG, LEFT, this.y, WIDTH));
    this.y += 6;
    const top = this.y;
    if (!map.data) {
      this.artifact(() => this.doc.rect(LEFT, top, WIDTH, prepared.height).lineWidth(0.75).dash(3, { space: 3 }).stroke(COLOUR.muted).undash());
      this.tag('P', () => this.pen.text(map.placeholder!, NOTE, LEFT + 12, top + 12, WIDTH - 24));
      this.y = top + prepared.height + BLOCK_GAP;
      return;
    }
    const { drawing, scale } = prepared;
    if (drawing) {
      const left = LEFT + (WIDTH - drawing.width * scale) / 2;
      const draw = () => {
        this.doc.save().translate(left, top).scale(scale);
        for (const path of drawing.paths) this.doc.path(path.d).lineWidth(0.35 / scale).lineJoin('round').fillAndStroke(path.fill, COLOUR.white);
        this.doc.restore();
      };
      this.tag('Figure', draw, { alt: frenchTypography(mapDescription(map, prepared.legend)) });
      this.y = top + prepared.height;
    }
    if (prepared.missing.length > 0) {
      const which = prepared.missing.length > 1 ? 'les départements' : 'le département';
      this.paragraph(`Contours indisponibles pour ${which} ${prepared.missing.join(', ')}.`, NOTE);
    }
    const legend = this.open('L');
    for (const entry of prepared.legend) {
      const y = this.y;
      this.artifact(() => this.doc.rect(LEFT, y + 1, 16, 9).lineWidth(0.5).fillAndStroke(entry.colour, COLOUR.muted));
      legend.add(this.struct('LI', [this.struct('LBody', () => this.pen.text(legendEntryText(entry), BODY, LEFT + 22, y, WIDTH - 22))]));
      this.y = y + LEGEND_ROW;
    }
    this.close(legend);
    this.y += 2;
    this.paragraph(GEO_ATTRIBUTION, { ...SMALL, size: 7.5 }, BLOCK_GAP);
  }

  // -------------------------------------------------------------------------------------------
  // Footer on every page, once the page count is known

  finish(report: ReportDocument): void {
    this.root.end();
    const [first, second] = pageFooterLines(report);
    const range = this.doc.bufferedPageRange();
    const labelWidth = 70;
    for (let i = 0; i < range.count; i++) {
      this.doc.switchToPage(range.start + i);
      // Writing in the bottom margin must not start a new page.
      const margin = this.doc.page.margins.bottom;
      this.doc.page.margins.bottom = 0;
      this.artifact(() => {
        this.doc.moveTo(LEFT, FOOTER_Y - 6).lineTo(LEFT + WIDTH, FOOTER_Y - 6).lineWidth(0.5).stroke(COLOUR.border);
        this.pen.text(first, SMALL, LEFT, FOOTER_Y, WIDTH - labelWidth, { lineBreak: false, ellipsis: true });
        this.pen.text(second, SMALL, LEFT, FOOTER_Y + 11, WIDTH - labelWidth, { lineBreak: false, ellipsis: true });
        this.pen.text(pageNumberLabel(i + 1, range.count), { ...SMALL, colour: COLOUR.text }, LEFT + WIDTH - labelWidth, FOOTER_Y, labelWidth, { align: 'right', lineBreak: false });
      }, 'Pagination');
      this.doc.page.margins.bottom = margin;
    }
  }
}

function headingStyle(level: number): TextStyle {
  return HEADINGS[Math.min(level, HEADINGS.length) - 1];
}

function keyFigureWidth(): number {
  return (WIDTH - KEY_FIGURES.gap * (KEY_FIGURES.perRow - 1)) / KEY_FIGURES.perRow;
}
