// `npm run users -- COMMANDE …`: manage accounts from the shell, on the database of DATABASE_URL
// or DATABASE_PATH (the server may be running: writes are serialised by the database). Changes are journaled with no
// account (the console). Exit 0: done; 1: refused (a French message says why); 2: bad arguments.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { AccountStore } from '../auth/accounts.ts';
import { TOKEN_DEFAULT_DAYS, TokenStore } from '../auth/tokens.ts';
import { Policy, describeScope } from '../auth/policy.ts';
import { ROLES, ROLE_LABELS, type Account, type AccountScope, type Role } from '../auth/types.ts';
import { ConfigError, loadConfig } from '../config.ts';
import { locationOf, openDatabase, type DatabaseLocation } from '../db/database.ts';
import { ApiError } from '../errors.ts';
import { Store } from '../store.ts';
import { loadTerritories } from '../territories.ts';

export const USAGE = `Usage : npm run users -- COMMANDE [options]

Gère les comptes de la base DATABASE_URL (PostgreSQL) ou DATABASE_PATH (par défaut var/articulation.sqlite).

  add ADRESSE --role ROLE [--name NOM] [périmètre] [--password-stdin | --no-password]
      crée un compte ; sans option de mot de passe, un mot de passe aléatoire est affiché une fois.
      --no-password : connexion unique (ProConnect) seulement.
  list
      liste les comptes : numéro, adresse, rôle, périmètre, état, dernière connexion.
  disable ADRESSE | enable ADRESSE
      désactive (ses sessions sont fermées, ses jetons refusés) ou réactive un compte.
  set-role ADRESSE --role ROLE [périmètre]
      change le rôle et le périmètre d’un compte.
  reset-password ADRESSE [--password-stdin]
      remplace le mot de passe (aléatoire, affiché une fois, ou lu sur l’entrée standard) ; ferme les sessions.
  token ADRESSE --name NOM [--days N]
      crée un jeton d’accès pour un script (N jours, ${TOKEN_DEFAULT_DAYS} par défaut, 365 au plus) ; il est affiché une seule fois.
  tokens ADRESSE
      liste les jetons d’un compte (jamais leur valeur).
  revoke NUMERO
      révoque un jeton.

Rôles : ${ROLES.join(', ')}.
Périmètre : --regions 75,84 et/ou --departements 79,86 pour un agent d’ARS (ars) ; --mechanisms clsm-niort,cls-niort pour un coordinateur.`;

export class UsageError extends Error {}

export interface Io {
  out: (line: string) => void;
  err: (line: string) => void;
  stdin: () => string;
}

const list = (value: string | undefined) => (value ?? '').split(',').map((x) => x.trim()).filter(Boolean);

function scopeOf(values: Record<string, string | boolean | undefined>): AccountScope {
  const scope: AccountScope = {};
  if (typeof values.regions === 'string') scope.regions = list(values.regions);
  if (typeof values.departements === 'string') scope.departements = list(values.departements);
  if (typeof values.mechanisms === 'string') scope.mechanisms = list(values.mechanisms);
  return scope;
}

function roleOf(value: string | boolean | undefined): Role {
  if (typeof value !== 'string') throw new UsageError('--role est obligatoire');
  if (!ROLES.includes(value as Role)) throw new UsageError(`rôle inconnu « ${value} » (attendu : ${ROLES.join(', ')})`);
  return value as Role;
}

const describe = (a: Account) =>
  `${String(a.id).padStart(3)}  ${a.email}  ${a.role} (${describeScope(a.role, a.scope)})  ${a.disabled ? 'désactivé' : 'actif'}  ${a.hasPassword ? 'mot de passe' : 'connexion unique'}  dernière connexion : ${a.lastLoginAt ?? 'jamais'}`;

