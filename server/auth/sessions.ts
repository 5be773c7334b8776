// Browser sessions in the database, so that any instance knows them: the cookie holds a random
// secret, only its SHA-256 is stored. A session lives 12 hours at most, 2 hours without activity.
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import { prepared } from '../db/prepared.ts';
import type { Tables } from '../db/schema.ts';
import { publicAccount, type WriteGate } from './accounts.ts';
import { randomSecret, sha256 } from './secrets.ts';
import type { Account, SessionInfo } from './types.ts';

/** A session and its account, by the cookie's digest (every request of a browser). */
const sessionQuery = prepared((db: Kysely<Tables>, hash: string) =>
  db
    .selectFrom('sessions as s')
    .innerJoin('accounts as a', 'a.id', 's.account_id')
    .selectAll('a')
    .select(['s.id_hash', 's.csrf_token', 's.method', 's.id_token', 's.last_seen_at', 's.expires_at'])
    .where('s.id_hash', '=', hash),
);

export interface SessionStoreOptions {
  now?: () => number;
  /** Absolute lifetime of a session (default 12 h) and idle timeout (default 2 h). */
  ttlMs?: number;
  idleMs?: number;
  writeGate?: WriteGate;
}

export class SessionStore {
  readonly ttlMs: number;
  readonly idleMs: number;
  private readonly now: () => number;
  private readonly gate: WriteGate;

  constructor(
    private readonly db: Database,
    options: SessionStoreOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.ttlMs = options.ttlMs ?? 12 * 60 * 60 * 1000;
    this.idleMs = options.idleMs ?? 2 * 60 * 60 * 1000;
    this.gate = options.writeGate ?? { busy: false, idle: async () => undefined };
  }

  private iso(ms = this.now()): string {
    return new Date(ms).toISOString();
  }

  /** A new session (a new secret every time: a login never reuses an identifier it was given). */
  async create(accountId: number, method: 'password' | 'oidc', idToken: string | null = null): Promise<{ token: string; session: SessionInfo }> {
    const token = randomSecret();
    const csrfToken = randomSecret();
    const now = this.now();
    const at = this.iso(now);
    const expiresAt = this.iso(now + this.ttlMs);
    const idHash = sha256(token);
    // Under the write lock: an account deleted meanwhile on another instance is not left a session.
    await this.db.write(async (trx) => {
      await trx
        .deleteFrom('sessions')
        .where((eb) => eb.or([eb('expires_at', '<=', at), eb('last_seen_at', '<=', this.iso(now - this.idleMs))]))
        .execute();
      await trx.insertInto('sessions').values({ id_hash: idHash, account_id: accountId, csrf_token: csrfToken, method, id_token: idToken, created_at: at, last_seen_at: at, expires_at: expiresAt }).execute();
    });
    return { token, session: { idHash, csrfToken, method, idToken, expiresAt } };
  }

  /** The session of a cookie value, if it is live and its account enabled; touches last_seen_at (at most once a minute). */
  async find(token: string): Promise<{ account: Account; session: SessionInfo } | undefined> {
    if (token.length > 200) return undefined;
    const [row] = await sessionQuery(this.db.kysely, sha256(token));
    if (!row) return undefined;
    const now = this.now();
    if (row.expires_at <= this.iso(now) || row.last_seen_at <= this.iso(now - this.idleMs)) {
      if (!this.gate.busy) await this.end(row.id_hash);
      return undefined;
    }
    const account = publicAccount(row);
    if (account.disabled) return undefined;
    if (row.last_seen_at <= this.iso(now - 60_000) && !this.gate.busy) await this.db.kysely.updateTable('sessions').set({ last_seen_at: this.iso(now) }).where('id_hash', '=', row.id_hash).execute();
    return { account, session: { idHash: row.id_hash, csrfToken: row.csrf_token, method: row.method, idToken: row.id_token, expiresAt: row.expires_at } };
  }

  async end(idHash: string, db: Kysely<Tables> = this.db.kysely): Promise<void> {
    await db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
  }
}
