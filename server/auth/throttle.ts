// Login throttling: at most `max` failures per `windowMs` per key (an account's email, a client
// address); beyond that, logins on that key are refused with 429 until the oldest failure leaves
// the window. Kept in memory: a restart forgets it (the server is a single process).
export interface ThrottleOptions {
  max?: number;
  windowMs?: number;
  now?: () => number;
}

const MAX_KEYS = 100_000;

export class LoginThrottle {
  readonly max: number;
  readonly windowMs: number;
  private readonly now: () => number;
  private readonly failures = new Map<string, number[]>();

  constructor(options: ThrottleOptions = {}) {
    this.max = options.max ?? 5;
    this.windowMs = options.windowMs ?? 60_000;
    this.now = options.now ?? Date.now;
  }

  private recent(key: string, now: number): number[] {
    const list = (this.failures.get(key) ?? []).filter((t) => t > now - this.windowMs);
    if (list.length) this.failures.set(key, list);
    else this.failures.delete(key);
    return list;
  }

  /** Seconds to wait when one of the keys is over the limit, else 0. */
  retryAfter(keys: readonly string[]): number {
    const now = this.now();
    let wait = 0;
    for (const key of keys) {
      const list = this.recent(key, now);
      if (list.length >= this.max) wait = Math.max(wait, Math.ceil((list[list.length - this.max] + this.windowMs - now) / 1000));
    }
    return wait;
  }

  fail(keys: readonly string[]): void {
    const now = this.now();
    if (this.failures.size > MAX_KEYS) this.prune(now);
    for (const key of keys) {
      const list = this.recent(key, now);
      list.push(now);
      this.failures.set(key, list);
    }
  }

  /** A successful login clears its account's failures (not its address's). */
  clear(key: string): void {
    this.failures.delete(key);
  }

  private prune(now: number): void {
    for (const key of [...this.failures.keys()]) this.recent(key, now);
  }
}
