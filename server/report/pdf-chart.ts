// The yearly line chart of the PDF report: axes, one line per series (colour, dash and marker
// differ, so a series is told apart without colour), a legend under it. Its values are also
// written as a table after it (pdf.ts), for those who cannot read the drawing.
import { formatNumber, type ReportChart, type ReportNumberFormat } from '../../model/report.ts';
import { COLOUR, LEFT, SMALL, WIDTH, type Doc, type Pen } from './pdf-style.ts';

const PLOT_HEIGHT = 170;
/** Year labels under the plot. */
const AXIS_LABELS = 22;
const LEGEND_ROW = 14;
const LEGEND_PER_ROW = 3;

const SERIES_STYLES = [
  { colour: '#000091', dash: undefined, marker: 'circle' },
  { colour: '#ce0500', dash: [4, 2], marker: 'square' },
  { colour: '#18753c', dash: [1, 2], marker: 'triangle' },
  { colour: '#8d533e', dash: [6, 2, 1, 2], marker: 'diamond' },
  { colour: '#6e445a', dash: [2, 2], marker: 'square' },
  { colour: '#000091', dash: [1, 3], marker: 'triangle' },
  { colour: '#ce0500', dash: [8, 3], marker: 'diamond' },
  { colour: '#18753c', dash: [3, 1, 1, 1], marker: 'square' },
] as const;
/** The schema's cap on series (model/report.ts, REPORT_CHART_MAX_SERIES): each has its own style. */
export const CHART_STYLES = SERIES_STYLES.length;
type Marker = (typeof SERIES_STYLES)[number]['marker'];

/** Height of the drawing (plot, year labels, legend). */
export function chartHeight(chart: ReportChart): number {
  return PLOT_HEIGHT + AXIS_LABELS + LEGEND_ROW * Math.ceil(chart.series.length / LEGEND_PER_ROW);
}

export function drawChart(pen: Pen, chart: ReportChart, top: number): void {
  const doc = pen.doc;
  const values = chart.series.flatMap((s) => s.values).filter((x): x is number => x !== null);
  const { ticks, min, max } = axisTicks(values, chart.format);
  const axisWidth = 6 + ticks.reduce((w, t) => Math.max(w, pen.width(formatNumber(t, chart.format), SMALL)), 0);
  const plotLeft = LEFT + axisWidth + 4;
  const plotWidth = WIDTH - axisWidth - 14;
  const yOf = (value: number) => top + PLOT_HEIGHT - ((value - min) / (max - min)) * PLOT_HEIGHT;
  const count = chart.years.length;
  const xOf = (i: number) => (count > 1 ? plotLeft + (i * plotWidth) / (count - 1) : plotLeft + plotWidth / 2);

  for (const tick of ticks) {
    const y = yOf(tick);
    doc.moveTo(plotLeft, y).lineTo(plotLeft + plotWidth, y).lineWidth(0.5).stroke(COLOUR.border);
    pen.text(formatNumber(tick, chart.format), SMALL, LEFT, y - 5, axisWidth, { align: 'right', lineBreak: false });
  }
  const labelEvery = Math.ceil(count / 12);
  chart.years.forEach((year, i) => {
    if (i % labelEvery === 0 || i === count - 1) pen.text(String(year), SMALL, xOf(i) - 20, top + PLOT_HEIGHT + 5, 40, { align: 'center', lineBreak: false });
  });

  chart.series.forEach((series, s) => {
    const style = SERIES_STYLES[s];
    // A null value breaks the line: no value that year.
    let drawing = false;
    series.values.forEach((value, i) => {
      if (value === null) {
        drawing = false;
        return;
      }
      if (drawing) doc.lineTo(xOf(i), yOf(value));
      else doc.moveTo(xOf(i), yOf(value));
      drawing = true;
    });
    strokeLine(doc, style.colour, style.dash);
    series.values.forEach((value, i) => {
      if (value !== null) marker(doc, style.marker, xOf(i), yOf(value), style.colour);
    });
  });

  const legendTop = top + PLOT_HEIGHT + AXIS_LABELS;
  const cell = WIDTH / LEGEND_PER_ROW;
  chart.series.forEach((series, s) => {
    const style = SERIES_STYLES[s];
    const x = LEFT + (s % LEGEND_PER_ROW) * cell;
    const y = legendTop + Math.floor(s / LEGEND_PER_ROW) * LEGEND_ROW;
    doc.moveTo(x, y + 5).lineTo(x + 22, y + 5);
    strokeLine(doc, style.colour, style.dash);
    marker(doc, style.marker, x + 11, y + 5, style.colour);
    pen.text(series.label, { ...SMALL, colour: COLOUR.text }, x + 28, y, cell - 32, { lineBreak: false, ellipsis: true });
  });
}

function strokeLine(doc: Doc, colour: string, pattern: readonly number[] | undefined): void {
  // pdfkit takes an array as a whole dash pattern (its types only know the (length, { space }) form).
  if (pattern) (doc.dash as unknown as (pattern: number[]) => Doc)([...pattern]);
  doc.lineWidth(1.6).stroke(colour);
  doc.undash();
}

function marker(doc: Doc, shape: Marker, x: number, y: number, colour: string): void {
  const r = 2.6;
  if (shape === 'circle') doc.circle(x, y, r);
  else if (shape === 'square') doc.rect(x - r, y - r, 2 * r, 2 * r);
  else if (shape === 'triangle') doc.polygon([x, y - r - 0.6], [x + r + 0.4, y + r], [x - r - 0.4, y + r]);
  else doc.polygon([x, y - r - 0.8], [x + r + 0.8, y], [x, y + r + 0.8], [x - r - 0.8, y]);
  doc.fill(colour);
}

/** Round axis ticks, about five, from 0 (or the lowest negative value) to just above the highest value. */
export function axisTicks(values: readonly number[], format: ReportNumberFormat): { ticks: number[]; min: number; max: number } {
  const low = values.reduce((a, b) => Math.min(a, b), 0);
  const high = values.reduce((a, b) => Math.max(a, b), 0);
  const raw = (high - low || 1) / 4;
  const power = 10 ** Math.floor(Math.log10(raw));
  let step = [1, 2, 2.5, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power;
  if (format === 'integer') step = Math.max(1, Math.ceil(step));
  const min = Math.floor(low / step) * step;
  const max = Math.max(Math.ceil(high / step) * step, min + step);
  const ticks: number[] = [];
  for (let i = 0; min + i * step <= max + step / 1000; i++) ticks.push(Math.round((min + i * step) * 1e6) / 1e6);
  return { ticks, min, max };
}
