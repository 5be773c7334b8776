// The assistant's parse run on the page's main thread, for bench:import to compare with the Web
// Worker (the same modules: model/workbook/read.ts and the assistant's summary).
import { readWorkbook } from '../../model/workbook/read.ts';
import { summariseWorkbook, type WorkbookSummary } from '../../client/src/lib/import-assistant.ts';

export function parse(bytes: ArrayBuffer): WorkbookSummary | null {
  const read = readWorkbook(new Uint8Array(bytes));
  return read.ok ? summariseWorkbook(read.workbook, []) : null;
}
