/**
 * limits.auth_failures: a client address that has presented `max` wrong credentials within a
 * fixed window (from its first failure) is answered 429 until that window ends, without its
 * credentials being checked. Each wrong Basic password costs an scrypt (≈ 50 ms of a core): this
 * bounds both password guessing and the CPU a client can burn that way. Counted per process.
 *
 * Memory stays bounded: past MAX_TRACKED addresses the expired entries are dropped, then the
 * oldest ones (a flood of addresses forgets the earliest, it does not grow the map).
 */
export const MAX_TRACKED = 100_000;

interface Window {
  failures: number;
  readonly endsAt: number;
}

export class FailureLimiter {
  readonly #max: number;
  readonly #windowMs: number;
  readonly #windows = new Map<string, Window>();

  constructor(max: number, windowMs: number) {
    this.#max = max;
    this.#windowMs = windowMs;
  }

  /** Seconds until `client` may try again (at least 1), or undefined when it may now. */
  blockedFor(client: string, now = Date.now()): number | undefined {
    const w = this.#windows.get(client);
    if (w === undefined) return undefined;
    if (w.endsAt <= now) {
      this.#windows.delete(client);
      return undefined;
    }
    return w.failures >= this.#max ? Math.max(1, Math.ceil((w.endsAt - now) / 1000)) : undefined;
  }

  /** Records one wrong credential presented by `client`. */
  fail(client: string, now = Date.now()): void {
    const w = this.#windows.get(client);
    if (w !== undefined && w.endsAt > now) {
      w.failures++;
      return;
    }
    if (w === undefined && this.#windows.size >= MAX_TRACKED) this.#prune(now);
    this.#windows.delete(client);
    this.#windows.set(client, { failures: 1, endsAt: now + this.#windowMs });
  }

  /** Addresses tracked now (for the tests). */
  get size(): number {
    return this.#windows.size;
  }

  #prune(now: number): void {
    for (const [client, w] of this.#windows) if (w.endsAt <= now) this.#windows.delete(client);
    // Insertion order is age order: the oldest windows go first.
    for (const client of this.#windows.keys()) {
      if (this.#windows.size < MAX_TRACKED) break;
      this.#windows.delete(client);
    }
  }
}
