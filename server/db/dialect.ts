// The only pieces of schema written twice, once per engine: how a JSON column is checked, how a numbered key is generated (and typed: 64 bits, as SQLite's integers, so that any
// number a client sends compares without overflow), and the journal's append-only triggers.
// Every migration states everything else once, with the query builder's schema API.
import { sql, type ColumnDataType, type ColumnDefinitionBuilder, type Kysely } from 'kysely';
import type { EngineKind } from './database.ts';

type Column = [ColumnDataType, (column: ColumnDefinitionBuilder) => ColumnDefinitionBuilder];

/**
 * A column holding JSON, as text on both engines (the same values, the same SQL around them),
 * checked valid by each engine's own means: SQLite's json_valid, PostgreSQL's json parser.
 */
export function jsonColumn(engine: EngineKind, name: string, options: { nullable?: boolean; defaultTo?: string } = {}): Column {
  return [
    'text',
    (column) => {
      let out = options.nullable ? column : column.notNull();
      if (options.defaultTo !== undefined) out = out.defaultTo(options.defaultTo);
      return out.check(engine === 'sqlite' ? sql`json_valid(${sql.ref(name)})` : sql`(${sql.ref(name)}::json) IS NOT NULL OR ${sql.ref(name)} IS NULL`);
    },
  ];
}

/** An integer key numbered by the database (also accepts explicit values: db:copy keeps them). */
export function serialKey(engine: EngineKind): Column {
  return engine === 'postgres' ? ['bigint', (column) => column.primaryKey().generatedByDefaultAsIdentity()] : ['integer', (column) => column.primaryKey().autoIncrement()];
}

/** The type of a column pointing to a serial key, or of a data version (compared with numbers clients send). */
export const keyType = (engine: EngineKind): ColumnDataType => (engine === 'postgres' ? 'bigint' : 'integer');

/**
 * The journal is append-only. `strict`: no update, no delete (the first schema). `redaction`: one
 * exception, the erasure of a deleted person or account, which rewrites entity_id, before and
 * after of the entries naming them inside its transaction, while audit_redaction holds its row.
 */
export async function auditTriggers(db: Kysely<any>, engine: EngineKind, mode: 'strict' | 'redaction'): Promise<void> {
  const statements = engine === 'sqlite' ? sqliteTriggers(mode) : postgresTriggers(mode);
  for (const statement of statements) await sql.raw(statement).execute(db);
}

const REFUSAL = "'le journal est en ajout seul'";

function sqliteTriggers(mode: 'strict' | 'redaction'): string[] {
  if (mode === 'strict') {
    return [
      `CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, ${REFUSAL}); END`,
      `CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, ${REFUSAL}); END`,
    ];
  }
  return [
    'DROP TRIGGER audit_no_update',
    `CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
     WHEN NOT EXISTS (SELECT 1 FROM audit_redaction)
       OR NEW.seq IS NOT OLD.seq OR NEW.at IS NOT OLD.at OR NEW.action IS NOT OLD.action
       OR NEW.entity IS NOT OLD.entity OR NEW.data_version IS NOT OLD.data_version
       OR NEW.account IS NOT OLD.account OR NEW.undo_of IS NOT OLD.undo_of
     BEGIN SELECT RAISE(ABORT, ${REFUSAL}); END`,
  ];
}

function postgresTriggers(mode: 'strict' | 'redaction'): string[] {
  const updateCheck =
    mode === 'strict'
      ? 'TRUE'
      : `NOT EXISTS (SELECT 1 FROM audit_redaction)
         OR NEW.seq IS DISTINCT FROM OLD.seq OR NEW.at IS DISTINCT FROM OLD.at OR NEW.action IS DISTINCT FROM OLD.action
         OR NEW.entity IS DISTINCT FROM OLD.entity OR NEW.data_version IS DISTINCT FROM OLD.data_version
         OR NEW.account IS DISTINCT FROM OLD.account OR NEW.undo_of IS DISTINCT FROM OLD.undo_of`;
  const statements = [
    `CREATE OR REPLACE FUNCTION audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN
       IF TG_OP <> 'UPDATE' OR ${updateCheck} THEN
         RAISE EXCEPTION ${REFUSAL} USING ERRCODE = 'restrict_violation';
       END IF;
       RETURN NEW;
     END $$`,
  ];
  if (mode === 'strict') {
    statements.push(
      'CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit FOR EACH ROW EXECUTE FUNCTION audit_append_only()',
      'CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit FOR EACH ROW EXECUTE FUNCTION audit_append_only()',
      'CREATE TRIGGER audit_no_truncate BEFORE TRUNCATE ON audit FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only()',
    );
  }
  return statements;
}
