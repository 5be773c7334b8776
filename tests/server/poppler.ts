// Reading a PDF the way a person's tools do, with Debian's poppler-utils (pdftotext, pdfinfo,
// pdftohtml). Outside CI, tests that need them are skipped with a message saying how to install
// them; in CI (CI=true, where .ci/run installs them) their absence fails the run.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const POPPLER_AVAILABLE = spawnSync('pdftotext', ['-v'], { encoding: 'utf8' }).status === 0 && spawnSync('pdfinfo', ['-v'], { encoding: 'utf8' }).status === 0;
export const IN_CI = process.env.CI === 'true';
/** Run the PDF tests: poppler is here, or we are in CI (where its absence must fail). */
export const RUN_PDF_TESTS = POPPLER_AVAILABLE || IN_CI;
export const POPPLER_MISSING = 'pdftotext/pdfinfo introuvables : installez poppler-utils (apt-get install poppler-utils)';

if (!RUN_PDF_TESTS) console.warn(`Tests PDF ignorés : ${POPPLER_MISSING}`);

function run(command: string, args: string[]): string {
  const result = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.error) throw new Error(`${command} : ${result.error.message} — ${POPPLER_MISSING}`);
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} a échoué (${result.status}) : ${result.stderr}`);
  return result.stdout;
}

/** Writes the PDF to a temporary file (poppler reads files). */
export function writeTemporaryPdf(pdf: Uint8Array, name = 'report.pdf'): string {
  const file = join(mkdtempSync(join(tmpdir(), 'pdf-')), name);
  writeFileSync(file, pdf);
  return file;
}

/** The text of each page (form feeds split pages); `layout` keeps the physical layout (a table row on one line). */
export function pdfPages(file: string, layout = false): string[] {
  const text = run('pdftotext', [...(layout ? ['-layout'] : []), '-enc', 'UTF-8', file, '-']);
  const pages = text.split('\f');
  if (pages[pages.length - 1].trim() === '') pages.pop();
  return pages;
}

export interface PdfWord {
  text: string;
  /** Points from the page's top-left corner. */
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

/** Every word of each page with its box (pdftotext -bbox), in content order. */
export function pdfWords(file: string): PdfWord[][] {
  const html = run('pdftotext', ['-bbox', '-enc', 'UTF-8', file, '-']);
  return html
    .split('<page ')
    .slice(1)
    .map((page) =>
      [...page.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((m) => ({
        text: decodeXml(m[5]),
        xMin: Number(m[1]),
        yMin: Number(m[2]),
        xMax: Number(m[3]),
        yMax: Number(m[4]),
      })),
    );
}

/** pdfinfo's fields: Title, Pages, Page size, Tagged… */
export function pdfInfo(file: string): Map<string, string> {
  const fields = new Map<string, string>();
  for (const line of run('pdfinfo', [file]).split('\n')) {
    const at = line.indexOf(':');
    if (at > 0) fields.set(line.slice(0, at).trim(), line.slice(at + 1).trim());
  }
  return fields;
}

/** The logical structure tree as pdfinfo prints it (tagged PDF). */
export function pdfStructure(file: string): string {
  return run('pdfinfo', ['-struct', file]);
}

export interface OutlineItem {
  level: number;
  title: string;
  page: number;
}

/** The bookmarks, in order, with their depth (1 = top) and target page, from pdftohtml's XML. */
export function pdfOutline(file: string): OutlineItem[] {
  const xml = run('pdftohtml', ['-xml', '-i', '-q', '-stdout', file]);
  const start = xml.indexOf('<outline>');
  if (start < 0) return [];
  const items: OutlineItem[] = [];
  let depth = 0;
  for (const match of xml.slice(start).matchAll(/<outline>|<\/outline>|<item page="(\d+)">([^<]*)<\/item>/g)) {
    if (match[0] === '<outline>') depth++;
    else if (match[0] === '</outline>') depth--;
    else items.push({ level: depth, title: decodeXml(match[2]), page: Number(match[1]) });
  }
  return items;
}

const decodeXml = (text: string) =>
  text.replace(/&(lt|gt|amp|quot|apos|#\d+);/g, (_, e: string) => (e === 'lt' ? '<' : e === 'gt' ? '>' : e === 'amp' ? '&' : e === 'quot' ? '"' : e === 'apos' ? "'" : String.fromCodePoint(Number(e.slice(1)))));

/**
 * Text compared as a reader sees it: pdftotext turns non-breaking spaces into spaces, joins a
 * word cut at a line's hyphen, and breaks lines anywhere; so whitespace and hyphens are dropped,
 * and the typographic apostrophe is read as a straight one.
 */
export function comparable(text: string): string {
  return text.replace(/[’]/g, "'").replace(/[\s\u00a0\u202f\-‐]+/g, '');
}

/** The strings of a PDF's dictionaries for a key (e.g. every `/Alt`), decoded (pdfkit writes them as UTF-16BE literals). */
export function pdfDictionaryStrings(pdf: Uint8Array, key: string): string[] {
  const bytes = Buffer.from(pdf);
  const marker = Buffer.from(`/${key} (`, 'latin1');
  const out: string[] = [];
  for (let at = bytes.indexOf(marker); at >= 0; at = bytes.indexOf(marker, at + 1)) {
    const raw: number[] = [];
    let depth = 1;
    for (let i = at + marker.length; i < bytes.length; i++) {
      let byte = bytes[i];
      if (byte === 0x5c) {
        const next = bytes[++i];
        const escapes: Record<number, number> = { 0x6e: 0x0a, 0x72: 0x0d, 0x74: 0x09, 0x62: 0x08, 0x66: 0x0c };
        if (next >= 0x30 && next <= 0x37) {
          let octal = '';
          while (octal.length < 3 && bytes[i] >= 0x30 && bytes[i] <= 0x37) octal += String.fromCharCode(bytes[i++]);
          i--;
          byte = parseInt(octal, 8);
        } else byte = escapes[next] ?? next;
        raw.push(byte);
        continue;
      }
      if (byte === 0x28) depth++;
      if (byte === 0x29 && --depth === 0) break;
      raw.push(byte);
    }
    const buffer = Buffer.from(raw);
    out.push(buffer[0] === 0xfe && buffer[1] === 0xff ? buffer.subarray(2).swap16().toString('utf16le') : buffer.toString('latin1'));
  }
  return out;
}

