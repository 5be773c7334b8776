// Opening the SQLite file: WAL journal, foreign keys, a busy timeout, then migrations.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { migrate } from './migrations.ts';

export type { Database } from 'better-sqlite3';

export interface OpenedDatabase {
  db: Database;
  /** Migration versions applied by this opening (empty when the schema was current). */
  migrated: number[];
  /** True when the file did not hold a schema before (first start). */
  created: boolean;
}

export function openDatabase(path: string): OpenedDatabase {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new BetterSqlite3(path);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    // Deleted content is overwritten, not left in free pages: erasing a person erases their bytes.
    db.pragma('secure_delete = ON');
    const created = (db.pragma('user_version', { simple: true }) as number) === 0;
    const migrated = migrate(db);
    return { db, migrated, created };
  } catch (error) {
    db.close();
    throw error;
  }
}
