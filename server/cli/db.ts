// `npm run db:copy -- DE VERS` and `npm run db:backup -- FICHIER`: the database as a whole.
//
// copy    moves a whole database to an empty one, between the two engines (a SQLite file, a
//         postgres:// address), then checks the copy: the same export, every table the same.
// backup  a consistent copy of the database of DATABASE_URL or DATABASE_PATH while the server
//         runs: SQLite's online backup (a database file), or pg_dump's custom format.
// Exit 0: done; 1: refused or failed (a French message says why); 2: bad arguments.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { canonicalJson } from '../canonical.ts';
import { ConfigError, loadConfig } from '../config.ts';
import { CopyRefused, copyDatabase, fingerprint } from '../db/copy.ts';
import { locationOf, openDatabase, parseLocation, type Database, type DatabaseLocation } from '../db/database.ts';
import { postgresTool, run } from '../db/postgres.ts';
import { SqliteDatabase } from '../db/sqlite.ts';
import { Store } from '../store.ts';
import { loadTerritories } from '../territories.ts';

export const USAGE = `Usage : npm run db:copy -- DE VERS
        npm run db:backup -- FICHIER

  db:copy DE VERS
      copie toute une base (dispositifs, personnes, liens, journal, comptes, sessions, jetons) vers
      une base vide, d’un moteur à l’autre : DE et VERS sont un fichier SQLite ou une adresse
      postgres://utilisateur:mot-de-passe@hôte:5432/base. La copie est ensuite vérifiée (même
      export, mêmes tables). Arrêtez les serveurs qui écrivent dans DE pendant la copie.
  db:backup FICHIER
      sauvegarde la base de DATABASE_URL (PostgreSQL : pg_dump, format « custom ») ou de
      DATABASE_PATH (SQLite : sauvegarde en ligne, un fichier de base), serveur en marche.
      Restauration : voir le README, « Sauvegarder et restaurer ».`;

class UsageError extends Error {}

export interface Io {
  out: (line: string) => void;
  err: (line: string) => void;
}

/** Run one command; returns the exit code. */
export async function runDb(argv: string[], env: Record<string, string | undefined>, io: Io): Promise<number> {
  try {
    const { positionals, values } = parseArgs({ args: argv, allowPositionals: true, options: { help: { type: 'boolean', short: 'h' } } });
    const [command, ...rest] = positionals;
    if (values.help) {
      io.out(USAGE);
      return 0;
    }
    if (command === 'copy') {
      if (rest.length !== 2) throw new UsageError('db:copy attend deux arguments : la base à copier, puis la base vide où la copier');
      return await copy(where(rest[0]), where(rest[1]), io);
    }
    if (command === 'backup') {
      if (rest.length !== 1) throw new UsageError('db:backup attend un argument : le fichier de la sauvegarde');
      return await backup(configured(env), resolve(rest[0]), io);
    }
    throw new UsageError(command ? `commande inconnue « ${command} »` : 'commande manquante');
  } catch (error) {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.err(`${(error as Error).message}\n\n${USAGE}`);
      return 2;
    }
    if (error instanceof ConfigError) {
      io.err(error.message);
      return 2;
    }
    io.err(`Échec : ${(error as Error).message}`);
    return 1;
  }
}

/** A command-line location: a postgres:// address, or a file path (relative to the current folder). */
function where(text: string): DatabaseLocation {
  const location = parseLocation(text);
  return location.engine === 'sqlite' ? { engine: 'sqlite', path: resolve(location.path) } : location;
}

/** The database the server uses (DATABASE_URL, else DATABASE_PATH). */
function configured(env: Record<string, string | undefined>): DatabaseLocation {
  const config = loadConfig(env);
  return locationOf({ databaseUrl: config.databaseUrl, databasePath: resolve(config.databasePath) });
}

const sameLocation = (a: DatabaseLocation, b: DatabaseLocation) => (a.engine === 'sqlite' && b.engine === 'sqlite' ? a.path === b.path : a.engine === 'postgres' && b.engine === 'postgres' && a.url === b.url);

