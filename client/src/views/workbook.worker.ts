// The import assistant's Web Worker: reads a workbook (XLSX, ODS, CSV; SheetJS and Papa Parse,
// through model/workbook/read.ts, the reader the server and the CLI use) and analyses it off the
// main thread, so that the page stays responsive while a national file is parsed. It sends back
// a summary (headers, a few values per column, the suggested mapping), never the whole sheet.
import { readWorkbook } from '../../../model/workbook/read.ts';
import type { SavedMapping } from '../../../model/workbook/index.ts';
import { summariseWorkbook, type WorkbookSummary } from '../lib/import-assistant.ts';

export type ToWorkbookWorker = { bytes: ArrayBuffer; fileName: string; saved: SavedMapping[] };
export type FromWorkbookWorker =
  | { type: 'read'; ms: number }
  | { type: 'done'; summary: WorkbookSummary; ms: { read: number; analyse: number } }
  | { type: 'failed'; message: string };

const post = (message: FromWorkbookWorker) => (self as unknown as Worker).postMessage(message);

self.onmessage = (event: MessageEvent<ToWorkbookWorker>) => {
  const { bytes, fileName, saved } = event.data;
  const started = performance.now();
  try {
    const read = readWorkbook(new Uint8Array(bytes), { fileName });
    const readMs = performance.now() - started;
    if (!read.ok) return post({ type: 'failed', message: read.problem.message });
    post({ type: 'read', ms: readMs });
    const summary = summariseWorkbook(read.workbook, saved);
    post({ type: 'done', summary, ms: { read: readMs, analyse: performance.now() - started - readMs } });
  } catch (error) {
    post({ type: 'failed', message: `le classeur n'a pas pu être analysé (${(error as Error)?.message ?? String(error)})` });
  }
};
