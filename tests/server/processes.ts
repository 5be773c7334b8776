// Real server processes for the tests (`node server/index.ts`), on a database given by the
// environment (test-database.ts): start one, sign in, send requests over HTTP.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The first administrator's password of every server started here (access control is on). */
export const ADMIN_PASSWORD = 'mot-de-passe-des-tests-de-processus';

export interface Running {
  child: ChildProcess;
  url: string;
  stdout: () => string;
  stderr: () => string;
  exit: Promise<number | null>;
}

/** A server's environment: API only, a free port, the tests' administrator, no database but the one given. */
export function serverEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  return { ...process.env, PORT: '0', ARTICULATION_CLIENT: 'none', ARTICULATION_ADMIN_PASSWORD: ADMIN_PASSWORD, DATABASE_URL: '', ...env };
}

/** Start a server; resolves once it listens (url) or has exited (url ''). */
export function start(env: Record<string, string>): Promise<Running> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], { cwd: ROOT, env: serverEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (err += d));
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}\n${err}`)), 30_000);
    const check = () => {
      const match = /prêt : (http:\/\/[^/\s]+)\//.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve({ child, url: match[1], stdout: () => out, stderr: () => err, exit });
      }
    };
    child.stdout!.on('data', check);
    exit.then((code) => {
      clearTimeout(timer);
      if (!/prêt : /.test(out)) resolve({ child, url: '', stdout: () => out, stderr: () => err, exit: Promise.resolve(code) });
    });
  });
}

/** Session headers (cookie and CSRF token) per server, once signed in. */
const SESSIONS = new Map<string, Record<string, string>>();

/** Sign in as the administrator; returns the session's headers (also sent by `http` to this server from now on). */
export async function signIn(base: string): Promise<Record<string, string>> {
  const res = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email: 'admin@localhost', password: ADMIN_PASSWORD }) });
  expect(res.status).toBe(200);
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  const cookie = /articulation_session=[^;]*/.exec(res.headers.get('set-cookie') ?? '')![0];
  const session = { Cookie: cookie, 'X-CSRF-Token': csrfToken };
  SESSIONS.set(base, session);
  return session;
}

export async function http(base: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}), ...SESSIONS.get(base), ...headers },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: any;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  return { status: res.status, body: parsed, text, headers: res.headers };
}

/** Stop a server with SIGTERM (SIGKILL if it is still there after the drain). */
export async function stop(running: Running): Promise<number | null> {
  if (running.child.exitCode !== null) return running.child.exitCode;
  running.child.kill('SIGTERM');
  const timer = setTimeout(() => running.child.kill('SIGKILL'), 40_000);
  const code = await running.exit;
  clearTimeout(timer);
  return code;
}
