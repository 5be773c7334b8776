// The workbook reader in a real browser Web Worker (Chromium): bundled by Vite as the client's
// workers are, fed the real-shaped XLSX, ODS and CSV, it gives what Node gives — so the import
// assistant can parse off the main thread. Also reports the worker bundle's size.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { Browser } from 'playwright-core';
import { build, type Rollup } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readWorkbook } from '../../model/workbook/read.ts';
import { fixtureCsv, fixtureOds, fixtureXlsx } from '../model/workbook/fixture.ts';
import { chromiumPath, launchBrowser } from './harness.ts';

const CHROMIUM = chromiumPath();

describe.skipIf(!CHROMIUM)('reading a workbook in a browser Web Worker', () => {
  let browser: Browser;
  let server: Server;
  let url: string;
  let workerCode: string;

  beforeAll(async () => {
    const output = (await build({
      configFile: false,
      logLevel: 'silent',
      build: {
        write: false,
        minify: true,
        lib: { entry: fileURLToPath(new URL('./workbook-worker.ts', import.meta.url)), formats: ['es'], fileName: 'worker' },
        rollupOptions: { output: { inlineDynamicImports: true } },
      },
    })) as Rollup.RollupOutput[] | Rollup.RollupOutput;
    const chunks = (Array.isArray(output) ? output[0] : output).output.filter((o): o is Rollup.OutputChunk => o.type === 'chunk');
    workerCode = chunks.map((c) => c.code).join('\n');
    server = createServer((req, res) => {
      if (req.url === '/worker.js') {
        res.writeHead(200, { 'Content-Type': 'text/javascript; charset=utf-8' });
        res.end(workerCode);
      } else {
        res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
        res.end('<!doctype html><html lang="fr"><title>worker</title></html>');
      }
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise<void>((done) => (server ? server.close(() => done()) : done()));
  });

  it('the worker bundle carries no Node built-in and stays small', () => {
    expect(workerCode).not.toMatch(/from\s*["']node:/);
    expect(workerCode).not.toMatch(/require\(["'](fs|stream|path)["']\)/);
    // SheetJS (without its codepage tables) and Papa Parse, minified.
    console.log(`workbook worker bundle: ${(workerCode.length / 1024).toFixed(0)} KiB minified, ${(gzipSync(workerCode).length / 1024).toFixed(0)} KiB gzipped`);
    expect(workerCode.length).toBeLessThan(700 * 1024);
  });

  it('reads XLSX, ODS and CSV as Node does', async () => {
    const page = await browser.newPage();
    await page.goto(url);
    const files: [string, Uint8Array][] = [
      ['recensement.xlsx', await fixtureXlsx()],
      ['recensement.ods', fixtureOds()],
      ['Dispositifs 79.csv', fixtureCsv()],
    ];
    for (const [fileName, bytes] of files) {
      const inBrowser = await page.evaluate(
        async ({ data, fileName }) => {
          const worker = new Worker('/worker.js', { type: 'module' });
          const reply = await new Promise<{ result: unknown; ms: number }>((resolve, reject) => {
            worker.onmessage = (e) => resolve(e.data as { result: unknown; ms: number });
            worker.onerror = (e) => reject(new Error(e.message));
            const buffer = new Uint8Array(data).buffer;
            worker.postMessage({ bytes: buffer, fileName }, [buffer]);
          });
          worker.terminate();
          return reply;
        },
        { data: Array.from(bytes), fileName },
      );
      expect(inBrowser.result, fileName).toEqual(readWorkbook(bytes, { fileName }));
      expect((inBrowser.result as { ok: boolean }).ok).toBe(true);
    }
    await page.close();
  });
});
