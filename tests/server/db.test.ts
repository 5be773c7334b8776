// Storage: migrations, WAL, the append-only journal.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../server/db/database.ts';
import { MIGRATIONS, SCHEMA_VERSION, migrate } from '../../server/db/migrations.ts';

const dir = mkdtempSync(join(tmpdir(), 'articulation-db-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('database', () => {
  it('creates the file (and its folder), migrates once, runs in WAL mode', () => {
    const path = join(dir, 'nested', 'folder', 'a.sqlite');
    const first = openDatabase(path);
    expect(first.created).toBe(true);
    expect(first.migrated).toEqual(MIGRATIONS.map((m) => m.version));
    expect(first.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(first.db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(first.db.prepare('SELECT version, name FROM migrations').all()).toEqual(MIGRATIONS.map((m) => ({ version: m.version, name: m.name })));
    first.db.close();
    const again = openDatabase(path);
    expect(again.created).toBe(false);
    expect(again.migrated).toEqual([]);
    again.db.close();
  });

  it('applies only the new migrations, each in its transaction; a failing one leaves the schema as it was', () => {
    const db = new BetterSqlite3(join(dir, 'b.sqlite'));
    migrate(db);
    const next = [...MIGRATIONS, { version: SCHEMA_VERSION + 1, name: 'extra', up: 'CREATE TABLE extra (x INTEGER);' }];
    expect(migrate(db, next)).toEqual([SCHEMA_VERSION + 1]);
    const broken = [...next, { version: SCHEMA_VERSION + 2, name: 'broken', up: 'CREATE TABLE half (x INTEGER); SELECT * FROM nowhere;' }];
    expect(() => migrate(db, broken)).toThrow();
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION + 1);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'half'").get()).toBeUndefined();
    db.close();
  });

  it('refuses a database from a newer version of the software', () => {
    const path = join(dir, 'c.sqlite');
    const db = new BetterSqlite3(path);
    db.pragma('user_version = 99');
    db.close();
    expect(() => openDatabase(path)).toThrow(/plus récent/);
  });

  it('the audit journal is append-only', () => {
    const { db } = openDatabase(join(dir, 'd.sqlite'));
    db.prepare("INSERT INTO audit (at, action, entity, data_version) VALUES ('2025-01-01', 'create', 'people', 1)").run();
    expect(() => db.prepare('DELETE FROM audit').run()).toThrow(/ajout seul/);
    expect(() => db.prepare("UPDATE audit SET action = 'x'").run()).toThrow(/ajout seul/);
    db.close();
  });
});
