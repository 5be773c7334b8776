// Accounts in the database. Passwords are stored as scrypt hashes, never in clear. Every change to
// an account is written to the journal (entity `accounts`), never a secret. Sessions and API tokens
// are in sessions.ts and tokens.ts.
import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../db/database.ts';
import type { Tables } from '../db/schema.ts';
import { badRequest, conflict, notFound } from '../errors.ts';
import { appendJournal, redacting } from '../store/journal.ts';
import { DEFAULT_SCRYPT_COST, hashPassword, passwordProblem, randomPassword, randomSecret, verifyPassword } from './secrets.ts';
import { ROLES, type Account, type AccountScope, type Role } from './types.ts';

export interface AccountStoreOptions {
  /** Milliseconds since the epoch (tests move it to expire sessions and tokens). */
  now?: () => number;
  /** log2 of scrypt's N (tests lower it to stay fast). */
  scryptCost?: number;
  /** See WriteGate. */
  writeGate?: WriteGate;
}

/**
 * Another thread's writes (the write worker's imports, see writer.ts): while one holds the
 * database's write lock (`busy`), the bookkeeping writes of a read (a session's or a token's last
 * use, an expired session's removal) are skipped, made by a later request; the writes of an
 * account change wait for `idle()` instead of blocking in SQLite.
 */
export interface WriteGate {
  readonly busy: boolean;
  idle(): Promise<void>;
}

type AccountRecord = Selectable<Tables['accounts']>;

export interface NewAccount {
  email: string;
  name?: string | null;
  role: Role;
  scope?: AccountScope;
  /** A local password; `generate` makes a random one (returned once); absent: single sign-on only. */
  password?: string | { generate: true };
}

export interface AccountPatch {
  email?: string;
  name?: string | null;
  role?: Role;
  scope?: AccountScope;
  disabled?: boolean;
}

const EMAIL = /^[^\s@\u0000]{1,64}@[^\s@\u0000]{1,190}$/;

/** Normalised email (trimmed, lower case) or a 400 naming the field. */
export function normaliseEmail(email: unknown, path = 'email'): string {
  if (typeof email !== 'string' || !EMAIL.test(email.trim())) {
    throw badRequest('adresse électronique invalide', [{ path, message: 'doit être une adresse électronique (nom@domaine)' }]);
  }
  return email.trim().toLowerCase();
}

export function publicAccount(row: AccountRecord): Account {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role as Role,
    scope: JSON.parse(row.scope) as AccountScope,
    disabled: row.disabled === 1,
    hasPassword: row.password_hash !== null,
    oidcLinked: row.oidc_subject !== null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    lastLoginAt: row.last_login_at,
    writtenVersion: row.written_version,
  };
}

/** What the journal keeps of an account: no secret. */
const auditView = (a: Account) => ({ email: a.email, name: a.name, role: a.role, scope: a.scope, disabled: a.disabled, hasPassword: a.hasPassword });

/** Account rows, by any condition. */
export const accountRows = (db: Kysely<Tables>) => db.selectFrom('accounts').selectAll();

export class AccountStore {
  readonly now: () => number;
  readonly scryptCost: number;
  private readonly gate: WriteGate;
  private dummyHash: Promise<string> | undefined;

  constructor(
    readonly db: Database,
    options: AccountStoreOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.scryptCost = options.scryptCost ?? DEFAULT_SCRYPT_COST;
    this.gate = options.writeGate ?? { busy: false, idle: async () => undefined };
  }

  private iso(ms = this.now()): string {
    return new Date(ms).toISOString();
  }

  private journal(db: Kysely<Tables>, action: string, id: number, before: unknown, after: unknown, actor: number | null): Promise<void> {
    return appendJournal(db, { at: this.iso(), action, entity: 'accounts', entityId: String(id), before, after, account: actor === null ? null : String(actor) });
  }

  // ---------------------------------------------------------------- reads

