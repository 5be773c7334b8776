// npm run db:copy (a whole database to an empty one, SQLite ↔ PostgreSQL, checked by comparing
// exports) and npm run db:backup (a consistent copy while writes go on), restored as the README
// says. In the PostgreSQL half of the suite the copy goes SQLite → PostgreSQL → SQLite; in the
// SQLite half, between two SQLite files.
import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { appInternals, createApp } from '../../server/app.ts';
import { runDb } from '../../server/cli/db.ts';
import { canonicalJson } from '../../server/canonical.ts';
import { fingerprint } from '../../server/db/copy.ts';
import { openDatabase, type Database, type DatabaseLocation } from '../../server/db/database.ts';
import { postgresTool, run } from '../../server/db/postgres.ts';
import { loadTerritories } from '../../server/territories.ts';
import { Store } from '../../server/store.ts';
import { AS_OF, SCHEMA_2_MADE_AT, TEST_ENGINE, call, clsmBressuire, makeServer, seedSmall } from './helpers.ts';
import { testLocation, type TestLocation } from './test-database.ts';

const territories = loadTerritories();
const locations: TestLocation[] = [];
afterAll(async () => {
  for (const where of locations) await where.drop();
});
async function fresh(name: string): Promise<TestLocation> {
  const where = await testLocation(name);
  locations.push(where);
  return where;
}

