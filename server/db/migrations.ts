// Versioned schema migrations. Each runs once, in its own transaction, and bumps
// `PRAGMA user_version`; the `migrations` table keeps when each was applied.
// Never edit a migration that has shipped: add a new one.
import type { Database } from 'better-sqlite3';

export interface Migration {
  version: number;
  name: string;
  up: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'initial',
    up: `
      CREATE TABLE IF NOT EXISTS migrations (
        version INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        applied_at TEXT NOT NULL
      );
      -- One row: the dataset's own fields (title, scope, any extra top-level field) and the data version,
      -- bumped by every write so that derived results (model, findings) are cached per version.
      CREATE TABLE dataset (
        singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
        meta TEXT NOT NULL DEFAULT '{}',
        data_version INTEGER NOT NULL DEFAULT 0,
        updated_at TEXT
      );
      INSERT INTO dataset (singleton, meta, data_version) VALUES (1, '{}', 0);

      -- Each entity row holds its articulation/1 object as JSON; a few columns are copied out for filters.
      CREATE TABLE mechanisms (
        id TEXT PRIMARY KEY,
        position INTEGER NOT NULL,
        kind TEXT NOT NULL,
        status TEXT NOT NULL,
        data TEXT NOT NULL CHECK (json_valid(data)),
        version INTEGER NOT NULL CHECK (version >= 1),
        updated_at TEXT NOT NULL
      );
      CREATE INDEX mechanisms_position ON mechanisms (position);

      CREATE TABLE people (
        id TEXT PRIMARY KEY,
        position INTEGER NOT NULL,
        data TEXT NOT NULL CHECK (json_valid(data)),
        version INTEGER NOT NULL CHECK (version >= 1),
        updated_at TEXT NOT NULL
      );
      CREATE INDEX people_position ON people (position);

      CREATE TABLE links (
        id TEXT PRIMARY KEY,
        position INTEGER NOT NULL,
        kind TEXT NOT NULL,
        from_id TEXT NOT NULL,
        to_id TEXT NOT NULL,
        data TEXT NOT NULL CHECK (json_valid(data)),
        version INTEGER NOT NULL CHECK (version >= 1),
        updated_at TEXT NOT NULL
      );
      CREATE INDEX links_position ON links (position);
      CREATE INDEX links_from ON links (from_id);
      CREATE INDEX links_to ON links (to_id);

      -- Every write. account stays NULL until access control exists.
      CREATE TABLE audit (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        at TEXT NOT NULL,
        action TEXT NOT NULL,
        entity TEXT NOT NULL,
        entity_id TEXT,
        before TEXT CHECK (before IS NULL OR json_valid(before)),
        after TEXT CHECK (after IS NULL OR json_valid(after)),
        data_version INTEGER NOT NULL,
        account TEXT
      );
      CREATE INDEX audit_entity ON audit (entity, entity_id);
      -- The journal is append-only.
      CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'le journal est en ajout seul'); END;
      CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'le journal est en ajout seul'); END;
    `,
  },
];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;

/** Apply the migrations the database has not seen; returns the versions applied. */
export function migrate(db: Database, migrations: readonly Migration[] = MIGRATIONS, now = () => new Date().toISOString()): number[] {
  const current = db.pragma('user_version', { simple: true }) as number;
  const latest = migrations.length ? migrations[migrations.length - 1].version : 0;
  if (current > latest) {
    throw new Error(
      `la base de données est au schéma ${current}, plus récent que celui de ce serveur (${latest}) : mettez le logiciel à jour`,
    );
  }
  const applied: number[] = [];
  for (const migration of migrations) {
    if (migration.version <= current) continue;
    db.transaction(() => {
      db.exec(migration.up);
      db.prepare('INSERT INTO migrations (version, name, applied_at) VALUES (?, ?, ?)').run(migration.version, migration.name, now());
      db.pragma(`user_version = ${migration.version}`);
    }).immediate();
    applied.push(migration.version);
  }
  return applied;
}