/** Run one command; returns the exit code. */
export async function runUsers(argv: string[], env: Record<string, string | undefined>, io: Io): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        role: { type: 'string' },
        name: { type: 'string' },
        regions: { type: 'string' },
        departements: { type: 'string' },
        mechanisms: { type: 'string' },
        'password-stdin': { type: 'boolean' },
        'no-password': { type: 'boolean' },
        days: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    io.err(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const [command, target, ...rest] = parsed.positionals;
  if (parsed.values.help || !command) {
    (command ? io.out : io.err)(USAGE);
    return command ? 0 : 2;
  }
  let location: DatabaseLocation;
  try {
    const config = loadConfig(env);
    location = locationOf({ databaseUrl: config.databaseUrl, databasePath: resolve(config.databasePath) });
  } catch (error) {
    if (error instanceof ConfigError) {
      io.err(error.message);
      return 2;
    }
    throw error;
  }
  const { db } = await openDatabase(location);
  try {
    const accounts = new AccountStore(db);
    const tokens = new TokenStore(db, accounts);
    const needTarget = () => {
      if (!target) throw new UsageError(`${command} : l’adresse du compte est obligatoire`);
      if (rest.length) throw new UsageError(`argument en trop : ${rest.join(' ')}`);
      return target;
    };
    const find = async (email: string) => {
      const found = await accounts.findByEmail(email);
      if (!found) throw new ApiError(404, `aucun compte pour ${email} (npm run users -- list)`);
      return found;
    };
    const readPassword = () => io.stdin().replace(/\r?\n$/, '');
    const policy = async () => {
      const territories = loadTerritories();
      const store = new Store(db, territories);
      return { policy: new Policy(territories, store), snap: await store.snapshot() };
    };

    switch (command) {
      case 'add': {
        const email = needTarget();
        const role = roleOf(parsed.values.role);
        const { policy: p, snap } = await policy();
        const scope = p.validateScope(role, scopeOf(parsed.values), snap);
        if (parsed.values['password-stdin'] && parsed.values['no-password']) throw new UsageError('--password-stdin et --no-password s’excluent');
        const password = parsed.values['no-password'] ? undefined : parsed.values['password-stdin'] ? readPassword() : ({ generate: true } as const);
        const created = await accounts.create({ email, name: parsed.values.name ?? null, role, scope, password }, null);
        io.out(`Compte créé : ${describe(created.account)}`);
        if (created.password) io.out(`Mot de passe (affiché une seule fois) : ${created.password}`);
        return 0;
      }
      case 'list': {
        if (target) throw new UsageError(`argument en trop : ${target}`);
        const all = await accounts.list();
        if (!all.length) io.out('Aucun compte.');
        for (const a of all) io.out(describe(a));
        return 0;
      }
      case 'disable':
      case 'enable': {
        const account = await find(needTarget());
        const updated = await accounts.update(account.id, { disabled: command === 'disable' }, null);
        io.out(`${command === 'disable' ? 'Compte désactivé' : 'Compte réactivé'} : ${describe(updated)}`);
        return 0;
      }
      case 'set-role': {
        const account = await find(needTarget());
        const role = roleOf(parsed.values.role);
        const { policy: p, snap } = await policy();
        const scope = p.validateScope(role, scopeOf(parsed.values), snap);
        const updated = await accounts.update(account.id, { role, scope }, null);
        io.out(`Rôle changé : ${describe(updated)} — ${ROLE_LABELS[role]}`);
        return 0;
      }
      case 'reset-password': {
        const account = await find(needTarget());
        const result = await accounts.setPassword(account.id, parsed.values['password-stdin'] ? readPassword() : { generate: true }, null);
        io.out(`Mot de passe remplacé pour ${account.email} ; ses sessions sont fermées.`);
        if (result.password) io.out(`Nouveau mot de passe (affiché une seule fois) : ${result.password}`);
        return 0;
      }
      case 'token': {
        const account = await find(needTarget());
        if (typeof parsed.values.name !== 'string') throw new UsageError('--name est obligatoire : à quoi sert ce jeton ?');
        const days = parsed.values.days === undefined ? undefined : /^\d{1,4}$/.test(parsed.values.days) ? Number(parsed.values.days) : NaN;
        if (Number.isNaN(days)) throw new UsageError('--days doit être un nombre entier de jours');
        const { token, info } = await tokens.create(account.id, parsed.values.name, days, null);
        io.out(`Jeton n° ${info.id} « ${info.name} » pour ${account.email}, valable jusqu’au ${info.expiresAt.slice(0, 10)}.`);
        io.out('Valeur (affichée une seule fois ; à envoyer dans l’en-tête Authorization: Bearer …) :');
        io.out(token);
        return 0;
      }
      case 'tokens': {
        const account = await find(needTarget());
        const list = await tokens.list(account.id);
        if (!list.length) io.out(`Aucun jeton pour ${account.email}.`);
        for (const t of list) {
          const state = t.revokedAt ? `révoqué le ${t.revokedAt.slice(0, 10)}` : t.active ? `valable jusqu’au ${t.expiresAt.slice(0, 10)}` : `expiré le ${t.expiresAt.slice(0, 10)}`;
          io.out(`${String(t.id).padStart(3)}  ${t.prefix}…  « ${t.name} »  ${state}  dernier usage : ${t.lastUsedAt ?? 'jamais'}`);
        }
        return 0;
      }
      case 'revoke': {
        if (!target || !/^\d+$/.test(target)) throw new UsageError('revoke : le numéro du jeton est obligatoire (npm run users -- tokens ADRESSE)');
        const revoked = await tokens.revoke(Number(target), null);
        io.out(`Jeton n° ${revoked.id} « ${revoked.name} » révoqué.`);
        return 0;
      }
      default:
        throw new UsageError(`commande inconnue « ${command} »`);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`${error.message}\n\n${USAGE}`);
      return 2;
    }
    if (error instanceof ApiError) {
      const details = error.issues.filter((i) => !error.message.includes(i.message)).map((i) => `  - ${i.path} : ${i.message}`);
      io.err([`Refusé : ${error.message}`, ...details].join('\n'));
      return 1;
    }
    throw error;
  } finally {
    await db.close();
  }
}

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href;
if (isMain) {
  runUsers(process.argv.slice(2), process.env, {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    stdin: () => readFileSync(0, 'utf8'),
  }).then(
    (code) => process.exit(code),
    (error) => {
      process.stderr.write(`Erreur : ${(error as Error)?.stack ?? String(error)}\n`);
      process.exit(1);
    },
  );
}