async function copy(from: DatabaseLocation, to: DatabaseLocation, io: Io): Promise<number> {
  if (sameLocation(from, to)) throw new UsageError('DE et VERS désignent la même base');
  if (from.engine === 'sqlite' && !existsSync(from.path)) throw new UsageError(`la base à copier n’existe pas : ${from.path}`);
  const source = (await openDatabase(from)).db;
  try {
    const target = (await openDatabase(to)).db;
    try {
      const report = await copyDatabase(source, target).catch((error) => {
        if (error instanceof CopyRefused) throw error;
        throw new Error(`la copie a échoué, rien n’a été écrit dans ${target.label} : ${(error as Error).message}`);
      });
      io.out(`Copié de ${source.label} vers ${target.label} :`);
      io.out(`  ${report.rows.mechanisms} dispositifs, ${report.rows.people} personnes, ${report.rows.links} liens, ${report.rows.audit} entrées du journal, ${report.rows.accounts} comptes, ${report.rows.api_tokens} jetons, ${report.rows.sessions} sessions`);
      return (await verify(source, target, io)) ? 0 : 1;
    } finally {
      await target.close();
    }
  } finally {
    await source.close();
  }
}

/** The copy's check: the same articulation/1 export, and every table the same, row for row. */
async function verify(source: Database, target: Database, io: Io): Promise<boolean> {
  const territories = loadTerritories();
  const [before, after] = await Promise.all([new Store(source, territories).toDataset(), new Store(target, territories).toDataset()]);
  const sameExport = canonicalJson(before) === canonicalJson(after);
  const [a, b] = await Promise.all([fingerprint(source), fingerprint(target)]);
  const different = Object.keys(a.digests).filter((table) => a.digests[table] !== b.digests[table]);
  if (sameExport && different.length === 0) {
    io.out('Vérifié : les deux bases donnent le même export, et toutes leurs tables sont identiques.');
    return true;
  }
  if (!sameExport) io.err('Vérification : les exports des deux bases diffèrent.');
  if (different.length) io.err(`Vérification : tables différentes : ${different.join(', ')}.`);
  return false;
}

async function backup(location: DatabaseLocation, file: string, io: Io): Promise<number> {
  if (existsSync(file)) throw new UsageError(`le fichier ${file} existe déjà : choisissez un autre nom (une sauvegarde n’en écrase pas une autre)`);
  if (location.engine === 'sqlite' && !existsSync(location.path)) throw new UsageError(`la base n’existe pas : ${location.path} (DATABASE_PATH)`);
  // As it is: a backup does not migrate the database it copies.
  const { db } = await openDatabase(location, { migrate: false });
  try {
    await db.backup(file);
    if (db instanceof SqliteDatabase) {
      const copy = (await openDatabase({ engine: 'sqlite', path: file }, { migrate: false })).db as SqliteDatabase;
      try {
        const check = copy.sqlite.pragma('integrity_check', { simple: true });
        if (check !== 'ok') throw new Error(`la sauvegarde ${file} est endommagée : ${String(check)}`);
        const { data_version } = await copy.kysely.selectFrom('dataset').select('data_version').executeTakeFirstOrThrow();
        io.out(`Sauvegarde écrite : ${file} (base SQLite, version des données ${data_version}, ${statSync(file).size} octets).`);
      } finally {
        await copy.close();
      }
    } else {
      // The dump is readable by pg_restore (its table of contents lists the journal).
      await run(postgresTool('pg_restore'), ['--list', file]);
      const head = readFileSync(file).subarray(0, 5).toString('latin1');
      if (head !== 'PGDMP') throw new Error(`la sauvegarde ${file} n’est pas au format de pg_dump`);
      io.out(`Sauvegarde écrite : ${file} (base PostgreSQL ${db.label}, format custom de pg_dump, ${statSync(file).size} octets).`);
    }
    return 0;
  } finally {
    await db.close();
  }
}

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href;
if (isMain) {
  runDb(process.argv.slice(2), process.env, {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
  }).then((code) => process.exit(code));
}
