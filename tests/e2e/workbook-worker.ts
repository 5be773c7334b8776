// A Web Worker that reads a workbook off the main thread: the same module the server and the
// CLI use (model/workbook/read.ts). Bundled by Vite for the browser test that runs it in Chromium.
import { readWorkbook } from '../../model/workbook/read.ts';

self.onmessage = (event: MessageEvent<{ bytes: ArrayBuffer; fileName: string }>) => {
  const started = performance.now();
  const result = readWorkbook(new Uint8Array(event.data.bytes), { fileName: event.data.fileName });
  self.postMessage({ result, ms: performance.now() - started });
};
