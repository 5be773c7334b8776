// Login throttling: at most `max` failures per `windowMs` per key (an account's email, a client
// address); beyond that, logins on that key are refused with 429 until the oldest failure leaves
// the window. The failures are in the database, so that every instance counts them all; keys are
// stored hashed, and failures older than the window are deleted as new ones come.
import type { Database } from '../db/database.ts';
import type { WriteGate } from './accounts.ts';
import { sha256 } from './secrets.ts';

export interface ThrottleOptions {
  max?: number;
  windowMs?: number;
  now?: () => number;
  writeGate?: WriteGate;
}

export class LoginThrottle {
  readonly max: number;
  readonly windowMs: number;
  private readonly now: () => number;
  private readonly gate: WriteGate;

  constructor(
    private readonly db: Database,
    options: ThrottleOptions = {},
  ) {
    this.max = options.max ?? 5;
    this.windowMs = options.windowMs ?? 60_000;
    this.now = options.now ?? Date.now;
    this.gate = options.writeGate ?? { busy: false, idle: async () => undefined };
  }

  private since(now: number): string {
    return new Date(now - this.windowMs).toISOString();
  }

  /** Seconds to wait when one of the keys is over the limit, else 0. */
  async retryAfter(keys: readonly string[]): Promise<number> {
    const now = this.now();
    let wait = 0;
    for (const key of keys) {
      // The failure that must leave the window before the next try: the max-th most recent.
      const oldest = await this.db.kysely
        .selectFrom('login_failures')
        .select('at')
        .where('key_hash', '=', sha256(key))
        .where('at', '>', this.since(now))
        .orderBy('at', 'desc')
        .offset(this.max - 1)
        .limit(1)
        .executeTakeFirst();
      if (oldest) wait = Math.max(wait, Math.ceil((Date.parse(oldest.at) + this.windowMs - now) / 1000));
    }
    return wait;
  }

  async fail(keys: readonly string[]): Promise<void> {
    const now = this.now();
    const at = new Date(now).toISOString();
    await this.gate.idle();
    await this.db.kysely.deleteFrom('login_failures').where('at', '<=', this.since(now)).execute();
    await this.db.kysely
      .insertInto('login_failures')
      .values(keys.map((key) => ({ key_hash: sha256(key), at })))
      .execute();
  }

  /** A successful login clears its account's failures (not its address's). */
  async clear(key: string): Promise<void> {
    await this.gate.idle();
    await this.db.kysely.deleteFrom('login_failures').where('key_hash', '=', sha256(key)).execute();
  }
}
