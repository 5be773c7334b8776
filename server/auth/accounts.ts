// Accounts, browser sessions and API tokens in SQLite. Secrets are never stored: passwords as
// scrypt hashes, session cookies and API tokens as SHA-256 digests. Every change to an account
// or a token is written to the audit journal (entity `accounts` or `tokens`), never a secret.
import type { Database, Statement } from 'better-sqlite3';
import { ApiError, badRequest, conflict, notFound } from '../errors.ts';
import { DEFAULT_SCRYPT_COST, hashPassword, passwordProblem, randomPassword, randomSecret, sha256, verifyPassword } from './secrets.ts';
import { ROLES, type Account, type AccountScope, type Role, type SessionInfo } from './types.ts';

export const TOKEN_PREFIX = 'art_';
export const TOKEN_MAX_DAYS = 365;
export const TOKEN_DEFAULT_DAYS = 90;
const DAY = 24 * 60 * 60 * 1000;

export interface AccountStoreOptions {
  /** Milliseconds since the epoch (tests move it to expire sessions and tokens). */
  now?: () => number;
  /** log2 of scrypt's N (tests lower it to stay fast). */
  scryptCost?: number;
  /** Absolute lifetime of a session (default 12 h) and idle timeout (default 2 h). */
  sessionTtlMs?: number;
  sessionIdleMs?: number;
  /**
   * Another thread's writes (the write worker's imports, see writer.ts): while one holds the
   * database's write lock (`busy`), the bookkeeping writes of a read (a session's or a token's last
   * use, an expired session's removal) are skipped, made by a later request; the writes of an
   * account change wait for `idle()` instead of blocking in SQLite.
   */
  writeGate?: WriteGate;
}

export interface WriteGate {
  readonly busy: boolean;
  idle(): Promise<void>;
}

interface AccountRow {
  id: number;
  email: string;
  name: string | null;
  role: Role;
  scope: string;
  password_hash: string | null;
  disabled: number;
  oidc_subject: string | null;
  created_at: string;
  updated_at: string;
  last_login_at: string | null;
}

export interface TokenInfo {
  id: number;
  accountId: number;
  name: string;
  prefix: string;
  createdAt: string;
  expiresAt: string;
  revokedAt: string | null;
  lastUsedAt: string | null;
  active: boolean;
}

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

const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,190}$/;

/** Normalised email (trimmed, lower case) or a 400 naming the field. */
export function normaliseEmail(email: unknown, path = 'email'): string {
  if (typeof email !== 'string' || !EMAIL.test(email.trim())) {
    throw badRequest('adresse électronique invalide', [{ path, message: 'doit être une adresse électronique (nom@domaine)' }]);
  }
  return email.trim().toLowerCase();
}

export function publicAccount(row: AccountRow): Account {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    scope: JSON.parse(row.scope) as AccountScope,
    disabled: row.disabled === 1,
    hasPassword: row.password_hash !== null,
    oidcLinked: row.oidc_subject !== null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    lastLoginAt: row.last_login_at,
  };
}

/** What the journal keeps of an account: no secret. */
const auditView = (a: Account) => ({ email: a.email, name: a.name, role: a.role, scope: a.scope, disabled: a.disabled, hasPassword: a.hasPassword });

export class AccountStore {
  readonly now: () => number;
  readonly scryptCost: number;
  readonly sessionTtlMs: number;
  readonly sessionIdleMs: number;
  private readonly gate: WriteGate;
  private dummyHash: Promise<string> | undefined;
  private readonly stmt: {
    byId: Statement<[number], AccountRow>;
    byEmail: Statement<[string], AccountRow>;
    all: Statement<[], AccountRow>;
    count: Statement<[], { n: number }>;
    enabledAdmins: Statement<[], { n: number }>;
    admins: Statement<[], { n: number }>;
    audit: Statement<[string, string, string, string, string | null, string | null, string | null]>;
    session: Statement<[string], { id_hash: string; account_id: number; csrf_token: string; method: 'password' | 'oidc'; id_token: string | null; created_at: string; last_seen_at: string; expires_at: string }>;
    token: Statement<[string], { id: number; account_id: number; expires_at: string; revoked_at: string | null; last_used_at: string | null }>;
  };

