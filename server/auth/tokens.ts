// API tokens for scripts (Authorization: Bearer art_…), in the database: shown once, only their
// SHA-256 is stored; valid 1 to 365 days, revocable. Creations and revocations are journaled
// (entity `tokens`), never a secret.
import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../db/database.ts';
import { prepared } from '../db/prepared.ts';
import type { Tables } from '../db/schema.ts';
import { ApiError, badRequest, notFound } from '../errors.ts';
import { appendJournal } from '../store/journal.ts';
import { publicAccount, type AccountStore, type WriteGate } from './accounts.ts';
import { randomSecret, sha256 } from './secrets.ts';
import type { Account } from './types.ts';

export const TOKEN_PREFIX = 'art_';
export const TOKEN_MAX_DAYS = 365;
export const TOKEN_DEFAULT_DAYS = 90;
const DAY = 24 * 60 * 60 * 1000;

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

export type TokenRefusal = 'inconnu' | 'expiré' | 'révoqué' | 'compte désactivé';

/** A token and its account, by the token's digest (every request of a script). */
const tokenQuery = prepared((db: Kysely<Tables>, hash: string) =>
  db
    .selectFrom('api_tokens as t')
    .innerJoin('accounts as a', 'a.id', 't.account_id')
    .selectAll('a')
    .select(['t.id as token_id', 't.expires_at', 't.revoked_at', 't.last_used_at'])
    .where('t.token_hash', '=', hash),
);

export class TokenStore {
  private readonly now: () => number;
  private readonly gate: WriteGate;

  constructor(
    private readonly db: Database,
    private readonly accounts: AccountStore,
    options: { now?: () => number; writeGate?: WriteGate } = {},
  ) {
    this.now = options.now ?? Date.now;
    this.gate = options.writeGate ?? { busy: false, idle: async () => undefined };
  }

  private iso(ms = this.now()): string {
    return new Date(ms).toISOString();
  }

  async create(accountId: number, name: unknown, days: unknown, actor: number | null): Promise<{ token: string; info: TokenInfo }> {
    const account = await this.accounts.require(accountId);
    if (typeof name !== 'string' || name.trim() === '' || name.length > 100 || name.includes('\u0000')) {
      throw badRequest('nom du jeton invalide', [{ path: 'name', message: 'un texte de 1 à 100 caractères (à quoi sert ce jeton ?)' }]);
    }
    const lifetime = days === undefined ? TOKEN_DEFAULT_DAYS : days;
    if (typeof lifetime !== 'number' || !Number.isInteger(lifetime) || lifetime < 1 || lifetime > TOKEN_MAX_DAYS) {
      throw badRequest('durée de validité invalide', [{ path: 'expiresInDays', message: `un nombre entier de jours entre 1 et ${TOKEN_MAX_DAYS}` }]);
    }
    if (account.disabled) throw new ApiError(409, 'ce compte est désactivé', [{ path: 'account', message: 'compte désactivé' }]);
    const secret = `${TOKEN_PREFIX}${randomSecret()}`;
    const now = this.now();
    const info = await this.db.write(async (trx) => {
      const { id } = await trx
        .insertInto('api_tokens')
        .values({ account_id: accountId, name: name.trim(), token_hash: sha256(secret), prefix: secret.slice(0, TOKEN_PREFIX.length + 6), created_at: this.iso(now), expires_at: this.iso(now + lifetime * DAY) })
        .returning('id')
        .executeTakeFirstOrThrow();
      const created = this.info((await trx.selectFrom('api_tokens').selectAll().where('id', '=', id).executeTakeFirstOrThrow()));
      await appendJournal(trx, {
        at: this.iso(),
        action: 'create',
        entity: 'tokens',
        entityId: String(id),
        before: null,
        after: { account: accountId, name: created.name, prefix: created.prefix, expiresAt: created.expiresAt },
        account: actor === null ? null : String(actor),
      });
      return created;
    });
    return { token: secret, info };
  }

  async get(id: number): Promise<TokenInfo | undefined> {
    const row = await this.db.kysely.selectFrom('api_tokens').selectAll().where('id', '=', id).executeTakeFirst();
    return row && this.info(row);
  }

  /** An account's tokens, or everyone's, newest first. */
  async list(accountId?: number): Promise<TokenInfo[]> {
    let query = this.db.kysely.selectFrom('api_tokens').selectAll().orderBy('id', 'desc');
    if (accountId !== undefined) query = query.where('account_id', '=', accountId);
    return (await query.execute()).map((row) => this.info(row));
  }

  private info(row: Selectable<Tables['api_tokens']>): TokenInfo {
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

  revoke(id: number, actor: number | null): Promise<TokenInfo> {
    return this.db.write(async (trx) => {
      const row = await trx.selectFrom('api_tokens').selectAll().where('id', '=', id).executeTakeFirst();
      if (!row) throw notFound(`jeton introuvable : n° ${id}`);
      const found = this.info(row);
      if (found.revokedAt !== null) return found;
      const revokedAt = this.iso();
      await trx.updateTable('api_tokens').set({ revoked_at: revokedAt }).where('id', '=', id).execute();
      const view = { account: found.accountId, name: found.name, prefix: found.prefix };
      await appendJournal(trx, { at: revokedAt, action: 'revoke', entity: 'tokens', entityId: String(id), before: { ...view, revokedAt: null }, after: { ...view, revokedAt }, account: actor === null ? null : String(actor) });
      return { ...found, revokedAt, active: false };
    });
  }

  /** The account behind a bearer token, or why it is refused. */
  async authenticate(secret: string): Promise<{ account: Account; tokenId: number } | { refused: TokenRefusal }> {
    if (!secret.startsWith(TOKEN_PREFIX) || secret.length > 200) return { refused: 'inconnu' };
    const [row] = await tokenQuery(this.db.kysely, sha256(secret));
    if (!row) return { refused: 'inconnu' };
    if (row.revoked_at !== null) return { refused: 'révoqué' };
    const now = this.now();
    if (row.expires_at <= this.iso(now)) return { refused: 'expiré' };
    if (row.disabled === 1) return { refused: 'compte désactivé' };
    const account = publicAccount(row);
    if ((row.last_used_at === null || row.last_used_at <= this.iso(now - 60_000)) && !this.gate.busy) {
      await this.db.kysely.updateTable('api_tokens').set({ last_used_at: this.iso(now) }).where('id', '=', row.token_id).execute();
    }
    return { account, tokenId: row.token_id };
  }
}