async function db(args: string[], env: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runDb(args, { ...env }, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const text = (location: DatabaseLocation) => (location.engine === 'sqlite' ? location.path : location.url);

async function opened<T>(location: DatabaseLocation, fn: (db: Database) => Promise<T>): Promise<T> {
  const { db: handle } = await openDatabase(location);
  try {
    return await fn(handle);
  } finally {
    await handle.close();
  }
}

describe('npm run db:copy', () => {
  const expected = JSON.parse(readFileSync(new URL('./fixtures/schema-2.expected.json', import.meta.url), 'utf8'));

  it(`copies a database of the previous version to ${TEST_ENGINE} and back to SQLite: same export, same tables; the copy answers as the original`, async () => {
    const source = await fresh('copy-source');
    copyFileSync(new URL('./fixtures/schema-2.sqlite', import.meta.url), join(source.dir, 'schema-2.sqlite'));
    const original: DatabaseLocation = { engine: 'sqlite', path: join(source.dir, 'schema-2.sqlite') };
    const middle = await fresh('copy-middle');
    const back: DatabaseLocation = { engine: 'sqlite', path: join(source.dir, 'retour.sqlite') };

    const there = await db(['copy', text(original), text(middle.location)]);
    expect(there, there.err).toMatchObject({ code: 0 });
    expect(there.out).toMatch(/dispositifs, .* entrées du journal, 2 comptes, 2 jetons, 1 sessions/);
    expect(there.out).toMatch(/Vérifié : les deux bases donnent le même export, et toutes leurs tables sont identiques/);
    const home = await db(['copy', text(middle.location), text(back)]);
    expect(home, home.err).toMatchObject({ code: 0 });
    const prints = await Promise.all([original, middle.location, back].map((location) => opened(location, fingerprint)));
    expect(prints[1]).toEqual(prints[0]);
    expect(prints[2]).toEqual(prints[0]);
    expect(prints[0].rows.audit).toBeGreaterThan(50);

    // The copy serves what the original served: the export, the old token and session, the same pseudonyms; numbering goes on.
    const { adminToken, sessionCookie, dataset, journal } = expected;
    await opened(middle.location, async (handle) => {
      const app = createApp({ db: handle, territories, today: () => AS_OF, auth: { scryptCost: 10, now: () => SCHEMA_2_MADE_AT } });
      const auth = { Authorization: `Bearer ${adminToken}` };
      expect((await call(app, 'GET', '/api/export', undefined, auth)).body).toEqual(dataset);
      expect((await call(app, 'GET', '/api/auth/me', undefined, { Cookie: `articulation_session=${sessionCookie}` })).body.authenticated).toBe(true);
      const originalSecret = await opened(original, async (o) => o.settings.get('pseudonym_secret'));
      expect(handle.settings.get('pseudonym_secret')).toBe(originalSecret);
      expect((await call(app, 'POST', '/api/people', { label: 'Après la copie' }, auth)).status).toBe(201);
      expect((await call(app, 'GET', '/api/audit?limit=1', undefined, auth)).body.items[0].seq).toBe(journal.at(-1).seq + 1);
      const account = await call(app, 'POST', '/api/accounts', { email: 'apres.copie@ars.example.fr', role: 'lecteur' }, auth);
      expect(account.status, account.text).toBe(201);
      expect(account.body.account.id).toBe(3);
      await appInternals(app).writer.close();
    });
  });

  it('refuses a destination that is not empty, the same base twice, and bad arguments', async () => {
    const s = await makeServer('copy-full');
    try {
      await seedSmall(s.app);
      const empty = await fresh('copy-empty');
      const target = await fresh('copy-target');
      expect((await db(['copy', text(s.where.location), text(target.location)])).code).toBe(0);
      const again = await db(['copy', text(s.where.location), text(target.location)]);
      expect(again.code).toBe(1);
      expect(again.err).toMatch(/^Échec : la base de destination .* n’est pas vide \(version des données 1, 1 compte\(s\), \d+ entrée\(s\) au journal\) : rien n’a été copié$/);
      expect((await db(['copy', text(empty.location), text(empty.location)])).err).toMatch(/DE et VERS désignent la même base/);
      expect((await db(['copy', text(empty.location)])).code).toBe(2);
      expect((await db(['frobnicate'])).err).toMatch(/commande inconnue « frobnicate »/);
      expect((await db(['copy', join(empty.dir, 'absente.sqlite'), text(target.location)])).err).toMatch(/la base à copier n’existe pas/);
    } finally {
      await s.close();
    }
  });
});

describe(`npm run db:backup (${TEST_ENGINE})`, () => {
  it('takes a consistent copy while writes go on; restored as the README says, it gives the export of its data version', async () => {
    const s = await makeServer('backup');
    try {
      await seedSmall(s.app);
      const exports = new Map<number, string>();
      const record = async () => {
        const res = await call(s.app, 'GET', '/api/export');
        exports.set(Number(res.headers.get('x-data-version')), canonicalJson(res.body));
      };
      await record();
      // Writes go on during the backup, one request after another as they would arrive (a macrotask each).
      let writing = true;
      const writes = (async () => {
        for (let i = 0; (writing && i < 500) || i < 3; i++) {
          await new Promise((resolve) => setImmediate(resolve));
          expect((await call(s.app, 'POST', '/api/people', { label: `Écrite pendant la sauvegarde ${i}` })).status).toBe(201);
          await record();
        }
      })();
      const file = join(s.dir, TEST_ENGINE === 'sqlite' ? 'sauvegarde.sqlite' : 'sauvegarde.dump');
      const backup = await db(['backup', file], s.where.env);
      writing = false;
      await writes;
      expect(backup, backup.err).toMatchObject({ code: 0 });
      expect(backup.out).toMatch(TEST_ENGINE === 'sqlite' ? /^Sauvegarde écrite : .*sauvegarde\.sqlite \(base SQLite, version des données \d+, \d+ octets\)\.$/ : /^Sauvegarde écrite : .*sauvegarde\.dump \(base PostgreSQL .*, format custom de pg_dump, \d+ octets\)\.$/);
      expect(existsSync(file)).toBe(true);

      // The README's restore: SQLite, the file in place of the base; PostgreSQL, pg_restore into a new base.
      const restored = await fresh('restored');
      if (restored.location.engine === 'sqlite') copyFileSync(file, restored.location.path);
      else await run(postgresTool('pg_restore'), ['--no-owner', '--no-privileges', `--dbname=${restored.location.url}`, file]);
      await opened(restored.location, async (handle) => {
        const store = new Store(handle, territories);
        const version = await store.dataVersion();
        expect(exports.has(version), `version ${version} sauvegardée`).toBe(true);
        expect(canonicalJson(await store.toDataset())).toBe(exports.get(version));
        // The restored base serves requests and takes writes.
        const app = createApp({ db: handle, territories, today: () => AS_OF, auth: { scryptCost: 10, now: () => SCHEMA_2_MADE_AT } });
        expect((await call(app, 'POST', '/api/mechanisms', clsmBressuire, { Authorization: `Bearer ${s.adminToken}` })).status).toBe(409);
        await appInternals(app).writer.close();
      });

      // A backup never overwrites a file, and says what is wrong in French.
      const twice = await db(['backup', file], s.where.env);
      expect(twice).toMatchObject({ code: 2, err: expect.stringMatching(/existe déjà/) });
    } finally {
      await s.close();
    }
  });
});
