// Shared by the end-to-end tests and the UI bench: build the client once, start the real server
// (tsx server/index.ts) on a free port with a temporary database, drive Debian's Chromium with
// playwright-core (never a downloaded browser), and measure what a screenshot shows.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../free-port.ts';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SCREENSHOTS = join(ROOT, 'tests', 'screenshots');

/** Debian's Chromium (apt-get install chromium), or CHROMIUM_PATH. */
export function chromiumPath(): string | null {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter((p): p is string => Boolean(p));
  return candidates.find((p) => existsSync(p)) ?? null;
}

export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--lang=fr-FR'];

/** Continuous integration (CI=true): there, a missing browser fails the run instead of skipping it. */
export const IN_CI = process.env.CI === 'true' || process.env.CI === '1';

/**
 * describe() for tests that drive Chromium. Without Chromium, on a developer's machine they are
 * skipped with a message; in CI they run, and fail at their first step, saying why.
 */
export function describeInChromium(name: string, body: () => void): void {
  if (chromiumPath()) return void describe(name, body);
  if (IN_CI) {
    return void describe(name, () => {
      it('finds Chromium (required in CI)', () => {
        throw new Error('Chromium introuvable (/usr/bin/chromium ou CHROMIUM_PATH) : en intégration continue, les tests navigateur ne peuvent pas être ignorés. Installez-le avec « apt-get install chromium ».');
      });
    });
  }
  console.warn(`[e2e] Chromium introuvable (/usr/bin/chromium ou CHROMIUM_PATH) : « ${name} » ignoré. Installez-le avec « apt-get install chromium ».`);
  describe(name, () => {
    it.skip('ignoré : Chromium introuvable (apt-get install chromium, ou CHROMIUM_PATH)', () => {});
  });
}

export interface BrowserSuite {
  /** Set once the suite has started (in its tests, never at collection). */
  server: RunningServer;
  browser: Browser;
  /** Contexts closed after each test. */
  contexts: BrowserContext[];
  /** JavaScript errors of the pages: the suite fails at its end when there are any. */
  pageErrors: string[];
  /** A new page in a context of its own, signed in (the administrator unless told), its errors collected. */
  openPage(hash?: string, account?: { email: string; password: string }): Promise<Page>;
}

/**
 * Inside a describeInChromium body: the real server (with this seed) and Chromium started before
 * the tests, each test's contexts closed after it, both stopped at the end, and no page error.
 */
export function browserSuite(options: { seed: 'demo' | 'none' }): BrowserSuite {
  const suite: BrowserSuite = {
    server: undefined as unknown as RunningServer,
    browser: undefined as unknown as Browser,
    contexts: [],
    pageErrors: [],
    async openPage(hash, account) {
      const context = await signedInContext(suite.browser, suite.server, account?.email, account?.password);
      suite.contexts.push(context);
      const page = await context.newPage();
      page.on('pageerror', (e) => suite.pageErrors.push(e.message));
      if (hash !== undefined) await page.goto(`${suite.server.url}/#/${hash}`);
      return page;
    },
  };
  beforeAll(async () => {
    await buildClient();
    suite.server = await startServer({ seed: options.seed });
    suite.browser = await launchBrowser();
  }, 180_000);
  afterEach(async () => {
    for (const context of suite.contexts.splice(0)) await context.close();
  });
  afterAll(async () => {
    await suite.browser?.close();
    await suite.server?.stop();
    expect(suite.pageErrors, 'erreurs JavaScript dans les pages').toEqual([]);
  });
  return suite;
}

export async function launchBrowser(): Promise<Browser> {
  const executablePath = chromiumPath();
  if (!executablePath) throw new Error('Chromium introuvable (/usr/bin/chromium) : installez-le avec apt-get install chromium');
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath, args: CHROMIUM_ARGS });
}

/** The newest modification time of what the client is built from. */
function newestSource(): number {
  let newest = 0;
  const visit = (path: string) => {
    const stat = statSync(path);
    if (stat.isDirectory()) for (const name of readdirSync(path)) visit(join(path, name));
    else newest = Math.max(newest, stat.mtimeMs);
  };
  for (const path of ['client', 'model', 'data', 'vite.config.ts', 'package-lock.json']) if (existsSync(join(ROOT, path))) visit(join(ROOT, path));
  return newest;
}

/**
 * `vite build` into dist/client (what the server serves), unless it is newer than its sources.
 * Test files run in parallel: one builds at a time (a lock directory), and a build another file
 * made meanwhile is reused, so that no server sees its files emptied by another file's build.
 */
export async function buildClient(): Promise<void> {
  const index = join(ROOT, 'dist', 'client', 'index.html');
  const lock = join(ROOT, 'dist', '.client-build.lock');
  mkdirSync(join(ROOT, 'dist'), { recursive: true });
  const deadline = Date.now() + 180_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // A lock left by a run that was killed is taken over after five minutes.
      if (existsSync(lock) && Date.now() - statSync(lock).mtimeMs > 300_000) rmSync(lock, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error(`vite build : verrou ${lock} tenu depuis plus de 3 minutes`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  try {
    if (existsSync(index) && statSync(index).mtimeMs > newestSource()) return;
    const { build } = await import('vite');
    await build({ configFile: join(ROOT, 'vite.config.ts'), logLevel: 'warn', build: { sourcemap: false } });
    if (!existsSync(index)) throw new Error('vite build: dist/client/index.html absent');
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}


/** The first administrator of every server started here (access control is on). */
export const E2E_ADMIN = { email: 'admin@localhost', password: 'mot-de-passe-des-tests-e2e' } as const;

export interface RunningServer {
  url: string;
  port: number;
  /** An administrator's API token, sent by api() (scripts' way in: Authorization: Bearer). */
  token: string;
  stop(): Promise<void>;
  output(): string;
}

/** Sign in through the API: the session cookie and its CSRF token. */
export async function apiLogin(url: string, email: string, password: string): Promise<{ cookie: string; csrf: string }> {
  const r = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email, password }) });
  if (!r.ok) throw new Error(`connexion refusée pour ${email} : HTTP ${r.status} ${await r.text()}`);
  const { csrfToken } = (await r.json()) as { csrfToken: string };
  const cookie = /articulation_session=[^;]*/.exec(r.headers.get('set-cookie') ?? '')?.[0] ?? '';
  return { cookie, csrf: csrfToken };
}

