// Page geometry, fonts, colours and text styles of the PDF report, and the pen that draws French
// text with them (shared by the writer, pdf.ts, and the chart, pdf-chart.ts).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { create, type Font } from 'fontkit';
import { frenchTypography } from '../../model/report.ts';
import type { Severity } from '../../model/rules/types.ts';

export type Doc = PDFKit.PDFDocument;

export const CM = 72 / 2.54;
/** A4 portrait, in points. */
export const PAGE = { width: 595.28, height: 841.89 } as const;
export const MARGIN = { top: 2 * CM, bottom: 2.5 * CM, left: 2 * CM, right: 2 * CM } as const;
export const LEFT = MARGIN.left;
export const WIDTH = PAGE.width - MARGIN.left - MARGIN.right;
export const TOP = MARGIN.top;
export const BOTTOM = PAGE.height - MARGIN.bottom;
export const BODY_HEIGHT = BOTTOM - TOP;
/** First footer line, in the bottom margin. */
export const FOOTER_Y = PAGE.height - MARGIN.bottom + 0.6 * CM;

// Source Sans 3 (Adobe, SIL Open Font License 1.1), from the `source-sans` npm package: full
// Latin coverage (é, œ, ’, « », the narrow no-break space U+202F of French typography).
export type FontName = 'regular' | 'semibold' | 'italic';
const FONT_FILES: Record<FontName, string> = { regular: 'SourceSans3-Regular.ttf', semibold: 'SourceSans3-Semibold.ttf', italic: 'SourceSans3-It.ttf' };
let parsedFonts: Map<FontName, Font> | undefined;

/**
 * The fonts, read and parsed once per process (1.2 MB of TTF) and shared by every document, which
 * embeds the subset of glyphs it uses. Sharing keeps fontkit's decoded tables (the OpenType
 * substitution and positioning lookups) from one report to the next: about 13 % of a warm render.
 * A render is synchronous from the first page to the end of the file, so no two use them at once.
 */
export function reportFonts(): Map<FontName, Font> {
  if (!parsedFonts) {
    const dir = join(dirname(createRequire(import.meta.url).resolve('source-sans/package.json')), 'TTF');
    parsedFonts = new Map(Object.entries(FONT_FILES).map(([name, file]) => [name as FontName, create(readFileSync(join(dir, file))) as Font]));
  }
  return parsedFonts;
}

// DSFR colours (tokens resolved to hex): text, mention grey, borders, shades, blue France.
export const COLOUR = {
  text: '#161616',
  muted: '#666666',
  border: '#dddddd',
  shade: '#f6f6f6',
  header: '#eeeeee',
  blue: '#000091',
  white: '#ffffff',
  noData: '#e5e5e5',
} as const;
export const SEVERITY_COLOUR: Record<Severity, string> = { error: '#ce0500', warning: '#b34000', info: '#0063cb' };

export interface TextStyle {
  font: FontName;
  size: number;
  colour?: string;
  lineGap?: number;
}
export const BODY: TextStyle = { font: 'regular', size: 10, lineGap: 1.5 };
export const STRONG: TextStyle = { ...BODY, font: 'semibold' };
export const SMALL: TextStyle = { font: 'regular', size: 8.5, colour: COLOUR.muted, lineGap: 1 };
export const NOTE: TextStyle = { font: 'italic', size: 10, colour: COLOUR.muted, lineGap: 1.5 };
export const CELL: TextStyle = { font: 'regular', size: 8.5, lineGap: 0.5 };
export const CELL_HEADER: TextStyle = { ...CELL, font: 'semibold' };
/** H1, H2, H3 (deeper levels use H3's style). */
export const HEADINGS: readonly TextStyle[] = [
  { font: 'semibold', size: 17, colour: COLOUR.blue, lineGap: 1 },
  { font: 'semibold', size: 13.5, colour: COLOUR.blue, lineGap: 1 },
  { font: 'semibold', size: 11.5, colour: COLOUR.text, lineGap: 1 },
];

/** Draws and measures text in a style, with French typography applied. */
export class Pen {
  constructor(readonly doc: Doc) {}

  style(style: TextStyle): Doc {
    return this.doc.font(style.font).fontSize(style.size).fillColor(style.colour ?? COLOUR.text);
  }

  /** Height of the text wrapped to `width`. */
  height(text: string, style: TextStyle, width: number): number {
    return this.style(style).heightOfString(frenchTypography(text), { width, lineGap: style.lineGap ?? 0 });
  }

  width(text: string, style: TextStyle): number {
    return this.style(style).widthOfString(frenchTypography(text));
  }

  /** Draws text at (x, y) wrapped to `width`; returns its height. */
  text(text: string, style: TextStyle, x: number, y: number, width: number, options: PDFKit.Mixins.TextOptions = {}): number {
    this.style(style).text(frenchTypography(text), x, y, { width, lineGap: style.lineGap ?? 0, ...options });
    return this.doc.y - y;
  }
}