  async count(): Promise<number> {
    const row = await this.db.kysely.selectFrom('accounts').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async list(): Promise<Account[]> {
    return (await accountRows(this.db.kysely).orderBy('id').execute()).map(publicAccount);
  }

  async get(id: number, db: Kysely<Tables> = this.db.kysely): Promise<Account | undefined> {
    const row = await accountRows(db).where('id', '=', id).executeTakeFirst();
    return row && publicAccount(row);
  }

  async require(id: number, db: Kysely<Tables> = this.db.kysely): Promise<Account> {
    const found = await this.get(id, db);
    if (!found) throw notFound(`compte introuvable : n° ${id}`);
    return found;
  }

  async findByEmail(email: string, db: Kysely<Tables> = this.db.kysely): Promise<Account | undefined> {
    if (email.includes('\u0000')) return undefined; // no stored address has one (see EMAIL)
    const row = await accountRows(db).where('email', '=', email.trim().toLowerCase()).executeTakeFirst();
    return row && publicAccount(row);
  }

  private async enabledAdmins(db: Kysely<Tables>): Promise<number> {
    const row = await db.selectFrom('accounts').select((eb) => eb.fn.countAll<number>().as('n')).where('role', '=', 'admin').where('disabled', '=', 0).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /**
   * Check a login. Runs scrypt even for an unknown email or an account without password (against
   * a fixed dummy hash), so that the answer takes the same time whatever the cause of a refusal.
   */
  async verifyLogin(email: string, password: string): Promise<Account | undefined> {
    const row = await accountRows(this.db.kysely).where('email', '=', email.trim().toLowerCase()).executeTakeFirst();
    this.dummyHash ??= hashPassword(randomSecret(), this.scryptCost);
    const hash = row?.password_hash ?? (await this.dummyHash);
    const ok = await verifyPassword(password, hash);
    if (!ok || !row || row.password_hash === null || row.disabled === 1) return undefined;
    return publicAccount(row);
  }

  // ---------------------------------------------------------------- writes

  async create(input: NewAccount, actor: number | null): Promise<{ account: Account; password?: string }> {
    const email = normaliseEmail(input.email);
    if (!ROLES.includes(input.role)) throw badRequest('rôle inconnu', [{ path: 'role', message: `attendu : ${ROLES.join(', ')}` }]);
    const password = this.chosenPassword(input.password);
    if (await this.findByEmail(email)) throw conflict(`un compte existe déjà pour ${email}`, [{ path: 'email', message: 'adresse déjà utilisée' }]);
    const hash = password === undefined ? null : await hashPassword(password.clear, this.scryptCost);
    await this.gate.idle();
    const account = await this.insert({ ...input, email }, hash, actor);
    return password?.generated ? { account, password: password.clear } : { account };
  }

  /** The password a request asks for: given (checked), generated, or none. */
  private chosenPassword(password: string | { generate: true } | null | undefined): { clear: string; generated: boolean } | undefined {
    if (password === undefined || password === null) return undefined;
    if (typeof password === 'object') return { clear: randomPassword(), generated: true };
    const problem = passwordProblem(password);
    if (problem) throw badRequest(`mot de passe refusé : il ${problem}`, [{ path: 'password', message: problem }]);
    return { clear: password, generated: false };
  }

  /** Insert an account whose password (if any) is already hashed. */
  insert(input: Omit<NewAccount, 'password'>, passwordHash: string | null, actor: number | null): Promise<Account> {
    return this.db.write((trx) => this.insertIn(trx, input, passwordHash, actor));
  }

  private async insertIn(trx: Kysely<Tables>, input: Omit<NewAccount, 'password'>, passwordHash: string | null, actor: number | null): Promise<Account> {
    const email = normaliseEmail(input.email);
    if (!ROLES.includes(input.role)) throw badRequest('rôle inconnu', [{ path: 'role', message: `attendu : ${ROLES.join(', ')}` }]);
    const name = cleanName(input.name);
    if (await this.findByEmail(email, trx)) throw conflict(`un compte existe déjà pour ${email}`, [{ path: 'email', message: 'adresse déjà utilisée' }]);
    const at = this.iso();
    const { id } = await trx
      .insertInto('accounts')
      .values({ email, name, role: input.role, scope: JSON.stringify(input.scope ?? {}), password_hash: passwordHash, disabled: 0, created_at: at, updated_at: at })
      .returning('id')
      .executeTakeFirstOrThrow();
    const created = (await this.get(id, trx))!;
    await this.journal(trx, 'create', created.id, null, auditView(created), actor);
    return created;
  }

  /** Change an account. The last enabled administrator can be neither demoted nor disabled. */
  update(id: number, patch: AccountPatch, actor: number | null): Promise<Account> {
    return this.db.write(async (trx) => {
      const before = await this.require(id, trx);
      const next = {
        email: patch.email !== undefined ? normaliseEmail(patch.email) : before.email,
        name: patch.name !== undefined ? cleanName(patch.name) : before.name,
        role: patch.role ?? before.role,
        scope: patch.scope ?? before.scope,
        disabled: patch.disabled ?? before.disabled,
      };
      if (!ROLES.includes(next.role)) throw badRequest('rôle inconnu', [{ path: 'role', message: `attendu : ${ROLES.join(', ')}` }]);
      if (next.email !== before.email) {
        const other = await this.findByEmail(next.email, trx);
        if (other && other.id !== id) throw conflict(`un compte existe déjà pour ${next.email}`, [{ path: 'email', message: 'adresse déjà utilisée' }]);
      }
      const losesAdmin = before.role === 'admin' && !before.disabled && (next.role !== 'admin' || next.disabled);
      if (losesAdmin && (await this.enabledAdmins(trx)) <= 1) {
        throw conflict('c’est le dernier compte administrateur actif : créez-en un autre avant de le modifier', [{ path: next.disabled ? 'disabled' : 'role', message: 'dernier administrateur' }]);
      }
      await trx
        .updateTable('accounts')
        .set({ email: next.email, name: next.name, role: next.role, scope: JSON.stringify(next.scope), disabled: next.disabled ? 1 : 0, updated_at: this.iso() })
        .where('id', '=', id)
        .execute();
      // A change of role, scope or state ends the sessions opened under the old rights.
      if (next.disabled || next.role !== before.role || JSON.stringify(next.scope) !== JSON.stringify(before.scope)) await endSessionsOf(trx, id);
      const after = (await this.get(id, trx))!;
      if (JSON.stringify(auditView(after)) !== JSON.stringify(auditView(before))) await this.journal(trx, 'update', id, auditView(before), auditView(after), actor);
      return after;
    });
  }

  /** Set (or generate) a password; ends the account's sessions. `null` removes it (single sign-on only). */
  async setPassword(id: number, password: string | { generate: true } | null, actor: number | null): Promise<{ account: Account; password?: string }> {
    await this.require(id);
    const chosen = this.chosenPassword(password);
    const hash = chosen === undefined ? null : await hashPassword(chosen.clear, this.scryptCost);
    await this.gate.idle();
    const account = await this.db.write(async (trx) => {
      const before = await this.require(id, trx);
      await trx.updateTable('accounts').set({ password_hash: hash, updated_at: this.iso() }).where('id', '=', id).execute();
      await endSessionsOf(trx, id);
      const after = (await this.get(id, trx))!;
      await this.journal(trx, 'password', id, auditView(before), auditView(after), actor);
      return after;
    });
    return chosen?.generated ? { account, password: chosen.clear } : { account };
  }

  /**
   * Delete an account: its sessions and tokens go with it, and the journal entries about the
   * account itself keep only its number (email and name pseudonymised). Entries it wrote keep
   * naming it by number.
   */
  remove(id: number, actor: number | null): Promise<void> {
    return this.db.write(async (trx) => {
      const before = await this.require(id, trx);
      if (before.role === 'admin' && !before.disabled && (await this.enabledAdmins(trx)) <= 1) {
        throw conflict('c’est le dernier compte administrateur actif : il ne peut pas être supprimé', [{ path: 'id', message: 'dernier administrateur' }]);
      }
      await trx.deleteFrom('accounts').where('id', '=', id).execute();
      const pseudo = { email: `compte-supprime-${id}`, name: null };
      const redact = (json: string | null) => (json === null ? null : JSON.stringify({ ...(JSON.parse(json) as object), ...pseudo }));
      await redacting(trx, async () => {
        const rows = await trx.selectFrom('audit').select(['seq', 'before', 'after']).where('entity', '=', 'accounts').where('entity_id', '=', String(id)).execute();
        for (const row of rows) await trx.updateTable('audit').set({ before: redact(row.before), after: redact(row.after) }).where('seq', '=', row.seq).execute();
      });
      await this.journal(trx, 'delete', id, { ...auditView(before), ...pseudo }, null, actor);
    });
  }

  /**
   * First start: create the administrator when no administrator exists (accounts made beforehand
   * with npm run users do not count). An existing account with that email is left alone. Several
   * instances starting together create it once.
   */
  async ensureAdmin(email: string, password: string | undefined): Promise<{ created: false; reason?: string } | { created: true; email: string; password?: string }> {
    const admins = () => this.db.kysely.selectFrom('accounts').select('id').where('role', '=', 'admin').limit(1).execute();
    if ((await admins()).length > 0) return { created: false };
    const chosen = this.chosenPassword(password ?? { generate: true })!;
    const hash = await hashPassword(chosen.clear, this.scryptCost);
    return this.db.write(async (trx) => {
      if ((await trx.selectFrom('accounts').select('id').where('role', '=', 'admin').limit(1).execute()).length > 0) return { created: false as const };
      if (await this.findByEmail(email, trx)) return { created: false as const, reason: `aucun administrateur, mais l’adresse ${email} est déjà celle d’un autre compte : npm run users -- set-role ${email} --role admin` };
      const account = await this.insertIn(trx, { email, name: 'Administrateur', role: 'admin' }, hash, null);
      return chosen.generated ? { created: true as const, email: account.email, password: chosen.clear } : { created: true as const, email: account.email };
    });
  }

  /** A login went through: when, and the single sign-on subject it came with. */
  async recordLogin(id: number, oidcSubject?: string): Promise<void> {
    await this.db.kysely
      .updateTable('accounts')
      .set(oidcSubject !== undefined ? { last_login_at: this.iso(), oidc_subject: oidcSubject } : { last_login_at: this.iso() })
      .where('id', '=', id)
      .execute();
  }
}

/** End every session of an account (inside the transaction that changed its rights). */
export async function endSessionsOf(db: Kysely<Tables>, accountId: number): Promise<void> {
  await db.deleteFrom('sessions').where('account_id', '=', accountId).execute();
}

function cleanName(name: string | null | undefined): string | null {
  if (name === undefined || name === null) return null;
  if (typeof name !== 'string' || name.length > 200 || name.includes('\u0000')) throw badRequest('nom invalide', [{ path: 'name', message: 'un texte d’au plus 200 caractères, sans caractère nul' }]);
  return name.trim() === '' ? null : name.trim();
}