  constructor(
    readonly db: Database,
    options: AccountStoreOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.scryptCost = options.scryptCost ?? DEFAULT_SCRYPT_COST;
    this.sessionTtlMs = options.sessionTtlMs ?? 12 * 60 * 60 * 1000;
    this.sessionIdleMs = options.sessionIdleMs ?? 2 * 60 * 60 * 1000;
    this.gate = options.writeGate ?? { busy: false, idle: async () => undefined };
    this.stmt = {
      byId: db.prepare('SELECT * FROM accounts WHERE id = ?'),
      byEmail: db.prepare('SELECT * FROM accounts WHERE email = ? COLLATE NOCASE'),
      all: db.prepare('SELECT * FROM accounts ORDER BY id'),
      count: db.prepare('SELECT count(*) AS n FROM accounts'),
      enabledAdmins: db.prepare("SELECT count(*) AS n FROM accounts WHERE role = 'admin' AND disabled = 0"),
      admins: db.prepare("SELECT count(*) AS n FROM accounts WHERE role = 'admin'"),
      audit: db.prepare(
        'INSERT INTO audit (at, action, entity, entity_id, before, after, data_version, account) VALUES (?, ?, ?, ?, ?, ?, (SELECT data_version FROM dataset WHERE singleton = 1), ?)',
      ),
      session: db.prepare('SELECT * FROM sessions WHERE id_hash = ?'),
      token: db.prepare('SELECT id, account_id, expires_at, revoked_at, last_used_at FROM api_tokens WHERE token_hash = ?'),
    };
  }

  private iso(ms = this.now()): string {
    return new Date(ms).toISOString();
  }

  private writeAudit(action: string, entity: 'accounts' | 'tokens', id: number, before: unknown, after: unknown, actor: number | null): void {
    this.stmt.audit.run(
      this.iso(),
      action,
      entity,
      String(id),
      before == null ? null : JSON.stringify(before),
      after == null ? null : JSON.stringify(after),
      actor === null ? null : String(actor),
    );
  }

  // ---------------------------------------------------------------- accounts

  count(): number {
    return this.stmt.count.get()!.n;
  }

  list(): Account[] {
    return this.stmt.all.all().map(publicAccount);
  }

  get(id: number): Account | undefined {
    const row = this.stmt.byId.get(id);
    return row && publicAccount(row);
  }

  require(id: number): Account {
    const found = this.get(id);
    if (!found) throw notFound(`compte introuvable : n° ${id}`);
    return found;
  }

  findByEmail(email: string): Account | undefined {
    const row = this.stmt.byEmail.get(email.trim().toLowerCase());
    return row && publicAccount(row);
  }

  /** The account of an email and its password hash, for the login check. */
  credentials(email: string): { account: Account; passwordHash: string | null } | undefined {
    const row = this.stmt.byEmail.get(email.trim().toLowerCase());
    return row && { account: publicAccount(row), passwordHash: row.password_hash };
  }

  /**
   * Check a login. Runs scrypt even for an unknown email or an account without password (against
   * a fixed dummy hash), so that the answer takes the same time whatever the cause of a refusal.
   */
  async verifyLogin(email: string, password: string): Promise<Account | undefined> {
    const found = this.credentials(email);
    this.dummyHash ??= hashPassword(randomSecret(), this.scryptCost);
    const hash = found?.passwordHash ?? (await this.dummyHash);
    const ok = await verifyPassword(password, hash);
    if (!ok || !found || found.passwordHash === null || found.account.disabled) return undefined;
    return found.account;
  }

  async create(input: NewAccount, actor: number | null): Promise<{ account: Account; password?: string }> {
    const email = normaliseEmail(input.email);
    if (!ROLES.includes(input.role)) throw badRequest('rôle inconnu', [{ path: 'role', message: `attendu : ${ROLES.join(', ')}` }]);
    let password: string | undefined;
    let generated = false;
    if (typeof input.password === 'object') {
      password = randomPassword();
      generated = true;
    } else if (input.password !== undefined) {
      const problem = passwordProblem(input.password);
      if (problem) throw badRequest(`mot de passe refusé : il ${problem}`, [{ path: 'password', message: problem }]);
      password = input.password;
    }
    if (this.findByEmail(email)) throw conflict(`un compte existe déjà pour ${email}`, [{ path: 'email', message: 'adresse déjà utilisée' }]);
    const hash = password === undefined ? null : await hashPassword(password, this.scryptCost);
    await this.gate.idle();
    const account = this.insert({ ...input, email }, hash, actor);
    return generated ? { account, password } : { account };
  }

