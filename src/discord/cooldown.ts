// Per-user rate limit for questions and autocomplete: at most `limit` uses in any `windowMs` window (a sliding
// window of timestamps per user). No timers: old entries are pruned when users come back, and the whole map
// is swept when it grows, so a flood of distinct users cannot grow memory without bound.
//
// A refused user is told once, then ignored (admit): the first refusal after an allowed use gets the "slow
// down" reply, and every further refusal gets no reply at all until the user is allowed again. So a flooded
// request costs the bot no REST call (only what discord.js spends decoding it and this lookup), instead of one
// reply each; and a user is told at most once per allowed use, so at most `limit` notices per window. In Discord, an unanswered slash
// command shows "The application did not respond" to that user only, a few seconds after they were told to
// wait; unanswered autocomplete shows "Loading options failed" and keeps what they typed. Both are the
// flooder's own view; nobody else sees anything.
export type Admission =
  | { allowed: true }
  /** notify: first refusal since the user was last allowed in this place: tell them; false: stay silent. */
  | { allowed: false; waitMs: number; notify: boolean };

interface UserHits {
  times: number[];
  /** Places ("dm", "command", ...) where this user was told to slow down since their last allowed use. */
  told: Set<string> | null;
}

export class Cooldown {
  private readonly hits = new Map<string, UserHits>();

  /** limit 0 (or less) disables the cooldown. */
  constructor(
    readonly limit: number,
    readonly windowMs = 10_000,
    private readonly now: () => number = () => Date.now(),
    private readonly maxUsers = 10_000,
  ) {}

  get enabled(): boolean {
    return this.limit > 0;
  }

  /**
   * Records a use by `userId` and returns 0 when it is allowed; otherwise returns how many milliseconds remain
   * until the user may try again (and records nothing, so waiting always helps).
   */
  take(userId: string): number {
    return this.record(userId).waitMs;
  }

  /** take(), plus whether a refusal should be announced in `place` (see the top of this file). */
  admit(userId: string, place: string): Admission {
    const { waitMs, entry } = this.record(userId);
    if (waitMs === 0) return { allowed: true };
    const told = (entry.told ??= new Set());
    const notify = !told.has(place);
    told.add(place);
    return { allowed: false, waitMs, notify };
  }

  private record(userId: string): { waitMs: number; entry: UserHits } {
    if (!this.enabled) return { waitMs: 0, entry: { times: [], told: null } };
    const t = this.now();
    const before = this.hits.get(userId);
    const times = (before?.times ?? []).filter((at) => t - at < this.windowMs);
    if (times.length >= this.limit) {
      const entry = { times, told: before?.told ?? null };
      this.hits.set(userId, entry);
      return { waitMs: Math.max(1, (times[0] ?? t) + this.windowMs - t), entry };
    }
    times.push(t);
    const entry = { times, told: null }; // allowed again: their next refusal is announced
    this.hits.set(userId, entry);
    if (this.hits.size > this.maxUsers) this.sweep(t);
    return { waitMs: 0, entry };
  }

  /** How many users are tracked (for tests). */
  get size(): number {
    return this.hits.size;
  }

  private sweep(t: number): void {
    for (const [user, { times }] of this.hits) if (times.every((at) => t - at >= this.windowMs)) this.hits.delete(user);
  }
}

/** "3 s" style wait for a friendly message (at least 1 s). */
export function waitText(ms: number): string {
  return `${Math.max(1, Math.ceil(ms / 1000))} s`;
}
