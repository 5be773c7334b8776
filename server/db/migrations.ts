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
  {
    version: 2,
    name: 'access-control',
    up: `
      -- Accounts: local (password) or single sign-on (OpenID Connect, matched by email).
      -- scope: {"regions": [...], "departements": [...]} for an ARS officer, {"mechanisms": [...]} for a coordinator.
      CREATE TABLE accounts (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        email TEXT NOT NULL UNIQUE COLLATE NOCASE,
        name TEXT,
        role TEXT NOT NULL CHECK (role IN ('admin', 'ars', 'coordinateur', 'lecteur')),
        scope TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(scope)),
        password_hash TEXT,
        disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
        oidc_subject TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        last_login_at TEXT
      );

      -- Browser sessions. The cookie holds a random secret; only its SHA-256 is stored.
      CREATE TABLE sessions (
        id_hash TEXT PRIMARY KEY,
        account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
        csrf_token TEXT NOT NULL,
        method TEXT NOT NULL CHECK (method IN ('password', 'oidc')),
        id_token TEXT,
        created_at TEXT NOT NULL,
        last_seen_at TEXT NOT NULL,
        expires_at TEXT NOT NULL
      );
      CREATE INDEX sessions_account ON sessions (account_id);

      -- API tokens for scripts (Authorization: Bearer). Shown once; only the SHA-256 is stored.
      CREATE TABLE api_tokens (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        token_hash TEXT NOT NULL UNIQUE,
        prefix TEXT NOT NULL,
        created_at TEXT NOT NULL,
        expires_at TEXT NOT NULL,
        revoked_at TEXT,
        last_used_at TEXT
      );
      CREATE INDEX api_tokens_account ON api_tokens (account_id);

      -- Server secrets. pseudonym_secret keys the pseudonyms of people in public views and reader exports.
      CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
      INSERT INTO settings (key, value) VALUES ('pseudonym_secret', lower(hex(randomblob(32))));

      -- The journal names the account (accounts.id) of every write; an undo points to the entry it reverts.
      ALTER TABLE audit ADD COLUMN undo_of INTEGER;
      CREATE INDEX audit_account ON audit (account);
      CREATE INDEX audit_at ON audit (at);

      -- The journal stays append-only, with one exception: erasing a deleted person rewrites the
      -- entries that name them (entity_id, before, after), inside the erasure's transaction, while
      -- audit_redaction holds its single row. No other column can ever change.
      CREATE TABLE audit_redaction (active INTEGER PRIMARY KEY CHECK (active = 1));
      DROP TRIGGER audit_no_update;
      CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
      WHEN NOT EXISTS (SELECT 1 FROM audit_redaction)
        OR NEW.seq IS NOT OLD.seq OR NEW.at IS NOT OLD.at OR NEW.action IS NOT OLD.action
        OR NEW.entity IS NOT OLD.entity OR NEW.data_version IS NOT OLD.data_version
        OR NEW.account IS NOT OLD.account OR NEW.undo_of IS NOT OLD.undo_of
      BEGIN SELECT RAISE(ABORT, 'le journal est en ajout seul'); END;
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
