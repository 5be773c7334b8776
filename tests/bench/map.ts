// npm run bench:map — throwaway prototype to choose the Carte view's renderer (issue 14): draws the
// shipped contours in headless Chromium (Debian's, software rendering) with
//   maplibre  MapLibre GL, GeoJSON source + feature-state (WebGL, SwiftShader here)
//   d3        d3-geo geoPath on a 2D canvas
//   plain     a 2D canvas with model/geo.ts's Mercator projection
// for one département (79, and the densest, 62) and for France's 35,000 communes, and prints per
// renderer and file the median over --runs of: first frame since navigation (fetch + decode +
// draw), the draw alone, and a change of coverage kind (every commune recoloured).
// Targets (issue 14): département < 1 s, France < 3 s, change of kind < 200 ms.
//
// Options: --runs 3 --renderers maplibre,d3,plain --files communes/79.json,communes/62.json,france-communes.json
import { createReadStream, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { chromiumPath, CHROMIUM_ARGS, ROOT } from '../e2e/harness.ts';
import { freePort } from '../free-port.ts';
import { GEO_DIR } from '../../server/routes/geo.ts';

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}
const runs = Math.max(1, Number(option('runs', '3')));
const renderers = option('renderers', 'maplibre,d3,plain').split(',');
const tuned = process.argv.includes('--tuned');
const files = option('files', 'communes/79.json,communes/62.json,france-communes.json').split(',');
/** Software WebGL: SwiftShader must be allowed explicitly in current Chromium when the GPU is disabled. */
const WEBGL_ARGS = ['--enable-unsafe-swiftshader', '--use-angle=swiftshader'];

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript', '.css': 'text/css' };

async function main(): Promise<void> {
  const out = mkdtempSync(join(tmpdir(), 'bench-map-'));
  const { build } = await import('vite');
  await build({ configFile: false, root: join(ROOT, 'tests', 'bench', 'map'), base: '/', logLevel: 'warn', build: { outDir: out, emptyOutDir: true, sourcemap: false, chunkSizeWarningLimit: 5000, rollupOptions: { input: join(ROOT, 'tests', 'bench', 'map', 'page.html') } } });
  const worker = join(ROOT, 'node_modules', 'maplibre-gl', 'dist', 'maplibre-gl-worker.mjs');
  const manifest = JSON.parse(readFileSync(join(GEO_DIR, 'index.json'), 'utf8')) as { files: { path: string; file: string }[] };
  const port = await freePort();
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname.startsWith('/geo/')) {
      const entry = manifest.files.find((f) => f.path === url.pathname.slice(5));
      if (!entry) return void res.writeHead(404).end();
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' });
      return void createReadStream(join(GEO_DIR, entry.file)).pipe(res);
    }
    const path = url.pathname === '/maplibre-gl-worker.mjs' ? worker : join(out, normalize(url.pathname === '/' ? '/page.html' : url.pathname));
    if (!path.startsWith(out) && path !== worker) return void res.writeHead(403).end();
    if (!existsSync(path)) return void res.writeHead(404).end();
    res.writeHead(200, { 'Content-Type': TYPES[extname(path)] ?? 'application/octet-stream' });
    createReadStream(path).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));

  const executablePath = chromiumPath();
  if (!executablePath) throw new Error('Chromium introuvable (/usr/bin/chromium)');
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath, args: [...CHROMIUM_ARGS, ...WEBGL_ARGS] });
  const rows: string[] = [];
  try {
    for (const file of files) {
      for (const renderer of renderers) {
        const results: Record<string, number | string>[] = [];
        for (let run = 0; run < runs; run++) {
          const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
          const page = await context.newPage();
          await page.goto(`http://127.0.0.1:${port}/page.html?renderer=${renderer}&file=${encodeURIComponent(file)}${tuned ? '&tuned=1' : ''}`);
          await page.waitForFunction('window.__bench !== undefined', undefined, { timeout: 120_000 });
          const result = (await page.evaluate('window.__bench')) as Record<string, number | string>;
          if (result.error) throw new Error(`${renderer} ${file} : ${result.error}`);
          if (run === 0 && process.argv.includes('--screenshots')) await page.screenshot({ path: join(ROOT, 'tests', 'screenshots', `bench-map-${renderer}-${file.replace(/\W/g, '-')}.png`) });
          results.push(result);
          await context.close();
        }
        const median = (key: string) => {
          const values = results.map((r) => Number(r[key])).sort((a, b) => a - b);
          return Math.round(values[Math.floor(values.length / 2)]);
        };
        rows.push(
          `${file.padEnd(22)} ${renderer.padEnd(9)} ${String(results[0].features).padStart(6)} communes  premier rendu ${String(median('firstFrameSinceNavigation')).padStart(5)} ms` +
            ` (chargement ${median('fetchMs')} + décodage ${median('decodeMs')} + dessin ${median('firstFrameMs')})  changement de type ${String(median('changeMs')).padStart(4)} ms` +
            (results[0].gl ? `  [tuiles prêtes à ${median('tilesLoadedMs')} ms du début du dessin ; ${String(results[0].gl).replace(/^ANGLE \(Google, /, '').slice(0, 40)}]` : ''),
        );
        console.log(rows[rows.length - 1]);
      }
    }
  } finally {
    await browser.close();
    server.close();
    rmSync(out, { recursive: true, force: true });
  }
  console.log(`\nmédianes sur ${runs} essais ; cibles : département < 1000 ms, France < 3000 ms, changement < 200 ms`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