  /** Insert an account whose password (if any) is already hashed. */
  insert(input: Omit<NewAccount, 'password'>, passwordHash: string | null, actor: number | null): Account {
    const email = normaliseEmail(input.email);
    if (!ROLES.includes(input.role)) throw badRequest('rôle inconnu', [{ path: 'role', message: `attendu : ${ROLES.join(', ')}` }]);
    const name = cleanName(input.name);
    return this.db
      .transaction(() => {
        if (this.findByEmail(email)) throw conflict(`un compte existe déjà pour ${email}`, [{ path: 'email', message: 'adresse déjà utilisée' }]);
        const at = this.iso();
        const { lastInsertRowid } = this.db
          .prepare('INSERT INTO accounts (email, name, role, scope, password_hash, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
          .run(email, name, input.role, JSON.stringify(input.scope ?? {}), passwordHash, at, at);
        const created = this.get(Number(lastInsertRowid))!;
        this.writeAudit('create', 'accounts', created.id, null, auditView(created), actor);
        return created;
      })
      .immediate();
  }

  /** Change an account. The last enabled administrator can be neither demoted nor disabled. */
  update(id: number, patch: AccountPatch, actor: number | null): Account {
    return this.db
      .transaction(() => {
        const before = this.require(id);
        const next = {
          email: patch.email !== undefined ? normaliseEmail(patch.email) : before.email,
          name: patch.name !== undefined ? cleanName(patch.name) : before.name,
          role: patch.role ?? before.role,
          scope: patch.scope ?? before.scope,
          disabled: patch.disabled ?? before.disabled,
        };
        if (!ROLES.includes(next.role)) throw badRequest('rôle inconnu', [{ path: 'role', message: `attendu : ${ROLES.join(', ')}` }]);
        if (next.email !== before.email) {
          const other = this.findByEmail(next.email);
          if (other && other.id !== id) throw conflict(`un compte existe déjà pour ${next.email}`, [{ path: 'email', message: 'adresse déjà utilisée' }]);
        }
        const losesAdmin = before.role === 'admin' && !before.disabled && (next.role !== 'admin' || next.disabled);
        if (losesAdmin && this.stmt.enabledAdmins.get()!.n <= 1) {
          throw conflict('c’est le dernier compte administrateur actif : créez-en un autre avant de le modifier', [{ path: next.disabled ? 'disabled' : 'role', message: 'dernier administrateur' }]);
        }
        this.db
          .prepare('UPDATE accounts SET email = ?, name = ?, role = ?, scope = ?, disabled = ?, updated_at = ? WHERE id = ?')
          .run(next.email, next.name, next.role, JSON.stringify(next.scope), next.disabled ? 1 : 0, this.iso(), id);
        // A change of role, scope or state ends the sessions opened under the old rights.
        if (next.disabled || next.role !== before.role || JSON.stringify(next.scope) !== JSON.stringify(before.scope)) this.endSessionsOf(id);
        const after = this.get(id)!;
        if (JSON.stringify(auditView(after)) !== JSON.stringify(auditView(before))) this.writeAudit('update', 'accounts', id, auditView(before), auditView(after), actor);
        return after;
      })
      .immediate();
  }

  /** Set (or generate) a password; ends the account's sessions. `null` removes it (single sign-on only). */
  async setPassword(id: number, password: string | { generate: true } | null, actor: number | null): Promise<{ account: Account; password?: string }> {
    this.require(id);
    let clear: string | undefined;
    let generated = false;
    if (password !== null && typeof password === 'object') {
      clear = randomPassword();
      generated = true;
    } else if (password !== null) {
      const problem = passwordProblem(password);
      if (problem) throw badRequest(`mot de passe refusé : il ${problem}`, [{ path: 'password', message: problem }]);
      clear = password;
    }
    const hash = clear === undefined ? null : await hashPassword(clear, this.scryptCost);
    await this.gate.idle();
    const account = this.db
      .transaction(() => {
        const before = this.require(id);
        this.db.prepare('UPDATE accounts SET password_hash = ?, updated_at = ? WHERE id = ?').run(hash, this.iso(), id);
        this.endSessionsOf(id);
        const after = this.get(id)!;
        this.writeAudit('password', 'accounts', id, auditView(before), auditView(after), actor);
        return after;
      })
      .immediate();
    return generated ? { account, password: clear } : { account };
  }

  /**
   * Delete an account: its sessions and tokens go with it, and the journal entries about the
   * account itself keep only its number (email and name pseudonymised). Entries it wrote keep
   * naming it by number.
   */
  remove(id: number, actor: number | null): void {
    this.db
      .transaction(() => {
        const before = this.require(id);
        if (before.role === 'admin' && !before.disabled && this.stmt.enabledAdmins.get()!.n <= 1) {
          throw conflict('c’est le dernier compte administrateur actif : il ne peut pas être supprimé', [{ path: 'id', message: 'dernier administrateur' }]);
        }
        this.db.prepare('DELETE FROM accounts WHERE id = ?').run(id);
        const pseudo = { email: `compte-supprime-${id}`, name: null };
        this.db.prepare('INSERT INTO audit_redaction (active) VALUES (1)').run();
        const rows = this.db.prepare("SELECT seq, before, after FROM audit WHERE entity = 'accounts' AND entity_id = ?").all(String(id)) as { seq: number; before: string | null; after: string | null }[];
        const redact = (json: string | null) => (json === null ? null : JSON.stringify({ ...(JSON.parse(json) as object), ...pseudo }));
        const update = this.db.prepare('UPDATE audit SET before = ?, after = ? WHERE seq = ?');
        for (const row of rows) update.run(redact(row.before), redact(row.after), row.seq);
        this.db.prepare('DELETE FROM audit_redaction').run();
        this.writeAudit('delete', 'accounts', id, { ...auditView(before), ...pseudo }, null, actor);
      })
      .immediate();
  }

  /**
   * First start: create the administrator when no administrator exists (accounts made beforehand
   * with npm run users do not count). An existing account with that email is left alone.
   */
  async ensureAdmin(email: string, password: string | undefined): Promise<{ created: false; reason?: string } | { created: true; email: string; password?: string }> {
    if (this.stmt.admins.get()!.n > 0) return { created: false };
    if (this.findByEmail(email)) return { created: false, reason: `aucun administrateur, mais l’adresse ${email} est déjà celle d’un autre compte : npm run users -- set-role ${email} --role admin` };
    const result = await this.create({ email, name: 'Administrateur', role: 'admin', password: password ?? { generate: true } }, null);
    return { created: true, email: result.account.email, password: result.password };
  }

  recordLogin(id: number, oidcSubject?: string): void {
    if (oidcSubject !== undefined) this.db.prepare('UPDATE accounts SET last_login_at = ?, oidc_subject = ? WHERE id = ?').run(this.iso(), oidcSubject, id);
    else this.db.prepare('UPDATE accounts SET last_login_at = ? WHERE id = ?').run(this.iso(), id);
  }

  // ---------------------------------------------------------------- sessions

  /** A new session (a new secret every time: a login never reuses an identifier it was given). */
  createSession(accountId: number, method: 'password' | 'oidc', idToken: string | null = null): { token: string; session: SessionInfo } {
    const token = randomSecret();
    const csrfToken = randomSecret();
    const now = this.now();
    const at = this.iso(now);
    const expiresAt = this.iso(now + this.sessionTtlMs);
    const idHash = sha256(token);
    this.db.prepare('DELETE FROM sessions WHERE expires_at <= ? OR last_seen_at <= ?').run(at, this.iso(now - this.sessionIdleMs));
    this.db
      .prepare('INSERT INTO sessions (id_hash, account_id, csrf_token, method, id_token, created_at, last_seen_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(idHash, accountId, csrfToken, method, idToken, at, at, expiresAt);
    return { token, session: { idHash, csrfToken, method, idToken, expiresAt } };
  }

  /** The session of a cookie value, if it is live and its account enabled; touches last_seen_at (at most once a minute). */
  session(token: string): { account: Account; session: SessionInfo } | undefined {
    if (token.length > 200) return undefined;
    const row = this.stmt.session.get(sha256(token));
    if (!row) return undefined;
    const now = this.now();
    if (row.expires_at <= this.iso(now) || row.last_seen_at <= this.iso(now - this.sessionIdleMs)) {
      if (!this.gate.busy) this.db.prepare('DELETE FROM sessions WHERE id_hash = ?').run(row.id_hash);
      return undefined;
    }
    const account = this.get(row.account_id);
    if (!account || account.disabled) return undefined;
    if (row.last_seen_at <= this.iso(now - 60_000) && !this.gate.busy) this.db.prepare('UPDATE sessions SET last_seen_at = ? WHERE id_hash = ?').run(this.iso(now), row.id_hash);
    return { account, session: { idHash: row.id_hash, csrfToken: row.csrf_token, method: row.method, idToken: row.id_token, expiresAt: row.expires_at } };
  }

  endSession(idHash: string): void {
    this.db.prepare('DELETE FROM sessions WHERE id_hash = ?').run(idHash);
  }

  endSessionsOf(accountId: number): void {
    this.db.prepare('DELETE FROM sessions WHERE account_id = ?').run(accountId);
  }

  // ---------------------------------------------------------------- API tokens

  createToken(accountId: number, name: unknown, days: unknown, actor: number | null): { token: string; info: TokenInfo } {
    const account = this.require(accountId);
    if (typeof name !== 'string' || name.trim() === '' || name.length > 100) {
      throw badRequest('nom du jeton invalide', [{ path: 'name', message: 'un texte de 1 à 100 caractères (à quoi sert ce jeton ?)' }]);
    }
    const lifetime = days === undefined ? TOKEN_DEFAULT_DAYS : days;
    if (typeof lifetime !== 'number' || !Number.isInteger(lifetime) || lifetime < 1 || lifetime > TOKEN_MAX_DAYS) {
      throw badRequest('durée de validité invalide', [{ path: 'expiresInDays', message: `un nombre entier de jours entre 1 et ${TOKEN_MAX_DAYS}` }]);
    }
    if (account.disabled) throw new ApiError(409, 'ce compte est désactivé', [{ path: 'account', message: 'compte désactivé' }]);
    const secret = `${TOKEN_PREFIX}${randomSecret()}`;
    const now = this.now();
    const info = this.db
      .transaction(() => {
        const { lastInsertRowid } = this.db
          .prepare('INSERT INTO api_tokens (account_id, name, token_hash, prefix, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)')
          .run(accountId, name.trim(), sha256(secret), secret.slice(0, TOKEN_PREFIX.length + 6), this.iso(now), this.iso(now + lifetime * DAY));
        const created = this.token(Number(lastInsertRowid))!;
        this.writeAudit('create', 'tokens', created.id, null, { account: accountId, name: created.name, prefix: created.prefix, expiresAt: created.expiresAt }, actor);
        return created;
      })
      .immediate();
    return { token: secret, info };
  }

  token(id: number): TokenInfo | undefined {
    const row = this.db.prepare('SELECT * FROM api_tokens WHERE id = ?').get(id) as TokenRow | undefined;
    return row && this.tokenInfo(row);
  }

  tokens(accountId?: number): TokenInfo[] {
    const rows = (accountId === undefined
      ? this.db.prepare('SELECT * FROM api_tokens ORDER BY id DESC').all()
      : this.db.prepare('SELECT * FROM api_tokens WHERE account_id = ? ORDER BY id DESC').all(accountId)) as TokenRow[];
    return rows.map((r) => this.tokenInfo(r));
  }

  private tokenInfo(row: TokenRow): TokenInfo {
    return {
      id: row.id,
      accountId: row.account_id,
      name: row.name,
      prefix: row.prefix,
      createdAt: row.created_at,
      expiresAt: row.expires_at,
      revokedAt: row.revoked_at,
      lastUsedAt: row.last_used_at,
      active: row.revoked_at === null && row.expires_at > this.iso(),
    };
  }

  revokeToken(id: number, actor: number | null): TokenInfo {
    return this.db
      .transaction(() => {
        const found = this.token(id);
        if (!found) throw notFound(`jeton introuvable : n° ${id}`);
        if (found.revokedAt !== null) return found;
        this.db.prepare('UPDATE api_tokens SET revoked_at = ? WHERE id = ?').run(this.iso(), id);
        const after = this.token(id)!;
        this.writeAudit('revoke', 'tokens', id, { account: found.accountId, name: found.name, prefix: found.prefix, revokedAt: null }, { account: found.accountId, name: found.name, prefix: found.prefix, revokedAt: after.revokedAt }, actor);
        return after;
      })
      .immediate();
  }

  /** The account behind a bearer token, or why it is refused. */
  authenticateToken(secret: string): { account: Account; tokenId: number } | { refused: 'inconnu' | 'expiré' | 'révoqué' | 'compte désactivé' } {
    if (!secret.startsWith(TOKEN_PREFIX) || secret.length > 200) return { refused: 'inconnu' };
    const row = this.stmt.token.get(sha256(secret));
    if (!row) return { refused: 'inconnu' };
    if (row.revoked_at !== null) return { refused: 'révoqué' };
    const now = this.now();
    if (row.expires_at <= this.iso(now)) return { refused: 'expiré' };
    const account = this.get(row.account_id);
    if (!account || account.disabled) return { refused: 'compte désactivé' };
    if ((row.last_used_at === null || row.last_used_at <= this.iso(now - 60_000)) && !this.gate.busy) this.db.prepare('UPDATE api_tokens SET last_used_at = ? WHERE id = ?').run(this.iso(now), row.id);
    return { account, tokenId: row.id };
  }
}

interface TokenRow {
  id: number;
  account_id: number;
  name: string;
  prefix: string;
  created_at: string;
  expires_at: string;
  revoked_at: string | null;
  last_used_at: string | null;
}

function cleanName(name: string | null | undefined): string | null {
  if (name === undefined || name === null) return null;
  if (typeof name !== 'string' || name.length > 200) throw badRequest('nom invalide', [{ path: 'name', message: 'un texte d’au plus 200 caractères' }]);
  return name.trim() === '' ? null : name.trim();
}