/** A browser context signed in as this account (session cookie from the API), in French, 1440×900. */
export async function signedInContext(browser: Browser, server: Pick<RunningServer, 'url'>, email: string = E2E_ADMIN.email, password: string = E2E_ADMIN.password): Promise<BrowserContext> {
  const { cookie } = await apiLogin(server.url, email, password);
  const [name, value] = cookie.split('=');
  const context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1440, height: 900 }, acceptDownloads: true });
  await context.addCookies([{ name, value, url: server.url }]);
  return context;
}

/** Sign in in the page, through the login screen, and wait for the account menu. */
export async function signIn(page: Page, server: Pick<RunningServer, 'url'>, email: string = E2E_ADMIN.email, password: string = E2E_ADMIN.password): Promise<void> {
  await page.goto(`${server.url}/#/connexion`);
  await page.getByRole('textbox', { name: /^Adresse électronique/ }).fill(email);
  await page.getByLabel('Mot de passe', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.waitForSelector('[data-testid=compte]');
}

/** The real server, seeded with the demo data (or empty), on a free port and a temporary database. */
export async function startServer(options: { seed?: 'demo' | 'none'; timeoutMs?: number } = {}): Promise<RunningServer> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'articulation-e2e-'));
  let log = '';
  const child: ChildProcess = spawn(process.execPath, [join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(ROOT, 'server', 'index.ts')], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_PATH: join(dir, 'e2e.sqlite'),
      ARTICULATION_SEED: options.seed ?? 'demo',
      LOG: 'warn',
      ARTICULATION_ADMIN_EMAIL: E2E_ADMIN.email,
      ARTICULATION_ADMIN_PASSWORD: E2E_ADMIN.password,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d) => (log += String(d)));
  child.stderr?.on('data', (d) => (log += String(d)));
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise<void>((r) => child.once('exit', () => r()));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
    rmSync(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + (options.timeoutMs ?? 45_000);
  for (;;) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`le serveur s'est arrêté au démarrage :\n${log}`);
    }
    try {
      const r = await fetch(`${url}/api/health`);
      if (r.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`le serveur ne répond pas après ${options.timeoutMs ?? 45_000} ms :\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  // An API token for the tests' own requests (made from an administrator's session).
  const session = await apiLogin(url, E2E_ADMIN.email, E2E_ADMIN.password);
  const made = await fetch(`${url}/api/auth/tokens`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Cookie: session.cookie, 'X-CSRF-Token': session.csrf },
    body: JSON.stringify({ name: 'tests de bout en bout', expiresInDays: 1 }),
  });
  if (!made.ok) {
    await stop();
    throw new Error(`jeton d'accès des tests refusé : HTTP ${made.status} ${await made.text()}`);
  }
  const { token } = (await made.json()) as { token: string };
  return { url, port, token, stop, output: () => log };
}

export async function api<T>(server: RunningServer, path: string, init?: RequestInit): Promise<T> {
  const headers = new Headers(init?.headers);
  if (!headers.has('authorization')) headers.set('Authorization', `Bearer ${server.token}`);
  const r = await fetch(`${server.url}/api${path}`, { ...init, headers });
  if (!r.ok) throw new Error(`${init?.method ?? 'GET'} ${path} : HTTP ${r.status} ${await r.text()}`);
  return (await r.json()) as T;
}

export function screenshotPath(name: string): string {
  mkdirSync(SCREENSHOTS, { recursive: true });
  return join(SCREENSHOTS, `${name}.png`);
}

export interface PixelStats {
  width: number;
  height: number;
  /** Pixels that are not (near) white or the page background. */
  ink: number;
  /** Pixels within a small distance of each of the given colours. */
  matches: Record<string, number>;
}

/** Decode a PNG (a screenshot) in the page itself and count its pixels. */
export async function pixelStats(page: Page, png: Buffer, colours: Record<string, string> = {}): Promise<PixelStats> {
  return page.evaluate(
    async ({ b64, colours }) => {
      const img = new Image();
      img.src = `data:image/png;base64,${b64}`;
      await img.decode();
      const canvas = document.createElement('canvas');
      canvas.width = img.naturalWidth;
      canvas.height = img.naturalHeight;
      const ctx = canvas.getContext('2d')!;
      ctx.drawImage(img, 0, 0);
      const data = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
      const targets = Object.entries(colours).map(([name, hex]) => [name, parseInt(hex.slice(1, 3), 16), parseInt(hex.slice(3, 5), 16), parseInt(hex.slice(5, 7), 16)] as const);
      const matches: Record<string, number> = Object.fromEntries(targets.map(([n]) => [n, 0]));
      let ink = 0;
      for (let i = 0; i < data.length; i += 4) {
        const [r, g, b] = [data[i], data[i + 1], data[i + 2]];
        if (r < 235 || g < 235 || b < 235) ink++;
        for (const [name, tr, tg, tb] of targets) if (Math.abs(r - tr) + Math.abs(g - tg) + Math.abs(b - tb) < 30) matches[name]++;
      }
      return { width: canvas.width, height: canvas.height, ink, matches };
    },
    { b64: png.toString('base64'), colours },
  );
}
