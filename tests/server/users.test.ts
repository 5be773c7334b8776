// `npm run users` (account management from the shell) and the first start: the administrator's
// password printed once when ARTICULATION_ADMIN_PASSWORD is not set, then usable at once.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runUsers } from '../../server/cli/users.ts';
import { openDatabase } from '../../server/db/database.ts';
import { freePort } from '../free-port.ts';
import { testLocation, type TestLocation } from './test-database.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The command, on a database of the suite's engine (DATABASE_PATH or DATABASE_URL). */
async function users(db: TestLocation, args: string[], stdin = '') {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runUsers(args, db.env, { out: (l) => out.push(l), err: (l) => err.push(l), stdin: () => stdin });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('npm run users', () => {
  let db: TestLocation;
  beforeAll(async () => {
    db = await testLocation('cli');
  });
  afterAll(() => db?.drop());

  it('adds accounts with a role and a scope, lists, disables, enables, changes roles', async () => {
    const added = await users(db, ['add', 'Agent@ARS.example.fr', '--role', 'ars', '--departements', '79,86', '--name', 'Agent Test']);
    expect(added.code).toBe(0);
    expect(added.out).toMatch(/Compte créé : +1 {2}agent@ars\.example\.fr {2}ars \(départements 79, 86\) {2}actif {2}mot de passe/);
    expect(added.out).toMatch(/Mot de passe \(affiché une seule fois\) : [A-Za-z0-9]{20}$/);
    const sso = await users(db, ['add', 'sso@ars.example.fr', '--role', 'lecteur', '--no-password']);
    expect(sso.out).toMatch(/connexion unique/);
    const chosen = await users(db, ['add', 'choisi@ars.example.fr', '--role', 'lecteur', '--password-stdin'], 'un mot de passe choisi\n');
    expect(chosen.code).toBe(0);
    expect(chosen.out).not.toMatch(/affiché une seule fois/);
    const listed = await users(db, ['list']);
    expect(listed.out.split('\n')).toHaveLength(3);
    expect((await users(db, ['disable', 'agent@ars.example.fr'])).out).toMatch(/Compte désactivé.*désactivé/);
    expect((await users(db, ['enable', 'agent@ars.example.fr'])).out).toMatch(/Compte réactivé.*actif/);
    expect((await users(db, ['set-role', 'sso@ars.example.fr', '--role', 'ars', '--regions', '75'])).out).toMatch(/ars \(région 75\)/);
  });

  it('resets passwords and makes tokens shown once, listed without their value, revocable', async () => {
    const reset = await users(db, ['reset-password', 'agent@ars.example.fr']);
    expect(reset.out).toMatch(/Nouveau mot de passe \(affiché une seule fois\) : [A-Za-z0-9]{20}/);
    const token = await users(db, ['token', 'agent@ars.example.fr', '--name', 'export nocturne', '--days', '30']);
    expect(token.code).toBe(0);
    const value = token.out.split('\n').at(-1)!;
    expect(value).toMatch(/^art_[\w-]{43}$/);
    const listed = await users(db, ['tokens', 'agent@ars.example.fr']);
    expect(listed.out).toMatch(/« export nocturne » {2}valable jusqu’au/);
    expect(listed.out).not.toContain(value);
    const id = /^ *(\d+)/.exec(listed.out)![1];
    expect((await users(db, ['revoke', id])).out).toMatch(/révoqué/);
    expect((await users(db, ['tokens', 'agent@ars.example.fr'])).out).toMatch(/révoqué le/);
    // The journal names no account (the console) and holds no secret.
    const { db: handle } = await openDatabase(db.location);
    const journal = JSON.stringify(await handle.kysely.selectFrom('audit').selectAll().where('entity', 'in', ['accounts', 'tokens']).execute());
    await handle.close();
    expect(journal).toContain('"account":null');
    expect(journal).not.toContain(value);
  });

  it('refuses with French messages: 1 for a refusal, 2 for bad arguments', async () => {
    const unknownScope = await users(db, ['add', 'x@ars.example.fr', '--role', 'coordinateur', '--mechanisms', 'nulle-part']);
    expect(unknownScope).toMatchObject({ code: 1, err: expect.stringMatching(/Refusé : périmètre invalide : dispositif inconnu « nulle-part »/) });
    expect((await users(db, ['add', 'agent@ars.example.fr', '--role', 'lecteur'])).err).toMatch(/un compte existe déjà/);
    expect((await users(db, ['add', 'y@ars.example.fr', '--role', 'chef'])).code).toBe(2);
    expect((await users(db, ['add', 'y@ars.example.fr', '--role', 'lecteur', '--password-stdin'], 'court')).err).toMatch(/au moins 12 caractères/);
    expect((await users(db, ['disable', 'personne@nulle.part'])).err).toMatch(/aucun compte pour personne@nulle\.part/);
    expect((await users(db, ['frobnicate'])).code).toBe(2);
    expect((await users(db, [])).err).toMatch(/^Usage : npm run users/);
  });
});


describe('first start', () => {
  it('prints a random administrator password once (even with LOG=silent); it signs in at once', async () => {
    const port = await freePort();
    const database = await testLocation('first');
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
      cwd: ROOT,
      env: { ...process.env, PORT: String(port), ARTICULATION_CLIENT: 'none', ARTICULATION_SEED: 'none', LOG: 'silent', ...database.env, ARTICULATION_ADMIN_PASSWORD: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout!.on('data', (d) => (out += d));
    child.stderr!.on('data', (d) => (err += d));
    try {
      for (let i = 0; i < 300 && !/Mot de passe/.test(err); i++) await new Promise((r) => setTimeout(r, 100));
      const password = /Mot de passe \(affiché une seule fois, notez-le puis changez-le\) : ([A-Za-z0-9]{20})/.exec(err)?.[1];
      expect(password, err).toBeDefined();
      expect(err).toContain('Compte administrateur créé : admin@localhost');
      expect(out).toBe('');
      let res: Response | undefined;
      for (let i = 0; i < 100; i++) {
        res = await fetch(`http://127.0.0.1:${port}/api/auth/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email: 'admin@localhost', password }) }).catch(() => undefined);
        if (res) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(res?.status).toBe(200);
      // The shell can manage accounts while the server runs; the server sees them at once.
      const made = await users(database, ['token', 'admin@localhost', '--name', 'script']);
      const token = made.out.split('\n').at(-1)!;
      const me = await fetch(`http://127.0.0.1:${port}/api/auth/me`, { headers: { Authorization: `Bearer ${token}` } });
      expect(await me.json()).toMatchObject({ authenticated: true, via: 'token', account: { email: 'admin@localhost', role: 'admin' } });
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => child.on('exit', r));
      await database.drop();
    }
  });
});
