// The two end-to-end paths of bench:import (see import.ts): the API's dry run and confirmed
// import through the write worker, and the browser's parse in the assistant's Web Worker with the
// main thread watched meanwhile.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { build, type Rollup } from 'vite';
import { chromiumPath, launchBrowser } from '../e2e/harness.ts';
import { makeServer } from '../server/helpers.ts';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1];

export async function apiRun(xlsx: Uint8Array, rounds: number): Promise<{ first: number; dryRuns: number[]; dryRun: number; commit: number; records: number }> {
  const server = makeServer('bench-import', { writeWorker: true });
  try {
    const post = async (query: string) => {
      const started = performance.now();
      const res = await server.app.request(`/api/import${query}`, { method: 'POST', headers: { 'Content-Type': XLSX_TYPE }, body: new Uint8Array(xlsx) as Uint8Array<ArrayBuffer> });
      const body = (await res.json()) as { valid: boolean; problemCount: number; diff: Record<string, { created: string[] }> };
      const ms = performance.now() - started;
      if (res.status !== 200 || !body.valid) throw new Error(`import refusé : HTTP ${res.status}, ${body.problemCount} problèmes`);
      return { ms, body };
    };
    // The first request also waits for the worker to start and load its territory index.
    const first = (await post('?dryRun=true&mode=replace')).ms;
    const dryRuns: number[] = [];
    let records = 0;
    for (let i = 0; i < rounds; i++) {
      const { ms, body } = await post('?dryRun=true&mode=replace');
      dryRuns.push(ms);
      records = ['mechanisms', 'people', 'links'].reduce((n, k) => n + body.diff[k].created.length, 0);
    }
    const commit = (await post('?mode=replace')).ms;
    return { first, dryRuns, dryRun: median(dryRuns), commit, records };
  } finally {
    server.close();
  }
}

async function bundle(entry: string, format: 'es' | 'iife'): Promise<string> {
  const output = (await build({
    configFile: false,
    logLevel: 'silent',
    build: { write: false, minify: true, lib: { entry: fileURLToPath(new URL(entry, import.meta.url)), formats: [format], name: 'inlineParse', fileName: 'bundle' }, rollupOptions: { output: { inlineDynamicImports: true } } },
  })) as Rollup.RollupOutput[] | Rollup.RollupOutput;
  return (Array.isArray(output) ? output[0] : output).output.flatMap((o) => (o.type === 'chunk' ? [o.code] : [])).join('\n');
}

export interface MainThread {
  parse: number;
  longestTask: number;
  longestGap: number;
  frames: number;
}

/** The page watches its main thread (Long Tasks API, animation frames) while `start` parses. */
const WATCH = (start: string) => `(async () => {
  const tasks = [];
  const observer = new PerformanceObserver((list) => { for (const e of list.getEntries()) tasks.push(e.duration); });
  observer.observe({ type: 'longtask' });
  const bytes = await (await fetch('/file.xlsx')).arrayBuffer();
  let running = true, frames = 0, last = performance.now(), longestGap = 0;
  const loop = (t) => { longestGap = Math.max(longestGap, t - last); last = t; frames++; if (running) requestAnimationFrame(loop); };
  await new Promise((r) => requestAnimationFrame(() => { last = performance.now(); r(); }));
  requestAnimationFrame(loop);
  const started = performance.now();
  const summary = await (${start})(bytes);
  const parse = performance.now() - started;
  await new Promise((r) => setTimeout(r, 100));
  running = false;
  observer.disconnect();
  if (!summary || !summary.sheets || summary.sheets.length < 4) throw new Error('lecture du classeur : résumé inattendu');
  return { parse, longestTask: Math.max(0, ...tasks), longestGap, frames };
})()`;

const IN_WORKER = `(bytes) => new Promise((resolve, reject) => {
  const worker = new Worker('/worker.js', { type: 'module' });
  worker.onmessage = (e) => { if (e.data.type === 'done') { worker.terminate(); resolve(e.data.summary); } else if (e.data.type === 'failed') reject(new Error(e.data.message)); };
  worker.onerror = (e) => reject(new Error(e.message));
  worker.postMessage({ bytes, fileName: 'france.xlsx', saved: [] }, [bytes]);
})`;

const INLINE = '(bytes) => Promise.resolve(window.inlineParse.parse(bytes))';

export async function browserRun(xlsx: Uint8Array): Promise<{ worker: MainThread; inline: MainThread; bundleBytes: number } | null> {
  if (!chromiumPath()) return null;
  const [worker, inline] = await Promise.all([bundle('../../client/src/views/workbook.worker.ts', 'es'), bundle('./workbook-inline.ts', 'iife')]);
  const files: Record<string, [string, string | Uint8Array]> = {
    '/worker.js': ['text/javascript', worker],
    '/inline.js': ['text/javascript', inline],
    '/file.xlsx': [XLSX_TYPE, xlsx],
  };
  const server = createServer((req, res) => {
    const [type, body] = files[req.url ?? ''] ?? ['text/html; charset=utf-8', '<!doctype html><html lang="fr"><title>banc</title><script src="/inline.js"></script></html>'];
    res.writeHead(200, { 'Content-Type': type });
    res.end(body);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    // One warm-up of each, then the measured runs.
    await page.evaluate(WATCH(IN_WORKER));
    const inWorker = (await page.evaluate(WATCH(IN_WORKER))) as MainThread;
    await page.evaluate(WATCH(INLINE));
    const onMain = (await page.evaluate(WATCH(INLINE))) as MainThread;
    return { worker: inWorker, inline: onMain, bundleBytes: worker.length };
  } finally {
    await browser.close();
    await new Promise<void>((done) => server.close(() => done()));
  }
}
